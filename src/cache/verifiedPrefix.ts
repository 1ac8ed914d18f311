import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cacheMac, cacheMacMatches, THIS_BUILD } from './cacheKey.ts';
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
    const entry = this.claim(record.length);
    if (!entry) return 0;
    return sha256(record.subarray(0, entry.bytes)) === entry.sha256 ? entry.count : 0;
  }

  /**
   * What the entry claims, if it is one this user's irp wrote and it fits a record of `size` bytes: the first
   * `bytes` bytes, whose SHA-256 is `sha256`, hold `count` verified events. The caller checks the hash.
   */
  claim(size: number): { bytes: number; sha256: string; count: number } | undefined {
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(this.file, 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    if (!Number.isInteger(entry.bytes) || entry.bytes > size || !Number.isInteger(entry.count)) return undefined;
    if (!cacheMacMatches(entry.mac, THIS_BUILD, this.record, String(entry.bytes), String(entry.sha256), String(entry.count))) return undefined;
    return entry;
  }

  /** Records that `record`, up to its last complete line, holds `count` verified events. */
  remember(record: Buffer, count: number): void {
    const bytes = record.lastIndexOf(0x0a) + 1;
    this.rememberHashed(bytes, sha256(record.subarray(0, bytes)), count);
  }

  /** Records that the first `bytes` bytes of the record, whose SHA-256 is `hash`, hold `count` verified events. */
  rememberHashed(bytes: number, hash: string, count: number): void {
    const mac = cacheMac(THIS_BUILD, this.record, String(bytes), hash, String(count));
    if (mac === undefined) return;
    writeCacheFile(this.file, JSON.stringify({ bytes, sha256: hash, count, mac } satisfies Entry));
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
