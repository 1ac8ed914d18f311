import type { Irp } from '../api/irp.ts';
import { summaryEntryOf } from '../api/incidentSummaries.ts';
import { ANY_INCIDENT, type IncidentStore } from '../store/incidentStore.ts';
import { UserError } from '../errors.ts';
import { rowAt, rowOf, urgentClock, type BoardRow } from './boardRows.ts';
import { dueSoonMsOf } from '../clocks/clockStatus.ts';

/** An exercise with nothing recorded for this long is over (or a replay, written at once): the board leaves it out. */
const EXERCISE_IDLE_MS = 12 * 3_600_000;
/** Appends to one incident this close together are looked at once. */
const SETTLE_MS = 40;

export type RowChange = { kind: 'row'; row: BoardRow } | { kind: 'gone'; id: string };

/**
 * The board's rows, kept in memory and changed only when something changes: a record (the shared store's NOTIFY,
 * the file store's folder watched), a playbook timer falling due, or a clock crossing into "due soon" or "overdue"
 * (worked out from deadlines already known, with no read). An idle board reads nothing.
 */
export class LiveRows {
  readonly #rows = new Map<string, BoardRow>();
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #listeners = new Set<(change: RowChange) => void>();
  #owners = new Map<string, string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stop: (() => Promise<void>) | undefined;

  constructor(
    readonly irp: Irp,
    readonly store: IncidentStore,
    readonly now: () => Date,
  ) {}

  /** Every open incident, from the list (its summaries cached as `irp list` keeps them); then watches for changes. */
  async start(): Promise<void> {
    this.#owners = await this.#ownersNow();
    const now = this.now();
    for (const summary of await this.irp.list()) {
      if (summary.problem) {
        this.#rows.set(summary.id, damagedRow(summary.id, summary.problem));
        continue;
      }
      if (summary.finished || idleExercise(summary.exercise === true, summary.lastRecordedAt, now)) continue;
      this.#rows.set(summary.id, rowOf(summary, summary.clocks ?? [], { organisation: this.#owners.get(summary.id), nextTimerAt: summary.nextTimerAt }));
    }
    this.#stop = await this.store.watch?.((incident) => this.changed(incident));
    this.#schedule();
  }

  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    for (const pending of this.#pending.values()) clearTimeout(pending);
    await this.#stop?.();
  }

  rows(now: Date): BoardRow[] {
    return [...this.#rows.values()].map((row) => rowAt(row, now));
  }

  onChange(listener: (change: RowChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A record changed (or appeared): looked at once appends to it settle. `*`: any may have, unseen. */
  changed(incident: string): void {
    if (incident === ANY_INCIDENT) {
      void this.#resync();
      return;
    }
    const pending = this.#pending.get(incident);
    if (pending) clearTimeout(pending);
    this.#pending.set(
      incident,
      setTimeout(() => {
        this.#pending.delete(incident);
        void this.#refresh(incident);
      }, SETTLE_MS),
    );
  }

  /** After changes that may have gone unseen: every incident listed again, each that changed looked at. */
  async #resync(): Promise<void> {
    try {
      const ids = new Set(await this.store.list());
      for (const id of ids) this.changed(id);
      for (const id of this.#rows.keys()) if (!ids.has(id)) this.changed(id);
    } catch {
      // The store is unreachable again: the next reconnection tries once more.
    }
  }

  async #refresh(incident: string): Promise<void> {
    const now = this.now();
    let change: RowChange;
    try {
      if (!this.#rows.has(incident) && !this.#owners.has(incident)) this.#owners = await this.#ownersNow();
      const report = await this.irp.status(incident);
      const { summary, clocks } = summaryEntryOf(incident, report);
      summary.offlineCopies = report.offlineCopies;
      change =
        summary.finished || idleExercise(summary.exercise === true, summary.lastRecordedAt, now)
          ? { kind: 'gone', id: incident }
          : { kind: 'row', row: rowOf(summary, clocks, { organisation: this.#owners.get(incident), nextTimerAt: summary.nextTimerAt }) };
    } catch (error) {
      if (!(error instanceof UserError)) return;
      // A record that cannot be read is shown as damaged, never left out.
      change = error.problem.code === 'no-incident' ? { kind: 'gone', id: incident } : { kind: 'row', row: damagedRow(incident, error.message) };
    }
    if (change.kind === 'gone') {
      if (!this.#rows.delete(incident)) return;
    } else {
      this.#rows.set(incident, change.row);
    }
    for (const listener of this.#listeners) listener(change);
    this.#schedule();
  }

  /**
   * The next moment a row changes with no new entry: a playbook timer falls due (the record is looked at), or a
   * clock crosses into "due soon" or "overdue" (the row is worked out again from the deadlines it holds).
   */
  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    const now = this.now().getTime();
    let next = Infinity;
    for (const row of this.#rows.values()) {
      if (row.nextTimerAt) next = Math.min(next, Date.parse(row.nextTimerAt));
      for (const moment of crossings(row)) if (moment > now) next = Math.min(next, moment);
    }
    if (!Number.isFinite(next)) return;
    // Timers beyond what setTimeout holds are looked at again in a day.
    this.#timer = setTimeout(() => this.#tick(), Math.min(Math.max(next - now, 0) + 50, 86_400_000));
    this.#timer.unref?.();
  }

  #tick(): void {
    const now = this.now();
    for (const [id, row] of this.#rows) {
      if (row.nextTimerAt && Date.parse(row.nextTimerAt) <= now.getTime()) {
        this.changed(id);
        continue;
      }
      const before = urgentClock(row);
      const after = urgentClock(rowAt(row, now));
      if (before?.status !== after?.status || before?.clock.id !== after?.clock.id) {
        const moved = rowAt(row, now);
        this.#rows.set(id, moved);
        for (const listener of this.#listeners) listener({ kind: 'row', row: moved });
      }
    }
    this.#schedule();
  }

  async #ownersNow(): Promise<Map<string, string>> {
    return (await this.store.incidentOwners?.()) ?? new Map();
  }
}

function idleExercise(exercise: boolean, lastRecordedAt: string | undefined, now: Date): boolean {
  return exercise && (!lastRecordedAt || now.getTime() - Date.parse(lastRecordedAt) > EXERCISE_IDLE_MS);
}

/** The moments a running clock's row changes by itself: into "due soon", then into "overdue". */
function crossings(row: BoardRow): number[] {
  const clock = urgentClock(row);
  if (!clock || !('dueAt' in clock) || !('remainingMs' in clock)) return [];
  const due = Date.parse(clock.dueAt);
  return clock.status === 'running' ? [due - dueSoonMsOf(clock.clock), due] : clock.status === 'due-soon' ? [due] : [];
}

function damagedRow(id: string, problem: string): BoardRow {
  return { id, title: `DAMAGED RECORD: ${problem}`, organisation: '', exercise: false, commander: '', state: 'irp will not write to it; keep a copy for investigators', clocks: [], lastRecordedAt: '', offlineWaiting: 0 };
}
