import { stringify } from 'yaml';
import { isStatutory } from '../clocks/clockSpec.ts';
import type { ClockState } from '../clocks/clockStatus.ts';
import { describeExchange } from '../engine/exchangeWords.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import { playbookWords } from '../playbook/playbookWords.ts';
import { inWords } from '../record/inWords.ts';
import { recordEnd } from '../record/recordEnd.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { formatLondon, londonTimeOf } from '../time/london.ts';

export interface FromRecordOptions {
  /** Targets the organisation sets for its key decisions (the playbook's milestones), from awareness: `{ Contain: 2h }`. */
  targets?: Record<string, number> | undefined;
  /** Keep people's names (by default the scenario and the answers name roles only). */
  withNames?: boolean | undefined;
  /** Keep the internal notes, as facilitator notes and in the answers. */
  withNotes?: boolean | undefined;
  /** When it is made, for its heading. */
  madeAt: Date;
}

/**
 * Next year's exercise from this year's incident: a scenario whose injects are what the team learnt and when
 * (the incident's injects, moments of awareness, facts recorded, notices received, at their offsets from the
 * start, who told whom what, in words), whose expectations are what the law and the organisation's targets require
 * (each clock's deadline, each key decision's target; never the times achieved), and whose facilitator notes (as
 * comments) say what happened at each point; and the team's own record as an answers file, which scores against
 * it. Both are ordinary files, checked when read and editable. Pure.
 */
