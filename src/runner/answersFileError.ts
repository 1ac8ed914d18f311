import { UserError } from '../errors.ts';

/** An entry of an answers file that irp could not take; the message names the file and the entry's line. */
export class AnswersFileError extends UserError {
  override readonly name: string = 'AnswersFileError';
}
