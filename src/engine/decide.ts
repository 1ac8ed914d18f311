import { getNextTransitions } from 'xstate';
import { UserError } from '../errors.ts';
import { calendarDateProblem } from '../time/calendarDate.ts';
import type { Actor, NewEvent, OfflineOrigin, PaperOrigin } from '../record/recordedEvent.ts';
import { FACILITATOR_ACTOR } from '../record/recordedEvent.ts';
import { canTake } from './canTake.ts';
import { lateNotificationOf } from './entryCheck.ts';
import { playbookWords } from '../playbook/playbookWords.ts';
import { payloadIssues, plainIssueWords } from '../playbook/payloadIssues.ts';
import { choiceOf, type IncidentFold } from './deriveIncident.ts';
import type { IncidentView } from './incidentView.ts';
import { payloadShape } from '../playbook/payloadShape.ts';

/** Who, when and why, common to every command that records something. */
export interface Attribution {
  actor: Actor;
  occurredAt: Date;
  note?: string;
  /** Why the entry is made this long after the time it claims (see `entryTime.ts`). */
  backdateReason?: string;
  /** The offline entry this one re-applies. */
  fromOffline?: OfflineOrigin | undefined;
  /** Where on a paper log typed up afterwards the entry was written. */
  fromPaper?: PaperOrigin | undefined;
}

export function attributed(by: Attribution) {
  return {
    actor: by.actor,
    occurredAt: by.occurredAt.toISOString(),
    ...(by.note === undefined || by.note === '' ? {} : { note: by.note }),
    ...(by.backdateReason === undefined || by.backdateReason.trim() === '' ? {} : { backdateReason: by.backdateReason.trim() }),
    ...(by.fromOffline ? { fromOffline: by.fromOffline } : {}),
    ...(by.fromPaper ? { fromPaper: by.fromPaper } : {}),
  };
}

export function refuseIfFinished(view: IncidentView): void {
  if (view.finished) throw new UserError({ code: 'finished', incident: view.id });
}

/**
 * Checks a decision against the incident as it stands and returns the event that records it. Refuses (with a
 * sentence saying why) an event the playbook does not offer now, one that is blocked, or a payload that does not
 * fit its schema.
 */
export function decideDecision(
  fold: IncidentFold,
  view: IncidentView,
  decision: DecisionInput,
  by: Attribution,
): NewEvent {
  refuseIfFinished(view);
  const { playbook } = fold;
  const choice = choiceOf(fold, view.steps, decision.event);
  if (!choice) {
    const known = [...playbook.machine.events].includes(decision.event) || decision.event in playbook.events;
    const words = playbookWords(playbook);
    const last = [...fold.events].reverse().find((event) => event.kind !== 'timer.fired' && event.kind !== 'incident.opened');
    throw new UserError({
      code: 'not-offered',
      incident: view.id,
      event: decision.event,
      ...(known ? { label: words.decision(decision.event) } : {}),
      playbook: playbook.id,
      known,
      offered: view.choices.filter((c) => c.blockers.length === 0).map((c) => `"${c.label}" (${c.event})`),
      ...(known && last ? { last: { seq: last.seq, by: last.actor.name, at: last.occurredAt } } : {}),
    });
  }
  if (choice.blockers.length > 0) {
    throw new UserError({ code: 'blocked', event: decision.event, label: choice.label, blockers: [...choice.blockers] });
  }
  let payload: Record<string, unknown> | undefined;
  if (choice.payload) {
    // A key the decision does not carry is refused, never dropped: a slip in the data (a YAML comma that split a
    // value, a field misspelt) must not record less than was meant.
    const shape = payloadShape(choice.payload);
    const fields = Object.keys(shape ?? {});
    const unknown = shape ? Object.keys(decision.payload ?? {}).filter((key) => !fields.includes(key)) : [];
    if (unknown.length > 0) throw new UserError({ code: 'unknown-data', event: decision.event, label: choice.label, keys: unknown, fields });
    const parsed = choice.payload.safeParse(decision.payload ?? {}, { error: plainIssueWords });
    if (!parsed.success) {
      const words = playbookWords(playbook);
      throw new UserError({ code: 'invalid-payload', event: decision.event, issues: payloadIssues(parsed.error, (field) => words.field(decision.event, field)) });
    }
    payload = parsed.data;
  } else if (decision.payload && Object.keys(decision.payload).length > 0) {
    throw new UserError({ code: 'takes-no-data', event: decision.event });
  }
  refuseNationsUntold(fold, decision.event, choice.label, payload);
  const rationale = decision.rationale?.trim() || undefined;
  if (choice.rationale && rationale === undefined) throw new UserError({ code: 'rationale-needed', event: decision.event, label: choice.label, question: choice.rationale });
  const lateReasons = decision.lateReasons?.trim() || undefined;
  const late = lateNotificationOf(fold, decision.event, by.occurredAt);
  if (late && lateReasons === undefined) throw new UserError({ code: 'late-without-reason', event: decision.event, ...late });
  if (!late && lateReasons !== undefined) throw new UserError({ code: 'not-late', event: decision.event, label: choice.label });
  if (!canTake(fold.snapshot, { type: decision.event, ...payload })) {
    const guards = getNextTransitions(fold.snapshot).flatMap((candidate) => (candidate.eventType === decision.event && typeof candidate.guard === 'string' ? [candidate.guard] : []));
    const explanation = guards.map((guard) => playbook.guards[guard]).find((text) => text !== undefined);
    throw new UserError({ code: 'refused-by-condition', event: decision.event, explanation });
  }
  return {
    kind: 'decision',
    data: {
      event: decision.event,
      ...(payload === undefined ? {} : { payload }),
      ...(rationale === undefined ? {} : { rationale }),
      ...(lateReasons === undefined ? {} : { lateReasons }),
    },
    ...attributed(by),
  };
}

