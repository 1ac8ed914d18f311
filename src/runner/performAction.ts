import { z } from 'zod';
import type { Irp, IncidentReport } from '../api/irp.ts';
import { momentsOf } from '../clocks/clockSpec.ts';
import { factSchemas } from '../engine/decideCorrection.ts';
import type { ActiveStep } from '../engine/incidentView.ts';
import type { Review } from '../engine/decide.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { isProblem, UserError, invalidInput } from '../errors.ts';
import { buildDraft } from '../notify/buildDraft.ts';
import { fieldLabel } from '../playbook/fieldMeta.ts';
import { takePlaybookFailure } from '../playbook/sandbox/playbookSandbox.ts';
import { calendarDateProblem } from '../time/calendarDate.ts';
import { inWords } from '../record/inWords.ts';
import { draftText } from '../render/renderDraft.ts';
import { renderLog } from '../render/renderLog.ts';
import { renderStatus } from '../render/renderStatus.ts';
import { formatLondon } from '../time/london.ts';
import { askPayload, askYesNo, PayloadRefused } from './askPayload.ts';
import { askTime, type EntryTime } from './askTime.ts';
import { askName, nameCheck } from './askName.ts';
import type { PlannedEntry } from '../engine/entryCheck.ts';
import { blockedLines, describeStep, type Action } from './incidentMenus.ts';
import { organisationActions } from './organisationActions.ts';
import type { RunnerIo, Session } from './runnerIo.ts';

/**
 * Does what the commander chose: asks what it needs, then records it through the API. Returns the report after
 * recording (the runner's own entries are not announced to it as news), or `undefined` when nothing was recorded.
 * A refusal is shown and the runner goes on; Escape (a {@link PromptBack}) leaves without recording anything.
 */
export async function performAction(
  irp: Irp,
  report: IncidentReport,
  step: ActiveStep | undefined,
  action: Action,
  io: RunnerIo,
  session: Session,
  page: (text: string) => Promise<void>,
): Promise<IncidentReport | undefined> {
  const id = report.view.id;
  const when = (message: string, entry: PlannedEntry) => askTime(io, message, (at) => irp.checkEntry(id, entry, { actor: session.actor, at }));
  const doing: Doing = { irp, report, id, step, io, prompter: io.prompter, session, page, when, by: () => ({ actor: session.actor }) };
  try {
    const recorded = await perform(doing, action);
    if (recorded) io.recorded();
    return recorded;
  } catch (error) {
    const failure = error instanceof UserError || error instanceof PayloadRefused ? undefined : takePlaybookFailure();
    if (error instanceof UserError) io.refused(error);
    else if (error instanceof PayloadRefused) io.refused(invalidInput('answer', 'answer-refused', error.message));
    else if (failure) io.refused(failure);
    else throw error;
    return undefined;
  }
}

/** What every action needs: the incident as the commander sees it, the step in focus, and where to ask and show. */
interface Doing {
  irp: Irp;
  report: IncidentReport;
  id: string;
  step: ActiveStep | undefined;
  io: RunnerIo;
  prompter: RunnerIo['prompter'];
  session: Session;
  page: (text: string) => Promise<void>;
  /** When it happened, asked and checked at once against the record's rules. */
  when: (message: string, entry: PlannedEntry) => Promise<EntryTime>;
  /** Who records it: whoever is recording in this session now. */
  by: () => { actor: Session['actor'] };
}

/** The action chosen, done: what it recorded, or `undefined` when it only showed something or nothing was recorded. */
async function perform(doing: Doing, action: Action): Promise<IncidentReport | undefined> {
  const { irp, report, id, step, io, session, page } = doing;
  switch (action.kind) {
    case 'log':
      await page(renderLog(await irp.log(id), report.playbook));
      return undefined;
    case 'status':
      await page(renderStatus(report, io.clock.now()));
      return undefined;
    case 'step-full':
      if (step) await page([describeStep(step), ...blockedLines(report, step)].join('\n'));
      return undefined;
    case 'extension':
      await io.extension?.perform(action.action, session, (text) => io.print(text));
      return undefined;
    case 'draft':
      return recordSent(doing, action.clock);
    case 'tick':
      return tick(doing);
    case 'decide':
      return decide(doing, action.event);
    case 'note':
      return note(doing);
    case 'review':
      return review(doing);
    case 'aware':
      return aware(doing);
    case 'correct':
      return correct(doing);
    case 'organisations':
      return organisationActions(irp, report, io, session, page, doing.when);
    case 'assign':
      return assign(doing);
    case 'handover':
      return handover(doing);
    default:
      return undefined;
  }
}

