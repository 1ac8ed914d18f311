import type { RecordedEvent } from '../record/recordedEvent.ts';
import { FACILITATOR_ACTOR, SYSTEM_ACTOR } from '../record/recordedEvent.ts';
import type { StoredBy } from '../store/incidentStore.ts';

/** An entry whose claimed actor is not the person of the login that stored it. */
export interface ForgedActor {
  seq: number;
  claimed: string;
  login: string;
  person: string;
  organisation?: string | undefined;
}

/** What the store's own stamp on each row says of the names the entries claim. */
export interface ClaimsCheck {
  /** Entries stamped with a login that is a person of irp, each compared with the name it claims. */
  checked: number;
  forged: ForgedActor[];
  /** Logins that stored entries but are not people of irp (the schema's owner, a login not yet mapped). */
  unknownLogins: Array<{ login: string; entries: number }>;
  /** Entries stored before the store stamped logins. */
  unstamped: number;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Each entry's claimed actor against the person of the login that stored it. Entries irp makes itself (timers,
 * the facilitator's injects) are stored by whoever's append caught them up, and are not people's claims; an entry
 * made for a linked organisation claims "<person> for <organisation>". Pure.
 */
export function checkClaims(events: Iterable<Pick<RecordedEvent, 'seq' | 'actor'>>, stored: readonly StoredBy[]): ClaimsCheck {
  const checker = claimsChecker(stored);
  for (const event of events) checker.visit(event);
  return checker.result();
}

/** The same check, an entry at a time: for a record read in chunks (`irp verify`). */
export function claimsChecker(stored: readonly StoredBy[]): { visit(event: Pick<RecordedEvent, 'seq' | 'actor'>): void; result(): ClaimsCheck } {
  const bySeq = new Map(stored.map((row) => [row.seq, row]));
  const check: ClaimsCheck = { checked: 0, forged: [], unknownLogins: [], unstamped: 0 };
  const unknown = new Map<string, number>();
  return {
    visit(event) {
      const row = bySeq.get(event.seq);
      if (!row?.login) {
        check.unstamped += 1;
        return;
      }
      if (event.actor.role === SYSTEM_ACTOR.role || event.actor.role === FACILITATOR_ACTOR.role) return;
      if (!row.person) {
        unknown.set(row.login, (unknown.get(row.login) ?? 0) + 1);
        return;
      }
      check.checked += 1;
      const claimed = event.actor.name;
      if (same(claimed, row.person) || claimed.toLowerCase().startsWith(`${row.person.trim().toLowerCase()} for `)) return;
      check.forged.push({ seq: event.seq, claimed, login: row.login, person: row.person, organisation: row.organisation?.name });
    },
    result() {
      return { ...check, unknownLogins: [...unknown].map(([login, entries]) => ({ login, entries })) };
    },
  };
}
