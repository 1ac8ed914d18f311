import { resolve } from 'node:path';
import { copyRecord, type CopyOutcome } from '../../sync/copyRecord.ts';
import { FileIncidentStore } from '../../store/fileIncidentStore.ts';
import type { IncidentStore } from '../../store/incidentStore.ts';
import { PgIncidentStore } from '../../store/pgIncidentStore.ts';
import type { CliContext } from '../context.ts';
import { storeOf } from '../context.ts';
import { printJson } from './shared.ts';

/** The other store: a PostgreSQL URL, or another state folder. */
function otherStore(spec: string): IncidentStore {
  return /^postgres(ql)?:\/\//.test(spec) ? storeOf(spec, '') : new FileIncidentStore(resolve(spec));
}

const whereOf = (store: IncidentStore) => (store instanceof PgIncidentStore ? store.where : store instanceof FileIncidentStore ? store.stateDir : 'the other store');

/** `irp push <incident> --to <store>`: this copy's events the other lacks, appended there. */
export async function push(context: CliContext, [incident]: string[], options: Record<string, unknown>): Promise<void> {
  const there = otherStore(options.to as string);
  try {
    const outcome = await copyRecord(incident as string, context.store, there);
    report(context, incident as string, outcome, { direction: 'push', there: whereOf(there), spec: whereOf(there) });
  } finally {
    await there.close?.();
  }
}

/** `irp pull <incident> --from <store> [--keep-both]`: the other copy's events this one lacks, appended here. */
export async function pull(context: CliContext, [incident]: string[], options: Record<string, unknown>): Promise<void> {
  const there = otherStore(options.from as string);
  try {
    const outcome = await copyRecord(incident as string, there, context.store, { keepBoth: options.keepBoth === true });
    report(context, incident as string, outcome, { direction: 'pull', there: whereOf(there), spec: whereOf(there) });
  } finally {
    await there.close?.();
  }
}

/**
 * What happened, and the command to run next. The other store is named by its URL without its password: a hint is
 * read on screens and kept in scrollback (give the password as you did, or through PGPASSWORD).
 */
function report(context: CliContext, id: string, outcome: CopyOutcome, how: { direction: 'push' | 'pull'; there: string; spec: string }): void {
  const { comparison } = outcome;
  const diverged = comparison.kind === 'diverged' && outcome.keptAside === undefined;
  if (diverged) context.exitCode = 2;
  if (context.json) return printJson(context, { incident: id, ...outcome });
  const here = 'this copy';
  switch (comparison.kind) {
    case 'same':
      return context.out(`Nothing to ${how.direction}: ${id} is the same here and in ${how.there} (${comparison.count} events).`);
    case 'missing-there':
      return context.out(how.direction === 'push' ? `Pushed ${id} to ${how.there}: ${outcome.copied} events.` : `Pulled ${id} from ${how.there}: ${outcome.copied} events.`);
    case 'ahead-here':
      return context.out(how.direction === 'push' ? `Pushed ${outcome.copied} new events of ${id} to ${how.there}.` : `Pulled ${outcome.copied} new events of ${id} from ${how.there}.`);
    case 'ahead-there': {
      const ahead = how.direction === 'push' ? how.there : here;
      const next = how.direction === 'push' ? `pull them with: ${context.command(`pull ${id} --from ${how.spec}`)}` : `push them with: ${context.command(`push ${id} --to ${how.spec}`)}`;
      return context.out(`Nothing to ${how.direction}: ${ahead} has ${comparison.there} events of ${id} the other lacks; ${next}`);
    }
    case 'diverged': {
      const agreed = comparison.lastCommon ? `after event #${comparison.lastCommon.seq} (${comparison.lastCommon.hash.slice(0, 12)}…)` : 'from the first event';
      const counts = how.direction === 'push' ? `${comparison.here} events here and ${comparison.there} in ${how.there}` : `${comparison.here} events in ${how.there} and ${comparison.there} here`;
      if (outcome.keptAside) {
        return context.out(`The records of ${id} diverged ${agreed}. Kept this machine's record, whole, as ${outcome.keptAside}; took the copy from ${how.there} (${outcome.copied} events). Both verify on their own.`);
      }
      return context.out(
        `The records of ${id} diverge ${agreed}: ${counts} since. Nothing was copied and nothing merged. To keep both, take the shared copy and keep this machine's beside it: ${context.command(`pull ${id} --from ${how.spec} --keep-both`)}`,
      );
    }
  }
}
