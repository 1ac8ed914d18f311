import type { z } from 'zod';
import type { PlaybookFinding } from '../problems/problem.ts';

export type { PlaybookFinding } from '../problems/problem.ts';

/** A finding, made where the check is: where, the rule, what is wrong. */
export const finding = (path: string, rule: string, message: string, fix?: string): PlaybookFinding => (fix === undefined ? { path, rule, message } : { path, rule, message, fix });

/** zod's issues with a part of a playbook, each at its path under `prefix` (`states.a meta.checklist[0].id`). */
export function schemaFindings(prefix: string, error: z.ZodError): PlaybookFinding[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
    const where = [prefix, path].filter(Boolean).join(prefix && path && !path.startsWith('[') ? '.' : '');
    return finding(where || '(top level)', 'schema', issue.message);
  });
}
