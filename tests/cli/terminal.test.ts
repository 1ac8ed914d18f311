// End to end in a real terminal: the built irp under tmux, driven by keystrokes, killed, resumed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/paths.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { hasTmux, TmuxSession } from '../helpers/tmux.ts';
import { skipWithout } from '../helpers/realPart.ts';

const sessions: TmuxSession[] = [];
afterEach(() => sessions.splice(0).forEach((session) => session.kill()));

describe.skipIf(skipWithout(hasTmux, 'tmux'))('irp in a terminal (tmux)', () => {
  it('starts an incident from the home menu, records steps, survives being killed, and resumes where it was', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', NO_COLOR: '1' };
    const first = TmuxSession.start(`irp-e2e-${process.pid}`, `${process.execPath} ${builtCli}`, env);
    sessions.push(first);
    await first.choose('Start a new incident from a playbook');
    await first.choose('Ransomware at a health and care software supplier');
    await first.answer('Incident title', 'Ransomware on Staffplan', 'Enter');
    await first.answer('When did you become aware?', '07:00', 'Enter');
    await first.answer('Your name', 'C-u', 'Sam Patel', 'Enter');
    await first.answer('Your role', 'Enter');
    await first.waitFor('Opened incident inc-20220804-'); // kept on the first screen, with how to resume
    await first.choose('Tick checklist items (3 open)');
    await first.answer('Tick what is done', 'a', 'Enter');
    await first.answer('When was this done?', 'C-u', '-25m', 'Enter');
    await first.answer('That is 25m ago. Why is it entered late?', 'Written on the whiteboard first', 'Enter');
    await first.choose('Decide: Declare a major cyber incident');
    await first.answer('When did this happen?', 'C-u', '-20m', 'Enter');
    await first.answer('That is 20m ago. Why is it entered late?', 'Bridge call first', 'Enter');
    await first.answer('Why declare a major cyber incident now?', 'Servers encrypting; ransom note seen by the service desk', 'Enter');
    await first.answer('Note (optional', 'LockBit note found', 'Enter');
    const screen = await first.waitFor('Decide on a precautionary shutdown');
    expect(screen).toContain('You: Sam Patel (Incident commander)');
    expect(screen).toContain('PAST TARGET NHS England CSOC: 1h 30m ago, Thu 4 Aug 2022 08:00 BST');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    first.kill(); // the laptop dies

    const [incident] = await runIrpJson<Array<{ id: string }>>(['list'], env);
    const id = incident?.id as string;
    const file = join(env.IRP_STATE_DIR, 'incidents', `${id}.jsonl`);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(3);

    const second = TmuxSession.start(`irp-e2e-${process.pid}-2`, `${process.execPath} ${builtCli} run ${id}`, env);
    sessions.push(second);
    const resumed = await second.waitFor('Decide on a precautionary shutdown');
    expect(resumed).toContain('You: Sam Patel');
    second.keys('C-c');
    await second.waitFor("Stopped. Everything recorded so far is saved.");
    await second.waitFor(`Resume with: irp run ${id}`);

    const log = (await runIrp(['log', id], env)).stdout.replace(/\n {6}/g, ' ');
    expect(log).toContain('Sam Patel (Incident commander)  ticked "Who or what raised the alarm, and when, is noted", "Incident bridge opened; incident team paged", "A loggist keeps the decision log from now on" in "Declare the incident"');
    expect(log).toContain('#3  Thu 4 Aug 2022 09:10:00 BST  Sam Patel (Incident commander)  decided "Declare a major cyber incident"');
    expect(log).toContain('note: LockBit note found');
    expect(log).toContain('decided "Declare a major cyber incident" BACK-DATED: recorded Thu 4 Aug 2022 09:30:00 BST, 20m later; reason: Bridge call first');
    expect(log).toContain('in "Declare the incident" BACK-DATED: recorded Thu 4 Aug 2022 09:30:00 BST, 25m later; reason: Written on the whiteboard first');
    expect((await runIrp(['verify', id], env)).code).toBe(0);
  });

  it('asks a provider its nation (and the DSPT only in England), and every clock and step follows at 80 columns', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2026-11-30T08:00:00Z', NO_COLOR: '1', IRP_SET: 'law=bill', IRP_ACTOR: 'Morag Reid' };
    const term = TmuxSession.start(`irp-e2e-${process.pid}-nation`, `${process.execPath} ${builtCli}`, env);
    sessions.push(term);
    await term.choose('Start a new incident from a playbook');
    await term.choose('Clinical-system supplier outage at an NHS provider');
    await term.answer('Which nation are the affected services in?', 'Down', 'Enter'); // Scotland
    await term.answer('Incident title', 'Adastra down', 'Enter'); // no DSPT question outside England, no law question (the site's)
    await term.answer('When did you become aware?', 'Enter');
    await term.answer('Your name', 'Enter'); // IRP_ACTOR is offered, as the manual says
    const screen = await term.answer('Your role', 'Enter').then(() => term.waitFor('Declare the incident'));
    expect(screen).not.toContain('Data Security and Protection Toolkit');
    expect(screen).toContain('You: Morag Reid (Incident commander)');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const [incident] = await runIrpJson<Array<{ id: string }>>(['list'], env);
    const status = (await runIrp(['status', incident?.id as string], env)).stdout;
    expect(status).toContain('Settings: Scotland');
    expect(status).toContain('NIS incident report (Scotland)');
    expect(status).toContain('Initial NIS notification (Bill, not in force)');
    expect(status).not.toContain('NHS England CSOC');
  });
});

