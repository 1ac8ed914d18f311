import * as xstate from 'xstate';
import { z } from 'zod';
import { UserError } from '../../errors.ts';
import { finding } from '../playbookFinding.ts';
import { targetProblems } from '../transitionTargets.ts';
import type { PlaybookSandbox } from './playbookSandbox.ts';

/**
 * A playbook's definition built in irp's realm from the JSON its sandbox described (see kitSource.ts): plain data as
 * it is, each zod chain replayed on irp's zod through an allow-list, the machine made by irp's xstate, and each of
 * the playbook's functions replaced by one that asks the sandbox to run it with JSON arguments. The description is
 * untrusted (the playbook can change what its sandbox says): anything not of the shapes below is refused.
 */

/** What a guard reads, for `irp lint`'s proofs: found inside the sandbox (see machineProofs.ts). */
export const PROBE_READS = Symbol('irp.probeReads');

const BUILDERS = new Set(['object', 'string', 'number', 'boolean', 'enum', 'literal', 'array', 'union', 'optional', 'nullable', 'iso', 'int', 'email', 'url', 'uuid', 'record', 'tuple', 'strictObject', 'looseObject']);
const ISO = new Set(['datetime', 'date', 'time', 'duration']);
const METHODS = new Set([
  'min', 'max', 'length', 'int', 'positive', 'nonnegative', 'negative', 'nonpositive', 'gt', 'gte', 'lt', 'lte', 'multipleOf',
  'trim', 'toLowerCase', 'toUpperCase', 'regex', 'startsWith', 'endsWith', 'includes', 'email', 'url', 'uuid', 'nonempty',
  'optional', 'nullable', 'nullish', 'default', 'meta', 'describe', 'strict', 'partial', 'required', 'extend', 'array', 'or',
]);

/** What a playbook's schemas may use of zod (docs/playbook-format.md lists them; a test holds the page to these). */
export const ZOD_ALLOWED = { builders: BUILDERS, iso: ISO, methods: METHODS } as const;

type Step = { get: string } | { call: unknown[] };

/**
 * `proven`: the description is one this code gave before and that passed every check then (see compilePlaybook.ts),
 * so its transitions' targets are not looked up again.
 */
