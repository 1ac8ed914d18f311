import { describe, expect, it } from 'vitest';
import { decideDecision, decideNote, decideTicks } from '../../src/engine/decide.ts';
import { catchUpTimers } from '../../src/engine/timers.ts';
import { deriveIncident, foldEvents, viewOf } from '../../src/engine/deriveIncident.ts';
import { checkpointOf, foldFromCheckpoint } from '../../src/engine/foldCheckpoint.ts';
import { UserError } from '../../src/errors.ts';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';
import { testPlaybook } from '../helpers/testPlaybook.ts';

const playbook = testPlaybook();
const lead = { name: 'Ana', role: 'lead' };
const T0 = '2022-08-04T06:00:00.000Z';

const opened: NewEvent = {
  kind: 'incident.opened',
  data: { title: 'Test', awareAt: T0, playbook: { id: 'test', version: '1.0.0', sourceHash: 'f'.repeat(64) } },
  actor: lead,
  occurredAt: T0,
};
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const decision = (event: string, minutes: number, payload?: Record<string, unknown>): NewEvent => ({
  kind: 'decision',
  data: payload ? { event, payload } : { event },
  actor: lead,
  occurredAt: at(minutes),
});
const tick = (step: string, items: string[], minutes: number): NewEvent => ({
  kind: 'checklist.ticked',
  data: { step, items },
  actor: lead,
  occurredAt: at(minutes),
});

function given(...events: NewEvent[]): RecordedEvent[] {
  return chainEvents('inc-1', undefined, [opened, ...events], new Date(T0));
}

describe('deriving an incident from its events', () => {
  it('starts at the initial step with its checklist open', () => {
    const view = deriveIncident(playbook, given());
    expect(view.steps.map((s) => s.path)).toEqual(['triage']);
    expect(view.steps[0]?.checklist.map((i) => [i.id, i.required, i.ticked])).toEqual([
      ['seen', true, undefined],
      ['extra', false, undefined],
    ]);
    expect(view.finished).toBe(false);
  });

  it('blocks leaving a step while a required item is open, and offers it once ticked', () => {
    const before = deriveIncident(playbook, given());
    expect(before.choices).toEqual([
      expect.objectContaining({ event: 'GO', label: 'Go', blockers: [{ kind: 'open-items', step: 'triage', title: 'Triage', items: ['seen'], texts: ['Seen'] }] }),
    ]);
    const after = deriveIncident(playbook, given(tick('triage', ['seen'], 1)));
    expect(after.choices.map((c) => [c.event, c.blockers])).toEqual([['GO', []]]);
    expect(after.steps[0]?.checklist[0]?.ticked).toMatchObject({ by: lead, at: at(1), seq: 2 });
  });

  it('shows every region of a parallel state as an active step', () => {
    const view = deriveIncident(playbook, given(tick('triage', ['seen'], 1), decision('GO', 2)));
    expect(view.steps.map((s) => [s.path, s.within, s.enteredAt])).toEqual([
      ['work.left.doing', ['Work'], at(2)],
      ['work.right.doing', ['Work'], at(2)],
    ]);
    expect(view.choices.map((c) => c.event).sort()).toEqual(['LEFT_DONE', 'RIGHT_DONE']);
    expect(view.choices.find((c) => c.event === 'LEFT_DONE')?.payload).toBeDefined();
  });

  it('records facts from payloads and leaves the parallel state when every region is done', () => {
    const view = deriveIncident(
      playbook,
      given(tick('triage', ['seen'], 1), decision('GO', 2), decision('LEFT_DONE', 3, { count: 4 }), tick('work.right.doing', ['seen'], 4), decision('RIGHT_DONE', 5)),
    );
    expect(view.facts).toEqual({ count: 4 });
    expect(view.steps.map((s) => s.path)).toEqual(['restore']);
  });

  it('explains a guard that blocks a choice, and lifts it once the context allows', () => {
    const base = [tick('triage', ['seen'], 1), decision('GO', 2), decision('LEFT_DONE', 3, { count: 1 }), tick('work.right.doing', ['seen'], 4), decision('RIGHT_DONE', 5)];
    const blocked = deriveIncident(playbook, given(...base));
    expect(blocked.choices.find((c) => c.event === 'RESTORE')?.blockers).toEqual([{ kind: 'guard', guard: 'clean', explanation: 'checked clean first' }]);
    const dirty = deriveIncident(playbook, given(...base, decision('CHECKED', 6, { clean: false })));
    expect(dirty.choices.find((c) => c.event === 'RESTORE')?.blockers).toEqual([{ kind: 'guard', guard: 'clean', explanation: 'checked clean first' }]);
    const clean = deriveIncident(playbook, given(...base, decision('CHECKED', 6, { clean: true })));
    expect(clean.choices.find((c) => c.event === 'RESTORE')?.blockers).toEqual([]);
    const closed = deriveIncident(playbook, given(...base, decision('CHECKED', 6, { clean: true }), decision('RESTORE', 7)));
    expect(closed.finished).toBe(true);
    expect(closed.steps).toEqual([]);
    expect(closed.choices).toEqual([]);
  });

  it('gives the same state for the same events', () => {
    const events = given(tick('triage', ['seen'], 1), decision('GO', 2));
    const a = deriveIncident(playbook, events);
    const b = deriveIncident(playbook, events);
    expect(a.snapshot.value).toEqual(b.snapshot.value);
    expect(a.steps).toEqual(b.steps);
  });
});

