import { decisionLabels } from '../playbook/decisionLabels.ts';
import { shortName, type Clock } from '../clocks/clockSpec.ts';
import type { ClockStart, ClockState } from '../clocks/clockStatus.ts';
import type { IncidentView } from '../engine/incidentView.ts';
import { UserError } from '../errors.ts';
import { allStateNodes, type LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import { isBackdated } from '../record/backdating.ts';
import { headOf, type RecordHead } from '../record/seal.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';

/** One part of a draft: filled from the record, or a gap for the commander to complete. */
export interface DraftField {
  label: string;
  value?: string | string[];
  /** What to write, when the record cannot say. */
  missing?: string;
}

export interface NotificationDraft {
  incident: string;
  /** The record this draft was made from: its event count and the hash of its last event. */
  head: RecordHead;
  exercise: boolean;
  /** A further report after the first (UK GDPR Art. 33(4)): it says what changed since the last one. */
  followUp?: { after: string; seq: number; reference?: string };
  clock: {
    id: string;
    label: string;
    law: string;
    url: string;
    recipient: string;
    /** What a report to this recipient must say (see `buildDraft`). */
    form: Clock['form'];
    dueAt?: string;
    status: ClockState['status'];
    /** What starts the clock, as its playbook says, and when and how it started in this incident. */
    starts: Clock['starts'];
    start?: ClockStart;
  };
  fields: DraftField[];
}

/** The clock a user means by an id or a word of its recipient, label or law (`ico`, `ncsc`, `art33-2`). */
export function findClock(states: readonly ClockState[], wanted: string): ClockState {
  const exact = states.find((state) => state.clock.id === wanted);
  if (exact) return exact;
  const needle = wanted.toLowerCase();
  const matches = states.filter((state) =>
    [state.clock.id, state.clock.recipient, state.clock.label, shortName(state.clock), state.clock.source.law].some((text) => text.toLowerCase().includes(needle)),
  );
  if (matches.length === 1) return matches[0] as ClockState;
  throw new UserError(
    matches.length === 0
      ? { code: 'no-such-report', wanted, reports: states.map((state) => ({ id: state.clock.id, recipient: state.clock.recipient })) }
      : { code: 'ambiguous-report', wanted, matches: matches.map((m) => m.clock.id) },
  );
}

/**
 * A notification draft filled in from the record, with what this recipient's report must say (the clock's `form`):
 * - `personal-data-breach`, UK GDPR Art. 33(3): the nature of the breach with the categories and approximate numbers
 *   of people and records, the DPO's contact, the likely consequences, the measures taken or proposed;
 * - `nis`, NIS Regulations reg. 11(3) and 12(5): when it started, how long it has lasted, its effect on the
 *   service, any cross-border impact;
 * - `cyber` (a cyber security centre), `crime` (the police, the NCA), `people` (plain words for the people
 *   affected, Art. 34(2)) and `general`.
 * What the record cannot say is marked as a gap. The record's notes are internal and stay out of a draft unless
 * `includeNotes` asks for them. Pure: the same record gives the same draft.
 */
export function buildDraft(
  playbook: LoadedPlaybook,
  view: IncidentView,
  state: ClockState,
  options: { followUp?: boolean; includeNotes?: boolean; now?: Date } = {},
): NotificationDraft {
  const facts = view.facts;
  // A clock an earlier report could not meet (made before the clock started) is owed a follow-up: its draft is one.
  const owed = 'followUpOwed' in state ? state.followUpOwed : undefined;
  const followUp = owed ? { after: owed.at, seq: owed.seq } : options.followUp ? lastReport(state) : undefined;
  if (options.followUp && !followUp) {
    throw new UserError({ code: 'no-follow-up-yet', recipient: state.clock.recipient });
  }
  const fact = (key: keyof LoadedPlaybook['draftFacts']): unknown => {
    const field = playbook.draftFacts[key];
    return field === undefined ? undefined : facts[field];
  };
  const labels = decisionLabels(playbook);
  const notes = view.events.flatMap((event) => (event.kind === 'note' ? [`${formatLondon(new Date(event.occurredAt))}: ${event.data.text}${enteredLate(event)}`] : []));
  // Measures are what was done to the systems and the service: not the notifications themselves ("NCSC notified"
  // in the NCSC's own draft), nor decisions that a report was not needed. Notes typed on decisions are internal,
  // like the record's notes, and stay out unless asked for.
  const notifications = notificationDecisions(playbook);
  const actions = view.events.flatMap((event) =>
    event.kind === 'decision' && !notifications.has(event.data.event)
      ? [`${formatLondon(new Date(event.occurredAt))}: ${labels.get(event.data.event) ?? event.data.event}${options.includeNotes && event.note ? ` (${event.note})` : ''}${enteredLate(event)}`]
      : [],
  );
  const corrected = (key: keyof LoadedPlaybook['draftFacts'], value: string | undefined): string | undefined => {
    const field = playbook.draftFacts[key];
    const last = field === undefined ? undefined : view.corrections[field]?.at(-1);
    if (value === undefined || !last) return value;
    return `${value} (corrected ${formatLondon(new Date(last.at))}; earlier recorded as ${JSON.stringify(last.from)}: ${last.reason})`;
  };
  const text = (key: keyof LoadedPlaybook['draftFacts']) => {
    const value = fact(key);
    return Array.isArray(value) ? value.map(String) : corrected(key, value === undefined ? undefined : String(value));
  };
  const share = fact('estateShare');
  const systems = toField('Systems affected', text('systems'), 'the systems and services affected');
  const estate = toField('Share of the estate affected', corrected('estateShare', share === undefined ? undefined : `${String(share)}%`), 'how much of the estate is affected');
  const people = toField('Approximate number of people affected', text('peopleAffected'), 'how many people (an estimate is fine; say so)');
  const measures = toField('Measures taken or proposed', actions.length > 0 ? actions : undefined, 'the containment and recovery actions taken, and those planned');
  const what: DraftField = { label: 'What happened', value: view.title, missing: 'a short account: how it was found, what is known of the cause' };
  const dpo = view.roleHolders.dpo;
  const contact: DraftField = {
    label: 'Contact',
    value: `${view.commander.name}, ${playbook.roles[view.commander.role] ?? view.commander.role}`,
    missing: 'telephone and email for this notification',
  };
  const byForm: Record<Clock['form'], DraftField[]> = {
    'personal-data-breach': [
      { ...what, label: 'Nature of the breach', missing: 'what happened to the personal data: lost, disclosed, altered or unavailable (an outage is a loss of availability)' },
      systems,
      toField('Personal data involved', text('personalData'), 'whether personal data is involved (yes, no, not yet known)'),
      toField('Categories of people affected', text('dataSubjects'), 'the categories of people (patients, service users, staff)'),
      people,
      toField('Categories and approximate number of records', text('recordsAffected'), 'the kinds of records and roughly how many'),
      toField('Data Protection Officer', dpo ? `${dpo.name}, ${playbook.roles.dpo ?? 'Data Protection Officer'}` : undefined, "the DPO's name and contact details"),
      { label: 'Likely consequences', missing: 'the likely consequences for the people affected' },
      measures,
    ],
    nis: [
      { label: 'Operator', missing: "the operator's (or digital service provider's) name, and the essential or digital services it provides" },
      toField('When it occurred', whenOccurred(fact('occurredAt'), corrected), `when the incident occurred, as found (NIS reg. 11(3)(a)(ii), 12(5)(b)); not the time of awareness, ${formatLondon(new Date(view.awareAt))}`),
      toField('When the organisation became aware', formatLondon(new Date(view.awareAt)), 'when the organisation became aware'),
      toField('How long it has lasted', options.now ? `${formatSpan(options.now.getTime() - Date.parse(view.awareAt))} so far` : undefined, 'how long the incident has lasted, or is expected to'),
      { ...what, label: 'Its effect on the service' },
      systems,
      estate,
      { label: 'Cross-border impact', missing: 'whether services in other countries are affected, and which' },
      measures,
    ],
    cyber: [what, systems, estate, { label: 'Indicators of compromise', missing: 'what was seen: hosts, accounts, files, addresses, ransom note' }, measures],
    crime: [
      what,
      toField('When it was found', formatLondon(new Date(view.awareAt)), 'when the crime was found'),
      systems,
      { label: 'Demand', missing: 'any ransom demand and how it was made (do not reply to it)' },
      { label: 'Evidence kept', missing: 'what evidence is preserved and where (chain of custody)' },
    ],
    people: [
      { ...what, label: 'What happened, in plain words', missing: 'in plain words: what happened to their data' },
      { label: 'What it means for them', missing: 'the likely consequences for them, and what they can do' },
      measures,
    ],
    general: [what, systems, estate, toField('Personal data involved', text('personalData'), 'whether personal data is involved (yes, no, not yet known)'), people, measures],
  };
  const fields: DraftField[] = [
    { label: 'Incident reference', value: `${view.id} (${view.title})` },
    { label: 'Time of awareness', value: formatLondon(new Date(view.awareAt)) },
    ...byForm[state.clock.form],
    options.includeNotes
      ? toField('Internal notes (included on request)', notes.length > 0 ? notes : undefined, 'nothing: there are no notes')
      : { label: 'Internal notes', missing: "left out: the record's notes are internal; copy in only what is fit to share" },
    contact,
  ];
  if (followUp) {
    const changes = changesSince(view.events, followUp.seq, playbook);
    fields.unshift({
      label: `What has changed since the report of ${formatLondon(new Date(followUp.after))}${followUp.reference ? ` (ref ${followUp.reference})` : ''}`,
      ...(changes.length > 0 ? { value: changes } : { missing: 'nothing new is in the record since that report: say what is now known' }),
    });
  }
  const { clock } = state;
  return {
    incident: view.id,
    head: headOf(view.events),
    exercise: view.exercise,
    ...(followUp ? { followUp } : {}),
    clock: {
      id: clock.id,
      label: clock.label,
      law: clock.source.law,
      url: clock.source.url,
      recipient: clock.recipient,
      form: clock.form,
      ...('dueAt' in state ? { dueAt: state.dueAt } : {}),
      status: state.status,
      starts: clock.starts,
      ...('start' in state ? { start: state.start } : {}),
    },
    fields,
  };
}

/** The report a follow-up follows: the first report, or the latest follow-up. */
function lastReport(state: ClockState): { after: string; seq: number; reference?: string } | undefined {
  if (state.status !== 'met' && state.status !== 'met-late') return undefined;
  const last = state.followUps.at(-1);
  if (last) return { after: last.at, seq: last.seq, ...(last.reference ? { reference: last.reference } : {}) };
  return { after: state.at, seq: state.seq, ...(state.reference ? { reference: state.reference } : {}) };
}

/** What the record learnt after an entry: corrections, facts recorded for the first time, moments of awareness. */
function changesSince(events: readonly RecordedEvent[], seq: number, playbook: LoadedPlaybook): string[] {
  const draftFields = new Set(Object.values(playbook.draftFacts));
  const known = new Set<string>();
  const out: string[] = [];
  for (const event of events) {
    const when = formatLondon(new Date(event.occurredAt));
    if (event.kind === 'decision') {
      for (const [field, value] of Object.entries(event.data.payload ?? {})) {
        if (event.seq > seq && draftFields.has(field)) out.push(`${when}: ${field} ${known.has(field) ? 'now' : 'recorded as'} ${JSON.stringify(value)}`);
        known.add(field);
      }
    }
    if (event.seq <= seq) continue;
    if (event.kind === 'fact.corrected') {
      out.push(`${when}: ${event.data.fact} corrected from ${JSON.stringify(event.data.previous)} to ${JSON.stringify(event.data.value)} (${event.data.reason})`);
    }
    if (event.kind === 'awareness.recorded') out.push(`${when}: ${event.data.label}`);
  }
  return out;
}

/** `; entered later, at …` for a back-dated entry, so that a draft never passes off a late entry as live. */
function enteredLate(event: RecordedEvent): string {
  return isBackdated(event) ? ` (entered later, ${formatLondon(new Date(event.recordedAt))})` : '';
}

function toField(label: string, value: unknown, missing: string): DraftField {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return { label, missing };
  return { label, value: Array.isArray(value) ? value.map(String) : String(value) };
}

/** Decisions that are reports (or decide against one): those of clocks, and those of steps marked `notification`. */
function notificationDecisions(playbook: LoadedPlaybook): Set<string> {
  const events = new Set(playbook.clocks.flatMap((clock) => [clock.stops.event, ...(clock.waivedBy ? [clock.waivedBy.event] : [])]));
  for (const node of allStateNodes(playbook.machine)) {
    if ((node.meta as { notification?: boolean } | undefined)?.notification !== true) continue;
    for (const type of node.transitions.keys()) events.add(type);
  }
  return events;
}

/**
 * When the incident occurred, in London time when the record gives an instant ("2022-08-02T06:10:00Z"), as given
 * when it gives only a day or words ("2 August 2022"), with the mark of a correction either way.
 */
function whenOccurred(value: unknown, corrected: (key: 'occurredAt', text: string | undefined) => string | string[] | undefined): string | string[] | undefined {
  if (value === undefined) return corrected('occurredAt', undefined);
  const text = String(value);
  const instant = /^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(Date.parse(text)) ? formatLondon(new Date(text)) : text;
  return corrected('occurredAt', instant);
}
