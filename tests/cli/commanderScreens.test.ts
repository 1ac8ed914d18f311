// The commander's screens in a real terminal (tmux, 80 columns): the built irp driven key by key through the end of
// an incident, with a second terminal recording at the same time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/paths.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { hasTmux, TmuxSession } from '../helpers/tmux.ts';
import { decisionOf, orgAnswer, walkthrough } from '../helpers/walkthrough.ts';
import { skipWithout } from '../helpers/realPart.ts';

const sessions: TmuxSession[] = [];
afterEach(() => sessions.splice(0).forEach((session) => session.kill()));

/** The entries of the menu on screen, without the cursor or the grey marker: what the arrow keys move through. */
function menuEntries(screen: string): string[] {
  const lines = screen.split('\n');
  const top = lines.findLastIndex((line) => line.startsWith('? Next'));
  const bottom = lines.findIndex((line, index) => index > top && line.startsWith('↑↓'));
  return lines.slice(top + 1, bottom).map((line) => line.slice(2).replace(/ \(.*\)$/, ''));
}

/** A decision as an answers-file entry. */
const answerOf = ({ event, payload, rationale }: ReturnType<typeof decisionOf>) => ({ decide: event, ...(payload ? { data: payload } : {}), ...(rationale ? { rationale } : {}) });

const eventCount = async (id: string, env: Record<string, string>) => (await runIrpJson<unknown[]>(['log', id], env)).length;

