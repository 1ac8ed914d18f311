import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FoldCheckpoint } from '../engine/foldCheckpoint.ts';

/** Where derived-state checkpoints are kept between runs. Losing them costs only time. */
export interface CheckpointCache {
  /** How many events may be recorded past the last checkpoint before a new one is kept. */
  readonly interval: number;
  get(incident: string): FoldCheckpoint | undefined;
  set(incident: string, checkpoint: FoldCheckpoint): void;
}

/** Checkpoints as JSON files in a cache folder (`<state>/.cache/derived/`). */
export class FileCheckpointCache implements CheckpointCache {
  /** Writing a checkpoint costs a file; one every 50 events keeps a replay short without writing on every command. */
  readonly interval = 50;

  constructor(readonly dir: string) {}

  get(incident: string): FoldCheckpoint | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, `${incident}.json`), 'utf8')) as FoldCheckpoint;
    } catch {
      return undefined;
    }
  }

  set(incident: string, checkpoint: FoldCheckpoint): void {
    const file = join(this.dir, `${incident}.json`);
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(checkpoint));
      renameSync(`${file}.tmp`, file);
    } catch {
      // A cache that cannot be written only makes the next run slower.
    }
  }
}

/** Checkpoints in memory: for simulations that never touch the disk. */
export class MemoryCheckpointCache implements CheckpointCache {
  readonly interval = 1;
  readonly #checkpoints = new Map<string, FoldCheckpoint>();

  get(incident: string): FoldCheckpoint | undefined {
    return this.#checkpoints.get(incident);
  }

  set(incident: string, checkpoint: FoldCheckpoint): void {
    this.#checkpoints.set(incident, checkpoint);
  }
}
