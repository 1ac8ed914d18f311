import { linkSync, watch, closeSync, constants, fdatasyncSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { DamagedRecordError, IncidentExistsError } from '../errors.ts';
import { sealSchema, type Seal } from '../record/seal.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { RecordFile, type RecordMark } from './recordFile.ts';
import type { IncidentStore, SetAsideCopy } from './incidentStore.ts';
import { parseEventLines } from './recordLines.ts';
import { findChainProblem } from '../record/hashChain.ts';
import { storageError } from './storageError.ts';
import { VerifiedPrefix } from '../cache/verifiedPrefix.ts';
import { checkIncidentId, isIncidentId } from './incidentId.ts';
import { withFileLock } from './fileLock.ts';

const SUFFIX = '.jsonl';

/** The embedded store: one append-only JSON Lines file per incident in `<stateDir>/incidents/` (see RecordFile). */
export class FileIncidentStore implements IncidentStore {
  readonly #dir: string;
  /** Where each record ended when this handle last read or wrote it, so that `readAfter` reads only what is new. */
  readonly #marks = new Map<string, RecordMark>();

  constructor(readonly stateDir: string) {
    this.#dir = join(stateDir, 'incidents');
  }

  /** Where the records are, for people: the state folder. */
  get where(): string {
    return this.stateDir;
  }

  describe(incident: string): string {
    return join(this.#dir, `${incident}${SUFFIX}`);
  }

  /**
   * Sets the record aside whole, under its lock, as the first free `<file>.diverged-<n>`: its bytes are kept as they
   * are, never rewritten, and no writer can append while it moves. Returns where it went.
   */
  async setAside(incident: string): Promise<string> {
    checkIncidentId(incident);
    const file = this.describe(incident);
    return withFileLock(`${file}.lock`, () => {
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
        this.#marks.delete(incident);
        return aside;
      }
    });
  }

  async setAsideCopies(incident?: string): Promise<SetAsideCopy[]> {
    if (incident !== undefined) checkIncidentId(incident);
    let names: string[];
    try {
      names = readdirSync(this.#dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw storageError(error, this.#dir, 'read the folder');
    }
    const copies: Array<SetAsideCopy & { n: number }> = [];
    for (const name of names) {
      const match = /^(.+)\.jsonl\.diverged-(\d+)$/.exec(name);
      if (!match || !isIncidentId(match[1] as string) || (incident !== undefined && match[1] !== incident)) continue;
      copies.push({ incident: match[1] as string, file: join(this.#dir, name), n: Number(match[2]) });
    }
    return copies.sort((a, b) => a.incident.localeCompare(b.incident) || a.n - b.n).map(({ incident: id, file }) => ({ incident: id, file }));
  }

  async readSetAside(copy: SetAsideCopy): Promise<RecordedEvent[]> {
    let bytes: Buffer;
    try {
      bytes = readFileSync(copy.file);
    } catch (error) {
      throw storageError(error, copy.file, 'read the set-aside copy');
    }
    const { events } = parseEventLines(copy.file, bytes);
    const problem = findChainProblem(events);
    if (problem) throw new DamagedRecordError({ code: 'damaged-record', where: copy.file, line: problem.index + 1, seq: problem.seq, reason: problem.reason });
    return events;
  }

  /** The incidents folder watched (inotify on Linux): a record's file written is an incident changed. */
  async watch(onChange: (incident: string) => void): Promise<() => Promise<void>> {
    this.#ensureDir();
    const watcher = watch(this.#dir, { persistent: false }, (_event, name) => {
      const file = typeof name === 'string' ? name : '';
      if (file.endsWith(SUFFIX) && isIncidentId(file.slice(0, -SUFFIX.length))) onChange(file.slice(0, -SUFFIX.length));
      const aside = /^(.+)\.jsonl\.diverged-\d+$/.exec(file);
      if (aside && isIncidentId(aside[1] as string)) onChange(aside[1] as string);
    });
    watcher.on('error', () => undefined);
    return async () => watcher.close();
  }

  async list(): Promise<string[]> {
    try {
      return readdirSync(this.#dir)
        .filter((name) => name.endsWith(SUFFIX))
        .map((name) => name.slice(0, -SUFFIX.length))
        .filter(isIncidentId);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw storageError(error, this.#dir, 'read the folder');
    }
  }

  async read(incident: string, options: { full?: boolean } = {}): Promise<RecordedEvent[] | undefined> {
    const read = this.#file(incident).read(options);
    if (read?.mark) this.#marks.set(incident, read.mark);
    return read?.events;
  }

  async *scan(incident: string, options: { full?: boolean } = {}): AsyncGenerator<RecordedEvent> {
    yield* this.#file(incident).scan(options);
  }

  /** The SHA-256 of the record file's bytes: any change to any byte changes it. */
  async fingerprint(incident: string): Promise<string | undefined> {
    checkIncidentId(incident);
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.describe(incident));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw storageError(error, this.describe(incident), 'read');
    }
    return createHash('sha256').update(bytes).digest('hex');
  }

  async changeMark(incident: string): Promise<string | undefined> {
    checkIncidentId(incident);
    try {
      const stat = statSync(this.describe(incident), { bigint: true });
      return `${stat.ino}:${stat.size}:${stat.mtimeNs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw storageError(error, this.describe(incident), 'read');
    }
  }

  async readAfter(incident: string, after: Pick<RecordedEvent, 'seq' | 'hash'>): Promise<RecordedEvent[] | undefined> {
    checkIncidentId(incident);
    const mark = this.#marks.get(incident);
    if (!mark || mark.seq !== after.seq || mark.hash !== after.hash) return undefined;
    const read = new RecordFile(this.describe(incident)).readAfter(mark);
    if (!read) {
      this.#marks.delete(incident);
      return undefined;
    }
    this.#marks.set(incident, read.mark);
    return read.events;
  }

  /**
   * Creates the record (0600) and its lock file beside it, in a folder created 0700 whatever the umask. If the
   * record cannot be written whole, neither file is left behind.
   */
  async create(incident: string, events: readonly RecordedEvent[]): Promise<void> {
    checkIncidentId(incident);
    this.#ensureDir();
    const path = this.describe(incident);
    let mark: RecordMark | undefined;
    try {
      mark = new RecordFile(path).create(events);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new IncidentExistsError({ code: 'incident-exists', incident, where: this.#dir });
      throw storageError(error, path, 'create');
    }
    try {
      closeSync(openSync(`${path}.lock`, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW, 0o600));
      syncDirectory(this.#dir);
    } catch (error) {
      for (const file of [path, `${path}.lock`]) {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      }
      throw storageError(error, path, 'create');
    }
    if (mark) this.#marks.set(incident, mark);
  }

  async append(incident: string, after: RecordedEvent, events: readonly RecordedEvent[]): Promise<void> {
    checkIncidentId(incident);
    // Only the tail matters for an append: the file is checked, under the lock, to still end with `after`.
    const mark = new RecordFile(this.describe(incident)).append(after, events);
    // What this handle knew still holds only if it knew the record up to `after`; otherwise the next read is whole.
    const known = this.#marks.get(incident);
    if (mark && known?.seq === after.seq && known.hash === after.hash) this.#marks.set(incident, mark);
    else this.#marks.delete(incident);
  }

  async tail(incident: string): Promise<{ tornBytes: number; setAside: string[] }> {
    checkIncidentId(incident);
    return new RecordFile(this.describe(incident)).tail();
  }

  /** Seals live in `<id>.seals`, one JSON line each, appended and flushed like the record. */
  async readSeals(incident: string): Promise<Seal[]> {
    checkIncidentId(incident);
    const file = this.#sealFile(incident);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw storageError(error, file, 'read');
    }
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, index) => {
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          json = undefined;
        }
        const parsed = sealSchema.safeParse(json);
        if (!parsed.success) throw new DamagedRecordError({ code: 'damaged-record', where: file, line: index + 1, reason: 'not a seal irp wrote; the seals were edited by hand' });
        return parsed.data;
      });
  }

  async addSeal(incident: string, seal: Seal): Promise<void> {
    checkIncidentId(incident);
    const file = this.#sealFile(incident);
    let fd: number | undefined;
    try {
      fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
      const end = fstatSync(fd).size;
      const bytes = Buffer.from(`${JSON.stringify(seal)}\n`);
      try {
        if (writeSync(fd, bytes) !== bytes.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
        fdatasyncSync(fd);
      } catch (error) {
        ftruncateSync(fd, end); // no half seal is left to be read
        throw error;
      }
    } catch (error) {
      throw storageError(error, file, 'write the seal to');
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  #sealFile(incident: string): string {
    return join(this.#dir, `${incident}.seals`);
  }

  #file(incident: string): RecordFile {
    checkIncidentId(incident);
    return new RecordFile(this.describe(incident), new VerifiedPrefix(join(this.stateDir, '.cache', 'verified', `${incident}.json`), this.describe(incident)));
  }

  #ensureDir(): void {
    try {
      // The state folder and its incidents folder hold incident data: readable by their owner only.
      mkdirSync(this.stateDir, { recursive: true, mode: 0o700 });
      mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw storageError(error, this.#dir, 'create the folder');
    }
  }
}

/** Makes a new file's directory entry durable. */
function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
