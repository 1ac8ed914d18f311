import { closeSync, constants, fdatasyncSync, fstatSync, ftruncateSync, openSync, readdirSync, readFileSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createHash } from 'node:crypto';
import { ConcurrencyError, DamagedRecordError } from '../errors.ts';
import { CHAIN_START, chainProblemOf, findChainProblem, lineHashMatches, serialiseEvent } from '../record/hashChain.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { withFileLock } from './fileLock.ts';
import { storageError } from './storageError.ts';
import type { VerifiedPrefix } from '../cache/verifiedPrefix.ts';
import { chunksOf, hashOfRange } from './fileChunks.ts';
import { parseEventLine, parseEventLines, shareRepeated } from './recordLines.ts';
import { lazyRecord, lineStartsOf } from './lazyRecord.ts';

/**
 * Where a record ended when this process last read or wrote it: its last event, where that event's line starts,
 * and where the record's complete lines end. A reader that keeps it can read just what was appended since.
 */
export interface RecordMark {
  seq: number;
  hash: string;
  lineStart: number;
  end: number;
}

/**
 * One incident's record as a JSON Lines file that is only ever appended to, with a plain interface: `read`,
 * `create` and `append(expectedLast, events)`.
 * - An append holds the incident's lock and first checks that the file still ends with the event the caller based
 *   its events on, so two processes never interleave or fork the record (the loser gets a
 *   {@link ConcurrencyError} and can retry); it costs the same at 100 events as at 10,000.
 * - An append is fdatasync'd before it returns, so an acknowledged event survives a crash.
 * - irp never writes to a file it cannot read back exactly ({@link DamagedRecordError}).
 *
 * A final line without its newline is a write that was cut off before it was acknowledged: readers ignore it, and
 * the next writer moves those bytes to `<file>.torn-<offset>` (kept for inspection) before appending.
 */
export class RecordFile {
  constructor(
    readonly path: string,
    /** Where to remember how much of the file was verified already; without it every read checks everything. */
    readonly verifiedPrefix?: VerifiedPrefix,
  ) {}

