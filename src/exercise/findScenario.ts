import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.ts';

/** Scenarios live beside their playbooks as `<scenario-id>.scenario.yaml`; a path works too. */
export function findScenario(playbooksDir: string, wanted: string): string {
  const beside = join(playbooksDir, wanted);
  if (!wanted.includes('/') && existsSync(beside) && /\.ya?ml$/.test(wanted)) return beside;
  if (wanted.endsWith('.yaml') || wanted.endsWith('.yml') || wanted.includes('/')) {
    const path = resolve(wanted);
    if (!existsSync(path)) throw new UserError({ code: 'no-scenario-file', path });
    return path;
  }
  const file = join(playbooksDir, `${wanted}.scenario.yaml`);
  if (existsSync(file)) return file;
  throw new UserError({ code: 'no-scenario', wanted, folder: playbooksDir, known: listScenarios(playbooksDir) });
}

export function listScenarios(playbooksDir: string): string[] {
  try {
    return readdirSync(playbooksDir)
      .filter((name) => name.endsWith('.scenario.yaml'))
      .map((name) => name.slice(0, -'.scenario.yaml'.length))
      .sort();
  } catch {
    return [];
  }
}

/** How a scenario file is named in a record: by its name when it sits beside the playbooks, else by its path. */
export function scenarioReference(playbooksDir: string, file: string): string {
  return dirname(file) === resolve(playbooksDir) ? basename(file) : file;
}
