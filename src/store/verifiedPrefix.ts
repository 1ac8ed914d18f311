import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

interface Entry {
  bytes: number;
  sha256: string;
  count: number;
}

/**
 * Remembers that the first N bytes (M events) of a record were fully validated and chain-checked, and under which
 * SHA-256. On the next read, if those bytes still hash the same, the M events need only parsing: one native hash
 * over the prefix replaces M schema checks and M canonical-JSON hashes. Any change to those bytes, however
 * small, makes the whole record be checked again. The file is a cache: deleting it loses nothing.
 */
export class VerifiedPrefix {
  constructor(readonly file: string) {}

  trustedCount(record: Buffer): number {
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(this.file, 'utf8')) as Entry;
    } catch {
      return 0;
    }
    if (!Number.isInteger(entry.bytes) || entry.bytes > record.length || !Number.isInteger(entry.count)) return 0;
    return sha256(record.subarray(0, entry.bytes)) === entry.sha256 ? entry.count : 0;
  }

  /** Records that `record`, up to its last complete line, holds `count` verified events. */
  remember(record: Buffer, count: number): void {
    const bytes = record.lastIndexOf(0x0a) + 1;
    const entry: Entry = { bytes, sha256: sha256(record.subarray(0, bytes)), count };
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(`${this.file}.tmp`, JSON.stringify(entry));
      renameSync(`${this.file}.tmp`, this.file);
    } catch {
      // A cache that cannot be written only makes the next read slower.
    }
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