  /**
   * Reads, validates and chain-checks the whole record. A record that was verified before and has only grown
   * since (its earlier bytes hash the same) has only its new lines validated in full: see {@link VerifiedPrefix}.
   */
  read(options: { full?: boolean } = {}): { events: RecordedEvent[]; mark: RecordMark | undefined } | undefined {
    const known = options.full ? undefined : this.#readVerifiedBefore();
    if (known) return known;
    // Every line read and checked, a chunk at a time: the file's bytes are never all held at once.
    const at: ScanPosition = { found: false, lastLineStart: 0, end: 0 };
    const events = [...this.#scan({ full: true }, at)];
    if (!at.found) return undefined;
    const last = events.at(-1);
    return { events, mark: last ? { seq: last.seq, hash: last.hash, lineStart: at.lastLineStart, end: at.end } : undefined };
  }

  /**
   * The record, if a prefix of it was verified before and its bytes still hash the same: the lines after the
   * prefix are parsed and checked now, the prefix only where someone looks at it (see `lazyRecord.ts`).
   * `undefined` when there is nothing verified to build on.
   */
  #readVerifiedBefore(): { events: RecordedEvent[]; mark: RecordMark | undefined } | undefined {
    if (!this.verifiedPrefix) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw storageError(error, this.path, 'read');
    }
    const trusted = this.verifiedPrefix.trustedCount(bytes);
    if (trusted === 0) return undefined;
    const starts = lineStartsOf(bytes);
    const lines = starts.length - 1;
    const completeEnd = starts[lines] as number;
    const fresh = parseEventLines(this.path, bytes.subarray(starts[Math.min(trusted, lines)], completeEnd), trusted);
    const before = JSON.parse(bytes.toString('utf8', starts[trusted - 1], (starts[trusted] as number) - 1)) as RecordedEvent;
    // Content hashes: a line whose own bytes hash to its hash is known good (checked while parsing); any other line
    // is hashed again the slow way, to name the problem. The trusted prefix is known good as a whole.
    const problem = findChainProblem(fresh.events, (index) => fresh.hashedAsWritten[index] === true, before);
    if (problem) {
      const line = trusted + problem.index + 1;
      throw new DamagedRecordError({ code: 'damaged-record', where: this.path, line, seq: problem.seq, reason: problem.reason });
    }
    const events = lazyRecord(bytes, starts, trusted, fresh.events);
    if (lines > trusted) this.verifiedPrefix.remember(bytes, lines);
    return { events, mark: markOf(bytes, events.at(-1)) };
  }

  /**
   * The events appended after `mark`, or `undefined` when the file no longer holds the marked line where it was (cut
   * short, or the marked line changed): the caller then reads the whole record, which names the damage. Only the
   * bytes from the marked line on are read, so catching up costs what was appended, not what came before; the
   * record's earlier bytes were checked when the mark was made, and any later change to them is found by every
   * whole read and by `irp verify`.
   */
  readAfter(mark: RecordMark): { events: RecordedEvent[]; mark: RecordMark } | undefined {
    let fd: number;
    try {
      fd = openSync(this.path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw storageError(error, this.path, 'read');
    }
    let bytes: Buffer;
    try {
      const size = fstatSync(fd).size;
      if (size < mark.end) return undefined;
      bytes = Buffer.alloc(size - mark.lineStart);
      let read = 0;
      while (read < bytes.length) {
        const n = readSync(fd, bytes, read, bytes.length - read, mark.lineStart + read);
        if (n <= 0) break;
        read += n;
      }
      bytes = bytes.subarray(0, read);
    } catch (error) {
      throw storageError(error, this.path, 'read');
    } finally {
      closeSync(fd);
    }
    const marked = mark.end - mark.lineStart;
    if (bytes.length < marked || bytes[marked - 1] !== 0x0a) return undefined;
    const markedLine = bytes.subarray(0, marked - 1).toString('utf8');
    if (!lineHashMatches(markedLine, mark.hash)) return undefined;
    const tail = bytes.subarray(marked);
    const complete = tail.lastIndexOf(0x0a) + 1;
    if (complete === 0) return { events: [], mark };
    const { events, hashedAsWritten } = parseEventLines(this.path, tail.subarray(0, complete), mark.seq);
    const problem = findChainProblem(events, (index) => hashedAsWritten[index] === true, { seq: mark.seq, hash: mark.hash });
    if (problem) {
      throw new DamagedRecordError({ code: 'damaged-record', where: this.path, line: problem.index + 1 + mark.seq, seq: problem.seq, reason: problem.reason });
    }
    const last = events.at(-1) as RecordedEvent;
    const lastLineStart = mark.end + tail.lastIndexOf(0x0a, complete - 2) + 1;
    return { events, mark: { seq: last.seq, hash: last.hash, lineStart: lastLineStart, end: mark.end + complete } };
  }

  /**
   * Every event of the record, oldest first, read a chunk at a time so that memory stays bounded whatever the
   * record's length: each line checked as `read` checks it, and each link of the chain as it comes. A problem is
   * thrown where it is found, after the events before it. Without `full`, a prefix verified before and unchanged
   * since (its bytes hash the same) is only parsed: the quick form of `irp verify`.
   */
  *scan(options: { full?: boolean } = {}): Generator<RecordedEvent, void, undefined> {
    yield* this.#scan(options, { found: false, lastLineStart: 0, end: 0 });
  }

  *#scan(options: { full?: boolean }, at: ScanPosition): Generator<RecordedEvent, void, undefined> {
    let fd: number;
    try {
      fd = openSync(this.path, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw storageError(error, this.path, 'read');
    }
    at.found = true;
    try {
      const size = fstatSync(fd).size;
      const claim = options.full ? undefined : this.verifiedPrefix?.claim(size);
      // The prefix's hash state goes on over the lines after it, for the verified prefix kept at the end: the file
      // is hashed once, not once to check the prefix and again while it is read.
      const prefix = claim ? hashOfRange(fd, claim.bytes, this.path) : undefined;
      const trusted = claim && prefix?.copy().digest('hex') === claim.sha256 ? claim.count : 0;
      const whole = trusted > 0 && prefix ? prefix : createHash('sha256');
      const hashedUpTo = trusted > 0 && claim ? claim.bytes : 0;
      let previous: RecordedEvent | { seq: number; hash: string } = CHAIN_START;
      // The start of a line the last chunk cut off; how many bytes of complete lines have been read.
      let carry: Buffer | undefined;
      let complete = 0;
      const path = this.path;
      // The complete lines bytes[from, end) holds, each checked and linked to the one before, in order.
      function* lines(bytes: Buffer, from: number, end: number): Generator<RecordedEvent> {
        const offset = complete - from; // where bytes[0] is in the file
        if (complete + (end - from) > hashedUpTo) whole.update(bytes.subarray(Math.max(from, hashedUpTo - offset), end));
        complete += end - from;
        for (let start = from; start < end; ) {
          const newline = bytes.indexOf(0x0a, start);
          at.lastLineStart = offset + start;
          at.end = offset + newline + 1;
          const index = previous.seq;
          const { event, hashedAsWritten } = parseEventLine(path, bytes, start, newline, index + 1, index < trusted);
          start = newline + 1;
          const problem = chainProblemOf(event, previous, hashedAsWritten);
          if (problem) {
            throw new DamagedRecordError({ code: 'damaged-record', where: path, line: index + 1, seq: event.seq, reason: problem });
          }
          shareRepeated(event, previous);
          previous = event;
          yield event;
        }
      }
      for (const chunk of chunksOf(fd, size, this.path)) {
        let from = 0;
        if (carry) {
          // Only the line that runs across the two chunks is copied, not the chunk.
          const first = chunk.indexOf(0x0a);
          if (first < 0) {
            carry = Buffer.concat([carry, chunk]);
            continue;
          }
          const line = Buffer.concat([carry, chunk.subarray(0, first + 1)]);
          carry = undefined;
          yield* lines(line, 0, line.length);
          from = first + 1;
        }
        const end = chunk.lastIndexOf(0x0a) + 1;
        if (end > from) yield* lines(chunk, from, end);
        if (Math.max(end, from) < chunk.length) carry = chunk.subarray(Math.max(end, from));
      }
      if (previous.seq > trusted) this.verifiedPrefix?.rememberHashed(complete, whole.digest('hex'), previous.seq);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * What is at the end of the file besides complete lines: the bytes of a write cut off before it was acknowledged
   * (readers ignore them; the next writer sets them aside), and the files where earlier ones were set aside.
   */
  tail(): { tornBytes: number; setAside: string[] } {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.path);
    } catch (error) {
      throw storageError(error, this.path, 'read');
    }
    const tornBytes = bytes.length - (bytes.lastIndexOf(0x0a) + 1);
    const dir = dirname(this.path);
    const prefix = `${basename(this.path)}.torn-`;
    let setAside: string[] = [];
    try {
      setAside = readdirSync(dir).filter((name) => name.startsWith(prefix)).map((name) => join(dir, name));
    } catch {
      setAside = [];
    }
    return { tornBytes, setAside };
  }

  /**
   * Creates the file (0600, never through a symbolic link) with its first events; fails if it already exists. If
   * the events cannot all be written and flushed, the new file is removed: nothing was acknowledged.
   */
  create(events: readonly RecordedEvent[]): RecordMark | undefined {
    const fd = openSync(this.path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    const bytes = Buffer.from(serialise(events));
    try {
      writeAll(fd, bytes, 0);
      fdatasyncSync(fd);
    } catch (error) {
      closeSync(fd);
      try {
        unlinkSync(this.path);
      } catch {
        // Could not even remove it: a file with no complete line is read as an empty record and never acknowledged.
      }
      throw storageError(error, this.path, 'create');
    }
    closeSync(fd);
    return markOf(bytes, events.at(-1));
  }

  /**
   * Appends events after `expectedLast`, under the lock; refuses if the file no longer ends with it. Returns where
   * the record now ends.
   */
  append(expectedLast: RecordedEvent, events: readonly RecordedEvent[]): RecordMark | undefined {
    if (events.length === 0) return undefined;
    return withFileLock(`${this.path}.lock`, () => this.#appendLocked(events, expectedLast));
  }

  /**
   * Under the lock: set aside a torn tail, check the record still ends where the caller saw it, then write the new
   * lines at the end and flush them. An append is acknowledged only when every byte is written and flushed; if
   * anything fails (a full disk, a short write, a file-size limit, an I/O error) the file is cut back to where it
   * ended, so no part of an unacknowledged append remains to be read as recorded.
   */
  #appendLocked(added: readonly RecordedEvent[], expectedLast: RecordedEvent): RecordMark {
    let fd: number;
    try {
      fd = openSync(this.path, constants.O_RDWR | constants.O_NOFOLLOW);
    } catch (error) {
      throw storageError(error, this.path, 'write to');
    }
    try {
      const size = fstatSync(fd).size;
      const tail = readTail(fd, size);
      if (tail.tornBytes > 0) this.#setAsideTornTail(fd, size, tail.tornBytes);
      const onDisk = parseLastLine(this.path, tail.lastLine);
      if (onDisk.seq !== expectedLast.seq || onDisk.hash !== expectedLast.hash) {
        throw new ConcurrencyError({ code: 'conflict', where: this.path, seq: onDisk.seq });
      }
      const end = size - tail.tornBytes;
      const bytes = Buffer.from(serialise(added));
      try {
        writeAll(fd, bytes, end);
        fdatasyncSync(fd);
      } catch (error) {
        rollBack(fd, end);
        throw storageError(error, this.path, 'write to');
      }
      const last = added.at(-1) as RecordedEvent;
      return { seq: last.seq, hash: last.hash, lineStart: end + bytes.lastIndexOf(0x0a, bytes.length - 2) + 1, end: end + bytes.length };
    } finally {
      closeSync(fd);
    }
  }

  /** Moves the bytes of a write that was cut off to `<file>.torn-<offset>` (kept for inspection), then cuts them. */
  #setAsideTornTail(fd: number, size: number, tornBytes: number): void {
    const start = size - tornBytes;
    const torn = Buffer.alloc(tornBytes);
    readSync(fd, torn, 0, tornBytes, start);
    const file = `${this.path}.torn-${start}`;
    let out: number | undefined;
    try {
      out = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
      writeAll(out, torn, 0);
      fdatasyncSync(out);
    } catch (error) {
      if (out !== undefined) {
        closeSync(out);
        out = undefined;
        try {
          unlinkSync(file);
        } catch {
          // left as it is: the record itself is untouched
        }
      }
      // The same torn bytes set aside before (a crash between the copy and the cut) need not be copied again.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw storageError(error, file, 'set aside a cut-off write in');
    } finally {
      if (out !== undefined) closeSync(out);
    }
    ftruncateSync(fd, start);
  }
}

