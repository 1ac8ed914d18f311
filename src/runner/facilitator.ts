import type { RecordedEvent } from '../record/recordedEvent.ts';
import { wrap } from '../render/text.ts';
import type { Prompter } from './prompter.ts';
import type { RunnerExtension } from './runnerIo.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon, formatLondonClock } from '../time/london.ts';
import { durationMs, parseTime } from '../input/parseTime.ts';
import type { ExerciseSession } from './exerciseSession.ts';
import type { Inject } from '../exercise/scenario.ts';

/**
 * The facilitator's controls in the runner during an exercise: injects appear as the simulated clock passes them,
 * and the menu gains entries to advance the clock (to the next inject, by a duration, to a time), pause or start
 * it, and fire an inject by hand. Moves of the clock are recorded, so the report shows them.
 */
export function facilitatorExtension(exercise: ExerciseSession, prompter: Prompter): RunnerExtension {
  let next: Inject | undefined;
  const { clock, irp, incident, scenario } = exercise;
  const sinceStart = (at: Date) => `+${formatSpan(at.getTime() - scenario.startAt.getTime())}`;
  const show = (events: readonly RecordedEvent[], say: (text: string) => void) => {
    for (const event of events) {
      if (event.kind !== 'exercise.inject') continue;
      say(
        [
          '',
          `╔═ INJECT ${sinceStart(new Date(event.occurredAt))} · ${formatLondon(new Date(event.occurredAt))} · from ${event.data.from}`,
          wrap(event.data.title, '║ ', 78),
          wrap(event.data.body.trim().replace(/\s*\n\s*/g, ' '), '║ ', 78),
          ...Object.entries(event.data.reveals ?? {}).map(([fact, value]) => `║ Revealed: ${fact} = ${JSON.stringify(value)}`),
          '╚══',
        ].join('\n'),
      );
    }
  };
  const moveTo = async (target: Date, say: (text: string) => void) => {
    show(await exercise.advanceTo(target), say);
    await irp.moveExerciseClock(incident, 'advance', clock.now());
  };
  return {
    async beforeEach(_session, say) {
      show(await exercise.deliverDue(), say);
      next = (await exercise.pending())[0];
    },
    headline() {
      const now = clock.now();
      const upcoming = next ? ` · next inject ${sinceStart(exercise.dueAt(next))}` : ' · no more injects';
      return `EXERCISE CLOCK ${formatLondonClock(now)} (${sinceStart(now)}) · ${clock.paused ? 'PAUSED' : 'running'}${upcoming}`;
    },
    actions() {
      return [
        ...(next ? [{ value: 'next', name: `Exercise: advance to the next inject (${sinceStart(exercise.dueAt(next))})` }] : []),
        { value: 'by', name: 'Exercise: advance the clock by…' },
        { value: 'to', name: 'Exercise: advance the clock to…' },
        { value: clock.paused ? 'resume' : 'pause', name: clock.paused ? 'Exercise: start the clock' : 'Exercise: pause the clock' },
        { value: 'fire', name: 'Exercise: fire an inject by hand' },
        { value: 'end', name: `Exercise: end it here (at ${sinceStart(clock.now())}; the report scores what fell due by then)` },
        { value: 'finish', name: `Exercise: run to the scenario's end (+${formatSpan(scenario.endsAt.getTime() - scenario.startAt.getTime())}), delivering the rest` },
      ];
    },
    async perform(action, _session, say) {
      switch (action) {
        case 'next':
          if (next) await moveTo(exercise.dueAt(next), say);
          return;
        case 'by': {
          const text = await prompter.input({
            key: 'exercise.by',
            message: 'Advance by (such as 30m, 2h, 1d)',
            validate: (t) => (/^(?:\d+\s*[dhms]\s*)+$/i.test(t.trim()) ? true : 'write a duration such as 30m, 2h or 1d'),
          });
          await moveTo(new Date(clock.now().getTime() + durationMs(text)), say);
          return;
        }
        case 'to': {
          const text = await prompter.input({
            key: 'exercise.to',
            message: 'Advance to (such as 2022-08-04 13:00, London time)',
            validate: (t) => {
              try {
                return parseTime(t, clock.now(), 'The time', { allowFuture: true }).getTime() > clock.now().getTime()
                  ? true
                  : 'that is not later than the exercise clock';
              } catch (error) {
                return (error as Error).message;
              }
            },
          });
          await moveTo(parseTime(text, clock.now(), 'The time', { allowFuture: true }), say);
          return;
        }
        case 'pause':
          clock.pause();
          await irp.moveExerciseClock(incident, 'pause', clock.now());
          return;
        case 'resume':
          clock.resume();
          await irp.moveExerciseClock(incident, 'resume', clock.now());
          return;
        case 'fire':
          show(await fireByHand(exercise, prompter), say);
          return;
        case 'end': {
          // Stop here: the clock stands still, and the report scores only what fell due by now, saying so.
          const sure = await prompter.confirm({ key: 'confirm.end', message: `End the exercise at ${sinceStart(clock.now())}? Expectations due later are reported as not reached, not as missed.`, default: false });
          if (!sure) return;
          if (!clock.paused) {
            clock.pause();
            await irp.moveExerciseClock(incident, 'pause', clock.now());
          }
          say(`The exercise ended at ${sinceStart(clock.now())}. Quit, and make the report with 'exercise report'.`);
          return;
        }
        case 'finish': {
          // Run to the scenario's end, delivering what remains, so that the report scores the whole exercise; a
          // facilitator who quits without this gets a report that says the exercise stopped early.
          const sure = await prompter.confirm({ key: 'confirm.finish', message: `Move the exercise clock to the scenario's end and deliver the injects left? Expectations not met by then count as missed.`, default: false });
          if (!sure) return;
          await moveTo(scenario.endsAt, say);
          await irp.recordDueTimers(incident);
          say("The exercise has run to its end. Quit, and make the report with 'exercise report'.");
          return;
        }
      }
    },
  };
}

async function fireByHand(exercise: ExerciseSession, prompter: Prompter): Promise<RecordedEvent[]> {
  const pending = await exercise.pending();
  const choice = await prompter.select<string>({
    key: 'exercise.inject',
    message: 'Which inject?',
    options: [
      ...pending.map((inject) => ({ value: inject.id, name: `${inject.title} (scheduled +${formatSpan(inject.offsetMs)})`, tags: [inject.id] })),
      { value: '', name: 'Write a new inject' },
    ],
  });
  const scheduled = pending.find((inject) => inject.id === choice);
  if (scheduled) return exercise.fireByHand(scheduled);
  const required = (t: string) => (t.trim() ? true : 'this is needed');
  const title = await prompter.input({ key: 'exercise.inject.title', message: 'Inject title', validate: required });
  const body = await prompter.input({ key: 'exercise.inject.body', message: 'What the team is told', validate: required });
  const from = await prompter.input({ key: 'exercise.inject.from', message: 'From (such as NHS England, a journalist)', validate: required });
  const count = (await exercise.irp.log(exercise.incident)).filter((event) => event.kind === 'exercise.inject' && event.data.manual).length;
  return exercise.fireByHand({ id: `by-hand-${count + 1}`, title: title.trim(), body: body.trim(), from: from.trim() });
}
