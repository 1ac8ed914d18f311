import { createHash, type Hash } from 'node:crypto';
import { readSync } from 'node:fs';
import { storageError } from './storageError.ts';

// Reading a file a chunk at a time, so that a record of any length is read in bounded memory.

const CHUNK_BYTES = 1 << 20;

/** The file's bytes up to `size`, a megabyte at a time. */
export function* chunksOf(fd: number, size: number, path: string): Generator<Buffer> {
  for (let position = 0; position < size; ) {
    // Not zeroed first: only the bytes read into it are handed out.
    const chunk = Buffer.allocUnsafeSlow(Math.min(CHUNK_BYTES, size - position));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, position);
    } catch (error) {
      throw storageError(error, path, 'read');
    }
    if (n <= 0) return;
    position += n;
    yield chunk.subarray(0, n);
  }
}

/**
 * The SHA-256 state of the file's first `bytes` bytes, read a chunk at a time: `.copy().digest()` gives their hash,
 * and the state can go on with the bytes after them.
 */
export function hashOfRange(fd: number, bytes: number, path: string): Hash {
  const hash = createHash('sha256');
  for (const chunk of chunksOf(fd, bytes, path)) hash.update(chunk);
  return hash;
}
