import { randomBytes } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { invalidInput } from '../errors.ts';
import { storageError } from '../store/storageError.ts';

/**
 * Writes a report or draft the user asked for with `--out`. Never inside the state folder (an output must not be
 * able to replace a record, a lock or a cache), never over an existing file unless `force`, never through a
 * symbolic link; whole or not at all (a temporary file beside it, then a rename).
 */
export function writeOutput(path: string, content: string | Uint8Array, options: { stateDir: string; force: boolean }): string {
  const target = resolve(path);
  const folder = dirname(target);
  let realFolder: string;
  try {
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    realFolder = realpathSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw invalidInput('--out', 'no-folder', `--out ${path}: the folder ${folder} does not exist.`);
    throw storageError(error, folder, 'write into') as Error;
  }
  const stateDir = safeRealpath(resolve(options.stateDir));
  const within = relative(stateDir, join(realFolder, basename(target)));
  if (within === '' || (!within.startsWith('..') && !within.startsWith('/'))) {
    throw invalidInput('--out', 'inside-state-folder', `--out ${path} is inside the state folder ${options.stateDir}; write reports somewhere else, so that no report can replace a record.`);
  }
  let existing: ReturnType<typeof lstatSync> | undefined;
  try {
    existing = lstatSync(target);
  } catch {
    existing = undefined;
  }
  if (existing?.isSymbolicLink()) throw invalidInput('--out', 'symbolic-link', `--out ${path} is a symbolic link; irp does not write through links. Give the real path.`);
  if (existing?.isDirectory()) throw invalidInput('--out', 'a-folder', `--out ${path} is a folder; give a file name.`);
  if (existing && !options.force) throw invalidInput('--out', 'exists', `--out ${path} already exists; pass --force to replace it.`);
  const temp = join(realFolder, `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
    try {
      const bytes = Buffer.from(content);
      if (writeSync(fd, bytes) !== bytes.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // never created
    }
    throw storageError(error, target, 'write') as Error;
  }
  return target;
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
