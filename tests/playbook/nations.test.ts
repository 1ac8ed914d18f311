// Issue 23: the nation, the guidance and the law chosen when an incident is opened, and everything that follows from
// them: authorities, routes, clocks and what reports say of the clocks not run.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { clockAsOf, clockSpecSchema } from '../../src/clocks/clockSpec.ts';
import { buildDraft } from '../../src/notify/buildDraft.ts';
import { draftMarkdown } from '../../src/render/renderDraft.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { commissionerNamed, UK_CLOCKS } from '../../playbooks/_uk-clocks.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

const AWARE = new Date('2026-11-30T08:00:00Z');
const ic = { name: 'Morag Reid', role: 'incident-commander' };
const siro = { name: 'Sam', role: 'siro' };

async function opened(playbook: string, settings: Record<string, string> = {}) {
  const dir = tempDir();
  const clock = new ManualClock(new Date(AWARE.getTime() + 3_600_000));
  const irp = new Irp({ store: new FileIncidentStore(join(dir, 'state')), catalog: new PlaybookCatalog(playbooksDir, join(dir, 'cache')), clock });
  const report = await irp.start({ playbook, title: 'Clinical system down', awareAt: AWARE, actor: ic, settings });
  const step = (event: string, payload?: Record<string, unknown>, actor = ic) => irp.step(report.view.id, { event, payload, rationale: 'As the playbook advises' }, { actor });
  const declare = async () => {
    await irp.check(report.view.id, ['supplier-contacted', 'on-call-informed', 'loggist-assigned'], { actor: ic });
    return step('DECLARE');
  };
  return { irp, report, id: report.view.id, step, declare, clockIds: report.clocks.map((state) => state.clock.id) };
}

const stepText = (report: Awaited<ReturnType<typeof opened>>['report'], path: string) => {
  const step = report.playbook.steps.get(path);
  return `${step?.title} ${step?.instructions}`;
};

