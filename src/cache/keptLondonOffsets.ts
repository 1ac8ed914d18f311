import { THIS_BUILD } from './cacheKey.ts';
import { readSignedText, writeSignedText } from './signedText.ts';

/**
 * London's offsets from UTC as earlier runs read them from the time-zone database, kept between runs
 * (`<cache>/london-offsets.json`): the first question to the database costs a process about 20 ms while ICU loads its
 * zone data, and `irp status` asks about the same few hours every time. The values are the database's own (they
 * came from `@date-fns/tz`); an HMAC made with the user's key over this build, the database's version and the text
 * binds them to both, so a file edited by hand, or kept under another Node whose database may differ, is ignored.
 */
export interface KeptLondonOffsets {
  /** The offsets kept, UTC hour (hours since 1970) to minutes; none when the file is missing or does not match. */
  read(): Array<[number, number]>;
  /** Keeps these offsets and those read, within the file's bound; writes nothing when there is nothing new. */
  write(known: ReadonlyArray<readonly [number, number]>, lookedUp: ReadonlyMap<number, number>): void;
}

/** The most hours kept: several years of a commander's days, a few tens of kilobytes. */
const MOST_HOURS = 4096;

/** Which database the offsets came from: Node's ICU and the version of its time-zone data. */
function database(): string {
  return `icu ${process.versions.icu ?? 'none'} tz ${process.versions.tz ?? 'unknown'}`;
}

export function keptLondonOffsets(file: string): KeptLondonOffsets {
  return {
    read() {
      const offsets = readSignedText(file, 'offsets', THIS_BUILD, 'london-offsets', database());
      try {
        const entries = offsets === undefined ? [] : (JSON.parse(offsets) as unknown);
        if (!Array.isArray(entries)) return [];
        // Numbers in pairs; which of them are offsets London could have, rememberLondonOffsets decides.
        return entries.filter((entry): entry is [number, number] => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === 'number' && typeof entry[1] === 'number');
      } catch {
        return []; // unreadable: the database is asked
      }
    },
    write(known, lookedUp) {
      const knownHours = new Set(known.map(([hour]) => hour));
      const fresh = [...lookedUp].filter(([hour]) => !knownHours.has(hour));
      if (fresh.length === 0) return;
      writeSignedText(file, 'offsets', JSON.stringify([...known, ...fresh].slice(-MOST_HOURS)), THIS_BUILD, 'london-offsets', database());
    },
  };
}
