import { describe, expect, it } from 'vitest';
import { clockSpecSchema, type Clock, type ClockSpec } from '../../src/clocks/clockSpec.ts';
import { clockStates } from '../../src/clocks/clockStatus.ts';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';
import { formatLondon } from '../../src/time/london.ts';

const ico: Clock = clockSpecSchema.parse({
  id: 'ico-art33',
  label: 'ICO',
  source: { law: 'UK GDPR Art. 33(1)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' },
  recipient: 'ICO',
  starts: { on: 'awareness' },
  runs: { hours: 72 },
  stops: { event: 'ICO_NOTIFIED', reference: 'ref' },
  waivedBy: { event: 'ICO_NOT_REQUIRED', reason: 'reason' },
  dueSoonHours: 24,
} satisfies ClockSpec);

const people: Clock = clockSpecSchema.parse({
  id: 'people',
  label: 'People',
  source: { law: 'UK GDPR Art. 34', url: 'https://www.legislation.gov.uk/eur/2016/679/article/34' },
  recipient: 'The people affected',
  starts: { on: 'fact', fact: 'highRisk', values: [true] },
  runs: { withoutUndueDelay: true, targetHours: 72 },
  stops: { event: 'PEOPLE_TOLD' },
} satisfies ClockSpec);

const actor = { name: 'Dee', role: 'dpo' };

function record(awareAt: string, ...events: Array<Omit<Extract<NewEvent, { kind: 'decision' }>, 'kind' | 'actor'>>): RecordedEvent[] {
  const opened: NewEvent = {
    kind: 'incident.opened',
    data: { title: 'T', awareAt, playbook: { id: 'p', version: '1.0.0', sourceHash: 'x' } },
    actor,
    occurredAt: awareAt,
  };
  return chainEvents('inc-1', undefined, [opened, ...events.map((e) => ({ ...e, kind: 'decision' as const, actor }))], new Date(awareAt));
}

const dueOf = (awareAt: string) => {
  const [state] = clockStates([ico], record(awareAt), new Date(awareAt));
  if (!state || !('dueAt' in state)) throw new Error('the clock did not start');
  return formatLondon(new Date(state.dueAt));
};

describe('clock arithmetic', () => {
  it('gives the ICO deadline of the 2022 attack: Thursday 07:00 BST + 72 h = Sunday 07:00 BST', () => {
    expect(dueOf('2022-08-04T06:00:00.000Z')).toBe('Sun 7 Aug 2022 07:00 BST');
  });

  it('counts real hours across the October change: 10:00 BST + 72 h = 09:00 GMT', () => {
    expect(dueOf('2024-10-25T09:00:00.000Z')).toBe('Mon 28 Oct 2024 09:00 GMT');
  });

  it('counts real hours across the March change: 12:00 GMT + 72 h = 13:00 BST', () => {
    expect(dueOf('2025-03-28T12:00:00.000Z')).toBe('Mon 31 Mar 2025 13:00 BST');
  });

  it('labels a deadline in the repeated hour of the October change correctly on both sides', () => {
    expect(dueOf('2024-10-24T00:30:00.000Z')).toBe('Sun 27 Oct 2024 01:30 BST');
    expect(dueOf('2024-10-24T01:30:00.000Z')).toBe('Sun 27 Oct 2024 01:30 GMT');
  });
});

describe('clock states', () => {
  const aware = '2022-08-04T06:00:00.000Z';
  const at = (hours: number) => new Date(Date.parse(aware) + hours * 3_600_000);

  it('runs, is due soon in its last 24 hours, and is overdue after', () => {
    const events = record(aware);
    expect(clockStates([ico], events, at(1))[0]).toMatchObject({ status: 'running', remainingMs: 71 * 3_600_000 });
    expect(clockStates([ico], events, at(49))[0]).toMatchObject({ status: 'due-soon' });
    expect(clockStates([ico], events, at(73))[0]).toMatchObject({ status: 'overdue', remainingMs: -3_600_000 });
  });

  it('is met by the decision that records the notification, with when, by whom and the reference', () => {
    const events = record(aware, { data: { event: 'ICO_NOTIFIED', payload: { ref: 'ICO-1' } }, occurredAt: at(30).toISOString() });
    expect(clockStates([ico], events, at(100))[0]).toMatchObject({ status: 'met', at: at(30).toISOString(), by: actor, reference: 'ICO-1', seq: 2 });
  });

  it('is met late, with the reason given, after the deadline', () => {
    const late = record(aware, { data: { event: 'ICO_NOTIFIED', payload: { ref: 'ICO-1' } }, occurredAt: at(80).toISOString(), note: 'forensics only confirmed the data loss on day 4' });
    expect(clockStates([ico], late, at(100))[0]).toMatchObject({ status: 'met-late', reason: 'forensics only confirmed the data loss on day 4' });
  });

  it('is waived by a decision that the notification is not required, keeping its reason', () => {
    const events = record(aware, { data: { event: 'ICO_NOT_REQUIRED', payload: { reason: 'no personal data' } }, occurredAt: at(5).toISOString() });
    expect(clockStates([ico], events, at(100))[0]).toMatchObject({ status: 'waived', reason: 'no personal data' });
  });

  it('starts from a fact only when a decision records it with a starting value', () => {
    expect(clockStates([people], record(aware, { data: { event: 'X', payload: { highRisk: false } }, occurredAt: at(2).toISOString() }), at(3))[0]).toMatchObject({
      status: 'not-started',
    });
    const started = record(aware, { data: { event: 'X', payload: { highRisk: true } }, occurredAt: at(2).toISOString() });
    expect(clockStates([people], started, at(3))[0]).toMatchObject({
      status: 'running',
      start: { at: at(2).toISOString(), cause: 'fact', label: 'highRisk recorded as true' },
      dueAt: at(74).toISOString(),
    });
  });
});

describe('the clock catalogue schema', () => {
  it('refuses a clock without a legal source link, a start or a length', () => {
    const result = clockSpecSchema.safeParse({ id: 'Bad Id', label: 'x', source: { law: 'x', url: 'not a link' }, recipient: 'x', starts: { on: 'whenever' }, runs: { hours: -1 }, stops: {} });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['id', 'source.url', 'starts', 'runs.hours', 'stops.event']);
  });
});