describe.skipIf(skipWithout(hasTmux, 'tmux'))('a facilitated exercise in a terminal (tmux)', () => {
  it('moves the simulated clock, shows injects as they fall due, records at simulated time, and fires an inject by hand', async () => {
    const env = { IRP_STATE_DIR: tempDir(), NO_COLOR: '1' };
    const session = TmuxSession.start(`irp-ex-${process.pid}`, `${process.execPath} ${builtCli} exercise run advanced-2022`, env);
    sessions.push(session);
    await session.waitFor('Servers encrypting on the Staffplan estate', { history: true });
    await session.waitFor('EXERCISE CLOCK 07:00 BST (+0s) · PAUSED · next inject +45m');
    await session.choose('Exercise: advance to the next inject');
    await session.waitFor('Adastra is unavailable', { history: true });
    await session.waitFor('EXERCISE CLOCK 07:45 BST (+45m) · PAUSED');
    await session.choose('Tick checklist items');
    await session.answer('Tick what is done', 'a', 'Enter');
    await session.answer('When was this done?', 'Enter');
    await session.choose('Decide: Declare a major cyber incident');
    await session.answer('When did this happen?', 'Enter');
    await session.answer('Why declare a major cyber incident now?', 'Encryption seen on the Staffplan estate', 'Enter');
    await session.answer('Note (optional', 'Enter');
    // Declared, every workstream is open side by side: take containment's.
    await session.choose('Decide on a precautionary shutdown');
    await session.waitFor('Decide: Shut down all health and care environments');
    // Fire an inject by hand: the last "Exercise:" entry.
    await session.choose('Exercise: fire an inject by hand');
    await session.answer('Which inject?', 'Enter'); // the next scheduled one, early: NHS England's request for a situation report
    await session.waitFor("NHS England's incident team asks what is affected", { history: true });
    await session.waitFor('(+45m) · PAUSED · next inject +6h 00m', { history: true }); // fired early, it is not fired again at +2h
    await session.waitFor('\n❯ ');
    session.keys('C-c');
    const stopped = await session.waitFor('Stopped. Everything recorded so far is saved.');
    // The exact command that resumes this exercise, as the README writes it.
    expect(stopped).toMatch(/Resume with: irp exercise run advanced-2022 --resume ex-20220804-\w+/);

    const [exercise] = await runIrpJson<Array<{ id: string; exercise: boolean }>>(['list'], env);
    expect(exercise).toMatchObject({ exercise: true });
    const events = await runIrpJson<Array<{ kind: string; occurredAt: string; recordedAt: string; data: Record<string, unknown> }>>(['log', exercise?.id as string], env);
    const declared = events.find((event) => event.kind === 'decision');
    expect(declared).toMatchObject({ occurredAt: '2022-08-04T06:45:00.000Z', recordedAt: '2022-08-04T06:45:00.000Z' });
    expect(events.filter((event) => event.kind === 'exercise.inject').map((event) => [event.data.title, event.occurredAt, event.data.manual ?? false])).toEqual([
      ['Servers encrypting on the Staffplan estate', '2022-08-04T06:00:00.000Z', false],
      ['Adastra is unavailable', '2022-08-04T06:45:00.000Z', false],
      ['NHS England asks for a situation report', '2022-08-04T06:45:00.000Z', true],
    ]);
    expect(events.some((event) => event.kind === 'exercise.clock' && event.data.action === 'advance')).toBe(true);
    expect(events.every((event) => event.occurredAt.startsWith('2022-08-04'))).toBe(true);
  });
});
