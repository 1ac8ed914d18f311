import { linkSync, unlinkSync } from 'node:fs';
import { UserError } from '../errors.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { FileIncidentStore } from '../store/fileIncidentStore.ts';
import { storageError } from '../store/storageError.ts';
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
 * refuses, saying where they diverge; with `keepBoth`, the destination's own record is first set aside whole (a
 * file store's record file is renamed, never rewritten) and the source's copy takes its place, so both are kept.
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
      if (!(to instanceof FileIncidentStore)) {
        throw new UserError(`${to.describe(incident)} and ${from.describe(incident)} have diverged; a shared store's record is never set aside. Pull it to this machine with --keep-both instead: the local record is kept beside it.`);
      }
      const keptAside = setAside(to.describe(incident));
      await to.create(incident, source);
      return { comparison, copied: source.length, keptAside };
    }
  }
}

/** Renames a record file to the first free `<file>.diverged-<n>`: its bytes are kept as they are, never rewritten. */
function setAside(file: string): string {
  for (let n = 1; ; n += 1) {
    const aside = `${file}.diverged-${n}`;
    try {
      linkSync(file, aside); // fails if the name is taken: nothing is ever replaced
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw storageError(error, aside, 'set the local record aside');
    }
    try {
      unlinkSync(file);
    } catch (error) {
      throw storageError(error, file, 'set the local record aside');
    }
    return aside;
  }
}
