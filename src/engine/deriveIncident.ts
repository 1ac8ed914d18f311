import { getNextTransitions } from 'xstate';
import { rationaleQuestion } from '../playbook/playbookWords.ts';
import type { Confirmation } from '../playbook/stepMeta.ts';
import { initialStep, machineStep } from './machineStep.ts';
import { DamagedRecordError } from '../errors.ts';
import { setsOf, type LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { Actor, NewEvent, RecordedEvent } from '../record/recordedEvent.ts';
import { backdateMarginMs } from '../record/backdating.ts';
import type { ActiveStep, Choice, DueTimer, IncidentView, StepEntry, Tick } from './incidentView.ts';
import { type Blocker, sameBlocker } from './blockers.ts';
import { canTake } from './canTake.ts';
import { foldFromCheckpoint, type FoldCheckpoint } from './foldCheckpoint.ts';
import type { IncidentFold } from './incidentFold.ts';
import { activeStepPaths, sameStateValue } from './statePaths.ts';
import { applyToRegister, emptyRegister } from './register.ts';
import { applyToActions } from './actions.ts';
import { stillOwed } from './registerStatus.ts';
import { newClockIndex } from '../clocks/clockStatus.ts';

export type { IncidentFold } from './incidentFold.ts';

type Applicable = NewEvent & { seq?: number };

/**
 * Replays an incident's record through its playbook. Pure: the same events give the same view, and nothing is
 * read from the clock or the disk.
 */
export function deriveIncident(playbook: LoadedPlaybook, events: readonly RecordedEvent[]): IncidentView {
  return viewOf(foldEvents(playbook, events));
}

/**
 * Replays events into a fold. With a checkpoint that still matches the record, only the events after it are
 * replayed.
 */
export function foldEvents(playbook: LoadedPlaybook, events: readonly RecordedEvent[], checkpoint?: FoldCheckpoint): IncidentFold {
  const resumed = foldFromCheckpoint(playbook, events, checkpoint);
  if (resumed) {
    // The fold holds the whole record; only the events after the checkpoint are looked at (a long record whose
    // prefix was verified before is read from its bytes only where someone looks).
    for (let i = checkpoint?.count ?? 0; i < events.length; i += 1) applyEvent(resumed, events[i] as RecordedEvent);
    return resumed;
  }
  const first = events[0];
  if (first?.kind !== 'incident.opened') {
    throw new DamagedRecordError({ code: 'damaged-record', where: `The record of incident ${first?.incident ?? '(unknown)'}`, reason: 'it does not start by opening the incident' });
  }
  const [snapshot, actions] = initialStep(playbook.machine);
  const fold: IncidentFold = {
    playbook,
    snapshot,
    opened: first,
    enteredAt: new Map(),
    enteredBy: new Map(),
    ticks: new Map(),
    timers: new Map(),
    facts: {},
    factSetAt: new Map(),
    corrections: new Map(),
    moments: new Map(),
    assignees: new Map(),
    commander: first.actor,
    roleHolders: new Map([[first.actor.role, { name: first.actor.name, since: first.occurredAt, seq: first.seq }]]),
    register: emptyRegister(),
    actions: new Map(),
    clockIndex: newClockIndex(playbook.indexedClocks, setsOf(playbook)),
    // The record itself: a handle that derived it adds what it records (the list is never handed in by a caller
    // that keeps using it).
    events: events as RecordedEvent[],
  };
  // The first steps are active from the moment of awareness: opening the incident later is itself a record of that.
  for (const path of activeStepPaths(playbook, snapshot)) {
    fold.enteredAt.set(path, first.data.awareAt);
    fold.enteredBy.set(path, { kind: 'opened' });
  }
  scheduleTimers(fold, actions, first.data.awareAt);
  for (let i = 1; i < events.length; i += 1) applyEvent(fold, events[i] as RecordedEvent);
  return fold;
}

/**
 * Applies one event to the state of the fold (mutating it). The fold's list of recorded events is the caller's:
 * a derivation is given the record, and a handle adds what it records.
 */
export function applyEvent(fold: IncidentFold, event: Applicable): void {
  switch (event.kind) {
    case 'decision': {
      // What the decision establishes by being taken, then what it was given.
      const sets = fold.playbook.events[event.data.event]?.sets ?? {};
      Object.assign(fold.facts, sets, event.data.payload ?? {});
      for (const fact of [...Object.keys(sets), ...Object.keys(event.data.payload ?? {})]) fold.factSetAt.set(fact, event.occurredAt);
      move(fold, { type: event.data.event, ...event.data.payload }, event.occurredAt, { kind: 'decision', event: event.data.event, seq: event.seq ?? 0 });
      break;
    }
    case 'timer.fired': {
      fold.timers.forEach((timer, id) => {
        if (timer.event === event.data.event) fold.timers.delete(id);
      });
      move(fold, { type: event.data.event }, event.occurredAt, {
        kind: 'timer',
        label: event.data.label,
        dueAt: event.data.dueAt,
        ...(event.seq === undefined ? {} : { seq: event.seq }),
      });
      break;
    }
    case 'checklist.ticked': {
      const ticks = fold.ticks.get(event.data.step) ?? new Map<string, Tick>();
      const recordedAt = 'recordedAt' in event ? (event.recordedAt as string) : undefined;
      for (const item of event.data.items) {
        ticks.set(item, { by: event.actor, at: event.occurredAt, seq: event.seq ?? 0, ...(recordedAt ? { recordedAt } : {}) });
      }
      fold.ticks.set(event.data.step, ticks);
      break;
    }
    case 'fact.corrected': {
      const list = fold.corrections.get(event.data.fact) ?? [];
      list.push({ fact: event.data.fact, from: event.data.previous, to: event.data.value, reason: event.data.reason, ...stampOf(event) });
      fold.corrections.set(event.data.fact, list);
      fold.facts[event.data.fact] = event.data.value;
      fold.factSetAt.set(event.data.fact, event.occurredAt);
      break;
    }
    case 'awareness.recorded':
      fold.moments.set(event.data.moment, {
        moment: event.data.moment,
        label: event.data.label,
        ...stampOf(event),
        corrected: fold.moments.has(event.data.moment),
      });
      break;
    case 'step.assigned':
      fold.assignees.set(event.data.step, event.data.assignee);
      break;
    case 'command.handed-over':
      fold.commander = event.data.to;
      fold.takeover = event.data.takeover ? { ...event.data.takeover, at: event.occurredAt, seq: event.seq ?? 0 } : undefined;
      fold.roleHolders.set(event.data.to.role, { name: event.data.to.name, since: event.occurredAt, seq: event.seq ?? 0 });
      break;
    case 'role.assigned':
      fold.roleHolders.set(event.data.role, { name: event.data.name, since: event.occurredAt, seq: event.seq ?? 0 });
      break;
    case 'notice.received': {
      // Facts the receiving playbook takes from a notice (the supplier says data was taken).
      const sets = event.data.sets ?? {};
      Object.assign(fold.facts, sets);
      for (const fact of Object.keys(sets)) fold.factSetAt.set(fact, event.occurredAt);
      applyToRegister(fold.register, event);
      break;
    }
    case 'organisation.registered':
    case 'organisation.duty':
    case 'notice.acknowledged':
    case 'acknowledgement.received':
      applyToRegister(fold.register, event);
      break;
    case 'note':
      applyToActions(fold.actions, event);
      break;
    case 'incident.opened':
    case 'exercise.inject':
    case 'exercise.clock':
    case 'notification.reported':
    case 'notification.sent':
      break;
  }
}

/** When an entry happened and was recorded, by whom, and its place in the record (unrecorded: recorded as it happens). */
function stampOf(event: Applicable): { at: string; recordedAt: string; by: Actor; seq: number } {
  const recordedAt = 'recordedAt' in event ? (event.recordedAt as string) : event.occurredAt;
  return { at: event.occurredAt, recordedAt, by: event.actor, seq: event.seq ?? 0 };
}

function move(fold: IncidentFold, machineEvent: { type: string }, at: string, cause: StepEntry): void {
  const [next, actions] = machineStep(fold.playbook.machine, fold.snapshot, machineEvent);
  const stayed = sameStateValue(fold.snapshot.value, next.value);
  fold.snapshot = next;
  if (!stayed) enterAndLeave(fold, at, cause);
  scheduleTimers(fold, actions, at);
}

/** Keeps the steps' entry times, ticks and assignees in step with the snapshot after a move between states. */
function enterAndLeave(fold: IncidentFold, at: string, cause: StepEntry): void {
  // The steps active now are exactly those with an entry time (kept as steps are entered and left).
  const before = new Set(fold.enteredAt.keys());
  const next = fold.snapshot;
  const after = new Set(activeStepPaths(fold.playbook, next));
  for (const path of before) {
    if (!after.has(path)) {
      fold.enteredAt.delete(path);
      fold.enteredBy.delete(path);
      fold.ticks.delete(path);
      fold.assignees.delete(path);
    }
  }
  for (const path of after) {
    if (before.has(path)) continue;
    fold.enteredAt.set(path, at);
    fold.enteredBy.set(path, cause);
  }
}

interface RaisedAction {
  type: string;
  params?: { delay?: unknown; id?: unknown; sendId?: unknown; event?: { type?: unknown } };
}

/** Delayed transitions come back from a pure transition as `xstate.raise` actions with a delay; leaving cancels them. */
function scheduleTimers(fold: IncidentFold, actions: readonly unknown[], at: string): void {
  for (const action of actions as RaisedAction[]) {
    const params = action.params;
    if (action.type === 'xstate.cancel' && typeof params?.sendId === 'string') fold.timers.delete(params.sendId);
    if (action.type === 'xstate.raise' && typeof params?.delay === 'number' && typeof params.event?.type === 'string') {
      const id = typeof params.id === 'string' ? params.id : params.event.type;
      const { step, label } = timerTransition(fold, params.event.type);
      fold.timers.set(id, {
        id,
        event: params.event.type,
        step,
        label: label ?? `after ${Math.round(params.delay / 60_000)} min`,
        dueAt: new Date(Date.parse(at) + params.delay).toISOString(),
      });
    }
  }
}

/** The step a delayed transition leaves from, and its label, found among the transitions enabled now. */
function timerTransition(fold: IncidentFold, eventType: string): { step: string; label: string | undefined } {
  const found = getNextTransitions(fold.snapshot).find((transitionDef) => transitionDef.eventType === eventType);
  return { step: found?.source.path.join('.') ?? '', label: found?.description };
}

export function viewOf(fold: IncidentFold, dueTimers: readonly DueTimer[] = []): IncidentView {
  const { playbook, snapshot, opened } = fold;
  // The record as it stood when the view was made. A long-lived handle adds to its list of events as it records;
  // a view made earlier goes on showing the events it was made from (copied only if it is read after that).
  const recorded = fold.events;
  const count = recorded.length;
  const steps: ActiveStep[] = activeStepPaths(playbook, snapshot).map((path) => {
    const step = playbook.steps.get(path);
    if (!step) throw new Error(`state ${path} has no step`);
    const ticks = fold.ticks.get(path);
    const segments = path.split('.');
    const within = segments
      .slice(0, -1)
      .map((_, i) => playbook.phases.get(segments.slice(0, i + 1).join('.')))
      .filter((title): title is string => title !== undefined);
    return {
      path,
      title: step.title,
      instructions: step.instructions,
      role: step.role,
      roleName: playbook.roles[step.role] ?? step.role,
      within,
      enteredAt: fold.enteredAt.get(path) ?? opened.occurredAt,
      ...(fold.assignees.has(path) ? { assignee: fold.assignees.get(path) as Actor } : {}),
      checklist: step.checklist.map((item) => {
        const ticked = ticks?.get(item.id);
        return ticked ? { ...item, ticked } : { ...item };
      }),
      facts: step.record.map((fact) => {
        const corrected = fold.corrections.get(fact.id)?.at(-1);
        return fact.id in fold.facts ? { ...fact, value: fold.facts[fact.id], ...(corrected ? { corrected } : {}) } : { ...fact };
      }),
    };
  });
  const finished = snapshot.status === 'done';
  let choices: Choice[] | undefined;
  const asNow = { ...fold }; // the machine as it stands now, should the fold move on before choices are read
  return {
    id: opened.incident,
    title: opened.data.title,
    awareAt: opened.data.awareAt,
    openedAt: opened.occurredAt,
    exercise: opened.data.exercise === true,
    commander: fold.commander,
    ...(fold.takeover ? { takeover: fold.takeover } : {}),
    roleHolders: Object.fromEntries(fold.roleHolders),
    recordedPlaybook: opened.data.playbook,
    snapshot,
    finished,
    steps,
    // Worked out when first read (each choice is tried against the machine): a note or a tick never needs them.
    get choices() {
      choices ??= finished ? [] : choicesOf(asNow, steps);
      return choices;
    },
    timers: [...fold.timers.values()].sort((a, b) => a.dueAt.localeCompare(b.dueAt)),
    dueTimers: [...dueTimers],
    facts: { ...fold.facts },
    corrections: Object.fromEntries(fold.corrections),
    moments: Object.fromEntries(fold.moments),
    backdateMarginMs: backdateMarginMs(fold.events),
    organisations: fold.register.organisations.size,
    actions: [...fold.actions.values()],
    get events() {
      return recorded.length === count ? recorded : recorded.slice(0, count);
    },
  };
}

/** Where a transition stands in the playbook's text: its state's document order, then its place among that state's events. */
function placeOf(transition: { source: { order: number; transitions: ReadonlyMap<string, unknown> }; eventType: string }): number {
  return transition.source.order * 10_000 + [...transition.source.transitions.keys()].indexOf(transition.eventType);
}

/**
 * One choice the playbook offers now, with what blocks it, or `undefined` if it does not offer it: what deciding
 * needs, without working out every other choice.
 */
export function choiceOf(fold: IncidentFold, steps: readonly ActiveStep[], event: string): Choice | undefined {
  if (fold.snapshot.status === 'done') return undefined;
  return choicesOf(fold, steps, event)[0];
}

/** The choices offered from the given states (the states a decision was taken from), with what blocks each. */
export function choicesFrom(fold: IncidentFold, steps: readonly ActiveStep[], from: readonly string[]): Choice[] {
  if (fold.snapshot.status === 'done') return [];
  return choicesOf(fold, steps, undefined, from);
}

function choicesOf(fold: IncidentFold, steps: readonly ActiveStep[], only?: string, fromStates?: readonly string[]): Choice[] {
  const { playbook, snapshot } = fold;
  const byType = new Map<string, Choice>();
  // Choices come in the playbook's document order (the state that offers them, then their place in its `on`), not
  // in the order XState happens to hold its active nodes: a restored snapshot and a replayed one list them alike,
  // and a menu keeps its positions.
  const candidates = getNextTransitions(snapshot).sort((a, b) => placeOf(a) - placeOf(b));
  for (const candidate of candidates) {
    const type = candidate.eventType;
    if (type.startsWith('xstate.') || type === '*' || (only !== undefined && type !== only)) continue;
    if (fromStates !== undefined && !fromStates.includes(candidate.source.path.join('.'))) continue;
    const choice: Choice = byType.get(type) ?? {
      event: type,
      label: candidate.description ?? playbook.events[type]?.label ?? type,
      from: [],
      blockers: [],
      ...(playbook.events[type]?.payload ? { payload: playbook.events[type].payload } : {}),
      ...(playbook.events[type]?.rationale ? { rationale: rationaleQuestion(playbook.events[type].rationale) } : {}),
    };
    const asked = (candidate as { meta?: { confirm?: Confirmation } }).meta?.confirm;
    if (asked === 'type' || (asked === 'ask' && choice.confirm === undefined)) choice.confirm = asked;
    const from = candidate.source.path.join('.');
    if (from && !choice.from.includes(from)) choice.from.push(from);
    if (typeof candidate.guard === 'string' && !canTake(snapshot, { type }) && playbook.guards[candidate.guard]) {
      const blocker: Blocker = { kind: 'guard', guard: candidate.guard, explanation: playbook.guards[candidate.guard] as string };
      if (!choice.blockers.some((known) => sameBlocker(known, blocker))) choice.blockers.push(blocker);
    }
    byType.set(type, choice);
  }
  for (const choice of byType.values()) {
    const everyone = organisationsBlocker(fold, choice.event);
    if (!canTake(snapshot, { type: choice.event })) {
      if (everyone) choice.blockers.push(everyone);
      if (choice.blockers.length === 0) choice.blockers.push({ kind: 'condition' });
      continue;
    }
    const after = afterTaking(fold, steps, choice.event);
    choice.blockers = everyone ? [everyone, ...after.blockers] : after.blockers;
    if (after.finishes) choice.confirm ??= 'ask';
  }
  return [...byType.values()];
}

/** For a decision that speaks for every organisation of the register: the duty still owed to some, or to none registered. */
function organisationsBlocker(fold: IncidentFold, event: string): Blocker | undefined {
  const duty = fold.playbook.events[event]?.needsEvery;
  if (duty === undefined) return undefined;
  const label = fold.playbook.duties.find((d) => d.id === duty)?.label ?? duty;
  const owed = stillOwed(fold, duty);
  const anyOwed = [...fold.register.organisations.values()].some(({ organisation }) => fold.playbook.duties.find((d) => d.id === duty)?.appliesTo.some((kind) => organisation.kinds.includes(kind)));
  if (!anyOwed) return { kind: 'organisations', duty, label, owed: 0, names: [] };
  if (owed.length === 0) return undefined;
  const names = owed.slice(0, 5).map(({ organisation, product }) => (product ? `${organisation.name} (${product})` : organisation.name));
  return { kind: 'organisations', duty, label, owed: owed.length, names };
}

/**
 * What taking `type` would do: the required checklist items of the steps it would leave, still unticked, and
 * whether it would finish the incident.
 */
function afterTaking(fold: IncidentFold, steps: readonly ActiveStep[], type: string): { blockers: Blocker[]; finishes: boolean } {
  let after: Set<string>;
  let finishes: boolean;
  try {
    const [next] = machineStep(fold.playbook.machine, fold.snapshot, { type });
    after = new Set(activeStepPaths(fold.playbook, next));
    finishes = next.status === 'done';
  } catch {
    return { blockers: [], finishes: false };
  }
  const blockers: Blocker[] = [];
  for (const step of steps) {
    if (after.has(step.path)) continue;
    const open = step.checklist.filter((item) => item.required && !item.ticked);
    if (open.length > 0) blockers.push({ kind: 'open-items', step: step.path, title: step.title, items: open.map((item) => item.id), texts: open.map((item) => item.text) });
  }
  return { blockers, finishes };
}
