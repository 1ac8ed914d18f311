// An exercise stopped early is scored on what fell due before it stopped, and says so.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { readScenario } from '../../src/exercise/scenario.ts';
import { SimulatedClock } from '../../src/exercise/simulatedClock.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { ExerciseSession } from '../../src/runner/exerciseSession.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

const actor = { name: 'Sam', role: 'incident-commander' };

/** The 2022 exercise, run for two hours on its simulated clock, then left: the facilitator quit at +2h. */
async function stoppedAtTwoHours(stateDir: string): Promise<string> {
  const scenario = readScenario(join(playbooksDir, 'advanced-2022.scenario.yaml'), (t) => createHash('sha256').update(t).digest('hex'), 'advanced-2022.scenario.yaml');
  const wall = new ManualClock(new Date('2026-11-24T10:00:00Z'));
  const clock = new SimulatedClock(scenario.startAt, wall);
  clock.pause();
  const irp = new Irp({ store: new FileIncidentStore(stateDir), catalog: new PlaybookCatalog(playbooksDir, join(tempDir(), 'c')), clock: wall, exerciseClock: clock });
  const exercise = await ExerciseSession.open(irp, scenario, clock, actor);
  await exercise.advanceTo(new Date(scenario.startAt.getTime() + 20 * 60_000));
  await irp.check(exercise.incident, ['detection-source', 'bridge-opened', 'loggist-assigned'], { actor });
  await irp.step(exercise.incident, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, { actor });
  await exercise.advanceTo(new Date(scenario.startAt.getTime() + 2 * 3_600_000));
  await irp.moveExerciseClock(exercise.incident, 'advance', clock.now());
  await irp.note(exercise.incident, 'Nobody knew where the CSOC number was', { actor, review: { about: 'lesson' } });
  await irp.note(exercise.incident, 'Put the CSOC number on the bridge card', { actor, review: { about: 'action', owner: 'Jo Li', due: '2022-09-30' } });
  return exercise.incident;
}

describe('an exercise stopped early', () => {
  it('scores only what fell due before it stopped, says when it stopped, and lists what was not reached', async () => {
    const stateDir = tempDir();
    const id = await stoppedAtTwoHours(stateDir);
    const report = JSON.parse((await runIrp(['exercise', 'report', id, '--format', 'json'], { IRP_STATE_DIR: stateDir })).stdout);
    expect(report.stoppedEarly).toEqual({ at: '2022-08-04T08:00:00.000Z', scenarioEndsAt: '2022-09-16T08:00:00.000Z' });
    const byId = Object.fromEntries((report.expectations as Array<{ id: string; status: string }>).map((e) => [e.id, e.status]));
    // Due before +2h: declared in time; the CSOC (due +1h) was not told: missed. Due after +2h and not done: not reached.
    expect(byId).toMatchObject({ declare: 'met', csoc: 'missed', shutdown: 'missed', ncsc: 'not-reached', nca: 'not-reached', restore: 'not-reached' });
    expect(report.score).toEqual({ points: 2, possible: 6, percent: 33.3 });
    // No statutory clock is "missed" at a moment the exercise never reached.
    expect(report.summary.filter((item: { tone: string }) => item.tone === 'missed').map((item: { text: string }) => item.text).join('\n')).not.toMatch(/ICO|NIS/);
    expect(report.lessons).toMatchObject([{ text: 'Nobody knew where the CSOC number was' }]);
    expect(report.actions).toMatchObject([{ text: 'Put the CSOC number on the bridge card', owner: 'Jo Li', due: '2022-09-30' }]);

    const markdown = (await runIrp(['exercise', 'report', id], { IRP_STATE_DIR: stateDir })).stdout;
    expect(markdown).toContain("- **This exercise stopped early, at +2h 00m (Thu 4 Aug 2022 09:00 BST), before the scenario's end at +43d 2h.");
    expect(markdown).toContain('### Not reached (the exercise stopped first) (12)');
    // The headline says how much of the exercise the score covers: never a bare percentage for a part.
    expect(markdown).toMatch(/\*\*Stopped at \+2h 00m: 2 of 6 points due by then \(33\.3%\); \d+ of \d+ expectations not reached\*\*/);
    expect(markdown).not.toContain('**Score:');
    expect(markdown).toContain('- Report to the National Cyber Security Centre: due at +1d 0h, after the exercise stopped.');
    expect(markdown).toContain('- Report to the NHS England Cyber Security Operations Centre (internal target): not done by +1h 00m, nor at all.');
    expect(markdown).toContain('| Put the CSOC number on the bridge card | Jo Li | 2022-09-30 | Sam |');
  });

  it('refuses a lesson that is also an action, and a due date that does not exist, changing nothing', async () => {
    const stateDir = tempDir();
    const id = await stoppedAtTwoHours(stateDir);
    const before = (await runIrpJson<unknown[]>(['log', id], { IRP_STATE_DIR: stateDir })).length;
    const both = await runIrp(['note', id, 'x', '--lesson', '--action'], { IRP_STATE_DIR: stateDir });
    expect(both).toMatchObject({ code: 2, stderr: expect.stringContaining('--lesson and --action: give one of them.') });
    const date = await runIrp(['note', id, 'x', '--action', '--due', '2022-02-30'], { IRP_STATE_DIR: stateDir });
    expect(date).toMatchObject({ code: 2, stderr: expect.stringContaining('--due "2022-02-30": there is no such day (Feb 2022 has 28 days)') });
    expect((await runIrpJson<unknown[]>(['log', id], { IRP_STATE_DIR: stateDir })).length).toBe(before);
  });
});
