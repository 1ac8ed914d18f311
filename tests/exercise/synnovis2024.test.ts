// The pathology scenario of June 2024 (issue 23, item 7), replayed from its answers through the CLI, scored as the
// facilitator's manual works it out by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

interface Replayed {
  incident: string;
  report: {
    score: { points: number; possible: number; percent: number };
    settings: string[];
    expectations: Array<{ id: string; status: string; deadline: string; at?: string; lateByMs?: number; points: number; clock?: { dueAt: string; verdict: string } }>;
    clocks: Array<{ id: string; status: string }>;
    clocksNotRun: Array<{ clock: string; why: string }>;
    timeline: Array<{ kind: string; at: string; text: string }>;
  };
}

const HOUR = 3_600_000;

describe('the pathology supplier scenario (south east London, June 2024)', () => {
  it('replays to the score worked out by hand: 17 of 19, mutual aid escalated by its timer and agreed late, the ICO late', async () => {
    const state = tempDir();
    const { incident, report } = await runIrpJson<Replayed>(['exercise', 'replay', 'synnovis-2024', '--answers', join(playbooksDir, 'synnovis-2024.answers.yaml')], { IRP_STATE_DIR: state });
    const byId = Object.fromEntries(report.expectations.map((e) => [e.id, e]));
    // Ten in time: declare (+40m, by +1h, 2), urgent-only (+3h, by +4h, 2), blood (+5h, within 2h of the +4h inject, 3),
    // NHSBT (+8h, 1), GP tests (+9d, by +11d, 1), patients (+4h, 2), CSOC (+1h30m, by +2h, 1), DSPT (+2d, 1),
    // NIS (+2d2h, 1), restored (+72d, 1): 15 points.
    for (const id of ['declare', 'urgent-only', 'blood', 'nhsbt', 'gp-tests', 'patients', 'csoc', 'dspt', 'nis', 'restored']) expect(byId[id]?.status, id).toBe('met');
    expect(byId.blood).toMatchObject({ deadline: '2024-06-03T14:00:00.000Z', at: '2024-06-03T13:00:00.000Z', points: 3 });
    // Two late, each half its weight: mutual aid agreed at +1d6h (by +1d), the ICO at +3d4h (its 72 hours).
    expect(byId['mutual-aid']).toMatchObject({ status: 'late', lateByMs: 6 * HOUR, points: 1 });
    expect(byId.ico).toMatchObject({ status: 'late', lateByMs: 4 * HOUR, points: 1 });
    expect(report.score).toEqual({ points: 17, possible: 19, percent: 89.5 });
    // The escalation timer fired 4 hours after mutual aid was asked for (+6h), before anyone escalated by hand.
    expect(report.timeline.find((entry) => entry.kind === 'timer')).toMatchObject({ at: '2024-06-03T18:00:00.000Z', text: expect.stringContaining('escalate') });
    // The scenario allows the CSOC 2 hours; its clock's target is 1: the report says so rather than leave them apart.
    expect(byId.csoc?.clock).toEqual({ dueAt: '2024-06-03T09:00:00.000Z', verdict: 'met-late' });
    // A trust on the CAF-aligned DSPT in England: no SIRO clock, and the report says why; the DSPT report and the
    // ICO's notification are each their own entry.
    expect(report.settings).toContain('Which nation are the affected services in? England');
    expect(report.clocks.map((clock) => clock.id)).not.toContain('siro-dspt');
    expect(report.clocksNotRun.map((absent) => absent.clock)).toEqual(expect.arrayContaining([expect.stringContaining('SIRO')]));
    const md = (await runIrp(['exercise', 'report', incident], { IRP_STATE_DIR: state })).stdout;
    expect(md).toContain('**Score: 89.5% (17 of 19 points)**');
    // Every format says what the incident was opened for, the page for a Board included.
    expect(md).toContain('Which Data Security and Protection Toolkit is the organisation assessed against? CAF-aligned DSPT');
    const html = (await runIrp(['exercise', 'report', incident, '--format', 'html'], { IRP_STATE_DIR: state })).stdout;
    expect(html).toContain('Which nation are the affected services in? England<br>');
    expect(md).toContain("- csoc: the scenario allows until +2h 00m; the clock's own deadline is +1h 00m (Mon 3 Jun 2024 10:00 BST), which it met LATE.");
    expect((await runIrp(['verify', incident], { IRP_STATE_DIR: state })).code).toBe(0);
    // A rehearsal made from the record runs for the same nation and guidance: the same clocks, no SIRO clock.
    const work = tempDir();
    await runIrp(['exercise', 'from-record', incident, '--out', join(work, 's.yaml'), '--answers-out', join(work, 'a.yaml')], { IRP_STATE_DIR: state });
    expect(readFileSync(join(work, 's.yaml'), 'utf8')).toMatch(/settings:\n {2}nation: england\n {2}dspt: caf-aligned\n {2}law: in-force\n/);
    const again = await runIrpJson<Replayed>(['exercise', 'replay', join(work, 's.yaml'), '--answers', join(work, 'a.yaml')], { IRP_STATE_DIR: tempDir() });
    expect(again.report.clocks.map((clock) => [clock.id, clock.status])).toEqual(report.clocks.map((clock) => [clock.id, clock.status]));
  });
});
