import { z } from 'zod';
import { organisationSchema } from './organisation.ts';

/** Who did something: a person and the role they held, or the engine itself (timers). */
export const actorSchema = z.strictObject({
  name: z.string().min(1),
  role: z.string().min(1),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { name: 'irp', role: 'system' };

/** Who records what the exercise itself does: injects and moves of the simulated clock. */
export const FACILITATOR_ACTOR: Actor = { name: 'facilitator', role: 'facilitator' };

const isoInstant = z.iso.datetime({ offset: true });

const openedData = z.strictObject({
  title: z.string().min(1),
  awareAt: isoInstant,
  playbook: z.strictObject({ id: z.string(), version: z.string(), sourceHash: z.string() }),
  exercise: z.boolean().optional(),
  /**
   * How long after the fact an entry may be made without a reason, fixed for the life of the incident so that
   * every driver and every reader applies the same rule (15 minutes when left out).
   */
  backdateMarginMinutes: z.number().int().min(0).optional(),
  scenario: z.strictObject({ id: z.string(), title: z.string(), file: z.string(), sourceHash: z.string(), startAt: isoInstant }).optional(),
  /** The choices of the playbook's settings it was opened with (`{ nation: 'scotland' }`): see incidentSettings.ts. */
  settings: z.record(z.string().min(1), z.string().min(1)).optional(),
});
/**
 * A decision: the event, its data, and in the decision maker's words why it was taken (`rationale`, asked where the
 * playbook marks the decision) and, for a notification after its legal deadline, the reasons for the delay
 * (`lateReasons`, UK GDPR Art. 33(1)). Records made before either field existed keep both in the note.
 */
const decisionData = z.strictObject({
  event: z.string().min(1),
  payload: z.record(z.string(), z.unknown()).optional(),
  rationale: z.string().min(1).optional(),
  lateReasons: z.string().min(1).optional(),
});
const tickData = z.strictObject({ step: z.string().min(1), items: z.array(z.string().min(1)).min(1) });
/**
 * A note; or, with `about`, a lesson learned or an action to take (with its owner and a due date, YYYY-MM-DD), for
 * the after-action report's section of lessons and actions.
 */
const noteData = z.strictObject({
  text: z.string().min(1),
  /**
   * `lesson`, `action`; `closure`: what closed the action recorded at `closes`; `board`: the Board (or its
   * members named in the text) took part, for the yearly test with the Board that assurance looks for.
   */
  about: z.enum(['lesson', 'action', 'closure', 'board']).optional(),
  owner: z.string().min(1).optional(),
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  closes: z.number().int().min(1).optional(),
});
const assignedData = z.strictObject({ step: z.string().min(1), assignee: actorSchema });
/** Command handed over by the commander; or, with `takeover`, taken over by someone else, with the reason. */
const handoverData = z.strictObject({ to: actorSchema, takeover: z.strictObject({ from: z.string().min(1), reason: z.string().min(1) }).optional() });
const roleData = z.strictObject({ role: z.string().min(1), name: z.string().min(1) });
const injectData = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  body: z.string().min(1),
  from: z.string().min(1),
  reveals: z.record(z.string(), z.unknown()).optional(),
  /** Fired by hand by the facilitator rather than on its schedule. */
  manual: z.boolean().optional(),
});
const exerciseClockData = z.strictObject({ action: z.enum(['advance', 'pause', 'resume']), to: isoInstant });
const timerData = z.strictObject({ event: z.string().min(1), label: z.string(), step: z.string(), dueAt: isoInstant });
/** A recorded fact given a new value; the entry that recorded the old one stays in the record. */
const correctionData = z.strictObject({ fact: z.string().min(1), value: z.unknown(), previous: z.unknown(), reason: z.string().min(1) });
/**
 * A moment of awareness that starts clocks of its own ("aware that personal data is involved"). Recording it again
 * corrects it, with a reason.
 */
