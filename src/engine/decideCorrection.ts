import type { ZodType } from 'zod';
import { UserError } from '../errors.ts';
import { issuesAt } from '../playbook/validatePlaybook.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { NewEvent } from '../record/recordedEvent.ts';
import { attributed, refuseIfFinished, type Attribution } from './decide.ts';
import type { IncidentFold } from './deriveIncident.ts';
import type { IncidentView } from './incidentView.ts';
import { payloadShape } from '../playbook/payloadShape.ts';

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
    throw new UserError({ code: 'unknown-fact', fact, playbook: fold.playbook.id, facts: [...factSchemas(fold.playbook).keys()] });
  }
  if (!(fact in fold.facts)) {
    throw new UserError({ code: 'fact-not-recorded', fact, incident: view.id });
  }
  const parsed = schema.safeParse(correction.value);
  if (!parsed.success) throw new UserError({ code: 'invalid-fact-value', fact, issues: issuesAt('', parsed.error) });
  const previous = fold.facts[fact];
  if (JSON.stringify(previous) === JSON.stringify(parsed.data)) {
    throw new UserError({ code: 'fact-unchanged', fact, value: previous });
  }
  if (reason.trim() === '') throw new UserError({ code: 'no-reason', fact });
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
    const shape = payloadShape(spec.payload) ?? {};
    for (const [field, schema] of Object.entries(shape)) if (!out.has(field)) out.set(field, schema);
  }
  return out;
}

function factSchema(playbook: LoadedPlaybook, fact: string): ZodType | undefined {
  return factSchemas(playbook).get(fact);
}
