import { ConcurrencyError, DamagedRecordError, IncidentExistsError, UserError } from '../errors.ts';
import { checkIncidentId } from './incidentId.ts';
import { findChainProblem } from '../record/hashChain.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { Seal } from '../record/seal.ts';
import type { IncidentStore } from './incidentStore.ts';

/** Keeps records in memory, with the same append rules as the file store. For tests and simulations. */
export class MemoryIncidentStore implements IncidentStore {
  readonly #records = new Map<string, RecordedEvent[]>();
  readonly #seals = new Map<string, Seal[]>();
  readonly where = 'memory';

  async tail(incident: string): Promise<{ tornBytes: number; setAside: string[] }> {
    checkIncidentId(incident);
    return { tornBytes: 0, setAside: [] };
  }

  async readSeals(incident: string): Promise<Seal[]> {
    checkIncidentId(incident);
    return [...(this.#seals.get(incident) ?? [])];
  }

  async addSeal(incident: string, seal: Seal): Promise<void> {
    checkIncidentId(incident);
    this.#seals.set(incident, [...(this.#seals.get(incident) ?? []), seal]);
  }

  describe(incident: string): string {
    return `memory:${incident}`;
  }

  async list(): Promise<string[]> {
    return [...this.#records.keys()];
  }

  /** Events held here were chained and linked on append; `full` checks every hash again, as `irp verify` does. */
  async read(incident: string, options: { full?: boolean } = {}): Promise<RecordedEvent[] | undefined> {
    checkIncidentId(incident);
    const events = this.#records.get(incident);
    if (!events) return undefined;
    if (options.full) {
      const problem = findChainProblem(events);
      if (problem) throw new DamagedRecordError({ code: 'damaged-record', where: `memory:${incident}`, line: problem.index + 1, seq: problem.seq, reason: problem.reason });
    }
    return [...events];
  }

  async *scan(incident: string, options: { full?: boolean } = {}): AsyncGenerator<RecordedEvent> {
    const events = await this.read(incident, options);
    yield* events ?? [];
  }

  async readAfter(incident: string, after: Pick<RecordedEvent, 'seq' | 'hash'>): Promise<RecordedEvent[] | undefined> {
    checkIncidentId(incident);
    const events = this.#records.get(incident);
    if (events?.[after.seq - 1]?.hash !== after.hash) return undefined;
    return events.slice(after.seq);
  }

  async fingerprint(incident: string): Promise<string | undefined> {
    checkIncidentId(incident);
    const last = this.#records.get(incident)?.at(-1);
    return last ? `${last.seq}:${last.hash}` : undefined;
  }

  async create(incident: string, events: readonly RecordedEvent[]): Promise<void> {
    checkIncidentId(incident);
    if (this.#records.has(incident)) throw new IncidentExistsError({ code: 'incident-exists', incident, where: 'memory' });
    const problem = findChainProblem(events);
    if (problem) throw new DamagedRecordError({ code: 'damaged-record', where: `memory:${incident}`, line: problem.index + 1, seq: problem.seq, reason: problem.reason });
    this.#records.set(incident, [...events]);
  }

  async append(incident: string, after: RecordedEvent, events: readonly RecordedEvent[]): Promise<void> {
    checkIncidentId(incident);
    const record = this.#records.get(incident);
    if (!record) throw new UserError({ code: 'no-incident', incident, folder: 'memory' });
    const last = record.at(-1);
    if (last?.seq !== after.seq || last.hash !== after.hash || events[0]?.prevHash !== last.hash) {
      throw new ConcurrencyError({ code: 'conflict', where: `memory:${incident}`, seq: last?.seq ?? 0 });
    }
    record.push(...events);
  }
}
