import type { CommandInput, RecordOptions } from '../../api/irp.ts';
import { invalidInput } from '../../errors.ts';
import { readPaperLogFile, type PaperLogEntry } from '../../input/paperLogFile.ts';
import { parseTime } from '../../input/parseTime.ts';
import type { LoadedPlaybook } from '../../playbook/loadedPlaybook.ts';
import { paperCodes, type PaperCodes } from '../../playbook/paperCodes.ts';
import { renderRecorded } from '../../render/renderLog.ts';
import { printJson } from './shared.ts';
import { declareCommand, value, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

/**
 * `irp enter <incident> <file>`: a paper log typed up afterwards (the action cards' codes, times, names, data and
 * reasons), checked whole against the incident and recorded all or nothing, each entry marked as entered from paper.
 */
const enter = declareCommand({
  words: ['enter'],
  description: "record a paper log typed up afterwards (the action cards' codes, times, names, data, rationale) all or nothing, each entry marked as typed up from paper",
  arguments: [incidentArgument, argument('file', 'the paper log: CSV (code,at,name,role,data,rationale,lateReasons,reason,note) or YAML (entries:)')],
  options: {
    reason: value('text', 'why the entries are entered late, for every entry that gives none (needed past the margin)'),
    json: jsonOutput,
  },
  actor: true,
  async run(context, [incident, file], options) {
    const log = readPaperLogFile(file);
    const { playbook } = await context.irp.status(incident);
    const codes = paperCodes(playbook);
    const now = context.clock.now();
    const fileReason = options.reason ?? log.reason;
    const entries = log.entries.map((entry) => ({
      where: entry.where,
      command: commandOf(entry, playbook, codes),
      options: {
        actor: { name: entry.name, role: entry.role ?? roleOf(entry, codes) },
        at: parseTime(entry.at, now, `${entry.where}: at`),
        reason: entry.reason ?? fileReason,
        note: entry.code.toUpperCase() === 'NOTE' ? undefined : entry.note,
        fromPaper: { file: log.name, line: entry.line },
      } satisfies RecordOptions,
    }));
    const report = await context.irp.executeAll(incident, entries);
    if (context.json) return printJson(context, report.recorded);
    context.out(renderRecorded(report.recorded, report.playbook));
    context.out(`Entered ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} of ${log.name}, each marked as typed up from paper.`);
  },
});

function commandOf(entry: PaperLogEntry, playbook: LoadedPlaybook, codes: PaperCodes): CommandInput {
  if (entry.code.toUpperCase() === 'NOTE') {
    if (entry.note === undefined) throw invalidInput(entry.where, 'note-without-text', `${entry.where}: a NOTE needs its text in note.`);
    return { kind: 'note', text: entry.note };
  }
  const code = codes.codes.get(entry.code.toUpperCase());
  if (!code) throw invalidInput(entry.where, 'not-a-code', `${entry.where}: ${entry.code} is not a code of the action cards of ${playbook.id} ${playbook.version} (S<step>.<item> for an item, D<n> for a decision, NOTE for a note).`);
  if (code.kind === 'tick') {
    if (entry.data || entry.rationale || entry.lateReasons) throw invalidInput(entry.where, 'item-with-data', `${entry.where}: ${entry.code} is a checklist item: it takes no data, rationale or reasons for a delay.`);
    return { kind: 'tick', items: [`${code.step}:${code.item}`] };
  }
  return { kind: 'decide', event: code.event, payload: entry.data, rationale: entry.rationale, lateReasons: entry.lateReasons };
}

/** The role of the card an entry's code is on: the role of its step (of the first step offering a decision). */
function roleOf(entry: PaperLogEntry, codes: PaperCodes): string | undefined {
  const code = entry.code.toUpperCase();
  const step = codes.steps.find((s) => s.items.some((item) => item.code === code) || s.decisions.some((decision) => decision.code === code));
  return step?.step.role;
}

export default enter;
