import type { ZodType } from 'zod';
import { UserError } from '../errors.ts';
import { issuesAt } from '../playbook/validatePlaybook.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { NewEvent } from '../record/recordedEvent.ts';
import { attributed, refuseIfFinished, type Attribution } from './decide.ts';
import type { IncidentFold } from './deriveIncident.ts';
import type { IncidentView } from './incidentView.ts';

/**
 * Gives a recorded fact a new value ("personal data involved: unknown" → "yes" once exfiltration is confirmed).
 * The entry that recorded the old value stays; the correction names the fact, the new value and the reason, and
 * views, clocks and drafts use the latest value from then on. The value is checked against the same schema as
 * the decision that records the fact. The machine's own course is not changed: a decision taken on the old value
 * stands, and the playbook's later decisions are taken on their own data.
 */
export function decideCorrection(
  fold: IncidentFold,
  view: IncidentView,
  correction: { fact: string; value: unknown; reason: string },
  by: Attribution,
): NewEvent {
  refuseIfFinished(view);
  const { fact, reason } = correction;
  const schema = factSchema(fold.playbook, fact);
  if (!schema) {
    const known = [...factSchemas(fold.playbook).keys()].join(', ');
    throw new UserError(`"${fact}" is not a fact of playbook ${fold.playbook.id}. Facts: ${known || '(none)'}.`);
  }
  if (!(fact in fold.facts)) {
    throw new UserError(`${fact} has not been recorded in incident ${view.id} yet, so there is nothing to correct: record it with the decision that asks for it.`);
  }
  const parsed = schema.safeParse(correction.value);
  if (!parsed.success) throw new UserError(`The new value of ${fact} is not valid:`, issuesAt('', parsed.error));
  const previous = fold.facts[fact];
  if (JSON.stringify(previous) === JSON.stringify(parsed.data)) {
    throw new UserError(`${fact} is already ${JSON.stringify(previous)}; a correction must change it.`);
  }
  if (reason.trim() === '') throw new UserError(`Say why ${fact} is corrected; the reason is kept in the record.`);
  return {
    kind: 'fact.corrected',
    data: { fact, value: parsed.data, previous, reason: reason.trim() },
    ...attributed(by),
  };
}

/** The schema of every payload field of the playbook's decisions, by field name. */
export function factSchemas(playbook: LoadedPlaybook): Map<string, ZodType> {
  const out = new Map<string, ZodType>();
  for (const spec of Object.values(playbook.events)) {
    const shape = (spec.payload as unknown as { shape?: Record<string, ZodType> } | undefined)?.shape ?? {};
    for (const [field, schema] of Object.entries(shape)) if (!out.has(field)) out.set(field, schema);
  }
  return out;
}

function factSchema(playbook: LoadedPlaybook, fact: string): ZodType | undefined {
  return factSchemas(playbook).get(fact);
}
