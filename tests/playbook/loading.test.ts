import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePlaybook } from '../../src/playbook/validatePlaybook.ts';
import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { UserError, type Problem } from '../../src/errors.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

function catalogWith(files: Record<string, string>): PlaybookCatalog {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return new PlaybookCatalog(dir, join(dir, '.cache'));
}

const header = `import { setup } from 'xstate';
import { z } from 'zod';
import { definePlaybook, type StepMeta } from 'irp/playbook';
`;

async function problemsOf(catalog: PlaybookCatalog, id: string): Promise<{ message: string; details: readonly string[]; problem: Problem }> {
  try {
    await catalog.load(id);
  } catch (error) {
    if (error instanceof UserError) return { message: error.message, details: error.details, problem: error.problem };
    throw error;
  }
  throw new Error('expected the playbook to be refused');
}

/** What irp's checks found in a playbook that fails them, each as where and which rule. */
async function findingsOf(catalog: PlaybookCatalog, id: string): Promise<Array<{ path: string; rule: string }>> {
  const { problem } = await problemsOf(catalog, id);
  if (problem.code !== 'playbook-unusable' || (problem.why.kind !== 'invalid' && problem.why.kind !== 'not-a-playbook')) throw new Error(`expected findings, got ${JSON.stringify(problem)}`);
  return problem.why.findings.map(({ path, rule }) => ({ path, rule }));
}

