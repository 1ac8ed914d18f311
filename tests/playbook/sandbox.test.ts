// Playbooks cannot reach the machine (issue 22): their code runs in a realm of its own, in a worker with a memory
// limit, bounded in time; every known escape is tried at the top level and inside a guard, through irp lint (which
// runs guards) and irp step (which takes them), and a marker file the escape would write must never appear.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMachine, initialTransition, setup, transition } from 'xstate';
import { z, type ZodType } from 'zod';
import * as kit from '../../src/playbook/authoringKit.ts';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { takePlaybookFailure } from '../../src/playbook/sandbox/playbookSandbox.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { fixedClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrp } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { ESCAPES, escapingPlaybook, playbook, playbookFolder } from '../helpers/hostilePlaybooks.ts';

const NOW = '2022-08-04T10:00:00+01:00';
const BUDGET = { loadMs: 2_000, callMs: 300 };
const folder = (files: Record<string, string>) => playbookFolder(tempDir(), files);

describe('a playbook cannot reach the process, the file system or irp', () => {
  // The control: each escape, run in irp's own realm (as playbooks were run before the sandbox), does give the
  // process; so the tests below that find no marker could fail.
  it.each(Object.entries(ESCAPES))('%s reaches the process outside the sandbox', (_name, expression) => {
    expect(new Function('setup', `return ${expression};`).call(undefined, setup)).toBe(process);
  });

  it.each(Object.entries(ESCAPES))('%s: neither at load, nor in a guard run by irp lint, nor in a guard taken by irp step', async (name, expression) => {
    const marker = join(tempDir(), `escaped-${name}`);
    const dir = folder({ 'esc.ts': escapingPlaybook('esc', marker, expression) });
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: NOW, IRP_ACTOR: 'Sam Patel', IRP_PLAYBOOKS_DIR: dir };
    const lint = await runIrp(['lint', 'esc'], env);
    expect(lint.stdout + lint.stderr).toContain('esc.ts: ok');
    const started = await runIrp(['start', 'esc', '--title', 'Escape', '--aware-at', '09:50', '--json'], env);
    const { id } = JSON.parse(started.stdout) as { id: string };
    const step = await runIrp(['step', id, 'GO'], env);
    expect(step.code).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  it('takes the description of a playbook that lies about itself only where it is plain data or zod through the allow-list', async () => {
    const marker = join(tempDir(), 'escaped-description');
    // The playbook replaces JSON.stringify in its realm, so that its description asks irp to call Function.
    const forged = JSON.stringify({ id: 'lie', machine: { '\u0000zod': [{ get: 'constructor' }, { get: 'constructor' }, { call: [`require('fs').writeFileSync('${marker}', 'x')`] }, { call: [] }] } });
    const dir = folder({ 'lie.ts': playbook('lie', `(() => { const real = JSON.stringify; JSON.stringify = (v) => (v && typeof v === 'object' && 'id' in v ? ${JSON.stringify(forged)} : real(v)); return 1; })()`, `() => true`) });
    const result = await new PlaybookCatalog(dir, join(tempDir(), 'cache'), BUDGET).lint('lie');
    expect(result.errors).toContainEqual({ path: 'definition.machine', rule: 'not-a-playbook', message: expect.stringContaining(`uses zod's "constructor" here, which a playbook's schema may not`) });
    expect(existsSync(marker)).toBe(false);
  });
});

describe('what a playbook described is kept once it passed every check, and only trusted under its HMAC', () => {
  it('keeps nothing of a playbook that fails its proofs, so that it is proven again, and fails again, next time', async () => {
    // The guard reads a field its decision does not carry: a finding of the proofs that call guards on stand-ins.
    const dir = folder({ 'reads.ts': playbook('reads', '1', '({ event }) => event.missingField === true') });
    const cache = join(tempDir(), 'cache');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await expect(new PlaybookCatalog(dir, cache, BUDGET).load('reads')).rejects.toMatchObject({ details: [expect.stringContaining('guard "open" reads event.missingField, but GO carries no field "missingField"')] });
    }
    expect(readdirSync(cache).filter((name) => name.startsWith('proven-'))).toEqual([]);
  });

  it('ignores a kept description that was changed, and describes the playbook again', async () => {
    const dir = folder({ 'kept.ts': playbook('kept', '1', '() => true') });
    const cache = join(tempDir(), 'cache');
    expect((await new PlaybookCatalog(dir, cache, BUDGET).load('kept')).title).toBe('Escape 1');
    const [kept] = readdirSync(cache).filter((name) => name.startsWith('proven-'));
    const path = join(cache, kept as string);
    const stored = JSON.parse(readFileSync(path, 'utf8')) as { description: string; mac: string };
    writeFileSync(path, JSON.stringify({ ...stored, description: stored.description.replace('Escape', 'Forged') }));
    const again = await new PlaybookCatalog(dir, cache, BUDGET).load('kept');
    expect(again.title).toBe('Escape 1');
    const [first] = initialTransition(again.machine);
    expect(transition(again.machine, first, { type: 'GO' })[0].value).toBe('b'); // the guard, called in the sandbox, let it through
  });
});

