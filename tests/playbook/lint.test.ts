// irp lint on playbooks with a mistake each: every problem at once, with the file, the state's path, what to do.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIrp } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** A one-file playbook `<id>.ts` in a folder of its own, from its machine's states and the rest of its definition. */
function playbook(id: string, parts: { setup?: string; states: string; rest?: string }): string {
  const dir = tempDir();
  const file = join(dir, `${id}.ts`);
  writeFileSync(
    file,
    `import { assign, setup } from 'xstate';
import { z } from 'zod';
import { definePlaybook, hours, type StepMeta } from 'irp/playbook';
const step = (title: string): StepMeta => ({ title, instructions: title + '.', role: 'lead' });
const machine = setup({ types: { meta: {} as StepMeta, context: {} as { ok: boolean } }, ${parts.setup ?? ''} }).createMachine({
  initial: 'a',
  context: { ok: false },
  states: { ${parts.states} },
});
const source = { law: 'UK GDPR Art. 33(1)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' };
export default definePlaybook({ id: '${id}', version: '1.0.0', title: 'T', summary: 'S.', roles: { lead: 'Lead' }, machine, ${parts.rest ?? ''} });
`,
  );
  return file;
}

interface Linted {
  id: string;
  errors: Array<{ path: string; rule: string; message: string; fix?: string }>;
  warnings: Array<{ path: string; message: string }>;
}

async function lint(file: string): Promise<{ code: number; result: Linted; text: string }> {
  const json = await runIrp(['lint', file, '--json']);
  const text = (await runIrp(['lint', file])).stdout;
  return { code: json.code, result: (JSON.parse(json.stdout) as Linted[])[0] as Linted, text };
}

