import type { CliContext } from '../context.ts';
import { renderLog } from '../../render/renderLog.ts';
import { formatHead, headOf } from '../../record/seal.ts';
import { printJson } from './shared.ts';

/** `irp log <incident>`: the record, oldest first. */
export default async function log(context: CliContext, [incident]: string[]): Promise<void> {
  const events = await context.irp.log(incident as string);
  if (context.json) return printJson(context, events);
  context.out(renderLog(events));
  context.out(`\nHead: ${formatHead(headOf(events))}  (irp verify ${incident} --expect ${formatHead(headOf(events))} checks that nothing up to here changed)`);
}
