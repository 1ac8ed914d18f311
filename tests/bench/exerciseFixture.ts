import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A scenario with `injects` injects over a month and an answers file that takes the seed playbook to its restore
 * step and then records `decisions` decisions in all (the last ones repeated backup checks), for timing replays.
 */
export function writeLargeExercise(dir: string, injects: number, decisions: number): { scenario: string; answers: string } {
  const scenario = join(dir, 'large.scenario.yaml');
  const answers = join(dir, 'large.answers.yaml');
  const minutes = (i: number) => `+${i}m`;
  const injectLines = Array.from({ length: injects }, (_, i) =>
    [`  - at: ${minutes(i * 60)}`, `    title: Inject ${i + 1}`, `    body: Something new happens (${i + 1}).`, '    from: Facilitator'].join('\n'),
  );
  writeFileSync(
    scenario,
    [
      'id: large',
      'title: A long exercise',
      'playbook: { id: supplier-ransomware, version: "*" }',
      'start: 2022-08-04 07:00',
      'participants: [{ name: Commander, role: incident-commander }]',
      'injects:',
      ...injectLines,
      'expectations:',
      '  - { id: declare, decision: DECLARE, by: +30m }',
      '  - { id: controllers, notification: controllers-art33-2, by: +24h, weight: 3 }',
      '',
    ].join('\n'),
  );
  const walk: Array<[string, string]> = [
    ['tick', '[detection-source, bridge-opened, loggist-assigned]'],
    ['decide', 'DECLARE'],
    ['tick', '[clinical-impact-considered]'],
    ['decide', 'SHUT_DOWN_ALL'],
    ['tick', '[servers-isolated, remote-access-cut, third-party-accounts-disabled, mfa-enforced, evidence-preserved]'],
    ['decide', 'CONTAINED'],
    ['tick', '[estate-mapped, exfiltration-checked]'],
    ['tick', '[customers-advised, update-schedule, safety-officers-warned]'],
  ];
  const steps: string[] = walk.map(([kind, value], i) => `  - ${kind}: ${value}${kind === 'decide' ? '\n    rationale: as the playbook advises' : ''}\n    at: ${minutes(i + 1)}`);
  const withData: Array<[string, string]> = [
    ['SCOPE_ASSESSED', '{ estateAffectedPercent: 2, productsAffected: [Adastra], personalDataInvolved: "yes" }'],
    ['NCSC_NOTIFIED', '{ ncscReference: N }'],
    ['NCA_NOTIFIED', '{ ncaReference: A }'],
    ['POLICE_REPORTED', '{ crimeReference: P }'],
    ['CSOC_NOTIFIED', '{ csocReference: C }'],
    ['ICO_CONTACTED', '{ icoReference: I }'],
  ];
  let minute = 10;
  for (const [event, data] of withData) steps.push(`  - decide: ${event}\n    data: ${data}\n    at: ${minutes((minute += 1))}`);
  // The customers: a register of three, each told, then "every customer told".
  steps.push(`  - register: [{ id: a, name: A, nation: England, kinds: [controller], products: [Adastra] }, { id: b, name: B, nation: Wales, kinds: [controller], products: [Adastra] }, { id: c, name: C, nation: Scotland, kinds: [controller], products: [Adastra] }]\n    at: ${minutes((minute += 1))}`);
  steps.push(`  - duty: { id: availability-notice, for: all }\n    at: ${minutes((minute += 1))}`);
  steps.push(`  - decide: CUSTOMERS_NOTIFIED\n    at: ${minutes((minute += 1))}`);
  // The register serves Wales and Scotland: both devolved administrations are told.
  steps.push(`  - decide: DEVOLVED_NOTIFIED\n    data: { nationsNotified: [Wales, Scotland] }\n    at: ${minutes((minute += 1))}`);
  steps.push(`  - decide: BACKUP_PROCEDURES_ADVISED\n    at: ${minutes((minute += 1))}`);
  steps.push(`  - tick: [statement-agreed, emergency-message]\n    at: ${minutes((minute += 1))}`);
  steps.push(`  - decide: PUBLIC_MESSAGE_ISSUED\n    at: ${minutes((minute += 1))}`);
  steps.push(`  - tick: [entry-point-closed, patched, credentials-reset, rebuilt]\n    at: ${minutes((minute += 1))}`);
  steps.push(`  - decide: REBUILT\n    at: ${minutes((minute += 1))}`);
  const taken = steps.filter((line) => line.includes('decide:')).length;
  for (let i = taken; i < decisions; i += 1) {
    steps.push(`  - decide: BACKUPS_CHECKED\n    data: { backupSet: set ${i}, backupsClean: false }\n    at: ${minutes((minute += 30))}`);
  }
  writeFileSync(answers, ['actor: { name: Commander, role: incident-commander }', 'steps:', ...steps, ''].join('\n'));
  return { scenario, answers };
}