/** Writes every byte or throws: a short write (a full disk, a file-size limit) is an error, never a success. */
function writeAll(fd: number, bytes: Buffer, position: number): void {
  let written = 0;
  while (written < bytes.length) {
    const n = writeSync(fd, bytes, written, bytes.length - written, position + written);
    if (n <= 0) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    written += n;
  }
}

/** Cuts the file back to `end` after a failed append; if even that fails, the partial line is a torn tail. */
function rollBack(fd: number, end: number): void {
  try {
    ftruncateSync(fd, end);
    fdatasyncSync(fd);
  } catch {
    // The bytes after `end` end without a newline unless a whole line got through; see readSync's torn-tail rule.
  }
}

/** Where a scan has got to: whether the file exists, and where its last complete line starts and ends. */
interface ScanPosition {
  found: boolean;
  lastLineStart: number;
  end: number;
}

/** Where the complete lines of `bytes` end, and where the last of them starts. */
function markOf(bytes: Buffer, last: RecordedEvent | undefined): RecordMark | undefined {
  if (!last) return undefined;
  const end = bytes.lastIndexOf(0x0a) + 1;
  return { seq: last.seq, hash: last.hash, lineStart: end >= 2 ? bytes.lastIndexOf(0x0a, end - 2) + 1 : 0, end };
}

function serialise(events: readonly RecordedEvent[]): string {
  return events.map((event) => `${serialiseEvent(event)}\n`).join('');
}

/** Reads backwards from the end until the last complete line is found. */
function readTail(fd: number, size: number): { lastLine: string; tornBytes: number } {
  let chunk = 64 * 1024;
  for (;;) {
    const length = Math.min(chunk, size);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const lastNewline = buffer.lastIndexOf(0x0a);
    const tornBytes = length - 1 - lastNewline;
    const previousNewline = lastNewline > 0 ? buffer.lastIndexOf(0x0a, lastNewline - 1) : -1;
    if (previousNewline >= 0 || length === size) {
      return { lastLine: buffer.subarray(previousNewline + 1, Math.max(lastNewline, 0)).toString('utf8'), tornBytes };
    }
    chunk *= 4;
  }
}

function parseLastLine(path: string, line: string): RecordedEvent {
  const last = parseEventLines(path, Buffer.from(`${line}\n`)).events[0];
  if (!last) throw new DamagedRecordError({ code: 'damaged-record', where: path, reason: 'the last line is empty; the file was changed by hand' });
  return last;
}

