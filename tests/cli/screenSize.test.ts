// The runner on the commander's screen, 80×24, and on a larger one, 140×45, in a real terminal (tmux): the clocks,
// the step's first line, the last message and the menu are in sight at once; long output has a screen of its own;
// Escape never crashes.
import { afterEach, describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/paths.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { hasTmux, TmuxSession } from '../helpers/tmux.ts';
import { skipWithout } from '../helpers/realPart.ts';

const sessions: TmuxSession[] = [];
afterEach(() => sessions.splice(0).forEach((session) => session.kill()));

async function declared() {
  const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel', NO_COLOR: '1' };
  const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware on Staffplan', '--aware-at', '09:00'], env);
  await runIrp(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], env);
  await runIrp(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], env);
  return { id, env };
}

/** The screen's lines, and where the parts that must be in sight are. */
function parts(screen: string) {
  const lines = screen.split('\n');
  return {
    lines,
    header: lines.findIndex((line) => line.startsWith('Ransomware on Staffplan · aware 30m · You: Sam Patel')),
    clock: lines.findIndex((line) => line.startsWith('  DUE SOON    NHS England CSOC: in 30m')),
    step: lines.findIndex((line) => line.startsWith('▸ Respond › Notify › Report to the NHS England CSOC')),
    menu: lines.findIndex((line) => line.startsWith('? Next')),
  };
}

describe.skipIf(skipWithout(hasTmux, 'tmux'))('the runner fitted to the terminal (tmux)', () => {
  it('at 80×24: header, the most urgent clock first, the step, the last message and the menu in sight together', async () => {
    const { id, env } = await declared();
    const term = TmuxSession.start(`irp-small-${process.pid}`, `${process.execPath} ${builtCli} run ${id}`, env, { columns: 80, rows: 24 });
    sessions.push(term);
    await term.choose('Report to the NHS England CSOC');
    // A time the record cannot take is refused before anything else is typed, in words, with what would do.
    await term.choose('Decide: NHS England CSOC notified');
    await term.answer('When did this happen?', 'C-u', '09:10', 'Enter');
    await term.answer('only became active at Thu 4 Aug 2022 09:30 BST', 'Escape');
    await term.waitFor('Left without recording anything.');
    let screen = await term.waitFor('? Next');
    let seen = parts(screen);
    expect(seen.header).toBe(0);
    expect(seen.clock).toBe(1); // the most urgent clock first
    expect(seen.step).toBeGreaterThan(seen.clock);
    expect(seen.menu).toBeGreaterThan(seen.lines.indexOf('Left without recording anything.'));
    expect(seen.lines.indexOf('Left without recording anything.')).toBeGreaterThan(seen.step);
    for (const line of seen.lines) expect(line.length, line).toBeLessThanOrEqual(80);

    // The call made before the time the record allows is recorded at the earliest time, the real time in its note.
    await term.choose('Decide: NHS England CSOC notified');
    await term.answer('When did this happen?', 'C-u', '09:10', 'Enter');
    await term.choose('Record it at 09:30 BST, its note saying it happened at 09:10 BST');
    await term.answer('CSOC reference', 'CSOC-1', 'Enter');
    await term.answer('Note (optional', 'Phoned from the car', 'Enter');
    // The message is printed before the menu is drawn: wait for the menu, then find the message above it.
    await term.waitFor('Recorded #4');
    screen = await term.waitFor('Work on');
    expect(screen).toContain('Recorded #4');
    const decision = (await runIrpJson<Array<{ kind: string; note?: string }>>(['log', id], env)).at(-1);
    expect(decision).toMatchObject({ kind: 'decision', note: 'Phoned from the car — It happened at Thu 4 Aug 2022 09:10 BST; recorded at Thu 4 Aug 2022 09:30 BST, the earliest this record allows.' });

    // Long output opens on a screen of its own and waits: the full status, a page at a time.
    await term.choose('More…');
    await term.choose('Show the full status');
    screen = await term.waitFor('Enter: next page · Escape: back');
    expect(screen.split('\n').filter((line) => line.trim()).length).toBeLessThanOrEqual(24);
    term.keys('Escape');
    await term.waitFor('Work on');
  });

  it('at 140×45: everything of the step in sight, lines as wide as the terminal allows', async () => {
    const { id, env } = await declared();
    const term = TmuxSession.start(`irp-large-${process.pid}`, `${process.execPath} ${builtCli} run ${id}`, env, { columns: 140, rows: 45 });
    sessions.push(term);
    await term.choose('Report to the NHS England CSOC');
    const screen = await term.waitFor('? Next');
    const seen = parts(screen);
    expect([seen.header, seen.clock]).toEqual([0, 1]);
    expect(screen).toContain('CSOC reference: not recorded yet');
    expect(screen).not.toContain('more lines: More…');
    for (const line of seen.lines) expect(line.length, line).toBeLessThanOrEqual(140);
  });

  it('confirms an awareness more than a day old and a name of one letter before using them', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', NO_COLOR: '1' };
    const term = TmuxSession.start(`irp-confirm-${process.pid}`, `${process.execPath} ${builtCli}`, env, { columns: 80, rows: 24 });
    sessions.push(term);
    await term.choose('Start a new incident from a playbook');
    await term.choose('Ransomware at a health and care software supplier');
    await term.answer('Incident title', 'Ransomware on Staffplan', 'Enter');
    await term.answer('When did you become aware?', 'C-u', '2022-06-10 09:00', 'Enter');
    await term.answer('That is 55d 0h ago (Fri 10 Jun 2022 09:00 BST): every clock starts then', 'no', 'Enter');
    await term.answer('When did you become aware?', 'C-u', '07:00', 'Enter');
    await term.answer('Your name', 'C-u', 'x', 'Enter');
    await term.answer('Record "x" as the name?', 'no', 'Enter');
    await term.answer('Your name', 'C-u', 'Sam Patel', 'Enter');
    await term.answer('Your role', 'Enter');
    await term.waitFor('Opened incident inc-20220804-');
    const [incident] = await runIrpJson<Array<{ awareAt: string }>>(['list'], env);
    expect(incident?.awareAt).toBe('2022-08-04T06:00:00.000Z');
  });

  it('goes back to the first screen on Escape at the playbook picker, recording nothing', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', NO_COLOR: '1' };
    const term = TmuxSession.start(`irp-esc-${process.pid}`, `${process.execPath} ${builtCli}`, env, { columns: 80, rows: 24 });
    sessions.push(term);
    await term.choose('Start a new incident from a playbook');
    await term.answer('Playbook', 'Escape');
    await term.waitFor('Left without starting an incident.');
    await term.choose('Start a new incident from a playbook');
    expect(term.screen()).not.toContain('internal error');
    expect(await runIrpJson<unknown[]>(['list'], env)).toEqual([]);
  });
});