describe('irp lint', () => {
  it('passes the shipped playbooks', async () => {
    const result = await runIrp(['lint']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/supplier-ransomware\.ts: ok\n/);
    expect(result.stdout).toMatch(/provider-supplier-outage\.ts: ok\n/);
  });

  it('finds a guard, an action and a delay named but not implemented, an unlabelled timer, and what is implemented but unused', async () => {
    const file = playbook('names', {
      setup: `guards: { unused: () => true }, actions: { tidy: () => {} }`,
      states: `
        a: { meta: step('A'), on: { GO: { target: 'b', guard: 'clean', actions: ['tally'], description: 'Go' } } },
        b: { meta: step('B'), after: { slow: { target: 'c', description: 'Slow' }, [hours(1)]: { target: 'c' } } },
        c: { type: 'final' }`,
      rest: `guards: { clean: 'the backups must be clean' }`,
    });
    const { code, result, text } = await lint(file);
    expect(code).toBe(2);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'states.a on.GO', message: expect.stringContaining('guard "clean" is named but not implemented') }),
        expect.objectContaining({ path: 'states.a on.GO', message: expect.stringContaining('action "tally" is named but not implemented') }),
        expect.objectContaining({ path: 'states.b after', message: expect.stringContaining('delay "slow" is named but not implemented') }),
        expect.objectContaining({ path: 'states.b after', message: expect.stringContaining('this timer has no label') }),
      ]),
    );
    expect(result.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('guard "unused" is implemented but never used'),
      expect.stringContaining('action "tidy" is implemented but never used'),
    ]);
    // For people: the file, each problem on its line with what to do.
    expect(text).toContain(`${file}: 4 errors, 2 warnings`);
    expect(text).toContain('  error    states.a on.GO: guard "clean" is named but not implemented: taking this transition would fail at run time. To fix: implement it in setup({ guards: { clean: ({ context, event }) => … } }).');
  });

  it('finds a guard that reads a field its decision does not carry, or a context field nothing sets', async () => {
    const file = playbook('reads', {
      setup: `guards: { clean: ({ context }) => context.backupsClean, taken: ({ event }) => (event as { personal?: string }).personal === 'yes' }`,
      states: `
        a: { meta: step('A'), on: { CHECKED: { target: 'b', guard: 'taken', description: 'Checked' } } },
        b: { meta: step('B'), on: { RESTORED: { target: 'z', guard: 'clean', description: 'Restored' } } },
        z: { type: 'final' }`,
      rest: `guards: { clean: 'clean', taken: 'taken' }, events: { CHECKED: { payload: z.object({ personalData: z.string() }) } }`,
    });
    const { code, result } = await lint(file);
    expect(code).toBe(2);
    expect(result.errors).toEqual([
      expect.objectContaining({ path: 'states.a on.CHECKED', rule: 'guard-reads-missing-field', message: expect.stringContaining('guard "taken" reads event.personal, but CHECKED carries no field "personal"') }),
      expect.objectContaining({ path: 'states.b on.RESTORED', rule: 'guard-reads-unset-context', message: expect.stringContaining('guard "clean" reads context.backupsClean, which nothing sets') }),
    ]);
  });

  it('finds an assign that keeps a field its decision does not carry, or a context field nothing sets, written inline or named', async () => {
    // The pathology playbook's bug of 2 December 2026: its action read the decision's data as event.payload, which
    // no decision carries, so the risk to people was never kept as high.
    const file = playbook('keeps', {
      setup: `actions: { keepOwner: assign({ owner: ({ event }) => (event as { who?: string }).who, level: ({ context }) => (context as { grade?: number }).grade }) }`,
      states: `
        a: { meta: step('A'), on: { ASSESSED: { target: 'b', description: 'Assessed', actions: assign({ high: ({ event }) => (event as { payload?: { high?: boolean } }).payload?.high === true, seen: true }) } } },
        b: { meta: step('B'), on: { OWNED: { target: 'c', description: 'Owned', actions: 'keepOwner' } } },
        c: { meta: step('C'), on: { DONE: { target: 'z', description: 'Done', actions: assign({ ok: ({ event }) => (event as { fine?: boolean }).fine === true }) } } },
        z: { type: 'final' }`,
      rest: `events: { ASSESSED: { payload: z.object({ high: z.boolean() }) }, OWNED: { payload: z.object({ owner: z.string() }) }, DONE: { payload: z.object({ fine: z.boolean() }) } }`,
    });
    const { code, result } = await lint(file);
    expect(code).toBe(2);
    expect(result.errors.map(({ path, rule, message }) => ({ path, rule, message: message.split(':')[0] }))).toEqual([
      { path: 'states.a on.ASSESSED', rule: 'assign-reads-missing-field', message: 'the assign of "high" reads event.payload, but ASSESSED carries no field "payload"' },
      { path: 'states.b on.OWNED', rule: 'assign-reads-missing-field', message: 'the assign of "owner" reads event.who, but OWNED carries no field "who"' },
      { path: 'states.b on.OWNED', rule: 'assign-reads-unset-context', message: 'the assign of "level" reads context.grade, which nothing sets' },
    ]);
  });

  it('proves every state can reach the end: a dead end and a circle with no way out are named', async () => {
    const file = playbook('ends', {
      states: `
        a: { meta: step('A'), on: { STUCK: { target: 'stuck', description: 'Stuck' }, LOOP: { target: 'ping', description: 'Loop' }, DONE: { target: 'z', description: 'Done' } } },
        stuck: { meta: step('Stuck') },
        ping: { meta: step('Ping'), on: { PONG: { target: 'pong', description: 'Pong' } } },
        pong: { meta: step('Pong'), on: { PING: { target: 'ping', description: 'Ping' } } },
        z: { type: 'final' }`,
    });
    const { code, result } = await lint(file);
    expect(code).toBe(2);
    expect(result.errors.filter((e) => e.rule === 'cannot-reach-end').map((e) => e.path)).toEqual(['states.stuck', 'states.ping', 'states.pong']);
  });

  it('proves every path to the end records each notification, or that it is not needed, unless it is not an incident', async () => {
    const clock = `clocks: [{ id: 'ico', label: 'Report to the ICO', source, recipient: 'ICO', starts: { on: 'awareness' }, runs: { hours: 72 }, stops: { event: 'TOLD' }, waivedBy: { event: 'NOT_NEEDED' } }]`;
    const states = `
        a: { meta: step('A'), on: { TOLD: { target: 'z', description: 'Told the ICO' }, NOT_NEEDED: { target: 'z', description: 'Not needed' }, SKIP: { target: 'z', description: 'Close anyway' } } },
        z: { type: 'final' }`;
    const skipping = await lint(playbook('skips', { states, rest: clock }));
    expect(skipping.code).toBe(2);
    expect(skipping.result.errors).toEqual([
      expect.objectContaining({ path: 'machine', rule: 'notification-not-recorded', message: expect.stringContaining('a path reaches the end without "Report to the ICO" (clock ico) being recorded, or recorded as not needed (TOLD or NOT_NEEDED)') }),
    ]);
    // Standing down (not an incident after all) owes nothing.
    const standingDown = await lint(playbook('stands', { states, rest: `${clock}, notAnIncident: ['SKIP']` }));
    expect(standingDown).toMatchObject({ code: 0, result: { errors: [] } });
  });

  it('names a mistyped target and a repeated checklist id in its own words, with the path', async () => {
    const typo = await lint(playbook('typo', { states: `a: { meta: step('A'), on: { GO: { target: 'nowhere', description: 'Go' } } }, z: { type: 'final' }` }));
    expect(typo.code).toBe(2);
    expect(typo.result.errors).toEqual([{ path: 'states.a', rule: 'unknown-target', message: 'a transition leads to "nowhere", but the machine has no state "nowhere"', fix: expect.stringContaining('name one of the states beside it') }]);
    // Every such mistake at once (XState would stop at the first), with targets by id and relative to the state.
    const several = await lint(
      playbook('several', {
        states: `a: { meta: step('A'), on: { GO: { target: 'nowhere', description: 'Go' }, JUMP: { target: '#bee.deep', description: 'Jump' }, IN: { target: '.child', description: 'In' }, BY: { target: '#nobody', description: 'By' } } }, b: { id: 'bee', meta: step('B'), on: { OK: { target: '#(machine).z', description: 'Done' } } }, z: { type: 'final' }`,
      }),
    );
    expect(several.result.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'states.a: a transition leads to "nowhere", but the machine has no state "nowhere"',
      'states.a: a transition leads to "#bee.deep", but states.b has no state "deep"',
      'states.a: a transition leads to ".child", but states.a has no state "child"',
      'states.a: a transition leads to "#nobody", but no state has the id "nobody"',
    ]);
    const repeated = await lint(
      playbook('repeated', {
        states: `a: { meta: { ...step('A'), checklist: [{ id: 'bridge', text: 'Bridge open' }, { id: 'bridge', text: 'Loggist named' }] }, on: { GO: { target: 'z', description: 'Go' } } }, z: { type: 'final' }`,
      }),
    );
    expect(repeated.result.errors).toEqual([{ path: 'states.a meta.checklist[1].id', rule: 'schema', message: '"bridge" is already the id of another item of this step; give each item its own id' }]);
  });

  it('keeps a playbook that fails the proofs from opening an incident', async () => {
    const file = playbook('names', { states: `a: { meta: step('A'), on: { GO: { target: 'z', guard: 'clean', description: 'Go' } } }, z: { type: 'final' }`, rest: `guards: { clean: 'clean' }` });
    const env = { IRP_STATE_DIR: tempDir(), IRP_PLAYBOOKS_DIR: join(file, '..'), IRP_ACTOR: 'Sam' };
    const started = await runIrp(['start', 'names', '--title', 'T'], env);
    expect(started.code).toBe(2);
    expect(started.stderr).toContain('guard "clean" is named but not implemented');
    expect((await runIrp(['list', '--json'], env)).stdout.trim()).toBe('[]');
  });

  it('says which playbook it cannot find, and still checks the others', async () => {
    const result = await runIrp(['lint', 'no-such-playbook', 'supplier-ransomware']);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('no-such-playbook.ts: 1 error');
    expect(result.stdout).toContain('There is no playbook "no-such-playbook"');
    expect(result.stdout).toMatch(/supplier-ransomware\.ts: ok/);
  });
});

