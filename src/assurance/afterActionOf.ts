import { clockStates } from '../clocks/clockStatus.ts';
import { afterAction, type AfterActionReport } from '../exercise/afterAction.ts';
import type { Scenario } from '../exercise/scenario.ts';
import { recordEnd } from '../record/recordEnd.ts';
import type { Irp } from '../api/irp.ts';

/**
 * The after-action report of an incident or exercise, as the CLI, the assurance register and comparisons all make
 * it: clocks (and the register) judged at the end of an exercise (its last recorded moment, or where it stopped),
 * or at `now` for a live incident.
 */
export async function afterActionOf(irp: Irp, incident: string, options: { scenario?: Scenario | undefined; scenarioChanged?: boolean; now: Date }): Promise<AfterActionReport> {
  const { view, playbook } = await irp.status(incident);
  const end = new Date(recordEnd(view.events, { from: options.scenario?.startAt.getTime() ?? 0 }));
  const at = view.exercise ? end : options.now;
  const clocks = clockStates(playbook.clocks, view.events, at);
  const register = playbook.duties.length > 0 ? (await irp.register(incident, at)).register : undefined;
  return afterAction({ playbook, events: view.events, clocks, scenario: options.scenario, scenarioChanged: options.scenarioChanged === true, register });
}
