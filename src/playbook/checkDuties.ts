import { ONCE } from './parseOnce.ts';
import { z, type ZodType } from 'zod';
import { momentsOf, type Clock } from '../clocks/clockSpec.ts';
import type { DecisionSpec } from './definePlaybook.ts';
import { dutyClockOf, dutySpecSchema, noticeEffectSchema, type DutySpec, type NoticeEffect } from './dutySpec.ts';
import { payloadShape } from './payloadShape.ts';
import { finding, schemaFindings, type PlaybookFinding } from './playbookFinding.ts';

/**
 * A playbook's duties to each organisation of its register: each valid, ids unique, `after` naming duties of the
 * playbook, a clock started by a fact naming a fact some decision records; and every decision's `needsEvery`
 * naming one of them.
 */
export function checkDuties(raw: unknown, events: Record<string, DecisionSpec>, payloadFields: ReadonlySet<string>, problems: PlaybookFinding[]): { duties: DutySpec[]; dutyClocks: Clock[] } {
  const duties: DutySpec[] = [];
  if (raw !== undefined && !Array.isArray(raw)) problems.push(finding('duties', 'malformed', 'must be a list of duties'));
  for (const [index, entry] of (Array.isArray(raw) ? raw : []).entries()) {
    const { payload, ...rest } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const parsed = dutySpecSchema.safeParse(rest, ONCE);
    const where = `duties[${index}]${typeof rest.id === 'string' ? ` (${rest.id})` : ''}`;
    if (!parsed.success) {
      problems.push(...schemaFindings(where, parsed.error));
      continue;
    }
    if (payload !== undefined && payloadShape(payload) === undefined) {
      problems.push(finding(`${where}.payload`, 'malformed', `must be a zod object schema, such as z.object({ ... })`));
      continue;
    }
    if (duties.some((duty) => duty.id === parsed.data.id)) problems.push(finding(`${where}`, 'duplicate-id', `another duty has the same id`));
    const starts = parsed.data.clock?.starts;
    if (starts?.on === 'fact' && !payloadFields.has(starts.fact)) problems.push(finding(`${where}.clock.starts.fact`, 'unknown-fact', `no decision's payload has a field "${starts.fact}"`));
    duties.push({ ...parsed.data, ...(payload === undefined ? {} : { payload: payload as ZodType<Record<string, unknown>> }) });
  }
  for (const duty of duties) {
    for (const before of duty.after) if (!duties.some((other) => other.id === before)) problems.push(finding(`duties (${duty.id}).after`, 'unknown-duty', `no duty "${before}"`));
  }
  for (const [type, spec] of Object.entries(events)) {
    if (spec.needsEvery !== undefined && !duties.some((duty) => duty.id === spec.needsEvery)) {
      problems.push(finding(`events.${type}.needsEvery`, 'unknown-duty', `no duty "${spec.needsEvery}" (the duties are ${duties.map((d) => d.id).join(', ') || 'none'})`));
    }
  }
  return { duties, dutyClocks: duties.flatMap((duty) => dutyClockOf(duty) ?? []) };
}

/**
 * What notices of another incident's duties do here: a moment that is one of the clocks' moments, facts some
 * decision records with values they take, and a decision the playbook has, filled from fields it carries.
 */
export function checkNotices(raw: unknown, events: Record<string, DecisionSpec>, usedEvents: ReadonlySet<string>, clocks: readonly Clock[], problems: PlaybookFinding[]): Record<string, NoticeEffect> {
  if (raw === undefined) return {};
  const parsed = z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'name a duty id of the sending playbook'), noticeEffectSchema).safeParse(raw, ONCE);
  if (!parsed.success) {
    problems.push(...schemaFindings('notices', parsed.error));
    return {};
  }
  const moments = momentsOf(clocks);
  const fields = new Map<string, ZodType>();
  for (const spec of Object.values(events)) for (const [field, schema] of Object.entries(payloadShape(spec.payload) ?? {})) if (!fields.has(field)) fields.set(field, schema);
  for (const [duty, effect] of Object.entries(parsed.data)) {
    const where = `notices.${duty}`;
    if (effect.moment !== undefined && !moments.has(effect.moment)) problems.push(finding(`${where}.moment`, 'unknown-moment', `no clock starts from "${effect.moment}" (the moments are ${[...moments.keys()].join(', ') || 'none'})`));
    for (const [fact, value] of Object.entries(effect.sets ?? {})) {
      const schema = fields.get(fact);
      if (!schema) problems.push(finding(`${where}.sets.${fact}`, 'unknown-fact', `no decision records a fact "${fact}"`));
      else if (!schema.safeParse(value, ONCE).success) problems.push(finding(`${where}.sets.${fact}`, 'bad-fact-value', `${JSON.stringify(value)} is not a value that fact takes`));
    }
    if (effect.event !== undefined) {
      if (!usedEvents.has(effect.event)) problems.push(finding(`${where}.event`, 'unused-event', `no transition uses "${effect.event}"`));
      const own = Object.keys(payloadShape(events[effect.event]?.payload) ?? {});
      for (const field of Object.keys(effect.payload ?? {})) if (!own.includes(field)) problems.push(finding(`${where}.payload.${field}`, 'unknown-field', `${effect.event} has no field "${field}"`));
    } else if (effect.payload !== undefined) problems.push(finding(`${where}.payload`, 'payload-without-event', `name the decision it fills (event)`));
  }
  return parsed.data;
}
