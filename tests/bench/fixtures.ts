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
    { kind: 'organisation.registered', data: { id: 'nhs111-nw', name: 'NHS 111 North West', nation: 'England', kinds: ['controller'], products: ['Adastra'], contacts: [] }, actor, occurredAt: at() },
    { kind: 'organisation.duty', data: { organisation: 'nhs111-nw', duty: 'availability-notice' }, actor, occurredAt: at() },
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
    decision('CUSTOMERS_NOTIFIED'),
    decision('ICO_CONTACTED', { icoReference: 'I' }),
    decision('NO_DEVOLVED_SERVICES'),
    tick('response.continuity.advise', 'customers-advised', 'update-schedule', 'safety-officers-warned'),
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

/**
 * A supplier's incident with a register of `organisations` customers (every fifth a group, every seventh on two
 * products), each told, given its restore point, offered reconnection, approved, signed off and (all but every
 * tenth) reconnected, with acknowledgements and notes, up to `size` events: the scale of a 2022-style outage.
 */
export async function writeSupplierIncident(stateDir: string, playbooksDir: string, id: string, organisations: number, size: number): Promise<RecordedEvent[]> {
  const playbook = await new PlaybookCatalog(playbooksDir, join(stateDir, '.cache', 'playbooks')).load('supplier-ransomware');
  let minute = 0;
  const at = () => new Date(T0 + (minute += 1) * 60_000).toISOString();
  const events: NewEvent[] = [
    { kind: 'incident.opened', data: { title: `Supplier outage, ${organisations} customers`, awareAt: new Date(T0).toISOString(), playbook: { id: playbook.id, version: playbook.version, sourceHash: playbook.sourceHash } }, actor, occurredAt: new Date(T0).toISOString() },
    { kind: 'checklist.ticked', data: { step: 'declare', items: ['detection-source', 'bridge-opened', 'loggist-assigned'] }, actor, occurredAt: at() },
    { kind: 'decision', data: { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, actor, occurredAt: at() },
  ];
  const nations = ['England', 'Scotland', 'Wales', 'Northern Ireland'];
  const ids: Array<{ id: string; products: string[] }> = [];
  for (let i = 0; i < organisations; i += 1) {
    const products = i % 7 === 0 ? ['Adastra', 'Odyssey'] : ['Adastra'];
    ids.push({ id: `c${i}`, products });
    events.push({
      kind: 'organisation.registered',
      data: { id: `c${i}`, name: `Customer ${i}`, nation: nations[i % 4] as 'England', kinds: ['controller', i % 3 === 0 ? 'care-provider' : 'nhs-body'], products, contacts: [`on-call ${i}`], ...(i % 5 === 0 ? { members: 12 } : {}), ...(i % 4 === 0 ? { noticeHours: 12 } : {}) },
      actor,
      occurredAt: at(),
    });
  }
  const duty = (organisation: string, name: string, product?: string, payload?: Record<string, unknown>): NewEvent => ({
    kind: 'organisation.duty',
    data: { organisation, duty: name, ...(product ? { product } : {}), ...(payload ? { payload } : {}), how: 'signed notice' },
    actor,
    occurredAt: at(),
  });
  for (const o of ids) events.push(duty(o.id, 'availability-notice'));
  events.push({ kind: 'decision', data: { event: 'CUSTOMERS_NOTIFIED' }, actor, occurredAt: at() });
  const window = { restorePoint: '2022-07-31T06:00:00.000Z', outageAt: '2022-08-04T06:00:00.000Z' };
  for (const name of ['restore-point', 'reconnection-offered', 'board-approved', 'safety-signed-off', 'reconnected']) {
    for (const [index, o] of ids.entries()) {
      if (name === 'reconnected' && index % 10 === 0) continue;
      for (const product of o.products) {
        if (events.length >= size) break;
        events.push(duty(o.id, name, product, name === 'restore-point' ? window : undefined));
      }
    }
  }
  for (let i = 0; events.length < size; i += 1) events.push({ kind: 'note', data: { text: `Update ${i}: reconnection call with the NHS England incident team.` }, actor, occurredAt: at() });
  const recorded = chainEvents(id, undefined, events.slice(0, size), new Date(T0));
  await new FileIncidentStore(stateDir).create(id, recorded);
  return recorded;
}