describe('a provider in each nation', () => {
  it('in Scotland: the SHCA for NIS, the nation\'s own routes, no CSOC, CQC or SIRO clock, and the reports say why', async () => {
    const { irp, id, report, clockIds, step, declare } = await opened('provider-supplier-outage', { nation: 'scotland' });
    expect(clockIds).toEqual(['ico-art33', 'nis-reg11-scotland', 'nis-reg12-9-scotland', 'people-art34']);
    expect(report.clocks.find((state) => state.clock.id === 'nis-reg11-scotland')?.clock.recipient).toContain('Scottish Health Competent Authority');
    expect(stepText(report, 'respond.notify.nis.pending')).toContain('the Scottish Health Competent Authority, for Scottish Ministers');
    expect(stepText(report, 'respond.notify.csoc.pending')).toContain('Cyber Security Centre of Excellence');
    expect(stepText(report, 'respond.notify.csoc.pending')).not.toContain('NHS England');
    expect(stepText(report, 'respond.notify.cqc.pending')).toContain('Healthcare Improvement Scotland');
    expect(stepText(report, 'respond.notify.command.icb')).toContain("health board's executive on-call");
    expect(stepText(report, 'respond.notify.ico.pending')).toContain("Scottish Government's information governance team");
    // No step text keeps a word unfilled.
    for (const [, s] of report.playbook.steps) expect(`${s.title} ${s.instructions}`).not.toMatch(/\{[a-zA-Z]+\}/);
    // The opening records the choices, and every later reading of the record applies them.
    const log = await irp.log(id);
    expect(log[0]).toMatchObject({ kind: 'incident.opened', data: { settings: { nation: 'scotland', dspt: 'ndg-standards', law: 'in-force' } } });
    await declare();
    const status = await irp.status(id);
    expect(status.clocks.map((state) => state.clock.id)).toEqual(clockIds);
    expect(Object.keys(status.playbook.clocksNotRun)).toEqual(
      expect.arrayContaining([expect.stringContaining('Cyber Security Operations Centre'), expect.stringContaining('Care Quality Commission'), expect.stringContaining('SIRO')]),
    );
    // NHS England's levels are not Scotland's: the level is the one the board's own plan declared.
    await step('ICB_NOTIFIED', { icbReference: 'NHSGGC-ON-CALL-1' });
    await step('EPRR_NOTIFIED', { eprrReference: 'SG-RES-1' });
    const classified = await step('INCIDENT_CLASSIFIED', { incidentType: 'critical', planLevel: 'Major incident (board plan)', sitrepEveryHours: 4 });
    expect(classified.view.facts).toMatchObject({ incidentType: 'critical', planLevel: 'Major incident (board plan)' });
    expect(classified.view.facts).not.toHaveProperty('nhseLevel');
    // The NIS draft goes to the SHCA and says when the outage began (the supplier's restore point notice), in London time.
    const restore = await step('RESTORE_POINT_RECEIVED', { restorePoint: '2026-11-29T20:00:00Z', outageAt: '2026-11-30T06:10:00Z' }, { name: 'Lee', role: 'supplier-liaison' });
    const nis = restore.clocks.find((state) => state.clock.id === 'nis-reg11-scotland');
    const draft = draftMarkdown(buildDraft(restore.playbook, restore.view, nis as NonNullable<typeof nis>));
    expect(draft).toContain('# Notification to Scottish Ministers, through the Scottish Health Competent Authority');
    expect(draft).toContain('## When it occurred\n\nMon 30 Nov 2026 06:10 GMT');
    // The NIS reg. 12(9) report stops the Scottish clock.
    const reported = await step('NIS_SUPPLIER_IMPACT_REPORTED', { impactReference: 'SHCA-12-9-1' }, siro);
    expect(reported.clocks.find((state) => state.clock.id === 'nis-reg12-9-scotland')).toMatchObject({ status: 'met', reference: 'SHCA-12-9-1' });
  });

  it('in Wales: the Welsh Ministers for NIS, in the clock and in the step', async () => {
    const { report, clockIds } = await opened('provider-supplier-outage', { nation: 'wales' });
    expect(clockIds).toContain('nis-reg11-wales');
    expect(clockIds).not.toContain('nis-reg11-england');
    expect(report.clocks.find((state) => state.clock.id === 'nis-reg11-wales')?.clock.recipient).toMatch(/^Welsh Ministers/);
    expect(stepText(report, 'respond.notify.nis.pending')).toContain('notify the Welsh Ministers (the competent authority for health in Wales) within 72 hours');
    expect(stepText(report, 'respond.notify.cqc.pending')).toContain('Healthcare Inspectorate Wales');
    expect(stepText(report, 'respond.notify.command.classify')).toContain("NHS England's levels 1 to 4 do not apply in Wales");
  });

  it('in Northern Ireland: the Department of Finance, and its warning about email', async () => {
    const { report } = await opened('provider-supplier-outage', { nation: 'northern-ireland' });
    expect(stepText(report, 'respond.notify.nisSupplier.pending')).toContain('nis.incident@finance-ni.gov.uk; send no sensitive information by email');
  });

  it('a CQC-registered independent provider in England: the CQC, the CSOC and the SIRO\'s 12 hours all run', async () => {
    const { clockIds, step, declare } = await opened('provider-supplier-outage', { nation: 'england', dspt: 'ndg-standards' });
    expect(clockIds).toEqual(expect.arrayContaining(['nhse-csoc', 'siro-dspt', 'cqc-reg18', 'nis-reg11-england', 'nis-reg12-9-england']));
    await declare();
    const told = await step('CQC_NOTIFIED', { cqcReference: 'CQC-1' });
    expect(told.clocks.find((state) => state.clock.id === 'cqc-reg18')).toMatchObject({ status: 'met', reference: 'CQC-1' });
    // Not an operator of essential services: the reg. 12(9) waiver names which answer it rests on.
    await expect(step('NIS_SUPPLIER_IMPACT_NOT_REPORTABLE', { reason: 'We are an independent NHS 111 provider' }, siro)).rejects.toMatchObject({ problem: { code: 'invalid-payload' } });
    const waived = await step('NIS_SUPPLIER_IMPACT_NOT_REPORTABLE', { whyNot: 'not an operator of essential services', reason: 'An independent NHS 111 provider, not designated' }, siro);
    expect(waived.clocks.find((state) => state.clock.id === 'nis-reg12-9-england')?.status).toBe('waived');
  });

  it('a trust on the CAF-aligned DSPT: no 12-hour SIRO clock, and the report says why', async () => {
    const { clockIds, report } = await opened('provider-supplier-outage', { dspt: 'caf-aligned' });
    expect(clockIds).not.toContain('siro-dspt');
    expect(clockIds).toContain('nhse-csoc');
    expect(Object.entries(report.playbook.clocksNotRun).find(([name]) => name.includes('SIRO'))?.[1]).toContain('CAF-aligned DSPT');
  });

  it('a record opened before the settings existed reads as the defaults: England, the NDG standards, the law in force', async () => {
    const catalog = new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache'));
    const playbook = await catalog.load('provider-supplier-outage');
    const { playbookIn } = await import('../../src/playbook/playbookIn.ts');
    const legacy = playbookIn(playbook, { awareAt: AWARE });
    expect(legacy.clocks.map((clock) => clock.id)).toEqual(['ico-art33', 'nis-reg11-england', 'nis-reg12-9-england', 'nhse-csoc', 'siro-dspt', 'cqc-reg18', 'people-art34']);
    expect(legacy).toBe(playbookIn(playbook, { awareAt: AWARE, settings: { nation: 'england' } })); // one form, kept once
    // A recorded choice the playbook does not offer (a later version dropped it) reads as the default: no step is left
    // with an unfilled word, and no clock is lost.
    const unknown = playbookIn(playbook, { awareAt: AWARE, settings: { nation: 'atlantis', colour: 'red' } });
    expect(unknown).toBe(legacy);
    for (const [, s] of unknown.steps) expect(`${s.title} ${s.instructions}`).not.toMatch(/\{[a-zA-Z]+\}/);
  });
});

