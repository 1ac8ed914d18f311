import { readFileSync } from 'node:fs';
import { cacheMac, cacheMacMatches, THIS_BUILD } from './cacheKey.ts';
import { writeCacheFile } from './writeCacheFile.ts';

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
      try {
        const text = readFileSync(file, 'utf8');
        const match = /^\{"mac":"([0-9a-f]+)","offsets":/.exec(text);
        if (!match || !text.endsWith('}')) return [];
        const offsets = text.slice(match[0].length, -1);
        if (!cacheMacMatches(match[1], THIS_BUILD, 'london-offsets', database(), offsets)) return [];
        const entries = JSON.parse(offsets) as unknown;
        if (!Array.isArray(entries)) return [];
        return entries.filter((entry): entry is [number, number] => Array.isArray(entry) && entry.length === 2 && Number.isSafeInteger(entry[0]) && Number.isInteger(entry[1]));
      } catch {
        return []; // missing or unreadable: the database is asked
      }
    },
    write(known, lookedUp) {
      const knownHours = new Set(known.map(([hour]) => hour));
      const fresh = [...lookedUp].filter(([hour]) => !knownHours.has(hour));
      if (fresh.length === 0) return;
      const text = JSON.stringify([...known, ...fresh].slice(-MOST_HOURS));
      const mac = cacheMac(THIS_BUILD, 'london-offsets', database(), text);
      if (mac !== undefined) writeCacheFile(file, `{"mac":"${mac}","offsets":${text}}`);
    },
  };
}
