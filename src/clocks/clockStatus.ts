import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';
import { type Clock, clockHours } from './clockSpec.ts';

const HOUR = 3_600_000;

/** Where one clock stands at a given moment. */
export type ClockState =
  | { status: 'not-started'; clock: Clock }
  | { status: 'running' | 'due-soon' | 'overdue'; clock: Clock; startedAt: string; dueAt: string; remainingMs: number }
  | {
      status: 'met' | 'met-late' | 'waived';
      clock: Clock;
      startedAt: string;
      dueAt: string;
      /** When the notification (or the decision that it was not needed) happened, by whom, and its event. */
      at: string;
      by: Actor;
      seq: number;
      reference?: string;
      reason?: string;
    };

/**
 * Where every clock of a playbook stands, from the record alone. Pure: deadlines are real hours after the start
 * (72 hours across a BST/GMT change is still 72 hours), and `now` is passed in.
 */
export function clockStates(clocks: readonly Clock[], events: readonly RecordedEvent[], now: Date): ClockState[] {
  const opened = events[0];
  const awareAt = opened?.kind === 'incident.opened' ? opened.data.awareAt : undefined;
  return clocks.map((clock) => stateOf(clock, events, awareAt, now));
}

function stateOf(clock: Clock, events: readonly RecordedEvent[], awareAt: string | undefined, now: Date): ClockState {
  const startedAt = startOf(clock, events, awareAt);
  if (!startedAt) return { status: 'not-started', clock };
  const dueAt = new Date(Date.parse(startedAt) + clockHours(clock) * HOUR).toISOString();
  const stop = events.find(
    (event) => event.kind === 'decision' && (event.data.event === clock.stops.event || event.data.event === clock.waivedBy?.event),
  );
  if (stop?.kind === 'decision') {
    const waived = stop.data.event === clock.waivedBy?.event;
    const field = waived ? clock.waivedBy?.reason : clock.stops.reference;
    const value = field ? stop.data.payload?.[field] : undefined;
    const late = !waived && Date.parse(stop.occurredAt) > Date.parse(dueAt);
    return {
      status: waived ? 'waived' : late ? 'met-late' : 'met',
      clock,
      startedAt,
      dueAt,
      at: stop.occurredAt,
      by: stop.actor,
      seq: stop.seq,
      ...(value !== undefined && !waived ? { reference: String(value) } : {}),
      ...(waived && value !== undefined ? { reason: String(value) } : !waived && late && stop.note ? { reason: stop.note } : {}),
    };
  }
  const remainingMs = Date.parse(dueAt) - now.getTime();
  const dueSoonMs = (clock.dueSoonHours ?? clockHours(clock) / 4) * HOUR;
  const status = remainingMs < 0 ? 'overdue' : remainingMs <= dueSoonMs ? 'due-soon' : 'running';
  return { status, clock, startedAt, dueAt, remainingMs };
}

function startOf(clock: Clock, events: readonly RecordedEvent[], awareAt: string | undefined): string | undefined {
  if (clock.starts.on === 'awareness') return awareAt;
  const { fact, values } = clock.starts;
  for (const event of events) {
    if (event.kind !== 'decision' || !event.data.payload || !(fact in event.data.payload)) continue;
    const value = event.data.payload[fact];
    if (values.some((wanted) => JSON.stringify(wanted) === JSON.stringify(value))) return event.occurredAt;
  }
  return undefined;
}

/** Running clocks first, most urgent first; then the others. */
export function byUrgency(a: ClockState, b: ClockState): number {
  const rank = (state: ClockState) => ('remainingMs' in state ? 0 : state.status === 'not-started' ? 2 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if ('remainingMs' in a && 'remainingMs' in b) return a.remainingMs - b.remainingMs;
  return 0;
}
