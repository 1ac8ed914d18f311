import { clockStates } from '../clocks/clockStatus.ts';
import { UserError } from '../errors.ts';
import { blockerText, type Blocker } from './blockers.ts';
import { formatLondon } from '../time/london.ts';
import { issuesAt } from '../playbook/validatePlaybook.ts';
import type { Actor, NewEvent } from '../record/recordedEvent.ts';
import { FACILITATOR_ACTOR } from '../record/recordedEvent.ts';
import { canTake } from './canTake.ts';
import type { IncidentFold } from './deriveIncident.ts';
import type { IncidentView } from './incidentView.ts';

/** Who, when and why, common to every command that records something. */
export interface Attribution {
  actor: Actor;
  occurredAt: Date;
  note?: string;
  /** Why the entry is made this long after the time it claims (see `entryTime.ts`). */
  backdateReason?: string;
}

export function attributed(by: Attribution) {
  return {
    actor: by.actor,
    occurredAt: by.occurredAt.toISOString(),
    ...(by.note === undefined || by.note === '' ? {} : { note: by.note }),
    ...(by.backdateReason === undefined || by.backdateReason.trim() === '' ? {} : { backdateReason: by.backdateReason.trim() }),
  };
}

export function refuseIfFinished(view: IncidentView): void {
  if (view.finished) throw new UserError(`Incident ${view.id} is finished; nothing more can be recorded against its playbook.`);
}

/**
 * Checks a decision against the incident as it stands and returns the event that records it. Refuses (with a
 * sentence saying why) an event the playbook does not offer now, one that is blocked, or a payload that does not
 * fit its schema.
 */
export function decideDecision(
  fold: IncidentFold,
  view: IncidentView,
  decision: { event: string; payload?: Record<string, unknown> | undefined },
  by: Attribution,
): NewEvent {
  refuseIfFinished(view);
  const { playbook } = fold;
  const choice = view.choices.find((c) => c.event === decision.event);
  if (!choice) {
    const known = [...playbook.machine.events].includes(decision.event) || decision.event in playbook.events;
    const offered = view.choices.map((c) => c.event).join(', ') || '(none)';
    throw new UserError(
      known
        ? `${decision.event} is not available at this point of incident ${view.id}. Choices now: ${offered}.`
        : `${decision.event} is not a decision of playbook ${playbook.id}. Choices now: ${offered}.`,
    );
  }
  if (choice.blockers.length > 0) {
    throw new BlockedError(`${decision.event} (${choice.label}) is blocked:`, choice.blockers);
  }
  let payload: Record<string, unknown> | undefined;
  if (choice.payload) {
    const parsed = choice.payload.safeParse(decision.payload ?? {});
    if (!parsed.success) {
      throw new UserError(`The data for ${decision.event} is not valid:`, issuesAt('', parsed.error));
    }
    payload = parsed.data;
  } else if (decision.payload && Object.keys(decision.payload).length > 0) {
    throw new UserError(`${decision.event} takes no data; leave out --data.`);
  }
  refuseLateWithoutReason(fold, decision.event, by);
  if (!canTake(fold.snapshot, { type: decision.event, ...payload })) {
    throw new UserError(`${decision.event} was refused by the playbook with this data: a condition it checks is not met.`);
  }
  return {
    kind: 'decision',
    data: payload === undefined ? { event: decision.event } : { event: decision.event, payload },
    ...attributed(by),
  };
}

/**
 * Ticks checklist items of the active steps. An item is named by its id, or as `step-path:item-id` where two
 * active steps share an id. Returns one event per step.
 */
export function decideTicks(view: IncidentView, items: readonly string[], by: Attribution): NewEvent[] {
  refuseIfFinished(view);
  if (items.length === 0) throw new UserError('Name at least one checklist item to tick.');
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
      throw new UserError(`No active step has a checklist item "${reference}". Open items: ${open.join(', ') || '(none)'}.`);
    }
    if (matches.length > 1) {
      throw new UserError(
        `"${reference}" is in more than one active step; write it as ${matches.map((m) => `${m.step.path}:${m.item.id}`).join(' or ')}.`,
      );
    }
    const [{ step, item }] = matches as [(typeof matches)[number]];
    if (item.ticked) {
      throw new UserError(`"${item.id}" in "${step.title}" was already ticked by ${item.ticked.by.name} (event ${item.ticked.seq}).`);
    }
    const list = byStep.get(step.path) ?? [];
    if (!list.includes(item.id)) list.push(item.id);
    byStep.set(step.path, list);
  }
  return [...byStep].map(([step, ids]) => ({ kind: 'checklist.ticked', data: { step, items: ids }, ...attributed(by) }));
}