describe('the pathology playbook', () => {
  it('keeps whether the risk to people is high: "no need to tell them" is refused after a high-risk assessment', async () => {
    const dpo = { name: 'Dee', role: 'dpo' };
    for (const high of [true, false]) {
      const { step, declare } = await opened('pathology-supplier-outage');
      await declare();
      await step('DATA_IMPACT_ASSESSED', { personalDataAffected: 'yes', highRiskToPeople: high }, dpo);
      const notTold = step('PEOPLE_NOT_TOLD', undefined, dpo);
      if (high) await expect(notTold).rejects.toMatchObject({ problem: { code: 'blocked', event: 'PEOPLE_NOT_TOLD' } });
      else expect((await notTold).view.events.at(-1)).toMatchObject({ kind: 'decision', data: { event: 'PEOPLE_NOT_TOLD' } });
    }
  });
});

describe('action cards printed before they are needed', () => {
  it('are for the nation chosen: its authorities and its clocks alone', async () => {
    const env = { IRP_STATE_DIR: tempDir() };
    const wales = await runIrp(['print', 'provider-supplier-outage', '--set', 'nation=wales'], env);
    expect(wales.code).toBe(0);
    expect(wales.stdout).toContain('NIS incident report (Wales)');
    expect(wales.stdout).not.toContain('NIS incident report (England)');
    expect(wales.stdout).toContain('the Welsh Ministers (the competent authority for health in Wales)');
    const england = await runIrp(['print', 'provider-supplier-outage'], env);
    expect(england.stdout).toContain('NIS incident report (England)');
    expect(england.stdout).not.toContain('NIS incident report (Wales)');
  });
});

