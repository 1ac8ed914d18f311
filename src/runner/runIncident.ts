import type { Irp, IncidentReport } from '../api/irp.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { renderEvent } from '../render/renderLog.ts';
import { wrap } from '../render/text.ts';
import { formatLondon } from '../time/london.ts';
import { header } from './header.ts';
import { blockedLines, describeStep, stepMenu, workstreamMenu, type Action } from './incidentMenus.ts';
import { performAction } from './performAction.ts';
import { PromptBack, PromptWithdrawn } from './prompter.ts';
import type { RunnerIo, Session } from './runnerIo.ts';

/**
 * Walks an incident: shows the active steps, lets the commander tick checklists and take the decisions the
 * playbook offers, and records each one. The record is re-read before every screen; while a menu waits for an
 * answer, a change to the record made elsewhere (a second commander) or a timer falling due withdraws it, and the
 * new screen first says what changed and who did it. Escape leaves any question without recording anything.
 * Returns when the commander quits or the incident is finished.
 */
export async function runIncident(irp: Irp, incident: string, io: RunnerIo, session: Session): Promise<'quit' | 'finished'> {
  let focus: string | undefined;
  /** How many entries this screen has already shown or recorded itself: anything after them is news. */
  let seen: number | undefined;
  for (;;) {
    await io.extension?.beforeEach(session);
    const report = await irp.status(incident);
    const now = io.clock.now();
    for (const line of header(report, now, session)) io.print(line.text, line.tone);
    if (seen !== undefined && report.view.events.length > seen) announce(report.view.events.slice(seen), report, io);
    seen = report.view.events.length;
    // Reading never writes: a timer that fell due is shown here and recorded with the next entry dated after it.
    for (const timer of report.view.dueTimers) {
      const moves = timer.enters.length > 0 ? ` → ${timer.enters.join(', ')}` : '';
      io.print(wrap(`TIMER fell due ${formatLondon(new Date(timer.dueAt))}: ${timer.label}${moves} (recorded with your next entry)`, ''), 'warning');
    }
    if (report.view.finished) {
      io.print('This incident is finished: every step of the playbook is complete.');
      return 'finished';
    }
    const steps = report.view.steps;
    const step = steps.length === 1 ? steps[0] : stepInFocus(steps, focus);
    focus = step?.path;
    let action: Action;
    try {
      action = await whileUnchanged(irp, report, io, (signal) => {
        if (!step) {
          io.print(`${steps.length} workstreams are active. Choose one to work on:`);
          return io.prompter.select({ key: 'workstream', signal, ...workstreamMenu(report, io) });
        }
        io.print(describeStep(step));
        for (const line of blockedLines(report, step)) io.print(line);
        return io.prompter.select({ key: 'action', signal, ...stepMenu(report, step, steps.length > 1, io) });
      });
    } catch (error) {
      if (error instanceof PromptWithdrawn) continue;
      if (error instanceof PromptBack) {
        focus = undefined;
        continue;
      }
      throw error;
    }
    if (action.kind === 'quit') return 'quit';
    if (action.kind === 'step' || action.kind === 'back') {
      focus = action.kind === 'step' ? action.path : undefined;
      continue;
    }
    try {
      const after = await performAction(irp, report, step, action, io, session);
      // The runner's own entries are not news; anything recorded elsewhere before them is announced.
      if (after) seen = announceUpTo(after, seen, report, io);
    } catch (error) {
      if (!(error instanceof PromptBack)) throw error;
      io.print('Left without recording anything.');
    }
  }
}

/**
 * The step the commander was working on or, when it is done, the one that followed it in the same workstream (the
 * only active step under the same parent): a commander keeps to their workstream without choosing it again.
 */
function stepInFocus<S extends { path: string }>(steps: readonly S[], focus: string | undefined): S | undefined {
  if (focus === undefined) return undefined;
  const same = steps.find((s) => s.path === focus);
  if (same) return same;
  const parent = focus.slice(0, focus.lastIndexOf('.') + 1);
  const next = parent ? steps.filter((s) => s.path.startsWith(parent)) : [];
  return next.length === 1 ? next[0] : undefined;
}

/**
 * Asks a menu question that is withdrawn when the record changes under it or a pending timer falls due: the
 * signal is aborted by the driver's watcher (a terminal checks twice a second; an answers file never).
 */
async function whileUnchanged<T>(irp: Irp, report: IncidentReport, io: RunnerIo, ask: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (!io.watch) return ask(undefined);
  const mark = await irp.changeMark(report.view.id);
  const nextTimer = Math.min(...report.view.timers.map((timer) => Date.parse(timer.dueAt)));
  const watching = io.watch(async () => io.clock.now().getTime() >= nextTimer || (await irp.changeMark(report.view.id)) !== mark);
  try {
    return await ask(watching.signal);
  } finally {
    watching.stop();
  }
}

/** Says what was recorded elsewhere since this screen last looked, and who did it. */
function announce(events: readonly RecordedEvent[], report: IncidentReport, io: RunnerIo): void {
  const fired = events.filter((event) => event.kind === 'timer.fired');
  const others = events.filter((event) => event.kind !== 'timer.fired');
  for (const event of fired) io.print(wrap(`TIMER fired ${formatLondon(new Date(event.occurredAt))}: ${event.kind === 'timer.fired' ? event.data.label : ''}`, ''), 'warning');
  if (others.length === 0) return;
  const who = [...new Set(others.map((event) => event.actor.name))].join(', ');
  io.print(`Recorded elsewhere since your last screen, by ${who}:`, 'warning');
  for (const event of others) io.print(renderEvent(event, report.playbook));
}

/**
 * After the runner recorded: entries that others made before its own are news, announced now; its own are not.
 * Returns the new count of entries seen.
 */
function announceUpTo(after: IncidentReport, seen: number | undefined, report: IncidentReport, io: RunnerIo): number {
  const events = after.view.events;
  const own = events.length - after.recorded.length;
  if (seen !== undefined && own > seen) announce(events.slice(seen, own), report, io);
  return events.length;
}
