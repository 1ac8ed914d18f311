import { closeSync, constants, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/**
 * Writes a cache file whole or not at all: a private temporary file (never through a symbolic link), then a
 * rename over the old one, so that a reader never sees half a file and several processes may write at once.
 * Returns whether it was written; a cache that cannot be written (a full disk, `.cache` made a plain file) only
 * makes the next run slower.
 */
export function writeCacheFile(file: string, content: string | Buffer): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content) : content;
      if (writeSync(fd, bytes) !== bytes.length) throw new Error('short write');
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    return false;
  }
}
