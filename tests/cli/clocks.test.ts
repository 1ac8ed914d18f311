import { beforeEach, describe, expect, it } from 'vitest';
import { runIrpOk, runIrp, runIrpJson, squash } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

let env: Record<string, string>;
beforeEach(async () => {
  env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T10:00:00+01:00', IRP_ACTOR: 'Sam Patel' };
});

const start = async (playbook: string, awareAt: string, extra: Record<string, string> = {}) =>
  (await runIrpJson<{ id: string }>(['start', playbook, '--title', `${playbook} test`, '--aware-at', awareAt], { ...env, ...extra })).id;

describe('clocks on the command line', () => {
  it('provider (a controller): awareness Thu 4 Aug 2022 07:00 BST puts the ICO deadline at Sun 7 Aug 2022 07:00 BST', async () => {
    const id = await start('provider-supplier-outage', '2022-08-04 07:00');
    const status = (await runIrp(['status', id], env)).stdout;
    expect(status).toContain('Personal data breach report to the ICO');
    expect(status).toContain('UK GDPR Art. 33(1) · due Sun 7 Aug 2022 07:00 BST, in 2d 21h');
  });

  it('supplier (a processor): owes each controller and, until decided otherwise, NIS reg. 12 to the ICO; not the ICO\'s 72 hours', async () => {
    const id = await start('supplier-ransomware', '2022-08-04 07:00');
    const printed = (await runIrp(['status', id], env)).stdout;
    // A label longer than the line goes on under itself, in the column of the clocks' details.
    expect(printed).toContain(`Cyber Security Operations Centre\n${' '.repeat(18)}(internal target)\n${' '.repeat(18)}NHS England:`);
    const status = printed.replace(/\s+/g, ' ');
    expect(status).not.toContain('UK GDPR Art. 33(1)');
    expect(status).toContain('Processor tells each controller (customer) UK GDPR Art. 33(2)');
    expect(status).toContain('NIS report by a digital service provider NIS Regulations 2018, reg. 12 · due Sun 7 Aug 2022 07:00 BST');
  });

  it('shows a deadline across the October change in GMT: 25 Oct 2024 10:00 BST + 72 h = 28 Oct 2024 09:00 GMT', async () => {
    const id = await start('provider-supplier-outage', '2024-10-25 10:00', { IRP_NOW: '2024-10-25T11:00:00+01:00' });
    const clocks = (await runIrpJson<{ clocks: Array<{ id: string; dueAt: string }> }>(['status', id], { ...env, IRP_NOW: '2024-10-25T11:00:00+01:00' })).clocks;
    expect(clocks.find((clock) => clock.id === 'ico-art33')?.dueAt).toBe('2024-10-28T09:00:00.000Z');
    expect((await runIrp(['status', id], { ...env, IRP_NOW: '2024-10-25T11:00:00+01:00' })).stdout).toContain('due Mon 28 Oct 2024 09:00 GMT');
  });

  it('stops a clock with the recorded notification, shows who met it and puts it in the log', async () => {
    const id = await start('supplier-ransomware', '2022-08-04 07:00');
    await runIrpOk(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], env);
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], env);
    await runIrpOk(['check', id, 'clinical-impact-considered'], env);
    await runIrpOk(['step', id, 'SHUT_DOWN_ALL', '--rationale', 'As the playbook advises, on what was known'], env);
    await runIrpOk(['check', id, 'servers-isolated', 'remote-access-cut', 'third-party-accounts-disabled', 'mfa-enforced', 'evidence-preserved'], env);
    await runIrpOk(['step', id, 'CONTAINED'], env);
    const result = await runIrp(['step', id, 'NIS_REPORTABLE', '--actor', 'Dee Shah', '--role', 'dpo'], env);
    expect(result.code).toBe(0);
    const reported = await runIrp(['step', id, 'NIS_REPORTED', '--data', '{"nisReference":"NIS-123"}', '--actor', 'Dee Shah', '--role', 'dpo'], env);
    expect(reported.code).toBe(0);
    expect(reported.stdout).toMatch(/✓ {2}met +NIS report by a digital service provider/);
    expect(reported.stdout.replace(/\s+/g, ' ')).toContain('Thu 4 Aug 2022 10:00 BST by Dee Shah (Data Protection Officer), ref NIS-123, 2d 21h before the deadline');
    expect(squash((await runIrp(['log', id], env)).stdout)).toContain(squash('Dee Shah (Data Protection Officer)  decided "NIS incident reported to the ICO" (NIS report reference: NIS-123)'));
  });

  it('asks for the reasons when a notification is late', async () => {
    const id = await start('provider-supplier-outage', '2022-08-04 07:00');
    const later = { ...env, IRP_NOW: '2022-08-08T12:00:00+01:00' };
    await runIrpOk(['check', id, 'supplier-contacted', 'on-call-informed', 'loggist-assigned'], later);
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], later);
    const refused = await runIrp(['step', id, 'ICO_NOTIFIED', '--data', '{"icoReference":"ICO-1"}'], later);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('A late notification must record the reasons for the delay, in their own field. Give the reasons for the delay with --late-reasons "..."');
    // A note is not the reasons: it is refused the same way.
    expect((await runIrp(['step', id, 'ICO_NOTIFIED', '--data', '{"icoReference":"ICO-1"}', '--note', 'busy'], later)).code).toBe(2);
    const late = await runIrp(['step', id, 'ICO_NOTIFIED', '--data', '{"icoReference":"ICO-1"}', '--late-reasons', 'Supplier confirmed data loss on 8 Aug'], later);
    expect(late.code).toBe(0);
    expect(late.stdout.replace(/\s+/g, ' ')).toContain('reason for delay: Supplier confirmed data loss on 8 Aug');
  });

  it('lists the running clocks of all open incidents, most urgent first', async () => {
    const early = await start('supplier-ransomware', '2022-08-03 07:00');
    const late = await start('provider-supplier-outage', '2022-08-04 09:00');
    const { clocks } = await runIrpJson<{ clocks: Array<{ incident: string; id: string; status: string; remainingMs: number }> }>(['deadlines'], env);
    expect(clocks.map((clock) => clock.remainingMs)).toEqual([...clocks.map((clock) => clock.remainingMs)].sort((a, b) => a - b));
    expect(clocks[0]).toMatchObject({ incident: early, id: 'nhse-csoc', status: 'overdue' });
    expect(clocks.filter((clock) => clock.incident === late).map((clock) => clock.id)).toEqual(['nhse-csoc', 'siro-dspt', 'cqc-reg18', 'ico-art33', 'nis-reg11-england', 'nis-reg12-9-england']);
    const text = (await runIrp(['deadlines'], env)).stdout;
    expect(text.split('\n')[0]).toBe(`!! ${early}  Report to the NHS England Cyber Security Operations Centre (internal target)`);
  });

  it('drafts a notification filled from the record, marking what it cannot fill', async () => {
    const id = await start('supplier-ransomware', '2022-08-04 07:00');
    const paper = ['--reason', 'entered from the paper log'];
    await runIrpOk(['note', id, 'LockBit ransom note found on a Staffplan server'], env);
    await runIrpOk(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned', '--at', '07:05', ...paper], env);
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known', '--at', '07:10', '--reason', 'entered from the paper log'], env);
    await runIrpOk(['check', id, 'clinical-impact-considered', '--at', '07:15', ...paper], env);
    await runIrpOk(['step', id, 'SHUT_DOWN_ALL', '--rationale', 'As the playbook advises, on what was known', '--at', '07:20', '--reason', 'entered from the paper log'], env);
    await runIrpOk(['check', id, 'servers-isolated', 'remote-access-cut', 'third-party-accounts-disabled', 'mfa-enforced', 'evidence-preserved'], env);
    await runIrpOk(['step', id, 'CONTAINED'], env);
    await runIrpOk(['check', id, 'estate-mapped', 'exfiltration-checked'], env);
    await runIrpOk(['step', id, 'SCOPE_ASSESSED', '--data', '{"estateAffectedPercent":2,"productsAffected":["Adastra","Caresys"],"personalDataInvolved":"yes"}'], env);
    const draft = await runIrp(['notify', id, 'controllers'], env);
    expect(draft.code).toBe(0);
    expect(draft.stdout).toContain('# Notification to Each customer, as data controller');
    expect(draft.stdout).toContain('UK GDPR Art. 33(2)');
    expect(draft.stdout).toContain(`${id} (supplier-ransomware test)`);
    expect(draft.stdout).toContain('Thu 4 Aug 2022 07:00 BST');
    // What UK GDPR Art. 33(3) asks of a report, filled from the record or marked as a gap.
    expect(draft.stdout).toContain('## Nature of the breach');
    expect(draft.stdout).toContain('- Adastra\n- Caresys');
    expect(draft.stdout).toContain('## Categories and approximate number of records');
    expect(draft.stdout).toContain("[TO COMPLETE: the DPO's name and contact details]");
    expect(draft.stdout).toContain('[TO COMPLETE: the likely consequences for the people affected]');
    expect(draft.stdout).toContain('Thu 4 Aug 2022 07:20 BST: Shut down all health and care environments as a precaution');
    expect(draft.stdout).toContain('[TO COMPLETE: how many people (an estimate is fine; say so)]');
    expect(draft.stdout).toContain('Sam Patel, Incident commander');
    // Internal notes stay out of a draft unless asked for.
    expect(draft.stdout).not.toContain('LockBit ransom note found on a Staffplan server');
    expect(draft.stdout).toContain("[TO COMPLETE: left out: the record's notes are internal; copy in only what is fit to share]");
    expect((await runIrp(['notify', id, 'controllers', '--include-notes'], env)).stdout).toContain('LockBit ransom note found on a Staffplan server');
    // A NIS report says what reg. 12(5) asks: the operator, when the incident occurred (not when it was found, until
    // the scope records it), how long it has lasted, its effect, cross-border impact.
    const nis = (await runIrp(['notify', id, 'nis-reg12-dsp'], env)).stdout;
    expect(nis).toContain("[TO COMPLETE: the operator's (or digital service provider's) name, and the essential or digital services it provides]");
    expect(nis).toContain('[TO COMPLETE: when the incident occurred, as found (NIS reg. 11(3)(a)(ii), 12(5)(b)); not the time of awareness, Thu 4 Aug 2022 07:00 BST]');
    expect(nis).toContain('## When the organisation became aware\n\nThu 4 Aug 2022 07:00 BST');
    expect(nis).toContain('## How long it has lasted\n\n3h 00m so far');
    expect(nis).toContain('[TO COMPLETE: whether services in other countries are affected, and which]');
    // The police are asked about a demand and the evidence kept.
    expect((await runIrp(['notify', id, 'report-fraud'], env)).stdout).toContain('[TO COMPLETE: any ransom demand and how it was made (do not reply to it)]');
    const json = JSON.parse((await runIrp(['notify', id, 'ncsc', '--format', 'json'], env)).stdout) as { clock: { id: string; form: string }; fields: Array<{ label: string; value?: unknown; missing?: string }> };
    expect(json.clock).toMatchObject({ id: 'ncsc', form: 'cyber' });
    expect(json.fields.find((field) => field.label === 'Share of the estate affected')?.value).toBe('2%');
    expect(json.fields.find((field) => field.label === 'Indicators of compromise')?.missing).toContain('hosts, accounts, files');
    expect((await runIrp(['notify', id, 'ncsc', '--format', 'txt'], env)).stdout).toContain('NOTIFICATION TO NATIONAL CYBER SECURITY CENTRE');
    const unknown = await runIrp(['notify', id, 'the-press'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('This incident\'s playbook has no report to "the-press" with a deadline');
    expect(unknown.stderr).toContain('Its reports: controllers-art33-2');
  });

  it('records role holders and shows one role\'s queue', async () => {
    const id = await start('supplier-ransomware', '2022-08-04 07:00');
    expect((await runIrp(['role', id, 'dpo', 'Dee Shah'], env)).code).toBe(0);
    expect(await runIrp(['role', id, 'janitor', 'X'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('"janitor" is not a role') });
    const status = await runIrpJson<{ roleHolders: Record<string, { name: string }> }>(['status', id], env);
    expect(status.roleHolders).toMatchObject({ 'incident-commander': { name: 'Sam Patel' }, dpo: { name: 'Dee Shah' } });
    expect(squash((await runIrp(['log', id], env)).stdout)).toContain('Dee Shah holds the role Data Protection Officer');
    const queue = (await runIrp(['status', id, '--role', 'incident-commander'], env)).stdout;
    expect(queue).toContain('Queue of the Incident commander (Sam Patel): 1 active step');
    expect((await runIrp(['status', id, '--role', 'dpo'], env)).stdout).toContain('Queue of the Data Protection Officer (Dee Shah): 0 active steps');
  });
});

describe('a clock names the body of its time', () => {
  it('names Action Fraud for an incident aware before 4 December 2025, and Report Fraud after', async () => {
    const police = async (awareAt: string, now: string) => {
      const id = await start('supplier-ransomware', awareAt, { IRP_NOW: now });
      const { clocks } = await runIrpJson<{ clocks: Array<{ id: string; label: string; recipient: string; law: string }> }>(['status', id], { ...env, IRP_NOW: now });
      return clocks.find((clock) => clock.id === 'report-fraud');
    };
    expect(await police('2022-08-04 07:00', '2022-08-04T10:00:00+01:00')).toMatchObject({ label: 'Report the crime to the police (Action Fraud; Police Scotland in Scotland)', recipient: expect.stringContaining('Action Fraud') });
    expect(await police('2025-12-03 23:30', '2025-12-04T01:00:00Z')).toMatchObject({ recipient: expect.stringContaining('Action Fraud') });
    expect(await police('2025-12-04 00:30', '2025-12-04T01:00:00Z')).toMatchObject({ label: 'Report the crime to the police (Report Fraud; Police Scotland in Scotland)', recipient: expect.stringContaining('Report Fraud') });
  });
});
