import { UserError, type Problem } from '../errors.ts';
import type { OfflineOrigin, RecordedEvent } from '../record/recordedEvent.ts';
import type { IncidentStore } from '../store/incidentStore.ts';
import { setAsideStandings, type SetAsideStanding } from './offlineCopies.ts';
import type { CommandInput, Irp } from './irp.ts';
import { readRecord } from './readRecord.ts';
import { MemoryIncidentStore } from '../store/memoryIncidentStore.ts';

export interface ReapplyOutcome {
  /** Each offline entry re-applied, with the entries now recording it in the live record. */
  applied: Array<{ from: RecordedEvent; as: RecordedEvent[] }>;
  /** Each offline entry the live record refused as it now stands, with why: left waiting for a person. */
  refused: Array<{ entry: RecordedEvent; problem: Problem; reason: string }>;
}

/**
 * Re-applies waiting offline entries to the live record through `irp`, in the order they happened: each decided
 * again against the state it now meets, keeping its time, who made it, its note and its reason, and naming the
 * offline entry it comes from. An entry the record now refuses is left waiting, with the reason; nothing is
 * dropped here. `only` re-applies just the entries of those offline seqs.
 */
export async function reapplyWaiting(irp: Irp, incident: string, waiting: readonly RecordedEvent[], only?: ReadonlySet<number>): Promise<ReapplyOutcome> {
  const outcome: ReapplyOutcome = { applied: [], refused: [] };
  for (const entry of waiting) {
    if (only && !only.has(entry.seq)) continue;
    try {
      const command = commandOf(entry);
      const report = await irp.execute(incident, command, {
        actor: { name: entry.actor.name, role: entry.actor.role },
        at: new Date(entry.occurredAt),
        note: entry.note,
        reason: entry.backdateReason,
        fromOffline: originOf(entry),
      });
      outcome.applied.push({ from: entry, as: report.recorded.filter((event) => event.fromOffline?.hash === entry.hash) });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      outcome.refused.push({ entry, problem: error.problem, reason: error.message });
    }
  }
  return outcome;
}

/**
 * Records, by the person settling it, that a waiting offline entry is not re-applied, and why: a note describing
 * it (`text`), naming it (its seq and hash) with the reason. The set-aside copy keeps the entry itself.
 */
export async function dropOffline(irp: Irp, incident: string, entry: RecordedEvent, text: string, because: string, by: { name: string; role?: string | undefined }): Promise<RecordedEvent[]> {
  const report = await irp.note(incident, text, { actor: by, fromOffline: { ...originOf(entry), dropped: because.trim() } });
  return report.recorded;
}

/** The waiting entry of this offline seq across an incident's set-aside copies, or a problem naming those waiting. */
export function waitingEntry(incident: string, standings: readonly SetAsideStanding[], seq: number): RecordedEvent {
  const waiting = standings.flatMap((standing) => standing.waiting);
  const entry = waiting.find((event) => event.seq === seq);
  if (!entry) throw new UserError({ code: 'no-offline-entry', incident, seq, pending: waiting.map((event) => event.seq) });
  return entry;
}

/** The live record and its set-aside copies, read together. */
export async function liveAndSetAside(live: IncidentStore, kept: IncidentStore, incident: string): Promise<{ record: RecordedEvent[]; standings: SetAsideStanding[] }> {
  const record = await readRecord(live, incident);
  return { record, standings: await setAsideStandings(kept, incident, record) };
}

function originOf(entry: RecordedEvent): OfflineOrigin {
  return { seq: entry.seq, hash: entry.hash, recordedAt: entry.recordedAt };
}

/** The command an offline entry was made by, to be decided again; entries made by irp itself or brought in from elsewhere are not. */
function commandOf(entry: RecordedEvent): CommandInput {
  switch (entry.kind) {
    case 'decision':
      return { kind: 'decide', event: entry.data.event, payload: entry.data.payload, rationale: entry.data.rationale, lateReasons: entry.data.lateReasons };
    case 'checklist.ticked':
      return { kind: 'tick', items: entry.data.items };
    case 'note': {
      const { text, about, owner, due, closes } = entry.data;
      const review =
        about === 'action' ? { about, owner, due } : about === 'closure' && closes !== undefined ? { about, closes } : about === 'lesson' || about === 'board' ? { about } : undefined;
      return { kind: 'note', text, review };
    }
    case 'step.assigned':
      return { kind: 'assign', step: entry.data.step, to: entry.data.assignee };
    case 'command.handed-over':
      return { kind: 'handover', to: entry.data.to, takeover: entry.data.takeover?.reason };
    case 'role.assigned':
      return { kind: 'role', role: entry.data.role, name: entry.data.name };
    case 'fact.corrected':
      return { kind: 'correct', fact: entry.data.fact, value: entry.data.value, reason: entry.data.reason };
    case 'awareness.recorded':
      return { kind: 'aware', moment: entry.data.moment, correction: entry.data.reason };
    case 'notification.reported':
      return { kind: 'report', clock: entry.data.clock, followUp: entry.data.followUp, reference: entry.data.reference, lateReasons: entry.data.lateReasons };
    case 'notification.sent':
      return { kind: 'sent', clock: entry.data.clock, to: entry.data.to, via: entry.data.via, text: entry.data.text, followUp: entry.data.followUp };
    case 'organisation.registered':
      return { kind: 'register', organisations: [entry.data] };
    case 'organisation.duty': {
      const { organisation, duty, product, how, reference, payload, notNeeded } = entry.data;
      return { kind: 'duty', duty, organisations: [organisation], product, how, reference, payload, notNeeded };
    }
    case 'notice.acknowledged':
      return { kind: 'notice-acknowledged', via: entry.data.via, seq: entry.data.seq };
    case 'notice.received':
    case 'acknowledgement.received':
      throw new UserError({ code: 'not-reapplicable', kind: entry.kind, how: 'its signature was checked on the offline copy only; take it in again from its file or the shared store, then drop this entry.' });
    case 'exercise.inject':
    case 'exercise.clock':
      throw new UserError({ code: 'not-reapplicable', kind: entry.kind, how: "an exercise's injects and clock are run by the facilitator, not re-applied." });
    case 'timer.fired':
    case 'incident.opened':
      throw new UserError({ code: 'not-reapplicable', kind: entry.kind, how: 'irp records it itself.' });
  }
}

/**
 * What re-applying would do now, without writing anything: the waiting entries re-applied, in order, to a copy of
 * the live record held in memory, through an Irp that `irpOn` makes on it (the same playbooks and clock).
 */
export async function previewReapply(irpOn: (store: IncidentStore) => Irp, incident: string, record: readonly RecordedEvent[], waiting: readonly RecordedEvent[]): Promise<ReapplyOutcome> {
  const copy = new MemoryIncidentStore();
  await copy.create(incident, record);
  return reapplyWaiting(irpOn(copy), incident, waiting);
}
