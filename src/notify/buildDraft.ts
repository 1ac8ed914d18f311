import { decisionLabels } from '../playbook/decisionLabels.ts';
import type { ClockState } from '../clocks/clockStatus.ts';
import type { IncidentView } from '../engine/incidentView.ts';
import { UserError } from '../errors.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
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
  exercise: boolean;
  clock: { id: string; label: string; law: string; url: string; recipient: string; dueAt?: string; status: ClockState['status'] };
  fields: DraftField[];
}

/** The clock a user means by an id or a word of its recipient, label or law (`ico`, `ncsc`, `art33-2`). */
export function findClock(states: readonly ClockState[], wanted: string): ClockState {
  const exact = states.find((state) => state.clock.id === wanted);
  if (exact) return exact;
  const needle = wanted.toLowerCase();
  const matches = states.filter((state) =>
    [state.clock.id, state.clock.recipient, state.clock.label, state.clock.source.law].some((text) => text.toLowerCase().includes(needle)),
  );
  if (matches.length === 1) return matches[0] as ClockState;
  const ids = states.map((state) => `${state.clock.id} (${state.clock.recipient})`).join('; ');
  throw new UserError(
    matches.length === 0
      ? `No clock of this incident matches "${wanted}". Clocks: ${ids || '(none)'}.`
      : `"${wanted}" matches more than one clock: ${matches.map((m) => m.clock.id).join(', ')}. Give the clock id.`,
  );
}

/**
 * A notification draft filled in from the record: reference, awareness, what happened, systems and share of the
 * estate, personal data and people affected, actions so far, contact. Pure: the same record gives the same draft.
 */
export function buildDraft(playbook: LoadedPlaybook, view: IncidentView, state: ClockState): NotificationDraft {
  const facts = view.facts;
  const fact = (key: keyof LoadedPlaybook['draftFacts']): unknown => {
    const field = playbook.draftFacts[key];
    return field === undefined ? undefined : facts[field];
  };
  const labels = decisionLabels(playbook);
  const notes = view.events.flatMap((event) => (event.kind === 'note' ? [`${formatLondon(new Date(event.occurredAt))}: ${event.data.text}`] : []));
  const actions = view.events.flatMap((event) =>
    event.kind === 'decision'
      ? [`${formatLondon(new Date(event.occurredAt))}: ${labels.get(event.data.event) ?? event.data.event}${event.note ? ` (${event.note})` : ''}`]
      : [],
  );
  const share = fact('estateShare');
  const people = fact('peopleAffected');
  const systems = fact('systems');
  const personal = fact('personalData');
  const fields: DraftField[] = [
    { label: 'Incident reference', value: `${view.id} (${view.title})` },
    { label: 'Time of awareness', value: formatLondon(new Date(view.awareAt)) },
    {
      label: 'What happened',
      ...(notes.length > 0 ? { value: [view.title, ...notes] } : { value: view.title, missing: 'a short account: how it was found, what is known of the cause' }),
    },
    toField('Systems affected', Array.isArray(systems) ? systems.map(String) : systems, 'the systems and services affected'),
    toField('Share of the estate affected', share === undefined ? undefined : `${String(share)}%`, 'how much of the estate is affected'),
    toField('Personal data involved', personal, 'whether personal data is involved (yes, no, not yet known)'),
    toField('Number of people affected', people === undefined ? undefined : String(people), 'how many people (an estimate is fine; say so)'),
    toField('Actions taken so far', actions.length > 0 ? actions : undefined, 'the containment and recovery actions taken'),
    {
      label: 'Contact',
      value: `${view.commander.name}, ${playbook.roles[view.commander.role] ?? view.commander.role}`,
      missing: 'telephone and email for this notification',
    },
  ];
  const { clock } = state;
  return {
    incident: view.id,
    exercise: view.exercise,
    clock: {
      id: clock.id,
      label: clock.label,
      law: clock.source.law,
      url: clock.source.url,
      recipient: clock.recipient,
      ...('dueAt' in state ? { dueAt: state.dueAt } : {}),
      status: state.status,
    },
    fields,
  };
}

function toField(label: string, value: unknown, missing: string): DraftField {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return { label, missing };
  return { label, value: Array.isArray(value) ? value.map(String) : String(value) };
}
