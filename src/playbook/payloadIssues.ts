import type { z } from 'zod';

/** What zod says of one value it refused, as far as irp words it for people. */
export interface ZodIssueFields {
  code: string;
  expected?: string;
  input?: unknown;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  values?: readonly unknown[];
}

/**
 * zod's default messages for a decision's data, in the words of the person who gave it: `"CSOC reference"
 * (csocReference): missing; give it as text`, never "Invalid input: expected string, received undefined". A
 * playbook's own messages are kept as written. `label` names a field for people.
 */
export function payloadIssues(error: z.ZodError, given: Record<string, unknown>, label: (field: string) => string): string[] {
  return error.issues.map((raw) => {
    const issue = raw as unknown as ZodIssueFields & { message: string; path: PropertyKey[] };
    const field = String(issue.path[0] ?? '');
    const name = field ? `"${label(field)}" (${issue.path.map(String).join('.')})` : 'The data';
    // A playbook's own message ("tell the customer the restore point") is kept; zod's defaults are reworded.
    const zodDefault = /^(Invalid|Too (small|big))/.test(issue.message);
    return `${name}: ${(zodDefault ? plainWords(issue, field !== '' && !(field in given)) : undefined) ?? issue.message}`;
  });
}

function plainWords(issue: ZodIssueFields & { message: string }, missing: boolean): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const what = issue.expected === 'number' || issue.expected === 'int' ? 'a number, in digits' : issue.expected === 'string' ? 'text' : issue.expected === 'boolean' ? 'true or false' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
      return missing ? `missing; give it as ${what}` : `give ${what}`;
    }
    case 'invalid_value':
      return `give one of ${(issue.values ?? []).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'number') return `give a number of at least ${issue.minimum}`;
      if (issue.origin === 'array') return `give at least ${issue.minimum}`;
      return 'this cannot be left empty';
    case 'too_big':
      if (issue.origin === 'number') return `give a number of at most ${issue.maximum}`;
      return issue.origin === 'array' ? `give at most ${issue.maximum}` : `give at most ${issue.maximum} characters`;
    default:
      return undefined;
  }
}
