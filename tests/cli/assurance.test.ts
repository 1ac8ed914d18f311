// Assurance, as a DPO preparing the DSPT evidence would use it: an incident in March, next year's exercise made from
// its record and run twice (the second time the CSOC is told late), lessons and actions followed up, and the
// register, its trends, the overdue actions, the yearly test with the Board and the report checked against the
// records by figures worked out by hand below. The register is then rebuilt from scratch to the same content.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runIrp, runIrpJson, runIrpOk, squash } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

interface Trend {
  key: string;
  met: number;
  of: number;
  results: Array<{ incident: string; status: string }>;
}
interface AssuranceJson {
  entries: Array<{ incident: string; kind: string; countsAsExercise: boolean; board?: unknown; score: { percent: number | null }; coverage: { expectations: number; met: number; late: number; missed: number } }>;
  expectations: Trend[];
  clocks: Trend[];
  repeatedLessons: Array<{ text: string; incidents: string[] }>;
  actions: { open: Array<{ text: string; seq: number }>; overdue: Array<{ text: string }>; closed: Array<{ text: string; closed: { text: string } }> };
  board: { last?: { incident: string }; dueBy?: string; overdue: boolean };
  lastYear: { exercises: number; activations: number };
}

describe('irp assurance', () => {
  it('keeps every exercise and incident, with trends, lessons that repeat, actions and the Board, from the records', async () => {
    const stateDir = tempDir();
    const work = tempDir();
    const at = (time: string) => ({ IRP_STATE_DIR: stateDir, IRP_NOW: `2026-03-02T${time}:00Z`, IRP_ACTOR: 'Sam Patel' });
    const today = { IRP_STATE_DIR: stateDir, IRP_NOW: '2026-12-02T10:00:00Z', IRP_ACTOR: 'Dee Shah' };

    // The incident, on Monday 2 March 2026 (GMT): the CSOC told at 07:40 (its target 08:00), every customer told.
    const { id: incident } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware at the supplier', '--aware-at', '07:00'], at('07:05'));
    await runIrpOk(['check', incident, 'detection-source', 'bridge-opened', 'loggist-assigned'], at('07:10'));
    await runIrpOk(['step', incident, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], at('07:15'));
    await runIrpOk(['step', incident, 'CSOC_NOTIFIED', '--data', '{"csocReference":"CSOC-1"}'], at('07:40'));
    await runIrpOk(['org', 'add', incident, '--id', 'nhs111-a', '--name', 'NHS 111 A', '--nation', 'England', '--kind', 'controller', '--product', 'Adastra'], at('08:20'));
    await runIrpOk(['org', 'done', incident, 'availability-notice', '--all'], at('08:30'));
    await runIrpOk(['step', incident, 'CUSTOMERS_NOTIFIED'], at('08:45'));
    await runIrpOk(['step', incident, 'NCSC_NOTIFIED', '--data', '{"ncscReference":"NCSC-1"}'], at('09:30'));
    // The review: a lesson, three actions, one of them closed.
    await runIrpOk(['note', incident, 'Customer contacts were out of date', '--lesson'], at('16:00'));
    const action = async (text: string, owner: string, due: string) =>
      (await runIrpJson<Array<{ seq: number }>>(['note', incident, text, '--action', '--owner', owner, '--due', due, '--json'], at('16:05')))[0]?.seq as number;
    await action('Refresh the customer contact list', 'Dee Shah', '2026-04-01');
    await action('Test the paper procedures with NHS 111 providers', 'Kim Lee', '2027-01-31');
    const mfa = await action('Enforce MFA on every remote access route', 'Jo Li', '2026-03-31');
    await runIrpOk(['note', incident, 'MFA enforced on every route, checked by the CSOC', '--closes', String(mfa)], at('16:30'));
    const refused = await runIrp(['note', incident, 'again', '--closes', String(mfa)], at('16:31'));
    expect(refused.code).toBe(2);
    expect(squash(refused.stderr)).toContain(`The action at entry #${mfa} was closed already`);

    // Next year's exercise from the record, with the organisation's own target for containment.
    const scenario = join(work, 'rehearsal.scenario.yaml');
    const answers = join(work, 'answers.yaml');
    await runIrpOk(['exercise', 'from-record', incident, '--out', scenario, '--answers-out', answers, '--target', 'Contain=2h'], today);
    const made = parse(readFileSync(scenario, 'utf8')) as { expectations: Array<{ id: string; notification?: string; decision?: string; by: string }>; participants: Array<{ name: string }> };
    // What the law and the targets require, never the times achieved: the CSOC by 08:00 (+1h), the customers and
    // the NCSC by +24h, NIS by +72h, the police by +24h, containment by +2h.
    expect(made.expectations.map((e) => [e.id, e.by])).toEqual([
      ['controllers-art33-2', '+1d'],
      ['nis-reg12-dsp', '+3d'],
      ['nhse-csoc', '+1h'],
      ['ncsc', '+1d'],
      ['report-fraud', '+1d'],
      ['target-contain', '+2h'],
    ]);
    expect(made.participants.map((p) => p.name)).not.toContain('Sam Patel'); // roles, not names, unless asked
    expect(readFileSync(scenario, 'utf8')).toContain('# What happened in the incident, for the facilitator');

    // Run 1: the team's own answers. Run 2: the CSOC told at +1h30m instead of +40m.
    const run = async (file: string) => (await runIrpJson<{ incident: string }>(['exercise', 'replay', scenario, '--answers', file, '--json'], today)).incident;
    const first = await run(answers);
    const late = parse(readFileSync(answers, 'utf8')) as { steps: Array<Record<string, unknown>> };
    const csoc = late.steps.find((step) => step.decide === 'CSOC_NOTIFIED') as Record<string, unknown>;
    csoc.at = '+1h30m';
    late.steps.sort((a, b) => minutes(a.at as string) - minutes(b.at as string));
    const lateAnswers = join(work, 'late.yaml');
    writeFileSync(lateAnswers, stringify(late));
    const second = await run(lateAnswers);
    await runIrpOk(['note', first, 'Customer contacts were out of date', '--lesson'], today);
    await runIrpOk(['note', first, 'The chair and two non-executive directors took part', '--board'], today);

    // The two runs side by side.
    const comparison = await runIrpJson<{ expectations: Array<{ id: string; change: string }>; decisions: Array<{ label: string; changeMs?: number }> }>(['exercise', 'compare', first, second, '--json'], today);
    expect(comparison.expectations.find((e) => e.id === 'nhse-csoc')?.change).toBe('worse');
    expect(comparison.decisions.find((d) => d.label === 'NHS England CSOC notified')?.changeMs).toBe(50 * 60_000);
    expect((await runIrp(['exercise', 'compare', first, incident], today)).stderr).toContain('Only exercises can be compared');

    // The register and its figures.
    const assurance = await runIrpJson<AssuranceJson>(['assurance', '--json'], today);
    expect(assurance.entries.map((e) => e.incident).sort()).toEqual([incident, first, second].sort());
    // Each run: 6 expectations (the NCA is engaged by referral, not a clock, so not an expectation made from one); met
    // on time in run 1: controllers, CSOC, NCSC (3); run 2: controllers, NCSC (2), the CSOC late; missed in both: NIS,
    // police, containment (3).
    const byId = Object.fromEntries(assurance.entries.map((e) => [e.incident, e]));
    expect(byId[first]?.coverage).toMatchObject({ expectations: 6, met: 3, late: 0, missed: 3 });
    expect(byId[second]?.coverage).toMatchObject({ expectations: 6, met: 2, late: 1, missed: 3 });
    // Points: CSOC 1 (not statutory), controllers 3, NCSC 1, NIS 3, police 1, containment 2 = 11 possible;
    // run 1 scores 5 (45.5%), run 2 scores 4 + 0.5 = 4.5 (40.9%).
    expect(byId[first]?.score.percent).toBe(45.5);
    expect(byId[second]?.score.percent).toBe(40.9);
    const trend = (list: Trend[], key: string) => list.find((t) => t.key === key);
    expect(trend(assurance.expectations, `from-${incident}/nhse-csoc`)).toMatchObject({ met: 1, of: 2 });
    // The CSOC clock across all three: the incident and run 1 on time, run 2 late.
    expect(trend(assurance.clocks, 'nhse-csoc')).toMatchObject({ met: 2, of: 3 });
    expect(assurance.repeatedLessons).toEqual([{ text: 'Customer contacts were out of date', incidents: expect.arrayContaining([incident, first]) }]);
    expect(assurance.actions.open.map((a) => a.text)).toEqual(['Refresh the customer contact list', 'Test the paper procedures with NHS 111 providers']);
    expect(assurance.actions.overdue.map((a) => a.text)).toEqual(['Refresh the customer contact list']);
    expect(assurance.actions.closed).toEqual([expect.objectContaining({ text: 'Enforce MFA on every remote access route', closed: expect.objectContaining({ text: 'MFA enforced on every route, checked by the CSOC' }) })]);
    // The Board took part in run 1 (2 March 2026): the next is due by 2 March 2027, not overdue on 2 December.
    expect(assurance.board).toEqual({ last: expect.objectContaining({ incident: first }), dueBy: '2027-03-02T07:00:00.000Z', overdue: false });
    // In the last twelve months: two exercises, and the incident, which counts (lessons and an action plan).
    expect(assurance.lastYear).toEqual({ exercises: 2, activations: 1 });

    // The overdue action is also among the deadlines; the report says the same.
    expect((await runIrp(['deadlines'], today)).stdout).toMatch(/Actions overdue \(1\):\n!! due 2026-04-01 {2}Dee Shah: Refresh the customer contact list\n {5}raised in inc-\S+, entry #\d+/);
    const report = (await runIrpOk(['assurance', '--report', 'md'], today)).stdout;
    expect(report).toContain('2 open, of which 1 overdue; 1 closed.');
    expect(report).toContain('| Report to the NHS England Cyber Security Operations Centre (internal target) | 2 of 3 |');
    expect(report).toContain('Data Security and Protection Toolkit, evidence item 7.2.1');
    const html = join(work, 'assurance.html');
    await runIrpOk(['assurance', '--report', 'html', '--out', html], today);
    expect(readFileSync(html, 'utf8')).toMatch(/<svg[^>]*role="img"[^>]*>.*<text[^>]*>Report to the NHS England Cyber Security Operations Centre \(internal target\)<\/text>/s);

    // A cache of the records: up to date, stale once a record changes, and rebuilt to the same content.
    expect((await runIrp(['assurance', '--check'], today)).code).toBe(0);
    await runIrpOk(['note', second, 'Debrief held'], today);
    const stale = await runIrp(['assurance', '--check'], today);
    expect(stale.code).toBe(2);
    expect(stale.stdout).toContain(`${second} (new or changed)`);
    const refreshed = await runIrpJson<AssuranceJson>(['assurance', '--json'], today);
    const rebuilt = await runIrpJson<AssuranceJson>(['assurance', '--rebuild', '--json'], today);
    expect(rebuilt.entries).toEqual(refreshed.entries);
    expect(rebuilt.clocks).toEqual(refreshed.clocks);
  });
});

function minutes(offset: string): number {
  const units: Record<string, number> = { d: 1440, h: 60, m: 1, s: 1 / 60 };
  let total = 0;
  for (const [, n, unit] of offset.matchAll(/(\d+)([dhms])/g)) total += Number(n) * (units[unit as string] as number);
  return total;
}
