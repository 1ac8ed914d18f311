import { liveAndSetAside, previewReapply, reapplyWaiting } from '../../api/reapplyOffline.ts';
import { copyRecord, type CopyOutcome } from '../../sync/copyRecord.ts';
import type { IncidentStore } from '../../store/incidentStore.ts';
import type { CliContext } from '../context.ts';
import { otherStore, whereOf } from './otherStore.ts';
import { allWaiting, renderOutcome, renderSetAside } from './pending.ts';
import { printJson } from './shared.ts';
import { declareCommand, flag, value, jsonOutput, incidentArgument } from '../declareCommand.ts';

/** `irp push <incident> --to <store>`: this copy's events the other lacks, appended there. */
const push = declareCommand({
  words: ['push'],
  description: "copy an incident's record to a shared store, continuing its chain; never merges",
  arguments: [incidentArgument],
  options: {
    to: value('store', 'postgres://… or a state folder', { required: true }),
    reapply: flag("when the records have diverged: keep this machine's whole, take the shared one, and re-apply this machine's entries on top of it"),
    json: jsonOutput,
  },
  sandbox: 'on-demand',
  async run(context, [incident], options) {
    const there = otherStore(options.to);
    try {
      const outcome = await copyRecord(incident, context.store, there);
      if (outcome.comparison.kind === 'diverged' && options.reapply === true) return await reapply(context, incident, there);
      report(context, incident, outcome, 'push', whereOf(there));
    } finally {
      await there.close?.();
    }
  },
});

/** `irp pull <incident> --from <store> [--keep-both]`: the other copy's events this one lacks, appended here. */
const pull = declareCommand({
  words: ['pull'],
  description: "copy an incident's record from a shared store, continuing its chain; never merges",
  arguments: [incidentArgument],
  options: {
    from: value('store', 'postgres://… or a state folder', { required: true }),
    keepBoth: flag('when the records have diverged: keep the local one beside it, and take the shared one'),
    json: jsonOutput,
  },
  sandbox: 'on-demand',
  async run(context, [incident], options) {
    const there = otherStore(options.from);
    try {
      const outcome = await copyRecord(incident, there, context.store, { keepBoth: options.keepBoth === true });
      report(context, incident, outcome, 'pull', whereOf(there));
    } finally {
      await there.close?.();
    }
  },
});

/**
 * Diverged copies, brought together without losing either: this machine's record is set aside whole and takes the
 * shared one; then every entry of it the shared record lacks is re-applied there, in the order they happened, each
 * decided again against the state it now meets; this machine then takes what was written. What the shared record
 * now refuses waits for a person (`irp pending`), shown with why.
 */
async function reapply(context: CliContext, incident: string, there: IncidentStore): Promise<void> {
  const taken = await copyRecord(incident, there, context.store, { keepBoth: true });
  const { standings } = await liveAndSetAside(there, context.store, incident);
  const done = await reapplyWaiting(context.irpOn(there), incident, allWaiting(standings));
  await copyRecord(incident, there, context.store);
  const after = await liveAndSetAside(there, context.store, incident);
  const preview = await previewReapply(context.irpOn, incident, after.record, allWaiting(after.standings));
  if (allWaiting(after.standings).length > 0) context.exitCode = 2;
  if (context.json) return printJson(context, { incident, comparison: taken.comparison, keptAside: taken.keptAside, reapplied: done });
  const { comparison } = taken;
  const agreed = comparison.kind === 'diverged' && comparison.lastCommon ? `after event #${comparison.lastCommon.seq}` : 'from the first event';
  const playbook = (await context.irpOn(there).status(incident)).playbook;
  context.out(
    `The records of ${incident} diverged ${agreed}. Kept this machine's record, whole, as ${taken.keptAside}; this machine now holds the shared record.`,
  );
  context.out(renderOutcome(done, playbook, whereOf(there)));
  context.out(renderSetAside(context, incident, after.standings, preview, playbook, whereOf(there)));
}

/**
 * What happened, and the command to run next. The other store is named by its URL without its password: a hint is
 * read on screens and kept in scrollback (give the password as you did, or through PGPASSWORD).
 */
function report(context: CliContext, id: string, outcome: CopyOutcome, direction: 'push' | 'pull', there: string): void {
  const { comparison } = outcome;
  const diverged = comparison.kind === 'diverged' && outcome.keptAside === undefined;
  if (diverged) context.exitCode = 2;
  if (context.json) return printJson(context, { incident: id, ...outcome });
  const here = 'this copy';
  switch (comparison.kind) {
    case 'same':
      return context.out(`Nothing to ${direction}: ${id} is the same here and in ${there} (${comparison.count} events).`);
    case 'missing-there':
      return context.out(direction === 'push' ? `Pushed ${id} to ${there}: ${outcome.copied} events.` : `Pulled ${id} from ${there}: ${outcome.copied} events.`);
    case 'ahead-here':
      return context.out(direction === 'push' ? `Pushed ${outcome.copied} new events of ${id} to ${there}.` : `Pulled ${outcome.copied} new events of ${id} from ${there}.`);
    case 'ahead-there': {
      const ahead = direction === 'push' ? there : here;
      const next = direction === 'push' ? `pull them with: ${context.command(`pull ${id} --from ${there}`)}` : `push them with: ${context.command(`push ${id} --to ${there}`)}`;
      return context.out(`Nothing to ${direction}: ${ahead} has ${comparison.there} events of ${id} the other lacks; ${next}`);
    }
    case 'diverged': {
      const agreed = comparison.lastCommon ? `after event #${comparison.lastCommon.seq} (${comparison.lastCommon.hash.slice(0, 12)}…)` : 'from the first event';
      const counts = direction === 'push' ? `${comparison.here} events here and ${comparison.there} in ${there}` : `${comparison.here} events in ${there} and ${comparison.there} here`;
      if (outcome.keptAside) {
        return context.out(
          `The records of ${id} diverged ${agreed}. Kept this machine's record, whole, as ${outcome.keptAside}; took the copy from ${there} (${outcome.copied} events). Its ${comparison.there} entries of its own wait to be re-applied on top: ${context.command(`pending ${id} --to ${there}`)}`,
        );
      }
      return context.out(
        `The records of ${id} diverge ${agreed}: ${counts} since. Nothing was copied and nothing merged. To put this machine's entries on top of the shared ones, each decided again, keeping this machine's record whole beside it: ${context.command(`${direction === 'push' ? `push ${id} --to` : `pull ${id} --from`} ${there}${direction === 'push' ? ' --reapply' : ' --keep-both'}`)}`,
      );
    }
  }
}

export default [push, pull];
