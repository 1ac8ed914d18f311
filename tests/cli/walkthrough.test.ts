import { describe, expect, it } from 'vitest';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

/** The "done when": start, then only `irp step` and `irp check`, to the end of the seed playbook. */
const script: Array<[string, ...string[]]> = [
  ['check', 'detection-source', 'bridge-opened', 'loggist-assigned'],
  ['step', 'DECLARE'],
  ['step', 'CSOC_NOTIFIED', '--data', '{"csocReference":"CSOC-2022-1"}'],
  ['check', 'clinical-impact-considered'],
  ['step', 'SHUT_DOWN_ALL'],
  ['check', 'servers-isolated', 'remote-access-cut', 'third-party-accounts-disabled', 'mfa-enforced', 'evidence-preserved'],
  ['step', 'CONTAINED'],
  ['check', 'estate-mapped', 'exfiltration-checked', 'customers-advised', 'update-schedule'],
  ['step', 'SCOPE_ASSESSED', '--data', '{"estateAffectedPercent":2,"productsAffected":["Adastra","Carenotes"],"personalDataInvolved":"yes","peopleAffected":79404}'],
  ['check', 'urgent-harms', 'lists-to-controllers'],
  ['step', 'PEOPLE_SUPPORTED'],
  ['step', 'NCSC_NOTIFIED', '--data', '{"ncscReference":"NCSC-2022-1"}'],
  ['step', 'NCA_NOTIFIED', '--data', '{"ncaReference":"NCA-2022-1"}'],
  ['step', 'POLICE_REPORTED', '--data', '{"crimeReference":"RF-2022-1"}'],
  ['step', 'CUSTOMERS_NOTIFIED', '--data', '{"customersNotified":40}'],
  ['check', 'needs-agreed', 'facts-sent'],
  ['step', 'CONTROLLERS_SUPPORTED'],
  ['step', 'ICO_CONTACTED', '--data', '{"icoReference":"ICO-2022-1"}'],
  ['step', 'NIS_NOT_REPORTABLE', '--data', '{"reason":"Legal advice: not a relevant digital service provider."}'],
  ['step', 'DEVOLVED_NOTIFIED', '--data', '{"nationsNotified":["Scotland"]}'],
  ['step', 'BACKUP_PROCEDURES_ADVISED'],
  ['check', 'statement-agreed', 'emergency-message'],
  ['step', 'PUBLIC_MESSAGE_ISSUED'],
  ['check', 'no-payment-stance', 'sanctions-checked', 'legal-advice', 'insurer-notified'],
  ['step', 'RANSOM_POSITION_RECORDED', '--data', '{"decidedBy":"Chief executive"}'],
  ['check', 'entry-point-closed', 'patched', 'credentials-reset', 'rebuilt'],
  ['step', 'REBUILT'],
  ['check', 'restore-tested'],
  ['step', 'BACKUPS_CHECKED', '--data', '{"backupSet":"offline 31 July","backupsClean":true}'],
  ['step', 'RESTORED'],
  ['check', 'forensic-report', 'evidence-handed-over', 'safety-case-reviewed'],
  ['step', 'ASSURANCE_ACCEPTED'],
  ['step', 'CUSTOMER_RECONNECTED', '--data', '{"customer":"NHS 111 North West","boardApproval":true,"restorePointTold":true}'],
  ['step', 'ALL_RECONNECTED'],
  ['step', 'MONITORING_ENDED'],
  ['check', 'review-held', 'actions-owned'],
  ['step', 'CLOSE'],
];

describe('the seed playbook from the command line', () => {
  it('reaches the end with irp step and irp check alone, and the record verifies', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Sam Patel' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'test'], env);
    for (const [command, ...args] of script) {
      const result = await runIrp([command, id, ...args], env);
      expect(result.stderr, `irp ${command} ${args.join(' ')}`).toBe('');
      expect(result.code).toBe(0);
    }
    expect((await runIrpJson<{ finished: boolean }>(['status', id], env)).finished).toBe(true);
    expect((await runIrp(['verify', id], env)).code).toBe(0);
    expect(await runIrp(['step', id, 'CLOSE'], env)).toMatchObject({ code: 2, stderr: expect.stringContaining('is finished') });
  });
});
