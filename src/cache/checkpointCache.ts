import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheMac, cacheMacMatches, THIS_BUILD } from './cacheKey.ts';
import { writeCacheFile } from './writeCacheFile.ts';

/** Where derived-state checkpoints are kept between runs. Losing them costs only time. */
export interface CheckpointCache<T = unknown> {
  /** How many events may be recorded past the last checkpoint before a new one is kept. */
  readonly interval: number;
  /** The checkpoint kept for an incident, as a copy of its own: the caller may change it. */
  get(incident: string): T | undefined;
  set(incident: string, checkpoint: T): void;
}

/** Checkpoints as JSON files in a cache folder (`<state>/.cache/derived/`). */
export class FileCheckpointCache<T> implements CheckpointCache<T> {
  /** Writing a checkpoint costs a file; one every 50 events keeps a replay short without writing on every command. */
  readonly interval = 50;

  /** `build`: which irp's checkpoints are used (see THIS_BUILD); another's are ignored. */
  constructor(
    readonly dir: string,
    readonly build: string = THIS_BUILD,
  ) {}

  /**
   * A checkpoint whose HMAC (made with the user's cache key, over this build, the incident id and its text)
   * matches. The file is `{"mac":"…","checkpoint":…}`: the MAC is checked over the checkpoint's bytes as written,
   * then the text is parsed once (a supplier's register makes a checkpoint of a megabyte; it is not written out
   * again to check it).
   */
  get(incident: string): T | undefined {
    try {
      const file = readFileSync(join(this.dir, `${incident}.json`), 'utf8');
      const match = /^\{"mac":"([0-9a-f]+)","checkpoint":/.exec(file);
      if (!match || !file.endsWith('}')) return undefined;
      const text = file.slice(match[0].length, -1);
      return cacheMacMatches(match[1], this.build, incident, text) ? (JSON.parse(text) as T) : undefined;
    } catch {
      return undefined;
    }
  }

  set(incident: string, checkpoint: T): void {
    const text = JSON.stringify(checkpoint);
    const mac = cacheMac(this.build, incident, text);
    if (mac !== undefined) writeCacheFile(join(this.dir, `${incident}.json`), `{"mac":"${mac}","checkpoint":${text}}`);
  }
}

/** Checkpoints in memory: for simulations that never touch the disk. */
export class MemoryCheckpointCache<T> implements CheckpointCache<T> {
  readonly interval = 1;
  readonly #checkpoints = new Map<string, T>();

  get(incident: string): T | undefined {
    const kept = this.#checkpoints.get(incident);
    return kept === undefined ? undefined : (JSON.parse(JSON.stringify(kept)) as T);
  }

  set(incident: string, checkpoint: T): void {
    this.#checkpoints.set(incident, checkpoint);
  }
}
