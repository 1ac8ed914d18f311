// One incident, many organisations: a supplier's incident with a register of 20 controllers tells each by a signed
// notice; each customer opens its own incident from its notice, takes in the later ones, walks its data-loss window
// and acknowledges; the supplier takes the acknowledgements in and its view is complete. On files (signed notices
// through a folder) and on PostgreSQL (the same exchange through the shared store, no files).
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acknowledgeNotices, openFromIncident, openFromNotice, pullNotices, receiveFile, signedNotices } from '../../src/api/exchange.ts';
import { Irp } from '../../src/api/irp.ts';
import { readExchangeFile } from '../../src/input/exchangeFile.ts';
import { readRegisterFile } from '../../src/input/registerFile.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { fingerprintOf, publicKeyDer } from '../../src/record/seal.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import type { IncidentStore } from '../../src/store/incidentStore.ts';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { skipWithout } from '../helpers/realPart.ts';
import { tempDir } from '../helpers/tempDir.ts';

const AWARE = new Date('2022-08-04T06:00:00Z'); // 07:00 BST
const HOUR = 3_600_000;
const dpo = { name: 'Dee Shah', role: 'dpo' };
const commander = { name: 'Sam Patel', role: 'incident-commander' };
const CONTROLLERS = 20;

function key(): { pem: string; fingerprint: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, fingerprint: fingerprintOf(publicKeyDer(privateKey)) };
}

