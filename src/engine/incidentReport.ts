import type { ClockState } from '../clocks/clockStatus.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { IncidentView } from './incidentView.ts';

/** An incident as seen now, plus the playbook it runs under and whether that playbook changed since it opened. */
export interface IncidentReport {
  view: IncidentView;
  playbook: LoadedPlaybook;
  playbookChanged: boolean;
  /** Events recorded by this call (timers that fell due before the command's time, then the command's own). */
  recorded: RecordedEvent[];
  /** Every clock of the playbook as it stands now. */
  clocks: ClockState[];
}

