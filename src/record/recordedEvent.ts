import { z } from 'zod';

/** Who did something: a person and the role they held, or the engine itself (timers). */
export const actorSchema = z.object({
  name: z.string().min(1),
  role: z.string().min(1),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM_ACTOR: Actor = { name: 'irp', role: 'system' };

/** Who records what the exercise itself does: injects and moves of the simulated clock. */
export const FACILITATOR_ACTOR: Actor = { name: 'facilitator', role: 'facilitator' };

const isoInstant = z.iso.datetime({ offset: true });

const openedData = z.object({
  title: z.string().min(1),
  awareAt: isoInstant,
  playbook: z.object({ id: z.string(), version: z.string(), sourceHash: z.string() }),
  exercise: z.boolean().optional(),
  scenario: z.object({ id: z.string(), title: z.string(), file: z.string(), sourceHash: z.string(), startAt: isoInstant }).optional(),
});
const decisionData = z.object({ event: z.string().min(1), payload: z.record(z.string(), z.unknown()).optional() });
const tickData = z.object({ step: z.string().min(1), items: z.array(z.string().min(1)).min(1) });
const noteData = z.object({ text: z.string().min(1) });
const assignedData = z.object({ step: z.string().min(1), assignee: actorSchema });
const handoverData = z.object({ to: actorSchema });
const roleData = z.object({ role: z.string().min(1), name: z.string().min(1) });
const injectData = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  body: z.string().min(1),
  from: z.string().min(1),
  reveals: z.record(z.string(), z.unknown()).optional(),
  /** Fired by hand by the facilitator rather than on its schedule. */
  manual: z.boolean().optional(),
});
const exerciseClockData = z.object({ action: z.enum(['advance', 'pause', 'resume']), to: isoInstant });
const timerData = z.object({ event: z.string().min(1), label: z.string(), step: z.string(), dueAt: isoInstant });

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
} as const;

export type EventKind = keyof typeof eventDataSchemas;
export type EventData<K extends EventKind> = z.infer<(typeof eventDataSchemas)[K]>;

const common = {
  seq: z.number().int().min(1),
  incident: z.string().min(1),
  occurredAt: isoInstant,
  recordedAt: isoInstant,
  actor: actorSchema,
  note: z.string().optional(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
};

export const recordedEventSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('incident.opened'), data: openedData }),
  z.object({ ...common, kind: z.literal('decision'), data: decisionData }),
  z.object({ ...common, kind: z.literal('checklist.ticked'), data: tickData }),
  z.object({ ...common, kind: z.literal('note'), data: noteData }),
  z.object({ ...common, kind: z.literal('timer.fired'), data: timerData }),
  z.object({ ...common, kind: z.literal('step.assigned'), data: assignedData }),
  z.object({ ...common, kind: z.literal('command.handed-over'), data: handoverData }),
  z.object({ ...common, kind: z.literal('role.assigned'), data: roleData }),
  z.object({ ...common, kind: z.literal('exercise.inject'), data: injectData }),
  z.object({ ...common, kind: z.literal('exercise.clock'), data: exerciseClockData }),
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
  };
}[EventKind];