/** A register the supplier keeps, as CSV: 20 controllers across the four nations, one a group, one with two products. */
function registerCsv(dir: string): string {
  const nations = ['England', 'Scotland', 'Wales', 'Northern Ireland'];
  const rows = ['id,name,ods,nation,kinds,products,noticeHours,contacts,members'];
  for (let i = 0; i < CONTROLLERS; i += 1) {
    const products = i === 1 ? 'Adastra;Odyssey' : i === CONTROLLERS - 1 ? 'Caresys' : 'Adastra';
    const kinds = i === CONTROLLERS - 1 ? 'controller;care-provider' : 'controller;nhs-body';
    rows.push(`c${i},"Customer ${i}, NHS",,${nations[i % 4]},${kinds},${products},${i % 5 === 0 ? 12 : ''},on-call ${i},${i === CONTROLLERS - 1 ? 1000 : ''}`);
  }
  const file = join(dir, 'register.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

const stores: IncidentStore[] = [];
afterAll(async () => {
  for (const store of stores) await store.close?.();
});

function irpOn(store: IncidentStore, clock: ManualClock): Irp {
  stores.push(store);
  return new Irp({ store, catalog: new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache')), clock });
}

/** The supplier's incident, declared, with its register loaded and every controller told of the outage at +1h. */
async function supplierWithRegister(irp: Irp, clock: ManualClock, dir: string): Promise<string> {
  const { view } = await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware at the supplier', awareAt: AWARE, actor: commander });
  await irp.check(view.id, ['detection-source', 'bridge-opened', 'loggist-assigned'], { actor: commander });
  await irp.step(view.id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, { actor: commander });
  const read = readRegisterFile(registerCsv(dir));
  await irp.execute(view.id, { kind: 'register', organisations: read.organisations, where: read.where }, { actor: dpo });
  clock.advance(HOUR);
  await irp.execute(view.id, { kind: 'duty', duty: 'availability-notice', organisations: 'all', how: 'signed notice by email' }, { actor: dpo });
  await irp.step(view.id, { event: 'CUSTOMERS_NOTIFIED' }, { actor: dpo });
  return view.id;
}

/** A customer's own incident declared, so that its data-loss window is open to the supplier's restore point. */
async function declare(irp: Irp, id: string): Promise<void> {
  await irp.check(id, ['supplier-contacted', 'on-call-informed', 'loggist-assigned'], { actor: commander });
  await irp.step(id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, { actor: commander });
}

const WINDOW = { restorePoint: '2022-07-31T06:00:00Z', outageAt: '2022-08-04T06:00:00Z' };

describe('linked incidents on files: signed notices', () => {
  it('tells 20 controllers, opens each one\'s incident from its notice, walks a data-loss window and takes every acknowledgement back', async () => {
    const clock = new ManualClock(new Date(AWARE.getTime() + HOUR));
    const supplierDir = tempDir();
    const customerDir = tempDir();
    const mail = tempDir(); // the folder the files travel through
    const supplier = irpOn(new FileIncidentStore(supplierDir), clock);
    const customers = irpOn(new FileIncidentStore(customerDir), clock);
    const supplierKey = key();
    const customerKey = key();
    const s = await supplierWithRegister(supplier, clock, mail);

    // Every controller has a signed notice: one file each.
    const notices = await signedNotices(supplier, s, supplierKey.pem, {});
    expect(notices).toHaveLength(CONTROLLERS);
    const files = notices.map((notice) => {
      const file = join(mail, `${notice.to.id}.${notice.notice.seq}.notice.json`);
      writeFileSync(file, JSON.stringify(notice));
      return file;
    });

    // Each customer opens its own incident from its notice two hours after it was told (at 09:00 BST): aware of the
    // breach, and of the incident, when it was told.
    clock.advance(2 * HOUR);
    const opened = new Map<string, string>();
    for (const file of files) {
      const report = await openFromNotice(customers, { playbook: 'provider-supplier-outage', exchange: readExchangeFile(file), trust: [supplierKey.fingerprint], actor: commander, now: clock.now() });
      opened.set(report.linked?.organisation.id ?? '', report.view.id);
      expect(report.linked).toMatchObject({ incident: s, received: 1 });
      const ico = report.clocks.find((state) => state.clock.id === 'ico-art33');
      expect(ico && 'start' in ico ? ico.start : undefined).toMatchObject({ cause: 'moment', at: '2022-08-04T08:00:00.000Z' });
      expect(report.view.awareAt).toBe('2022-08-04T08:00:00.000Z');
      // Opened for the nation the supplier's register gives: a Scottish customer reports NIS to the SHCA.
      const nation = ['england', 'scotland', 'wales', 'northern-ireland'][Number(report.linked?.organisation.id.slice(1)) % 4] as string;
      expect(report.playbook.chosen.nation).toBe(nation);
      expect(report.clocks.map((state) => state.clock.id)).toContain(`nis-reg11-${nation}`);
    }
    expect(opened.size).toBe(CONTROLLERS);
    const c1 = opened.get('c1') as string;
    const c2 = opened.get('c2') as string;

    // Refused, recording nothing: a tampered notice, one for another organisation, one taken in twice, an untrusted key.
    const bytes = () => readFileSync(join(customerDir, 'incidents', `${c1}.jsonl`));
    const before = bytes();
    const tampered = join(mail, 'tampered.json');
    writeFileSync(tampered, readFileSync(files[1] as string, 'utf8').replace('"signed notice by email"', '"a phone call"'));
    await expect(receiveFile(customers, c1, readExchangeFile(tampered), [supplierKey.fingerprint], { actor: commander })).rejects.toMatchObject({ problem: { code: 'notice-refused', why: 'bad-signature' } });
    await expect(receiveFile(customers, c1, readExchangeFile(files[2] as string), [supplierKey.fingerprint], { actor: commander })).rejects.toMatchObject({ problem: { why: 'other-organisation' } });
    await expect(receiveFile(customers, c1, readExchangeFile(files[1] as string), [supplierKey.fingerprint], { actor: commander })).rejects.toMatchObject({ problem: { why: 'replayed' } });
    await expect(receiveFile(customers, c1, readExchangeFile(files[1] as string), [key().fingerprint], { actor: commander })).rejects.toMatchObject({ problem: { why: 'untrusted' } });
    await expect(receiveFile(customers, c1, readExchangeFile(files[1] as string), [], { actor: commander })).rejects.toMatchObject({ problem: { why: 'no-trust' } });
    // A notice signed by the same key for another of the supplier's incidents is not this link's.
    const other = await supplierWithRegister(supplier, clock, tempDir());
    const [stray] = await signedNotices(supplier, other, supplierKey.pem, { organisation: 'c1' });
    const strayFile = join(mail, 'stray.json');
    writeFileSync(strayFile, JSON.stringify(stray));
    await expect(receiveFile(customers, c1, readExchangeFile(strayFile), [supplierKey.fingerprint], { actor: commander })).rejects.toMatchObject({ problem: { why: 'other-incident' } });
    expect(bytes()).toEqual(before);

    // The restore point of c1's Odyssey: its incident records it, and its data-loss window is walked.
    await declare(customers, c1);
    clock.advance(HOUR);
    await supplier.execute(s, { kind: 'duty', duty: 'restore-point', organisations: ['c1'], product: 'Odyssey', payload: WINDOW, how: 'signed notice' }, { actor: dpo });
    const [restore] = await signedNotices(supplier, s, supplierKey.pem, { organisation: 'c1', duty: 'restore-point' });
    const restoreFile = join(mail, 'c1.restore.json');
    writeFileSync(restoreFile, JSON.stringify(restore));
    const received = await receiveFile(customers, c1, readExchangeFile(restoreFile), [supplierKey.fingerprint], { actor: commander });
    expect(received.recorded.map((event) => event.kind)).toEqual(['notice.received', 'decision']);
    expect(received.view.facts).toMatchObject(WINDOW);
    expect(received.view.steps.map((step) => step.path)).toContain('respond.dataLoss.measure');
    const cso = { name: 'Dr Ng', role: 'clinical-safety-officer' };
    await customers.step(c1, { event: 'WINDOW_MEASURED', payload: { windowStart: WINDOW.restorePoint, windowEnd: WINDOW.outageAt, recordsInWindow: 412, patientsInWindow: 380 } }, { actor: cso });
    await customers.step(c1, { event: 'SOURCE_USED', payload: { source: 'call recordings', recordsRecovered: 301 } }, { actor: cso });
    await customers.step(c1, { event: 'RECONSTRUCTED' }, { actor: cso });
    await customers.step(c1, { event: 'PATIENTS_TRIAGED', payload: { patientsReviewed: 380, patientsNeedingFollowUp: 23 } }, { actor: cso });
    const walked = await customers.step(c1, { event: 'WINDOW_REASSESSED', payload: { windowReportable: true, reason: 'Records of 47 patients could not be rebuilt.' } }, { actor: { name: 'Dee', role: 'dpo' } });
    expect(walked.view.steps.map((step) => step.path)).not.toContain('respond.dataLoss.reassess');

    // A restore point told to a customer not yet at that step is kept with the notice, and says so.
    const [later] = await (async () => {
      await supplier.execute(s, { kind: 'duty', duty: 'restore-point', organisations: ['c2'], payload: WINDOW }, { actor: dpo });
      return signedNotices(supplier, s, supplierKey.pem, { organisation: 'c2', duty: 'restore-point' });
    })();
    const laterFile = join(mail, 'c2.restore.json');
    writeFileSync(laterFile, JSON.stringify(later));
    const kept = await receiveFile(customers, c2, readExchangeFile(laterFile), [supplierKey.fingerprint], { actor: commander });
    expect(kept.recorded.map((event) => event.kind)).toEqual(['notice.received']);
    expect(kept.recorded[0]?.note).toContain('"Restore point received from the supplier" is not open at this point');

    // Every customer acknowledges what it received; the supplier takes every acknowledgement in.
    clock.advance(HOUR);
    const acks: string[] = [];
    for (const id of opened.values()) {
      const { acknowledgements } = await acknowledgeNotices(customers, id, { actor: commander, privateKeyPem: customerKey.pem });
      for (const ack of acknowledgements) {
        const file = join(mail, `${id}.${ack.to.seq}.ack.json`);
        writeFileSync(file, JSON.stringify(ack));
        acks.push(file);
      }
    }
    expect(acks).toHaveLength(CONTROLLERS + 2);
    for (const file of acks) await receiveFile(supplier, s, readExchangeFile(file), [customerKey.fingerprint], { actor: dpo });
    await expect(receiveFile(supplier, s, readExchangeFile(acks[0] as string), [customerKey.fingerprint], { actor: dpo })).rejects.toMatchObject({ problem: { why: 'replayed' } });
    await expect(receiveFile(supplier, other, readExchangeFile(acks[0] as string), [customerKey.fingerprint], { actor: dpo })).rejects.toMatchObject({ problem: { why: 'other-incident' } });

    // The supplier's view: everyone told and acknowledged; two restore points; by nation and product.
    const { register } = await supplier.register(s);
    expect(register.count).toBe(CONTROLLERS);
    expect(register.members).toBe(CONTROLLERS - 1 + 1000);
    expect(register.notices).toEqual({ sent: CONTROLLERS + 2, acknowledged: CONTROLLERS + 2 });
    expect(register.duties.find((d) => d.duty === 'availability-notice')).toMatchObject({ owed: 20, done: 20, late: 0, overdue: 0 });
    expect(register.duties.find((d) => d.duty === 'restore-point')).toMatchObject({ owed: 21, done: 2 });
    expect(register.byNation.map((group) => [group.key, group.duties.find((d) => d.duty === 'availability-notice')?.owed])).toEqual([
      ['England', 5],
      ['Northern Ireland', 5],
      ['Scotland', 5],
      ['Wales', 5],
    ]);
    expect(register.byProduct.map((group) => group.key)).toEqual(['Adastra', 'Caresys', 'Odyssey']);
  });
});

describe.skipIf(skipWithout(hasPostgres, 'PostgreSQL'))('linked incidents on PostgreSQL: the same exchange through the shared store', () => {
  it('opens each controller\'s incident from the supplier\'s on the store, pulls the later notices and records acknowledgements straight into the supplier\'s', async () => {
    const clock = new ManualClock(new Date(AWARE.getTime() + HOUR));
    const url = await freshSchemaUrl();
    const migrator = new PgIncidentStore(url);
    stores.push(migrator);
    await migrator.migrate();
    const supplier = irpOn(new PgIncidentStore(url), clock);
    const customers = irpOn(new PgIncidentStore(url), clock);
    const s = await supplierWithRegister(supplier, clock, tempDir());
    clock.advance(HOUR);
    const opened: string[] = [];
    for (let i = 0; i < CONTROLLERS; i += 1) {
      const report = await openFromIncident(customers, { playbook: 'provider-supplier-outage', supplier: s, organisation: `c${i}`, actor: commander, now: clock.now() });
      expect(report.view.events.find((event) => event.kind === 'notice.received')?.data).toMatchObject({ via: 'shared-store', from: { incident: s } });
      expect(report.playbook.chosen.nation).toBe(['england', 'scotland', 'wales', 'northern-ireland'][i % 4]);
      opened.push(report.view.id);
    }
    const c3 = opened[3] as string;
    await declare(customers, c3);
    await supplier.execute(s, { kind: 'duty', duty: 'restore-point', organisations: ['c3'], payload: WINDOW }, { actor: dpo });
    const pulled = await pullNotices(customers, c3, { actor: commander });
    expect(pulled.flatMap((report) => report.recorded.map((event) => event.kind))).toEqual(['notice.received', 'decision']);
    expect(await pullNotices(customers, c3, { actor: commander })).toEqual([]);
    for (const id of opened) await acknowledgeNotices(customers, id, { actor: commander });
    const { register, report } = await supplier.register(s);
    expect(register.notices).toEqual({ sent: CONTROLLERS + 1, acknowledged: CONTROLLERS + 1 });
    const ack = report.view.events.find((event) => event.kind === 'acknowledgement.received');
    // Recorded by the customer's person, for its organisation, not under one of the supplier's roles.
    expect(ack?.actor).toEqual({ name: 'Sam Patel for Customer 0, NHS', role: 'linked-organisation' });
    expect((await supplier.verify(s)).intact).toBe(true);
  });
});