export function decideNote(text: string, by: Omit<Attribution, 'note'>): NewEvent {
  if (text.trim() === '') throw new UserError('A note needs some text.');
  return { kind: 'note', data: { text }, ...attributed(by) };
}

/** Gives an active step to someone; the record keeps who gave it and when. */
export function decideAssignment(view: IncidentView, step: string, assignee: Actor, by: Attribution): NewEvent {
  refuseIfFinished(view);
  const target = view.steps.find((s) => s.path === step);
  if (!target) {
    throw new UserError(`"${step}" is not an active step of incident ${view.id}. Active steps: ${view.steps.map((s) => s.path).join(', ')}.`);
  }
  if (assignee.name.trim() === '') throw new UserError('Say who the step is given to.');
  return { kind: 'step.assigned', data: { step, assignee }, ...attributed(by) };
}

/** Hands command of the incident to someone else; recorded with the outgoing commander as actor. */
export function decideHandover(view: IncidentView, to: Actor, by: Attribution): NewEvent {
  refuseIfFinished(view);
  if (to.name.trim() === '') throw new UserError('Say who takes over command.');
  if (to.name === view.commander.name && to.role === view.commander.role) {
    throw new UserError(`${to.name} is already in command of incident ${view.id}.`);
  }
  return { kind: 'command.handed-over', data: { to }, ...attributed(by) };
}

/**
 * A notification after its deadline is allowed, but UK GDPR Art. 33(1) requires the reasons for the delay: a
 * decision that stops an overdue clock must carry a note giving them.
 */
export function refuseLateWithoutReason(fold: IncidentFold, event: string, by: Attribution): void {
  if (by.note !== undefined && by.note.trim() !== '') return;
  for (const state of clockStates(fold.playbook.clocks, fold.events, by.occurredAt)) {
    if (state.status === 'overdue' && state.clock.stops.event === event && state.clock.lateNeedsReason) {
      throw new LateWithoutReasonError(state.clock.id, state.dueAt, 
        `${event} is after the deadline of "${state.clock.label}" (${state.clock.source.law}), which was ${formatLondon(new Date(state.dueAt))}. A late notification must record the reasons for the delay: give them as a note (--note "...").`,
      );
    }
  }
}

/** Records who holds a role of the playbook from now on. */
export function decideRoleHolder(fold: IncidentFold, view: IncidentView, role: string, name: string, by: Attribution): NewEvent {
  const roles = fold.playbook.roles;
  if (!(role in roles)) throw new UserError(`"${role}" is not a role in playbook ${fold.playbook.id}. Roles: ${Object.keys(roles).join(', ')}.`);
  if (name.trim() === '') throw new UserError('Say who holds the role.');
  if (view.roleHolders[role]?.name === name.trim()) throw new UserError(`${name.trim()} already holds the role ${roles[role]}.`);
  return { kind: 'role.assigned', data: { role, name: name.trim() }, ...attributed(by) };
}

/** An exercise inject, recorded when it is delivered to the team. Only exercises have injects. */
export function decideInject(
  view: IncidentView,
  inject: { id: string; title: string; body: string; from: string; reveals?: Record<string, unknown> | undefined; manual?: boolean | undefined },
  at: Date,
): NewEvent {
  if (!view.exercise) throw new UserError(`Incident ${view.id} is not an exercise; injects belong to exercises only.`);
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
  if (!view.exercise) throw new UserError(`Incident ${view.id} is not an exercise; only an exercise's clock can be moved.`);
  return { kind: 'exercise.clock', data: { action, to: to.toISOString() }, actor: FACILITATOR_ACTOR, occurredAt: to.toISOString() };
}

/** A decision that cannot be taken yet; `blockers` says why, as data. */
export class BlockedError extends UserError {
  override readonly name: string = 'BlockedError';
  constructor(
    message: string,
    readonly blockers: readonly Blocker[],
  ) {
    super(message, blockers.map(blockerText));
  }
}

/** A notification after its deadline without the reasons for the delay that UK GDPR Art. 33(1) asks for. */
export class LateWithoutReasonError extends UserError {
  override readonly name: string = 'LateWithoutReasonError';
  constructor(
    readonly clock: string,
    readonly dueAt: string,
    message: string,
  ) {
    super(message);
  }
}
