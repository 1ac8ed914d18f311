import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FoldCheckpoint } from '../engine/foldCheckpoint.ts';

/** Where derived-state checkpoints are kept between runs. Losing them costs only time. */
export interface CheckpointCache {
  get(incident: string): FoldCheckpoint | undefined;
  set(incident: string, checkpoint: FoldCheckpoint): void;
}

/** Checkpoints as JSON files in a cache folder (`<state>/.cache/derived/`). */
export class FileCheckpointCache implements CheckpointCache {
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
