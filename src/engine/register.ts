import type { Organisation } from '../record/organisation.ts';
import type { Actor, EventData, RecordedEvent } from '../record/recordedEvent.ts';

/** An entry of the record, as the register refers to it. */
export interface RegisterEntryRef {
  seq: number;
  at: string;
  recordedAt: string;
  by: Actor;
}

export interface RegisteredOrganisation extends RegisterEntryRef {
  organisation: Organisation;
  /** The entry was recorded again (a correction of the register): the latest counts. */
  updated: boolean;
}

export interface DutyDone extends RegisterEntryRef {
  organisation: string;
  duty: string;
  product?: string | undefined;
  how?: string | undefined;
  reference?: string | undefined;
  payload?: Record<string, unknown> | undefined;
  notNeeded?: string | undefined;
}

export interface AcknowledgementRecord extends RegisterEntryRef {
  organisation: string;
  notice: number;
  from: EventData<'acknowledgement.received'>['from'];
  via: 'signed-file' | 'shared-store';
}

export interface NoticeRecord extends RegisterEntryRef {
  data: EventData<'notice.received'>;
}

/**
 * The organisations of an incident and what has been done for each, as the record holds them: the supplier's
 * register (organisations, duties done, acknowledgements received) and, in a customer's incident, the notices
 * taken in from the supplier's and which of them were acknowledged. Part of the fold: kept up to date entry by
 * entry, never worked out again from the whole record.
 */
export interface RegisterState {
  organisations: Map<string, RegisteredOrganisation>;
  /** By `dutyKey(organisation, duty, product)`. */
  done: Map<string, DutyDone>;
  /** By the seq of the notice (the duty's entry) acknowledged. */
  acknowledgements: Map<number, AcknowledgementRecord>;
  /** Notices received, by `noticeKey(incident, seq)`. */
  received: Map<string, NoticeRecord>;
  /** Notices received that this organisation acknowledged, by `noticeKey`. */
  acknowledged: Set<string>;
}

export const dutyKey = (organisation: string, duty: string, product?: string) => `${organisation}\u0000${duty}\u0000${product ?? ''}`;
export const noticeKey = (incident: string, seq: number) => `${incident}#${seq}`;

export function emptyRegister(): RegisterState {
  return { organisations: new Map(), done: new Map(), acknowledgements: new Map(), received: new Map(), acknowledged: new Set() };
}

type Applicable = { kind: RecordedEvent['kind']; data: unknown; occurredAt: string; actor: Actor; seq?: number; recordedAt?: string };

/** Applies one entry to the register (mutating it); entries of other kinds leave it as it is. */
export function applyToRegister(register: RegisterState, event: Applicable): void {
  const ref: RegisterEntryRef = {
    seq: event.seq ?? 0,
    at: event.occurredAt,
    recordedAt: event.recordedAt ?? event.occurredAt,
    by: event.actor,
  };
  switch (event.kind) {
    case 'organisation.registered': {
      const organisation = event.data as Organisation;
      register.organisations.set(organisation.id, { ...ref, organisation, updated: register.organisations.has(organisation.id) });
      break;
    }
    case 'organisation.duty': {
      const data = event.data as EventData<'organisation.duty'>;
      register.done.set(dutyKey(data.organisation, data.duty, data.product), { ...ref, ...data });
      break;
    }
    case 'acknowledgement.received': {
      const data = event.data as EventData<'acknowledgement.received'>;
      register.acknowledgements.set(data.notice, { ...ref, organisation: data.organisation, notice: data.notice, from: data.from, via: data.via });
      break;
    }
    case 'notice.received': {
      const data = event.data as EventData<'notice.received'>;
      register.received.set(noticeKey(data.from.incident, data.notice.seq), { ...ref, data });
      break;
    }
    case 'notice.acknowledged': {
      const data = event.data as EventData<'notice.acknowledged'>;
      register.acknowledged.add(noticeKey(data.incident, data.seq));
      break;
    }
    default:
      break;
  }
}

export interface LinkedIncident {
  incident: string;
  title: string;
  /** This incident's organisation, as the supplier's register has it. */
  organisation: { id: string; name: string };
  received: number;
  acknowledged: number;
  /** When the latest notice was told. */
  lastToldAt: string;
}

/** The incident this one takes notices from (the supplier's), from the notices received; `undefined` if none. */
export function linkedIncidentOf(fold: { register: RegisterState }): LinkedIncident | undefined {
  const received = [...fold.register.received.values()];
  const first = received[0];
  if (!first) return undefined;
  return {
    incident: first.data.from.incident,
    title: first.data.from.title,
    organisation: first.data.to,
    received: received.length,
    acknowledged: fold.register.acknowledged.size,
    lastToldAt: received.map((r) => r.data.notice.toldAt).sort().at(-1) as string,
  };
}

/**
 * The register as kept in a checkpoint: a supplier's register holds thousands of duties done, so what the key
 * already says (organisation, duty, product) is not written again, a recording time equal to the time claimed is
 * left out, and people are written once and named by their place.
 */
export interface KeptRegister {
  people: Actor[];
  organisations: Array<[string, Organisation, number, string, string | 0, number, boolean]>;
  done: Array<[string, number, string, string | 0, number, Omit<DutyDone, 'organisation' | 'duty' | 'product' | 'seq' | 'at' | 'recordedAt' | 'by'>]>;
  acknowledgements: Array<[number, AcknowledgementRecord]>;
  received: Array<[string, NoticeRecord]>;
  acknowledged: string[];
}

export function keepRegister(register: RegisterState): KeptRegister {
  const people: Actor[] = [];
  const known = new Map<string, number>();
  const person = (actor: Actor): number => {
    const key = `${actor.name}\u0000${actor.role}`;
    let index = known.get(key);
    if (index === undefined) {
      index = people.push(actor) - 1;
      known.set(key, index);
    }
    return index;
  };
  const recorded = (ref: RegisterEntryRef): string | 0 => (ref.recordedAt === ref.at ? 0 : ref.recordedAt);
  return {
    people,
    organisations: [...register.organisations].map(([id, entry]) => [id, entry.organisation, entry.seq, entry.at, recorded(entry), person(entry.by), entry.updated]),
    done: [...register.done].map(([key, entry]) => {
      const { organisation: _o, duty: _d, product: _p, seq, at, recordedAt: _r, by, ...rest } = entry;
      return [key, seq, at, recorded(entry), person(by), rest];
    }),
    acknowledgements: [...register.acknowledgements],
    received: [...register.received],
    acknowledged: [...register.acknowledged],
  };
}

export function resumeRegister(kept: KeptRegister): RegisterState {
  const by = (index: number): Actor => kept.people[index] as Actor;
  return {
    organisations: new Map(kept.organisations.map(([id, organisation, seq, at, recordedAt, person, updated]) => [id, { organisation, seq, at, recordedAt: recordedAt === 0 ? at : recordedAt, by: by(person), updated }])),
    done: new Map(
      kept.done.map(([key, seq, at, recordedAt, person, rest]) => {
        const [organisation, duty, product] = key.split('\u0000') as [string, string, string];
        return [key, { organisation, duty, ...(product === '' ? {} : { product }), seq, at, recordedAt: recordedAt === 0 ? at : recordedAt, by: by(person), ...rest }];
      }),
    ),
    acknowledgements: new Map(kept.acknowledgements),
    received: new Map(kept.received),
    acknowledged: new Set(kept.acknowledged),
  };
}
