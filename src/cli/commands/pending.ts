import { dropOffline, liveAndSetAside, previewReapply, reapplyWaiting, waitingEntry, type ReapplyOutcome } from '../../api/reapplyOffline.ts';
import { setAsideStandings, type SetAsideStanding } from '../../api/offlineCopies.ts';
import { invalidInput } from '../../errors.ts';
import type { LoadedPlaybook } from '../../playbook/loadedPlaybook.ts';
import type { RecordedEvent } from '../../record/recordedEvent.ts';
import { renderEvent } from '../../render/renderLog.ts';
import type { IncidentStore } from '../../store/incidentStore.ts';
import { copyRecord } from '../../sync/copyRecord.ts';
import type { CliContext } from '../context.ts';
import { printJson } from './shared.ts';
import { otherStore, whereOf } from './otherStore.ts';
import { declareCommand, flag, value, jsonOutput, incidentArgument } from '../declareCommand.ts';

/**
 * `irp pending <incident> [--to <store>] [--retry [--only <seq>]] [--drop <seq> --because <text>]`: the entries of
 * this machine's set-aside copies of an incident that are not yet in the live record (here, or the shared store
 * `--to`), with what re-applying each would do now; re-applies them, or records, with the reason, that one is not.
 * After a write to the shared store, this machine's copy takes what was written.
 */
const pending = declareCommand({
  words: ['pending'],
  description: "the entries of this machine's set-aside copies of an incident not yet in the live record: re-apply them, or record why one is not",
  arguments: [incidentArgument],
  options: {
    to: value('store', 'the live record is on this shared store (postgres://… or a state folder); this machine takes what is written there'),
    retry: flag('re-apply every waiting entry that applies as the record now stands, in the order they happened'),
    only: value('seq', 'with --retry: only this offline entry'),
    drop: value('seq', 'record that this offline entry is not re-applied (with --because)'),
    because: value('text', 'with --drop: why'),
    json: jsonOutput,
  },
  actor: true,
  sandbox: 'on-demand',
  async run(context, [incident], options) {
    const kept = context.store;
    if (!kept.setAsideCopies) {
      throw invalidInput('--store', 'set-aside-not-on-shared-store', 'Set-aside copies are kept in a state folder, never on a shared store: run irp pending with the state folder that holds them, and --to the shared store.');
    }
    const there = options.to === undefined ? undefined : otherStore(options.to);
    try {
      const live = there ?? kept;
      const irp = there ? context.irpOn(there) : context.irp;
      const before = await liveAndSetAside(live, kept, incident);
      if (before.standings.length === 0) {
        if (context.json) return printJson(context, { incident, copies: [] });
        return context.out(`No set-aside copy of ${incident} is kept in ${context.stateDir}: nothing waits to be re-applied.`);
      }
      let done: ReapplyOutcome | undefined;
      let dropped: RecordedEvent[] | undefined;
      if (options.drop !== undefined) {
        const seq = entryNumber(options.drop, '--drop');
        const because = options.because?.trim() ?? '';
        if (because === '') throw invalidInput('--because', 'needed-by-drop', '--drop needs --because "…": why this offline entry is not re-applied is recorded with it.');
        const entry = waitingEntry(incident, before.standings, seq);
        const playbook = (await irp.status(incident)).playbook;
        dropped = await dropOffline(irp, incident, entry, `Offline entry #${entry.seq} not re-applied. It was: ${renderEvent(entry, playbook).replace(/^#\d+\s+/, '').replace(/\s+/g, ' ')}`, because, context.actor);
      } else if (options.retry === true) {
        const only = options.only === undefined ? undefined : new Set([entryNumber(options.only, '--only')]);
        if (only) waitingEntry(incident, before.standings, [...only][0] as number);
        done = await reapplyWaiting(irp, incident, allWaiting(before.standings), only);
      }
      const wrote = (done?.applied.length ?? 0) > 0 || dropped !== undefined;
      if (there && wrote) await copyRecord(incident, there, kept).catch(() => undefined);
      const after = wrote ? await liveAndSetAside(live, kept, incident) : before;
      const preview = await previewReapply(context.irpOn, incident, after.record, allWaiting(after.standings));
      if (context.json) return printJson(context, { incident, ...(done ? { reapplied: done } : {}), ...(dropped ? { dropped } : {}), copies: jsonOf(after.standings, preview) });
      const playbook = (await irp.status(incident)).playbook;
      if (dropped) context.out(`Recorded #${dropped.at(-1)?.seq}: entry #${options.drop} of the offline copy is not re-applied, and why.`);
      if (done) context.out(renderOutcome(done, playbook, there ? whereOf(there) : 'this record'));
      context.out(renderSetAside(context, incident, after.standings, preview, playbook, there ? whereOf(there) : undefined));
      // Entries still waiting need a person: said by the exit code too, except to the person who just settled one.
      if (allWaiting(after.standings).length > 0 && !dropped) context.exitCode = 2;
    } finally {
      await there?.close?.();
    }
  },
});

