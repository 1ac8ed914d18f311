// Paper when every laptop is down (issue 24, item 5): `irp print` makes A4 action cards with short codes; a paper
// log of the first hour typed up with those codes and entered with `irp enter` gives the same record as entering it
// live, each entry marked as from paper; a log with one bad line records nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { paperCodes } from '../../src/playbook/paperCodes.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrp, runIrpJson, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** The first hour, as it happened: when, who (and their role), and what, as CLI arguments after the incident. */
const FIRST_HOUR: Array<{ at: string; name: string; role: string; args: string[] }> = [
  { at: '07:05', name: 'Sam Patel', role: 'incident-commander', args: ['check', 'detection-source', 'bridge-opened', 'loggist-assigned'] },
  { at: '07:10', name: 'Sam Patel', role: 'incident-commander', args: ['step', 'DECLARE', '--rationale', 'Ransom note on Staffplan servers; encryption spreading'] },
  { at: '07:12', name: 'Sam Patel', role: 'incident-commander', args: ['check', 'clinical-impact-considered'] },
  { at: '07:15', name: 'Sam Patel', role: 'incident-commander', args: ['step', 'SHUT_DOWN_ALL', '--rationale', 'The attack is not scoped; customers can switch to paper'] },
  { at: '07:30', name: 'Kim Lee', role: 'customer-liaison', args: ['step', 'CSOC_NOTIFIED', '--data', '{"csocReference":"CSOC-2022-0804-01"}'] },
  { at: '07:40', name: 'Jo Li', role: 'technical-lead', args: ['check', 'servers-isolated', 'remote-access-cut'] },
];

