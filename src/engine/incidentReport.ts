import type { ClockState, VerdictChange } from '../clocks/clockStatus.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import type { IncidentView } from './incidentView.ts';
import type { RegisterStatus } from './registerStatus.ts';
import type { LinkedIncident } from './register.ts';

export type { LinkedIncident } from './register.ts';

/** An incident as seen now, plus the playbook it runs under and whether that playbook changed since it opened. */
export interface IncidentReport {
  view: IncidentView;
  playbook: LoadedPlaybook;
  playbookChanged: boolean;
  /** Events recorded by this call (timers that fell due before the command's time, then the command's own). */
  recorded: RecordedEvent[];
  /** Every clock of the playbook as it stands now. */
  clocks: ClockState[];
  /** The clocks whose verdict rests on back-dated entries (see `verdictChanges`). */
  verdictChanges: VerdictChange[];
  /** The register of organisations and the duties to each, for a playbook that keeps one. */
  register: RegisterStatus | undefined;
  /** The incident this one takes notices from (the supplier's), and how many it took in and acknowledged. */
  linked: LinkedIncident | undefined;
  /** Copies of this record set aside when it diverged from a shared one, while they are kept (see `irp pending`). */
  offlineCopies: OfflineCopySummary[];
}

/** A set-aside offline copy of a record: where it is kept, its entries, how many are not yet in the record. */
export interface OfflineCopySummary {
  file: string;
  entries: number;
  /** Entries neither in the record, nor re-applied to it, nor recorded as not re-applied. */
  waiting: number;
  /** The copy could not be read or its chain is broken: what is wrong. */
  problem?: string | undefined;
}
