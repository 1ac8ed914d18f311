import { homeMenu } from '../../runner/homeMenu.ts';
import { loadSettings } from '../../runner/settings.ts';
import type { CliContext } from '../context.ts';
import { interactively, requireTerminal, terminalIo } from './run.ts';

/** `irp` with no command (and `npm start`): the home menu. */
export default async function home(context: CliContext): Promise<void> {
  requireTerminal(context, `${context.command('')} (the interactive runner)`);
  const remembered = await loadSettings(context.stateDir);
  await interactively(
    context,
    (incident) => (typeof incident === 'string' ? `run ${incident}` : ''),
    () => homeMenu(context.irp, terminalIo(context), remembered, context.actor, context.siteSettings()),
  );
}
