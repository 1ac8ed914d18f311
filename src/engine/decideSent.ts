import { createHash } from 'node:crypto';
import { UserError } from '../errors.ts';
import type { NewEvent } from '../record/recordedEvent.ts';
import { attributed, refuseIfFinished, type Attribution } from './decide.ts';
import type { IncidentFold } from './incidentFold.ts';
import type { IncidentView } from './incidentView.ts';

/** A notice sent to a clock's recipient, with the exact text sent. */
export interface SentCommand {
  kind: 'sent';
  clock: string;
  /** Who it was sent to ("ICO", "NCSC incident team"). */
  to: string;
  /** How ("ICO online form", "email to incident@ncsc.gov.uk"). */
  via: string;
  /** The exact text sent: kept in the record with its SHA-256, so that what was received can be held against it. */
  text: string;
  followUp?: boolean | undefined;
}

/**
 * Records that a notice was sent: to whom, how, and the text itself with its SHA-256. It stops no clock (the
 * decision or report that the playbook asks for does): it keeps what was actually said.
 */
export function decideSent(fold: IncidentFold, view: IncidentView, command: SentCommand, by: Attribution): NewEvent {
  refuseIfFinished(view);
  if (!fold.playbook.clocks.some((clock) => clock.id === command.clock)) {
    throw new UserError({ code: 'unknown-clock', clock: command.clock, incident: view.id, clocks: fold.playbook.clocks.map((c) => c.id) });
  }
  const to = command.to.trim();
  const via = command.via.trim();
  if (to === '' || via === '') throw new UserError({ code: 'sent-needs', what: to === '' ? 'to' : 'via' });
  if (command.text.trim() === '') throw new UserError({ code: 'sent-needs', what: 'text' });
  const sha256 = createHash('sha256').update(command.text, 'utf8').digest('hex');
  return {
    kind: 'notification.sent',
    data: { clock: command.clock, to, via, text: command.text, sha256, ...(command.followUp ? { followUp: true } : {}) },
    ...attributed(by),
  };
}
