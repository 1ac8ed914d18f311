import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { IMPORTER } from '../playbook/importModule.ts';

/** Set by the build to the name of the bundled commands file beside the CLI; absent when running from source. */
declare const IRP_COMMANDS_FILE: string | undefined;

type RunCommand = typeof import('./runCommand.ts').runCommand;

function keepCodeCache(script: Script, cacheFile: string): void {
  try {
    writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData());
    renameSync(`${cacheFile}.${process.pid}`, cacheFile);
  } catch {
    // A read-only install: every start compiles, a little slower.
  }
}

/**
 * Loads the commands. Built, they are one CommonJS file compiled through V8 with a code cache kept beside it
 * (`<file>.v8cache`), which saves most of the compile time on every later start; if the cache is missing or was
 * made by another Node, the file is compiled as usual and the cache written again. From source, a plain import.
 */
export async function loadCommands(): Promise<RunCommand> {
  if (typeof IRP_COMMANDS_FILE === 'undefined') return (await import('./runCommand.ts')).runCommand;
  const file = join(dirname(fileURLToPath(import.meta.url)), IRP_COMMANDS_FILE);
  const cacheFile = `${file}.v8cache`;
  const source = readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  // Modules imported at run time (playbooks, esbuild) go through this module's own loader.
  (globalThis as Record<symbol, unknown>)[IMPORTER] = (specifier: string) => import(specifier);
  const module = { exports: {} as { runCommand?: RunCommand } };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  // Written as the process ends, so that the cache holds the code of every function the command ran (V8 compiles a
  // function when it is first called), not only the file's top level.
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => keepCodeCache(script, cacheFile));
  if (!module.exports.runCommand) throw new Error(`${file} does not export runCommand`);
  return module.exports.runCommand;
}