/** A notification's draft, shown; and, if the commander says so, that this text was sent, to whom and how. */
async function recordSent(doing: Doing, clock: string): Promise<IncidentReport | undefined> {
  const { irp, report, id, prompter, page } = doing;
  const state = report.clocks.find((s) => s.clock.id === clock);
  if (!state) return undefined;
  const text = draftText(buildDraft(report.playbook, report.view, state));
  await page(text);
  // What was sent is kept: the text as shown, to whom and how (edited text is recorded with irp notify --sent --text-file).
  if (!(await prompter.confirm({ key: 'sent', message: 'Record that you sent this text? (kept in the record with its SHA-256)', default: false }))) return undefined;
  const to = (await prompter.input({ key: 'sent.to', message: 'Sent to whom?', validate: (t) => (t.trim() ? true : 'say to whom, or press Escape to leave') })).trim();
  const via = (await prompter.input({ key: 'sent.via', message: 'How (a form, an email address, a phone call)?', validate: (t) => (t.trim() ? true : 'say how, or press Escape to leave') })).trim();
  return await irp.execute(id, { kind: 'sent', clock: state.clock.id, to, via, text }, doing.by());
}

/** Ticks what is done of the step in focus, and when. */
async function tick(doing: Doing): Promise<IncidentReport | undefined> {
  const { irp, id, step, prompter, when } = doing;
  if (!step) return undefined;
  const open = step.checklist.filter((item) => !item.ticked);
  const items = await prompter.checkbox({
    key: 'ticks',
    message: 'Tick what is done (space to tick, a for all, Enter to record, Escape to leave)',
    options: open.map((item) => ({ value: item.id, name: `${item.text}${item.required ? '' : ' (optional)'}`, tags: [item.id] })),
  });
  if (items.length === 0) return undefined;
  const { at, reason, noteAddition } = await when('When was this done?', { kind: 'tick', step: step.path, items });
  const ticked = await irp.check(id, items.map((item) => `${step.path}:${item}`), { ...doing.by(), at, reason });
  return noteAddition ? await irp.note(id, `Ticked in "${step.title}": ${noteAddition}`, { ...doing.by(), at, reason }) : ticked;
}

/** A note, and when. */
async function note(doing: Doing): Promise<IncidentReport | undefined> {
  const { irp, id, prompter, when } = doing;
  const { at, reason, noteAddition } = await when('When did this happen?', { kind: 'note' });
  const text = await prompter.input({ key: 'note', message: 'Note (Escape to leave without recording)', validate: (t) => (t.trim() ? true : 'type the note, or press Escape to leave') });
  return await irp.note(id, [text.trim(), noteAddition].filter(Boolean).join(' — '), { ...doing.by(), at, reason });
}

/** A lesson learned, an action with its owner and due date, what closed an action, or that the Board took part. */
async function review(doing: Doing): Promise<IncidentReport | undefined> {
  const { irp, report, id, prompter } = doing;
  const open = report.view.actions.filter((action) => !action.closed);
  const about = await prompter.select({
    key: 'review.about',
    message: 'A lesson learned, an action, or what closed one?',
    options: [
      { value: 'lesson' as const, name: 'A lesson learned' },
      { value: 'action' as const, name: 'An action to take (with its owner and a due date)' },
      { value: 'closure' as const, name: 'What closed an action', ...(open.length === 0 ? { disabled: '(no open action)' } : {}) },
      { value: 'board' as const, name: 'The Board took part (the yearly test with the Board)' },
    ],
  });
  if (about === 'closure' || about === 'board') {
    const closes =
      about === 'closure'
        ? await prompter.select({ key: 'review.closes', message: 'Which action?', options: open.map((action) => ({ value: action.seq, name: `${action.text}${action.owner ? ` (${action.owner})` : ''}`, tags: [String(action.seq)] })) })
        : undefined;
    const words = await prompter.input({
      key: 'review.text',
      message: about === 'closure' ? 'What closed it, in a sentence' : 'Who took part (the chair, the directors)',
      validate: (t) => (t.trim() ? true : 'type it, or press Escape to leave'),
    });
    return await irp.note(id, words.trim(), { ...doing.by(), review: closes === undefined ? { about: 'board' } : { about: 'closure', closes } });
  }
  const text = await prompter.input({ key: 'review.text', message: about === 'lesson' ? 'The lesson, in a sentence' : 'The action, in a sentence', validate: (t) => (t.trim() ? true : 'type it, or press Escape to leave') });
  let review: Review = { about: 'lesson' };
  if (about === 'action') {
    const owner = (await prompter.input({ key: 'review.owner', message: 'Who owns it? (a name; Enter to leave open)', validate: (t) => (t.trim() === '' ? true : nameCheck(t)) })).trim();
    const due = (await prompter.input({ key: 'review.due', message: 'Due by? (YYYY-MM-DD; Enter to leave open)', validate: (t) => (t.trim() === '' ? true : (calendarDateProblem(t.trim()) ?? true)) })).trim();
    review = { about: 'action', owner: owner || undefined, due: due || undefined };
  }
  return await irp.note(id, text.trim(), { ...doing.by(), review });
}

