import type { Irp, IncidentReport } from '../api/irp.ts';
import type { ActiveStep, Choice } from '../engine/incidentView.ts';
import { blockerText, type Blocker } from '../engine/blockers.ts';
import { isProblem, UserError } from '../errors.ts';
import { renderLog } from '../render/renderLog.ts';
import { renderStatus, stepHeading } from '../render/renderStatus.ts';
import { wrap } from '../render/text.ts';
import { formatLondon, formatLondonClock } from '../time/london.ts';
import { isBackdated } from '../record/backdating.ts';
import { momentsOf } from '../clocks/clockSpec.ts';
import { factSchemas } from '../engine/decideCorrection.ts';
import { z } from 'zod';
import { buildDraft } from '../notify/buildDraft.ts';
import { draftText } from '../render/renderDraft.ts';
import { askPayload, PayloadRefused } from './askPayload.ts';
import { askTime } from './askTime.ts';
import { header } from './header.ts';
import type { Option } from './prompter.ts';
import type { RunnerIo, Session } from './runnerIo.ts';

/** What the commander can do from the menus. Decisions carry their event. */
type Action =
  | { kind: 'step'; path: string }
  | { kind: 'decide'; event: string }
  | { kind: 'draft'; clock: string }
  | { kind: 'extension'; action: string }
  | { kind: 'tick' | 'assign' | 'note' | 'aware' | 'correct' | 'log' | 'status' | 'handover' | 'back' | 'quit' };

/**
 * Walks an incident: shows the active steps, lets the commander tick checklists and take the decisions the
 * playbook offers, and records each one. The record is re-read before every prompt, so a second runner on the
 * same incident is seen at once. Returns when the commander quits or the incident is finished.
 */
export async function runIncident(irp: Irp, incident: string, io: RunnerIo, session: Session): Promise<'quit' | 'finished'> {
  let focus: string | undefined;
  for (;;) {
    await io.extension?.beforeEach(session);
    const report = await irp.status(incident);
    const now = io.clock.now();
    for (const line of header(report, now, session)) io.print(line.text, line.tone);
    // Reading never writes: a timer that fell due is shown here and recorded with the next entry dated after it.
    for (const timer of report.view.dueTimers) {
      const moves = timer.enters.length > 0 ? ` → ${timer.enters.join(', ')}` : '';
      io.print(wrap(`Timer due since ${formatLondon(new Date(timer.dueAt))}: ${timer.label}${moves} (recorded with your next entry)`, ''));
    }
    if (report.view.finished) {
      io.print('This incident is finished: every step of the playbook is complete.');
      return 'finished';
    }
    const steps = report.view.steps;
    const step = steps.length === 1 ? steps[0] : steps.find((s) => s.path === focus);
    const action = step ? await chooseInStep(report, step, steps.length > 1, io) : await chooseWorkstream(report, io);
    if (action.kind === 'quit') return 'quit';
    if (action.kind === 'step') {
      focus = action.path;
      continue;
    }
    if (action.kind === 'back') {
      focus = undefined;
      continue;
    }
    await perform(irp, report, step, action, io, session);
  }
}

async function chooseWorkstream(report: IncidentReport, io: RunnerIo): Promise<Action> {
  io.print(`${report.view.steps.length} workstreams are active. Choose one to work on:`);
  const options: Array<Option<Action>> = report.view.steps.map((step): Option<Action> => {
    const open = step.checklist.filter((item) => item.required && !item.ticked).length;
    const choices = report.view.choices.filter((choice) => choice.from.includes(step.path));
    const where = step.within.length > 0 ? `${step.within.at(-1)} › ` : '';
    return {
      value: { kind: 'step', path: step.path },
      name: `${where}${step.title}`,
      description: `${step.roleName}${step.assignee ? ` (${step.assignee.name})` : ''} · ${open} required item${open === 1 ? '' : 's'} open · ${choices.length} decision${choices.length === 1 ? '' : 's'}`,
      tags: [step.path, ...choices.map((choice) => choice.event), ...step.checklist.map((item) => item.id)],
    };
  });
  return io.prompter.select({ key: 'workstream', message: 'Work on', options: [...options, ...commonActions(report, true, io)] });
}

async function chooseInStep(report: IncidentReport, step: ActiveStep, parallel: boolean, io: RunnerIo): Promise<Action> {
  io.print(describeStep(step));
  const open = step.checklist.filter((item) => !item.ticked);
  const decisions = report.view.choices.filter((choice) => choice.from.includes(step.path));
  const options: Array<Option<Action>> = [];
  if (open.length > 0) options.push({ value: { kind: 'tick' }, name: `Tick checklist items (${open.length} open)`, tags: open.map((i) => i.id) });
  for (const choice of decisions) options.push(decisionOption(choice));
  for (const state of report.clocks) {
    if (decisions.some((choice) => choice.event === state.clock.stops.event)) {
      options.push({ value: { kind: 'draft', clock: state.clock.id }, name: `Show the draft notification to ${shortRecipient(state.clock.recipient)}`, tags: [`draft:${state.clock.id}`] });
    }
  }
  options.push({ value: { kind: 'assign' }, name: 'Assign this step to someone', tags: [step.path] });
  if (parallel) options.push({ value: { kind: 'back' }, name: 'Back to all workstreams' });
  return io.prompter.select({ key: 'action', message: 'Next', options: [...options, ...commonActions(report, !parallel, io)] });
}

