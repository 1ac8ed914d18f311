// What new users and strangers' files broke (issue 19), each reproduction held to its fix.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { clockStates } from '../../src/clocks/clockStatus.ts';
import { clockNotes, urgentClocks } from '../../src/render/renderClocks.ts';
import { buildDraft } from '../../src/notify/buildDraft.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { newIncidentSuffix } from '../../src/store/newIncidentSuffix.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { runIrp, runIrpJson, squash } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { catalogOf, HOUR, timePlaybook } from '../helpers/timePlaybook.ts';

const lead = { name: 'Ana', role: 'lead' };

describe('input is never silently dropped', () => {
  it('refuses a key a decision does not carry, naming it, exit 2, nothing recorded', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'T', '--aware-at', '09:00'], env);
    await runIrp(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], env);
    await runIrp(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], env);
    const before = (await runIrpJson<unknown[]>(['log', id], env)).length;
    const result = await runIrp(['step', id, 'CSOC_NOTIFIED', '--data', '{"csocReference":"C-1","boardMeeting":"Chair\'s action"}'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"NHS England CSOC notified" (CSOC_NOTIFIED) has no field "boardMeeting"; nothing was recorded. Its fields: csocReference.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await runIrpJson<unknown[]>(['log', id], env)).length).toBe(before);
  });

  it('refuses a due date that names no day, in the API as on the command line', async () => {
    const clock = new ManualClock(new Date('2022-08-04T06:00:00Z'));
    const irp = new Irp({ store: new MemoryIncidentStore(), catalog: catalogOf(timePlaybook()), clock });
    const { view } = await irp.start({ playbook: 'time', title: 'Dates', actor: lead });
    await expect(irp.note(view.id, 'Rebuild the DC', { actor: lead, review: { about: 'action', due: '2022-02-30' } })).rejects.toMatchObject({ problem: { code: 'bad-due-date', due: '2022-02-30' } });
  });

  it('takes a file-wide reason for the back-dated entries of an answers file', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T12:00:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'T', '--aware-at', '07:00'], env);
    const file = join(tempDir(), 'paper.yaml');
    writeFileSync(file, ['reason: typed in from the paper log', 'steps:', '  - tick: [detection-source, bridge-opened, loggist-assigned]', '    at: "07:05"', '  - decide: DECLARE', '    rationale: As the playbook advises, on what was known', '    at: "07:10"', ''].join('\n'));
    expect((await runIrp(['run', id, '--answers', file], env)).code).toBe(0);
    const log = await runIrpJson<Array<{ backdateReason?: string }>>(['log', id], env);
    expect(log.slice(1).map((event) => event.backdateReason)).toEqual(['typed in from the paper log', 'typed in from the paper log']);
  });
});

describe('safe checks against what the record holds', () => {
  it('refuses "every customer told" while the register is empty, and while one customer of it is not told, naming it', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel', IRP_ROLE: 'dpo' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'T', '--aware-at', '09:00'], env);
    await runIrp(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], env);
    await runIrp(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], env);
    const none = await runIrp(['step', id, 'CUSTOMERS_NOTIFIED'], env);
    expect(none).toMatchObject({ code: 2 });
    expect(squash(none.stderr)).toContain('the register holds no organisation that "Told of the outage (a breach of availability)" is owed to');
    for (const [orgId, name] of [['nhs111-nw', 'NHS 111 North West'], ['nhs111-ldn', 'NHS 111 London']]) {
      expect((await runIrp(['org', 'add', id, '--id', orgId as string, '--name', name as string, '--nation', 'England', '--kind', 'controller', '--product', 'Adastra'], env)).code).toBe(0);
    }
    await runIrp(['org', 'done', id, 'availability-notice', 'nhs111-nw'], env);
    const one = await runIrp(['step', id, 'CUSTOMERS_NOTIFIED'], env);
    expect(one).toMatchObject({ code: 2 });
    expect(squash(one.stderr)).toContain('"Told of the outage (a breach of availability)" is still owed to 1 of the register: NHS 111 London');
    await runIrp(['org', 'done', id, 'availability-notice', '--all'], env);
    expect((await runIrp(['step', id, 'CUSTOMERS_NOTIFIED'], env)).code).toBe(0);
  });
});

