// The interactive runner, driven on @inquirer/testing's virtual screen, and the same steps from an answers file:
// both must leave the same record.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { screen } from '@inquirer/testing/vitest';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { readAnswersFile } from '../../src/runner/answersFile.ts';
import { inquirerPrompter } from '../../src/runner/inquirerPrompter.ts';
import { RunnerCancelled } from '../../src/runner/prompter.ts';
import { runIncident } from '../../src/runner/runIncident.ts';
import type { RunnerIo } from '../../src/runner/runnerIo.ts';
import { runAnswers } from '../../src/runner/runAnswers.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { type Clock, fixedClock, ManualClock } from '../../src/time/clock.ts';
import { catalogOf, timePlaybook } from '../helpers/timePlaybook.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const NOW = new Date('2022-08-04T08:30:00Z');
const actor = { name: 'Sam Patel', role: 'incident-commander' };

async function openIncident() {
  const irp = new Irp({
    store: new MemoryIncidentStore(),
    catalog: new PlaybookCatalog(playbooksDir, join(tempDir('irp-cache-'), 'c')),
    clock: fixedClock(NOW),
    newSuffix: () => 'abcd',
  });
  const { view } = await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware', awareAt: new Date('2022-08-04T06:00:00Z'), actor });
  return { irp, id: view.id };
}

/** What two records must share to be "the same": everything but the hashes. */
const essence = (events: readonly RecordedEvent[]) => events.map(({ hash: _h, prevHash: _p, ...rest }) => rest);

/** Does something that ends the current prompt, then waits for the next one to render. */
const step = async (action: () => void) => {
  action();
  await screen.next();
  if (process.env.DEBUG_SCREEN) console.log(screen.getScreen());
};