describe("the authoring kit inside the sandbox is irp's own", () => {
  it('gives the same machine and schemas as src/playbook/authoringKit.ts for the same calls', async () => {
    // The same calls, written once, run in the sandbox (through a playbook) and in irp's realm (the kit itself).
    const calls = `{
      states: { a: { meta: { title: 'A', role: 'ic', instructions: 'Do it.' }, on: { GO: { target: 'told', description: 'Go' } }, after: { [days(2)]: { target: 'told', description: 'Two days' }, [hours(3)]: { target: 'told', description: 'Three hours' }, [minutes(4)]: { target: 'told', description: 'Four minutes' } } },
        told: { ...notification({ title: 'Tell them', role: 'ic', instructions: 'Tell them.', record: [{ id: 'ref', label: 'Reference' }], on: { TOLD: { target: 'done', description: 'Told' } } }), onDone: { target: 'done' } } },
      schema: payload({ share: field(z.number().min(0).max(100), 'Share (%)', { question: 'How much?', hint: 'a percentage', confirm: 'type' }), ref: field(z.string().trim().min(1, 'give it'), 'Reference') }).schema,
      duty: duty({ id: 'told', label: 'Told', short: 'Told' }),
    }`;
    const source = `import { setup } from 'xstate';
import { z } from 'zod';
import { days, definePlaybook, duty, field, hours, minutes, notification, payload } from 'irp/playbook';
const kit = ${calls};
const machine = setup({}).createMachine({ id: 'kit', initial: 'a', states: { ...kit.states, done: { type: 'final' } } });
export default definePlaybook({ id: 'kit', version: '1.0.0', title: 'Kit', summary: 's', roles: { ic: 'Incident commander' }, events: { GO: { payload: kit.schema } }, duties: [kit.duty], machine });
`;
    const dir = folder({ 'kit.ts': source });
    const loaded = await new PlaybookCatalog(dir, join(tempDir(), 'cache'), BUDGET).load('kit').catch((error: { details?: string[] }) => { throw new Error(String(error.details)); });
    const host = new Function('z', 'days', 'duty', 'field', 'hours', 'minutes', 'notification', 'payload', `return ${calls};`)(
      z, kit.days, kit.duty, kit.field, kit.hours, kit.minutes, kit.notification, kit.payload,
    ) as { states: Record<string, unknown>; schema: ZodType; duty: unknown };
    const hostMachine = createMachine({ id: 'kit', initial: 'a', states: { ...(host.states as object), done: { type: 'final' } } } as never);
    expect(JSON.parse(JSON.stringify(loaded.machine.config))).toEqual(JSON.parse(JSON.stringify(hostMachine.config)));
    expect(z.toJSONSchema(loaded.events.GO?.payload as ZodType)).toEqual(z.toJSONSchema(host.schema));
    expect(loaded.duties.map(({ id, label, short }) => ({ id, label, short }))).toEqual([host.duty].map((d) => ({ id: (d as { id: string }).id, label: 'Told', short: 'Told' })));
  });
});

