import type { OfflineCopySummary } from '../engine/incidentReport.ts';
import type { ClockState } from '../clocks/clockStatus.ts';
import type { IncidentReport } from '../engine/incidentReport.ts';

/** What the summary index keeps about an incident: its summary, and its clocks as they stood when it was made. */
export interface SummaryEntry {
  summary: IncidentSummary;
  clocks: ClockState[];
  playbookId: string;
  /** The source of the playbook it was derived under: a revised playbook is derived again. */
  sourceHash: string;
  /** The first pending timer's due time, when the view would change with no new entry. */
  nextTimerAt?: string;
}

export interface IncidentSummary {
  id: string;
  /** Copies of the record set aside when it diverged from a shared one, while they are kept (see `irp pending`). */
  offlineCopies?: OfflineCopySummary[];
  title?: string;
  /** Who is in command now. */
  commander?: string;
  /** The organisation this incident is of, where the record says (a customer's incident linked to its supplier's). */
  organisation?: string;
  playbook?: string;
  awareAt?: string;
  exercise?: boolean;
  finished?: boolean;
  steps?: string[];
  lastRecordedAt?: string;
  /** Set when the record could not be read: the incident is listed, not hidden. */
  problem?: string;
  /** Where each clock stands now (for exercises, at the exercise's last recorded moment). */
  clocks?: ClockState[];
  /** When a playbook timer next falls due: the view changes then with no new entry. */
  nextTimerAt?: string;
  /** Duties to organisations of the register not done, whose clock runs: to whom, what, and by when. */
  owedDuties?: Array<{ organisation: string; duty: string; product?: string | undefined; dueAt: string }>;
  /** Actions raised and not closed, with their owner and due date. */
  openActions?: Array<{ seq: number; text: string; owner?: string | undefined; due?: string | undefined }>;
}

/** What the summary index keeps of an incident, from a report of it. */
export function summaryEntryOf(id: string, report: IncidentReport): SummaryEntry {
  const { view } = report;
  return {
    summary: {
      id,
      title: view.title,
      commander: view.commander.name,
      ...(report.linked ? { organisation: report.linked.organisation.name } : {}),
      playbook: `${view.recordedPlaybook.id}@${view.recordedPlaybook.version}`,
      awareAt: view.awareAt,
      exercise: view.exercise,
      finished: view.finished,
      steps: view.steps.map((step) => step.title),
      lastRecordedAt: view.events.at(-1)?.recordedAt ?? view.openedAt,
      ...(view.timers[0] ? { nextTimerAt: view.timers[0].dueAt } : {}),
      ...(report.register && report.register.urgent.length > 0
        ? {
            owedDuties: report.register.urgent.map(({ organisation, state }) => ({
              organisation: organisation.name,
              duty: state.duty.label,
              ...(state.product ? { product: state.product } : {}),
              dueAt: state.dueAt,
            })),
          }
        : {}),
      openActions: view.actions.filter((action) => !action.closed).map(({ seq, text, owner, due }) => ({ seq, text, ...(owner ? { owner } : {}), ...(due ? { due } : {}) })),
    },
    clocks: report.clocks,
    playbookId: report.playbook.id,
    sourceHash: report.playbook.sourceHash,
    // The view changes without a new entry when a timer falls due: the summary holds until the next one.
    ...(view.timers[0] ? { nextTimerAt: view.timers[0].dueAt } : {}),
  };
}

/**
 * Whether a kept entry still says what a fresh derivation would at `now` (its record unchanged, as its fingerprint
 * says): no timer has fallen due since, and the playbook's source is the one it was derived under.
 */
export function stillHolds(entry: SummaryEntry, now: Date, sourceHash: string): boolean {
  return (entry.nextTimerAt === undefined || now.getTime() < Date.parse(entry.nextTimerAt)) && entry.sourceHash === sourceHash;
}
