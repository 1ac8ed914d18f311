import type { Irp, IncidentReport } from '../api/irp.ts';
import { isStatutory } from '../clocks/clockSpec.ts';
import { byUrgency, type ClockState } from '../clocks/clockStatus.ts';
import { playbookWords } from '../playbook/playbookWords.ts';
import { inWords } from '../record/inWords.ts';
import { describeExchange } from '../engine/exchangeWords.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';

/** What the board shows of one incident: plain data, every string as recorded (escaped where it is drawn). */
export interface BoardIncident {
  id: string;
  title: string;
  exercise: boolean;
  awareAt: string;
  commander: string;
  steps: Array<{ title: string; role: string; holder?: string | undefined; ticked: number; required: number }>;
  clocks: Array<{ label: string; law: string; statutory: boolean; /** A fixed deadline, not a target. */ deadline: boolean; status: ClockState['status']; dueAt?: string; remainingMs?: number; at?: string }>;
  timeline: Array<{ seq: number; at: string; recordedAt: string; who: string; text: string; recent: boolean }>;
  /** The register's counts and its most urgent duties (a supplier's incident); never every organisation. */
  register?: {
    count: number;
    members: number;
    notices: { sent: number; acknowledged: number };
    duties: Array<{ label: string; short: string; owed: number; done: number; overdue: number }>;
    urgent: Array<{ organisation: string; duty: string; product?: string | undefined; status: string; dueAt: string; remainingMs: number }>;
  };
  /** The supplier's incident this one takes notices from. */
  linked?: { incident: string; title: string; organisation: string; received: number; acknowledged: number };
  /** Copies of the record set aside when it diverged from a shared one, while they are kept. */
  offlineCopies: Array<{ file: string; entries: number; waiting: number; problem?: string | undefined }>;
}

/** How many of the register's most urgent duties the board shows for an incident. */
const URGENT_DUTIES = 5;

const RECENT_MS = 10 * 60_000;
/** What the board's timeline shows: what people decided, said and told, not ticks or timers. */
const TIMELINE_KINDS = new Set<RecordedEvent['kind']>(['decision', 'note', 'notification.reported', 'exercise.inject', 'organisation.duty', 'notice.received', 'acknowledgement.received']);
const TIMELINE = 15;

/** One incident as its own page on the board shows it. */
export async function boardIncident(irp: Irp, id: string, now: Date): Promise<BoardIncident> {
  return incidentOf(await irp.status(id), now);
}

function incidentOf(report: IncidentReport, now: Date): BoardIncident {
  const { view, playbook } = report;
  const words = playbookWords(playbook);
  const clocks = [...report.clocks].sort((a, b) => Number(isStatutory(b.clock)) - Number(isStatutory(a.clock)) || byUrgency(a, b));
  const timeline = view.events
    .filter((event) => TIMELINE_KINDS.has(event.kind))
    .slice(-TIMELINE)
    .reverse()
    .map((event) => ({
      seq: event.seq,
      at: event.occurredAt,
      recordedAt: event.recordedAt,
      who: event.actor.name,
      text: describe(event, words),
      recent: now.getTime() - Date.parse(event.recordedAt) < RECENT_MS,
    }));
  const register = report.register;
  const linked = report.linked;
  return {
    ...(register
      ? {
          register: {
            count: register.count,
            members: register.members,
            notices: register.notices,
            duties: register.duties.map(({ label, short, owed, done, overdue }) => ({ label, short, owed, done, overdue })),
            urgent: register.urgent.slice(0, URGENT_DUTIES).map(({ organisation, state }) => ({
              organisation: organisation.name,
              duty: state.duty.short,
              ...(state.product ? { product: state.product } : {}),
              status: state.status,
              dueAt: state.dueAt,
              remainingMs: state.remainingMs,
            })),
          },
        }
      : {}),
    offlineCopies: report.offlineCopies,
    ...(linked ? { linked: { incident: linked.incident, title: linked.title, organisation: linked.organisation.name, received: linked.received, acknowledged: linked.acknowledged } } : {}),
    id: view.id,
    title: view.title,
    exercise: view.exercise,
    awareAt: view.awareAt,
    commander: view.commander.name,
    steps: view.steps.map((step) => ({
      title: step.title,
      role: step.roleName,
      ...(step.assignee ? { holder: step.assignee.name } : view.roleHolders[step.role] ? { holder: view.roleHolders[step.role]?.name } : {}),
      ticked: step.checklist.filter((item) => item.required && item.ticked).length,
      required: step.checklist.filter((item) => item.required).length,
    })),
    clocks: clocks.map((state) => ({
      label: state.clock.label,
      law: state.clock.source.law,
      statutory: isStatutory(state.clock),
      deadline: 'hours' in state.clock.runs,
      status: state.status,
      ...('dueAt' in state ? { dueAt: state.dueAt } : {}),
      ...('remainingMs' in state ? { remainingMs: state.remainingMs } : {}),
      ...('at' in state ? { at: state.at } : {}),
    })),
    timeline,
  };
}

function describe(event: RecordedEvent, words: ReturnType<typeof playbookWords>): string {
  switch (event.kind) {
    case 'decision': {
      const data = Object.entries(event.data.payload ?? {}).map(([field, value]) => `${words.field(event.data.event, field)}: ${inWords(value)}`);
      return `${words.decision(event.data.event)}${data.length > 0 ? ` (${data.join('; ')})` : ''}${[event.data.rationale, event.note].filter(Boolean).map((text) => ` — ${text}`).join('')}`;
    }
    case 'note':
      return `${event.data.about === 'lesson' ? 'Lesson: ' : event.data.about === 'action' ? 'Action: ' : 'Note: '}${event.data.text}`;
    case 'notification.reported':
      return `Report: ${words.clock(event.data.clock)}`;
    case 'notification.sent':
      return `Notice sent to ${event.data.to} (${words.clock(event.data.clock)}) by ${event.data.via}`;
    case 'exercise.inject':
      return `Inject from ${event.data.from}: ${event.data.title}`;
    default:
      return describeExchange(event, words);
  }
}
