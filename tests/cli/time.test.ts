// Issue 8's reproductions, exactly as a user types them, against the built CLI.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

const recordBytes = (env: Record<string, string>, id: string) => readFileSync(join(env.IRP_STATE_DIR as string, 'incidents', `${id}.jsonl`), 'utf8');

function expectUserError(result: Awaited<ReturnType<typeof runIrp>>, message: string | RegExp) {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('trustworthy time on the command line', () => {
  it('records --aware-at 09:12 typed on 10 September as that day, not December of the year before', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2025-09-10T10:00:00Z', IRP_ACTOR: 'Sam Patel' };
    const status = await runIrpJson<{ awareAt: string; clocks: Array<{ id: string; status: string }> }>(
      ['start', 'supplier-ransomware', '--title', 't', '--aware-at', '09:12', '--json'],
      env,
    );
    expect(status.awareAt).toBe('2025-09-10T08:12:00.000Z');
    expect(status.clocks.find((clock) => clock.id === 'controllers-art33-2')?.status).toBe('running');
  });

  it('refuses an impossible date instead of rolling it over', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T10:00:00+01:00' };
    expectUserError(await runIrp(['start', 'supplier-ransomware', '--title', 't', '--aware-at', '2022-02-30 07:00'], env), /--aware-at "2022-02-30 07:00" is not a date: Feb 2022 has 28 days\./);
  });

  it('refuses to back-date before awareness, and asks the reason of a late entry; the verdict says what it rests on', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2026-03-05T17:00:00Z', IRP_ACTOR: 'Sam Patel' };
    const id = (await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 't', '--aware-at', '-80h', '--json'], env)).id;
    const before = recordBytes(env, id);
    expectUserError(await runIrp(['note', id, 'old', '--at', '2020-01-01 09:00', '--reason', 'x'], env), /before the awareness of incident /);
    expectUserError(await runIrp(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned', '--at', '-79h50m'], env), /needs a reason.*--reason/s);
    expect(recordBytes(env, id)).toBe(before);

    const paper = ['--reason', 'typed in from the paper log after the outage'];
    expect((await runIrp(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned', '--at', '-79h50m', ...paper], env)).code).toBe(0);
    expect((await runIrp(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known', '--at', '-79h45m', ...paper], env)).code).toBe(0);
    expect((await runIrp(['check', id, 'clinical-impact-considered', '--at', '-79h40m', ...paper], env)).code).toBe(0);
    expect((await runIrp(['step', id, 'SHUT_DOWN_ALL', '--rationale', 'As the playbook advises, on what was known', '--at', '-79h35m', ...paper], env)).code).toBe(0);
    const contain = ['servers-isolated', 'remote-access-cut', 'third-party-accounts-disabled', 'mfa-enforced', 'evidence-preserved'];
    expect((await runIrp(['check', id, ...contain, '--at', '-79h30m', ...paper], env)).code).toBe(0);
    expect((await runIrp(['step', id, 'CONTAINED', '--at', '-79h20m', ...paper], env)).code).toBe(0);
    expect((await runIrp(['step', id, 'NIS_REPORTABLE', '--at', '-79h5m', ...paper], env)).code).toBe(0);
    // The reproduction: a 72-hour report (NIS reg. 12 to the ICO), claimed 79 h ago, recorded 8 h after the deadline.
    expectUserError(await runIrp(['step', id, 'NIS_REPORTED', '--data', '{"nisReference":"X1"}', '--at', '-79h'], env), /needs a reason/);
    const told = await runIrp(['step', id, 'NIS_REPORTED', '--data', '{"nisReference":"X1"}', '--at', '-79h', ...paper], env);
    expect(told.code).toBe(0);
    const status = (await runIrp(['status', id], env)).stdout.replace(/\s+/g, ' ');
    expect(status).toContain('✓ met (claimed) NIS report by a digital service provider');
    expect(status).toContain('met, by the time claimed (10:00 GMT); recorded Thu 5 Mar 2026 17:00 GMT, 8h 00m after the deadline; reason: typed in from the paper log after the outage');
    expect(status).toContain('Verdicts that rest on back-dated entries NIS report by a digital service provider: met on time by the times claimed, met late by the times recorded');
    const log = (await runIrp(['log', id], env)).stdout.replace(/\s+/g, ' ');
    expect(log).toContain('decided "NIS incident reported to the ICO" (NIS report reference: X1) BACK-DATED: recorded Thu 5 Mar 2026 17:00:00 GMT, 3d 7h later; reason: typed in from the paper log after the outage');
    const report = (await runIrp(['exercise', 'report', id], env)).stdout.replace(/\s+/g, ' ');
    expect(report).toContain('Back-dated entries that changed a verdict');
    expect(report).toContain('#9');
  });

  it('records a moment of awareness, a correction and a follow-up from the CLI, and never writes when reading', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T10:00:00+01:00', IRP_ACTOR: 'Dee Shah', IRP_ROLE: 'dpo' };
    const id = (await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 't', '--aware-at', '09:55', '--json'], env)).id;
    const moments = (await runIrp(['aware', id], env)).stdout;
    expect(moments).toContain('nis-incident  Aware of an incident reportable under the NIS Regulations');
    const bytes = recordBytes(env, id);
    for (const read of [['status', id], ['list'], ['deadlines'], ['log', id], ['notify', id, 'controllers'], ['aware', id], ['exercise', 'report', id]]) {
      expect((await runIrp(read, env)).code).toBe(0);
    }
    expect(recordBytes(env, id)).toBe(bytes);
    expectUserError(await runIrp(['aware', id, 'breach'], env), /"breach" is not a moment of awareness/);
    expect((await runIrp(['aware', id, 'nis-incident', '--at', '09:58'], env)).code).toBe(0);
    const status = (await runIrp(['status', id], env)).stdout.replace(/\s+/g, ' ');
    expect(status).toContain('runs from "Aware of an incident reportable under the NIS Regulations", Thu 4 Aug 2022 09:58 BST, recorded by Dee Shah');
    expectUserError(await runIrp(['correct', id, 'personalDataInvolved', 'yes', '--because', 'x'], env), /has not been recorded/);
    expectUserError(await runIrp(['reported', id, 'controllers', '--follow-up'], env), /Nothing has been reported/);
  });

  it('records a moment of awareness and a correction from the runner, driven by an answers file', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T10:00:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const id = (await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 't', '--aware-at', '07:00', '--json'], env)).id;
    const file = join(tempDir(), 'answers.yaml');
    const paper = 'typed in from the paper log';
    writeFileSync(
      file,
      [
        'steps:',
        `  - { tick: [detection-source, bridge-opened, loggist-assigned], at: "07:05", reason: ${paper} }`,
        `  - { decide: DECLARE, rationale: "As the playbook advises, on what was known", at: "07:10", reason: ${paper} }`,
        `  - { tick: [clinical-impact-considered], at: "07:12", reason: ${paper} }`,
        `  - { decide: SHUT_DOWN_ALL, rationale: "As the playbook advises, on what was known", at: "07:15", reason: ${paper} }`,
        `  - { tick: [servers-isolated, remote-access-cut, third-party-accounts-disabled, mfa-enforced, evidence-preserved], at: "07:30", reason: ${paper} }`,
        `  - { decide: CONTAINED, at: "07:40", reason: ${paper} }`,
        `  - { tick: [estate-mapped, exfiltration-checked], at: "08:00", reason: ${paper} }`,
        `  - { decide: SCOPE_ASSESSED, data: { estateAffectedPercent: 2, productsAffected: [Adastra], personalDataInvolved: unknown }, at: "08:10", reason: ${paper} }`,
        `  - { aware: nis-incident, at: "09:30", reason: forensic call at 09:30 }`,
        '  - { correct: { fact: personalDataInvolved, value: "yes", because: forensic firm confirmed data left the network } }',
        '',
      ].join('\n'),
    );
    const result = await runIrp(['run', id, '--answers', file], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const status = await runIrpJson<{ facts: Record<string, unknown>; corrections: Record<string, unknown[]>; clocks: Array<{ id: string; start?: { cause: string; at: string } }> }>(['status', id, '--json'], env);
    expect(status.facts.personalDataInvolved).toBe('yes');
    expect(status.corrections.personalDataInvolved).toHaveLength(1);
    expect(status.clocks.find((clock) => clock.id === 'nis-reg12-dsp')?.start).toMatchObject({ cause: 'moment', at: '2022-08-04T08:30:00.000Z' });
    // The outage is a breach of availability from the start: the notice to every customer runs from awareness.
    expect(status.clocks.find((clock) => clock.id === 'controllers-art33-2')?.start).toMatchObject({ cause: 'incident-awareness', at: '2022-08-04T06:00:00.000Z' });
    const nis = (await runIrp(['notify', id, 'nis-reg12-dsp'], env)).stdout.replace(/\s+/g, ' ');
    expect(nis).toContain('The clock runs from "Aware of an incident reportable under the NIS Regulations", Thu 4 Aug 2022 09:30 BST');
    const draft = (await runIrp(['notify', id, 'controllers'], env)).stdout.replace(/\s+/g, ' ');
    expect(draft).toContain('yes (corrected Thu 4 Aug 2022 10:00 BST; earlier recorded as "unknown": forensic firm confirmed data left the network)');
    expect(draft).toContain('Thu 4 Aug 2022 07:10 BST: Declare a major cyber incident (entered later, Thu 4 Aug 2022 10:00 BST)');
  });
});
