import { UserError } from '../errors.ts';

/** What a failing file operation means to a person, by error code. */
const MEANING: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file would be larger than this process may write (ulimit -f)',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ELOOP: 'it is a symbolic link, and irp does not follow links when writing',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on this system',
  ENAMETOOLONG: 'the path is too long',
  EEXIST: 'a file of that name already exists',
  ENOENT: 'there is no such file or folder',
};

/** A file could not be read or written for a reason outside irp: the user can act on it. */
export class StorageError extends UserError {
  override readonly name: string = 'StorageError';
  constructor(
    message: string,
    readonly code: string,
    readonly path: string,
  ) {
    super(message);
  }
}

/**
 * Turns a failed file operation into a sentence naming the file and the cause, when the cause is one a user can
 * do something about; anything else is passed on unchanged (a bug, reported as such).
 */
export function storageError(error: unknown, path: string, action: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof UserError || code === undefined || !(code in MEANING)) return error;
  return new StorageError(`Cannot ${action} ${path}: ${MEANING[code]} (${code}). Nothing was recorded.`, code, path);
}
