import canonicalize from 'canonicalize';
import { UserError } from '../errors.ts';
import { payloadIssues, plainIssueWords } from '../playbook/payloadIssues.ts';
import { payloadShape } from '../playbook/payloadShape.ts';
import { issuesAt } from '../playbook/issuesAt.ts';
import { organisationSchema, type Organisation } from '../record/organisation.ts';
import type { NewEvent } from '../record/recordedEvent.ts';
import { attributed, refuseIfFinished, type Attribution } from './decide.ts';
import type { IncidentFold } from './incidentFold.ts';
import type { IncidentView } from './incidentView.ts';
import { dutyKey } from './register.ts';

/** Organisations added to the register, or entries of it replaced; all checked before any is recorded. */
export interface RegisterCommand {
  kind: 'register';
  organisations: readonly unknown[];
  /** Where each came from, for messages: `register.csv line 4`. Default `organisation 1`, `organisation 2`… */
  where?: readonly string[] | undefined;
}

/** A duty recorded as done for organisations of the register (`all`: every one it is still owed to). */
export interface DutyCommand {
  kind: 'duty';
  duty: string;
  organisations: readonly string[] | 'all';
  product?: string | undefined;
  how?: string | undefined;
  reference?: string | undefined;
  payload?: Record<string, unknown> | undefined;
  /** Not owed to these organisations after all, and why: settles the duty for them without doing it. */
  notNeeded?: string | undefined;
}

/**
 * One `organisation.registered` per organisation that is new or changed, each checked against the register's
 * schema; all or nothing: an invalid one refuses the whole command, named by where it came from.
 */
export function decideRegistration(fold: IncidentFold, view: IncidentView, command: RegisterCommand, by: Attribution): NewEvent[] {
  refuseIfFinished(view);
  if (fold.playbook.duties.length === 0) throw new UserError({ code: 'no-register', playbook: fold.playbook.id });
  const events: NewEvent[] = [];
  const seen = new Map<string, string>();
  const problems: string[] = [];
  command.organisations.forEach((raw, index) => {
    const where = command.where?.[index] ?? `organisation ${index + 1}`;
    const parsed = organisationSchema.safeParse(raw, { error: plainIssueWords });
    if (!parsed.success) {
      problems.push(...issuesAt('', parsed.error).map((issue) => `${where}: ${issue}`));
      return;
    }
    const earlier = seen.get(parsed.data.id);
    if (earlier) problems.push(`${where}: the id "${parsed.data.id}" is given twice (also ${earlier})`);
    seen.set(parsed.data.id, where);
    const current = fold.register.organisations.get(parsed.data.id)?.organisation;
    if (current && sameOrganisation(current, parsed.data)) return;
    events.push({ kind: 'organisation.registered', data: parsed.data, ...attributed(by) });
  });
  if (problems.length > 0) throw new UserError({ code: 'invalid-organisation', where: command.where ? 'The register given' : 'What was given', issues: problems });
  if (events.length === 0) throw new UserError({ code: 'register-unchanged', count: command.organisations.length });
  return events;
}

/** The same entry, whatever order its keys were written in (a record keeps them in canonical order). */
function sameOrganisation(a: Organisation, b: Organisation): boolean {
  return canonicalize(a) === canonicalize(b);
}

/**
 * One `organisation.duty` per organisation (and product) the duty is done for. Refused, recording nothing, if an
 * organisation is not in the register or is not owed the duty, if it was done already for a named organisation,
 * if a duty it comes after is not done, or if its data does not fit the duty's.
 */