describe('a report made before its clock started', () => {
  it('does not meet the clock: a follow-up is owed, and one made after the start meets it', async () => {
    const clock = new ManualClock(new Date('2022-08-04T06:00:00Z'));
    const irp = new Irp({ store: new MemoryIncidentStore(), catalog: catalogOf(timePlaybook()), clock });
    const { view } = await irp.start({ playbook: 'time', title: 'Phased', actor: lead });
    await irp.check(view.id, ['seen'], { actor: lead });
    await irp.step(view.id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, { actor: lead });
    clock.advance(24 * HOUR); // day 2: the availability breach told to the ICO
    await irp.step(view.id, { event: 'ICO_NOTIFIED', payload: { ref: 'ICO-1' } }, { actor: lead });
    clock.advance(19 * 24 * HOUR); // day 21: personal data confirmed taken
    await irp.recordAwareness(view.id, 'personal-data-breach', { actor: lead });
    let ico = clockStates(timePlaybook().clocks, await irp.log(view.id), clock.now()).find((s) => s.clock.id === 'ico');
    expect(ico?.status).toBe('running');
    expect(ico && clockNotes(ico).join(' ')).toMatch(/^FOLLOW-UP OWED: the report of Fri 5 Aug 2022 07:00 BST \(#5\) came before this clock started/);
    // The header says so, and the ICO's draft is the follow-up: what changed since that report.
    const report = await irp.status(view.id);
    const state = report.clocks.find((s) => s.clock.id === 'ico');
    expect(urgentClocks(report.clocks, 80, 3).map((line) => line.text)).toContainEqual(expect.stringMatching(/^ {2}FOLLOW-UP {3}Personal data breach report to the ICO|^ {2}FOLLOW-UP {3}ICO/));
    expect(state && buildDraft(report.playbook, report.view, state).followUp).toMatchObject({ seq: 5 });
    clock.advance(HOUR);
    await irp.reported(view.id, { clock: 'ico', followUp: true, reference: 'ICO-1/2' }, { actor: lead });
    ico = clockStates(timePlaybook().clocks, await irp.log(view.id), clock.now()).find((s) => s.clock.id === 'ico');
    expect(ico).toMatchObject({ status: "met", reference: "ICO-1/2" });
  });
});

describe('incident ids', () => {
  it('carry 64 random bits, readable in three groups, and differ', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newIncidentSuffix()));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{5}$/);
    expect(newIncidentSuffix(() => new Uint8Array(8).fill(255))).toBe('fzzz-zzzz-zzzzz');
  });
});

describe('drafts for outside bodies', () => {
  it('carry the latest facts, list measures without the notes typed on them or the reports themselves, and find the ICO', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T12:00:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'T', '--aware-at', '11:00'], env);
    const run = async (...args: string[]) => expect((await runIrp(args, env)).code, args.join(' ')).toBe(0);
    await run('check', id, 'detection-source', 'bridge-opened', 'loggist-assigned');
    await run('step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known', '--note', 'Actually phoned 22:50; tool refused that time');
    await run('check', id, 'estate-mapped', 'exfiltration-checked');
    await run('step', id, 'SCOPE_ASSESSED', '--data', '{"estateAffectedPercent":2,"productsAffected":["Adastra"],"personalDataInvolved":"unknown"}');
    await run('step', id, 'SCOPE_CLOSED', '--data', '{"reason":"Forensics: nothing left the network"}');
    await run('step', id, 'NCSC_NOTIFIED', '--data', '{"ncscReference":"N-1"}');
    const draft = await JSON.parse((await runIrp(['notify', id, 'ncsc', '--format', 'json'], env)).stdout) as { fields: Array<{ label: string; value?: string | string[] }> };
    const field = (label: string) => draft.fields.find((f) => f.label === label)?.value;
    expect(String(field('Measures taken or proposed'))).toContain('Declare a major cyber incident');
    expect(String(field('Measures taken or proposed'))).not.toContain('phoned');
    expect(String(field('Measures taken or proposed'))).not.toContain('NCSC notified');
    const customers = await JSON.parse((await runIrp(['notify', id, 'controllers', '--format', 'json'], env)).stdout) as { fields: Array<{ label: string; value?: string }> };
    expect(customers.fields.find((f) => f.label === 'Personal data involved')?.value).toBe('no');
    expect((await runIrp(['notify', id, 'ico'], env)).stdout).toContain("Notification to Information Commissioner's Office");
    expect((await runIrp(['notify', id, 'controllers'], env)).stdout).not.toContain('(irp aware)');
  });
});
