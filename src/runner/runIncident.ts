import type { Irp, IncidentReport } from '../api/irp.ts';
import type { ActiveStep } from '../engine/incidentView.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { stepHeading } from '../render/renderStatus.ts';
import { renderEvent } from '../render/renderLog.ts';
import { fitLines } from '../render/text.ts';
import type { ScreenLine, Tone } from '../render/tone.ts';
import { formatLondon } from '../time/london.ts';
import { describeRecorded } from './describeRecorded.ts';
import { header } from './header.ts';
import { blockedLines, describeStep, moreMenu, stepMenu, workstreamMenu, type Action } from './incidentMenus.ts';
import { showPage } from './pager.ts';
import { performAction } from './performAction.ts';
import { PromptBack, PromptWithdrawn } from './prompter.ts';
import type { RunnerIo, Session } from './runnerIo.ts';
import { layoutScreen, type ScreenSize } from './screenLayout.ts';

/** Without a terminal, one endless page: nothing is cut. */
const NO_SCREEN: ScreenSize = { rows: Number.POSITIVE_INFINITY, columns: 80 };

/**
 * Walks an incident: shows the active steps, lets the commander tick checklists and take the decisions the
 * playbook offers, and records each one. Each screen, from the top: one header line, the clocks that must not be
 * missed, the step, what the last action said (kept until the next action), and the menu, fitted to the terminal.
 * The record is re-read before every screen; while a menu waits, a change made elsewhere or a timer falling due
 * withdraws it, and the new screen says what changed and who did it. Escape leaves any question recording nothing.
 * Returns when the commander quits or the incident is finished.
 */
export async function runIncident(irp: Irp, incident: string, io: RunnerIo, session: Session, opening?: string): Promise<'quit' | 'finished'> {
  let focus: string | undefined;
  /** How many entries this screen has already shown or recorded itself: anything after them is news. */
  let seen: number | undefined;
  /** What the last action said, shown on every screen until the next action. */
  let message: ScreenLine[] = [];
  const say = (text: string, tone?: Tone) => message.push(...fitLines(text, (io.screen?.size() ?? NO_SCREEN).columns - 1).split('\n').map((line) => ({ text: line, tone })));
  if (opening) say(opening);
  for (;;) {
    await io.extension?.beforeEach(session, (text) => say(text));
    const report = await irp.status(incident);
    const now = io.clock.now();
    if (seen !== undefined && report.view.events.length > seen) announce(report.view.events.slice(seen), report, say);
    seen = report.view.events.length;
    // Reading never writes: a timer that fell due is shown here and recorded with the next entry dated after it.
    for (const timer of report.view.dueTimers) {
      const moves = timer.enters.length > 0 ? ` → ${timer.enters.join(', ')}` : '';
      say(`TIMER fell due ${formatLondon(new Date(timer.dueAt))}: ${timer.label}${moves} (recorded with your next entry)`, 'warning');
    }
    if (report.view.finished) {
      for (const line of message) io.print(line.text, line.tone);
      io.print('This incident is finished: every step of the playbook is complete.');
      return 'finished';
    }
    const size = io.screen?.size() ?? NO_SCREEN;
    const steps = report.view.steps;
    const step = steps.length === 1 ? steps[0] : stepInFocus(steps, focus);
    focus = step?.path;
    const menu = step ? stepMenu(report, step, steps.length > 1, io) : workstreamMenu(report, io);
    const body: ScreenLine[] = step ? stepLines(report, step) : [{ text: `${steps.length} workstreams are active. Choose one to work on:` }];
    const top = header(report, now, session, size.columns, io.extension?.headline?.());
    const screen = layoutScreen({ header: top.line, clocks: top.clocks, step: body, message, menu: { entries: menu.options.length, questionLines: 1 } }, size);
    let action: Action;
    try {
      action = await whileUnchanged(irp, report, io, (signal) => {
        io.screen?.clear();
        for (const line of screen.lines) io.print(line.text, line.tone);
        return io.prompter.select({ key: step ? 'action' : 'workstream', signal, pageSize: screen.pageSize, ...menu });
      });
      if (action.kind === 'more') action = await io.prompter.select({ key: 'more', pageSize: screen.pageSize, ...moreMenu(report, step) });
    } catch (error) {
      if (error instanceof PromptWithdrawn) continue;
      if (error instanceof PromptBack) {
        focus = undefined;
        continue;
      }
      throw error;
    }
    // A new action: what the last one said has been read.
    message = [];
    if (action.kind === 'quit') return 'quit';
    if (action.kind === 'step' || action.kind === 'back') {
      focus = action.kind === 'step' ? action.path : undefined;
      continue;
    }
    if (action.kind === 'extension') {
      try {
        await io.extension?.perform(action.action, session, (text) => say(text));
      } catch (error) {
        if (!(error instanceof PromptBack)) throw error;
      }
      continue;
    }
    // The action's own words (refused, not recorded, handed over) go to the message kept on screen.
    const actionIo: RunnerIo = {
      ...io,
      print: say,
      refused: (error) => {
        say([`Not recorded: ${error.message}`, ...error.details.map((d) => `  - ${d}`)].join('\n'), 'warning');
        io.refused(error); // a driver without a person (an answers file) stops here
      },
    };
    try {
      const after = await performAction(irp, report, step, action, actionIo, session, (text) => showPage(io, text));
      if (after) {
        // The runner's own entries are not news; anything recorded elsewhere before them is announced.
        seen = announceUpTo(after, seen, report, say);
        say(describeRecorded(after.recorded, report));
      }
    } catch (error) {
      if (!(error instanceof PromptBack)) throw error;
      say('Left without recording anything.');
    }
  }
}

/** The step as the screen shows it: its heading, then what blocks its decisions, then the rest of it. */
function stepLines(report: IncidentReport, step: ActiveStep): ScreenLine[] {
  const lines = describeStep(step).split('\n');
  const heading = stepHeading(step).split('\n').length;
  const blocked = blockedLines(report, step).flatMap((text) => text.split('\n'));
  return [...lines.slice(0, heading), ...blocked, ...lines.slice(heading)].map((text) => ({ text }));
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
function announce(events: readonly RecordedEvent[], report: IncidentReport, say: (text: string, tone?: Tone) => void): void {
  const fired = events.filter((event) => event.kind === 'timer.fired');
  const others = events.filter((event) => event.kind !== 'timer.fired');
  for (const event of fired) say(`TIMER fired ${formatLondon(new Date(event.occurredAt))}: ${event.kind === 'timer.fired' ? event.data.label : ''}`, 'warning');
  if (others.length === 0) return;
  const who = [...new Set(others.map((event) => event.actor.name))].join(', ');
  say(`Recorded elsewhere since your last screen, by ${who}:`, 'warning');
  for (const event of others) say(renderEvent(event, report.playbook));
}

/**
 * After the runner recorded: entries that others made before its own are news, announced now; its own are not.
 * Returns the new count of entries seen.
 */
function announceUpTo(after: IncidentReport, seen: number | undefined, report: IncidentReport, say: (text: string, tone?: Tone) => void): number {
  const events = after.view.events;
  const own = events.length - after.recorded.length;
  if (seen !== undefined && own > seen) announce(events.slice(seen, own), report, say);
  return events.length;
}
