import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validatePlaybook } from '../../src/playbook/validatePlaybook.ts';
import { setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.ts';
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

async function problemsOf(catalog: PlaybookCatalog, id: string): Promise<{ message: string; details: readonly string[] }> {
  try {
    await catalog.load(id);
  } catch (error) {
    if (error instanceof UserError) return { message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected the playbook to be refused');
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
    const { message, details } = await problemsOf(catalog, 'bad');
    expect(message).toMatch(/bad\.ts: \d+ problems in the playbook:$/);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringContaining('version: use a semantic version'),
        'id: "wrong-id" does not match the file name; name the file wrong-id.ts or change the id',
        'events.GO.payload: must be a zod object schema, such as z.object({ ... })',
        expect.stringMatching(/^states\.a meta\.instructions: /),
        expect.stringMatching(/^states\.a meta\.checklist\[1\]\.id: "[^"]+" is already the id of another item of this step/),
        'states.a on.GO: give the transition a description (its label for the commander)',
        'states.a on.FIN: guard "ready" needs a sentence in guards saying what it waits for',
        'states.b meta.record[0].id: no decision\'s payload has a field "missing" to record it',
        'events.UNUSED: no transition uses this event',
        'events.FIN.sets.levl: no decision records a fact "levl"; name a field of a decision\'s payload',
        'events.FIN.sets.level: "medium" is not a value that fact takes',
        'states.orphan: no transition leads to this state',
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
    const { details } = await problemsOf(catalog, 'clocks');
    expect(details).toEqual(['clocks[2].source.url: must be a link to the source', 'draftFacts.systems: no decision\'s payload has a field "nosuchfield"']);
    const fixed = catalogWith({ 'clocks.ts': (await import('node:fs')).readFileSync(join(catalog.dir, 'clocks.ts'), 'utf8').replace("url: 'nowhere'", "url: 'https://example.org/law'") });
    expect((await problemsOf(fixed, 'clocks')).details).toEqual([
      'clocks[0] (ico) stops: the payload of TOLD has no field "reference"',
      'clocks[1] (ico): another clock has the same id',
      'clocks[1] (ico) stops.event: no transition uses "NEVER"',
      'clocks[1] (ico) starts.fact: no decision\'s payload has a field "nothing"',
      'draftFacts.systems: no decision\'s payload has a field "nosuchfield"',
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
    expect((await problemsOf(catalog, 'roles')).details).toEqual(['states.a meta.role: "boss" is not one of the roles: lead']);
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
    expect((await problemsOf(catalog, 'empty')).details).toEqual(['the default export is missing: export default definePlaybook({ ... })']);
    expect((await problemsOf(catalog, 'throws')).message).toContain('throws.ts: the playbook failed while loading: boom');
  });

  it('names the playbooks there are when asked for one that is not', async () => {
    const catalog = catalogWith({ 'one.ts': '' });
    await expect(catalog.load('two')).rejects.toMatchObject({ problem: { code: 'no-playbook', playbook: 'two', known: ['one'] } });
  });
});
