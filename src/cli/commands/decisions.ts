import type { CliContext } from '../context.ts';
import { decisionLogPage, renderDecisionLog } from '../../render/renderDecisionLog.ts';

/**
 * `irp decisions <incident> [--json] [--markdown]`: the decision log, each decision numbered with its time (and
 * when it was recorded, if later), who took it, what was known then, the options offered and the rationale.
 */
export default async function decisions(context: CliContext, [incident]: string[], options: Record<string, unknown> = {}): Promise<void> {
  const { title, entries, inWords } = await context.irp.decisions(incident as string);
  if (context.json) {
    context.out(`${JSON.stringify(entries.map(({ known, ...entry }) => ({ ...entry, known: { ...known, clocks: known.clocks.map((state) => ({ id: state.clock.id, status: state.status, ...('dueAt' in state ? { dueAt: state.dueAt } : {}), ...('remainingMs' in state ? { remainingMs: state.remainingMs } : {}) })) } })), null, 2)}\n`);
    return;
  }
  context.out(options.markdown === true ? decisionLogPage(title, inWords) : renderDecisionLog(inWords, title));
}
