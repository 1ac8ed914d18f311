import type { CommandInput, Irp } from '../api/irp.ts';
import { UserError } from '../errors.ts';
import { parseTime } from '../input/parseTime.ts';
import type { Clock } from '../time/clock.ts';
import { type AnswerEntry, type AnswersFile, EXERCISE_OFFSET } from './answersFile.ts';
import { AnswersFileError } from './answersFileError.ts';

/** An answers file's entry as the command it asks for. Pure: what it means does not depend on the incident. */
export function commandOf(entry: AnswerEntry): CommandInput {
  if ('decide' in entry) return { kind: 'decide', event: entry.decide, payload: entry.data, rationale: entry.rationale, lateReasons: entry.lateReasons };
  if ('tick' in entry) return { kind: 'tick', items: entry.tick };
  if ('aware' in entry) return { kind: 'aware', moment: entry.aware, correction: entry.correction };
  if ('correct' in entry) return { kind: 'correct', fact: entry.correct.fact, value: entry.correct.value, reason: entry.correct.because };
  if ('assign' in entry) return { kind: 'assign', step: entry.assign.step, to: { name: entry.assign.name, role: entry.assign.role } };
  if ('handover' in entry) return { kind: 'handover', to: entry.handover, takeover: entry.takeover };
  if ('report' in entry) return { kind: 'report', clock: entry.report.clock, followUp: entry.report.followUp, reference: entry.report.reference, lateReasons: entry.report.lateReasons };
  if ('register' in entry) return { kind: 'register', organisations: entry.organisations?.organisations ?? [], where: entry.organisations?.where };
  if ('duty' in entry) {
    const { duty } = entry;
    return { kind: 'duty', duty: duty.id, organisations: duty.for, product: duty.product, how: duty.how, reference: duty.reference, payload: duty.data, notNeeded: duty.notNeeded };
  }
  return { kind: 'note', text: entry.note };
}

export interface AnswersRun {
  /** Who acts when neither the entry (`by`) nor the file (`actor`) says. */
  actor: { name: string; role?: string | undefined };
  /** Reads `at` of entries that give a time (not an exercise offset), relative to now. */
  clock: Clock;
  /** Runs before each entry: an exercise moves its clock to the entry's offset and delivers the injects due. */
  beforeEach?: (entry: AnswerEntry) => Promise<void>;
}

/**
 * Takes an answers file's entries in order, each as a command through the one write path (`Irp.execute`), with no
 * prompt and no screen: the same record a commander's keyboard gives for the same answers. An entry irp refuses
 * stops the run with the file and the entry's line; what was recorded before it stays recorded.
 */
export async function runAnswers(irp: Irp, incident: string, file: AnswersFile, run: AnswersRun): Promise<void> {
  // Who takes entries that do not say: the file's actor, and after a handover the new commander, as at a keyboard.
  let actor = { name: file.actor?.name ?? run.actor.name, role: file.actor?.role ?? run.actor.role };
  for (const entry of file.entries) {
    await run.beforeEach?.(entry);
    try {
      await takeEntry(irp, incident, entry, {
        actor: entry.by ?? actor,
        at: entry.at === undefined || EXERCISE_OFFSET.test(entry.at) ? undefined : parseTime(entry.at, run.clock.now(), 'at'),
        reason: ('reason' in entry ? entry.reason : undefined) ?? file.reason,
      });
      if ('handover' in entry) actor = { ...entry.handover };
    } catch (error) {
      if (error instanceof AnswersFileError || !(error instanceof UserError)) throw error;
      throw new AnswersFileError({ code: 'answers-entry-refused', file: file.path, line: entry.line, refused: error.problem });
    }
  }
}

async function takeEntry(
  irp: Irp,
  incident: string,
  entry: AnswerEntry,
  options: { actor: { name: string; role?: string | undefined }; at: Date | undefined; reason: string | undefined },
): Promise<void> {
  const command = commandOf(entry);
  const note = 'decide' in entry ? entry.note : undefined;
  if (command.kind === 'tick') command.items = await ticksInOneStep(irp, incident, command.items);
  // The engine is asked first whether the decision is a late notification (UK GDPR Art. 33(1) asks for the reasons
  // for the delay): the file's `lateReasons` are given when it is, so that one file serves a run on time and a late one.
  if (command.kind === 'decide' && command.lateReasons !== undefined) {
    const check = await irp.checkEntry(incident, { kind: 'decide', event: command.event }, { actor: options.actor, at: options.at });
    if (!check.lateNotification) command.lateReasons = undefined;
  }
  await irp.execute(incident, command, { ...options, note });
}

/**
 * Items named by id alone belong to the active step that has the first of them, as when a commander picks that
 * step's workstream and ticks them there; `step:item` names another step.
 */
async function ticksInOneStep(irp: Irp, incident: string, items: readonly string[]): Promise<string[]> {
  const first = items.find((item) => !item.includes(':'));
  if (first === undefined) return [...items];
  const { view } = await irp.status(incident);
  const step =
    view.steps.find((s) => s.checklist.some((item) => item.id === first && !item.ticked)) ?? view.steps.find((s) => s.checklist.some((item) => item.id === first));
  if (!step) return [...items];
  const inStep = new Set(step.checklist.map((item) => item.id));
  return items.map((item) => (inStep.has(item) ? `${step.path}:${item}` : item));
}
