import { join } from 'node:path';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';

const T0 = Date.parse('2022-08-04T06:00:00Z');
const actor = { name: 'Sam Patel', role: 'incident-commander' };

/**
 * The seed playbook's path to the restore step (written straight to the record, as irp would have recorded it), then
 * alternating decisions and notes up to `size` events.
 */
export async function writeIncident(stateDir: string, playbooksDir: string, id: string, size: number): Promise<RecordedEvent[]> {
  const playbook = await new PlaybookCatalog(playbooksDir, join(stateDir, '.cache', 'playbooks')).load('supplier-ransomware');
  let minute = 0;
  const at = () => new Date(T0 + (minute += 1) * 60_000).toISOString();
  const decision = (event: string, payload?: Record<string, unknown>): NewEvent => ({ kind: 'decision', data: payload ? { event, payload } : { event }, actor, occurredAt: at() });
  const tick = (step: string, ...items: string[]): NewEvent => ({ kind: 'checklist.ticked', data: { step, items }, actor, occurredAt: at() });
  const events: NewEvent[] = [
    { kind: 'incident.opened', data: { title: `Benchmark ${size}`, awareAt: new Date(T0).toISOString(), playbook: { id: playbook.id, version: playbook.version, sourceHash: playbook.sourceHash } }, actor, occurredAt: new Date(T0).toISOString() },
    tick('declare', 'detection-source', 'bridge-opened', 'loggist-assigned'),
    decision('DECLARE'),
    decision('CSOC_NOTIFIED', { csocReference: 'C' }),
    tick('response.technical.contain.shutdown', 'clinical-impact-considered'),
    decision('SHUT_DOWN_ALL'),
    tick('response.technical.contain.isolate', 'servers-isolated', 'remote-access-cut', 'third-party-accounts-disabled', 'mfa-enforced', 'evidence-preserved'),
    decision('CONTAINED'),
    tick('response.scope.assess', 'estate-mapped', 'exfiltration-checked'),
    decision('SCOPE_ASSESSED', { estateAffectedPercent: 2, productsAffected: ['Adastra'], personalDataInvolved: 'unknown' }),
    decision('NCSC_NOTIFIED', { ncscReference: 'N' }),
    decision('NCA_NOTIFIED', { ncaReference: 'A' }),
    decision('POLICE_REPORTED', { crimeReference: 'P' }),
    decision('CUSTOMERS_NOTIFIED', { customersNotified: 40 }),
    decision('ICO_CONTACTED', { icoReference: 'I' }),
    decision('NO_DEVOLVED_SERVICES'),
    tick('response.continuity.advise', 'customers-advised', 'update-schedule'),
    decision('BACKUP_PROCEDURES_ADVISED'),
    tick('response.continuity.messaging', 'statement-agreed', 'emergency-message'),
    decision('PUBLIC_MESSAGE_ISSUED'),
    tick('response.technical.eradicate', 'entry-point-closed', 'patched', 'credentials-reset', 'rebuilt'),
    decision('REBUILT'),
  ];
  for (let i = 0; events.length < size; i += 1) {
    events.push(
      i % 2 === 0
        ? decision('BACKUPS_CHECKED', { backupSet: `set ${i}`, backupsClean: false })
        : { kind: 'note', data: { text: `Update ${i}: checking the next backup set; customers told at the hourly call.` }, actor, occurredAt: at() },
    );
  }
  const recorded = chainEvents(id, undefined, events.slice(0, size), new Date(T0));
  await new FileIncidentStore(stateDir).create(id, recorded);
  return recorded;
}
