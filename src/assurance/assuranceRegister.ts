import { join } from 'node:path';
import { Low } from 'lowdb';
import { afterActionOf } from './afterActionOf.ts';
import type { Irp } from '../api/irp.ts';
import { PrivateJsonFile } from '../cache/privateJsonFile.ts';
import { UserError } from '../errors.ts';
import type { Scenario } from '../exercise/scenario.ts';
import { assuranceEntryOf, type AssuranceEntry } from './assuranceEntry.ts';

interface AssuranceData {
  format: 1;
  entries: Record<string, AssuranceEntry>;
}

/** What a refresh or a check found: entries made again, records new since, records gone. */
export interface AssuranceChanges {
  /** Records whose entry was (or would be) made again: new, or changed since. */
  changed: string[];
  /** Entries whose record is no longer in the store. */
  removed: string[];
  /** Records that cannot be read (damaged): left out, and said. */
  unreadable: Array<{ incident: string; problem: string }>;
}

/**
 * The assurance register: one entry for every exercise and real activation, kept as a small embedded JSON
 * database (lowdb) in `<state>/assurance.json`. It is a cache of facts the records hold, never a source of truth:
 * each entry carries the change mark of the record it was made from, so it is made again when the record changes,
 * and the whole register can be rebuilt from the records at any time to the same content.
 */
export class AssuranceRegister {
  readonly file: string;

  constructor(stateDir: string) {
    this.file = join(stateDir, 'assurance.json');
  }

  /**
   * The register brought up to date with the records: the entries of records that changed (or are new) made
   * again, those of records gone removed; with `rebuild`, every entry made again from scratch.
   */
  async refresh(irp: Irp, options: { now: Date; loadScenario: (file: string) => Scenario; rebuild?: boolean }): Promise<{ entries: AssuranceEntry[]; changes: AssuranceChanges }> {
    const db = new Low<AssuranceData>(new PrivateJsonFile<AssuranceData>(this.file), { format: 1, entries: {} });
    await db.read();
    if (options.rebuild || db.data.format !== 1 || typeof db.data.entries !== 'object') db.data = { format: 1, entries: {} };
    const { changes, entries } = await this.#compare(irp, db.data.entries);
    for (const incident of changes.removed) delete entries[incident];
    for (const incident of changes.changed) entries[incident] = await entryFor(irp, incident, options);
    if (changes.changed.length > 0 || changes.removed.length > 0 || options.rebuild) {
      db.data = { format: 1, entries };
      try {
        await db.write();
      } catch {
        throw new UserError({ code: 'register-unwritable', file: this.file });
      }
    }
    return { entries: sorted(entries), changes };
  }

  /** Whether the register is up to date with the records, without changing it. */
  async check(irp: Irp): Promise<{ entries: AssuranceEntry[]; changes: AssuranceChanges }> {
    const db = new Low<AssuranceData>(new PrivateJsonFile<AssuranceData>(this.file), { format: 1, entries: {} });
    await db.read();
    const { changes, entries } = await this.#compare(irp, db.data.format === 1 ? db.data.entries : {});
    return { entries: sorted(entries), changes };
  }

  async #compare(irp: Irp, kept: Record<string, AssuranceEntry>): Promise<{ changes: AssuranceChanges; entries: Record<string, AssuranceEntry> }> {
    const entries: Record<string, AssuranceEntry> = { ...kept };
    const changes: AssuranceChanges = { changed: [], removed: [], unreadable: [] };
    const listed = await irp.list();
    const present = new Set(listed.map((summary) => summary.id));
    for (const summary of listed) {
      if (summary.problem) {
        changes.unreadable.push({ incident: summary.id, problem: summary.problem });
        continue;
      }
      const mark = await irp.changeMark(summary.id);
      if (mark === undefined || entries[summary.id]?.mark !== mark) changes.changed.push(summary.id);
    }
    for (const incident of Object.keys(entries)) if (!present.has(incident)) changes.removed.push(incident);
    return { changes, entries };
  }
}

/** One record's entry, made from its after-action report (scored against its scenario when the file is there). */
async function entryFor(irp: Irp, incident: string, options: { now: Date; loadScenario: (file: string) => Scenario }): Promise<AssuranceEntry> {
  const mark = (await irp.changeMark(incident)) ?? '';
  const { view } = await irp.status(incident);
  const recorded = view.events[0]?.kind === 'incident.opened' ? view.events[0].data.scenario : undefined;
  let scenario: Scenario | undefined;
  if (recorded) {
    try {
      scenario = options.loadScenario(recorded.file);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      scenario = undefined; // scored without its expectations, as the report is when its scenario is gone
    }
  }
  const report = await afterActionOf(irp, incident, { scenario, scenarioChanged: scenario !== undefined && scenario.sourceHash !== recorded?.sourceHash, now: options.now });
  return assuranceEntryOf(report, view.events, mark, view.finished);
}

const sorted = (entries: Record<string, AssuranceEntry>): AssuranceEntry[] => Object.values(entries).sort((a, b) => a.date.localeCompare(b.date) || a.incident.localeCompare(b.incident));
