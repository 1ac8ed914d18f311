// End to end in a real terminal: the built irp under tmux, driven by keystrokes, killed, resumed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/paths.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { hasTmux, TmuxSession } from '../helpers/tmux.ts';

const sessions: TmuxSession[] = [];
afterEach(() => sessions.splice(0).forEach((session) => session.kill()));

describe.skipIf(!hasTmux)('irp in a terminal (tmux)', () => {
  it('starts an incident from the home menu, records steps, survives being killed, and resumes where it was', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', NO_COLOR: '1' };
    const first = TmuxSession.start(`irp-e2e-${process.pid}`, `${process.execPath} ${builtCli}`, env);
    sessions.push(first);
    await first.waitFor('Start a new incident from a playbook');
    first.keys('Enter');
    await first.waitFor('Ransomware at a health and care software supplier');
    first.keys('Down', 'Enter');
    await first.waitFor('Incident title');
    first.keys('Ransomware on Staffplan', 'Enter');
    await first.waitFor('When did you become aware?');
    first.keys('07:00', 'Enter');
    await first.waitFor('Your name');
    first.keys('C-u', 'Sam Patel', 'Enter');
    await first.waitFor('Your role');
    first.keys('Enter');
    await first.waitFor('Tick checklist items (3 open)');
    first.keys('Enter');
    await first.waitFor('Tick what is done');
    first.keys('a', 'Enter');
    await first.waitFor('When was this done?');
    first.keys('Enter');
    await first.waitFor('Decide: Declare a major cyber incident');
    first.keys('Enter');
    await first.waitFor('Note (optional');
    first.keys('LockBit note found', 'Enter');
    await first.waitFor('When did this happen?');
    first.keys('-20m', 'Enter');
    const screen = await first.waitFor('Decide on a precautionary shutdown');
    expect(screen).toContain('You: Sam Patel (Incident commander)');
    expect(screen).toContain('Next deadline: NHS England CSOC OVERDUE by 1h 30m, Thu 4 Aug 2022 08:00 BST');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    first.kill(); // the laptop dies

    const [incident] = runIrpJson<Array<{ id: string }>>(['list'], env);
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

    const log = runIrp(['log', id], env).stdout;
    expect(log).toContain('Sam Patel (incident-commander)  ticked detection-source, bridge-opened, loggist-assigned in declare');
    expect(log).toContain('#3  Thu 4 Aug 2022 09:10:00 BST  Sam Patel (incident-commander)  decided DECLARE');
    expect(log).toContain('note: LockBit note found');
    expect(runIrp(['verify', id], env).code).toBe(0);
  });
});
