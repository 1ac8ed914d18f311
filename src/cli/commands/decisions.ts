import { decisionLogPage, renderDecisionLog } from '../../render/renderDecisionLog.ts';
import { declareCommand, flag, incidentArgument } from '../declareCommand.ts';

/**
 * `irp decisions <incident> [--json] [--markdown]`: the decision log, each decision numbered with its time (and
 * when it was recorded, if later), who took it, what was known then, the options offered and the rationale.
 */
const decisions = declareCommand({
  words: ['decisions'],
  description: 'the decision log: each decision with its time, who took it, what was known then, the options offered and the rationale',
  arguments: [incidentArgument],
  options: { json: flag('as JSON'), markdown: flag('as Markdown, for a report or a paper log') },
  async run(context, [incident], options) {
    const { title, entries, inWords } = await context.irp.decisions(incident);
    if (context.json) {
      context.out(`${JSON.stringify(entries.map(({ known, ...entry }) => ({ ...entry, known: { ...known, clocks: known.clocks.map((state) => ({ id: state.clock.id, status: state.status, ...('dueAt' in state ? { dueAt: state.dueAt } : {}), ...('remainingMs' in state ? { remainingMs: state.remainingMs } : {}) })) } })), null, 2)}\n`);
      return;
    }
    context.out(options.markdown === true ? decisionLogPage(title, inWords) : renderDecisionLog(inWords, title));
  },
});

export default decisions;
