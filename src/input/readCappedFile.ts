import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { UserError } from '../errors.ts';

/** How large a file irp is asked to read (a scenario, an answers file, a register, a CACAO playbook) may be. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/**
 * A file irp is asked to read, as UTF-8 text, if it is no larger than `maxBytes`: the size is taken of the file
 * opened, so that one swapped after the look is not read either. Every problem names the file.
 */
export function readCappedFile(file: string, what: string, maxBytes = MAX_INPUT_BYTES): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw new UserError({ code: 'unreadable-file', file, what, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  try {
    if (fstatSync(fd).size > maxBytes) throw new UserError({ code: 'file-too-large', file, what, kib: maxBytes / 1024 });
    return readFileSync(fd, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError({ code: 'unreadable-file', file, what, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  } finally {
    closeSync(fd);
  }
}