describe.skipIf(skipWithout(hasTmux, 'tmux'))("the commander's screens in a terminal (tmux)", () => {
  it('shows the clocks that matter, leaves with Escape, keeps menus still, defaults safety gates to no, announces a second terminal, and finishes', async () => {
    // Aware at 07:00 on 4 August; everything up to restoring data recorded in the first hour.
    const early = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T07:30:00+01:00', IRP_ACTOR: 'Sam Patel', NO_COLOR: '1' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware on Staffplan', '--aware-at', '07:00'], early);
    const upToRestore = walkthrough.slice(0, walkthrough.findIndex(([, what]) => what === 'BACKUPS_CHECKED')).filter(([, what]) => what !== 'NIS_NOT_REPORTABLE');
    // Taken in one go, as an answers file (one process, one read of the record).
    const answers = join(tempDir(), 'prep.yaml');
    const entries = upToRestore.map(([command, ...args]) =>
      command === 'check' ? { tick: args } : command === 'org' ? orgAnswer(args) : answerOf(decisionOf(args)),
    );
    writeFileSync(answers, JSON.stringify({ steps: entries }));
    expect((await runIrp(['run', id, '--answers', answers], early)).code).toBe(0);
    // 60 hours after awareness, the commander opens the runner.
    const { IRP_ACTOR: _, ...rest } = early;
    const env = { ...rest, IRP_NOW: '2022-08-06T19:00:00+01:00' };
    await runIrp(['note', id, 'Sam takes the evening shift'], { ...env, IRP_ACTOR: 'Sam Patel' });
    const term = TmuxSession.start(`irp-screens-${process.pid}`, `${process.execPath} ${builtCli} run ${id} --actor 'Sam Patel'`, env);
    sessions.push(term);

    // The header: the statutory NIS clock is due soon, in words; every line fits 80 columns.
    let screen = await term.waitFor('Work on');
    expect(screen).toContain('  DUE SOON    ICO (NIS reg. 12): in 12h 00m, Sun 7 Aug 2022 07:00 BST');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(80);

    // Escape leaves a question and records nothing.
    await term.choose('Restore data from verified backups');
    screen = await term.waitFor('? Next');
    const before = menuEntries(screen);
    expect(before.slice(0, 3)).toEqual(['Tick checklist items', 'Decide: Record the result of checking a backup set', 'Decide: Data restored']);
    const count = await eventCount(id, env);
    await term.choose('Decide: Record the result of checking a backup set');
    await term.answer('When did this happen?', 'Enter');
    await term.answer('Which backup set was checked?', 'Escape');
    await term.waitFor('Left without recording anything.');
    expect(await eventCount(id, env)).toBe(count);

    // A safety gate: Enter alone is not an answer; "yes" must be typed.
    await term.choose('Decide: Record the result of checking a backup set');
    await term.answer('When did this happen?', 'Enter');
    await term.answer('Which backup set was checked?', 'Offline copies of 31 July', 'Enter');
    await term.answer('Has this backup set been verified clean of the attacker? Type yes or no', 'Enter');
    await term.answer('type the word yes, or no, in full', 'yes', 'Enter');
    await term.answer('Note (optional', 'Enter');
    await term.waitFor('Recorded #');
    // The menu keeps its entries in their places: what was greyed is now open, nothing moved.
    screen = await term.waitFor('? Next');
    expect(menuEntries(screen)).toEqual(before);

    // A second terminal records a note; the first says so, with who, without a key being pressed.
    const second = TmuxSession.start(`irp-screens-${process.pid}-2`, `${process.execPath} ${builtCli} note ${id} 'Press enquiry from a journalist' --actor 'Jo Li' --role comms-lead`, env);
    sessions.push(second);
    await term.waitFor('Recorded elsewhere since your last screen, by Jo Li:');
    await term.waitFor('Jo Li (Communications lead)  note:', { history: true });

    // Handing over command is confirmed, and no is the default.
    await term.choose('More…');
    await term.choose('Hand over command');
    await term.answer('Who takes over command?', 'Alex Moore', 'Enter');
    await term.answer('Their role', 'Enter');
    await term.answer('From then on you record as them. (y/N)', 'Enter');
    await term.waitFor('Not handed over: nothing recorded.');

    // On to the end: restore, assurance, reconnection (the Board's approval typed in full), monitoring.
    await term.choose('Decide: Data restored');
    await term.answer('When did this happen?', 'Enter');
    await term.answer('Note (optional', 'Enter');
    // The restore step is done: the runner stays in the workstream, on its next step.
    await term.waitFor('▸ Respond › Contain, rebuild, restore and reconnect › Assurance evidence and');
    await term.choose('Tick checklist items');
    await term.answer('Tick what is done', 'a', 'Enter');
    await term.answer('When was this done?', 'Enter');
    await term.choose('Decide: NHS England and the NCSC have accepted the assurance');
    await term.answer('When did this happen?', 'Enter');
    await term.answer('Note (optional', 'Enter');
    // The customer's restore point, from the runner's register (More › Organisations…), with its data-loss window.
    await term.choose('More…');
    await term.choose('Organisations… (the register: 1)');
    await term.choose('Record a duty done for organisations');
    await term.choose('Told its restore point and data-loss window (1 still owed)');
    await term.answer('For whom?', 'Enter');
    await term.answer('How was it done?', 'signed notice by email', 'Enter');
    await term.answer('A reference?', 'Enter');
    await term.answer('Restore point', '2022-07-31T06:00:00Z', 'Enter');
    await term.answer('Last good copy', 'Enter');
    await term.answer('Outage began', '2022-08-04T06:00:00Z', 'Enter');
    await term.answer('When was it done?', 'Enter');
    await term.answer('for 1 organisation? (y/N)', 'y', 'Enter');
    await term.waitFor('Recorded #');
    // The rest of its reconnection from a colleague's terminal, in the order the playbook keeps.
    for (const duty of ['reconnection-offered', 'board-approved', 'safety-signed-off', 'reconnected']) {
      expect((await runIrp(['org', 'done', id, duty, 'nhs111-nw'], { ...env, IRP_ACTOR: 'Kim Lee', IRP_ROLE: 'customer-liaison' })).code).toBe(0);
    }
    // The colleague's four entries may come to this screen in more than one redraw: wait for the last of them.
    await term.waitFor('"Reconnected" for nhs111-nw');
    await term.choose('Decide: Every customer reconnected');
    await term.answer('When did this happen?', 'Enter');
    await term.answer('Why is every customer safely reconnected?', 'Each Board and clinical safety officer signed off', 'Enter');
    await term.answer('Note (optional', 'Enter');
    // Ending the 14 days of monitoring early is confirmed, and the cursor does not start on it.
    screen = await term.waitFor('? Next');
    expect(screen).toContain('❯ Back to all workstreams');
    await term.choose('Decide: End monitoring early');
    await term.answer('When did this happen?', 'Enter');
    await term.answer('Why end monitoring before its 14 days?', 'No sign of the attacker for 10 days', 'Enter');
    await term.answer('Note (optional', 'Enter');
    await term.answer('Record "End monitoring early"? It stays in the record for good. (y/N)', 'y', 'Enter');
    // The last open notification decision, alone now, then the review.
    await term.waitFor('▸ Respond › Notify › Decide whether the NIS Regulations apply');
    await term.choose('Decide: Not reportable under NIS reg. 12');
    await term.answer('When did this happen?', 'Enter');
    // The waiver names which of the ICO's tests it rests on (here the first: not a cloud computing service), then why.
    await term.answer('Which answer takes the supplier out', 'Enter');
    await term.answer('Reason', 'Legal advice: hosted per customer, not scalable and elastic', 'Enter');
    await term.answer('Note (optional', 'Enter');
    await term.choose('Tick checklist items');
    await term.answer('Tick what is done', 'a', 'Enter');
    await term.answer('When was this done?', 'Enter');
    // Closing finishes the incident: it is confirmed, and a reflex Enter is a no.
    await term.choose('Decide: Close the incident');
    await term.answer('When did this happen?', 'Enter');
    await term.answer('Why can the incident be closed now?', 'Review held, actions owned', 'Enter');
    await term.answer('Note (optional', 'Enter');
    await term.answer('Record "Close the incident"? It stays in the record for good. (y/N)', 'Enter');
    await term.waitFor('Not recorded: you said no.');
    await term.choose('Decide: Close the incident');
    await term.answer('When did this happen?', 'Enter');
    await term.answer('Why can the incident be closed now?', 'Review held, actions owned', 'Enter');
    await term.answer('Note (optional', 'Enter');
    await term.answer('(y/N)', 'y', 'Enter');
    await term.waitFor('This incident is finished');

    expect((await runIrpJson<{ finished: boolean }>(['status', id], env)).finished).toBe(true);
    const log = (await runIrp(['log', id], env)).stdout.replace(/\n {6}/g, ' ');
    expect(log).toContain('Sam Patel (Incident commander)  decided "Record the result of checking a backup set" (Backup set checked: Offline copies of 31 July; Verified clean: yes)');
    expect((await runIrp(['verify', id], env)).code).toBe(0);
    // The whole incident walked key by key: about 12 s alone, over 40 s beside the other test files on 2 cores.
  }, 120_000);
});
