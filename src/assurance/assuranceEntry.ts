import type { AfterActionReport } from '../exercise/afterAction.ts';
import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';
import { SYSTEM_ACTOR, FACILITATOR_ACTOR } from '../record/recordedEvent.ts';

/** An action raised in an exercise or an incident, and what closed it, if anything has. */
export interface AssuranceAction {
  incident: string;
  /** The action's entry in its record. */
  seq: number;
  text: string;
  owner?: string | undefined;
  /** YYYY-MM-DD. */
  due?: string | undefined;
  raisedAt: string;
  closed?: { at: string; by: string; text: string; seq: number } | undefined;
}

/**
 * One exercise or real activation, as the assurance register keeps it: facts its record holds, never more. A real
 * activation counts as an exercise (NHS EPRR framework) once its lessons are logged and an action plan exists.
 */
export interface AssuranceEntry {
  incident: string;
  /** The record's change mark when this was worked out: a different one means the entry is stale. */
  mark: string;
  kind: 'exercise' | 'incident';
  title: string;
  /** When it began: the exercise's start, or the incident's awareness. */
  date: string;
  finished: boolean;
  scenario?: { id: string; title: string } | undefined;
  playbook: { id: string; version: string };
  score: { points: number; possible: number; percent: number | null };
  /** How many of the scenario's expectations were met on time, late, missed, or not reached. */
  coverage: { expectations: number; met: number; late: number; missed: number; notReached: number };
  expectations: Array<{ id: string; description: string; status: string }>;
  clocks: Array<{ id: string; label: string; status: string }>;
  people: Array<{ name: string; role: string }>;
  organisations: string[];
  lessons: string[];
  actions: AssuranceAction[];
  /** The Board took part (a note recorded as such), and when that was recorded. */
  board?: { at: string; text: string } | undefined;
  countsAsExercise: boolean;
}

/** The entry for one record, from its after-action report and its entries. Pure. */
export function assuranceEntryOf(report: AfterActionReport, events: readonly RecordedEvent[], mark: string, finished: boolean): AssuranceEntry {
  const people = new Map<string, Actor>();
  for (const event of events) {
    if (event.actor.role === SYSTEM_ACTOR.role || event.actor.role === FACILITATOR_ACTOR.role || event.actor.role === 'linked-organisation') continue;
    people.set(`${event.actor.name}\u0000${event.actor.role}`, event.actor);
  }
  const organisations = new Set<string>();
  for (const event of events) {
    if (event.kind === 'organisation.registered') organisations.add(event.data.name);
    if (event.kind === 'notice.received') organisations.add(event.data.to.name);
  }
  const closures = new Map<number, RecordedEvent & { kind: 'note' }>();
  for (const event of events) if (event.kind === 'note' && event.data.about === 'closure' && event.data.closes !== undefined) closures.set(event.data.closes, event);
  const actions: AssuranceAction[] = events.flatMap((event) => {
    if (event.kind !== 'note' || event.data.about !== 'action') return [];
    const closure = closures.get(event.seq);
    return [
      {
        incident: report.incident,
        seq: event.seq,
        text: event.data.text,
        ...(event.data.owner ? { owner: event.data.owner } : {}),
        ...(event.data.due ? { due: event.data.due } : {}),
        raisedAt: event.occurredAt,
        ...(closure ? { closed: { at: closure.occurredAt, by: closure.actor.name, text: closure.data.text, seq: closure.seq } } : {}),
      },
    ];
  });
  const board = events.find((event) => event.kind === 'note' && event.data.about === 'board');
  const count = (status: string) => report.expectations.filter((e) => e.status === status).length;
  const lessons = report.lessons.map((lesson) => lesson.text);
  return {
    incident: report.incident,
    mark,
    kind: report.exercise ? 'exercise' : 'incident',
    title: report.title,
    date: report.startAt,
    finished,
    ...(report.scenario ? { scenario: { id: report.scenario.id, title: report.scenario.title } } : {}),
    playbook: report.playbook,
    score: report.score,
    coverage: { expectations: report.expectations.length, met: count('met'), late: count('late'), missed: count('missed'), notReached: count('not-reached') },
    expectations: report.expectations.map((e) => ({ id: e.id, description: e.description, status: e.status })),
    clocks: report.clocks.map((clock) => ({ id: clock.id, label: clock.label, status: clock.status })),
    people: [...people.values()].map(({ name, role }) => ({ name, role })),
    organisations: [...organisations],
    lessons,
    actions,
    ...(board?.kind === 'note' ? { board: { at: board.occurredAt, text: board.data.text } } : {}),
    countsAsExercise: report.exercise || (lessons.length > 0 && actions.length > 0),
  };
}