/** A moment of awareness that starts clocks of its own, or a correction of its time. */
async function aware(doing: Doing): Promise<IncidentReport | undefined> {
  const { irp, report, id, prompter, when } = doing;
  const moments = momentsOf(report.playbook.clocks);
  const moment = await prompter.select({
    key: 'aware',
    message: 'Which moment of awareness?',
    options: [...moments].map(([mid, label]) => {
      const known = report.view.moments[mid];
      return { value: mid, name: known ? `${label} (recorded ${formatLondon(new Date(known.at))}; again to correct it)` : label, tags: [mid] };
    }),
  });
  const { at, reason } = await when('When did you become aware?', { kind: 'aware', moment, label: moments.get(moment) ?? moment });
  const correction = report.view.moments[moment]
    ? (await prompter.input({ key: 'correction', message: 'Why was the earlier time wrong? (kept in the record)', validate: (t) => (t.trim() ? true : 'say why it is corrected') })).trim()
    : undefined;
  return await irp.recordAwareness(id, moment, { ...doing.by(), at, reason, correction });
}

/** A recorded fact corrected: the new value, why, and since when. */
async function correct(doing: Doing): Promise<IncidentReport | undefined> {
  const { irp, report, id, prompter, when } = doing;
  const schemas = factSchemas(report.playbook);
  const labels = factLabels(report);
  const fact = await prompter.select({
    key: 'correct.fact',
    message: 'Which fact?',
    options: Object.entries(report.view.facts)
      .filter(([name]) => schemas.has(name))
      .map(([name, value]) => ({ value: name, name: `${labels[name] ?? fieldLabel(name)}: ${inWords(value)}`, tags: [name] })),
  });
  const value = (await askPayload(prompter, z.object({ [fact]: schemas.get(fact) as z.ZodType }), labels))[fact];
  const because = await prompter.input({ key: 'correct.because', message: 'Why is it corrected? (kept in the record)', validate: (t) => (t.trim() ? true : 'say why') });
  const { at, reason } = await when('Since when is the new value known?', { kind: 'correct', fact });
  return await irp.correct(id, { fact, value, reason: because.trim() }, { ...doing.by(), at, reason });
}

/** The step in focus given to someone. */
async function assign(doing: Doing): Promise<IncidentReport | undefined> {
  const { irp, report, id, step, io } = doing;
  if (!step) return undefined;
  const assignee = await askPerson(report, io, 'assign', `Who takes "${step.title}"? (their name)`, step.role);
  return await irp.assign(id, step.path, assignee, doing.by());
}

/** Command handed over by the commander, or taken over by anyone else, saying why. */
async function handover(doing: Doing): Promise<IncidentReport | undefined> {
  const { irp, report, id, io, prompter, session } = doing;
  // Only the commander hands command over; anyone else takes it over, saying why, for everyone to see.
  const inCommand = session.actor.name.trim().toLowerCase() === report.view.commander.name.trim().toLowerCase();
  const takeover = inCommand
    ? undefined
    : (
        await prompter.input({
          key: 'handover.takeover',
          message: `${report.view.commander.name} is in command, not you. Why are you taking command over? (recorded, and shown to everyone)`,
          validate: (t) => (t.trim() ? true : 'say why, or press Escape to leave'),
        })
      ).trim();
  const to = await askPerson(report, io, 'handover', takeover ? 'Who is in command from now on? (their name; usually yours)' : 'Who takes over command? (their name)', report.view.commander.role);
  const role = report.playbook.roles[to.role] ?? to.role;
  const sure = await askYesNo(prompter, 'confirm.handover', takeover ? `Take over command of ${id}, ${to.name} (${role}) in command? Everyone sees why.` : `Hand command of ${id} over to ${to.name} (${role})? From then on you record as them.`, 'ask');
  if (!sure) {
    io.print(takeover ? 'Not taken over: nothing recorded.' : 'Not handed over: nothing recorded.');
    return undefined;
  }
  const handed = await irp.handover(id, to, { ...doing.by(), takeover });
  session.actor = to;
  io.print(`Command handed over. Recording as ${to.name} from now on.`);
  return handed;
}

