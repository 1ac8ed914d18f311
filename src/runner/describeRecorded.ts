import type { IncidentReport } from '../api/irp.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { renderEvent } from '../render/renderLog.ts';

/** What the runner just recorded, in one line each, for the message kept on screen: "Recorded #12 … decided "…"". */
export function describeRecorded(events: readonly RecordedEvent[], report: IncidentReport): string {
  const own = events.filter((event) => event.kind !== 'timer.fired');
  if (own.length === 0) return 'Nothing new was recorded.';
  return own.map((event) => `Recorded ${renderEvent(event, report.playbook).split('\n')[0]}`).join('\n');
}
