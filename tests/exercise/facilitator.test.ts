import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { ExerciseSession } from '../../src/runner/exerciseSession.ts';
import { facilitatorExtension } from '../../src/runner/facilitator.ts';
import { readScenario } from '../../src/exercise/scenario.ts';
import { SimulatedClock } from '../../src/exercise/simulatedClock.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import type { Prompter } from '../../src/runner/prompter.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** Answers prompts by key, from a table; fails on a question it was not given. */
function answering(answers: Record<string, unknown>): Prompter {
  const answer = async (q: { key: string }) => {
    if (!(q.key in answers)) throw new Error(`unexpected prompt ${q.key}`);
    return answers[q.key] as never;
  };
  return { select: answer, checkbox: answer, input: answer, confirm: answer };
}

async function setUp(answers: Record<string, unknown>) {
  const scenario = readScenario(join(playbooksDir, 'advanced-2022.scenario.yaml'), (t) => createHash('sha256').update(t).digest('hex'));
  const wall = new ManualClock(new Date('2026-11-24T10:00:00Z'));
  const clock = new SimulatedClock(scenario.startAt, wall);
  clock.pause();
  const irp = new Irp({ store: new MemoryIncidentStore(), catalog: new PlaybookCatalog(playbooksDir, join(tempDir(), 'c')), clock: wall, exerciseClock: clock });
  const exercise = await ExerciseSession.open(irp, scenario, clock, { name: 'Sam', role: 'incident-commander' });
  const printed: string[] = [];
  const extension = facilitatorExtension(exercise, answering(answers));
  const say = (text: string) => printed.push(text);
  return { irp, exercise, clock, wall, extension, printed, say, session: { actor: { name: 'Sam', role: 'incident-commander' } } };
}

describe('the facilitator controls', () => {
  it('delivers injects as the clock passes them, and advances by a duration', async () => {
    const { irp, exercise, extension, printed, session, say } = await setUp({ 'exercise.by': '3h' });
    await extension.beforeEach(session, say);
    expect(printed.join('\n')).toContain('Servers encrypting on the Staffplan estate');
    expect(extension.headline?.()).toBe('EXERCISE CLOCK 07:00 BST (+0s) · PAUSED · next inject +45m');
    await extension.perform('by', session, say);
    const injects = (await irp.log(exercise.incident)).filter((e) => e.kind === 'exercise.inject').map((e) => [e.data.id, e.occurredAt]);
    expect(injects).toEqual([
      ['detection', '2022-08-04T06:00:00.000Z'],
      ['customers-down', '2022-08-04T06:45:00.000Z'],
      ['nhs-england', '2022-08-04T08:00:00.000Z'],
    ]);
    expect((await irp.log(exercise.incident)).at(-1)).toMatchObject({ kind: 'exercise.clock', data: { action: 'advance', to: '2022-08-04T09:00:00.000Z' } });
  });

  it('runs the clock at real speed once started, and stops it when paused', async () => {
    const { clock, wall, extension, session, irp, exercise, say } = await setUp({});
    await extension.perform('resume', session, say);
    wall.advance(10 * 60_000);
    expect(clock.now().toISOString()).toBe('2022-08-04T06:10:00.000Z');
    await extension.perform('pause', session, say);
    wall.advance(60 * 60_000);
    expect(clock.now().toISOString()).toBe('2022-08-04T06:10:00.000Z');
    expect((await irp.log(exercise.incident)).filter((e) => e.kind === 'exercise.clock').map((e) => e.kind === 'exercise.clock' && e.data.action)).toEqual(['resume', 'pause']);
  });

  it('fires an inject the facilitator writes, by hand, at the current time', async () => {
    const { irp, exercise, extension, session, printed, say } = await setUp({
      'exercise.inject': '',
      'exercise.inject.title': 'Journalist in reception',
      'exercise.inject.body': 'A reporter asks about patient data.',
      'exercise.inject.from': 'Reception',
    });
    await extension.perform('fire', session, say);
    expect((await irp.log(exercise.incident)).at(-1)).toMatchObject({
      kind: 'exercise.inject',
      occurredAt: '2022-08-04T06:00:00.000Z',
      data: { id: 'by-hand-1', title: 'Journalist in reception', from: 'Reception', manual: true },
    });
    expect(printed.join('\n')).toContain('║ A reporter asks about patient data.');
  });

  it('offers the next inject once it knows it, and will not move the clock back', async () => {
    const { extension, session, clock, say } = await setUp({});
    await extension.beforeEach(session, say);
    expect(extension.actions().map((a) => a.value)).toEqual(['next', 'by', 'to', 'resume', 'fire', 'end', 'finish']);
    const verdicts: Array<true | string> = [];
    const checking: Prompter = {
      ...answering({}),
      input: async (q) => {
        verdicts.push(q.validate?.('2022-08-04 06:00') ?? true, q.validate?.('2022-08-04 12:00') ?? true);
        return '2022-08-04 12:00';
      },
    };
    const again = await setUp({});
    const withCheck = facilitatorExtension(again.exercise, checking);
    await withCheck.perform('to', again.session, () => undefined);
    expect(verdicts).toEqual(['that is not later than the exercise clock', true]);
    expect(again.clock.now().toISOString()).toBe('2022-08-04T11:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2022-08-04T06:00:00.000Z');
  });

  it('runs the exercise to the scenario\'s end when asked, so that its report is not "stopped early"', async () => {
    const { irp, exercise, extension, session, printed, say } = await setUp({ 'confirm.finish': true });
    await extension.beforeEach(session, say);
    expect(extension.actions().at(-1)).toEqual({ value: 'finish', name: "Exercise: run to the scenario's end (+43d 2h), delivering the rest" });
    await extension.perform('finish', session, say);
    const log = await irp.log(exercise.incident);
    expect(log.at(-1)).toMatchObject({ kind: 'exercise.clock', data: { action: 'advance', to: exercise.scenario.endsAt.toISOString() } });
    expect(log.filter((event) => event.kind === 'exercise.inject')).toHaveLength(exercise.scenario.injects.length);
    expect(printed.at(-1)).toContain('The exercise has run to its end.');
  });

  it('ends the exercise here when asked: the clock stops where it is, and nothing is delivered after it', async () => {
    const { irp, exercise, extension, session, printed, say } = await setUp({ 'confirm.end': true, 'exercise.by': '45m' });
    await extension.perform('by', session, say);
    await extension.perform('resume', session, say);
    await extension.beforeEach(session, say);
    expect(extension.actions().find((a) => a.value === 'end')?.name).toBe('Exercise: end it here (at +45m; the report scores what fell due by then)');
    await extension.perform('end', session, say);
    const log = await irp.log(exercise.incident);
    expect(log.at(-1)).toMatchObject({ kind: 'exercise.clock', data: { action: 'pause', to: '2022-08-04T06:45:00.000Z' } });
    expect(log.filter((event) => event.kind === 'exercise.inject').map((e) => e.kind === 'exercise.inject' && e.data.id)).toEqual(['detection', 'customers-down']);
    expect(printed.at(-1)).toBe("The exercise ended at +45m. Quit, and make the report with 'exercise report'.");
  });

  it('leaves the exercise where it is when the facilitator says no', async () => {
    const { irp, exercise, extension, session, say } = await setUp({ 'confirm.end': false });
    const before = (await irp.log(exercise.incident)).length;
    await extension.perform('end', session, say);
    expect((await irp.log(exercise.incident)).length).toBe(before);
  });
});