/**
 * A decision: first when it happened, checked at once against the record's rules (a refusal is told before
 * anything else is typed, with what would make it possible); then its data, the reasons for the delay where the
 * law asks for them and the rationale where the playbook needs it (each its own question), a note, a confirmation
 * where the playbook asks for one; then recorded.
 */
async function decide(doing: Doing, event: string): Promise<IncidentReport | undefined> {
  const { irp, report, id, io, prompter, session, when } = doing;
  const choice = report.view.choices.find((c) => c.event === event);
  if (!choice) return undefined;
  const { at, reason, noteAddition, check } = await when('When did this happen?', { kind: 'decide', event });
  const payload = choice.payload ? await askPayload(prompter, choice.payload, factLabels(report)) : undefined;
  // The engine holds the rule (UK GDPR Art. 33(1): a late notification records the reasons for the delay); it
  // said so before anything was typed, and the reasons are asked as their own question.
  const late = check.lateNotification;
  const reasons = late
    ? (
        await prompter.input({
          key: 'lateReasons',
          message: `This is after the deadline of "${late.clockLabel}" (${late.law}), ${formatLondon(new Date(late.dueAt))}. Reasons for the delay (required by law; kept in the record)`,
          validate: (t) => (t.trim() ? true : 'the law asks for the reasons for a late notification'),
        })
      ).trim()
    : '';
  // Where the playbook needs the rationale for the decision log, it is its own question, and nothing is recorded
  // without it.
  const rationale = check.rationale
    ? (await prompter.input({ key: 'rationale', message: `${check.rationale} (kept in the record)`, validate: (t) => (t.trim() ? true : 'the decision log needs the rationale; Escape to leave without recording') })).trim()
    : undefined;
  const note = (await prompter.input({ key: 'note', message: 'Note (optional, Enter to skip)' })).trim();
  if (choice.confirm) {
    const sure = await askYesNo(prompter, 'confirm.decision', `Record "${choice.label}"? It stays in the record for good.`, choice.confirm);
    if (!sure) {
      io.print('Not recorded: you said no.');
      return undefined;
    }
  }
  const decision = { event: choice.event, payload, rationale, lateReasons: reasons || undefined };
  try {
    return await irp.step(id, decision, { actor: session.actor, at, reason, note: [note, noteAddition].filter(Boolean).join(' — ') || undefined });
  } catch (error) {
    if (isProblem(error, 'not-offered') || isProblem(error, 'blocked')) tellWhoWasFirst(await irp.log(id), report, choice.label, io);
    throw error;
  }
}

/**
 * When a decision is no longer offered because someone else recorded first (a colleague took the same decision at
 * the same moment), says who and when, beside the refusal, so that the loser of the race knows it was taken.
 */
function tellWhoWasFirst(events: readonly RecordedEvent[], report: IncidentReport, label: string, io: RunnerIo): void {
  const since = events.slice(report.view.events.length).filter((event) => event.kind !== 'timer.fired');
  if (since.length === 0) return;
  const last = since.at(-1) as RecordedEvent;
  io.print(`While you were answering, ${last.actor.name} recorded ${since.length === 1 ? 'an entry' : `${since.length} entries`} (the last at ${formatLondon(new Date(last.occurredAt))}); "${label}" is not offered now. What changed is shown next.`, 'warning');
}

/** The labels of the facts the active steps record, by field id. */
function factLabels(report: IncidentReport): Record<string, string> {
  return Object.fromEntries(report.view.steps.flatMap((s) => s.facts.map((fact) => [fact.id, fact.label])));
}

/** A person's name (checked to be a name: one line, under 80 characters) and their role in the playbook. */
async function askPerson(report: IncidentReport, io: RunnerIo, key: string, message: string, defaultRole: string): Promise<{ name: string; role: string }> {
  const name = await askName(io, `${key}.name`, message);
  const role = await io.prompter.select({
    key: `${key}.role`,
    message: 'Their role',
    options: Object.entries(report.playbook.roles).map(([value, label]) => ({ value, name: label, tags: [value] })),
    default: defaultRole,
  });
  return { name, role };
}
