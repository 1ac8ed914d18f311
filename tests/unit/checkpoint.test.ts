// A checkpoint restores exactly the state a full replay gives, history states included: checked on random walks
// through a playbook with parallel regions, nested phases, a history state and a delayed transition.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideDecision } from '../../src/engine/decide.ts';
import { foldEvents, viewOf, type IncidentFold } from '../../src/engine/deriveIncident.ts';
import { checkpointOf, foldFromCheckpoint } from '../../src/engine/foldCheckpoint.ts';
import { catchUpTimers } from '../../src/engine/timers.ts';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';
import { timePlaybook } from '../helpers/timePlaybook.ts';

const playbook = timePlaybook();
const T0 = Date.parse('2022-08-04T06:00:00.000Z');
const lead = { name: 'Ana', role: 'lead' };
const opened: NewEvent = {
  kind: 'incident.opened',
  data: { title: 'Walk', awareAt: new Date(T0).toISOString(), playbook: { id: 'time', version: '1.0.0', sourceHash: playbook.sourceHash } },
  actor: lead,
  occurredAt: new Date(T0).toISOString(),
};

/** What must be the same after a restore: where the machine is, and everything the views are built from. */
function essence(fold: IncidentFold) {
  const view = viewOf(fold);
  return {
    value: fold.snapshot.value,
    history: checkpointOf(fold).history,
    steps: view.steps,
    choices: view.choices.map((c) => [c.event, c.blockers]),
    timers: view.timers,
    facts: view.facts,
    finished: view.finished,
  };
}

/** Records a walk: at each step, one of the decisions on offer (by index), after an advance of the clock. */
function walk(moves: ReadonlyArray<{ pick: number; minutes: number }>): RecordedEvent[] {
  let events = chainEvents('inc-walk', undefined, [opened], new Date(T0));
  let now = T0;
  for (const move of moves) {
    now += move.minutes * 60_000;
    const fold = foldEvents(playbook, events);
    const timers = catchUpTimers(fold, new Date(now));
    const view = viewOf(fold);
    const open = view.choices.filter((choice) => choice.blockers.length === 0 && !choice.payload);
    const ticks = view.steps.flatMap((step) => step.checklist.filter((item) => !item.ticked).map((item) => ({ step: step.path, item: item.id })));
    const commanded: NewEvent[] = [];
    if (ticks.length > 0 && move.pick % 3 === 0) {
      const tick = ticks[move.pick % ticks.length] as { step: string; item: string };
      commanded.push({ kind: 'checklist.ticked', data: { step: tick.step, items: [tick.item] }, actor: lead, occurredAt: new Date(now).toISOString() });
    } else if (open.length > 0) {
      const choice = open[move.pick % open.length] as (typeof open)[number];
      commanded.push(decideDecision(fold, view, { event: choice.event }, { actor: lead, occurredAt: new Date(now) }));
    }
    events = [...events, ...chainEvents('inc-walk', events.at(-1), [...timers, ...commanded], new Date(now))];
    if (fold.snapshot.status === 'done') break;
  }
  return events;
}

describe('derived-state checkpoints', () => {
  it('restore a history state as it was (three events: declare, move on to B, pause; then resume)', () => {
    const t = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
    const events = chainEvents(
      'inc-h',
      undefined,
      [
        opened,
        { kind: 'checklist.ticked', data: { step: 'triage', items: ['seen'] }, actor: lead, occurredAt: t(1) },
        { kind: 'decision', data: { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, actor: lead, occurredAt: t(2) },
        { kind: 'decision', data: { event: 'NEXT' }, actor: lead, occurredAt: t(3) },
        { kind: 'decision', data: { event: 'PAUSE' }, actor: lead, occurredAt: t(4) },
        { kind: 'decision', data: { event: 'RESUME' }, actor: lead, occurredAt: t(5) },
      ],
      new Date(T0),
    );
    const full = foldEvents(playbook, events);
    const checkpoint = JSON.parse(JSON.stringify(checkpointOf(foldEvents(playbook, events.slice(0, 5))))) as ReturnType<typeof checkpointOf>;
    const restored = foldEvents(playbook, events, checkpoint);
    expect(restored.events).toHaveLength(events.length);
    expect(viewOf(full).steps.map((s) => s.path)).toContain('respond.work.phase.b');
    expect(essence(restored)).toEqual(essence(full));
  });

  it('restore exactly what a full replay gives, at every event of random walks', () => {
    let walks = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ pick: fc.nat(20), minutes: fc.integer({ min: 1, max: 5 * 60 }) }), { minLength: 3, maxLength: 30 }),
        (moves) => {
          const events = walk(moves);
          for (let count = 1; count <= events.length; count += 1) {
            const checkpoint = JSON.parse(JSON.stringify(checkpointOf(foldEvents(playbook, events.slice(0, count))))) as ReturnType<typeof checkpointOf>;
            const restored = foldFromCheckpoint(playbook, events, checkpoint);
            expect(restored, `checkpoint at ${count} not used`).toBeDefined();
            expect(essence(foldEvents(playbook, events, checkpoint))).toEqual(essence(foldEvents(playbook, events)));
          }
          walks += 1;
        },
      ),
      { numRuns: 60, seed: 20221013 },
    );
    expect(walks).toBe(60);
  });

  it('walks that reach the history state and the timer exist among those generated', () => {
    // Guards the property above against walks too short to matter: some take PAUSE then RESUME, some fire the timer.
    const samples = fc.sample(fc.array(fc.record({ pick: fc.nat(20), minutes: fc.integer({ min: 1, max: 5 * 60 }) }), { minLength: 3, maxLength: 30 }), { numRuns: 60, seed: 20221013 });
    const kinds = samples.map((moves) => walk(moves));
    expect(kinds.some((events) => events.some((e) => e.kind === 'decision' && e.data.event === 'RESUME'))).toBe(true);
    expect(kinds.some((events) => events.some((e) => e.kind === 'timer.fired'))).toBe(true);
  });
});
