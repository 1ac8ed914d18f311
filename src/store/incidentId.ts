import { UserError } from '../errors.ts';

/** What an incident id may look like: it names a file, so no separators, no leading dot, no `..`. */
const INCIDENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export function isIncidentId(incident: string): boolean {
  return INCIDENT_ID.test(incident) && !incident.includes('..');
}

/** Refuses an id that could not be an incident's, before any store method touches a file or a row with it. */
export function checkIncidentId(incident: string): void {
  if (!isIncidentId(incident)) throw new UserError({ code: 'bad-incident-id', incident });
}
