import { UserError } from '../errors.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { IncidentStore } from '../store/incidentStore.ts';
import { compareRecords, type Comparison } from './compareRecords.ts';

export interface CopyOutcome {
  comparison: Comparison;
  /** Events copied to the destination. */
  copied: number;
  /** Where the destination's own diverged record was kept, when both were kept. */
  keptAside?: string;
}

/**
 * Copies an incident's record from one store to another, continuing its hash chain: creates it there, or appends
 * what the destination lacks. Nothing is ever merged: when both have been appended since they last agreed, it
 * refuses, saying where they diverge; with `keepBoth`, the destination's own record is first set aside whole, by
 * the store itself (a file store renames its record under its lock, never rewriting it), and the source's copy
 * takes its place, so both are kept.
 */
export async function copyRecord(incident: string, from: IncidentStore, to: IncidentStore, options: { keepBoth?: boolean } = {}): Promise<CopyOutcome> {
  const source = await from.read(incident);
  if (!source) throw new UserError({ code: 'no-incident', incident, folder: from.describe(incident) });
  const destination = await to.read(incident);
  const comparison = compareRecords(source, destination);
  switch (comparison.kind) {
    case 'same':
    case 'ahead-there':
      return { comparison, copied: 0 };
    case 'missing-there':
      await to.create(incident, source);
      return { comparison, copied: source.length };
    case 'ahead-here': {
      const after = (destination as RecordedEvent[]).at(-1) as RecordedEvent;
      const rest = source.slice(comparison.common);
      await to.append(incident, after, rest);
      return { comparison, copied: rest.length };
    }
    case 'diverged': {
      if (!options.keepBoth) return { comparison, copied: 0 };
      if (!to.setAside) {
        throw new UserError({ code: 'store-diverged', here: to.describe(incident), there: from.describe(incident) });
      }
      const keptAside = await to.setAside(incident);
      await to.create(incident, source);
      return { comparison, copied: source.length, keptAside };
    }
  }
}