export function reviveDefinition(description: string, sandbox: PlaybookSandbox, options: { proven?: boolean } = {}): unknown {
  const refuse = (path: string, why: string) => new UserError({ code: 'playbook-unusable', file: sandbox.file, why: { kind: 'not-a-playbook', findings: [finding(path, 'not-a-playbook', why)] } });

  const fn = (value: Record<string, unknown>, path: string) => {
    const index = value['\u0000fn'];
    const name = functionName(typeof value.name === 'string' ? value.name.slice(0, 200) : path);
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) throw refuse(path, 'not a function irp can call');
    // XState calls guards, assign's functions and delays with ({ context, event, … }, params): only the context,
    // the event and a machine's input are sent, as JSON.
    const call = (args: { context?: unknown; event?: unknown; input?: unknown } | undefined, params?: unknown) =>
      sandbox.call(index, name, { context: args?.context, event: args?.event, input: args?.input }, params);
    Object.defineProperty(call, PROBE_READS, { value: () => sandbox.probe(index, name) });
    return call;
  };

  const zod = (chain: unknown, path: string): unknown => {
    if (!Array.isArray(chain)) throw refuse(path, 'not a zod schema');
    let current: unknown = z;
    let kind: 'namespace' | 'iso' | 'schema' | 'method' = 'namespace';
    let owner: unknown;
    for (const step of chain as Step[]) {
      if (step !== null && typeof step === 'object' && 'get' in step && typeof step.get === 'string') {
        const allowed: ReadonlySet<string> | undefined = kind === 'namespace' ? BUILDERS : kind === 'iso' ? ISO : kind === 'schema' ? METHODS : undefined;
        if (!allowed?.has(step.get)) throw refuse(path, `uses zod's "${step.get}" here, which a playbook's schema may not: a decision's data is described with zod's builders and checks alone`);
        owner = current;
        current = (current as Record<string, unknown>)[step.get];
        kind = kind === 'namespace' && step.get === 'iso' ? 'iso' : 'method';
      } else if (step !== null && typeof step === 'object' && 'call' in step && Array.isArray(step.call) && kind === 'method' && typeof current === 'function') {
        const args = step.call.map((arg, i) => revive(arg, `${path}(${i})`, 'zod'));
        try {
          current = (current as (...a: unknown[]) => unknown).apply(owner, args);
        } catch (error) {
          throw refuse(path, `zod refused the schema: ${(error as Error).message}`);
        }
        kind = 'schema';
      } else {
        throw refuse(path, 'not a zod schema irp can build');
      }
    }
    if (!(current instanceof z.ZodType)) throw refuse(path, 'not a zod schema');
    return current;
  };

  const revive = (value: unknown, path: string, within: 'definition' | 'zod' = 'definition'): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item, i) => revive(item, `${path}[${i}]`, within));
    const record = value as Record<string, unknown>;
    if ('\u0000undefined' in record) return undefined;
    if ('\u0000regex' in record) {
      if (typeof record['\u0000regex'] !== 'string' || typeof record.flags !== 'string') throw refuse(path, 'not a regular expression');
      try {
        return new RegExp(record['\u0000regex'], record.flags);
      } catch {
        throw refuse(path, 'not a regular expression');
      }
    }
    if ('\u0000zod' in record) return zod(record['\u0000zod'], path);
    if (within === 'zod' && '\u0000fn' in record) throw refuse(path, 'a function in a schema: a decision\'s data is checked by zod\'s own checks, not by code');
    if ('\u0000fn' in record) return fn(record, path);
    if ('\u0000assign' in record) return xstate.assign(revive(record['\u0000assign'], path) as never);
    if ('\u0000guard' in record) {
      const op = record['\u0000guard'];
      const guards = revive(record.guards, path);
      if (!Array.isArray(guards)) throw refuse(path, 'not a guard');
      if (op === 'and') return xstate.and(guards as never);
      if (op === 'or') return xstate.or(guards as never);
      if (op === 'not') return xstate.not(guards[0] as never);
      throw refuse(path, 'not a guard');
    }
    if ('\u0000machine' in record) {
      const described = record['\u0000machine'] as { implementations?: unknown; config?: unknown } | null;
      const implementations = revive(described?.implementations, `${path}.setup`);
      const config = revive(described?.config, path);
      if (typeof config !== 'object' || config === null) throw refuse(path, 'not a machine');
      const findings = options.proven ? [] : targetProblems(config);
      if (findings.length > 0) throw new UserError({ code: 'playbook-unusable', file: sandbox.file, why: { kind: 'not-a-playbook', findings } });
      return xstate.setup((implementations ?? {}) as never).createMachine(config as never);
    }
    const entries = Object.entries(record).map(([key, item]) => {
      if (key.startsWith('\u0000') || key === '__proto__') throw refuse(path, `a key irp does not take ("${key.replace(/\u0000/g, '\\0')}")`);
      return [key, revive(item, `${path}.${key}`, within)] as const;
    });
    return Object.fromEntries(entries);
  };

  let parsed: unknown;
  try {
    parsed = JSON.parse(description);
  } catch {
    throw refuse('definition', 'the sandbox did not describe it as JSON');
  }
  return revive(parsed, 'definition');
}

/** A function of the playbook as its author knows it: `guard "backupsVerifiedClean"`, or where it is written. */
function functionName(path: string): string {
  const named = /^setup\.(guards|actions|delays)\.([^.[(]+)/.exec(path);
  if (named) return `${named[1]?.slice(0, -1)} "${named[2]}"`;
  const kind = /\.guard\b/.test(path) ? 'the guard' : /\.assign\b/.test(path) ? 'the assign' : 'the function';
  return `${kind} at ${path.replace(/^definition\.|^machine\./, '')}`;
}
