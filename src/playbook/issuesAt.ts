import type { z } from 'zod';

/** zod issues as `prefix path: message` lines. */
export function issuesAt(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
      .join('');
    const where = [prefix, path].filter(Boolean).join(prefix && path && !path.startsWith('[') ? '.' : '');
    return `${where || '(top level)'}: ${issue.message}`;
  });
}
