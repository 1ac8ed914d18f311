import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../errors.ts';
import { acknowledgementSchema, MAX_EXCHANGE_BYTES, noticeSchema, type Acknowledgement, type Notice } from '../record/notice.ts';

/** A signed notice or acknowledgement read from a file, told apart by its format. */
export type ExchangeFile = { kind: 'notice'; file: string; notice: Notice } | { kind: 'acknowledgement'; file: string; acknowledgement: Acknowledgement };

/**
 * Reads a notice or an acknowledgement file: at most 256 KiB of JSON of one of the two forms. Anything else is a
 * user error naming the file and what is wrong; the signature is checked by the caller, which knows whom to trust.
 */
export function readExchangeFile(file: string): ExchangeFile {
  let text: string;
  try {
    if (statSync(file).size > MAX_EXCHANGE_BYTES) {
      throw new UserError({ code: 'notice-refused', file, why: 'not-a-notice', detail: `larger than ${MAX_EXCHANGE_BYTES / 1024} KiB` });
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError({ code: 'unreadable-file', file, reason: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError({ code: 'notice-refused', file, why: 'not-a-notice', detail: 'not JSON' });
  }
  const format = typeof value === 'object' && value !== null ? (value as { format?: unknown }).format : undefined;
  if (format === 'irp-notice-v1') {
    const parsed = noticeSchema.safeParse(value);
    if (!parsed.success) throw new UserError({ code: 'notice-refused', file, why: 'not-a-notice', detail: firstIssues(parsed.error.issues) });
    return { kind: 'notice', file, notice: parsed.data };
  }
  if (format === 'irp-ack-v1') {
    const parsed = acknowledgementSchema.safeParse(value);
    if (!parsed.success) throw new UserError({ code: 'notice-refused', file, why: 'not-a-notice', detail: firstIssues(parsed.error.issues) });
    return { kind: 'acknowledgement', file, acknowledgement: parsed.data };
  }
  throw new UserError({ code: 'notice-refused', file, why: 'not-a-notice', detail: 'its "format" is neither irp-notice-v1 nor irp-ack-v1' });
}

/** The first few things wrong with it, as `notice.seq: expected number`. */
function firstIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`)
    .join('; ');
}