describe('the Cyber Security and Resilience Bill, as an option', () => {
  it('off: none of its clocks; on: 24 hours and 72 hours, marked not in force, stopped by the notification and the full report', async () => {
    const off = await opened('provider-supplier-outage');
    expect(off.clockIds.filter((id) => id.startsWith('bill-'))).toEqual([]);
    const on = await opened('provider-supplier-outage', { law: 'bill' });
    const bill = on.report.clocks.filter((state) => state.clock.id.startsWith('bill-'));
    expect(bill.map((state) => [state.clock.id, state.clock.label, state.clock.statutory])).toEqual([
      ['bill-initial-oes', 'Initial NIS notification (Bill, not in force)', false],
      ['bill-full-oes', 'Full NIS incident report (Bill, not in force)', false],
    ]);
    await on.declare();
    const first = await on.step('NIS_REPORTED', { nisReference: 'NIS-1' }, siro);
    expect(first.clocks.find((state) => state.clock.id === 'bill-initial-oes')).toMatchObject({ status: 'met' });
    expect(first.clocks.find((state) => state.clock.id === 'nis-reg11-england')).toMatchObject({ status: 'met' });
    expect(first.clocks.find((state) => state.clock.id === 'bill-full-oes')?.status).toBe('running');
    const full = await on.step('NIS_FULL_REPORT', { fullReportReference: 'NIS-1-F' }, siro);
    expect(full.clocks.find((state) => state.clock.id === 'bill-full-oes')).toMatchObject({ status: 'met', reference: 'NIS-1-F' });
  });

  it('on for a supplier: its customers told under the Bill too; a site turns it on for every incident with IRP_SET', async () => {
    const state = tempDir();
    const started = await runIrpJson<{ clocks: Array<{ id: string }> }>(['start', 'supplier-ransomware', '--title', 'Ransomware', '--json'], { IRP_STATE_DIR: state, IRP_SET: 'law=bill' });
    expect(started.clocks.map((clock) => clock.id)).toEqual(expect.arrayContaining(['bill-initial-rdsp', 'bill-full-rdsp', 'bill-customers']));
  });
});

describe('settings that are not the playbook\'s', () => {
  it('are refused, every one named, exit 2, and nothing is written', async () => {
    const state = tempDir();
    const result = await runIrp(['start', 'provider-supplier-outage', '--title', 'X', '--set', 'nation=mars', '--set', 'colour=red'], { IRP_STATE_DIR: state });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"mars" is not a choice of nation (england, scotland, wales, northern-ireland)');
    expect(result.stderr).toContain('"colour" is not one of its settings (nation, dspt, law)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(state).filter((name) => name.startsWith('inc-'))).toEqual([]);
    const malformed = await runIrp(['start', 'provider-supplier-outage', '--title', 'X', '--set', 'scotland'], { IRP_STATE_DIR: state });
    expect([malformed.code, malformed.stderr.trim()]).toEqual([2, 'irp: --set "scotland" is not setting=choice, such as nation=scotland.']);
  });
});

describe('the regulator named by date', () => {
  it('names the Information Commission from the day a site sets, and the ICO before it', () => {
    const renamed = clockSpecSchema.parse({ ...commissionerNamed(UK_CLOCKS['ico-art33'], '2027-06-01'), stops: { event: 'ICO_NOTIFIED' } });
    expect(clockAsOf(renamed, new Date('2027-06-02T09:00:00Z')).recipient).toMatch(/^Information Commission \(/);
    expect(clockAsOf(renamed, new Date('2027-05-31T09:00:00Z')).recipient).toMatch(/^Information Commissioner's Office/);
    // Unset, as shipped (no commencement date found): the ICO throughout.
    expect(commissionerNamed(UK_CLOCKS['ico-art33'])).toBe(UK_CLOCKS['ico-art33']);
  });
});
