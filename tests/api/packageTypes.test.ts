// The package's types are declaration files built from the sources (npm run build:types, run by prepare), not the
// TypeScript sources themselves: built here into a folder of their own, a strict consumer that uses the library
// and the authoring kit type-checks against them, declarations included.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.ts';

// Inside node_modules, so that the declarations find xstate and zod as an installed package's would.
const cache = join(repoRoot, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(join(cache, 'irp-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');

describe("the package's types", () => {
  it('point at declarations that build:types makes, and a strict consumer type-checks against them', () => {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { types: string; exports: Record<string, { types: string }>; scripts: Record<string, string> };
    expect(pkg.types).toBe('./dist/types/index.d.ts');
    expect(pkg.exports['./playbook']?.types).toBe('./dist/types/playbook/definePlaybook.d.ts');
    expect(pkg.scripts.prepare).toContain('build:types');

    execFileSync(tsc, ['-p', join(repoRoot, '.build', 'tsconfig.types.json'), '--outDir', join(dir, 'types')], { stdio: 'pipe' });
    writeFileSync(
      join(dir, 'use.ts'),
      `import { openIrp, UserError, type IncidentReport } from './types/index.js';
import { definePlaybook, field, payload, type StepMeta } from './types/playbook/definePlaybook.js';
import { z } from 'zod';
const irp = openIrp({ stateDir: 'state', playbooksDir: 'playbooks' });
export async function declare(): Promise<IncidentReport> {
  const { view } = await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware', actor: { name: 'Sam' } });
  return irp.step(view.id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, { actor: { name: 'Sam' } });
}
export const scope = payload({ share: field(z.number().min(0).max(100), 'Share of the estate (%)') });
export const meta: StepMeta = { title: 'Declare', role: 'ic', instructions: 'Declare.' };
export const isRefusal = (error: unknown) => error instanceof UserError;
export const kept = definePlaybook;
// @ts-expect-error: a step's title is text
export const wrong: StepMeta = { title: 1, instructions: 'Declare.' };
`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: false, types: ['node'] }, files: ['use.ts'] }),
    );
    const check = () => execFileSync(tsc, ['-p', dir], { encoding: 'utf8', stdio: 'pipe' });
    expect(check).not.toThrow();
  });
});
