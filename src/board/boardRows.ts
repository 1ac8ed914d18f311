import type { IncidentSummary } from '../api/incidentSummaries.ts';
import { isStatutory } from '../clocks/clockSpec.ts';
import { byUrgency, clockStateAt, type ClockState } from '../clocks/clockStatus.ts';
import type { OfflineCopySummary } from '../engine/incidentReport.ts';

/**
 * One incident as the board's summary shows it, a line each: whose it is, its most urgent clock, who is in command,
 * where it stands. Kept by the board between changes: its clocks move on with time without reading the record.
 */
export interface BoardRow {
  id: string;
  title: string;
  /** The organisation it is of: its owner on the shared store, else the one a linked incident names; '' if none. */
  organisation: string;
  exercise: boolean;
  commander: string;
  /** The active steps, in words. */
  state: string;
  clocks: ClockState[];
  lastRecordedAt: string;
  /** When the view changes with no new entry (a playbook timer falls due): the record is looked at again then. */
  nextTimerAt?: string | undefined;
  /** Entries of set-aside offline copies not yet in the record. */
  offlineWaiting: number;
}

/** A row from an incident's summary (as `irp list` keeps it) and its clocks. */
export function rowOf(summary: IncidentSummary, clocks: readonly ClockState[], extra: { organisation?: string | undefined; nextTimerAt?: string | undefined }): BoardRow {
  return {
    id: summary.id,
    title: summary.title ?? summary.id,
    organisation: extra.organisation ?? summary.organisation ?? '',
    exercise: summary.exercise === true,
    commander: summary.commander ?? '',
    state: (summary.steps ?? []).join('; '),
    clocks: [...clocks],
    lastRecordedAt: summary.lastRecordedAt ?? '',
    nextTimerAt: extra.nextTimerAt,
    offlineWaiting: waitingIn(summary.offlineCopies ?? []),
  };
}

function waitingIn(copies: readonly OfflineCopySummary[]): number {
  return copies.reduce((sum, copy) => sum + copy.waiting, 0);
}

/** The row's clocks as they stand at `now` (no record read: the deadlines are known). */
export function rowAt(row: BoardRow, now: Date): BoardRow {
  return { ...row, clocks: row.clocks.map((state) => clockStateAt(state, now)) };
}

/** Clocks that still run towards a deadline or target, most urgent first (statutory first among equals). */
export function urgentClock(row: BoardRow): ClockState | undefined {
  const open = row.clocks.filter((state) => state.status === 'overdue' || state.status === 'due-soon' || state.status === 'running');
  return [...open].sort((a, b) => byUrgency(a, b) || Number(isStatutory(b.clock)) - Number(isStatutory(a.clock)))[0];
}

const RANK: Record<string, number> = { overdue: 0, 'due-soon': 1, running: 2 };

/**
 * Where a row sorts: real incidents before exercises; then the most urgent clock (overdue longest first, then due
 * soonest); incidents with no clock running last, most recently active first. A number the page sorts by too.
 */
export function urgencyKey(row: BoardRow): number {
  const clock = urgentClock(row);
  const exercise = row.exercise ? 1e15 : 0;
  if (!clock || !('dueAt' in clock)) return exercise + 9e14 - (Date.parse(row.lastRecordedAt) || 0) / 1e3;
  return exercise + (RANK[clock.status] ?? 3) * 1e14 + Date.parse(clock.dueAt) / 1e3;
}
