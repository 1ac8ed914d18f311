import type { Irp } from '../api/irp.ts';
import { UserError } from '../errors.ts';
import { type AnswersFile, EXERCISE_OFFSET } from './answersFile.ts';
import { runIncident } from './runIncident.ts';
import type { RunnerIo } from './runnerIo.ts';
import { ScriptedPrompter } from './scriptedPrompter.ts';
import { durationMs } from '../input/parseTime.ts';
import { formatLondon } from '../time/london.ts';
import { ExerciseSession } from './exerciseSession.ts';
import type { Scenario } from '../exercise/scenario.ts';
import type { SimulatedClock } from '../exercise/simulatedClock.ts';

/**
 * Runs a scenario from start to end with no one at the keyboard: the answers file's entries are taken at their
 * offsets (`at: +45m`) through the same runner a commander uses, injects are delivered as the clock passes them,
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
  const prompter = new ScriptedPrompter(options.answers ?? { path: '(no answers)', entries: [] });
  const announce = (events: Awaited<ReturnType<ExerciseSession['advanceTo']>>) => {
    for (const event of events) {
      if (event.kind === 'exercise.inject') print(`INJECT ${formatLondon(new Date(event.occurredAt))} from ${event.data.from}: ${event.data.title}`);
    }
  };
  const io: RunnerIo = {
    prompter,
    clock,
    print: () => undefined, // the runner's screens are not wanted in a replay; the record and the report say it all
    recorded: () => prompter.advance(),
    refused: (error) => prompter.refuse(error),
    extension: {
      async beforeEach(session) {
        const entry = prompter.current;
        const at = entry && 'at' in entry ? entry.at : undefined;
        announce(
          at !== undefined && EXERCISE_OFFSET.test(at)
            ? await exercise.advanceTo(new Date(scenario.startAt.getTime() + durationMs(at)))
            : await exercise.deliverDue(),
        );
        session.actor = entry?.by ?? { ...lead };
      },
      actions: () => [],
      perform: async () => undefined,
    },
  };
  await runIncident(irp, exercise.incident, io, { actor: { ...lead } });
  const left = prompter.current;
  if (left) throw new UserError(`${options.answers?.path} line ${left.line}: the incident was already finished; this entry and those after it were not used.`);
  announce(await exercise.advanceTo(scenario.endsAt));
  await irp.recordDueTimers(exercise.incident); // the record ends with every timer that fell due before the end
  return exercise.incident;
}