function decisionOption(choice: Choice): Option<Action> {
  return {
    value: { kind: 'decide', event: choice.event },
    name: `Decide: ${choice.label}`,
    description: choice.event,
    ...(choice.blockers[0] ? { disabled: `(blocked: ${shortBlocker(choice.blockers[0])})` } : {}),
    tags: [choice.event],
  };
}

/** A blocker short enough to sit beside a choice in an 80-column menu; the full text is in the status. */
function shortBlocker(blocker: Blocker): string {
  if (blocker.kind === 'open-items') return 'tick required items';
  const text = blockerText(blocker);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function shortRecipient(recipient: string): string {
  const plain = recipient.replace(/\s*\(.*\)\s*$/, '');
  return plain.length > 40 ? `${plain.slice(0, 39)}…` : plain;
}

function commonActions(report: IncidentReport, withHandover: boolean, io: RunnerIo): Array<Option<Action>> {
  const extra = (io.extension?.actions() ?? []).map((option) => ({ ...option, value: { kind: 'extension', action: option.value } as Action }));
  const moments = momentsOf(report.playbook.clocks);
  const corrigible = Object.keys(report.view.facts).filter((fact) => factSchemas(report.playbook).has(fact));
  return [
    ...extra,
    { value: { kind: 'note' }, name: 'Add a note' },
    ...(moments.size > 0 ? [{ value: { kind: 'aware' } as Action, name: 'Record a moment of awareness (starts its clocks)', tags: [...moments.keys()] }] : []),
    ...(corrigible.length > 0 ? [{ value: { kind: 'correct' } as Action, name: 'Correct a recorded fact', tags: corrigible }] : []),
    { value: { kind: 'log' }, name: 'Show the log' },
    { value: { kind: 'status' }, name: 'Show the full status' },
    ...(withHandover ? [{ value: { kind: 'handover' } as Action, name: 'Hand over command' }] : []),
    { value: { kind: 'quit' }, name: 'Quit (everything recorded is kept)' },
  ];
}

function describeStep(step: ActiveStep): string {
  const lines = [stepHeading(step)];
  lines.push(`  ${step.roleName}${step.assignee ? ` · assigned to ${step.assignee.name}` : ''} · since ${formatLondon(new Date(step.enteredAt))}`);
  lines.push(wrap(step.instructions, '  '));
  for (const item of step.checklist) {
    const state = item.ticked ? `[x] ${item.text} — ${item.ticked.by.name}${tickTime(item.ticked)}` : `[ ] ${item.text}${item.required ? '' : ' (optional)'}`;
    lines.push(wrap(state, '    '));
  }
  for (const fact of step.facts) lines.push(`    ${fact.label}: ${'value' in fact ? JSON.stringify(fact.value) : 'not recorded yet'}`);
  return lines.join('\n');
}

/** `, 07:05 BST`, and for a tick entered later `, 07:05 BST (back-dated; recorded 15:00 BST)`. */
function tickTime(tick: { at: string; recordedAt?: string }): string {
  const late = tick.recordedAt !== undefined && isBackdated({ occurredAt: tick.at, recordedAt: tick.recordedAt });
  return `, ${formatLondonClock(new Date(tick.at))}${late ? ` (back-dated; recorded ${formatLondonClock(new Date(tick.recordedAt as string))})` : ''}`;
}

async function perform(irp: Irp, report: IncidentReport, step: ActiveStep | undefined, action: Action, io: RunnerIo, session: Session): Promise<void> {
  const id = report.view.id;
  const { prompter } = io;
  try {
    switch (action.kind) {
      case 'log':
        io.print(renderLog(await irp.log(id)));
        return;
      case 'status':
        io.print(renderStatus(report, io.clock.now()));
        return;
      case 'extension':
        await io.extension?.perform(action.action, session);
        return;
      case 'draft': {
        const state = report.clocks.find((s) => s.clock.id === action.clock);
        if (state) io.print(draftText(buildDraft(report.playbook, report.view, state)));
        return;
      }
      case 'tick': {
        if (!step) return;
        const open = step.checklist.filter((item) => !item.ticked);
        const items = await prompter.checkbox({
          key: 'ticks',
          message: 'Tick what is done (space to tick, enter to record)',
          options: open.map((item) => ({ value: item.id, name: `${item.text}${item.required ? '' : ' (optional)'}`, tags: [item.id] })),
        });
        if (items.length === 0) return;
        const { at, reason } = await askTime(io, 'at', 'When was this done?', report.view.backdateMarginMs);
        await irp.check(id, items.map((item) => `${step.path}:${item}`), { actor: session.actor, at, reason });
        break;
      }
      case 'decide': {
        const choice = report.view.choices.find((c) => c.event === action.event);
        if (!choice) return;
        const labels = Object.fromEntries(report.view.steps.flatMap((s) => s.facts.map((fact) => [fact.id, fact.label])));
        const payload = choice.payload ? await askPayload(prompter, choice.payload, labels) : undefined;
        const note = (await prompter.input({ key: 'note', message: 'Note (optional, enter to skip)' })).trim();
        const { at, reason } = await askTime(io, 'at', 'When did this happen?', report.view.backdateMarginMs);
        const decision = { event: choice.event, payload };
        try {
          await irp.step(id, decision, { actor: session.actor, at, reason, note: note || undefined });
        } catch (error) {
          // The engine holds the rule (UK GDPR Art. 33(1): a late notification records the reasons for the delay);
          // the runner only asks for them when the engine says they are needed.
          if (!isProblem(error, 'late-without-reason')) throw error;
          const late = error.problem;
          io.print(`This is after the deadline of "${late.clockLabel}" (${late.law}), ${formatLondon(new Date(late.dueAt))}.`);
          const reasons = await prompter.input({ key: 'lateReason', message: 'Reasons for the delay (required)', validate: (t) => (t.trim() ? true : 'the law asks for the reasons for a late notification') });
          await irp.step(id, decision, { actor: session.actor, at, reason, note: [note, reasons.trim()].filter(Boolean).join(' — ') });
        }
        break;
      }
      case 'note': {
        const text = await prompter.input({ key: 'note', message: 'Note', validate: (t) => (t.trim() ? true : 'type the note, or press Ctrl-C to stop') });
        const { at, reason } = await askTime(io, 'at', 'When did this happen?', report.view.backdateMarginMs);
        await irp.note(id, text.trim(), { actor: session.actor, at, reason });
        break;
      }
      case 'aware': {
        const moments = momentsOf(report.playbook.clocks);
        const moment = await prompter.select({
          key: 'aware',
          message: 'Which moment of awareness?',
          options: [...moments].map(([id, label]) => {
            const recorded = report.view.moments[id];
            return { value: id, name: recorded ? `${label} (recorded ${formatLondon(new Date(recorded.at))}; again to correct it)` : label, tags: [id] };
          }),
        });
        const { at, reason } = await askTime(io, 'at', 'When did you become aware?', report.view.backdateMarginMs);
        const correction = report.view.moments[moment]
          ? (await prompter.input({ key: 'correction', message: 'Why was the earlier time wrong? (kept in the record)', validate: (t) => (t.trim() ? true : 'say why it is corrected') })).trim()
          : undefined;
        await irp.recordAwareness(id, moment, { actor: session.actor, at, reason, correction });
        break;
      }
      case 'correct': {
        const schemas = factSchemas(report.playbook);
        const labels = Object.fromEntries(report.view.steps.flatMap((s) => s.facts.map((fact) => [fact.id, fact.label])));
        const fact = await prompter.select({
          key: 'correct.fact',
          message: 'Which fact?',
          options: Object.entries(report.view.facts)
            .filter(([name]) => schemas.has(name))
            .map(([name, value]) => ({ value: name, name: `${labels[name] ?? name}: ${JSON.stringify(value)}`, tags: [name] })),
        });
        const value = (await askPayload(prompter, z.object({ [fact]: schemas.get(fact) as z.ZodType }), labels))[fact];
        const because = await prompter.input({ key: 'correct.because', message: 'Why is it corrected? (kept in the record)', validate: (t) => (t.trim() ? true : 'say why') });
        const { at, reason } = await askTime(io, 'at', 'Since when is the new value known?', report.view.backdateMarginMs);
        await irp.correct(id, { fact, value, reason: because.trim() }, { actor: session.actor, at, reason });
        break;
      }
      case 'assign': {
        if (!step) return;
        const assignee = await askPerson(report, io, 'assign', 'Give this step to (name)', step.role);
        await irp.assign(id, step.path, assignee, { actor: session.actor });
        break;
      }
      case 'handover': {
        const to = await askPerson(report, io, 'handover', 'Hand command over to (name)', report.view.commander.role);
        await irp.handover(id, to, { actor: session.actor });
        session.actor = to;
        io.print(`Command handed over. Recording as ${to.name} from now on.`);
        break;
      }
      default:
        return;
    }
    io.recorded();
  } catch (error) {
    if (error instanceof UserError) io.refused(error);
    else if (error instanceof PayloadRefused) io.refused(new UserError(`Not recorded: ${error.message}`));
    else throw error;
  }
}

async function askPerson(report: IncidentReport, io: RunnerIo, key: string, message: string, defaultRole: string): Promise<{ name: string; role: string }> {
  const name = await io.prompter.input({ key: `${key}.name`, message, validate: (t) => (t.trim() ? true : 'give a name') });
  const role = await io.prompter.select({
    key: `${key}.role`,
    message: 'Their role',
    options: Object.entries(report.playbook.roles).map(([value, label]) => ({ value, name: label, tags: [value] })),
    default: defaultRole,
  });
  return { name: name.trim(), role };
}