describe("a playbook's code answers from what it is given: not the clock, not chance", () => {
  // irp keeps a guard's answers between runs and replays a record through the same guards: an answer that depends
  // on when or how often it is asked would make the same record show another incident.
  it('refuses Date.now(), new Date(), Math.random() and Intl formatting the present, in a guard or at load, naming them, and lets dates be read', async () => {
    const dir = folder({
      'now.ts': playbook('now', '1', '() => Date.now() > 0'),
      'today.ts': playbook('today', '1', '() => new Date().getFullYear() > 2000'),
      'chance.ts': playbook('chance', '1', '() => Math.random() < 2'),
      'intl.ts': playbook('intl', '1', "() => new Intl.DateTimeFormat('en-GB').format().length > 0"),
      'atload.ts': playbook('atload', 'new Date().getFullYear()', '() => true'),
      'dated.ts': playbook('dated', `Date.UTC(2022, 7, 4) + Date.parse('2022-08-04T07:00:00Z')`, `() => new Date('2022-08-04T07:00:00Z').getTime() === Date.parse('2022-08-04T07:00:00Z') && new Date(0) instanceof Date && new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC' }).format(new Date(0)) === '01/01/1970'`),
    });
    const catalog = new PlaybookCatalog(dir, join(tempDir(), 'cache'), BUDGET);
    const errors = async (id: string) => (await catalog.lint(id)).errors.map((error) => `${error.rule}: ${error.message}`);
    expect(await errors('now')).toEqual([expect.stringMatching(/^call-failed: guard "open" .*Date\.now\(\) is not for a playbook/)]);
    expect(await errors('today')).toEqual([expect.stringMatching(/^call-failed: guard "open" .*new Date\(\) without a time is not for a playbook/)]);
    expect(await errors('chance')).toEqual([expect.stringMatching(/^call-failed: guard "open" .*Math\.random\(\) is not for a playbook/)]);
    expect(await errors('intl')).toEqual([expect.stringMatching(/^call-failed: guard "open" .*Intl\.DateTimeFormat format\(\) without a date is not for a playbook/)]);
    expect(await errors('atload')).toEqual([expect.stringMatching(/^load-failed: .*new Date\(\) without a time is not for a playbook/)]);
    expect(await errors('dated')).toEqual([]);
    // Not only irp lint: irp itself refuses the playbook when it asks the guard, and records nothing.
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: NOW, IRP_ACTOR: 'Sam Patel', IRP_PLAYBOOKS_DIR: dir };
    const started = await runIrp(['start', 'chance', '--title', 'Chance', '--aware-at', '09:50'], env);
    expect([started.code, started.stderr]).toEqual([2, expect.stringContaining('chance.ts: guard "open" failed: Math.random() is not for a playbook')]);
    const incidents = join(env.IRP_STATE_DIR, 'incidents');
    expect(existsSync(incidents) ? readdirSync(incidents).filter((name) => name.endsWith('.jsonl')) : []).toEqual([]);
  });
});