async function opened(env: Record<string, string>): Promise<string> {
  return (await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware on Staffplan', '--aware-at', '07:00'], { ...env, IRP_NOW: '2022-08-04T07:00:00+01:00' })).id;
}

/** What an entry says happened, without when and how it was recorded. */
const essence = (events: readonly RecordedEvent[]) => events.slice(1).map((event) => ({ kind: event.kind, data: event.data, occurredAt: event.occurredAt, actor: event.actor, note: event.note }));

describe('paper when every laptop is down', () => {
  it('a paper log of the first hour, typed up and entered, gives the record entering it live gave, each entry marked as from paper', async () => {
    const live = { IRP_STATE_DIR: tempDir() };
    const liveId = await opened(live);
    for (const entry of FIRST_HOUR) {
      const [command, ...rest] = entry.args as [string, ...string[]];
      await runIrpOk([command, liveId, ...rest, '--actor', entry.name, '--role', entry.role], { ...live, IRP_NOW: `2022-08-04T${entry.at}:00+01:00` });
    }

    // The same hour on paper, by the cards' codes, typed up at 11:00.
    const playbook = await new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache')).load('supplier-ransomware');
    const { steps } = paperCodes(playbook);
    const item = (id: string) => steps.flatMap((step) => step.items).find((candidate) => candidate.id === id)?.code as string;
    const decision = (event: string) => steps.flatMap((step) => step.decisions).find((candidate) => candidate.event === event)?.code as string;
    const csv = [
      'code,at,name,data,rationale',
      ...['detection-source', 'bridge-opened', 'loggist-assigned'].map((id) => `${item(id)},07:05,Sam Patel,,`),
      `${decision('DECLARE')},07:10,Sam Patel,,Ransom note on Staffplan servers; encryption spreading`,
      `${item('clinical-impact-considered')},07:12,Sam Patel,,`,
      `${decision('SHUT_DOWN_ALL')},07:15,Sam Patel,,The attack is not scoped; customers can switch to paper`,
      `${decision('CSOC_NOTIFIED')},07:30,Kim Lee,csocReference: CSOC-2022-0804-01,`,
      `${item('servers-isolated')},07:40,Jo Li,,`,
      `${item('remote-access-cut')},07:40,Jo Li,,`,
    ].join('\n');
    expect(csv).toMatch(/^S1\.1,07:05,Sam Patel/m);
    const paper = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T11:00:00+01:00' };
    const paperId = await opened(paper);
    const file = join(tempDir(), 'first-hour.csv');
    writeFileSync(file, `${csv}\n`);
    const entered = await runIrp(['enter', paperId, file, '--reason', 'Written on the paper log while every system was down'], paper);
    expect(entered.stderr).toBe('');
    expect(entered.stdout).toContain('Entered 9 entries of first-hour.csv, each marked as typed up from paper.');

    const a = await runIrpJson<RecordedEvent[]>(['log', liveId], live);
    const b = await runIrpJson<RecordedEvent[]>(['log', paperId], paper);
    // Ticks written a line each on paper are entries of their own; live, the three of 07:05 were one entry.
    const merged = (events: RecordedEvent[]) =>
      essence(events).reduce<ReturnType<typeof essence>>((out, event) => {
        const last = out.at(-1);
        if (last && event.kind === 'checklist.ticked' && last.kind === 'checklist.ticked' && last.occurredAt === event.occurredAt && JSON.stringify(last.actor) === JSON.stringify(event.actor)) {
          (last.data as { items: string[] }).items.push(...(event.data as { items: string[] }).items);
          return out;
        }
        return [...out, { ...event, data: structuredClone(event.data) }];
      }, []);
    expect(merged(b)).toEqual(merged(a));
    expect(b.slice(1).every((event) => event.fromPaper?.file === 'first-hour.csv' && event.backdateReason === 'Written on the paper log while every system was down')).toBe(true);
    expect(b.slice(1).map((event) => event.fromPaper?.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await runIrp(['log', paperId], paper)).stdout).toContain('FROM PAPER: typed up from first-hour.csv, line 5');
    expect((await runIrp(['verify', paperId], paper)).code).toBe(0);
  });

  it('records nothing of a paper log with one line that cannot be taken, naming the line, exit 2', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T11:00:00+01:00' };
    const id = await opened(env);
    const before = await runIrpJson<unknown[]>(['log', id], env);
    const file = join(tempDir(), 'paper.yaml');
    for (const [bad, says] of [
      ['  - { code: D1, at: "07:10", name: Sam Patel }', 'line 6: DECLARE (Declare a major cyber incident) needs its rationale'],
      ['  - { code: S99.9, at: "07:10", name: Sam Patel }', 'line 6: S99.9 is not a code of the action cards of supplier-ransomware 5.0.0'],
      ['  - { code: S1.1, at: "teatime", name: Sam Patel }', 'line 6: at'],
    ] as const) {
      writeFileSync(file, ['reason: Typed up from the paper log', 'entries:', '  - { code: S1.1, at: "07:05", name: Sam Patel }', '  - { code: S1.2, at: "07:05", name: Sam Patel }', '  - { code: S1.3, at: "07:05", name: Sam Patel }', bad, ''].join('\n'));
      const result = await runIrp(['enter', id, file], env);
      expect(result.code, bad).toBe(2);
      expect(result.stderr).toContain(says);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(await runIrpJson<unknown[]>(['log', id], env)).toEqual(before);
    }
    // Without a reason, entries made hours after the fact are refused by the back-dating rule.
    writeFileSync(file, ['entries:', '  - { code: S1.1, at: "07:05", name: Sam Patel }', ''].join('\n'));
    const late = await runIrp(['enter', id, file], env);
    expect(late.code).toBe(2);
    expect(late.stderr).toContain('line 2:');
    expect(await runIrpJson<unknown[]>(['log', id], env)).toEqual(before);
  });

  it('prints A4 action cards of a playbook, and of an incident with its deadlines written out', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:00:00+01:00' };
    const cards = (await runIrpOk(['print', 'supplier-ransomware'], env)).stdout;
    expect(cards).toContain('<h2>Action card: Incident commander</h2>');
    expect(cards).toContain('<h3>S1 Declare the incident</h3>');
    expect(cards).toContain('Decision: Declare a major cyber incident (and why: Why declare a major cyber incident now?');
    expect(cards).toContain('<h2>Paper log</h2>');
    const id = await opened(env);
    const forIncident = (await runIrpOk(['print', id], env)).stdout;
    expect(forIncident).toContain('Sun 7 Aug 2022 07:00 BST');
    const pdf = join(tempDir(), 'cards.pdf');
    await runIrpOk(['print', id, '--format', 'pdf', '--out', pdf], env);
    expect((await runIrp(['print', 'no-such-thing'], env)).stderr).toContain('no-such-thing is neither an incident nor a playbook here');
  });
});
