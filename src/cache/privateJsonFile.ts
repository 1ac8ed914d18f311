import { readFileSync } from 'node:fs';
import type { Adapter } from 'lowdb';
import { writeCacheFile } from './writeCacheFile.ts';

/**
 * A lowdb adapter for a small private JSON file: written whole (a temporary file, then a rename), 0600, never
 * through a symbolic link. lowdb's own JSONFile follows the umask, which can leave the file world-writable.
 */
export class PrivateJsonFile<T> implements Adapter<T> {
  constructor(readonly path: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(readFileSync(this.path, 'utf8')) as T;
    } catch {
      return null;
    }
  }

  async write(data: T): Promise<void> {
    if (!writeCacheFile(this.path, `${JSON.stringify(data, null, 2)}\n`)) throw new Error(`cannot write ${this.path}`);
  }
}

