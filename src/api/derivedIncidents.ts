import { playbookIn } from '../playbook/playbookIn.ts';
import type { CheckpointCache } from '../cache/checkpointCache.ts';
import { UserError } from '../errors.ts';
import { applyEvent, foldEvents } from '../engine/deriveIncident.ts';
import { checkpointOf, type FoldCheckpoint } from '../engine/foldCheckpoint.ts';
import type { IncidentFold } from '../engine/incidentFold.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { PlaybookSource } from '../playbook/playbookCatalog.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { IncidentStore } from '../store/incidentStore.ts';
import { readRecord } from './readRecord.ts';

/** How many incidents a handle keeps derived in memory (the most recently used). */
const KEPT_INCIDENTS = 64;

/** An incident derived from its record: the fold holds exactly the recorded events, never a projection. */
export interface Derived {
  fold: IncidentFold;
  playbook: LoadedPlaybook;
  playbookChanged: boolean;
  /** How many events the last checkpoint kept for other processes held. */
  checkpointed: number;
}

/**
 * The incidents a handle has derived, kept in memory and caught up from the record's tail at each use: a long-lived
 * handle (the runner, an exercise, a board) pays for what was appended since, not for the whole record.
 */
export class DerivedIncidents {
  readonly #derived = new Map<string, Derived>();

  constructor(
    readonly store: IncidentStore,
    readonly catalog: PlaybookSource,
    /** Keeps derived state between processes, so that a long record is not replayed from the start every time. */
    readonly checkpoints: CheckpointCache<FoldCheckpoint> | undefined,
  ) {}

  /**
   * The incident derived from its record. If it was derived before, only what was appended since is read (another
   * process may have appended); otherwise the whole record is read and replayed, from a checkpoint kept by an
   * earlier process where one still matches. The fold returned is this handle's own: move a fork of it, never it.
   */
  async derive(incident: string): Promise<Derived> {
    const known = this.#derived.get(incident);
    if (known) {
      const playbook = await playbookFor(this.catalog, known.fold.opened.data);
      const added = playbook === known.playbook ? await this.store.readAfter(incident, known.fold.events.at(-1) as RecordedEvent) : undefined;
      if (added) {
        this.keep(incident, known);
        this.advance(incident, known, added);
        return known;
      }
    }
    const events = await readRecord(this.store, incident);
    const opened = events[0];
    if (opened?.kind !== 'incident.opened') throw new UserError({ code: 'not-opened', where: this.store.describe(incident) });
    const playbook = await playbookFor(this.catalog, opened.data);
    const checkpoint = this.checkpoints?.get(incident);
    const derived: Derived = {
      fold: foldEvents(playbook, events, checkpoint),
      playbook,
      playbookChanged: playbook.sourceHash !== opened.data.playbook.sourceHash,
      checkpointed: checkpoint?.count ?? 0,
    };
    this.#keepCheckpoint(incident, derived);
    this.keep(incident, derived);
    return derived;
  }

  /** Keeps an incident derived, as the most recently used; the least recently used goes past the limit. */
  keep(incident: string, derived: Derived): void {
    this.#derived.delete(incident);
    this.#derived.set(incident, derived);
    if (this.#derived.size > KEPT_INCIDENTS) this.#derived.delete(this.#derived.keys().next().value as string);
  }

  /** Moves a derived incident on by events now in the record (views made earlier keep their own events). */
  advance(incident: string, derived: Derived, recorded: readonly RecordedEvent[]): void {
    if (recorded.length === 0) return;
    for (const event of recorded) {
      derived.fold.events.push(event);
      applyEvent(derived.fold, event);
    }
    this.#keepCheckpoint(incident, derived);
  }

  /** Keeps a checkpoint for later processes once enough events have been recorded past the last one. */
  #keepCheckpoint(incident: string, derived: Derived): void {
    if (!this.checkpoints || derived.fold.events.length - derived.checkpointed < this.checkpoints.interval) return;
    this.checkpoints.set(incident, checkpointOf(derived.fold));
    derived.checkpointed = derived.fold.events.length;
  }
}

/**
 * The playbook an incident runs under: the current one, or the version it pinned if the current cannot be used;
 * formed for the settings it was opened with, its clocks named as they were when its awareness came (see `playbookIn`).
 */
export async function playbookFor(
  catalog: PlaybookSource,
  opened: { playbook: { id: string; sourceHash: string }; awareAt: string; settings?: Record<string, string> | undefined },
): Promise<LoadedPlaybook> {
  const playbook = await (catalog.loadFor ? catalog.loadFor(opened.playbook.id, opened.playbook.sourceHash) : catalog.load(opened.playbook.id));
  return playbookIn(playbook, { awareAt: new Date(opened.awareAt), settings: opened.settings });
}