describe('an incident already open when its playbook is broken', () => {
  it('keeps running under the version it opened under, while no new incident can start', async () => {
    const file = playbook('pinned', {
      states: `a: { meta: step('A'), on: { GO: { target: 'b', description: 'Go' } } }, b: { meta: step('B'), on: { END: { target: 'z', description: 'End' } } }, z: { type: 'final' }`,
    });
    const env = { IRP_STATE_DIR: tempDir(), IRP_PLAYBOOKS_DIR: join(file, '..'), IRP_ACTOR: 'Sam' };
    const id = JSON.parse((await runIrp(['start', 'pinned', '--title', 'T', '--json'], env)).stdout).id as string;
    // The file is edited into one that fails the checks (a guard named but not implemented).
    const { readFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace("GO: { target: 'b', description: 'Go' }", "GO: { target: 'b', guard: 'ready', description: 'Go' }").replace("roles: { lead: 'Lead' },", "roles: { lead: 'Lead' }, guards: { ready: 'ready' },"));
    expect((await runIrp(['lint', file])).code).toBe(2);
    const refused = await runIrp(['start', 'pinned', '--title', 'T2'], env);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringContaining('guard "ready" is named but not implemented') });
    // The open incident goes on, to its end, under the version it pinned.
    expect((await runIrp(['step', id, 'GO'], env)).code).toBe(0);
    expect((await runIrp(['step', id, 'END'], env)).code).toBe(0);
    const status = JSON.parse((await runIrp(['status', id, '--json'], env)).stdout) as { finished: boolean };
    expect(status.finished).toBe(true);
    expect((await runIrp(['verify', id], env)).code).toBe(0);
  });
});