describe('deciding', () => {
  const by = { actor: lead, occurredAt: new Date(at(10)) };

  it('refuses an event the playbook does not offer now, naming what it does offer', () => {
    const fold = foldEvents(playbook, given(tick('triage', ['seen'], 1)));
    expect(() => decideDecision(fold, viewOf(fold), { event: 'RESTORE' }, by)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'not-offered', incident: 'inc-1', event: 'RESTORE', known: true, offered: ['"Go" (GO)'], last: { seq: 2, by: 'Ana', at: at(1) } }) }));
    expect(() => decideDecision(fold, viewOf(fold), { event: 'NOPE' }, by)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'not-offered', event: 'NOPE', playbook: 'test', known: false }) }));
  });

  it('refuses a blocked event with its reasons', () => {
    const fold = foldEvents(playbook, given());
    const error = catchError(() => decideDecision(fold, viewOf(fold), { event: 'GO' }, by));
    expect(error.problem).toMatchObject({ code: 'blocked', event: 'GO', label: 'Go', blockers: [{ kind: 'open-items', title: 'Triage', items: ['seen'] }] });
  });

  it('validates a payload against its schema and keeps the parsed value', () => {
    const fold = foldEvents(playbook, given(tick('triage', ['seen'], 1), decision('GO', 2), tick('work.right.doing', ['seen'], 3)));
    const error = catchError(() => decideDecision(fold, viewOf(fold), { event: 'LEFT_DONE', payload: { count: -1 } }, by));
    expect(error.details).toEqual(['"Count" (count): give a number of at least 0']);
    expect(decideDecision(fold, viewOf(fold), { event: 'LEFT_DONE', payload: { count: 2 } }, by)).toMatchObject({
      kind: 'decision',
      data: { event: 'LEFT_DONE', payload: { count: 2 } },
      occurredAt: at(10),
    });
    expect(() => decideDecision(fold, viewOf(fold), { event: 'RIGHT_DONE', payload: { x: 1 } }, by)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'takes-no-data', event: 'RIGHT_DONE' }) }));
  });

  it('ticks items by id, asks for step:item when two active steps share an id, and refuses repeats', () => {
    const fold = foldEvents(playbook, given(tick('triage', ['seen'], 1), decision('GO', 2)));
    const view = viewOf(fold);
    expect(() => decideTicks(view, ['seen'], by)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'ambiguous-item', reference: 'seen' }) }));
    expect(() => decideTicks(view, ['missing'], by)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'unknown-item', reference: 'missing' }) }));
    expect(decideTicks(view, ['work.right.doing:seen'], by)).toEqual([
      expect.objectContaining({ kind: 'checklist.ticked', data: { step: 'work.right.doing', items: ['seen'] } }),
    ]);
    const triage = foldEvents(playbook, given(tick('triage', ['seen'], 1)));
    expect(() => decideTicks(viewOf(triage), ['seen'], by)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'already-ticked', item: 'seen', by: 'Ana', seq: 2 }) }));
  });

  it('refuses an empty note', () => {
    expect(() => decideNote('  ', by)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'empty-note' }) }));
  });
});

