import { basename, dirname, join, resolve } from 'node:path';
import { invalidInput } from '../../errors.ts';
import { PlaybookCatalog } from '../../playbook/playbookCatalog.ts';
import { replayAgainst } from '../../replay/replayAgainst.ts';
import { formatLondon } from '../../time/london.ts';
import { recordEnd } from '../../record/recordEnd.ts';
import { printJson } from './shared.ts';
import { declareCommand, value, jsonOutput, incidentArgument } from '../declareCommand.ts';

/**
 * `irp replay <incident> --playbook <id>[@version]`: what the record would meet under another playbook (or a
 * revised one: give a file path). Nothing is recorded; the original record is only read.
 */
const replay = declareCommand({
  words: ['replay'],
  description: 'what-if: re-run a recorded incident against another playbook or a revised version, in memory',
  arguments: [incidentArgument],
  options: { playbook: value('id[@version]|file.ts', 'the playbook to replay against', { required: true }), json: jsonOutput },
  async run(context, [incident], options) {
    const wanted = options.playbook;
    const [name, version] = wanted.endsWith('.ts') ? [wanted, undefined] : (wanted.split('@', 2) as [string, string | undefined]);
    const target = name.endsWith('.ts')
      ? await new PlaybookCatalog(dirname(resolve(name)), join(context.stateDir, '.cache', 'playbooks')).load(basename(name, '.ts'))
      : await context.catalog.load(name);
    if (version !== undefined && target.version !== version) {
      throw invalidInput('--playbook', 'other-version', `${target.file} is ${target.id} version ${target.version}, not ${version}.`);
    }
    const { view, playbook } = await context.irp.status(incident);
    const endAt = new Date(recordEnd(view.events));
    const result = await replayAgainst({ events: view.events, original: playbook, target, endAt });
    if (context.json) return printJson(context, result);
    context.out(`What-if: ${result.incident} (recorded under ${result.from.id} ${result.from.version}) against ${result.to.id} ${result.to.version} (${result.to.file})`);
    context.out(`Replayed ${result.events} recorded events in memory; the original record is unchanged.\n`);
    if (result.divergences.length === 0) context.out('Every recorded decision, tick and note fits the other playbook.');
    else context.out(`Where the record no longer fits (${result.divergences.length}):`);
    for (const divergence of result.divergences) {
      const seqs = divergence.seqs.length > 1 ? `#${divergence.seqs[0]}–#${divergence.seqs.at(-1)}` : `#${divergence.seqs[0]}`;
      context.out(`  ${seqs}  ${formatLondon(new Date(divergence.at))}  ${divergence.problem}`);
      for (const detail of divergence.details) context.out(`        ${detail}`);
    }
    context.out('');
    if (result.clocks.length === 0) context.out('No clock would be missed that was not missed before.');
    for (const clock of result.clocks) context.out(`  Clock would now be missed: ${clock.label} (${clock.law}): ${clock.before} before, ${clock.after} now`);
    context.out(`Finished at the end: ${result.finishedAfter ? 'yes' : 'no'} (as recorded: ${result.finishedBefore ? 'yes' : 'no'}).`);
  },
});

export default replay;
