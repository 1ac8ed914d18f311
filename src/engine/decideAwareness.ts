import { momentsOf } from '../clocks/clockSpec.ts';
import { UserError } from '../errors.ts';
import type { NewEvent } from '../record/recordedEvent.ts';
import { formatLondon } from '../time/london.ts';
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
    const known = [...moments].map(([id, text]) => `${id} (${text})`).join('; ');
    throw new UserError(`"${moment}" is not a moment of awareness any clock of playbook ${fold.playbook.id} starts from. Moments: ${known || '(none)'}.`);
  }
  const earlier = view.moments[moment];
  const correction = by.correction?.trim();
  if (earlier && !correction) {
    throw new UserError(
      `"${label}" was already recorded as ${formatLondon(new Date(earlier.at))} by ${earlier.by.name} (event #${earlier.seq}). To correct it, record it again with the reason the earlier time was wrong (--correction "...").`,
    );
  }
  if (!earlier && correction) throw new UserError(`"${label}" has not been recorded yet, so there is nothing to correct; leave out --correction.`);
  return {
    kind: 'awareness.recorded',
    data: { moment, label, ...(correction ? { reason: correction } : {}) },
    ...attributed(by),
  };
}
