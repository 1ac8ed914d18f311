// The quick check of a record's lines must never accept what the schema refuses: checked on every kind of event
// irp writes, and on thousands of random changes to them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certainlyRecordedEvent } from '../../src/record/eventShape.ts';
import { chainEvents } from '../../src/record/hashChain.ts';
import { recordedEventSchema, type NewEvent } from '../../src/record/recordedEvent.ts';

const at = '2022-08-04T06:00:00.000Z';
const actor = { name: 'Sam Patel', role: 'incident-commander' };
const kinds: NewEvent[] = [
  { kind: 'incident.opened', data: { title: 'T', awareAt: at, playbook: { id: 'p', version: '1', sourceHash: 'h' }, exercise: true, backdateMarginMinutes: 15, scenario: { id: 's', title: 'S', file: 'f', sourceHash: 'h', startAt: at }, settings: { nation: 'scotland', law: 'bill' } }, actor, occurredAt: at },
  { kind: 'decision', data: { event: 'DECLARE', rationale: 'As the playbook advises, on what was known', payload: { n: 1, list: ['a'], nested: { yes: true } } }, actor, occurredAt: at, note: 'n', backdateReason: 'paper log' },
  { kind: 'checklist.ticked', data: { step: 'declare', items: ['a', 'b'] }, actor, occurredAt: at },
  { kind: 'note', data: { text: 'hello' }, actor, occurredAt: at },
  { kind: 'timer.fired', data: { event: 'xstate.after.1', label: '', step: '', dueAt: at }, actor, occurredAt: at },
  { kind: 'step.assigned', data: { step: 's', assignee: actor }, actor, occurredAt: at },
  { kind: 'command.handed-over', data: { to: actor }, actor, occurredAt: at },
  { kind: 'role.assigned', data: { role: 'dpo', name: 'Dee' }, actor, occurredAt: at },
  { kind: 'exercise.inject', data: { id: 'i', title: 't', body: 'b', from: 'f', reveals: { a: 1 }, manual: true }, actor, occurredAt: at },
  { kind: 'exercise.clock', data: { action: 'pause', to: at }, actor, occurredAt: at },
  { kind: 'fact.corrected', data: { fact: 'f', value: 'yes', previous: null, reason: 'r' }, actor, occurredAt: at },
  { kind: 'awareness.recorded', data: { moment: 'm', label: 'l', reason: 'r' }, actor, occurredAt: at },
  { kind: 'notification.reported', data: { clock: 'c', followUp: false, reference: 'R' }, actor, occurredAt: at },
  {
    kind: 'organisation.registered',
    data: { id: 'nhs111-a', name: 'NHS 111 A', ods: 'RYC', nation: 'Wales', kinds: ['controller', 'nhs-body'], products: ['Adastra'], noticeHours: 12, contacts: ['on-call'], members: 12, key: '0123456789abcdef', invented: true },
    actor,
    occurredAt: at,
  },
  { kind: 'organisation.duty', data: { organisation: 'nhs111-a', duty: 'restore-point', product: 'Adastra', how: 'h', reference: 'r', payload: { restorePoint: at }, notNeeded: 'n' }, actor, occurredAt: at },
];
const events = chainEvents('inc-20220804-aaaa', undefined, kinds, new Date(at)).map((event) => JSON.parse(JSON.stringify(event)) as Record<string, unknown>);

/** A random change somewhere in an event: a value replaced, a key removed or added. */
const weird = fc.oneof(
  fc.constantFrom('', 'x', 'advance', 'f'.repeat(64), 'F'.repeat(64), '__proto__'),
  // Moments that exist and moments that do not (leap years by the Gregorian rule, hours, minutes, seconds).
  fc.constantFrom(
    '2022-02-30T06:00:00.000Z',
    '2022-02-29T06:00:00.000Z',
    '2024-02-29T06:00:00.000Z',
    '1900-02-29T06:00:00.000Z',
    '2000-02-29T06:00:00.000Z',
    '2022-04-31T06:00:00.000Z',
    '2022-13-01T06:00:00.000Z',
    '2022-08-04T24:00:00.000Z',
    '2022-08-04T23:60:00.000Z',
    '2022-08-04T23:59:60.000Z',
    '2022-08-04T06:00:00Z',
    '2022-08-04T06:00:00.000+01:00',
    '2022-08-04 06:00:00.000Z',
    '２022-08-04T06:00:00.000Z',
  ),
  fc.integer({ min: -2, max: 3 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.string(), { maxLength: 2 }),
);

function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([key, inner]) => paths(inner, [...prefix, key]))];
}

function changed(event: Record<string, unknown>, path: string[], change: 'set' | 'delete' | 'add', to: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  if (path.length === 0) return change === 'set' ? to : copy;
  let holder = copy as Record<string, unknown>;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (change === 'delete') delete holder[last];
  else if (change === 'add' && typeof holder[last] === 'object' && holder[last] !== null) (holder[last] as Record<string, unknown>).extra = to;
  else holder[last] = to;
  return copy;
}

describe('the quick check of a recorded line', () => {
  it('accepts every kind of event irp writes', () => {
    for (const event of events) {
      expect(recordedEventSchema.safeParse(event).success, String(event.kind)).toBe(true);
      expect(certainlyRecordedEvent(event), String(event.kind)).toBe(true);
    }
  });

  it('never accepts what the schema refuses', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: events.length - 1 }), fc.nat(), fc.constantFrom('set', 'delete', 'add'), weird, (which, pick, change, to) => {
        const event = events[which] as Record<string, unknown>;
        const all = paths(event);
        const candidate = changed(event, all[pick % all.length] as string[], change as 'set' | 'delete' | 'add', to);
        if (certainlyRecordedEvent(candidate)) expect(recordedEventSchema.safeParse(candidate).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});
