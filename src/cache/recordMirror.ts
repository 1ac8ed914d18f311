import { createHash, type Hash } from 'node:crypto';
import { closeSync, constants, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { VerifiedPrefix } from './verifiedPrefix.ts';
import { writeCacheFile } from './writeCacheFile.ts';

/** A copy of a shared record's lines known to be good: its bytes, how many events, and the hash so far. */
export interface MirroredLines {
  bytes: Buffer;
  count: number;
  /** The SHA-256 of `bytes`, to be continued over what is added (never digested here). */
  hash: Hash;
}

/**
 * This machine's copy of a shared store's record, kept as the file store keeps one (the same lines, the same
 * verified-prefix entry with its HMAC): a later read fetches only the rows after it from the database, after
 * checking that the database's row at its end still carries the same hash. A cache: deleting it loses nothing, and
 * anything wrong with it (a byte changed, the entry missing or forged) makes the whole record be read again.
 */
export class RecordMirror {
  readonly #prefix: VerifiedPrefix;

  constructor(
    readonly file: string,
    /** The record mirrored (the store's URL without its password, and the incident). */
    readonly record: string,
  ) {
    this.#prefix = new VerifiedPrefix(`${file}.verified.json`, record);
  }

  /** The mirrored lines whose bytes still hash as they did when they were verified; none if there are none. */
  trusted(): MirroredLines | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.file);
    } catch {
      return undefined;
    }
    const claim = this.#prefix.claim(bytes.length);
    if (!claim || claim.count === 0) return undefined;
    const prefix = bytes.subarray(0, claim.bytes);
    const hash = createHash('sha256').update(prefix);
    if (hash.copy().digest('hex') !== claim.sha256) return undefined;
    return { bytes: prefix, count: claim.count, hash };
  }

  /** Adds lines verified since to the trusted lines, and remembers the whole as verified. */
  extend(known: MirroredLines, added: Buffer, count: number): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
      const fd = openSync(this.file, constants.O_WRONLY | constants.O_NOFOLLOW);
      try {
        ftruncateSync(fd, known.bytes.length); // whatever followed the trusted lines (a write cut off) goes
        if (writeSync(fd, added, 0, added.length, known.bytes.length) !== added.length) return;
      } finally {
        closeSync(fd);
      }
      this.#prefix.rememberHashed(known.bytes.length + added.length, known.hash.update(added).digest('hex'), count);
    } catch {
      // A cache that cannot be written only makes the next read slower.
    }
  }

  /** Starts the mirror again from a whole record read and verified. */
  replace(bytes: Buffer, count: number): void {
    if (writeCacheFile(this.file, bytes)) this.#prefix.remember(bytes, count);
  }
}
