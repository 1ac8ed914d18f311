import type { ClockState } from '../clocks/clockStatus.ts';
import { UserError } from '../errors.ts';
import type { NewEvent } from '../record/recordedEvent.ts';
import { attributed, type Attribution } from './decide.ts';
import { lateNotificationOf } from './entryCheck.ts';
import type { IncidentFold } from './deriveIncident.ts';
import { clocksOfFold } from './incidentFold.ts';
import type { IncidentView } from './incidentView.ts';

/**
 * Records a report to a clock's recipient made outside the playbook's own decision: a follow-up with what is now
 * known (UK GDPR Art. 33(4) allows information in phases), or the first report of a clock whose step the
 * incident has already passed (a waiver re-opened by a later fact). Where the playbook offers the decision that
 * records the report, that decision is the way to record it.
 */
export function decideReport(
  fold: IncidentFold,
  view: IncidentView,
  report: { clock: string; followUp: boolean; reference?: string | undefined; lateReasons?: string | undefined },
  by: Attribution,
): NewEvent {
  const lateReasons = report.lateReasons?.trim() || undefined;
  let late: ReturnType<typeof lateNotificationOf>;
  const state = clocksOfFold(fold, by.occurredAt).find((s) => s.clock.id === report.clock);
  if (!state) {
    throw new UserError({ code: 'unknown-clock', clock: report.clock, incident: view.id, clocks: fold.playbook.clocks.map((c) => c.id) });
  }
  const { clock } = state;
  // A clock that an earlier report could not meet (made before the clock started) is met by the follow-up owed.
  const owed = 'followUpOwed' in state && state.followUpOwed !== undefined;
  if (report.followUp && !owed) {
    if (state.status !== 'met' && state.status !== 'met-late') {
      throw new UserError({ code: 'nothing-to-follow-up', recipient: clock.recipient, state: statusWords(state) });
    }
    if (by.occurredAt.getTime() < Date.parse(state.at)) {
      throw new UserError({ code: 'follow-up-before-report', at: state.at, seq: state.seq });
    }
  } else if (!report.followUp) {
    if (state.status === 'met' || state.status === 'met-late') {
      throw new UserError({ code: 'already-reported', recipient: clock.recipient, at: state.at, seq: state.seq });
    }
    if (state.status === 'not-started' || state.status === 'waived') {
      throw new UserError({ code: 'no-report-due', clockLabel: clock.label, state: statusWords(state) });
    }
    const offered = view.choices.find((choice) => choice.event === clock.stops.event && choice.blockers.length === 0);
    if (offered) {
      throw new UserError({ code: 'report-is-a-decision', event: clock.stops.event, label: offered.label });
    }
    late = lateNotificationOf(fold, clock.stops.event, by.occurredAt);
    if (late && lateReasons === undefined) throw new UserError({ code: 'late-without-reason', event: clock.stops.event, ...late });
  }
  if (!late && lateReasons !== undefined) throw new UserError({ code: 'not-late', event: clock.stops.event, label: clock.label });
  return {
    kind: 'notification.reported',
    data: {
      clock: clock.id,
      followUp: report.followUp,
      ...(report.reference?.trim() ? { reference: report.reference.trim() } : {}),
      ...(lateReasons === undefined ? {} : { lateReasons }),
    },
    ...attributed(by),
  };
}

function statusWords(state: ClockState): string {
  switch (state.status) {
    case 'not-started':
      return `not started (it starts with: ${state.waitingFor})`;
    case 'waived':
      return 'waived as not required';
    default:
      return state.status.replace('-', ' ');
  }
}
