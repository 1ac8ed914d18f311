import { join } from 'node:path';
import { THIS_BUILD } from './cacheKey.ts';
import { readSignedText, writeSignedText } from './signedText.ts';

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

  /** A checkpoint whose HMAC (over this build, the incident id and its text) matches (see signedText.ts). */
  get(incident: string): T | undefined {
    const text = readSignedText(this.#file(incident), 'checkpoint', this.build, incident);
    try {
      return text === undefined ? undefined : (JSON.parse(text) as T);
    } catch {
      return undefined;
    }
  }

  set(incident: string, checkpoint: T): void {
    writeSignedText(this.#file(incident), 'checkpoint', JSON.stringify(checkpoint), this.build, incident);
  }

  #file(incident: string): string {
    return join(this.dir, `${incident}.json`);
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
