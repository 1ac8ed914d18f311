// The runner asks for the reasons for a late notification only when the engine says the law needs them.
import { runAnswers } from '../../src/runner/runAnswers.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { readAnswersFile } from '../../src/runner/answersFile.ts';
import { runIncident } from '../../src/runner/runIncident.ts';
import type { RunnerIo } from '../../src/runner/runnerIo.ts';
import { ScriptedPrompter } from '../helpers/scriptedPrompter.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { catalogOf, HOUR, timePlaybook } from '../helpers/timePlaybook.ts';
import { tempDir } from '../helpers/tempDir.ts';

const T0 = new Date('2022-08-04T06:00:00Z');

/** An incident whose ICO clock has run out, and an answers file with `steps`. */
async function afterTheDeadline(steps: string[]) {
  const clock = new ManualClock(T0);
  const irp = new Irp({ store: new MemoryIncidentStore(), catalog: catalogOf(timePlaybook()), clock });
  const { view } = await irp.start({ playbook: 'time', title: 'Late', actor: { name: 'Ana' } });
  await irp.check(view.id, ['seen'], { actor: { name: 'Ana' } });
  await irp.step(view.id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, { actor: { name: 'Ana' } });
  clock.set(new Date(T0.getTime() + 80 * HOUR)); // the ICO's 72 hours have run out
  const file = join(tempDir(), 'answers.yaml');
  writeFileSync(file, ['actor: { name: Ana, role: lead }', 'steps:', ...steps, ''].join('\n'));
  return { irp, id: view.id, clock, answers: readAnswersFile(file) };
}

async function lateIco(steps: string[]) {
  const { irp, id, clock, answers } = await afterTheDeadline(steps);
  const view = { id };
  const prompter = new ScriptedPrompter(answers);
  const printed: string[] = [];
  const io: RunnerIo = { command: (args) => `irp ${args}`, prompter, clock, print: (t) => printed.push(t), recorded: () => prompter.advance(), refused: (e) => prompter.refuse(e) };
  const outcome = runIncident(irp, view.id, io, { actor: { name: 'Ana', role: 'lead' } });
  return { irp, id: view.id, outcome, printed };
}

describe('a late notification in the runner', () => {
  it('asks for the reasons and records them with the decision', async () => {
    const { irp, id, outcome, printed } = await lateIco(['  - decide: ICO_NOTIFIED', '    data: { ref: ICO-1 }', '    lateReasons: the scope took three days to establish']);
    await outcome;
    expect(printed.join('\n')).toMatch(/Recorded #\d+ .* decided "ICO told"/);
    const decision = (await irp.log(id)).find((e) => e.kind === 'decision' && e.data.event === 'ICO_NOTIFIED');
    expect(decision?.kind === 'decision' && decision.data.lateReasons).toBe('the scope took three days to establish');
  });

  it('stops at the entry when the reasons are not given, recording nothing', async () => {
    const { irp, id, outcome } = await lateIco(['  - decide: ICO_NOTIFIED', '    data: { ref: ICO-1 }']);
    await expect(outcome).rejects.toThrow(/answers\.yaml line 3: lateReasons: the law asks for the reasons for a late notification/);
    expect((await irp.log(id)).some((e) => e.kind === 'decision' && e.data.event === 'ICO_NOTIFIED')).toBe(false);
  });
});

describe('a late notification through the library', () => {
  it('is refused with only a note: the reasons for the delay are their own field', async () => {
    const { irp, id } = await afterTheDeadline(['  - note: unused']);
    await expect(irp.step(id, { event: 'ICO_NOTIFIED', payload: { ref: 'ICO-1' } }, { actor: { name: 'Ana' }, note: 'we were busy' })).rejects.toMatchObject({ problem: { code: 'late-without-reason', clock: 'ico' } });
    expect((await irp.log(id)).some((e) => e.kind === 'decision' && e.data.event === 'ICO_NOTIFIED')).toBe(false);
    await irp.step(id, { event: 'ICO_NOTIFIED', payload: { ref: 'ICO-1' }, lateReasons: 'the scope took three days' }, { actor: { name: 'Ana' }, note: 'we were busy' });
    const decision = (await irp.log(id)).find((e) => e.kind === 'decision' && e.data.event === 'ICO_NOTIFIED');
    expect(decision).toMatchObject({ note: 'we were busy', data: { lateReasons: 'the scope took three days' } });
  });

  it('refuses reasons for a delay when the notification is on time', async () => {
    const clock = new ManualClock(T0);
    const irp = new Irp({ store: new MemoryIncidentStore(), catalog: catalogOf(timePlaybook()), clock });
    const { view } = await irp.start({ playbook: 'time', title: 'On time', actor: { name: 'Ana' } });
    await irp.check(view.id, ['seen'], { actor: { name: 'Ana' } });
    await irp.step(view.id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, { actor: { name: 'Ana' } });
    await expect(irp.step(view.id, { event: 'ICO_NOTIFIED', payload: { ref: 'ICO-1' }, lateReasons: 'none' }, { actor: { name: 'Ana' } })).rejects.toMatchObject({ problem: { code: 'not-late' } });
  });
});

describe('a late notification from an answers file, headless', () => {
  async function lateIcoHeadless(steps: string[]) {
    const { irp, id, clock, answers } = await afterTheDeadline(steps);
    return { irp, id, outcome: runAnswers(irp, id, answers, { actor: { name: 'Ana' }, clock }) };
  }

  it('records the reasons the file gives when the engine says they are needed', async () => {
    const { irp, id, outcome } = await lateIcoHeadless(['  - decide: ICO_NOTIFIED', '    data: { ref: ICO-1 }', '    lateReasons: the scope took three days']);
    await outcome;
    const decision = (await irp.log(id)).find((e) => e.kind === 'decision' && e.data.event === 'ICO_NOTIFIED');
    expect(decision?.kind === 'decision' && decision.data.lateReasons).toBe('the scope took three days');
  });

  it('stops at the entry, naming its line and the deadline, when the file gives none', async () => {
    const { irp, id, outcome } = await lateIcoHeadless(['  - decide: ICO_NOTIFIED', '    data: { ref: ICO-1 }']);
    await expect(outcome).rejects.toMatchObject({ problem: { code: 'answers-entry-refused', line: 3, refused: { code: 'late-without-reason', event: 'ICO_NOTIFIED', clock: 'ico', law: 'UK GDPR Art. 33(1)' } } });
    expect((await irp.log(id)).some((e) => e.kind === 'decision' && e.data.event === 'ICO_NOTIFIED')).toBe(false);
  });
});
