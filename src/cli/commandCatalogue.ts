import { commandModules } from './commandModules.ts';
import { commandsOf, type DeclaredCommand } from './declareCommand.ts';

/**
 * Every command's declaration, without its code: what the shell needs to parse a command line and print --help.
 * The build runs this once and writes the answer into the shell; from source it runs at each start.
 */
export async function declaredCommands(): Promise<DeclaredCommand[]> {
  const modules = await Promise.all(commandModules.map((load) => load()));
  return modules.flatMap((module, moduleIndex) =>
    commandsOf(module).map(({ run: _run, ...declared }, index) => ({
      ...declared,
      arguments: [...(declared.arguments ?? [])],
      options: { ...declared.options },
      module: moduleIndex,
      index,
    })),
  );
}
