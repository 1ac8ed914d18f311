import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.ts';

/** Scenarios live beside their playbooks as `<scenario-id>.scenario.yaml`; a path works too. */
export function findScenario(playbooksDir: string, wanted: string): string {
  if (wanted.endsWith('.yaml') || wanted.endsWith('.yml') || wanted.includes('/')) {
    const path = resolve(wanted);
    if (!existsSync(path)) throw new UserError(`There is no scenario file ${path}.`);
    return path;
  }
  const file = join(playbooksDir, `${wanted}.scenario.yaml`);
  if (existsSync(file)) return file;
  throw new UserError(`There is no scenario "${wanted}" in ${playbooksDir}. Scenarios: ${listScenarios(playbooksDir).join(', ') || '(none)'}.`);
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