export function decideDuty(fold: IncidentFold, view: IncidentView, command: DutyCommand, by: Attribution): NewEvent[] {
  refuseIfFinished(view);
  const { playbook, register } = fold;
  const duty = playbook.duties.find((d) => d.id === command.duty || d.label === command.duty);
  if (!duty) throw new UserError({ code: 'unknown-duty', duty: command.duty, playbook: playbook.id, duties: playbook.duties.map((d) => d.id) });
  if (command.notNeeded !== undefined && command.notNeeded.trim().length < 10) throw new UserError({ code: 'invalid-duty-data', duty: duty.label, issues: ['say why it is not needed, in a sentence'] });
  const payload = command.notNeeded === undefined ? checkDutyData(duty, command.payload) : undefined;
  const every = command.organisations === 'all';
  const targets = every
    ? [...register.organisations.values()].map((entry) => entry.organisation).filter((o) => duty.appliesTo.some((kind) => o.kinds.includes(kind)))
    : (command.organisations as readonly string[]).map((id) => organisationNamed(fold, view.id, id));
  const events: NewEvent[] = [];
  for (const organisation of targets) {
    if (!duty.appliesTo.some((kind) => organisation.kinds.includes(kind))) {
      throw new UserError({ code: 'duty-not-owed', duty: duty.label, organisation: organisation.name, kinds: organisation.kinds, appliesTo: duty.appliesTo });
    }
    for (const product of productsFor(duty.perProduct, organisation, command.product, every, duty.label)) {
      const done = register.done.get(dutyKey(organisation.id, duty.id, product));
      if (done) {
        if (every) continue;
        throw new UserError({ code: 'duty-done', duty: duty.label, organisation: organisation.name, product, at: done.at, by: done.by.name, seq: done.seq });
      }
      const waitingFor = duty.after.filter((before) => {
        const perProduct = playbook.duties.find((d) => d.id === before)?.perProduct ?? false;
        return !register.done.has(dutyKey(organisation.id, before, perProduct ? product : undefined));
      });
      if (waitingFor.length > 0) {
        if (every) continue;
        const labels = waitingFor.map((id) => playbook.duties.find((d) => d.id === id)?.label ?? id);
        throw new UserError({ code: 'duty-waiting', duty: duty.label, organisation: organisation.name, product, waitingFor: labels });
      }
      events.push({
        kind: 'organisation.duty',
        data: {
          organisation: organisation.id,
          duty: duty.id,
          ...(product === undefined ? {} : { product }),
          ...(command.how?.trim() ? { how: command.how.trim() } : {}),
          ...(command.reference?.trim() ? { reference: command.reference.trim() } : {}),
          ...(payload === undefined ? {} : { payload }),
          ...(command.notNeeded === undefined ? {} : { notNeeded: command.notNeeded.trim() }),
        },
        ...attributed(by),
      });
    }
  }
  if (events.length === 0) throw new UserError({ code: 'nothing-owed', duty: duty.label, product: command.product });
  return events;
}

/** The organisation of the register with this id (or exactly this name). */
export function organisationNamed(fold: IncidentFold, incident: string, wanted: string): Organisation {
  const { organisations } = fold.register;
  const byId = organisations.get(wanted.trim());
  if (byId) return byId.organisation;
  const lower = wanted.trim().toLowerCase();
  const byName = [...organisations.values()].filter((entry) => entry.organisation.name.toLowerCase() === lower);
  if (byName.length === 1) return (byName[0] as { organisation: Organisation }).organisation;
  const like = [...organisations.values()]
    .filter(({ organisation: o }) => lower.length >= 2 && (o.id.includes(lower) || o.name.toLowerCase().includes(lower) || editDistance(o.id, lower) <= 2))
    .slice(0, 5)
    .map((entry) => entry.organisation.id);
  throw new UserError({ code: 'unknown-organisation', organisation: wanted, incident, like });
}

/** The products a duty is recorded for: none for a duty owed once; the one named, or the only one, for a duty owed per product. */
function productsFor(perProduct: boolean, organisation: Organisation, product: string | undefined, every: boolean, label: string): Array<string | undefined> {
  if (!perProduct || organisation.products.length === 0) return [undefined];
  if (product !== undefined) {
    const match = organisation.products.find((p) => p.toLowerCase() === product.trim().toLowerCase());
    if (match) return [match];
    if (every) return [];
    throw new UserError({ code: 'unknown-product', product, organisation: organisation.name, products: organisation.products });
  }
  if (organisation.products.length === 1) return [organisation.products[0]];
  throw new UserError({ code: 'product-needed', duty: label, organisation: organisation.name, products: organisation.products });
}

function checkDutyData(duty: { id: string; label: string; payload?: import('zod').ZodType<Record<string, unknown>> | undefined }, given: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!duty.payload) {
    if (given && Object.keys(given).length > 0) throw new UserError({ code: 'invalid-duty-data', duty: duty.label, issues: ['it takes no data'] });
    return undefined;
  }
  const fields = Object.keys(payloadShape(duty.payload) ?? {});
  const unknown = Object.keys(given ?? {}).filter((key) => !fields.includes(key));
  if (unknown.length > 0) throw new UserError({ code: 'invalid-duty-data', duty: duty.label, issues: unknown.map((key) => `${key}: not a field of it (its fields: ${fields.join(', ')})`) });
  const parsed = duty.payload.safeParse(given ?? {}, { error: plainIssueWords });
  if (!parsed.success) throw new UserError({ code: 'invalid-duty-data', duty: duty.label, issues: payloadIssues(parsed.error, (field) => field) });
  return parsed.data;
}

/** How many letters must change to turn one id into the other (Levenshtein), for "did you mean". */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) row[j] = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length] as number;
}
