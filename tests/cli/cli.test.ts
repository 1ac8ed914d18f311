import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runIrpOk, runIrp, runIrpJson, squash } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

let env: Record<string, string>;
beforeEach(async () => {
  env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel' };
});

const recordFile = (id: string) => join(env.IRP_STATE_DIR as string, 'incidents', `${id}.jsonl`);

async function start(): Promise<string> {
  const opened = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware', '--aware-at', '07:00'], env);
  return opened.id;
}

function expectUserError(result: Awaited<ReturnType<typeof runIrp>>, message: string | RegExp) {
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('irp on the command line', () => {
  it('prints help and exits 0', async () => {
    const result = await runIrp(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: irp');
    // Each command on a line of its own in the list of commands, not merely somewhere in the text.
    for (const command of ['run', 'playbooks', 'start', 'list', 'status', 'deadlines', 'notify', 'step', 'check', 'note', 'correct', 'aware', 'reported', 'log', 'verify', 'seal', 'exercise', 'replay']) {
      expect(result.stdout, command).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('answers an unreadable IRP_NOW with exit 2, naming it', async () => {
    expectUserError(await runIrp(['list'], { ...env, IRP_NOW: 'soon' }), /^irp: IRP_NOW "soon" is not a time I can read/);
  });

  it('exits 2 on an unknown command or option', async () => {
    expectUserError(await runIrp(['frobnicate'], env), /unknown command 'frobnicate'/);
    expectUserError(await runIrp(['list', '--colour'], env), /unknown option '--colour'/);
  });

  it('lists the playbooks', async () => {
    const playbooks = await runIrpJson<Array<{ id: string; version: string }>>(['playbooks'], env);
    expect(playbooks).toContainEqual(expect.objectContaining({ id: 'supplier-ransomware', version: '5.0.0' }));
    expect((await runIrp(['playbooks'], env)).stdout).toContain('supplier-ransomware 5.0.0  Ransomware at a health and care software supplier');
  });

  it('opens an incident and shows its status with choices, payload schemas and blockers', async () => {
    const id = await start();
    expect(id).toMatch(/^inc-20220804-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{5}$/);
    const status = await runIrpJson<{
      awareAt: string;
      steps: Array<{ path: string }>;
      choices: Array<{ event: string; available: boolean; blockers: string[] }>;
    }>(['status', id], env);
    expect(status.awareAt).toBe('2022-08-04T06:00:00.000Z');
    expect(status.steps.map((s) => s.path)).toEqual(['declare']);
    expect(status.choices.find((c) => c.event === 'DECLARE')).toMatchObject({ available: false });
    const text = squash((await runIrp(['status', id], env)).stdout);
    expect(text).toContain('aware Thu 4 Aug 2022 07:00 BST (2h 30m ago)');
    expect(text).toContain('[ ] detection-source');
    expect(text).toContain('waits for: "Declare the incident" has required items not');
  });

  it('records ticks, decisions with payloads and notes, and prints them in the log with BST times', async () => {
    const id = await start();
    expect((await runIrp(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned', '--at', '07:05', '--reason', 'from the paper log'], env)).code).toBe(0);
    expect((await runIrp(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known', '--note', 'ransom note on Staffplan', '--at', '-2h', '--reason', 'from the paper log'], env)).code).toBe(0);
    expect((await runIrp(['note', id, 'Bridge is on 0800 000 000', '--actor', 'Jo Li', '--role', 'loggist'], env)).code).toBe(0);
    const status = await runIrpJson<{ choices: Array<{ event: string; payloadSchema: unknown }> }>(['status', id], env);
    // After the declaration, containment and every other workstream are offered side by side.
    expect(status.choices.map((c) => c.event).slice(0, 2)).toEqual(['SHUT_DOWN_ALL', 'ISOLATE_ONLY']);
    expect(status.choices.map((c) => c.event)).toEqual(expect.arrayContaining(['CSOC_NOTIFIED', 'NCSC_NOTIFIED', 'POLICE_REPORTED', 'BACKUP_PROCEDURES_ADVISED']));
    expect(status.choices.find((c) => c.event === 'CSOC_NOTIFIED')?.payloadSchema).toMatchObject({ type: 'object', required: ['csocReference'] });
    const log = squash((await runIrp(['log', id], env)).stdout);
    expect(log).toContain(squash('#2  Thu 4 Aug 2022 07:05:00 BST  Sam Patel (Incident commander)  ticked "Who or what raised the alarm, and when, is noted", "Incident bridge opened; incident team paged", "A loggist keeps the decision log from now on" in "Declare the incident"'));
    expect(log).toContain(squash('#3  Thu 4 Aug 2022 07:30:00 BST  Sam Patel (Incident commander)  decided "Declare a major cyber incident"'));
    expect(log).toContain('note: ransom note on Staffplan');
    expect(log).toContain('Jo Li (Loggist)');
    // The ids, on request.
    expect(squash((await runIrp(['log', id, '--ids'], env)).stdout)).toContain(squash('Sam Patel (incident-commander)  ticked detection-source, bridge-opened, loggist-assigned in declare'));
    const events = await runIrpJson<Array<{ seq: number; kind: string; occurredAt: string; recordedAt: string }>>(['log', id], env);
    expect(events.map((e) => e.kind)).toEqual(['incident.opened', 'checklist.ticked', 'decision', 'note']);
    expect(events[2]).toMatchObject({ occurredAt: '2022-08-04T06:30:00.000Z', recordedAt: '2022-08-04T08:30:00.000Z' });
  });

  it('refuses bad input with exit 2, a sentence, and no change to the record', async () => {
    const id = await start();
    const file = recordFile(id);
    const before = readFileSync(file);
    expectUserError(await runIrp(['status', 'inc-nope'], env), /There is no incident inc-nope/);
    expectUserError(await runIrp(['step', id, 'RESTORED'], env), /"Data restored" \(RESTORED\) is not available at this point of incident inc-[\w-]+\. Nothing can be taken now until what blocks the choices is done\./);
    expectUserError(await runIrp(['step', id, 'FLY'], env), /FLY is not a decision of playbook supplier-ransomware/);
    expectUserError(await runIrp(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], env), /DECLARE \(Declare a major cyber incident\) is blocked:\n {2}- "Declare the incident" has required items not ticked/);
    expectUserError(await runIrp(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known', '--data', '{oops'], env), /--data is not valid JSON/);
    expectUserError(await runIrp(['check', id, 'detection-source', '--at', 'teatime'], env), /--at "teatime" is not a time I can read/);
    expectUserError(await runIrp(['check', id, 'detection-source', '--at', '23:00'], env), /--at "23:00" is in the future/);
    expectUserError(await runIrp(['check', id, 'no-such-item'], env), /No active step has a checklist item "no-such-item"/);
    expectUserError(await runIrp(['check', id, 'detection-source', '--role', 'janitor'], env), /"janitor" is not a role in playbook supplier-ransomware/);
    expectUserError(await runIrp(['start', 'nope', '--title', 'x'], env), /There is no playbook "nope"/);
    expect(readFileSync(file)).toEqual(before);
  });

  it('refuses a payload that fails its schema, naming the field', async () => {
    const id = await start();
    await runIrpOk(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], env);
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], env);
    await runIrpOk(['check', id, 'clinical-impact-considered'], env);
    expectUserError(await runIrp(['step', id, 'CSOC_NOTIFIED', '--data', '{"csocReference": 3}'], env), /The data for CSOC_NOTIFIED is not valid:\n {2}- "CSOC reference" \(csocReference\): give text/);
    expectUserError(await runIrp(['step', id, 'SHUT_DOWN_ALL', '--rationale', 'As the playbook advises, on what was known', '--data', '{"x": 1}'], env), /SHUT_DOWN_ALL takes no data/);
  });

  it('verifies an intact record, and names the first bad event once one byte is edited', async () => {
    const id = await start();
    await runIrpOk(['note', id, 'first'], env);
    await runIrpOk(['note', id, 'second'], env);
    const ok = await runIrp(['verify', id], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('intact. 3 events');
    const file = recordFile(id);
    const tampered = readFileSync(file, 'utf8').replace('"text":"first"', '"text":"fir5t"');
    writeFileSync(file, tampered);
    const bad = await runIrp(['verify', id], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${id}: NOT INTACT. Event 2 (line 2): its content does not match its hash`);
    expectUserError(await runIrp(["note", id, "third"], env), /event 2 \(line 2\) its content does not match its hash/);
    expect(readFileSync(file, 'utf8')).toBe(tampered);
  });

  it('reports a damaged state file by file and line, and does not overwrite it', async () => {
    const id = await start();
    const file = recordFile(id);
    const damaged = `${readFileSync(file, 'utf8')}{"seq": 2, "this is not":\n`;
    writeFileSync(file, damaged);
    expectUserError(await runIrp(['status', id], env), new RegExp(`${id}\\.jsonl line 2: not valid JSON`));
    expectUserError(await runIrp(['note', id, 'x'], env), /not valid JSON/);
    expect(readFileSync(file, 'utf8')).toBe(damaged);
    const list = await runIrp(['list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${id}  DAMAGED RECORD`);
  });

  it('prints a stack trace only with --debug', async () => {
    const result = await runIrp(['status', 'inc-nope', '--debug'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\n\s+at /);
  });

  it('refuses a malformed playbook, listing its problems', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.ts'), `import { setup } from 'xstate';\nexport default { id: 'bad', version: '1', title: '', summary: 'x', roles: {}, machine: setup({}).createMachine({}) };\n`);
    const result = await runIrp(['start', 'bad', '--title', 'x', '--playbooks', dir], env);
    expectUserError(result, /bad\.ts: \d+ problems in the playbook:/);
    expect(result.stderr).toContain('- version: use a semantic version such as 1.0.0');
    expect(result.stderr).toContain('- title: must not be empty');
  });

  it('lists incidents, most recently active first', async () => {
    const first = await start();
    const second = (await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Second'], { ...env, IRP_NOW: '2022-08-04T10:00:00+01:00' })).id;
    const list = await runIrpJson<Array<{ id: string; finished: boolean; steps: string[] }>>(['list'], env);
    expect(list.map((i) => i.id)).toEqual([second, first]);
    expect(list[0]).toMatchObject({ finished: false, steps: ['Declare the incident'] });
  });
});