describe('loading playbooks', () => {
  it('loads a valid playbook written in TypeScript, importing a helper file beside it', async () => {
    const catalog = catalogWith({
      '_roles.ts': `export const roles = { lead: 'Lead' };`,
      'ok.ts': `${header}import { roles } from './_roles.ts';
const machine = setup({ types: { meta: {} as StepMeta } }).createMachine({
  initial: 'a',
  states: {
    a: { meta: { title: 'A', instructions: 'Do A.', role: 'lead' }, on: { NEXT: { target: 'b', description: 'Next' } } },
    b: { type: 'final' },
  },
});
export default definePlaybook({ id: 'ok', version: '1.2.3', title: 'OK', summary: 'Fine.', roles, machine,
  events: { NEXT: { payload: z.object({ n: z.number() }) } } });
`,
    });
    expect(catalog.ids()).toEqual(['ok']);
    const playbook = await catalog.load('ok');
    expect(playbook.version).toBe('1.2.3');
    expect([...playbook.steps.keys()]).toEqual(['a']);
    expect(playbook.sourceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes the source hash when a helper the playbook imports changes', async () => {
    const dir = tempDir();
    const write = (roleName: string) => {
      writeFileSync(join(dir, '_roles.ts'), `export const roles = { lead: '${roleName}' };`);
      writeFileSync(
        join(dir, 'p.ts'),
        `${header}import { roles } from './_roles.ts';
export default definePlaybook({ id: 'p', version: '1.0.0', title: 'P', summary: 'P.', roles,
  machine: setup({}).createMachine({ initial: 'a', states: { a: { meta: { title: 'A', instructions: 'A.', role: 'lead' }, on: { X: { target: 'b', description: 'X' } } }, b: { type: 'final' } } }) });
`,
      );
    };
    write('Lead');
    const first = await new PlaybookCatalog(dir, join(dir, '.cache')).load('p');
    write('Leader');
    const second = await new PlaybookCatalog(dir, join(dir, '.cache')).load('p');
    expect(second.sourceHash).not.toBe(first.sourceHash);
    expect(second.roles.lead).toBe('Leader');
  });

  it('reports every problem at once, each with the state path', async () => {
    const catalog = catalogWith({
      'bad.ts': `${header}
const machine = setup({ types: { meta: {} as StepMeta }, guards: { ready: () => true } }).createMachine({
  initial: 'a',
  states: {
    a: { meta: { title: 'A', role: 'nobody', checklist: [{ id: 'x', text: 'X' }, { id: 'x', text: 'again' }] } as StepMeta,
         on: { GO: { target: 'b' }, FIN: { target: 'c', guard: 'ready', description: 'Finish' } } },
    b: { meta: { title: 'B', instructions: 'B.', role: 'lead', record: [{ id: 'missing', label: 'Missing' }] }, on: { FIN: { target: 'c', description: 'Finish' } } },
    orphan: { meta: { title: 'O', instructions: 'O.', role: 'lead' } },
    c: { type: 'final' },
  },
});
export default definePlaybook({ id: 'wrong-id', version: 'one', title: 'Bad', summary: 'Bad.', roles: { lead: 'Lead' }, machine,
  events: {
    UNUSED: { label: 'Never used' },
    GO: { payload: 'not a schema' as never },
    FIN: { payload: z.object({ level: z.enum(['low', 'high']) }), sets: { levl: 'low', level: 'medium' } as never },
  } });
`,
    });
    expect(await findingsOf(catalog, 'bad')).toEqual(
      expect.arrayContaining([
        { path: 'version', rule: 'schema' },
        { path: 'id', rule: 'id-not-file-name' },
        { path: 'events.GO.payload', rule: 'malformed' },
        { path: 'states.a meta.instructions', rule: 'schema' },
        { path: 'states.a meta.checklist[1].id', rule: 'schema' },
        { path: 'states.a on.GO', rule: 'transition-without-description' },
        { path: 'states.a on.FIN', rule: 'guard-without-sentence' },
        { path: 'states.b meta.record[0].id', rule: 'unknown-fact' },
        { path: 'events.UNUSED', rule: 'unused-event' },
        { path: 'events.FIN.sets.levl', rule: 'unknown-fact' },
        { path: 'events.FIN.sets.level', rule: 'bad-fact-value' },
        { path: 'states.orphan', rule: 'unreachable-state' },
      ]),
    );
  });

  it('checks the clocks a playbook declares against its decisions', async () => {
    const catalog = catalogWith({
      'clocks.ts': `${header}
const machine = setup({ types: { meta: {} as StepMeta } }).createMachine({
  initial: 'a',
  states: { a: { meta: { title: 'A', instructions: 'A.', role: 'lead' }, on: { TOLD: { target: 'b', description: 'Told' } } }, b: { type: 'final' } },
});
const source = { law: 'UK GDPR Art. 33(1)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' };
export default definePlaybook({ id: 'clocks', version: '1.0.0', title: 'C', summary: 'C.', roles: { lead: 'Lead' }, machine,
  events: { TOLD: { payload: z.object({ ref: z.string() }) } },
  clocks: [
    { id: 'ico', label: 'ICO', source, recipient: 'ICO', starts: { on: 'awareness' }, runs: { hours: 72 }, stops: { event: 'TOLD', reference: 'reference' } },
    { id: 'ico', label: 'Again', source, recipient: 'ICO', starts: { on: 'fact', fact: 'nothing', values: [true] }, runs: { hours: 72 }, stops: { event: 'NEVER' } },
    { id: 'bad', label: 'Bad', source: { law: 'x', url: 'nowhere' }, recipient: 'x', starts: { on: 'awareness' }, runs: { hours: 1 }, stops: { event: 'TOLD' } },
  ],
  draftFacts: { systems: 'nosuchfield' } });
`,
    });
    expect(await findingsOf(catalog, 'clocks')).toEqual([
      { path: 'clocks[2].source.url', rule: 'schema' },
      { path: 'draftFacts.systems', rule: 'unknown-fact' },
    ]);
    const fixed = catalogWith({ 'clocks.ts': (await import('node:fs')).readFileSync(join(catalog.dir, 'clocks.ts'), 'utf8').replace("url: 'nowhere'", "url: 'https://example.org/law'") });
    expect(await findingsOf(fixed, 'clocks')).toEqual([
      { path: 'clocks[0] (ico) stops', rule: 'unknown-field' },
      { path: 'clocks[1] (ico)', rule: 'duplicate-id' },
      { path: 'clocks[1] (ico) stops.event', rule: 'unused-event' },
      { path: 'clocks[1] (ico) starts.fact', rule: 'unknown-fact' },
      { path: 'draftFacts.systems', rule: 'unknown-fact' },
    ]);
  });

  it('does not walk the machine again for code that passed every check before (the proofs are most of a load)', () => {
    const step = (title: string) => ({ title, instructions: `${title}.`, role: 'lead' });
    const machine = setup({}).createMachine({
      initial: 'a',
      states: { a: { meta: step('A'), on: { STUCK: { target: 'stuck', description: 'Stuck' }, DONE: { target: 'z', description: 'Done' } } }, stuck: { meta: step('Stuck') }, z: { type: 'final' } },
    });
    const definition = { id: 'ends', version: '1.0.0', title: 'Ends', summary: 'Ends.', roles: { lead: 'Lead' }, machine };
    const fresh = validatePlaybook(definition, 'ends');
    expect(fresh.ok ? [] : fresh.problems).toEqual([expect.objectContaining({ path: 'states.stuck', rule: 'cannot-reach-end' })]);
    // Proven: the proofs that found the dead end are not made; every other check still is.
    expect(validatePlaybook(definition, 'ends', { proven: true }).ok).toBe(true);
    expect(validatePlaybook({ ...definition, id: 'other' }, 'ends', { proven: true }).ok).toBe(false);
  });

  it('loads the UK clock catalogue used by the shipped playbooks', async () => {
    const catalog = new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache'));
    expect(catalog.ids()).toEqual(['pathology-supplier-outage', 'provider-supplier-outage', 'supplier-ransomware']);
    // Each owes its own duties: the provider (a controller) the ICO's 72 hours, the supplier (a processor) each controller.
    const owed = { 'pathology-supplier-outage': 'ico-art33', 'provider-supplier-outage': 'ico-art33', 'supplier-ransomware': 'controllers-art33-2' } as Record<string, string>;
    for (const id of catalog.ids()) {
      const playbook = await catalog.load(id);
      expect(playbook.clocks.map((clock) => clock.id)).toContain(owed[id]);
      for (const clock of playbook.clocks) expect(clock.source.url).toMatch(/^https:\/\//);
    }
  });

  it('names an unknown role', async () => {
    const catalog = catalogWith({
      'roles.ts': `${header}
export default definePlaybook({ id: 'roles', version: '1.0.0', title: 'R', summary: 'R.', roles: { lead: 'Lead' },
  machine: setup({}).createMachine({ initial: 'a', states: { a: { meta: { title: 'A', instructions: 'A.', role: 'boss' }, on: { X: { target: 'b', description: 'X' } } }, b: { type: 'final' } } }) });
`,
    });
    expect(await findingsOf(catalog, 'roles')).toEqual([{ path: 'states.a meta.role', rule: 'unknown-role' }]);
  });

  it('refuses a playbook that does not compile, with file, line and column', async () => {
    const catalog = catalogWith({ 'broken.ts': `${header}\nexport default definePlaybook({ id: 'broken', ` });
    const { message, details } = await problemsOf(catalog, 'broken');
    expect(message).toContain('broken.ts: the playbook does not compile.');
    expect(details[0]).toMatch(/broken\.ts:\d+:\d+: /);
  });

  it('refuses an import other than xstate, zod, irp/playbook and files beside it', async () => {
    const catalog = catalogWith({ 'imports.ts': `import _ from 'lodash';\nexport default _;` });
    expect((await problemsOf(catalog, 'imports')).details[0]).toContain('imports "lodash"; a playbook may import only xstate, zod, irp/playbook');
  });

  it('refuses a module without a playbook, and a module that throws', async () => {
    const catalog = catalogWith({ 'empty.ts': 'export const x = 1;', 'throws.ts': `throw new Error('boom');` });
    expect(await findingsOf(catalog, 'empty')).toEqual([{ path: '', rule: 'no-default-export' }]);
    expect((await problemsOf(catalog, 'throws')).problem).toEqual({ code: 'playbook-unusable', file: join(catalog.dir, 'throws.ts'), why: { kind: 'load-failed', error: 'boom' } });
  });

  it('names the playbooks there are when asked for one that is not', async () => {
    const catalog = catalogWith({ 'one.ts': '' });
    await expect(catalog.load('two')).rejects.toMatchObject({ problem: { code: 'no-playbook', playbook: 'two', known: ['one'] } });
  });
});
