import { shortName } from '../clocks/clockSpec.ts';
import type { ClockState } from '../clocks/clockStatus.ts';
import { playbookWords } from '../playbook/playbookWords.ts';
import { inWords } from '../record/inWords.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon, formatLondonShort } from '../time/london.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { Actor, RecordedEvent } from '../record/recordedEvent.ts';
import { blockerText, type Blocker } from './blockers.ts';
import { applyEvent, choiceOf, choicesFrom, foldEvents, viewOf } from './deriveIncident.ts';
import { clocksOfFold } from './incidentFold.ts';

/**
 * One decision of the record as a loggist's decision log keeps it: what was decided, when, by whom, what was known
 * at that moment (the facts recorded so far, the injects an exercise had delivered, the clocks running and the time
 * each had left) and the options the playbook offered then, with why any could not be taken. A decision maker is
 * judged on what was reasonable with what was known at the time: this is that, from the record alone.
 */
export interface DecisionLogEntry {
  /** Numbered from 1, in the order the decisions were recorded. */
  number: number;
  seq: number;
  event: string;
  occurredAt: string;
  recordedAt: string;
  by: Actor;
  payload?: Record<string, unknown> | undefined;
  /** Why it was taken, in the decision maker's words (in records made before it had its own field, the note). */
  rationale?: string | undefined;
  /** The reasons for the delay of a notification after its legal deadline. */
  lateReasons?: string | undefined;
  /** The decision's note, where it is not the rationale. */
  note?: string | undefined;
  /** Why it was entered long after the time it claims, when it was. */
  backdateReason?: string | undefined;
  known: {
    facts: Array<{ fact: string; value: unknown; since: string | undefined }>;
    /** The last three injects an exercise had delivered, newest first. */
    injects: Array<{ title: string; at: string }>;
    /** The clocks not yet stopped, most urgent first. */
    clocks: ClockState[];
  };
  /** The decisions offered at that moment on the steps this one was taken from, this one among them. */
  options: Array<{ event: string; label: string; blockers: Blocker[] }>;
}

/** The decision log of a record, replayed once from the start (pure: the record and the playbook in, the log out). */
export function decisionLog(playbook: LoadedPlaybook, events: readonly RecordedEvent[]): DecisionLogEntry[] {
  const first = events[0];
  if (!first) return [];
  // The fold's record grows as it is replayed, so that what it reads (the clocks) is what had been recorded then.
  const record: RecordedEvent[] = [first];
  const fold = foldEvents(playbook, record);
  const entries: DecisionLogEntry[] = [];
  const injects: Array<{ title: string; at: string }> = [];
  for (const event of events.slice(1)) {
    if (event.kind === 'decision') {
      // Only the choices of the states this decision was taken from are worked out: each is tried on the machine.
      const { steps } = viewOf(fold);
      const taken = choiceOf(fold, steps, event.data.event);
      const offered = taken ? choicesFrom(fold, steps, taken.from) : viewOf(fold).choices;
      entries.push({
        number: entries.length + 1,
        seq: event.seq,
        event: event.data.event,
        occurredAt: event.occurredAt,
        recordedAt: event.recordedAt,
        by: event.actor,
        payload: event.data.payload,
        rationale: event.data.rationale ?? event.note,
        lateReasons: event.data.lateReasons,
        note: event.data.rationale === undefined ? undefined : event.note,
        backdateReason: event.backdateReason,
        known: {
          facts: Object.entries(fold.facts).map(([fact, value]) => ({ fact, value, since: fold.factSetAt.get(fact) })),
          injects: injects.slice(-3).reverse(),
          clocks: clocksOfFold(fold, new Date(event.occurredAt))
            .filter((clock) => clock.status === 'running' || clock.status === 'due-soon' || clock.status === 'overdue')
            .sort((a, b) => ('remainingMs' in a ? a.remainingMs : 0) - ('remainingMs' in b ? b.remainingMs : 0)),
        },
        options: offered.map((choice) => ({ event: choice.event, label: choice.label, blockers: choice.blockers })),
      });
    }
    if (event.kind === 'exercise.inject') injects.push({ title: event.data.title, at: event.occurredAt });
    record.push(event);
    applyEvent(fold, event);
  }
  return entries;
}

/** One decision of the log in words: what the text, Markdown and HTML forms and the after-action report say. */
export interface DecisionInWords {
  number: number;
  /** When it was taken, and what: `Thu 4 Aug 2022 07:20 BST · Declare a major cyber incident`. */
  title: string;
  heading: string;
  by: string;
  facts: string[];
  injects: string[];
  clocks: string[];
  options: string[];
  decided: string;
  rationale: string;
  /** The reasons for a late notification's delay, as given; empty when it was not late. */
  lateReasons: string;
  note: string;
}

/** A recorded time later than the time claimed by more than this is shown beside it. */
const LATER_MS = 60_000;

/** A decision of the log in the playbook's words and London times. */
export function decisionInWords(entry: DecisionLogEntry, playbook: LoadedPlaybook): DecisionInWords {
  const words = playbookWords(playbook);
  const later = Date.parse(entry.recordedAt) - Date.parse(entry.occurredAt);
  const data = Object.entries(entry.payload ?? {}).map(([field, value]) => `${words.field(entry.event, field)}: ${inWords(value)}`);
  return {
    number: entry.number,
    title: `${formatLondon(new Date(entry.occurredAt))} · ${words.decision(entry.event)}`,
    heading: `${entry.number}. ${formatLondon(new Date(entry.occurredAt))} · ${words.decision(entry.event)}`,
    by: `By ${entry.by.name === words.role(entry.by.role) ? entry.by.name : `${entry.by.name} (${words.role(entry.by.role)})`}${later > LATER_MS ? `; recorded ${formatLondon(new Date(entry.recordedAt))}, ${formatSpan(later)} later${entry.backdateReason ? `, because: ${entry.backdateReason}` : ''}` : ''}`,
    facts: entry.known.facts.map(({ fact, value, since }) => `${words.field(undefined, fact)}: ${inWords(value)}${since ? ` (since ${formatLondonShort(new Date(since))})` : ''}`),
    injects: entry.known.injects.map((inject) => `"${inject.title}" (${formatLondonShort(new Date(inject.at))})`),
    clocks: entry.known.clocks.map((state) =>
        'remainingMs' in state
          ? `${shortName(state.clock)}: ${state.remainingMs < 0 ? `${formatSpan(-state.remainingMs)} past its deadline` : `${formatSpan(state.remainingMs)} left`} (${formatLondonShort(new Date(state.dueAt))})`
          : shortName(state.clock),
    ),
    options: entry.options.map((option) => {
      const mark = option.event === entry.event ? ' (taken)' : option.blockers.length > 0 ? `: blocked, ${option.blockers.map(blockerText).join('; ')}` : '';
      return `${option.label}${mark}`;
    }),
    decided: `${words.decision(entry.event)}${data.length > 0 ? `, with ${data.join('; ')}` : ''}`,
    rationale: entry.rationale?.trim() ? entry.rationale.trim() : 'none recorded',
    lateReasons: entry.lateReasons ?? '',
    note: entry.note ?? '',
  };
}
