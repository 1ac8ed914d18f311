import { Irp } from '../api/irp.ts';
import { clockStates, type ClockState } from '../clocks/clockStatus.ts';
import { deriveIncident } from '../engine/deriveIncident.ts';
import { UserError } from '../errors.ts';
import { isProblem } from '../errors.ts';
import { formatLondon } from '../time/london.ts';
import { allStateNodes, pathOf, type LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import type { RecordedEvent } from '../record/recordedEvent.ts';
import { MemoryIncidentStore } from '../store/memoryIncidentStore.ts';
import { ManualClock } from '../time/clock.ts';

/** Where the record stops fitting the other playbook. */
export interface Divergence {
  /** The recorded events concerned (several when a removed step took them all). */
  seqs: number[];
  at: string;
  /** The step the events belonged to, when the other playbook no longer has it. */
  removedStep?: string;
  problem: string;
  details: string[];
}

export interface ClockChange {
  id: string;
  label: string;
  law: string;
  before: ClockState['status'] | 'absent';
  after: ClockState['status'];
}

export interface WhatIf {
  incident: string;
  from: { id: string; version: string };
  to: { id: string; version: string; file: string };
  events: number;
  divergences: Divergence[];
  /** Clocks that would end worse (met before, missed or unmet now; or new and unmet). */
  clocks: ClockChange[];
  finishedBefore: boolean;
  finishedAfter: boolean;
}

const WORSE = new Set<ClockState['status']>(['overdue', 'due-soon', 'running', 'met-late']);

/**
 * Re-runs a recorded incident's decisions, ticks and notes, in order and at their recorded times, against another
 * playbook (or another version of the same one), in memory. Reports every recorded event that no longer fits and
 * every clock that would now be missed. The original record is only read.
 */
export async function replayAgainst(input: {
  events: readonly RecordedEvent[];
  original: LoadedPlaybook;
  target: LoadedPlaybook;
  /** When to judge the clocks (the end of the incident or exercise). */
  endAt: Date;
}): Promise<WhatIf> {
  const { events, original, target } = input;
  const opened = events[0];
  if (opened?.kind !== 'incident.opened') throw new UserError({ code: 'not-opened', where: opened === undefined ? 'An empty record' : `Incident ${opened.incident}` });
  const clock = new ManualClock(new Date(opened.recordedAt));
  const irp = new Irp({ store: new MemoryIncidentStore(), catalog: { ids: () => [target.id], load: async () => target }, clock, exerciseClock: clock });
  const started = await irp.start({
    playbook: target.id,
    title: opened.data.title,
    awareAt: new Date(opened.data.awareAt),
    actor: { name: opened.actor.name, role: roleIn(target, opened.actor.role) },
    ...(opened.data.exercise ? { exercise: true } : {}),
    // The settings the record was opened with, as far as the target playbook has them.
    settings: Object.fromEntries(Object.entries(opened.data.settings ?? {}).filter(([setting, choice]) => target.settings[setting]?.choices[choice] !== undefined)),
  });
  const id = started.view.id;
  const divergences: Divergence[] = [];
  const targetSteps = new Set(target.steps.keys());

  for (const event of events.slice(1)) {
    clock.set(new Date(Math.max(Date.parse(event.recordedAt), clock.now().getTime())));
    // The original entry passed the back-dating rule when it was made (or was made before there was one).
    const reason = event.backdateReason ?? '(entered late in the original record)';
    const options = { actor: { name: event.actor.name, role: event.actor.role }, at: new Date(event.occurredAt), note: event.note, reason };
    try {
      switch (event.kind) {
        case 'decision':
          await replayDecision(irp, id, event, options, divergences);
          break;
        case 'checklist.ticked':
          await irp.check(id, event.data.items.map((item) => `${event.data.step}:${item}`), options);
          break;
        case 'note':
          await irp.note(id, event.data.text, options);
          break;
        case 'step.assigned':
          await irp.assign(id, event.data.step, event.data.assignee, options);
          break;
        case 'command.handed-over':
          await irp.handover(id, event.data.to, { ...options, takeover: event.data.takeover?.reason });
          break;
        case 'role.assigned':
          await irp.assignRole(id, event.data.role, event.data.name, options);
          break;
        case 'exercise.inject':
          await irp.inject(id, event.data, new Date(event.occurredAt));
          break;
        case 'fact.corrected':
          await irp.correct(id, { fact: event.data.fact, value: event.data.value, reason: event.data.reason }, options);
          break;
        case 'awareness.recorded':
          await irp.recordAwareness(id, event.data.moment, { ...options, correction: event.data.reason });
          break;
        case 'notification.reported':
          await irp.reported(id, event.data, options);
          break;
        case 'notification.sent':
          await irp.execute(id, { kind: 'sent', clock: event.data.clock, to: event.data.to, via: event.data.via, text: event.data.text, followUp: event.data.followUp }, options);
          break;
        case 'organisation.registered':
          await irp.execute(id, { kind: 'register', organisations: [event.data] }, options);
          break;
        case 'organisation.duty':
          await irp.execute(id, { kind: 'duty', duty: event.data.duty, organisations: [event.data.organisation], product: event.data.product, how: event.data.how, reference: event.data.reference, payload: event.data.payload }, options);
          break;
        case 'notice.received': {
          // Shown genuine when it was taken in; the record says how.
          const { data } = event;
          const file = `event #${event.seq} of the original record`;
          const notice = { format: 'irp-notice-v1' as const, from: data.from, to: data.to, notice: data.notice, ...(data.details ? { details: data.details } : {}), known: [], asks: data.notice.label };
          await irp.execute(id, { kind: 'notice-in', notice, authenticity: data.via === 'signed-file' ? { via: 'signed-file', fingerprint: data.fingerprint ?? '', file } : { via: 'shared-store', file } }, options);
          break;
        }
        case 'notice.acknowledged':
          await irp.execute(id, { kind: 'notice-acknowledged', via: event.data.via, seq: event.data.seq }, options);
          break;
        case 'acknowledgement.received':
          // The acknowledgement names the original record's entries, which this replay numbers again: kept as a note.
          await irp.note(id, `${event.data.organisation} acknowledged notice #${event.data.notice} (${event.data.via})`, options);
          break;
        case 'timer.fired': // the other playbook's own timers fire by themselves
        case 'exercise.clock':
        case 'incident.opened':
          break;
      }
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const removed = removedStepOf(event, original, targetSteps);
      const last = divergences.at(-1);
      if (removed && last?.removedStep === removed) {
        last.seqs.push(event.seq);
        last.details.push(describe(event));
        continue;
      }
      divergences.push({
        seqs: [event.seq],
        at: event.occurredAt,
        ...(removed ? { removedStep: removed } : {}),
        problem: removed ? `Step ${removed} is not in ${target.id} ${target.version}; what the record did there has no place.` : error.message,
        details: removed ? [describe(event)] : [describe(event), ...error.details],
      });
    }
  }

  clock.set(new Date(Math.max(input.endAt.getTime(), clock.now().getTime())));
  const after = await irp.status(id);
  const before = clockStates(original.clocks, events, input.endAt);
  const clocks: ClockChange[] = [];
  for (const state of after.clocks) {
    const old = before.find((s) => s.clock.id === state.clock.id);
    const wasMet = old === undefined ? false : old.status === 'met' || old.status === 'waived';
    if (WORSE.has(state.status) && (wasMet || old === undefined)) {
      clocks.push({ id: state.clock.id, label: state.clock.label, law: state.clock.source.law, before: old?.status ?? 'absent', after: state.status });
    }
  }
  const finishedBefore = finished(original, events);
  return {
    incident: opened.incident,
    from: { id: opened.data.playbook.id, version: opened.data.playbook.version },
    to: { id: target.id, version: target.version, file: target.file },
    events: events.length,
    divergences,
    clocks,
    finishedBefore,
    finishedAfter: after.view.finished,
  };
}

/**
 * A decision is taken with the words the record gives it (in a record made before the rationale and the reasons
 * for a delay had fields of their own, its note stands for either). One now past its deadline with no recorded
 * reasons, or now marked as needing a rationale the record does not give, is still taken (with words saying so), so
 * that one difference does not make everything after it fail to fit; it is reported as a divergence. Reasons for a
 * delay that is no longer a delay are left out.
 */
async function replayDecision(
  irp: Irp,
  id: string,
  event: Extract<RecordedEvent, { kind: 'decision' }>,
  options: { actor: { name: string; role: string }; at: Date; note: string | undefined },
  divergences: Divergence[],
): Promise<void> {
  const decision = { event: event.data.event, payload: event.data.payload, rationale: event.data.rationale, lateReasons: event.data.lateReasons };
  for (let attempt = 0; ; attempt += 1) {
    try {
      await irp.step(id, decision, options);
      return;
    } catch (error) {
      if (attempt > 3) throw error;
      if (isProblem(error, 'not-late')) {
        decision.lateReasons = undefined;
      } else if (isProblem(error, 'late-without-reason')) {
        // A record made before the reasons had their own field gives them in the note: they count as given.
        decision.lateReasons = event.note ?? 'what-if replay: the record gives no reasons for the delay';
        if (event.note !== undefined) continue;
        const late = error.problem;
        divergences.push({
          seqs: [event.seq],
          at: event.occurredAt,
          problem: `${late.event} is after the deadline of "${late.clockLabel}" (${late.law}), which was ${formatLondon(new Date(late.dueAt))}. It would now be late, and the record gives no reason for the delay.`,
          details: [describe(event)],
        });
      } else if (isProblem(error, 'rationale-needed')) {
        decision.rationale = event.note ?? 'what-if replay: the record gives no rationale';
        if (event.note === undefined) {
          divergences.push({
            seqs: [event.seq],
            at: event.occurredAt,
            problem: `${error.problem.event} (${error.problem.label}) now needs its rationale, and the record gives none.`,
            details: [describe(event)],
          });
        }
      } else {
        throw error;
      }
    }
  }
}

function roleIn(playbook: LoadedPlaybook, role: string): string | undefined {
  return role in playbook.roles ? role : undefined;
}

/** The step an event belonged to in the original playbook, if the target playbook no longer has it. */
function removedStepOf(event: RecordedEvent, original: LoadedPlaybook, targetSteps: ReadonlySet<string>): string | undefined {
  if (event.kind === 'checklist.ticked' || event.kind === 'step.assigned') {
    return targetSteps.has(event.data.step) ? undefined : event.data.step;
  }
  if (event.kind !== 'decision') return undefined;
  const sources = allStateNodes(original.machine)
    .filter((node) => [...node.transitions.keys()].includes(event.data.event))
    .map(pathOf)
    .filter((path) => original.steps.has(path));
  return sources.length > 0 && sources.every((path) => !targetSteps.has(path)) ? sources[0] : undefined;
}

function describe(event: RecordedEvent): string {
  switch (event.kind) {
    case 'decision':
      return `#${event.seq} decision ${event.data.event}`;
    case 'checklist.ticked':
      return `#${event.seq} ticks ${event.data.items.join(', ')} in ${event.data.step}`;
    default:
      return `#${event.seq} ${event.kind}`;
  }
}

function finished(playbook: LoadedPlaybook, events: readonly RecordedEvent[]): boolean {
  try {
    return deriveIncident(playbook, events).finished;
  } catch {
    return false;
  }
}
