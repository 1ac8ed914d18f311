import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrp, runIrpJson, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

const ANSWERS = join(playbooksDir, 'advanced-2022.answers.yaml');

interface ReplayOutput {
  incident: string;
  report: {
    score: { points: number; possible: number; percent: number };
    expectations: Array<{ id: string; status: string; deadline: string; at?: string; lateByMs?: number; points: number }>;
    clocks: Array<{ id: string; status: string }>;
    timeTo: Array<{ label: string; afterAwarenessMs?: number; waivedAt?: string }>;
    timeline: Array<{ kind: string; at: string; text: string }>;
    organisations?: unknown;
  };
}

async function replay(stateDir: string): Promise<ReplayOutput> {
  return await runIrpJson<ReplayOutput>(['exercise', 'replay', 'advanced-2022', '--answers', ANSWERS], { IRP_STATE_DIR: stateDir });
}

// The 2022 replay is the expensive part: made once, and shared by every test that only reads it (reading never
// writes, so they cannot disturb one another).
let shared: ReplayOutput & { stateDir: string };
beforeAll(async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'irp-2022-'));
  shared = { stateDir, ...(await replay(stateDir)) };
});
afterAll(async () => rmSync(shared.stateDir, { recursive: true, force: true }));

describe('irp exercise replay on the 2022 scenario', () => {
  it('prints its status and log within 80 columns, wrapped between words, names not said twice', async () => {
    for (const command of ['status', 'log']) {
      const { stdout } = await runIrp([command, shared.incident], { IRP_STATE_DIR: shared.stateDir });
      // A command to paste back (the head's full hash) is the one line that cannot be broken.
      const long = stdout.split('\n').filter((line) => line.length > 80 && !/^ {2}irp verify \S+ --expect \d+:[0-9a-f]{64}$/.test(line));
      expect(long, command).toEqual([]);
    }
    const log = (await runIrp(['log', shared.incident], { IRP_STATE_DIR: shared.stateDir })).stdout;
    expect(log).toContain('#2  Thu 4 Aug 2022 07:00:00 BST  facilitator  INJECT from Security');
    expect(log).not.toContain('Incident commander (Incident commander)');
  });

  it('gives figures that can be checked by hand against the scenario and answers files', async () => {
    const { report } = shared;
    const byId = Object.fromEntries(report.expectations.map((e) => [e.id, e]));
    // declare by +30m, taken at +20m; shutdown by +2h, at +40m
    expect(byId.declare).toMatchObject({ status: 'met', deadline: '2022-08-04T06:30:00.000Z', at: '2022-08-04T06:20:00.000Z', points: 2 });
    expect(byId.shutdown).toMatchObject({ status: 'met', points: 2 });
    // CSOC by +1h, notified at +30m, while containment was still going on
    expect(byId.csoc).toMatchObject({ status: 'met', at: '2022-08-04T06:30:00.000Z', points: 2 });
    // backup procedures within 2h of the +45m inject (so by +2h45m), advised at +55m
    expect(byId['customers-on-paper']).toMatchObject({ status: 'met', deadline: '2022-08-04T08:45:00.000Z', at: '2022-08-04T06:55:00.000Z', points: 2 });
    // the supplier's own statutory duty as processor: each customer (controller) told by +24h, told at +5h
    expect(byId['customers-told']).toMatchObject({ status: 'met', deadline: '2022-08-05T06:00:00.000Z', at: '2022-08-04T11:00:00.000Z', points: 3 });
    // NCA by +24h, told at +1d4h: late by 4 hours, half of 1 point
    expect(byId.nca).toMatchObject({ status: 'late', lateByMs: 4 * 3_600_000, points: 0.5 });
    // the people whose data was taken: within 2 days of the +2d inject, supported at +2d22h
    expect(byId.people).toMatchObject({ status: 'met', deadline: '2022-08-08T06:00:00.000Z', at: '2022-08-07T04:00:00.000Z', points: 2 });
    // the two groups whose data was taken told within a day of the +2d inject, both at +2d8h
    expect(byId['customers-told-of-data']).toMatchObject({ status: 'met', deadline: '2022-08-07T06:00:00.000Z', at: '2022-08-06T14:00:00.000Z', points: 2 });
    // the 16th restore point (England's 14 NHS 111 and 2 out-of-hours customers) told at +17d2h, by +18d
    expect(byId['restore-points']).toMatchObject({ status: 'met', deadline: '2022-08-22T06:00:00.000Z', at: '2022-08-21T08:00:00.000Z', points: 1 });
    // the first customer reconnected within a day of the +18d reconnection order: at +18d4h
    expect(byId['first-reconnection']).toMatchObject({ status: 'met', deadline: '2022-08-23T06:00:00.000Z', at: '2022-08-22T10:00:00.000Z' });
    // NHS 111 in England restored at +43d1h, by +43d2h
    expect(byId['nhs111-england']).toMatchObject({ status: 'met', at: '2022-09-16T07:00:00.000Z' });
    // 23 points possible (2+2+2+2+3+1+1+1+1+2+1+2+1+1+1); only the NCA was late: 23 − 0.5 = 22.5, 97.8%
    expect(report.score).toEqual({ points: 22.5, possible: 23, percent: 97.8 });
    // The register at the end: 22 customers, all told; reconnected only in England's NHS 111 and out-of-hours.
    const table = report.organisations as { duties: Array<{ id: string; owed: number; done: number; notNeeded: number }>; rows: Array<{ id: string; cells: Record<string, { done: number }> }> };
    expect(table.rows).toHaveLength(22);
    expect(table.duties.find((d) => d.id === 'availability-notice')).toMatchObject({ owed: 22, done: 22 });
    expect(table.duties.find((d) => d.id === 'exfiltration-notice')).toMatchObject({ owed: 22, done: 22, notNeeded: 20 });
    expect(table.duties.find((d) => d.id === 'reconnected')).toMatchObject({ owed: 22, done: 16 });
    expect(table.rows.find((row) => row.id === 'ooh-scotland')?.cells.reconnected).toMatchObject({ done: 0 });
    expect(report.clocks.map((c) => [c.id, c.status])).toEqual([
      ['controllers-art33-2', 'met'],
      ['nis-reg12-dsp', 'waived'],
      ['nhse-csoc', 'met'],
      ['ncsc', 'met'],
      ['report-fraud', 'met'],
    ]);
    expect(report.timeTo.find((t) => t.label === 'Contain')?.afterAwarenessMs).toBe(70 * 60_000);
    expect(report.timeTo.find((t) => t.label === 'Restore')?.afterAwarenessMs).toBe((7 * 24 + 3) * 3_600_000);
    // NIS was judged not reportable: the ICO notification is not needed, which is not the same as never reached.
    const ico = report.timeTo.find((t) => t.label === 'Notify: ICO (NIS reg. 12)');
    expect(ico?.afterAwarenessMs).toBeUndefined();
    expect(ico?.waivedAt).toMatch(/^2022-08-/);
    const injects = report.timeline.filter((entry) => entry.kind === 'inject');
    expect(injects).toHaveLength(11);
    expect(injects[1]).toMatchObject({ at: '2022-08-04T06:45:00.000Z', text: 'Adastra is unavailable (from An NHS 111 provider)' });
  });

  it("turns the record back into a scenario and answers that replay to the same decisions, times and clocks", async () => {
    const { stateDir, incident, report } = shared;
    const work = tempDir();
    const env = { IRP_STATE_DIR: stateDir };
    await runIrpOk(['exercise', 'from-record', incident, '--out', join(work, 's.yaml'), '--answers-out', join(work, 'a.yaml')], env);
    const again = await runIrpJson<ReplayOutput>(['exercise', 'replay', join(work, 's.yaml'), '--answers', join(work, 'a.yaml'), '--json'], { IRP_STATE_DIR: tempDir() });
    const decisions = (r: ReplayOutput['report']) => r.timeline.filter((entry) => entry.kind === 'decision' || entry.kind === 'inject').map((entry) => [entry.at, entry.text]);
    expect(decisions(again.report)).toEqual(decisions(report));
    expect(again.report.clocks.map((c) => [c.id, c.status])).toEqual(report.clocks.map((c) => [c.id, c.status]));
    expect(again.report.timeTo).toEqual(report.timeTo);
    // Scored against what the law and the targets require: met wherever the clock was met, late where it was late.
    expect(again.report.expectations.map((e) => [e.id, e.status])).toEqual([
      ['controllers-art33-2', 'met'],
      ['nis-reg12-dsp-decided', 'met'],
      ['nhse-csoc', 'met'],
      ['ncsc', 'met'],
      ['report-fraud', 'met'],
    ]);
  });

  it('is deterministic: two replays leave the same record, byte for byte', async () => {
    const a = shared.stateDir;
    const b = tempDir();
    const first = shared;
    const second = await replay(b);
    expect(second.incident).toBe(first.incident);
    const file = `${first.incident}.jsonl`;
    expect(readFileSync(join(b, 'incidents', file))).toEqual(readFileSync(join(a, 'incidents', file)));
  });

  it('marks the exercise everywhere and keeps it out of the live deadlines', async () => {
    const { stateDir, incident } = shared;
    const env = { IRP_STATE_DIR: stateDir };
    expect(incident).toMatch(/^ex-20220804-/);
    expect((await runIrp(['list'], env)).stdout).toContain(`${incident}  open (exercise)`);
    expect((await runIrp(['status', incident], env)).stdout.split('\n')[0]).toContain(`EXERCISE ${incident}`);
    expect((await runIrp(['deadlines'], env)).stdout).toContain('No clock is running on any open incident.');
    expect((await runIrp(['notify', incident, 'csoc'], env)).stdout).toContain('# EXERCISE — Notification to');
    expect((await runIrp(['verify', incident], env)).code).toBe(0);
  });

  it('writes the report as Markdown, a self-contained HTML page with an SVG timeline, or JSON', async () => {
    const { stateDir, incident } = shared;
    const env = { IRP_STATE_DIR: stateDir };
    const md = (await runIrp(['exercise', 'report', incident], env)).stdout;
    expect(md).toContain('**Score: 97.8% (22.5 of 23 points)**\n\nOn time counts in full, late counts 50%, missed counts nothing.');
    expect(md).toContain('| nca | National Crime Agency engaged | +1d 0h (Fri 5 Aug 2022 07:00 BST) | LATE by 4h 00m |');
    expect(md).toMatch(/\| Notify: ICO \(NIS reg\. 12\) \| not required \| \w{3} \d+ Aug 2022 /);
    const out = join(tempDir(), 'report.html');
    expect((await runIrp(['exercise', 'report', incident, '--format', 'html', '--out', out], env)).code).toBe(0);
    expect(await runIrp(['exercise', 'report', incident, '--format', 'html', '--out', out], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('already exists; pass --force') });
    expect((await runIrp(['exercise', 'report', incident, '--format', 'html', '--out', out, '--force'], env)).code).toBe(0);
    const record = join(stateDir, 'incidents', `${incident}.jsonl`);
    const before = readFileSync(record, 'utf8');
    expect(await runIrp(['exercise', 'report', incident, '--out', record, '--force'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('is inside the state folder') });
    expect(readFileSync(record, 'utf8')).toBe(before);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg');
    expect(html).toContain('Score: 97.8%');
    // The head it was made from, as the Markdown report and the record give it.
    const head = /head ([0-9a-f]{64}) \(irp verify/.exec(md)?.[1] as string;
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    expect(html).toContain(`head <code>${head}</code>`);
    // The register at the end, a row per customer, in the page as in the Markdown.
    expect(html).toContain('<h2>Organisations</h2>');
    expect(html).toContain('Care homes on Caresys (a group of 1000) (name invented)');
    expect(html).not.toMatch(/<script|\ssrc=|<link/);
    expect(JSON.parse((await runIrp(['exercise', 'report', incident, '--format', 'json'], env)).stdout).score.percent).toBe(97.8);
  });

  it('runs a scenario without answers: the injects come, nothing is decided, every expectation is missed', async () => {
    const { report } = await runIrpJson<ReplayOutput>(['exercise', 'replay', 'nhs111-supplier-outage'], { IRP_STATE_DIR: tempDir() });
    expect(report.score.percent).toBe(0);
    expect(report.expectations.every((e) => e.status === 'missed')).toBe(true);
    expect(report.timeline.filter((e) => e.kind === 'inject')).toHaveLength(6);
  });

  it('refuses answers that no longer fit the playbook, naming the line', async () => {
    const stateDir = tempDir();
    const answers = join(stateDir, 'answers.yaml');
    writeFileSync(answers, 'steps:\n  - decide: DECLARE\n    rationale: As the playbook advises, on what was known\n    at: +5m\n');
    const result = await runIrp(['exercise', 'replay', 'advanced-2022', '--answers', answers], { IRP_STATE_DIR: stateDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${answers} line 2: DECLARE (Declare a major cyber incident) is blocked: "Declare the incident" has required items not ticked: "Who or what raised the alarm, and when, is noted", "Incident bridge opened; incident team paged", "A loggist keeps the decision log from now on"`);
  });
});

describe('irp replay (what-if)', () => {
  it('replays a recorded incident against a playbook with one step removed and reports exactly that divergence', async () => {
    const { stateDir, incident } = shared;
    const before = readFileSync(join(stateDir, 'incidents', `${incident}.jsonl`));
    const revised = join(tempDir(), 'revised');
    mkdirSync(revised);
    copyFileSync(join(playbooksDir, '_uk-clocks.ts'), join(revised, '_uk-clocks.ts'));
    copyFileSync(join(playbooksDir, '_uk-settings.ts'), join(revised, '_uk-settings.ts'));
    const source = readFileSync(join(playbooksDir, 'supplier-ransomware.ts'), 'utf8');
    const start = source.indexOf('            messaging: {');
    const end = source.indexOf("            done: { type: 'final' },", start);
    const withoutMessaging = (source.slice(0, start) + source.slice(end))
      .replace("BACKUP_PROCEDURES_ADVISED: { target: 'messaging'", "BACKUP_PROCEDURES_ADVISED: { target: 'done'")
      .replace("version: '5.0.0'", "version: '5.1.0'");
    writeFileSync(join(revised, 'supplier-ransomware.ts'), withoutMessaging);

    const result = await runIrpJson<{ to: { version: string }; divergences: Array<{ seqs: number[]; removedStep?: string; details: string[] }>; clocks: unknown[] }>(
      ['replay', incident, '--playbook', join(revised, 'supplier-ransomware.ts')],
      { IRP_STATE_DIR: stateDir },
    );
    expect(result.to.version).toBe('5.1.0');
    expect(result.divergences).toHaveLength(1);
    expect(result.divergences[0]).toMatchObject({
      removedStep: 'response.continuity.messaging',
      details: [expect.stringContaining('ticks statement-agreed, emergency-message in response.continuity.messaging'), expect.stringContaining('decision PUBLIC_MESSAGE_ISSUED')],
    });
    expect(result.clocks).toEqual([]);
    expect(readFileSync(join(stateDir, 'incidents', `${incident}.jsonl`))).toEqual(before);
    expect(readdirSync(join(stateDir, 'incidents')).filter((name) => name.endsWith('.jsonl'))).toHaveLength(1);
    const same = await runIrpJson<{ divergences: unknown[] }>(['replay', incident, '--playbook', 'supplier-ransomware@5.0.0'], { IRP_STATE_DIR: stateDir });
    expect(same.divergences).toEqual([]);
  });

  it('reports a clock that a revised catalogue would now have missed', async () => {
    const { stateDir, incident } = shared;
    const revised = join(tempDir(), 'revised');
    mkdirSync(revised);
    writeFileSync(join(revised, '_uk-clocks.ts'), readFileSync(join(playbooksDir, '_uk-clocks.ts'), 'utf8').replace("runs: { withoutUndueDelay: true, targetHours: 24 },\n    dueSoonHours: 6,", 'runs: { withoutUndueDelay: true, targetHours: 4 },'));
    copyFileSync(join(playbooksDir, 'supplier-ransomware.ts'), join(revised, 'supplier-ransomware.ts'));
    copyFileSync(join(playbooksDir, '_uk-settings.ts'), join(revised, '_uk-settings.ts'));
    const result = await runIrpJson<{ clocks: Array<{ id: string; before: string; after: string }>; divergences: Array<{ seqs: number[]; problem: string }> }>(
      ['replay', incident, '--playbook', join(revised, 'supplier-ransomware.ts')],
      { IRP_STATE_DIR: stateDir },
    );
    // Customers were told at +5h: past a 4-hour target, and the record gives no reason for the delay.
    expect(result.divergences).toEqual([expect.objectContaining({ problem: expect.stringContaining('It would now be late, and the record gives no reason for the delay.') })]);
    expect(result.clocks).toEqual([expect.objectContaining({ id: 'controllers-art33-2', before: 'met', after: 'met-late' })]);
  });
});

describe("a scenario's reveals", () => {
  it('are checked against the playbook: a misnamed fact stops the exercise before it starts, with exit 2', async () => {
    const stateDir = tempDir();
    const file = join(tempDir(), 'misnamed.scenario.yaml');
    writeFileSync(file, readFileSync(join(playbooksDir, 'advanced-2022.scenario.yaml'), 'utf8').replace('personalDataInvolved: "yes"', 'personalDataInvolvd: "yes"'));
    const result = await runIrp(['exercise', 'replay', file], { IRP_STATE_DIR: stateDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('inject "Data was taken (exercise assumption)" reveals "personalDataInvolvd", which is not a fact of supplier-ransomware.');
    expect(await runIrpJson<unknown[]>(['list'], { IRP_STATE_DIR: stateDir })).toEqual([]);
  });
});
