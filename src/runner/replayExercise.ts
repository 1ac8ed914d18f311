import type { Irp } from '../api/irp.ts';
import { type AnswersFile, EXERCISE_OFFSET } from './answersFile.ts';
import { runAnswers } from './runAnswers.ts';
import { durationMs } from '../input/parseTime.ts';
import { formatLondon } from '../time/london.ts';
import { ExerciseSession } from './exerciseSession.ts';
import type { Scenario } from '../exercise/scenario.ts';
import type { SimulatedClock } from '../exercise/simulatedClock.ts';

/**
 * Runs a scenario from start to end with no one at the keyboard: the answers file's entries are taken at their
 * offsets (`at: +45m`) as commands through the one write path, injects are delivered as the clock passes them,
 * and at the end the clock runs on to the scenario's end so that late timers and clocks are settled. The same
 * scenario and answers give the same record.
 *
 * @param irp an Irp whose `exerciseClock` is `clock`.
 */
export async function replayExercise(options: {
  irp: Irp;
  scenario: Scenario;
  answers: AnswersFile | undefined;
  clock: SimulatedClock;
  print: (text: string) => void;
}): Promise<string> {
  const { irp, scenario, clock, print } = options;
  const lead = scenario.participants[0] as { name: string; role: string };
  const exercise = await ExerciseSession.open(irp, scenario, clock, lead);
  const announce = (events: Awaited<ReturnType<ExerciseSession['advanceTo']>>) => {
    for (const event of events) {
      if (event.kind === 'exercise.inject') print(`INJECT ${formatLondon(new Date(event.occurredAt))} from ${event.data.from}: ${event.data.title}`);
    }
  };
  const answers = options.answers ?? { path: '(no answers)', entries: [] };
  await runAnswers(irp, exercise.incident, answers, {
    actor: { ...lead },
    clock,
    // Each entry is taken at its offset on the exercise's clock (`at: +45m`), after the injects due by then.
    beforeEach: async (entry) =>
      announce(
        entry.at !== undefined && EXERCISE_OFFSET.test(entry.at)
          ? await exercise.advanceTo(new Date(scenario.startAt.getTime() + durationMs(entry.at)))
          : await exercise.deliverDue(),
      ),
  });
  announce(await exercise.advanceTo(scenario.endsAt));
  await irp.recordDueTimers(exercise.incident); // the record ends with every timer that fell due before the end
  // and with the clock at the scenario's end: it ran to the end, and its report says so (not "stopped early").
  await irp.moveExerciseClock(exercise.incident, 'advance', scenario.endsAt);
  return exercise.incident;
}
