import { createHash } from 'node:crypto';
import { AssuranceRegister } from '../../assurance/assuranceRegister.ts';
import { assuranceHtml, assuranceMarkdown, renderAssurance } from '../../assurance/renderAssurance.ts';
import { assuranceOf } from '../../assurance/trends.ts';
import { invalidInput } from '../../errors.ts';
import { findScenario, scenarioReference } from '../../exercise/findScenario.ts';
import { readScenario } from '../../exercise/scenario.ts';
import { londonDateOf } from '../../time/london.ts';
import { writeOutput } from '../writeOutput.ts';
import { printJson } from './shared.ts';
import { declareCommand, flag, value, jsonOutput } from '../declareCommand.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `irp assurance [--check | --rebuild] [--report md|html --out <file>]`: every exercise and real activation, with
 * trends, lessons that repeat, actions and the yearly test with the Board, from a register kept up to date with
 * the records (`--check` only says whether it is; `--rebuild` makes it again from scratch).
 */
const assurance = declareCommand({
  words: ['assurance'],
  description: 'every exercise and real activation: trends, lessons that repeat, actions open and overdue, the yearly test with the Board (a register kept from the records)',
  options: {
    check: flag('only say whether the register is up to date with the records (exit 2 if not)'),
    rebuild: flag('make the register again from every record, from scratch'),
    report: value('format', 'the report for the DSPT evidence item and the EPRR exercise record: md or html'),
    out: value('file', 'write the report to a file (never inside the state folder)'),
    force: flag('replace the --out file if it exists'),
    json: jsonOutput,
  },
  async run(context, _args, options) {
    const register = new AssuranceRegister(context.stateDir);
    const now = context.clock.now();
    if (options.check === true) {
      const { changes } = await register.check(context.irp);
      const stale = changes.changed.length + changes.removed.length;
      if (context.json) printJson(context, { upToDate: stale === 0, ...changes });
      else if (stale === 0) context.out(`The assurance register ${register.file} is up to date with the records.`);
      else context.out(`The assurance register is stale: ${[...changes.changed.map((id) => `${id} (new or changed)`), ...changes.removed.map((id) => `${id} (gone)`)].join(', ')}. irp assurance brings it up to date.`);
      context.exitCode = stale === 0 ? 0 : 2;
      return;
    }
    const loadScenario = (file: string) => {
      const path = findScenario(context.playbooksDir, file);
      return readScenario(path, sha256, scenarioReference(context.playbooksDir, path));
    };
    const { entries, changes } = await register.refresh(context.irp, { now, loadScenario, rebuild: options.rebuild === true });
    const { year, month, day } = londonDateOf(now);
    const today = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const summary = assuranceOf(entries, now, today);
    for (const unreadable of changes.unreadable) context.warn(`irp: ${unreadable.incident} is left out: ${unreadable.problem}`);
    if (options.report !== undefined) {
      if (options.report !== 'md' && options.report !== 'html') throw invalidInput('--report', 'not-a-format', `--report "${options.report}": give md or html.`);
      const text = options.report === 'html' ? assuranceHtml(summary, now) : assuranceMarkdown(summary, now);
      if (options.out !== undefined) context.out(`Wrote ${writeOutput(options.out, text, { stateDir: context.stateDir, force: options.force === true })}`);
      else context.out(text);
      return;
    }
    if (context.json) return printJson(context, { ...summary, changes });
    if (changes.changed.length > 0 || changes.removed.length > 0) context.out(`(The register was brought up to date: ${changes.changed.length} made from their records again, ${changes.removed.length} removed.)\n`);
    context.out(renderAssurance(summary));
  },
});

export default assurance;
