import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runIrp, runIrpJson, squash } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

let env: Record<string, string>;
beforeEach(async () => {
  env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: 'Sam Patel' };
});

async function start(): Promise<string> {
  return (await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware', '--aware-at', '07:00'], env)).id;
}

function answers(text: string): string {
  const file = join(tempDir(), 'answers.yaml');
  writeFileSync(file, text);
  return file;
}

const wholeIncident = `# The 2022 path, as a rehearsal script
actor: { name: Sam Patel, role: incident-commander }
steps:
  - tick: [detection-source, bridge-opened, loggist-assigned]
    at: "07:05"
    reason: typed in from the paper log
  - decide: DECLARE
    rationale: As the playbook advises, on what was known
    note: LockBit ransom note on a Staffplan server
    at: "07:10"
    reason: typed in from the paper log
  - tick: [clinical-impact-considered]
  - decide: SHUT_DOWN_ALL
    rationale: As the playbook advises, on what was known
  - assign: { step: response.technical.contain.isolate, name: Jo Li, role: technical-lead }
  - tick: [servers-isolated, remote-access-cut, third-party-accounts-disabled, mfa-enforced, evidence-preserved]
  - decide: CONTAINED
  - tick: [estate-mapped, exfiltration-checked]
  - decide: SCOPE_ASSESSED
    data: { estateAffectedPercent: 2, productsAffected: [Adastra, Caresys], personalDataInvolved: "yes", peopleAffected: 79404 }
  - tick: [urgent-harms, lists-to-controllers]
  - decide: PEOPLE_SUPPORTED
  - decide: NCSC_NOTIFIED
    data: { ncscReference: NCSC-1 }
  - decide: NCA_NOTIFIED
    data: { ncaReference: NCA-1 }
  - decide: POLICE_REPORTED
    data: { crimeReference: RF-1 }
  - decide: CSOC_NOTIFIED
    data: { csocReference: CSOC-1 }
  - register:
      - { id: nhs111-nw, name: NHS 111 North West, nation: England, kinds: [controller, nhs-body], products: [Adastra] }
      - { id: caresys-homes, name: Care homes on Caresys, nation: England, kinds: [controller, care-provider], products: [Caresys], members: 1000 }
  - duty: { id: availability-notice, for: all, how: signed notice by email }
  - decide: CUSTOMERS_NOTIFIED
  - tick: [needs-agreed, facts-sent]
  - decide: CONTROLLERS_SUPPORTED
  - decide: ICO_CONTACTED
    data: { icoReference: ICO-1 }
  - decide: NIS_NOT_REPORTABLE
    data: { whyNot: a small or micro business, reason: "Legal advice: fewer than 50 staff and under the turnover threshold." }
  - tick: [no-payment-stance, sanctions-checked, legal-advice, insurer-notified]
  - decide: RANSOM_POSITION_RECORDED
    rationale: As the playbook advises, on what was known
    data: { decidedBy: Chief executive }
  - decide: DEVOLVED_NOTIFIED
    data: { nationsNotified: [Scotland] }
  - tick: [customers-advised, update-schedule, safety-officers-warned]
  - decide: BACKUP_PROCEDURES_ADVISED
  - tick: [statement-agreed, emergency-message]
  - decide: PUBLIC_MESSAGE_ISSUED
  - note: Bridge moves to the out-of-hours line at 18:00
  - handover: { name: Alex Moore, role: incident-commander }
  - tick: [entry-point-closed, patched, credentials-reset, rebuilt]
  - decide: REBUILT
  - tick: [restore-tested]
  - decide: BACKUPS_CHECKED
    data: { backupSet: offline 31 July, backupsClean: true }
  - decide: RESTORED
  - tick: [forensic-report, evidence-handed-over, safety-case-reviewed]
  - decide: ASSURANCE_ACCEPTED
  - duty: { id: restore-point, for: all, data: { restorePoint: "2022-07-31T06:00:00Z", outageAt: "2022-08-04T06:00:00Z" } }
  - duty: { id: reconnection-offered, for: all }
  - duty: { id: board-approved, for: [nhs111-nw, caresys-homes] }
  - duty: { id: safety-signed-off, for: all }
  - duty: { id: reconnected, for: all }
  - decide: ALL_RECONNECTED
    rationale: As the playbook advises, on what was known
  - decide: MONITORING_ENDED
    rationale: As the playbook advises, on what was known
  - tick: [review-held, actions-owned]
  - decide: CLOSE
    rationale: As the playbook advises, on what was known
`;

describe('irp run --answers', () => {
  it('takes the seed playbook to the end from an answers file, recording who did what', async () => {
    const id = await start();
    const result = await runIrp(['run', id, '--answers', answers(wholeIncident)], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Took 47 entries from`);
    expect(result.stdout).toContain(`Incident ${id} is finished.`);
    const log = await runIrpJson<Array<{ kind: string; actor: { name: string }; occurredAt: string; note?: string; data: Record<string, unknown> }>>(['log', id], env);
    expect(log[1]).toMatchObject({ kind: 'checklist.ticked', occurredAt: '2022-08-04T06:05:00.000Z' });
    expect(log[2]).toMatchObject({ kind: 'decision', note: 'LockBit ransom note on a Staffplan server', occurredAt: '2022-08-04T06:10:00.000Z' });
    expect(log.find((e) => e.kind === 'step.assigned')).toMatchObject({ data: { step: 'response.technical.contain.isolate', assignee: { name: 'Jo Li', role: 'technical-lead' } } });
    const handover = log.findIndex((e) => e.kind === 'command.handed-over');
    expect(log[handover]?.actor.name).toBe('Sam Patel');
    expect(log[handover + 1]?.actor.name).toBe('Alex Moore');
    expect(log.at(-1)).toMatchObject({ kind: 'decision', data: { event: 'CLOSE', rationale: 'As the playbook advises, on what was known' }, actor: { name: 'Alex Moore' } });
    // The register from the file's own list, and a duty "for: all" as one entry per organisation (and product).
    expect(log.filter((e) => e.kind === 'organisation.registered').map((e) => e.data.id)).toEqual(['nhs111-nw', 'caresys-homes']);
    expect(log.filter((e) => e.kind === 'organisation.duty' && e.data.duty === 'reconnected').map((e) => [e.data.organisation, e.data.product])).toEqual([
      ['nhs111-nw', 'Adastra'],
      ['caresys-homes', 'Caresys'],
    ]);
    expect((await runIrp(['verify', id], env)).code).toBe(0);
  });

  it('names the line of an entry the playbook does not offer, keeping what came before', async () => {
    const id = await start();
    const file = answers('steps:\n  - tick: [detection-source, bridge-opened, loggist-assigned]\n  - decide: RESTORED\n');
    const result = await runIrp(['run', id, '--answers', file], env);
    expect(result.code).toBe(2);
    expect(squash(result.stderr)).toContain(`${file} line 3: "Data restored" (RESTORED) is not available at this point of incident ${id}; the last entry, #2, was made by Sam Patel at Thu 4 Aug 2022 09:30 BST. Can be taken now: "Declare a major cyber incident" (DECLARE), "Not an incident: stand down and review" (STAND_DOWN).`);
    expect(await runIrpJson<unknown[]>(['log', id], env)).toHaveLength(2);
  });

  it('names the line of a payload that does not fit', async () => {
    const id = await start();
    const file = answers(
      'steps:\n  - tick: [detection-source, bridge-opened, loggist-assigned, clinical-impact-considered]\n',
    );
    const result = await runIrp(['run', id, '--answers', file], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file} line 2: No active step has a checklist item "clinical-impact-considered". Open items: detection-source, bridge-opened, loggist-assigned.`);
    const bad = answers(
      'steps:\n  - tick: [detection-source, bridge-opened, loggist-assigned]\n  - decide: DECLARE\n    rationale: As the playbook advises, on what was known\n  - decide: CSOC_NOTIFIED\n    data: { csocReference: 42 }\n',
    );
    const refused = await runIrp(['run', id, '--answers', bad], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${bad} line 5: The data for CSOC_NOTIFIED is not valid: "CSOC reference" (csocReference): give text`);
  });

  it('checks the whole file before recording anything', async () => {
    const id = await start();
    const before = readFileSync(join(env.IRP_STATE_DIR as string, 'incidents', `${id}.jsonl`));
    const syntax = answers('steps:\n  - tick: [a, b\n');
    expect(await runIrp(['run', id, '--answers', syntax], env)).toMatchObject({ code: 2, stderr: expect.stringMatching(/answers\.yaml line \d+: not valid YAML/) });
    const shape = answers('steps:\n  - tick: [detection-source]\n  - fly: away\n');
    expect(await runIrp(['run', id, '--answers', shape], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('answers.yaml line 3: each entry is one of tick, decide, note, aware, correct, assign, handover, report, register or duty') });
    expect(await runIrp(['run', id, '--answers', '/nonexistent.yaml'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('Cannot read the answers file /nonexistent.yaml: ENOENT') });
    expect(readFileSync(join(env.IRP_STATE_DIR as string, 'incidents', `${id}.jsonl`))).toEqual(before);
  });
});

describe('without a terminal', () => {
  it('says what to use instead, for irp and for irp run, and exits 2 without a stack trace', async () => {
    const home = await runIrp([], env);
    expect(home.code).toBe(2);
    expect(home.stderr).toContain('needs an interactive terminal');
    expect(home.stderr).toContain('irp run <incident> --answers <file.yaml>');
    const id = await start();
    const run = await runIrp(['run', id], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`irp run ${id} needs an interactive terminal`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