/** Every waiting entry of every set-aside copy, in the order they happened. */
export function allWaiting(standings: readonly SetAsideStanding[]): RecordedEvent[] {
  return standings.flatMap((standing) => standing.waiting).sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || a.seq - b.seq);
}

function entryNumber(value: string, flag: string): number {
  const seq = Number(value);
  if (!Number.isSafeInteger(seq) || seq < 1) throw invalidInput(flag, 'not-an-entry-number', `${flag} "${value}": give the number of the offline entry (#14 below: ${flag} 14).`);
  return seq;
}

export function renderOutcome(outcome: ReapplyOutcome, playbook: LoadedPlaybook, where: string): string {
  const lines = [`Re-applied ${outcome.applied.length} offline ${outcome.applied.length === 1 ? 'entry' : 'entries'} to ${where}, in the order they happened${outcome.refused.length > 0 ? `; ${outcome.refused.length} refused as the record now stands` : ''}.`];
  for (const { from, as } of outcome.applied) {
    lines.push(indent(renderEvent(from, playbook).replace(/^#\d+/, `#${from.seq} → #${as.map((event) => event.seq).join(', #')}`), '  '));
  }
  return lines.join('\n');
}

/**
 * Each set-aside copy: where it is kept, what of it is settled, and every waiting entry with what re-applying it
 * would do now; then how to go on.
 */
export function renderSetAside(context: CliContext, incident: string, standings: readonly SetAsideStanding[], preview: ReapplyOutcome, playbook: LoadedPlaybook, to: string | undefined): string {
  const refused = new Map(preview.refused.map((refusal) => [refusal.entry.hash, refusal.reason]));
  const lines: string[] = [];
  for (const { copy, standings: entries, waiting } of standings) {
    const count = (kind: string) => entries.filter((entry) => entry.kind === kind).length;
    const dropped = entries.filter((entry) => entry.kind === 'reapplied' && entry.settledBy.fromOffline?.dropped !== undefined).length;
    lines.push(`Set aside: ${copy.file}`);
    lines.push(
      `  ${entries.length} entries: ${count('in-record')} shared with the live record, ${count('reapplied') - dropped} re-applied, ${dropped} not re-applied (with a reason), ${count('by-irp')} timers irp fires again itself, ${waiting.length} waiting.`,
    );
    for (const entry of waiting) {
      lines.push(indent(renderEvent(entry, playbook), '  '));
      const reason = refused.get(entry.hash);
      lines.push(reason === undefined ? '      → re-applies as the record now stands' : `      → refused now: ${reason}`);
    }
  }
  const waiting = allWaiting(standings);
  const flagTo = to === undefined ? '' : ` --to ${to}`;
  if (waiting.length === 0) {
    lines.push(`Every entry of the set-aside ${standings.length === 1 ? 'copy is' : 'copies are'} in the live record, re-applied or not re-applied with a reason. The copy is kept as it is.`);
  } else {
    if (preview.applied.length > 0) lines.push(`Re-apply what applies now: ${context.command(`pending ${incident}${flagTo} --retry`)}`);
    lines.push(`Record that one is not re-applied, and why: ${context.command(`pending ${incident}${flagTo} --drop ${waiting[0]?.seq ?? 1} --because "…"`)}`);
  }
  return lines.join('\n');
}

function jsonOf(standings: readonly SetAsideStanding[], preview: ReapplyOutcome) {
  const refused = new Map(preview.refused.map((refusal) => [refusal.entry.hash, refusal.problem]));
  return standings.map(({ copy, standings: entries }) => ({
    file: copy.file,
    entries: entries.map((entry) => ({
      seq: entry.event.seq,
      hash: entry.event.hash,
      standing: entry.kind,
      ...(entry.kind === 'reapplied' ? { settledBy: entry.settledBy.seq, ...(entry.settledBy.fromOffline?.dropped ? { dropped: entry.settledBy.fromOffline.dropped } : {}) } : {}),
      ...(entry.kind === 'waiting' ? { now: refused.has(entry.event.hash) ? { refused: refused.get(entry.event.hash) } : 'applies' } : {}),
    })),
  }));
}

/** One line for `status`, `list`, `verify`: that set-aside copies exist, and how many of their entries wait. */
export function setAsideLine(context: CliContext, incident: string, standings: readonly SetAsideStanding[]): string | undefined {
  if (standings.length === 0) return undefined;
  const waiting = allWaiting(standings).length;
  const copies = standings.length === 1 ? `1 set-aside copy (${standings[0]?.copy.file})` : `${standings.length} set-aside copies`;
  return waiting === 0
    ? `Set aside: ${copies}; every entry of it is in this record.`
    : `SET ASIDE: ${copies} with ${waiting} ${waiting === 1 ? 'entry' : 'entries'} not in this record: ${context.command(`pending ${incident}`)}`;
}

/** Set-aside copies of `incident` kept by `store`, against `record`; none for a store that keeps none. */
export async function standingsOf(store: IncidentStore, incident: string, record: readonly RecordedEvent[]): Promise<SetAsideStanding[]> {
  if (!store.setAsideCopies) return [];
  return setAsideStandings(store, incident, record);
}

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((line) => `${by}${line}`)
    .join('\n');
}

export default pending;