describe('the runner', () => {
  it('records from the keyboard exactly what an answers file records', async () => {
    const typed = await openIncident();
    const printed: string[] = [];
    const io: RunnerIo = { command: (args) => `irp ${args}`, prompter: inquirerPrompter(), clock: fixedClock(NOW), print: (t) => printed.push(t), recorded: () => undefined, refused: (e) => printed.push(e.message) };
    const done = runIncident(typed.irp, typed.id, io, { actor: { ...actor } });
    await screen.next();
    expect(screen.getScreen()).toContain("Tick checklist items (3 open)");
    await step(() => screen.keypress('enter')); // tick
    screen.keypress('a'); // all
    await step(() => screen.keypress('enter'));
    screen.keypress({ name: 'backspace' });
    screen.keypress({ name: 'backspace' });
    screen.keypress({ name: 'backspace' });
    screen.type('07:05');
    await step(() => screen.keypress('enter'));
    expect(screen.getScreen()).toContain('That is 2h 25m ago. Why is it entered late?');
    screen.type('from the paper log');
    await step(() => screen.keypress('enter'));
    expect(screen.getScreen()).toContain('Decide: Declare a major cyber incident');
    await step(() => screen.keypress('enter')); // DECLARE: when it happened is asked first
    screen.keypress({ name: 'backspace' });
    screen.keypress({ name: 'backspace' });
    screen.keypress({ name: 'backspace' });
    screen.type('07:10');
    await step(() => screen.keypress('enter'));
    screen.type('from the paper log');
    await step(() => screen.keypress('enter'));
    expect(screen.getScreen()).toContain('Why declare a major cyber incident now?');
    screen.type('As the playbook advises, on what was known');
    await step(() => screen.keypress('enter'));
    screen.type('LockBit note');
    await step(() => screen.keypress('enter'));
    // Declared: containment and every other workstream are offered side by side.
    expect(screen.getScreen()).toContain('Decide on a precautionary shutdown');
    expect(screen.getScreen()).toContain('Report to the NHS England CSOC');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toBeInstanceOf(RunnerCancelled);

    const scripted = await openIncident();
    const file = join(tempDir(), 'answers.yaml');
    writeFileSync(
      file,
      [
        'steps:',
        '  - tick: [detection-source, bridge-opened, loggist-assigned]',
        '    at: "07:05"',
        '    reason: from the paper log',
        '  - decide: DECLARE', '    rationale: As the playbook advises, on what was known',
        '    note: LockBit note',
        '    at: "07:10"',
        '    reason: from the paper log',
        '',
      ].join('\n'),
    );
    // The same answers from a file, taken headless as commands.
    await runAnswers(scripted.irp, scripted.id, readAnswersFile(file), { actor: { ...actor }, clock: fixedClock(NOW) });

    const a = await typed.irp.log(typed.id);
    const b = await scripted.irp.log(scripted.id);
    expect(a.map((e) => e.kind)).toEqual(['incident.opened', 'checklist.ticked', 'decision']);
    expect(essence(a)).toEqual(essence(b));
  });

  it('walks parallel workstreams: the commander picks one, then another', async () => {
    const { irp, id } = await openIncident();
    for (const [items, event] of [
      [['detection-source', 'bridge-opened', 'loggist-assigned'], 'DECLARE'],
      [['clinical-impact-considered'], 'SHUT_DOWN_ALL'],
      [['servers-isolated', 'remote-access-cut', 'third-party-accounts-disabled', 'mfa-enforced', 'evidence-preserved'], 'CONTAINED'],
    ] as const) {
      await irp.check(id, items, { actor });
      await irp.step(id, { event, rationale: 'As the playbook advises, on what was known' }, { actor });
    }
    const io: RunnerIo = { command: (args) => `irp ${args}`, prompter: inquirerPrompter(), clock: fixedClock(NOW), print: () => undefined, recorded: () => undefined, refused: () => undefined };
    const done = runIncident(irp, id, io, { actor: { ...actor } });
    await screen.next();
    expect(screen.getScreen()).toContain('Assess the scope · Scope');
    expect(screen.getScreen()).toContain('Report to the NCSC · Notify');
    for (let i = 0; i < 3; i += 1) screen.keypress('down'); // past the technical track, the scope and the CSOC: the NCSC
    await step(() => screen.keypress('enter'));
    expect(screen.getScreen()).toContain('Decide: NCSC notified');
    await step(() => screen.keypress('enter'));
    await step(() => screen.keypress('enter')); // now
    screen.type('NCSC-42');
    await step(() => screen.keypress('enter'));
    await step(() => screen.keypress('enter')); // no note
    expect(screen.getScreen()).not.toContain('Report to the NCSC');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toBeInstanceOf(RunnerCancelled);
    const log = await irp.log(id);
    expect(log.at(-1)).toMatchObject({ kind: 'decision', data: { event: 'NCSC_NOTIFIED', payload: { ncscReference: 'NCSC-42' } } });
  });

  it('sees what another runner recorded on the same incident at its next screen', async () => {
    const { irp, id } = await openIncident();
    const printed: string[] = [];
    const io: RunnerIo = { command: (args) => `irp ${args}`, prompter: inquirerPrompter(), clock: fixedClock(NOW), print: (t) => printed.push(t), recorded: () => undefined, refused: (e) => printed.push(e.message) };
    const done = runIncident(irp, id, io, { actor: { ...actor } });
    await screen.next();
    // Meanwhile, in another terminal, someone else ticks an item.
    await irp.check(id, ['detection-source'], { actor: { name: 'Jo Li', role: 'loggist' } });
    // Everything but the step's own actions is one entry away, under "More…".
    for (let i = 0; i < 10 && !screen.getScreen().includes('❯ More…'); i += 1) screen.keypress('down');
    await step(() => screen.keypress('enter'));
    for (let i = 0; i < 10 && !screen.getScreen().includes('❯ Add a note'); i += 1) screen.keypress('down');
    await step(() => screen.keypress('enter'));
    expect(screen.getScreen()).toContain('When did this happen?');
    await step(() => screen.keypress('enter')); // now
    screen.type('Bridge is open');
    await step(() => screen.keypress('enter'));
    // The next screen says what was recorded elsewhere and by whom, in words, and what this runner recorded.
    const news = printed.findIndex((text) => text === 'Recorded elsewhere since your last screen, by Jo Li:');
    expect(news).toBeGreaterThan(0);
    expect(printed.slice(news + 1, news + 3).join(' ').replace(/\s+/g, ' ')).toMatch(/Jo Li \(Loggist\) ticked "Who or what raised the alarm, and when, is noted" in "Declare the incident"$/);
    expect(printed.join('\n')).toMatch(/Recorded #3 {2}Thu 4 Aug 2022 09:30:00 BST {2}Sam Patel \(Incident commander\) {2}note:/);
    expect(printed.join('\n')).toContain('[x] Who or what raised the alarm, and when, is noted — Jo Li');
    expect(screen.getScreen()).toContain('Tick checklist items (2 open)');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toBeInstanceOf(RunnerCancelled);
    expect((await irp.log(id)).map((e) => [e.kind, e.actor.name])).toEqual([
      ['incident.opened', 'Sam Patel'],
      ['checklist.ticked', 'Jo Li'],
      ['note', 'Sam Patel'],
    ]);
  });

  it('withdraws a waiting menu when a timer falls due, and says so before anything is answered', async () => {
    const clock = new ManualClock(new Date('2022-08-04T06:00:00Z'));
    const irp = new Irp({ store: new MemoryIncidentStore(), catalog: catalogOf(timePlaybook()), clock, newSuffix: () => 'abcd' });
    const { view } = await irp.start({ playbook: 'time', title: 'Timers', awareAt: clock.now(), actor: { name: 'Sam', role: 'lead' } });
    await irp.check(view.id, ['seen'], { actor: { name: 'Sam', role: 'lead' } });
    await irp.step(view.id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, { actor: { name: 'Sam', role: 'lead' } });
    const printed: string[] = [];
    const io: RunnerIo = { ...quietIo(clock, printed), watch: watchEvery(10) };
    const done = runIncident(irp, view.id, io, { actor: { name: 'Sam', role: 'lead' } });
    await screen.next();
    expect(printed.join('\n')).not.toContain('TIMER');
    clock.advance(4 * 3_600_000 + 60_000); // nobody presses a key; the helpdesk's 4 hours pass
    await screen.next();
    expect(printed.join('\n')).toContain('TIMER fell due Thu 4 Aug 2022 11:00 BST: No answer from the helpdesk in 4 h');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toBeInstanceOf(RunnerCancelled);
  });

  it('tells the loser of a race who took the decision first', async () => {
    const { irp, id } = await openIncident();
    await irp.check(id, ['detection-source', 'bridge-opened', 'loggist-assigned'], { actor });
    const printed: string[] = [];
    const done = runIncident(irp, id, quietIo(fixedClock(NOW), printed), { actor: { ...actor } });
    await screen.next();
    expect(screen.getScreen()).toContain('❯ Decide: Declare a major cyber incident');
    await step(() => screen.keypress('enter'));
    await step(() => screen.keypress('enter')); // now
    // While Sam types the rationale and a note, Jo declares in another terminal.
    await irp.step(id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, { actor: { name: 'Jo Li', role: 'incident-commander' } });
    screen.type('LockBit note');
    await step(() => screen.keypress('enter'));
    screen.type('Seen on Staffplan');
    await step(() => screen.keypress('enter'));
    const text = printed.join(' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/While you were answering, Jo Li recorded an entry \(the last at Thu 4 Aug 2022 09:30 BST\); "Declare a major cyber incident" is not offered now\./);
    expect(text).toContain('Recorded elsewhere since your last screen, by Jo Li:');
    screen.keypress({ name: 'c', ctrl: true });
    await expect(done).rejects.toBeInstanceOf(RunnerCancelled);
    expect((await irp.log(id)).filter((e) => e.kind === 'decision').map((e) => e.actor.name)).toEqual(['Jo Li']);
  });
});

/** A runner's outside world that collects what is printed and refused. */
function quietIo(clock: Clock, printed: string[]): RunnerIo {
  return { command: (args) => `irp ${args}`, prompter: inquirerPrompter(), clock, print: (t) => printed.push(t), recorded: () => undefined, refused: (e) => printed.push(e.message) };
}

/** A watcher as the terminal's, but looking every `ms` milliseconds. */
function watchEvery(ms: number): NonNullable<RunnerIo['watch']> {
  return (changed) => {
    const controller = new AbortController();
    const timer = setInterval(() => void changed().then((yes) => yes && (clearInterval(timer), controller.abort())), ms);
    return { signal: controller.signal, stop: () => clearInterval(timer) };
  };
}

