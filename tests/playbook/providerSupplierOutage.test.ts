import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { ManualClock } from '../../src/time/clock.ts';
import { formatLondon } from '../../src/time/london.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const AWARE = new Date('2022-08-04T06:00:00Z');
const HOUR = 3_600_000;
const ic = { name: 'Priya Shah', role: 'incident-commander' };
const dpo = { name: 'Dee', role: 'dpo' };

async function open() {
  const clock = new ManualClock(new Date(AWARE.getTime() + HOUR));
  const irp = new Irp({ store: new MemoryIncidentStore(), catalog: new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache')), clock });
  const { view, clocks } = await irp.start({ playbook: 'provider-supplier-outage', title: 'Adastra unavailable', awareAt: AWARE, actor: ic });
  const id = view.id;
  const step = (event: string, payload?: Record<string, unknown>, actor = ic, lateReasons?: string) => irp.step(id, { event, payload, rationale: 'As the playbook advises, on what was known', lateReasons }, { actor });
  const tick = (items: string[], actor = ic) => irp.check(id, items, { actor });
  return { irp, id, clock, clocks, step, tick };
}

type Step = Awaited<ReturnType<typeof open>>['step'];
type Tick = Awaited<ReturnType<typeof open>>['tick'];
const cso = { name: 'Dr Ng', role: 'clinical-safety-officer' };

/** The data-loss window, walked: restore point, its measure, two sources, the clinical review, the re-assessment. */
export async function walkTheWindow(step: Step, tick: Tick): Promise<void> {
  await step('RESTORE_POINT_RECEIVED', { restorePoint: '2022-07-31T06:00:00Z', outageAt: '2022-08-04T06:00:00Z' }, { name: 'Lee', role: 'supplier-liaison' });
  await expect(step('WINDOW_MEASURED', { windowStart: 'Sunday', windowEnd: '2022-08-04T06:00:00Z', recordsInWindow: 412, patientsInWindow: 380 }, cso)).rejects.toMatchObject({
    problem: { code: 'invalid-payload' },
  });
  await step('WINDOW_MEASURED', { windowStart: '2022-07-31T06:00:00Z', windowEnd: '2022-08-04T06:00:00Z', recordsInWindow: 412, patientsInWindow: 380 }, cso);
  await tick(['call-recordings', 'ambulance-dispatch'], cso);
  await step('SOURCE_USED', { source: 'call recordings', recordsRecovered: 301 }, cso);
  await step('SOURCE_USED', { source: 'ambulance dispatch', recordsRecovered: 64 }, cso);
  await step('RECONSTRUCTED', undefined, cso);
  await step('PATIENTS_TRIAGED', { patientsReviewed: 380, patientsNeedingFollowUp: 23 }, cso);
  await step('WINDOW_REASSESSED', { windowReportable: true, reason: 'Records of 47 patients could not be rebuilt from any source.' }, dpo);
}

describe('the provider-supplier-outage playbook', () => {
  it('will not record that the ICO need not be told before the data assessment finds the breach unlikely to risk people', async () => {
    const { step, tick } = await open();
    await tick(['supplier-contacted', 'on-call-informed', 'loggist-assigned']);
    await step('DECLARE');
    const reason = { reason: 'We think no personal data was touched.' };
    await expect(step('ICO_NOT_REQUIRED', reason, dpo)).rejects.toMatchObject({ problem: { code: 'blocked' } });
    await step('DATA_IMPACT_ASSESSED', { personalDataAffected: 'yes', unlikelyToRisk: false, highRiskToPeople: false }, dpo);
    await expect(step('ICO_NOT_REQUIRED', reason, dpo)).rejects.toMatchObject({ problem: { code: 'blocked' } });
  });

  it('records whether the provider is an operator of essential services when it decides no NIS report is due', async () => {
    const { step, tick } = await open();
    await tick(['supplier-contacted', 'on-call-informed', 'loggist-assigned']);
    await step('DECLARE');
    await expect(step('NIS_NOT_REQUIRED', { reason: 'An independent NHS 111 provider, not designated.' }, { name: 'Sam', role: 'siro' })).rejects.toMatchObject({
      problem: { code: 'invalid-payload' },
    });
    const waived = await step('NIS_NOT_REQUIRED', { operatorOfEssentialService: false, reason: 'An independent NHS 111 provider, not designated.' }, { name: 'Sam', role: 'siro' });
    expect(waived.clocks.find((state) => state.clock.id === 'nis-reg11-england')?.status).toBe('waived');
  });

  it('shows the ICO and NIS deadlines at Sunday 7 August 2022 07:00 BST from the start', async () => {
    const { clocks } = await open();
    const due = Object.fromEntries(clocks.flatMap((state) => ('dueAt' in state ? [[state.clock.id, formatLondon(new Date(state.dueAt))]] : [])));
    expect(due['ico-art33']).toBe('Sun 7 Aug 2022 07:00 BST');
    expect(due['nis-reg11-england']).toBe('Sun 7 Aug 2022 07:00 BST');
    expect(clocks.find((state) => state.clock.id === 'people-art34')?.status).toBe('not-started');
  });

  it('runs from declaration to review, gating reconnection on assurance and Board approval', async () => {
    const { irp, id, step, tick } = await open();
    await step('SYSTEMS_AFFECTED', { systemsAffected: ['Adastra'], servicesAffectedPercent: 100 });
    await tick(['supplier-contacted', 'on-call-informed', 'loggist-assigned']);
    await step('DECLARE');
    await tick(['paper-forms', 'staff-briefed', 'caldicott-sharing']);
    await step('BCP_INVOKED');
    await tick(['call-999-message', 'ivr-updated'], { name: 'Cal', role: 'comms-lead' });
    await step('PATIENT_MESSAGING_LIVE');
    await tick(['hazard-log-updated', 'controls-agreed', 'lfpse-recording'], { name: 'Dr Ng', role: 'clinical-safety-officer' });
    await step('CLINICAL_RISK_REVIEWED', { hazardsLogged: 6, residualRisk: 'tolerable' }, { name: 'Dr Ng', role: 'clinical-safety-officer' });
    await step('DATA_IMPACT_ASSESSED', { personalDataAffected: 'unknown', unlikelyToRisk: false, highRiskToPeople: false }, dpo);
    const told = await step('PEOPLE_TOLD', { peopleTold: 0 }, dpo);
    expect(told.clocks.find((state) => state.clock.id === 'people-art34')?.status).toBe('not-started'); // no high risk recorded: Art. 34 owes nothing
    expect(told.view.facts).toMatchObject({ peopleTold: 0 });
    // NHS command: the ICB on-call first, then the region, then the type, level and sitrep rhythm.
    await expect(step('EPRR_NOTIFIED', { eprrReference: 'EPRR-1' })).rejects.toMatchObject({ problem: { code: 'not-offered' } });
    await step('ICB_NOTIFIED', { icbReference: 'ICB-1' });
    await step('EPRR_NOTIFIED', { eprrReference: 'EPRR-1' });
    await step('INCIDENT_CLASSIFIED', { incidentType: 'critical', nhseLevel: 3, sitrepEveryHours: 4 });
    await step('SIRO_INFORMED', { siro: 'Director of Finance' }, dpo);
    await tick(['supplier-links-cut', 'supplier-accounts-disabled', 'ioc-sweep'], { name: 'Tom', role: 'technical-lead' });
    await step('NETWORK_PROTECTED', undefined, { name: 'Tom', role: 'technical-lead' });
    await step('CSOC_NOTIFIED', { csocReference: 'CSOC-1' }, { name: 'Tom', role: 'technical-lead' });
    await step('DSPT_REPORTED', { dsptReference: 'DSPT-1' }, dpo);
    await step('ICO_NOTIFIED', { icoReference: 'ICO-1' }, dpo);
    await step('NIS_REPORTED', { nisReference: 'NIS-1' }, { name: 'Sam', role: 'siro' });
    await step('NIS_FULL_REPORT', { fullReportReference: 'NIS-1-FULL' }, { name: 'Sam', role: 'siro' });
    const impact = await step('NIS_SUPPLIER_IMPACT_REPORTED', { impactReference: 'NIS-12-9-1' }, { name: 'Sam', role: 'siro' });
    expect(impact.clocks.find((state) => state.clock.id === 'nis-reg12-9-england')).toMatchObject({ status: 'met', reference: 'NIS-12-9-1' });
    // A CQC-registered independent NHS 111 provider notifies the CQC (reg. 18): the outage threatens the service.
    const cqc = await step('CQC_NOTIFIED', { cqcReference: 'CQC-NOT-1' });
    expect(cqc.clocks.find((state) => state.clock.id === 'cqc-reg18')).toMatchObject({ status: 'met', reference: 'CQC-NOT-1' });
    await tick(['gps-told', 'partners-told']);
    const window = await step('GPS_TOLD');
    // Reconnection waits for the data-loss window: the records between the restore point and the outage, rebuilt
    // from other sources, their patients reviewed, and the breach assessed again for them.
    expect(window.view.steps.map((s) => s.path)).toEqual(['respond.dataLoss.restorePoint']);
    await walkTheWindow(step, tick);
    const reconnect = await irp.status(id);
    expect(reconnect.view.steps.map((s) => s.path)).toEqual(['reconnect.gate']);
    expect(reconnect.view.facts).toMatchObject({ recordsInWindow: 412, patientsInWindow: 380, patientsNeedingFollowUp: 23, windowReportable: true });
    await tick(['technical-checks']);
    await expect(step('RECONNECTED')).rejects.toMatchObject({
      details: ["the supplier's assurance, the clinical safety officer's sign-off and the Board's approval must all be recorded"],
    });
    await step('SUPPLIER_ASSURANCE_RECEIVED', { assuranceReference: 'NHSE/NCSC letter 19 Aug' });
    await step('BOARD_APPROVED', { boardMeeting: 'Extraordinary Board, 22 Aug' });
    await expect(step('RECONNECTED')).rejects.toMatchObject({ problem: { code: 'blocked', event: 'RECONNECTED' } }); // the clinical safety officer has not signed off
    await step('CSO_SIGNED_OFF', { cso: 'Dr Ng' }, { name: 'Dr Ng', role: 'clinical-safety-officer' });
    await step('RECONNECTED');
    await tick(['back-entry-plan', 'marked-retrospective', 'messages-resent', 'three-identifiers', 'duplicates-checked']);
    await step('BACK_ENTRY_COMPLETE', { recordsBackEntered: 1840 });
    await tick(['review-held', 'bcp-updated', 'hazard-log-closed']);
    // Harm during the outage has its learning response decided under PSIRF before the incident is closed.
    await expect(step('CLOSE')).rejects.toMatchObject({ problem: { code: 'blocked', blockers: [{ kind: 'guard', explanation: 'the PSIRF learning response for harm during the outage must be decided first' }] } });
    await step('PSIRF_RESPONSE_DECIDED', { learningResponse: 'after-action review', eventsConsidered: 23 }, { name: 'Dr Ng', role: 'clinical-safety-officer' });
    const closed = await step('CLOSE');
    expect(closed.view.finished).toBe(true);
    expect(closed.clocks.map((state) => [state.clock.id, state.status])).toEqual([
      ['ico-art33', 'met'],
      ['nis-reg11-england', 'met'],
      ['nis-reg12-9-england', 'met'],
      ['nhse-csoc', 'met'],
      ['siro-dspt', 'met'],
      ['cqc-reg18', 'met'],
      ['people-art34', 'not-started'],
    ]);
    expect((await irp.verify(id)).intact).toBe(true);
  });

  it('requires the reasons for a late ICO report, and records them with it', async () => {
    const { step, tick, clock } = await open();
    await tick(['supplier-contacted', 'on-call-informed', 'loggist-assigned']);
    await step('DECLARE');
    clock.advance(80 * HOUR);
    await expect(step('ICO_NOTIFIED', { icoReference: 'ICO-9' }, dpo)).rejects.toMatchObject({
      problem: { code: 'late-without-reason', event: 'ICO_NOTIFIED', clock: 'ico-art33', law: 'UK GDPR Art. 33(1)', dueAt: '2022-08-07T06:00:00.000Z' },
    });
    const late = await step('ICO_NOTIFIED', { icoReference: 'ICO-9' }, dpo, 'The supplier confirmed data loss only on 9 August');
    expect(late.clocks.find((state) => state.clock.id === 'ico-art33')).toMatchObject({
      status: 'met-late',
      reference: 'ICO-9',
      reason: 'The supplier confirmed data loss only on 9 August',
    });
  });

  it('starts the Art. 34 clock when the risk to people is recorded as high, and will not let it be skipped', async () => {
    const { step, tick } = await open();
    await tick(['supplier-contacted', 'on-call-informed', 'loggist-assigned']);
    await step('DECLARE');
    const assessed = await step('DATA_IMPACT_ASSESSED', { personalDataAffected: 'yes', peopleAffected: 890, unlikelyToRisk: false, highRiskToPeople: true }, dpo);
    expect(assessed.clocks.find((state) => state.clock.id === 'people-art34')).toMatchObject({ status: 'running' });
    await expect(step('PEOPLE_NOT_TOLD', undefined, dpo)).rejects.toMatchObject({ problem: { code: 'blocked', event: 'PEOPLE_NOT_TOLD' } });
  });

  it('records why the CQC is not notified by a provider that is not registered, and will not take a bare word for it', async () => {
    const { step, tick } = await open();
    await tick(['supplier-contacted', 'on-call-informed', 'loggist-assigned']);
    await step('DECLARE');
    await expect(step('CQC_NOT_REQUIRED', { reason: 'no' })).rejects.toMatchObject({ problem: { code: 'invalid-payload' } });
    const waived = await step('CQC_NOT_REQUIRED', { reason: 'An NHS trust: reported to NHS England, exempt under reg. 18' });
    expect(waived.clocks.find((state) => state.clock.id === 'cqc-reg18')).toMatchObject({ status: 'waived' });
  });

  it('lets a trust assessed against the CAF-aligned DSPT record that the 12 hours do not apply, and still names the SIRO told', async () => {
    const { step, tick } = await open();
    await tick(['supplier-contacted', 'on-call-informed', 'loggist-assigned']);
    await step('DECLARE');
    await expect(step('SIRO_CLOCK_NOT_APPLICABLE', { reason: 'CAF-aligned DSPT' })).rejects.toMatchObject({ problem: { code: 'invalid-payload' } });
    const waived = await step('SIRO_CLOCK_NOT_APPLICABLE', { siro: 'Chief Digital Officer', reason: 'An NHS trust assessed against the CAF-aligned DSPT since 2024' }, dpo);
    expect(waived.clocks.find((state) => state.clock.id === 'siro-dspt')).toMatchObject({ status: 'waived' });
    expect(waived.view.facts.siro).toBe('Chief Digital Officer');
  });
});
