// Playbooks that attack irp, for tests/playbook/sandbox.test.ts and npm run torture: each escape from a sandbox
// known to us, written so that it leaves a marker file if it ever reaches the process.
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { playbooksDir } from './paths.ts';

/** Each escape, as an expression that would give the process object if it worked. */
export const ESCAPES: Record<string, string> = {
  objectConstructor: `({}).constructor.constructor('return process')()`,
  sloppyThis: `(function () { return this; })().process`,
  arrayMethodConstructor: `[].map.constructor('return process')()`,
  xstateSetupConstructor: `setup.constructor('return this')().process`,
  topLevelThis: `this.constructor.constructor('return process')()`,
  generatorFunctionConstructor: `(function* () {}).constructor('return process')().next().value`,
  callSites: `(() => {
    const saved = Error.prepareStackTrace;
    Error.prepareStackTrace = (_, frames) => frames;
    const frames = new Error().stack;
    Error.prepareStackTrace = saved;
    for (const frame of Array.isArray(frames) ? frames : []) {
      const fn = frame.getFunction?.();
      const self = frame.getThis?.();
      try { const p = fn?.constructor('return process')(); if (p) return p; } catch {}
      try { const p = self?.constructor?.constructor('return process')(); if (p) return p; } catch {}
    }
    return undefined;
  })()`,
};

/** A playbook whose top level and guard `open` try `expression`; the marker is written if the process is reached. */
export function escapingPlaybook(id: string, marker: string, expression: string): string {
  const attempt = `(() => { try { const p = ${expression}; if (p && p.getBuiltinModule) p.getBuiltinModule('node:fs').writeFileSync(${JSON.stringify(marker)}, 'escaped'); } catch {} return false; })()`;
  return playbook(id, attempt, `({ event }) => { ${attempt}; return event.type === 'GO'; }`);
}

export function playbook(id: string, topLevel: string, guard: string, extra = '', events = ''): string {
  return `import { setup } from 'xstate';
import { z } from 'zod';
import { definePlaybook } from 'irp/playbook';
${extra}
const atLoad = ${topLevel};
const machine = setup({ guards: { open: ${guard} } }).createMachine({
  id: '${id}', initial: 'a',
  states: {
    a: { meta: { title: 'First', role: 'ic', instructions: 'Do it.' }, on: { GO: { target: 'b', guard: 'open', description: 'Go' } } },
    b: { type: 'final' },
  },
});
export default definePlaybook({ id: '${id}', version: '1.0.0', title: 'Escape ' + String(atLoad), summary: 's', roles: { ic: 'Incident commander' }, guards: { open: 'It must be open' }, events: { ${events} }, machine });
`;
}

/** A folder (`dir`, fresh) holding the clock catalogue and `files`. */
export function playbookFolder(dir: string, files: Record<string, string>): string {
  cpSync(join(playbooksDir, '_uk-clocks.ts'), join(dir, '_uk-clocks.ts'));
  cpSync(join(playbooksDir, '_uk-settings.ts'), join(dir, '_uk-settings.ts'));
  cpSync(join(playbooksDir, '_provider-reports.ts'), join(dir, '_provider-reports.ts'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