describe('timers', () => {
  it('fires a timer that fell due while nobody was looking, at its due time', () => {
    const fold = foldEvents(playbook, given());
    expect(catchUpTimers(fold, new Date(at(59)))).toEqual([]);
    const fired = catchUpTimers(fold, new Date(at(180)));
    expect(fired).toEqual([
      expect.objectContaining({ kind: 'timer.fired', occurredAt: at(60), data: expect.objectContaining({ step: 'triage', label: 'No decision within an hour' }) }),
    ]);
    expect(viewOf(fold).steps.map((s) => s.path)).toEqual(['escalated']);
  });

  it('cancels a timer when its step is left first', () => {
    const fold = foldEvents(playbook, given(tick('triage', ['seen'], 1), decision('GO', 2)));
    expect(viewOf(fold).timers).toEqual([]);
    expect(catchUpTimers(fold, new Date(at(600)))).toEqual([]);
  });

  it('counts from the back-dated time the step was entered', () => {
    const view = deriveIncident(playbook, given());
    expect(view.timers).toEqual([expect.objectContaining({ dueAt: at(60), step: 'triage' })]);
  });
});

function catchError(action: () => unknown): UserError {
  try {
    action();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('checkpoints', () => {
  const events = given(tick('triage', ['seen'], 1), decision('GO', 2), decision('LEFT_DONE', 3, { count: 4 }));
  const comparable = (fold: ReturnType<typeof foldEvents>) => {
    const { snapshot, events: recorded, ...view } = viewOf(fold);
    return { value: snapshot.value, context: snapshot.context, status: snapshot.status, count: recorded.length, ...view };
  };

  it('resumes from a checkpoint to the same state as a replay from the start', () => {
    const checkpoint = JSON.parse(JSON.stringify(checkpointOf(foldEvents(playbook, events.slice(0, 3)))));
    expect(foldFromCheckpoint(playbook, events, checkpoint)).toBeDefined(); // used, not silently ignored
    const resumed = foldEvents(playbook, events, checkpoint);
    expect(comparable(resumed)).toEqual(comparable(foldEvents(playbook, events)));
  });

  it('ignores a checkpoint that no longer matches the record or the playbook', () => {
    const checkpoint = checkpointOf(foldEvents(playbook, events.slice(0, 3)));
    const other = given(tick('triage', ['seen'], 1));
    expect(foldFromCheckpoint(playbook, other, checkpoint)).toBeUndefined();
    expect(foldFromCheckpoint({ ...playbook, sourceHash: 'e'.repeat(64) }, events, checkpoint)).toBeUndefined();
    expect(comparable(foldEvents(playbook, other, checkpoint))).toEqual(comparable(foldEvents(playbook, other)));
  });
});

describe('refusals, as data', () => {
  const by = { actor: lead, occurredAt: new Date(at(10)) };
  const refusal = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      if (error instanceof UserError) return error.problem;
      throw error;
    }
    throw new Error('not refused');
  };

  it('gives each refusal its code and the fields that say what was involved', () => {
    const start = foldEvents(playbook, given());
    expect(refusal(() => decideDecision(start, viewOf(start), { event: 'RESTORE' }, by))).toEqual({
      code: 'not-offered',
      incident: 'inc-1',
      event: 'RESTORE',
      label: 'Restore',
      playbook: 'test',
      known: true,
      offered: [],
    });
    expect(refusal(() => decideDecision(start, viewOf(start), { event: 'GO' }, by))).toEqual({
      code: 'blocked',
      event: 'GO',
      label: 'Go',
      blockers: [{ kind: 'open-items', step: 'triage', title: 'Triage', items: ['seen'], texts: ['Seen'] }],
    });
    const working = foldEvents(playbook, given(tick('triage', ['seen'], 1), decision('GO', 2)));
    expect(refusal(() => decideDecision(working, viewOf(working), { event: 'LEFT_DONE', payload: { count: -1 } }, by))).toMatchObject({
      code: 'invalid-payload',
      event: 'LEFT_DONE',
    });
    expect(refusal(() => decideTicks(viewOf(working), ['seen'], by))).toEqual({ code: 'ambiguous-item', reference: 'seen', candidates: ['work.left.doing:seen', 'work.right.doing:seen'] });
    expect(refusal(() => decideNote('  ', by))).toEqual({ code: 'empty-note' });
  });
});