describe('a playbook is bounded in time and memory, and refused by name', () => {
  it('refuses a guard that never returns, in irp lint and when the decision is taken, naming the playbook and the guard', async () => {
    const dir = folder({
      'spin.ts': playbook('spin', '1', `() => { for (;;) {} }`),
      // Loops only on the decision's data, so that it lints and opens (irp asks its guards what is open without
      // data), and is refused when the decision is taken with it.
      'spinongo.ts': playbook('spinongo', '1', `({ event }) => { if (event.reason === 'now') for (;;) {} return true; }`, '', `GO: { payload: z.object({ reason: z.string() }) }`),
    });
    const lint = await new PlaybookCatalog(dir, join(tempDir(), 'cache'), BUDGET).lint('spin');
    expect(lint.errors).toEqual([{ path: '', rule: 'call-budget', message: 'guard "open" took longer than 0.3 s, or needed more than 96 MB, and was stopped (a loop that never ends?)' }]);

    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: NOW, IRP_ACTOR: 'Sam Patel', IRP_PLAYBOOKS_DIR: dir };
    const refused = await runIrp(['start', 'spin', '--title', 'Spin', '--aware-at', '09:50'], env);
    expect([refused.code, refused.stderr]).toEqual([2, expect.stringContaining('spin.ts: guard "open" took longer than 2 s, or needed more than 96 MB, and was stopped')]);
    const { id } = JSON.parse((await runIrp(['start', 'spinongo', '--title', 'Spin', '--aware-at', '09:50', '--json'], env)).stdout) as { id: string };
    const step = await runIrp(['step', id, 'GO', '--data', '{"reason":"now"}'], env);
    expect(step.code).toBe(2);
    expect(step.stderr).toContain('spinongo.ts: guard "open" took longer than 2 s, or needed more than 96 MB, and was stopped (a loop that never ends?)');
    expect(step.stderr).not.toContain('    at ');
    const log = await runIrp(['log', id, '--json'], env);
    expect((JSON.parse(log.stdout) as unknown[]).length).toBe(1); // nothing recorded by the refused step
  });

  it('refuses a loop queued as a microtask at load, which would otherwise run after the load limit', async () => {
    const dir = folder({ 'micro.ts': playbook('micro', `(Promise.resolve().then(() => { for (;;) {} }), 1)`, '() => true') });
    const started = Date.now();
    const lint = await new PlaybookCatalog(dir, join(tempDir(), 'cache'), BUDGET).lint('micro');
    expect(lint.errors).toEqual([expect.objectContaining({ path: '', rule: 'load-budget' })]);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses a playbook that takes more memory than it is given, at load and in a guard', async () => {
    const hog = `(() => { const kept = []; for (;;) kept.push(new Array(1e6).fill(1)); })()`;
    const dir = folder({ 'hog.ts': playbook('hog', hog, '() => true'), 'hog2.ts': playbook('hog2', '1', `() => { ${hog}; return true; }`) });
    const catalog = new PlaybookCatalog(dir, join(tempDir(), 'cache'), BUDGET);
    expect((await catalog.lint('hog')).errors).toEqual([expect.objectContaining({ rule: 'load-budget' })]);
    expect((await catalog.lint('hog2')).errors).toEqual([expect.objectContaining({ rule: 'call-budget', message: expect.stringContaining('guard "open"') })]);
  });

  it('refuses a guard that answers with a promise, and goes on with other playbooks after a worker was stopped', async () => {
    const dir = folder({ 'later.ts': playbook('later', '1', `async () => true`) });
    const catalog = new PlaybookCatalog(dir, join(tempDir(), 'cache'), BUDGET);
    const irpLater = new Irp({ store: new FileIncidentStore(tempDir()), catalog, clock: fixedClock(new Date(NOW)) });
    const id = (await irpLater.start({ playbook: 'later', title: 'Later', actor: { name: 'Sam Patel' } })).view.id;
    // XState reports the guard's failure as an error of its own; the sandbox keeps the failure for the edge.
    await expect(irpLater.step(id, { event: 'GO' }, { actor: { name: 'Sam Patel' } })).rejects.toThrow();
    expect(takePlaybookFailure()?.problem).toEqual({ code: 'playbook-unusable', file: join(dir, 'later.ts'), why: { kind: 'call-failed', name: 'guard "open"', error: 'it returned a promise: a playbook function must answer at once' } });
    // The shipped playbooks still load and run in a new worker after the others stopped theirs.
    const irp = new Irp({ store: new FileIncidentStore(tempDir()), catalog: new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache'), BUDGET), clock: fixedClock(new Date(NOW)) });
    const opened = await irp.start({ playbook: 'supplier-ransomware', title: 'After', actor: { name: 'Sam Patel' } });
    expect(opened.view.id).toMatch(/^inc-/);
  });
});
