import { clockStates, extendClockIndex, verdictChanges, type ClockState, type VerdictChange } from '../clocks/clockStatus.ts';
import { viewOf } from '../engine/deriveIncident.ts';
import { clocksOfFold, forkFold, type IncidentFold } from '../engine/incidentFold.ts';
import type { IncidentReport } from '../engine/incidentReport.ts';
import type { IncidentView } from '../engine/incidentView.ts';
import { projectDueTimers } from '../engine/timers.ts';
import { registerStatus, type RegisterStatus } from '../engine/registerStatus.ts';
import { applyToRegister, emptyRegister, linkedIncidentOf, type RegisterState } from '../engine/register.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { applyToActions } from '../engine/actions.ts';
import type { ActionRecord } from '../engine/incidentView.ts';

/** The register and the actions as the given entries make them: what a fold shares with its forks, as of then. */
function asOfThen(fold: IncidentFold, events: readonly RecordedEvent[]): void {
  const register: RegisterState = emptyRegister();
  const actions = new Map<number, ActionRecord>();
  for (const event of events) {
    applyToRegister(register, event);
    if (event.kind === 'note') applyToActions(actions, event);
  }
  fold.register = register;
  fold.actions = actions;
}

/**
 * The report of the incident as of `now`: the view (with the timers due by then applied to a fork of the fold,
 * never to it) and the clocks. Both are worked out when first read and then kept, so a driver that only needs to
 * know that its command was recorded (an answers file, an exercise) does not pay for a view it never reads. They
 * show the record as it stands now, whatever this handle records later.
 */
export function reportOf(fold: IncidentFold, now: Date, rest: Pick<IncidentReport, 'playbook' | 'playbookChanged' | 'recorded'> & Partial<Pick<IncidentReport, 'offlineCopies'>>): IncidentReport {
  const projected = forkFold(fold);
  const recorded = fold.events;
  const count = recorded.length;
  const events = () => (recorded.length === count ? recorded : recorded.slice(0, count));
  let view: IncidentView | undefined;
  let clocks: ClockState[] | undefined;
  let register: RegisterStatus | undefined | null;
  let changes: VerdictChange[] | undefined;
  return {
    offlineCopies: [],
    ...rest,
    get view() {
      if (!view) {
        projected.events = events();
        if (recorded.length !== count) asOfThen(projected, projected.events);
        view = viewOf(projected, projectDueTimers(projected, now));
      }
      return view;
    },
    // From the fork made now, which keeps the register as it stands now whatever this handle records later.
    // The register is shared by the fold and its forks (it is large); if this handle recorded since, the register
    // as it stood is made again from the entries of then.
    get register() {
      if (register === undefined) {
        projected.events = events();
        if (recorded.length !== count) asOfThen(projected, projected.events);
        register = fold.playbook.duties.length > 0 ? registerStatus(projected, now) : null;
      }
      return register ?? undefined;
    },
    get linked() {
      if (recorded.length !== count) asOfThen(projected, events());
      return linkedIncidentOf(projected);
    },
    get verdictChanges() {
      changes ??=
        recorded.length === count
          ? verdictChanges(fold.playbook.clocks, events(), now, extendClockIndex(fold.clockIndex, fold.events))
          : verdictChanges(fold.playbook.clocks, events(), now);
      return changes;
    },
    get clocks() {
      // From the fold's index while the record is as it was; from the entries of then if this handle recorded since.
      clocks ??= recorded.length === count ? clocksOfFold(fold, now) : clockStates(fold.playbook.clocks, events(), now);
      return clocks;
    },
  };
}
