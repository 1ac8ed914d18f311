import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { findChainProblem } from '../../src/record/hashChain.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const AWARE = new Date('2022-08-04T06:00:00Z'); // 07:00 BST, Thursday 4 August 2022
const HOUR = 3_600_000;
const commander = { name: 'Sam Patel', role: 'incident-commander' };
const tech = { name: 'Jo Li', role: 'technical-lead' };

let cacheDir: string;
beforeAll(() => {
  cacheDir = tempDir('irp-cache-');
});

/** Drives one incident of the seed playbook through the library API, as the CLI would. */
function harness() {
  const clock = new ManualClock(AWARE);
  const irp = new Irp({ store: new MemoryIncidentStore(), catalog: new PlaybookCatalog(playbooksDir, join(cacheDir, 'c')), clock });
  let id = '';
  const steps = () => irp.status(id).then((r) => r.view.steps.map((s) => s.path));
  return {
    clock,
    irp,
    steps,
    async open() {
      id = (await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware', awareAt: AWARE, actor: commander })).view.id;
      return id;
    },
    tick: (items: string[], actor = commander) => irp.check(id, items, { actor }),
    register: (organisations: unknown[], actor = commander) => irp.execute(id, { kind: 'register', organisations }, { actor }),
    duty: (duty: string, organisations: string[] | 'all', extra: { product?: string; payload?: Record<string, unknown> } = {}, actor = commander) =>
      irp.execute(id, { kind: 'duty', duty, organisations, ...extra }, { actor }),
    step: (event: string, payload?: Record<string, unknown>, actor = commander) => irp.step(id, { event, payload, rationale: 'As the playbook advises, on what was known' }, { actor }),
    later(hours: number) {
      clock.advance(hours * HOUR);
    },
    id: () => id,
  };
}

type Harness = ReturnType<typeof harness>;

const CUSTOMERS = [
  { id: 'nhs111-nw', name: 'NHS 111 North West', nation: 'England', kinds: ['controller', 'nhs-body'], products: ['Adastra'] },
  { id: 'nhs111-ldn', name: 'NHS 111 London', nation: 'England', kinds: ['controller', 'nhs-body'], products: ['Adastra', 'Odyssey'], noticeHours: 12 },
];
const WINDOW = { restorePoint: '2022-07-31T06:00:00Z', outageAt: '2022-08-04T06:00:00Z' };

/** Every step of reconnecting one customer's product, in the order the playbook keeps. */
async function reconnect(h: Harness, organisation: string, product: string) {
  for (const duty of ['restore-point', 'reconnection-offered', 'board-approved', 'safety-signed-off', 'reconnected']) {
    await h.duty(duty, [organisation], { product, ...(duty === 'restore-point' ? { payload: WINDOW } : {}) });
  }
}

async function declareAndContain(h: Harness, shutdown: 'SHUT_DOWN_ALL' | 'ISOLATE_ONLY') {
  await h.tick(['detection-source', 'bridge-opened', 'loggist-assigned']);
  await h.step('DECLARE');
  await h.tick(['clinical-impact-considered']);
  await h.step(shutdown);
  await h.tick(['servers-isolated', 'remote-access-cut', 'third-party-accounts-disabled', 'mfa-enforced', 'evidence-preserved'], tech);
  await h.step('CONTAINED', undefined, tech);
}

async function notifyAndSupport(h: Harness, personalData: 'yes' | 'no' | 'unknown') {
  const dpo = { name: 'Dee', role: 'dpo' };
  await h.tick(['estate-mapped', 'exfiltration-checked'], tech);
  await h.step('SCOPE_ASSESSED', { estateAffectedPercent: 2, productsAffected: ['Adastra'], personalDataInvolved: personalData }, tech);
  if (personalData === 'yes') {
    await h.tick(['urgent-harms', 'lists-to-controllers'], dpo);
    await h.step('PEOPLE_SUPPORTED', undefined, dpo);
  } else {
    await h.step('SCOPE_CLOSED', { reason: 'Forensics show no personal data left the network.' }, tech);
  }
  await h.step('NCSC_NOTIFIED', { ncscReference: 'NCSC-1' });
  await h.step('NCA_NOTIFIED', { ncaReference: 'NCA-1' });
  await h.step('POLICE_REPORTED', { crimeReference: 'RF-1' });
  await h.step('CSOC_NOTIFIED', { csocReference: 'CSOC-1' }, { name: 'Kim', role: 'customer-liaison' });
  await h.register(CUSTOMERS, dpo);
  await h.duty('availability-notice', 'all', {}, dpo);
  await h.step('CUSTOMERS_NOTIFIED', undefined, dpo);
  await h.tick(['needs-agreed', 'facts-sent'], dpo);
  await h.step('CONTROLLERS_SUPPORTED', undefined, dpo);
  await h.step('ICO_CONTACTED', { icoReference: 'ICO-1' }, dpo);
  await h.step('NIS_NOT_REPORTABLE', { whyNot: 'a small or micro business', reason: 'Legal advice: fewer than 50 staff and under the turnover threshold.' }, dpo);
  await h.step('NO_DEVOLVED_SERVICES');
  await h.tick(['customers-advised', 'update-schedule', 'safety-officers-warned']);
  await h.step('BACKUP_PROCEDURES_ADVISED');
  await h.tick(['statement-agreed', 'emergency-message']);
  await h.step('PUBLIC_MESSAGE_ISSUED');
  await h.tick(['no-payment-stance', 'sanctions-checked', 'legal-advice', 'insurer-notified']);
  await h.step('RANSOM_POSITION_RECORDED', { decidedBy: 'Chief executive' });
}

async function rebuildAndRestore(h: Harness) {
  await h.tick(['entry-point-closed', 'patched', 'credentials-reset', 'rebuilt'], tech);
  await h.step('REBUILT', undefined, tech);
  await h.tick(['restore-tested'], tech);
  await h.step('BACKUPS_CHECKED', { backupSet: 'offline 31 July', backupsClean: true }, tech);
  await h.step('RESTORED', undefined, tech);
}

describe('the supplier-ransomware playbook', () => {
  it('runs the 2022 path: full shutdown, phased reconnection, 14 days of monitoring, review', async () => {
    const h = harness();
    await h.open();
    await declareAndContain(h, 'SHUT_DOWN_ALL');
    expect(await h.steps()).toEqual([
      'response.technical.eradicate',
      'response.scope.assess',
      'response.notify.csoc.pending',
      'response.notify.ncsc.pending',
      'response.notify.nca.pending',
      'response.notify.police.pending',
      'response.notify.controllers.pending',
      'response.notify.ico.pending',
      'response.notify.nis.assess',
      'response.notify.devolved.pending',
      'response.continuity.advise',
      'response.ransom.position',
    ]);
    await notifyAndSupport(h, 'unknown');
    expect(await h.steps()).toEqual(['response.technical.eradicate']); // everything else is done; only the technical track goes on
    await rebuildAndRestore(h);
    await h.tick(['forensic-report', 'evidence-handed-over', 'safety-case-reviewed']);
    await h.step('ASSURANCE_ACCEPTED');
    await expect(h.step('ALL_RECONNECTED')).rejects.toMatchObject({
      details: ['"Reconnected" is still owed to 3 of the register: NHS 111 North West (Adastra), NHS 111 London (Adastra), NHS 111 London (Odyssey)'],
    });
    await reconnect(h, 'nhs111-nw', 'Adastra');
    await reconnect(h, 'nhs111-ldn', 'Adastra');
    await h.step('SERVICE_RESTORED', { service: 'NHS 111 England' });
    // One product of one customer still on paper: "every customer reconnected" is refused, by name.
    await expect(h.step('ALL_RECONNECTED')).rejects.toMatchObject({ problem: { code: 'blocked', blockers: [{ kind: 'organisations', duty: 'reconnected', owed: 1, names: ['NHS 111 London (Odyssey)'] }] } });
    await reconnect(h, 'nhs111-ldn', 'Odyssey');
    await h.step('ALL_RECONNECTED');
    h.later(14 * 24 + 1);
    // Reading never writes: status shows the timer that fell due, and the next entry records it, dated when it fell due.
    const afterMonitoring = await h.irp.status(h.id());
    expect(afterMonitoring.recorded).toEqual([]);
    expect(afterMonitoring.view.dueTimers.map((t) => [t.label, t.enters])).toEqual([['14 days of monitoring without re-infection', ['Post-incident review']]]);
    expect(afterMonitoring.view.steps.map((s) => s.path)).toEqual(['review']);
    const ticked = await h.tick(['review-held', 'actions-owned']);
    expect(ticked.recorded.map((e) => e.kind)).toEqual(['timer.fired', 'checklist.ticked']);
    const closed = await h.step('CLOSE');
    expect(closed.view.finished).toBe(true);
    expect(closed.view.facts).toMatchObject({ estateAffectedPercent: 2, icoReference: 'ICO-1', service: 'NHS 111 England' });
    const log = await h.irp.log(h.id());
    expect(findChainProblem(log)).toBeUndefined();
    expect(new Set(log.map((e) => e.actor.role))).toEqual(
      new Set(['incident-commander', 'technical-lead', 'customer-liaison', 'dpo', 'system']),
    );
  });

  it('takes the isolate-only path with no personal data, and contains again after a re-infection', async () => {
    const h = harness();
    await h.open();
    await declareAndContain(h, 'ISOLATE_ONLY');
    await notifyAndSupport(h, 'no');
    await rebuildAndRestore(h);
    await h.tick(['forensic-report', 'evidence-handed-over', 'safety-case-reviewed']);
    await h.step('ASSURANCE_ACCEPTED');
    await h.step('REINFECTION_DETECTED');
    expect(await h.steps()).toEqual(['response.technical.contain.isolate']);
    const again = await h.irp.status(h.id());
    expect(again.view.steps[0]?.checklist.every((item) => !item.ticked)).toBe(true);
  });

  it('can record the CSOC, NCSC and police reports and the switch to backup procedures in the first hour, while containment goes on', async () => {
    const h = harness();
    await h.open();
    await h.tick(['detection-source', 'bridge-opened', 'loggist-assigned']);
    await h.step('DECLARE');
    await h.step('CSOC_NOTIFIED', { csocReference: 'CSOC-1' }, { name: 'Kim', role: 'customer-liaison' });
    await h.step('NCSC_NOTIFIED', { ncscReference: 'NCSC-1' });
    await h.step('POLICE_REPORTED', { crimeReference: 'RF-1' });
    await h.tick(['customers-advised', 'update-schedule', 'safety-officers-warned'], { name: 'Kim', role: 'customer-liaison' });
    await h.step('BACKUP_PROCEDURES_ADVISED', undefined, { name: 'Kim', role: 'customer-liaison' });
    const { view, clocks } = await h.irp.status(h.id());
    expect(view.steps.map((s) => s.path)).toContain('response.technical.contain.shutdown');
    expect(clocks.filter((c) => c.status === 'met').map((c) => c.clock.id)).toEqual(['nhse-csoc', 'ncsc', 'report-fraud']);
    // A processor's duties: each controller (Art. 33(2)) and, until decided otherwise, NIS reg. 12; not the ICO's 72 hours.
    expect(clocks.map((c) => c.clock.id)).not.toContain('ico-art33');
  });

  it('goes to the people whose data was taken when exfiltration is confirmed after the scope', async () => {
    const h = harness();
    await h.open();
    await declareAndContain(h, 'SHUT_DOWN_ALL');
    await h.tick(['estate-mapped', 'exfiltration-checked'], tech);
    await h.step('SCOPE_ASSESSED', { estateAffectedPercent: 2, productsAffected: ['Adastra'], personalDataInvolved: 'unknown' }, tech);
    expect(await h.steps()).toContain('response.scope.watch');
    await h.step('EXFILTRATION_CONFIRMED', { peopleAffected: 79404 }, tech);
    expect(await h.steps()).toContain('response.scope.people');
    await expect(h.step('PEOPLE_SUPPORTED', undefined, { name: 'Dee', role: 'dpo' })).rejects.toMatchObject({ problem: { code: 'blocked' } });
  });

  it('refuses to restore before a backup set is verified clean', async () => {
    const h = harness();
    await h.open();
    await declareAndContain(h, 'SHUT_DOWN_ALL');
    await notifyAndSupport(h, 'yes');
    await h.tick(['entry-point-closed', 'patched', 'credentials-reset', 'rebuilt'], tech);
    await h.step('REBUILT', undefined, tech);
    await h.tick(['restore-tested'], tech);
    await expect(h.step('RESTORED')).rejects.toMatchObject({ problem: { code: 'blocked', event: 'RESTORED' } });
    await h.step('BACKUPS_CHECKED', { backupSet: 'nightly', backupsClean: false }, tech);
    await expect(h.step('RESTORED')).rejects.toMatchObject({ problem: { code: 'blocked', event: 'RESTORED' } });
    await h.step('BACKUPS_CHECKED', { backupSet: 'offline', backupsClean: true }, tech);
    await h.step('RESTORED');
    expect(await h.steps()).toEqual(['response.technical.assurance']);
  });

  it('stands down a false alarm straight to review', async () => {
    const h = harness();
    await h.open();
    await h.tick(['detection-source', 'bridge-opened', 'loggist-assigned']);
    await h.step('STAND_DOWN');
    await h.tick(['review-held', 'actions-owned']);
    expect((await h.step('CLOSE')).view.finished).toBe(true);
  });

  it('reconnects each product of each customer only after its restore point, the offer, its Board and its clinical safety officer', async () => {
    const h = harness();
    await h.open();
    await declareAndContain(h, 'SHUT_DOWN_ALL');
    await notifyAndSupport(h, 'unknown');
    await rebuildAndRestore(h);
    await h.tick(['forensic-report', 'evidence-handed-over', 'safety-case-reviewed']);
    await h.step('ASSURANCE_ACCEPTED');
    await expect(h.duty('reconnected', ['nhs111-nw'])).rejects.toMatchObject({
      problem: { code: 'duty-waiting', waitingFor: ['Its Board approved reconnection', 'Its clinical safety officer signed off'] },
    });
    await expect(h.duty('reconnection-offered', ['nhs111-nw'])).rejects.toMatchObject({ problem: { code: 'duty-waiting', waitingFor: ['Told its restore point and data-loss window'] } });
    // The restore point is a time, and the data-loss window is told with it.
    await expect(h.duty('restore-point', ['nhs111-nw'], { payload: { restorePoint: 'last Sunday', outageAt: WINDOW.outageAt } })).rejects.toMatchObject({ problem: { code: 'invalid-duty-data' } });
    // A customer with two products names the one.
    await expect(h.duty('restore-point', ['nhs111-ldn'], { payload: WINDOW })).rejects.toMatchObject({ problem: { code: 'product-needed', products: ['Adastra', 'Odyssey'] } });
    await expect(h.duty('restore-point', ['nhs111-ldn'], { product: 'Carenotes', payload: WINDOW })).rejects.toMatchObject({ problem: { code: 'unknown-product' } });
    await expect(h.duty('restore-point', ['trust-z'], { payload: WINDOW })).rejects.toMatchObject({ problem: { code: 'unknown-organisation' } });
    await reconnect(h, 'nhs111-nw', 'Adastra');
    await expect(h.duty('reconnected', ['nhs111-nw'])).rejects.toMatchObject({ problem: { code: 'duty-done', organisation: 'NHS 111 North West' } });
    const { register } = await h.irp.register(h.id());
    expect(register.duties.find((d) => d.duty === 'reconnected')).toMatchObject({ owed: 3, done: 1 });
    expect(register.byProduct.find((g) => g.key === 'Odyssey')?.duties.find((d) => d.duty === 'reconnected')).toMatchObject({ owed: 1, done: 0 });
  });

  it('tells every devolved administration whose nation it serves, and will not say it serves none outside England when it does', async () => {
    const h = harness();
    await h.open();
    await h.tick(['detection-source', 'bridge-opened', 'loggist-assigned']);
    await h.step('DECLARE');
    await h.register([
      ...CUSTOMERS,
      { id: 'nhs111-wales', name: '111 Wales', nation: 'Wales', kinds: ['controller', 'nhs-body'], products: ['Adastra'] },
      { id: 'ooh-ni', name: 'Out-of-hours NI', nation: 'Northern Ireland', kinds: ['controller', 'nhs-body'], products: ['Adastra'] },
    ]);
    await expect(h.step('NO_DEVOLVED_SERVICES')).rejects.toMatchObject({ problem: { code: 'nations-served', untold: ['Northern Ireland', 'Wales'], none: true } });
    await expect(h.step('DEVOLVED_NOTIFIED', { nationsNotified: ['Scotland', 'Wales'] })).rejects.toMatchObject({ problem: { code: 'nations-served', event: 'DEVOLVED_NOTIFIED', untold: ['Northern Ireland'], none: false } });
    await h.step('DEVOLVED_NOTIFIED', { nationsNotified: ['Wales', 'Northern Ireland'] });
    const log = await h.irp.log(h.id());
    expect(log.at(-1)).toMatchObject({ kind: 'decision', data: { event: 'DEVOLVED_NOTIFIED', payload: { nationsNotified: ['Wales', 'Northern Ireland'] } } });
  });
});
