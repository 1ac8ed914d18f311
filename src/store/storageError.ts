import { UserError } from '../errors.ts';
import { STORAGE_MEANING } from '../problems/problemText.ts';

/** A file could not be read or written for a reason outside irp: the user can act on it. */
export class StorageError extends UserError {
  override readonly name: string = 'StorageError';
  constructor(problem: { code: 'storage'; path: string; action: string; errno: string }) {
    super(problem);
  }
}

/**
 * Turns a failed file operation into a sentence naming the file and the cause, when the cause is one a user can
 * do something about; anything else is passed on unchanged (a bug, reported as such).
 */
export function storageError(error: unknown, path: string, action: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof UserError || code === undefined || !(code in STORAGE_MEANING)) return error;
  return new StorageError({ code: 'storage', path, action, errno: code });
}