/** A decision as a driver asks for it: the event, its data, and the decision maker's own words where needed. */
export interface DecisionInput {
  event: string;
  payload?: Record<string, unknown> | undefined;
  /** Why it was taken: needed where the playbook marks the decision (`rationale` in its `events`). */
  rationale?: string | undefined;
  /** The reasons for the delay of a notification after its legal deadline (UK GDPR Art. 33(1)): needed then, refused otherwise. */
  lateReasons?: string | undefined;
}

/**
 * Ticks checklist items of the active steps. An item is named by its id, or as `step-path:item-id` where two
 * active steps share an id. Returns one event per step.
 */
export function decideTicks(view: IncidentView, items: readonly string[], by: Attribution): NewEvent[] {
  refuseIfFinished(view);
  if (items.length === 0) throw new UserError({ code: 'no-items' });
  const byStep = new Map<string, string[]>();
  for (const reference of items) {
    const [stepPart, itemPart] = reference.includes(':') ? reference.split(':', 2) : [undefined, reference];
    const matches = view.steps.flatMap((step) =>
      step.checklist
        .filter((item) => item.id === itemPart && (stepPart === undefined || step.path === stepPart))
        .map((item) => ({ step, item })),
    );
    if (matches.length === 0) {
      const open = view.steps.flatMap((s) => s.checklist.filter((i) => !i.ticked).map((i) => i.id));
      throw new UserError({ code: 'unknown-item', reference, open });
    }
    if (matches.length > 1) {
      throw new UserError({ code: 'ambiguous-item', reference, candidates: matches.map((m) => `${m.step.path}:${m.item.id}`) });
    }
    const [{ step, item }] = matches as [(typeof matches)[number]];
    if (item.ticked) {
      throw new UserError({ code: 'already-ticked', item: item.id, step: step.title, by: item.ticked.by.name, seq: item.ticked.seq });
    }
    const list = byStep.get(step.path) ?? [];
    if (!list.includes(item.id)) list.push(item.id);
    byStep.set(step.path, list);
  }
  return [...byStep].map(([step, ids]) => ({ kind: 'checklist.ticked', data: { step, items: ids }, ...attributed(by) }));
}

/** A lesson learned, or an action to take with its owner and due date (YYYY-MM-DD), for the after-action report. */
export type Review =
  | { about: 'lesson' }
  | { about: 'action'; owner?: string | undefined; due?: string | undefined }
  /** What closed an action: the seq of the action's entry. */
  | { about: 'closure'; closes: number }
  /** The Board took part (the yearly test with the Board). */
  | { about: 'board' };

export function decideNote(text: string, by: Omit<Attribution, 'note'>, review?: Review, fold?: IncidentFold): NewEvent {
  if (text.trim() === '') throw new UserError({ code: 'empty-note' });
  if (review?.about === 'closure') {
    // Only an action of this record, and only once.
    const action = fold?.events[review.closes - 1];
    if (!fold || action?.kind !== 'note' || action.data.about !== 'action') throw new UserError({ code: 'not-an-action', seq: review.closes, incident: fold?.opened.incident ?? '' });
    const earlier = fold.events.find((event) => event.kind === 'note' && event.data.about === 'closure' && event.data.closes === review.closes);
    if (earlier) throw new UserError({ code: 'action-closed', seq: review.closes, at: earlier.occurredAt, by: earlier.actor.name });
    return { kind: 'note', data: { text, about: 'closure', closes: review.closes }, ...attributed(by) };
  }
  const due = review?.about === 'action' ? review.due : undefined;
  const why = due === undefined ? undefined : calendarDateProblem(due);
  if (due !== undefined && why !== undefined) throw new UserError({ code: 'bad-due-date', due, why });
  const about = review ? { about: review.about, ...(review.about === 'action' && review.owner ? { owner: review.owner } : {}), ...(review.about === 'action' && review.due ? { due: review.due } : {}) } : {};
  return { kind: 'note', data: { text, ...about }, ...attributed(by) };
}

