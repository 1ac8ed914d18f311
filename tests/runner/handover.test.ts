// Handing command over in the runner: the commander names who takes over, confirms, and from then on records as
// them; whoever takes command over without being in command says why, for everyone to see.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { readAnswersFile } from '../../src/runner/answersFile.ts';
import { runIncident } from '../../src/runner/runIncident.ts';
import type { RunnerIo } from '../../src/runner/runnerIo.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { ScriptedPrompter } from '../helpers/scriptedPrompter.ts';
import { catalogOf, timePlaybook } from '../helpers/timePlaybook.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** An incident opened by Ana, and the runner walked by `actor` through the entries given. */
async function runnerWith(actor: { name: string; role: string }, steps: string[]) {
  const clock = new ManualClock(new Date('2022-08-04T06:00:00Z'));
  const irp = new Irp({ store: new MemoryIncidentStore(), catalog: catalogOf(timePlaybook()), clock });
  const { view } = await irp.start({ playbook: 'time', title: 'Handover', actor: { name: 'Ana', role: 'lead' } });
  const file = join(tempDir(), 'answers.yaml');
  writeFileSync(file, ['steps:', ...steps, ''].join('\n'));
  const prompter = new ScriptedPrompter(readAnswersFile(file));
  const printed: string[] = [];
  const io: RunnerIo = { command: (args) => `irp ${args}`, prompter, clock, print: (t) => printed.push(t), recorded: () => prompter.advance(), refused: (e) => prompter.refuse(e) };
  await runIncident(irp, view.id, io, { actor });
  return { log: await irp.log(view.id), printed };
}

describe('handing command over in the runner', () => {
  it('records the handover by the commander, and what follows as the new commander', async () => {
    const { log, printed } = await runnerWith({ name: 'Ana', role: 'lead' }, ['  - handover: { name: Ben Shah, role: lead }', '  - note: Bridge moved to room 2']);
    const handover = log.find((event) => event.kind === 'command.handed-over');
    expect(handover).toMatchObject({ actor: { name: 'Ana' }, data: { to: { name: 'Ben Shah', role: 'lead' } } });
    expect(log.at(-1)).toMatchObject({ kind: 'note', actor: { name: 'Ben Shah', role: 'lead' }, data: { text: 'Bridge moved to room 2' } });
    expect(printed).toContain('Command handed over. Recording as Ben Shah from now on.');
  });
});