const awarenessData = z.strictObject({ moment: z.string().min(1), label: z.string().min(1), reason: z.string().min(1).optional() });
/**
 * A report made to a clock's recipient outside the playbook's own decision (a clock re-opened after its step was
 * passed), or a follow-up report with what is now known (UK GDPR Art. 33(4) allows reporting in phases).
 */
const reportedData = z.strictObject({
  clock: z.string().min(1),
  followUp: z.boolean(),
  reference: z.string().min(1).optional(),
  /** The reasons for the delay of a report after its legal deadline (UK GDPR Art. 33(1)). */
  lateReasons: z.string().min(1).optional(),
});

/**
 * A notice as it was sent to a clock's recipient: to whom, how, the exact text and its SHA-256 (hex, of the text's
 * UTF-8 bytes), so that what a regulator received can be held against the record.
 */
const sentData = z.strictObject({
  clock: z.string().min(1),
  to: z.string().min(1),
  via: z.string().min(1),
  text: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  followUp: z.boolean().optional(),
});

const head = z.strictObject({ count: z.number().int().min(1), hash: z.string().regex(/^[0-9a-f]{64}$/) });
/** A duty owed to an organisation of the register done: told, told its restore point, its Board's approval… */
const dutyData = z.strictObject({
  organisation: z.string().min(1),
  duty: z.string().min(1),
  product: z.string().min(1).optional(),
  /** How it was done: "signed notice by email", "phone call to the on-call director". */
  how: z.string().min(1).optional(),
  reference: z.string().min(1).optional(),
  /** What the duty's playbook asks to record with it (a restore point, the last good copy). */
  payload: z.record(z.string(), z.unknown()).optional(),
  /** Recorded as not owed to this organisation after all, and why (its data was not among what was taken). */
  notNeeded: z.string().min(1).optional(),
});
/**
 * A notice from another organisation's incident taken in (a supplier telling its customer): who sent it, from which
 * record and where that record stood, which of its entries it is, how its authenticity was established, and what it
 * set here.
 */
const noticeReceivedData = z.strictObject({
  from: z.strictObject({ incident: z.string().min(1), title: z.string().min(1), head }),
  to: z.strictObject({ id: z.string().min(1), name: z.string().min(1) }),
  notice: z.strictObject({
    seq: z.number().int().min(1),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    duty: z.string().min(1),
    label: z.string().min(1),
    toldAt: isoInstant,
    product: z.string().min(1).optional(),
    how: z.string().min(1).optional(),
    reference: z.string().min(1).optional(),
  }),
  via: z.enum(['signed-file', 'shared-store']),
  /** The fingerprint of the key that signed it (a signed file). */
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  /** Facts the receiving playbook takes from it. */
  sets: z.record(z.string(), z.unknown()).optional(),
});
/** This organisation acknowledged a notice it received (entry `seq` of the sender's incident). */
const noticeAcknowledgedData = z.strictObject({ incident: z.string().min(1), seq: z.number().int().min(1), via: z.enum(['signed-file', 'shared-store']) });
/** An organisation of the register acknowledged the notice recorded at `notice` (its entry in this record). */
const acknowledgementData = z.strictObject({
  organisation: z.string().min(1),
  notice: z.number().int().min(1),
  from: z.strictObject({ incident: z.string().min(1), head }),
  via: z.enum(['signed-file', 'shared-store']),
  fingerprint: z.string().regex(/^[0-9a-f]{16}$/).optional(),
});

/** Every kind of entry in an incident record, with the shape of its data. */
export const eventDataSchemas = {
  'incident.opened': openedData,
  decision: decisionData,
  'checklist.ticked': tickData,
  note: noteData,
  'timer.fired': timerData,
  'step.assigned': assignedData,
  'command.handed-over': handoverData,
  'role.assigned': roleData,
  'exercise.inject': injectData,
  'exercise.clock': exerciseClockData,
  'fact.corrected': correctionData,
  'awareness.recorded': awarenessData,
  'notification.reported': reportedData,
  'notification.sent': sentData,
  'organisation.registered': organisationSchema,
  'organisation.duty': dutyData,
  'notice.received': noticeReceivedData,
  'notice.acknowledged': noticeAcknowledgedData,
  'acknowledgement.received': acknowledgementData,
} as const;

