import { clockStates, extendClockIndex, verdictChanges, type ClockState, type VerdictChange } from '../clocks/clockStatus.ts';
import { viewOf } from '../engine/deriveIncident.ts';
import { clocksOfFold, forkFold, type IncidentFold } from '../engine/incidentFold.ts';
import type { IncidentReport } from '../engine/incidentReport.ts';
import type { IncidentView } from '../engine/incidentView.ts';
import { projectDueTimers } from '../engine/timers.ts';
import { registerStatus, type RegisterStatus } from '../engine/registerStatus.ts';
import { linkedIncidentOf } from '../engine/register.ts';

/**
 * The report of the incident as of `now`: the view (with the timers due by then applied to a fork of the fold,
 * never to it) and the clocks. Both are worked out when first read and then kept, so a driver that only needs to
 * know that its command was recorded (an answers file, an exercise) does not pay for a view it never reads. They
 * show the record as it stands now, whatever this handle records later.
 */
export function reportOf(fold: IncidentFold, now: Date, rest: Pick<IncidentReport, 'playbook' | 'playbookChanged' | 'recorded'>): IncidentReport {
  const projected = forkFold(fold);
  const recorded = fold.events;
  const count = recorded.length;
  const events = () => (recorded.length === count ? recorded : recorded.slice(0, count));
  let view: IncidentView | undefined;
  let clocks: ClockState[] | undefined;
  let register: RegisterStatus | undefined | null;
  let changes: VerdictChange[] | undefined;
  return {
    ...rest,
    get view() {
      if (!view) {
        projected.events = events();
        view = viewOf(projected, projectDueTimers(projected, now));
      }
      return view;
    },
    // From the fork made now, which keeps the register as it stands now whatever this handle records later.
    get register() {
      if (register === undefined) {
        projected.events = events();
        register = fold.playbook.duties.length > 0 ? registerStatus(projected, now) : null;
      }
      return register ?? undefined;
    },
    get linked() {
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
