import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheMac, cacheMacMatches } from './cacheKey.ts';
import { writeCacheFile } from './writeCacheFile.ts';

/** Where derived-state checkpoints are kept between runs. Losing them costs only time. */
export interface CheckpointCache<T = unknown> {
  /** How many events may be recorded past the last checkpoint before a new one is kept. */
  readonly interval: number;
  get(incident: string): T | undefined;
  set(incident: string, checkpoint: T): void;
}

/** Checkpoints as JSON files in a cache folder (`<state>/.cache/derived/`). */
export class FileCheckpointCache<T> implements CheckpointCache<T> {
  /** Writing a checkpoint costs a file; one every 50 events keeps a replay short without writing on every command. */
  readonly interval = 50;

  constructor(readonly dir: string) {}

  /** A checkpoint whose HMAC (made with the user's cache key, over the incident id and its text) matches. */
  get(incident: string): T | undefined {
    try {
      const { checkpoint, mac } = JSON.parse(readFileSync(join(this.dir, `${incident}.json`), 'utf8')) as { checkpoint?: unknown; mac?: unknown };
      const text = JSON.stringify(checkpoint);
      return typeof text === 'string' && cacheMacMatches(mac, incident, text) ? (checkpoint as T) : undefined;
    } catch {
      return undefined;
    }
  }

  set(incident: string, checkpoint: T): void {
    const text = JSON.stringify(checkpoint);
    const mac = cacheMac(incident, text);
    if (mac !== undefined) writeCacheFile(join(this.dir, `${incident}.json`), `{"checkpoint":${text},"mac":"${mac}"}`);
  }
}

/** Checkpoints in memory: for simulations that never touch the disk. */
export class MemoryCheckpointCache<T> implements CheckpointCache<T> {
  readonly interval = 1;
  readonly #checkpoints = new Map<string, T>();

  get(incident: string): T | undefined {
    return this.#checkpoints.get(incident);
  }

  set(incident: string, checkpoint: T): void {
    this.#checkpoints.set(incident, checkpoint);
  }
}