export type EventKind = keyof typeof eventDataSchemas;
export type EventData<K extends EventKind> = z.infer<(typeof eventDataSchemas)[K]>;

const offlineOrigin = z.strictObject({
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  recordedAt: isoInstant,
  dropped: z.string().min(1).optional(),
});
export type OfflineOrigin = z.infer<typeof offlineOrigin>;

/** Where an entry typed up from a paper log came from: the file (its name) and the line of it. */
const paperOrigin = z.strictObject({ file: z.string().min(1), line: z.number().int().min(1) });
export type PaperOrigin = z.infer<typeof paperOrigin>;

const common = {
  seq: z.number().int().min(1),
  incident: z.string().min(1),
  occurredAt: isoInstant,
  recordedAt: isoInstant,
  actor: actorSchema,
  note: z.string().optional(),
  /** Why an entry was made more than the incident's margin after the time it claims (see `backdating.ts`). */
  backdateReason: z.string().min(1).optional(),
  /**
   * The entry of a set-aside offline copy this one re-applies, or (with `dropped`, the person's reason) records as
   * not re-applied: its place and hash there, and when it was recorded there, so that the offline entry can be
   * found and checked, and is never settled twice (`irp pending`).
   */
  fromOffline: offlineOrigin.optional(),
  /** The entry was written on paper while the systems were down and typed up afterwards (`irp enter`). */
  fromPaper: paperOrigin.optional(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
};

export const recordedEventSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('incident.opened'), data: openedData }),
  z.strictObject({ ...common, kind: z.literal('decision'), data: decisionData }),
  z.strictObject({ ...common, kind: z.literal('checklist.ticked'), data: tickData }),
  z.strictObject({ ...common, kind: z.literal('note'), data: noteData }),
  z.strictObject({ ...common, kind: z.literal('timer.fired'), data: timerData }),
  z.strictObject({ ...common, kind: z.literal('step.assigned'), data: assignedData }),
  z.strictObject({ ...common, kind: z.literal('command.handed-over'), data: handoverData }),
  z.strictObject({ ...common, kind: z.literal('role.assigned'), data: roleData }),
  z.strictObject({ ...common, kind: z.literal('exercise.inject'), data: injectData }),
  z.strictObject({ ...common, kind: z.literal('exercise.clock'), data: exerciseClockData }),
  z.strictObject({ ...common, kind: z.literal('fact.corrected'), data: correctionData }),
  z.strictObject({ ...common, kind: z.literal('awareness.recorded'), data: awarenessData }),
  z.strictObject({ ...common, kind: z.literal('notification.reported'), data: reportedData }),
  z.strictObject({ ...common, kind: z.literal('notification.sent'), data: sentData }),
  z.strictObject({ ...common, kind: z.literal('organisation.registered'), data: organisationSchema }),
  z.strictObject({ ...common, kind: z.literal('organisation.duty'), data: dutyData }),
  z.strictObject({ ...common, kind: z.literal('notice.received'), data: noticeReceivedData }),
  z.strictObject({ ...common, kind: z.literal('notice.acknowledged'), data: noticeAcknowledgedData }),
  z.strictObject({ ...common, kind: z.literal('acknowledgement.received'), data: acknowledgementData }),
]);

/** One entry of an incident record as stored: never changed once written. */
export type RecordedEvent = z.infer<typeof recordedEventSchema>;

/** An entry before the record gives it a place: sequence number and hashes are added on append. */
export type NewEvent = {
  [K in EventKind]: {
    kind: K;
    data: EventData<K>;
    occurredAt: string;
    actor: Actor;
    note?: string | undefined;
    backdateReason?: string | undefined;
    fromOffline?: OfflineOrigin | undefined;
    fromPaper?: PaperOrigin | undefined;
  };
}[EventKind];
