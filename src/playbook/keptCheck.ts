import { deserialize, serialize } from 'node:v8';
import type { ZodType } from 'zod';
import type { DecisionSpec } from './definePlaybook.ts';
import type { PlaybookCheck } from './validatePlaybook.ts';

/** A playbook as its checks made it (validatePlaybook.ts). */
export type CheckedPlaybook = Extract<PlaybookCheck, { ok: true }>['playbook'];

/**
 * What the checks made of a playbook, as bytes, for a later load of the same code by the same irp to take instead of
 * checking it again: checking the supplier playbook parses some sixty schemas and costs `irp status` 8 ms, taking
 * this costs it under one. Everything of it that is data is cloned (node:v8's structured clone: maps, `undefined`
 * and shared objects as they were); its machine, its decisions and its duties' payload schemas are the definition's
 * own, and are taken from the definition as it is revived again (see playbookFromKeptCheck). `undefined` when
 * something of the rest is not data. compilePlaybook.ts keeps the bytes under the HMAC of the proven description
 * they were made from, bound to this build and to the V8 that wrote them.
 */
export function keptCheckOf(playbook: CheckedPlaybook): Buffer | undefined {
  const { machine: _machine, events: _events, duties, ...data } = playbook;
  try {
    return serialize({ ...data, duties: duties.map(({ payload: _payload, ...duty }) => duty) });
  } catch {
    return undefined; // a function or a class the clone cannot carry: checked again at every load
  }
}

/** The checked playbook again, from kept bytes and the definition the same code gave; `undefined` if they do not fit. */
export function playbookFromKeptCheck(bytes: Buffer | undefined, definition: unknown): CheckedPlaybook | undefined {
  if (bytes === undefined || typeof definition !== 'object' || definition === null) return undefined;
  const { machine, events, duties } = definition as { machine?: unknown; events?: Record<string, DecisionSpec>; duties?: Array<{ payload?: ZodType<Record<string, unknown>> }> };
  let data: Omit<CheckedPlaybook, 'machine' | 'events'>;
  try {
    data = deserialize(bytes) as typeof data;
  } catch {
    return undefined;
  }
  if (!Array.isArray(data?.duties) || data.duties.length !== (duties?.length ?? 0)) return undefined;
  return {
    ...data,
    machine: machine as CheckedPlaybook['machine'],
    events: { ...events },
    duties: data.duties.map((duty, index) => {
      const payload = duties?.[index]?.payload;
      return payload === undefined ? duty : { ...duty, payload };
    }),
  };
}
