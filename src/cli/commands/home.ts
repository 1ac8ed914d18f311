import { homeMenu } from '../../runner/homeMenu.ts';
import { loadSettings } from '../../runner/settings.ts';
import { interactively, requireTerminal, terminalIo } from './run.ts';
import { declareCommand } from '../declareCommand.ts';

/** `irp` with no command (and `npm start`): the home menu. */
const home = declareCommand({
  words: [],
  description: 'the home menu: incidents, exercises and settings, in the interactive runner',
  async run(context) {
    requireTerminal(context, `${context.command('')} (the interactive runner)`);
    const remembered = await loadSettings(context.stateDir);
    await interactively(
      context,
      (incident) => (typeof incident === 'string' ? `run ${incident}` : ''),
      () => homeMenu(context.irp, terminalIo(context), remembered, context.actor, context.siteSettings()),
    );
  },
});

export default home;
