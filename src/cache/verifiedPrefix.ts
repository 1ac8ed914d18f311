import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cacheMac, cacheMacMatches } from './cacheKey.ts';
import { writeCacheFile } from './writeCacheFile.ts';

interface Entry {
  bytes: number;
  sha256: string;
  count: number;
  /** HMAC over the record's path and the three figures, with the user's cache key (see `cacheKey.ts`). */
  mac: string;
}

/**
 * Remembers that the first N bytes (M events) of a record were fully validated and chain-checked, and under which
 * SHA-256. On the next read, if those bytes still hash the same, the M events need only parsing: one native hash
 * over the prefix replaces M schema checks and M canonical-JSON hashes. Any change to those bytes, however
 * small, makes the whole record be checked again. The entry carries an HMAC made with a key kept outside the
 * state folder, so an entry written by hand (say, over a prefix whose note was edited) is ignored. The file is a
 * cache: deleting it loses nothing.
 */
export class VerifiedPrefix {
  constructor(
    readonly file: string,
    /** The record the entry is about: an entry copied from another record does not match. */
    readonly record: string,
  ) {}

  trustedCount(record: Buffer): number {
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(this.file, 'utf8')) as Entry;
    } catch {
      return 0;
    }
    if (!Number.isInteger(entry.bytes) || entry.bytes > record.length || !Number.isInteger(entry.count)) return 0;
    if (!cacheMacMatches(entry.mac, this.record, String(entry.bytes), String(entry.sha256), String(entry.count))) return 0;
    return sha256(record.subarray(0, entry.bytes)) === entry.sha256 ? entry.count : 0;
  }

  /** Records that `record`, up to its last complete line, holds `count` verified events. */
  remember(record: Buffer, count: number): void {
    const bytes = record.lastIndexOf(0x0a) + 1;
    const hash = sha256(record.subarray(0, bytes));
    const mac = cacheMac(this.record, String(bytes), hash, String(count));
    if (mac === undefined) return;
    writeCacheFile(this.file, JSON.stringify({ bytes, sha256: hash, count, mac } satisfies Entry));
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
