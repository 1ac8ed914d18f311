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
 * zod's default messages for a decision's data in the words of the person who gave it ("missing; give it as text",
 * never "Invalid input: expected string, received undefined"). Given to `safeParse` as its error map, it words only
 * what the playbook did not word itself: a schema's own message ("name the customer told") takes precedence.
 */
export function plainIssueWords(raw: unknown): string | undefined {
  const issue = raw as ZodIssueFields;
  switch (issue.code) {
    case 'invalid_type': {
      const what = issue.expected === 'number' || issue.expected === 'int' ? 'a number, in digits' : issue.expected === 'string' ? 'text' : issue.expected === 'boolean' ? 'true or false' : issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
      return issue.input === undefined ? `missing; give it as ${what}` : `give ${what}`;
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

/** Each refusal of a decision's data as a line: `"CSOC reference" (csocReference): missing; give it as text`. */
export function payloadIssues(error: z.ZodError, label: (field: string) => string): string[] {
  return error.issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    return `${field ? `"${label(field)}" (${issue.path.map(String).join('.')})` : 'The data'}: ${issue.message}`;
  });
}