/** Gives an active step to someone; the record keeps who gave it and when. */
export function decideAssignment(view: IncidentView, step: string, assignee: Actor, by: Attribution): NewEvent {
  refuseIfFinished(view);
  const target = view.steps.find((s) => s.path === step);
  if (!target) {
    throw new UserError({ code: 'not-active-step', incident: view.id, step, active: view.steps.map((s) => s.path) });
  }
  if (assignee.name.trim() === '') throw new UserError({ code: 'no-name', for: 'assignee' });
  return { kind: 'step.assigned', data: { step, assignee }, ...attributed(by) };
}

/**
 * Command changes hands only one way at a time: the commander hands it over; anyone else takes it over, saying why
 * (recorded and shown to everyone), so that there is never a second person in command.
 */
export function decideHandover(view: IncidentView, to: Actor, by: Attribution, takeover?: string): NewEvent {
  refuseIfFinished(view);
  if (to.name.trim() === '') throw new UserError({ code: 'no-name', for: 'commander' });
  if (to.name === view.commander.name && to.role === view.commander.role) {
    throw new UserError({ code: 'already-in-command', incident: view.id, name: to.name });
  }
  const byCommander = samePerson(by.actor.name, view.commander.name);
  const reason = takeover?.trim();
  if (!byCommander && !reason) throw new UserError({ code: 'not-in-command', incident: view.id, commander: view.commander.name, by: by.actor.name });
  return {
    kind: 'command.handed-over',
    data: { to, ...(!byCommander && reason ? { takeover: { from: view.commander.name, reason } } : {}) },
    ...attributed(by),
  };
}

/** The devolved nations (not England) the register's organisations are in, that a decision must account for. */
function refuseNationsUntold(fold: IncidentFold, event: string, label: string, payload: Record<string, unknown> | undefined): void {
  const served = fold.playbook.events[event]?.nationsServed;
  if (served === undefined) return;
  const devolved = [...new Set([...fold.register.organisations.values()].map(({ organisation }) => organisation.nation).filter((nation) => nation !== 'England'))].sort();
  if (served === 'none') {
    if (devolved.length > 0) throw new UserError({ code: 'nations-served', event, label, untold: devolved, none: true });
    return;
  }
  const told = Array.isArray(payload?.[served.told]) ? (payload?.[served.told] as unknown[]) : [];
  const untold = devolved.filter((nation) => !told.includes(nation));
  if (untold.length > 0) throw new UserError({ code: 'nations-served', event, label, untold, none: false });
}

const samePerson = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Records who holds a role of the playbook from now on. */
export function decideRoleHolder(fold: IncidentFold, view: IncidentView, role: string, name: string, by: Attribution): NewEvent {
  const roles = fold.playbook.roles;
  if (!(role in roles)) throw new UserError({ code: 'unknown-role', role, playbook: fold.playbook.id, roles: Object.keys(roles) });
  // Command is handed over or taken over, never simply assigned: there is one person in command.
  if (role === view.commander.role) throw new UserError({ code: 'command-by-handover', role: roles[role] ?? role, commander: view.commander.name });
  if (name.trim() === '') throw new UserError({ code: 'no-name', for: 'role-holder' });
  if (view.roleHolders[role]?.name === name.trim()) throw new UserError({ code: 'already-holds-role', name: name.trim(), role: roles[role] ?? role });
  return { kind: 'role.assigned', data: { role, name: name.trim() }, ...attributed(by) };
}

/** An exercise inject, recorded when it is delivered to the team. Only exercises have injects. */
export function decideInject(
  view: IncidentView,
  inject: { id: string; title: string; body: string; from: string; reveals?: Record<string, unknown> | undefined; manual?: boolean | undefined },
  at: Date,
): NewEvent {
  if (!view.exercise) throw new UserError({ code: 'not-an-exercise', incident: view.id, what: 'inject' });
  const { id, title, body, from, reveals, manual } = inject;
  return {
    kind: 'exercise.inject',
    data: { id, title, body, from, ...(reveals ? { reveals } : {}), ...(manual ? { manual: true } : {}) },
    actor: FACILITATOR_ACTOR,
    occurredAt: at.toISOString(),
  };
}

/** A move of an exercise's simulated clock. */
export function decideExerciseClock(view: IncidentView, action: 'advance' | 'pause' | 'resume', to: Date): NewEvent {
  if (!view.exercise) throw new UserError({ code: 'not-an-exercise', incident: view.id, what: 'clock' });
  return { kind: 'exercise.clock', data: { action, to: to.toISOString() }, actor: FACILITATOR_ACTOR, occurredAt: to.toISOString() };
}
