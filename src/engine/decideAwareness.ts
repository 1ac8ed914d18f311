import { momentsOf } from '../clocks/clockSpec.ts';
import { UserError } from '../errors.ts';
import type { NewEvent } from '../record/recordedEvent.ts';
import { attributed, type Attribution } from './decide.ts';
import type { IncidentFold } from './deriveIncident.ts';
import type { IncidentView } from './incidentView.ts';

/**
 * Records a named moment of awareness that starts clocks of its own ("aware of a personal data breach", which can
 * come weeks after the incident). Recording it again corrects it and needs the reason why the first was wrong.
 */
export function decideAwareness(
  fold: IncidentFold,
  view: IncidentView,
  moment: string,
  by: Attribution & { correction?: string | undefined },
): NewEvent {
  const moments = momentsOf(fold.playbook.clocks);
  const label = moments.get(moment);
  if (label === undefined) {
    throw new UserError({ code: 'unknown-moment', moment, playbook: fold.playbook.id, moments: [...moments].map(([id, text]) => `${id} (${text})`) });
  }
  const earlier = view.moments[moment];
  const correction = by.correction?.trim();
  if (earlier && !correction) {
    throw new UserError({ code: 'moment-recorded', label, at: earlier.at, by: earlier.by.name, seq: earlier.seq });
  }
  if (!earlier && correction) throw new UserError({ code: 'moment-not-recorded', label });
  return {
    kind: 'awareness.recorded',
    data: { moment, label, ...(correction ? { reason: correction } : {}) },
    ...attributed(by),
  };
}
