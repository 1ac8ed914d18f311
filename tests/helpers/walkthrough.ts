import type { CommandInput } from '../../src/api/irp.ts';

const RESTORE_POINT = '{"restorePoint":"2022-07-31T06:00:00Z","outageAt":"2022-08-04T06:00:00Z"}';

/**
 * The supplier playbook from start to end with `irp step`, `irp check` and `irp org` alone: each entry is a command
 * and its arguments after the incident id (for `org`, its subcommand first: `org add <incident> …`).
 */
export const walkthrough: Array<[string, ...string[]]> = [
  ['check', 'detection-source', 'bridge-opened', 'loggist-assigned'],
  ['step', 'DECLARE', '--rationale', 'As the playbook advises, on what was known'],
  ['org', 'add', '--id', 'nhs111-nw', '--name', 'NHS 111 North West', '--nation', 'England', '--kind', 'controller', 'nhs-body', '--product', 'Adastra'],
  ['step', 'CSOC_NOTIFIED', '--data', '{"csocReference":"CSOC-2022-1"}'],
  ['check', 'clinical-impact-considered'],
  ['step', 'SHUT_DOWN_ALL', '--rationale', 'As the playbook advises, on what was known'],
  ['check', 'servers-isolated', 'remote-access-cut', 'third-party-accounts-disabled', 'mfa-enforced', 'evidence-preserved'],
  ['step', 'CONTAINED'],
  ['check', 'estate-mapped', 'exfiltration-checked', 'customers-advised', 'update-schedule', 'safety-officers-warned'],
  ['step', 'SCOPE_ASSESSED', '--data', '{"estateAffectedPercent":2,"productsAffected":["Adastra","Carenotes"],"personalDataInvolved":"yes","peopleAffected":79404}'],
  ['check', 'urgent-harms', 'lists-to-controllers'],
  ['step', 'PEOPLE_SUPPORTED'],
  ['step', 'NCSC_NOTIFIED', '--data', '{"ncscReference":"NCSC-2022-1"}'],
  ['step', 'NCA_NOTIFIED', '--data', '{"ncaReference":"NCA-2022-1"}'],
  ['step', 'POLICE_REPORTED', '--data', '{"crimeReference":"RF-2022-1"}'],
  ['org', 'done', 'availability-notice', 'nhs111-nw'],
  ['step', 'CUSTOMERS_NOTIFIED'],
  ['check', 'needs-agreed', 'facts-sent'],
  ['step', 'CONTROLLERS_SUPPORTED'],
  ['step', 'ICO_CONTACTED', '--data', '{"icoReference":"ICO-2022-1"}'],
  ['step', 'NIS_NOT_REPORTABLE', '--data', '{"whyNot":"a small or micro business","reason":"Legal advice: fewer than 50 staff and under the turnover threshold."}'],
  ['step', 'DEVOLVED_NOTIFIED', '--data', '{"nationsNotified":["Scotland"]}'],
  ['step', 'BACKUP_PROCEDURES_ADVISED'],
  ['check', 'statement-agreed', 'emergency-message'],
  ['step', 'PUBLIC_MESSAGE_ISSUED'],
  ['check', 'no-payment-stance', 'sanctions-checked', 'legal-advice', 'insurer-notified'],
  ['step', 'RANSOM_POSITION_RECORDED', '--rationale', 'As the playbook advises, on what was known', '--data', '{"decidedBy":"Chief executive"}'],
  ['check', 'entry-point-closed', 'patched', 'credentials-reset', 'rebuilt'],
  ['step', 'REBUILT'],
  ['check', 'restore-tested'],
  ['step', 'BACKUPS_CHECKED', '--data', '{"backupSet":"offline 31 July","backupsClean":true}'],
  ['step', 'RESTORED'],
  ['check', 'forensic-report', 'evidence-handed-over', 'safety-case-reviewed'],
  ['step', 'ASSURANCE_ACCEPTED'],
  ['org', 'done', 'restore-point', 'nhs111-nw', '--data', RESTORE_POINT],
  ['org', 'done', 'reconnection-offered', 'nhs111-nw'],
  ['org', 'done', 'board-approved', 'nhs111-nw'],
  ['org', 'done', 'safety-signed-off', 'nhs111-nw'],
  ['org', 'done', 'reconnected', 'nhs111-nw'],
  ['step', 'SERVICE_RESTORED', '--rationale', 'As the playbook advises, on what was known', '--data', '{"service":"NHS 111 England"}'],
  ['step', 'ALL_RECONNECTED', '--rationale', 'As the playbook advises, on what was known'],
  ['step', 'MONITORING_ENDED', '--rationale', 'As the playbook advises, on what was known'],
  ['check', 'review-held', 'actions-owned'],
  ['step', 'CLOSE', '--rationale', 'As the playbook advises, on what was known'],
];

/** The arguments of a walkthrough entry for the CLI, with the incident in its place. */
export function cliArgs([command, ...args]: readonly [string, ...string[]], incident: string): string[] {
  return command === 'org' ? ['org', args[0] as string, incident, ...args.slice(1)] : [command, incident, ...args];
}

/** The organisation the walkthrough registers, as data. */
export const WALKTHROUGH_ORGANISATION = { id: 'nhs111-nw', name: 'NHS 111 North West', nation: 'England', kinds: ['controller', 'nhs-body'], products: ['Adastra'] };

/** A walkthrough `org` entry as the command the API takes (the two forms the walkthrough uses). */
export function orgCommand(args: readonly string[]): CommandInput {
  if (args[0] === 'add') return { kind: 'register', organisations: [WALKTHROUGH_ORGANISATION] };
  const data = args.indexOf('--data');
  return { kind: 'duty', duty: args[1] as string, organisations: [args[2] as string], ...(data >= 0 ? { payload: JSON.parse(args[data + 1] as string) } : {}) };
}

/** A walkthrough `org` entry as an answers-file entry. */
export function orgAnswer(args: readonly string[]): Record<string, unknown> {
  const command = orgCommand(args);
  if (command.kind === 'register') return { register: command.organisations };
  if (command.kind !== 'duty') throw new Error('not an org entry');
  return { duty: { id: command.duty, for: command.organisations, ...(command.payload ? { data: command.payload } : {}) } };
}

/** A `step` line of the walkthrough as the decision it asks for: the event, its data and its rationale. */
export function decisionOf(args: readonly string[]): { event: string; payload?: Record<string, unknown>; rationale?: string } {
  const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const data = flag('--data');
  const rationale = flag('--rationale');
  return { event: args[0] as string, ...(data === undefined ? {} : { payload: JSON.parse(data) as Record<string, unknown> }), ...(rationale === undefined ? {} : { rationale }) };
}