export function scenarioFromRecord(playbook: LoadedPlaybook, events: readonly RecordedEvent[], clocks: readonly ClockState[], options: FromRecordOptions): { scenario: string; answers: string } {
  const opened = events[0];
  if (opened?.kind !== 'incident.opened') throw new Error('a record starts by opening the incident');
  const words = playbookWords(playbook);
  const startAt = Date.parse(opened.data.scenario?.startAt ?? opened.data.awareAt);
  const offset = (iso: string) => offsetText(Date.parse(iso) - startAt);
  const who = (actor: { name: string; role: string }) => (options.withNames ? actor.name : words.role(actor.role));
  const id = `from-${opened.incident}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');

  const injects: Array<Record<string, unknown>> = [];
  // A notification's data is its reference, not something the team learnt.
  const reportsTo = new Set(playbook.clocks.flatMap((clock) => [clock.stops.event, ...(clock.waivedBy ? [clock.waivedBy.event] : [])]));
  const seen = new Set<string>();
  const injectId = (wanted: string) => {
    let candidate = wanted.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'inject';
    for (let n = 2; seen.has(candidate); n += 1) candidate = `${wanted}-${n}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
    seen.add(candidate);
    return candidate;
  };
  for (const event of events) {
    if (event.kind === 'exercise.inject') {
      injects.push({ id: injectId(event.data.id), at: offset(event.occurredAt), from: event.data.from, title: event.data.title, body: event.data.body, ...(event.data.reveals ? { reveals: event.data.reveals } : {}) });
    } else if (event.kind === 'awareness.recorded' && !opened.data.exercise) {
      injects.push({ id: injectId(`moment-${event.data.moment}`), at: offset(event.occurredAt), from: who(event.actor), title: event.data.label, body: `${who(event.actor)} tells the team: ${event.data.label.toLowerCase()}.` });
    } else if (event.kind === 'decision' && event.data.payload && !opened.data.exercise && !reportsTo.has(event.data.event)) {
      const facts = Object.entries(event.data.payload);
      injects.push({
        id: injectId(`known-${event.data.event}`),
        at: offset(event.occurredAt),
        from: who(event.actor),
        title: `What is known: ${words.decision(event.data.event)}`,
        body: facts.map(([field, value]) => `${words.field(event.data.event, field)}: ${inWords(value)}`).join('\n'),
        reveals: Object.fromEntries(facts),
      });
    } else if (event.kind === 'notice.received') {
      injects.push({ id: injectId(`notice-${event.data.notice.seq}`), at: offset(event.occurredAt), from: event.data.from.title, title: event.data.notice.label, body: describeExchange(event, words) });
    }
  }

  const expectations: Array<Record<string, unknown>> = [];
  for (const state of clocks) {
    if (state.status === 'not-started' || !('dueAt' in state)) continue;
    const by = offset(state.dueAt);
    if (state.status === 'waived' && state.clock.waivedBy) {
      expectations.push({ id: `${state.clock.id}-decided`, decision: state.clock.waivedBy.event, by, weight: 1, description: `${state.clock.label}: decided, by its deadline` });
    } else if (state.status !== 'waived') {
      expectations.push({ id: state.clock.id, notification: state.clock.id, by, weight: isStatutory(state.clock) ? 3 : 1, description: `${state.clock.label}, by ${'hours' in state.clock.runs ? 'its deadline' : 'its target'}` });
    }
  }
  const awareAt = Date.parse(opened.data.awareAt);
  for (const [milestone, decisions] of Object.entries(playbook.milestones)) {
    const target = options.targets?.[milestone];
    if (target === undefined) continue;
    const taken = decisions.find((event) => events.some((e) => e.kind === 'decision' && e.data.event === event)) ?? decisions[0];
    expectations.push({ id: `target-${milestone}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-'), decision: taken, by: offsetText(awareAt - startAt + target), weight: 2, description: `${milestone}, within the organisation's target` });
  }

  const participants = new Map<string, { name: string; role: string }>();
  participants.set(opened.actor.role, { name: who(opened.actor), role: opened.actor.role });
  const answers: Array<Record<string, unknown>> = [];
  for (const event of events) {
    if (event.actor.role === 'system' || event.actor.role === 'facilitator' || event.actor.role === 'linked-organisation') continue;
    const by = { name: who(event.actor), role: event.actor.role };
    if (event.kind !== 'incident.opened' && !participants.has(event.actor.role)) participants.set(event.actor.role, by);
    const entry = answerOf(event, options);
    if (entry) answers.push({ ...entry, at: offset(event.occurredAt), by });
  }

  const lastAt = recordEnd(events, { from: startAt });
  const happened = events.flatMap((event) => {
    if (event.kind === 'note' && !options.withNotes) return [];
    const line = whatHappened(event, words);
    return line ? [`#   ${offset(event.occurredAt).padEnd(9)} ${who(event.actor)}: ${line}`] : [];
  });
  const header = [
    `# A scenario made by irp from the record of ${opened.incident} ("${opened.data.title}"), ${formatLondon(options.madeAt)}.`,
    `# Injects are what the team learnt and when; expectations are what the law and the organisation's targets`,
    `# require, never the times achieved. ${options.withNames ? 'People are named.' : 'People are named by their roles.'} Edit it as any scenario.`,
  ];
  const scenario = {
    id,
    title: `Rehearsal: ${opened.data.title.replace(/ \(exercise\)$/, '')}`,
    description: `Made from the record of ${opened.incident}: the same moments, facts and notices, at the same times.`,
    playbook: { id: playbook.id, version: `^${playbook.version.split('.')[0]}.0.0` },
    // The rehearsal runs for the nation, guidance and law the incident was opened for, so that its clocks are the same.
    ...(Object.keys(playbook.settings).length > 0 ? { settings: { ...playbook.chosen } } : {}),
    start: londonText(startAt),
    timeZone: 'Europe/London',
    awareAt: offsetText(awareAt - startAt),
    ends: offsetText(Math.ceil((lastAt - startAt) / 60_000) * 60_000),
    participants: [...participants.values()],
    injects: injects.sort((a, b) => offsetMs(a.at as string) - offsetMs(b.at as string)),
    expectations,
  };
  return {
    scenario: `${header.join('\n')}\n${stringify(scenario, { lineWidth: 0 })}\n# What happened in the incident, for the facilitator (not shown to the team):\n${happened.join('\n')}\n`,
    answers: `# The team's own record of ${opened.incident}, as answers to the scenario made from it.\n${stringify({ steps: answers }, { lineWidth: 0 })}`,
  };
}

/** One entry of the record as an answers-file entry, or `undefined` for what the scenario itself brings (injects). */
function answerOf(event: RecordedEvent, options: FromRecordOptions): Record<string, unknown> | undefined {
  switch (event.kind) {
    case 'checklist.ticked':
      return { tick: event.data.items.map((item) => `${event.data.step}:${item}`) };
    case 'decision':
      return {
        decide: event.data.event,
        ...(event.data.payload ? { data: event.data.payload } : {}),
        ...(event.data.rationale ? { rationale: event.data.rationale } : {}),
        ...(event.data.lateReasons ? { lateReasons: event.data.lateReasons } : {}),
        ...(event.note ? { note: event.note } : {}),
      };
    case 'note':
      if (!options.withNotes && event.data.about === undefined) return undefined;
      if (event.data.about === 'closure' || event.data.about === 'board') return undefined;
      return { note: event.data.text };
    case 'awareness.recorded':
      return { aware: event.data.moment, ...(event.data.reason ? { correction: event.data.reason } : {}) };
    case 'fact.corrected':
      return { correct: { fact: event.data.fact, value: event.data.value, because: event.data.reason } };
    case 'step.assigned':
      return { assign: { step: event.data.step, name: event.data.assignee.name, role: event.data.assignee.role } };
    case 'command.handed-over':
      return { handover: event.data.to };
    case 'notification.reported':
      return {
        report: {
          clock: event.data.clock,
          followUp: event.data.followUp,
          ...(event.data.reference ? { reference: event.data.reference } : {}),
          ...(event.data.lateReasons ? { lateReasons: event.data.lateReasons } : {}),
        },
      };
    case 'organisation.registered':
      return { register: [event.data] };
    case 'organisation.duty': {
      const { organisation, duty, product, how, reference, payload, notNeeded } = event.data;
      return { duty: { id: duty, for: [organisation], ...(product ? { product } : {}), ...(how ? { how } : {}), ...(reference ? { reference } : {}), ...(payload ? { data: payload } : {}), ...(notNeeded ? { notNeeded } : {}) } };
    }
    default:
      return undefined;
  }
}

function whatHappened(event: RecordedEvent, words: ReturnType<typeof playbookWords>): string | undefined {
  switch (event.kind) {
    case 'decision':
      return `decided "${words.decision(event.data.event)}"${event.note ? ` (${event.note})` : ''}`;
    case 'awareness.recorded':
      return event.data.label;
    case 'notification.reported':
      return `${event.data.followUp ? 'follow-up report' : 'report'} to ${words.clock(event.data.clock)}`;
    case 'notification.sent':
      return `notice sent to ${event.data.to} by ${event.data.via}`;
    case 'note':
      return `note: ${event.data.text}`;
    case 'organisation.duty':
    case 'notice.received':
      return describeExchange(event, words);
    default:
      return undefined;
  }
}

/** `+1d2h30m`, the offsets scenarios and answers files use (seconds only where there are some). */
export function offsetText(ms: number): string {
  let rest = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(rest / 86_400);
  rest -= d * 86_400;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  const s = rest - m * 60;
  const text = `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
  return `+${text || '0m'}`;
}

function offsetMs(text: string): number {
  const units: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };
  let total = 0;
  for (const [, n, unit] of text.matchAll(/(\d+)([dhms])/g)) total += Number(n) * (units[unit as string] as number);
  return total;
}

/** `2022-08-04 07:00`, a scenario's `start`, in London time. */
function londonText(ms: number): string {
  const t = londonTimeOf(new Date(ms));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${t.year}-${two(t.month)}-${two(t.day)} ${two(t.hour)}:${two(t.minute)}`;
}
