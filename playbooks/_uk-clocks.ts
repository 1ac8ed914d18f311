// The catalogue of UK notification clocks that playbooks pick from.
//
// This file is data: an organisation adjusts it here (an internal target, a "due soon" warning, a recipient's
// name) without touching irp's engine. Each entry says what law or rule sets the clock, whom it is owed to, what
// starts it and how long it runs. A playbook binds an entry to its own decisions with `clock(id, { stops })`.
//
// Statutory limits are in real hours from the start: 72 hours is 72 hours even across a BST/GMT change.
// "Without undue delay" has no fixed limit in law; the hours given for it are internal targets.
//
// What starts each clock matters as much as its length. UK GDPR Art. 33 runs from awareness of a *personal data
// breach* (reasonable certainty that personal data was compromised; EDPB Guidelines 9/2022 on personal data breach
// notification, paras 33–37), which can come weeks after the incident; NIS reg. 11 and 12 run from awareness of an
// incident that meets the regulation's test (significant, or substantial, impact). Those clocks start from a named
// moment of awareness recorded in the incident (`irp aware`); until it is recorded they run from the incident's
// awareness, the earliest they could have started.
import type { ClockSpec } from 'irp/playbook';

type CatalogueEntry = Omit<ClockSpec, 'stops' | 'waivedBy'>;

export const UK_CLOCKS = {
  'ico-art33': {
    id: 'ico-art33',
    label: 'Personal data breach report to the ICO',
    source: { law: 'UK GDPR Art. 33(1)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' },
    recipient: 'Information Commissioner\'s Office (in health and care, through the DSPT incident reporting tool)',
    short: 'ICO (UK GDPR Art. 33)',
    form: 'personal-data-breach',
    starts: { on: 'moment', moment: 'personal-data-breach', label: 'Aware of a personal data breach' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'controllers-art33-2': {
    id: 'controllers-art33-2',
    label: 'Processor tells each controller (customer)',
    source: { law: 'UK GDPR Art. 33(2)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' },
    recipient: 'Each customer, as data controller',
    short: 'Customers (UK GDPR 33(2))',
    form: 'personal-data-breach',
    starts: { on: 'moment', moment: 'personal-data-breach', label: 'Aware of a personal data breach' },
    runs: { withoutUndueDelay: true, targetHours: 24 },
    dueSoonHours: 6,
  },
  'people-art34': {
    id: 'people-art34',
    label: 'Tell the people affected (high risk)',
    source: { law: 'UK GDPR Art. 34', url: 'https://www.legislation.gov.uk/eur/2016/679/article/34' },
    recipient: 'The people whose data was affected',
    short: 'People affected (Art. 34)',
    form: 'people',
    starts: { on: 'fact', fact: 'highRiskToPeople', values: [true] },
    runs: { withoutUndueDelay: true, targetHours: 72 },
    lateNeedsReason: false,
  },
  // Reg. 11 binds operators of essential services only: in health, NHS trusts and foundation trusts, ICBs and some
  // independent providers in England (DHSC, "The NIS Regulations 2018: guide for the health sector in England",
  // 2023, https://www.gov.uk/government/publications/network-and-information-systems-regulations-2018-health-sector-guide);
  // Local Health Boards and NHS trusts in Wales, the health boards named in Schedule 2 para. 8 in Scotland, HSC trusts in
  // Northern Ireland (https://www.legislation.gov.uk/uksi/2018/506/schedule/2/paragraph/8). The competent authorities
  // for health are in Schedule 1 (https://www.legislation.gov.uk/uksi/2018/506/schedule/1).
  'nis-reg11-england': {
    id: 'nis-reg11-england',
    label: 'NIS incident report (England)',
    source: { law: 'NIS Regulations 2018, reg. 11', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/11' },
    recipient: 'Secretary of State for Health and Social Care (DHSC), competent authority for health in England',
    short: 'DHSC (NIS reg. 11)',
    form: 'nis',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'nis-reg11-scotland': {
    id: 'nis-reg11-scotland',
    label: 'NIS incident report (Scotland)',
    source: { law: 'NIS Regulations 2018, reg. 11', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/11' },
    recipient: 'Scottish Ministers, through the Scottish Health Competent Authority (https://www.healthca.scot)',
    short: 'Scottish Ministers (NIS)',
    form: 'nis',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'nis-reg11-northern-ireland': {
    id: 'nis-reg11-northern-ireland',
    label: 'NIS incident report (Northern Ireland)',
    source: { law: 'NIS Regulations 2018, reg. 11', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/11' },
    recipient: 'Department of Finance (Northern Ireland), NIS competent authority for health (https://www.finance-ni.gov.uk/articles/nis-governance-northern-ireland)',
    short: 'NI Dept of Finance (NIS)',
    form: 'nis',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'nis-reg11-wales': {
    id: 'nis-reg11-wales',
    label: 'NIS incident report (Wales)',
    source: { law: 'NIS Regulations 2018, reg. 11', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/11' },
    recipient: 'Welsh Ministers, competent authority for health in Wales',
    short: 'Welsh Ministers (NIS)',
    form: 'nis',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'nis-reg12-dsp': {
    id: 'nis-reg12-dsp',
    label: 'NIS report by a digital service provider',
    source: { law: 'NIS Regulations 2018, reg. 12', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/12' },
    recipient: 'Information Commissioner\'s Office',
    short: 'ICO (NIS reg. 12)',
    form: 'nis',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  // The CSOC asks for cyber incidents affecting health and care in England (its own terms) to be reported to it,
  // 24/7, and sets no deadline:
  // the hour here is an internal target an organisation may change.
  'nhse-csoc': {
    id: 'nhse-csoc',
    label: 'Report to the NHS England Cyber Security Operations Centre (internal target)',
    source: {
      law: 'NHS England: report a cyber incident affecting health or care in England to the CSOC, 24/7 on 0300 303 5222 (no fixed deadline; the hour is an internal target)',
      url: 'https://digital.nhs.uk/cyber-and-data-security/incidents-and-alerts/report-an-incident',
    },
    recipient: 'NHS England CSOC (24/7)',
    short: 'NHS England CSOC',
    form: 'cyber',
    starts: { on: 'awareness' },
    runs: { withoutUndueDelay: true, targetHours: 1 },
    dueSoonHours: 0.5,
    lateNeedsReason: false,
  },
  ncsc: {
    id: 'ncsc',
    label: 'Report to the National Cyber Security Centre',
    source: { law: 'Voluntary: NCSC incident reporting', url: 'https://report.ncsc.gov.uk/' },
    recipient: 'National Cyber Security Centre',
    short: 'NCSC',
    form: 'cyber',
    starts: { on: 'awareness' },
    runs: { withoutUndueDelay: true, targetHours: 24 },
    lateNeedsReason: false,
  },
  // Report Fraud replaced Action Fraud on 4 December 2025 (City of London Police; England, Wales and Northern
  // Ireland, same number); in Scotland, Police Scotland on 101. It is the police; the NCA is told separately.
  'report-fraud': {
    id: 'report-fraud',
    label: 'Report the crime to the police (Report Fraud; Police Scotland in Scotland)',
    source: {
      law: 'Voluntary: Report Fraud, the police\'s national cyber crime reporting service since 4 December 2025, 0300 123 2040; Police Scotland on 101',
      url: 'https://www.reportfraud.police.uk/',
    },
    recipient: 'The police: Report Fraud (City of London Police), or Police Scotland',
    short: 'Police (Report Fraud)',
    form: 'crime',
    starts: { on: 'awareness' },
    runs: { withoutUndueDelay: true, targetHours: 24 },
    lateNeedsReason: false,
    // Before Report Fraud, the same service was Action Fraud: an incident (or an exercise set) before 4 December
    // 2025 names the body of its time.
    before: [
      {
        until: '2025-12-04',
        label: 'Report the crime to the police (Action Fraud; Police Scotland in Scotland)',
        recipient: 'The police: Action Fraud (City of London Police), or Police Scotland',
        short: 'Police (Action Fraud)',
        source: {
          law: 'Voluntary: Action Fraud, the national fraud and cyber crime reporting centre until 3 December 2025, 0300 123 2040; Police Scotland on 101',
          url: 'https://www.actionfraud.police.uk/',
        },
      },
    ],
  },
  // No clock for the National Crime Agency: it leads on serious cyber crime of national significance
  // (https://www.nationalcrimeagency.gov.uk/what-we-do/crime-threats/cyber-crime), but a victim has no public route
  // of its own to report to it. A case reaches it by referral, through Report Fraud (Police Scotland in Scotland),
  // the regional organised crime unit's cyber team, or the NCSC. Playbooks record the NCA's engagement as a decision.
  // A provider registered with the CQC must notify it "without delay" of an incident reported to or investigated by
  // the police, and of an event that prevents, or threatens to prevent, its carrying on the regulated activity
  // safely: the Care Quality Commission (Registration) Regulations 2009, reg. 18. Many NHS 111 and out-of-hours
  // providers and every care home are registered. Reg. 18 exempts a health service body from some of these
  // notifications where it has reported the incident to NHS England; the waiver records which applies.
  'cqc-reg18': {
    id: 'cqc-reg18',
    label: 'Notify the Care Quality Commission',
    source: {
      law: 'Care Quality Commission (Registration) Regulations 2009, reg. 18: notify without delay an incident reported to the police, or an event that threatens the carrying on of the regulated activity safely',
      url: 'https://www.legislation.gov.uk/uksi/2009/3112/regulation/18',
    },
    recipient: 'Care Quality Commission (registered providers)',
    short: 'CQC (reg. 18)',
    form: 'general',
    starts: { on: 'awareness' },
    runs: { withoutUndueDelay: true, targetHours: 24 },
    dueSoonHours: 6,
    lateNeedsReason: false,
  },
  // National Data Guardian standard 6 as the DSPT 2023-24 (v6) guide words it expects "a report made to senior
  // management within 12 hours of detection" of a data breach or a near miss: NHS England, "Data Security Standard 6
  // - Responding to incidents". It binds organisations assessed against that guide; trusts, ICBs, CSUs and
  // arm's-length bodies moved to the CAF-aligned DSPT from September 2024, which phases the NDG standards out, so a
  // playbook lets them record that the clock does not apply.
  'siro-dspt': {
    id: 'siro-dspt',
    label: 'Report to senior management (the SIRO)',
    source: {
      law: 'DSPT 2023-24 (v6), National Data Guardian standard 6: a report to senior management within 12 hours of detection (not in the CAF-aligned DSPT)',
      url: 'https://digital.nhs.uk/cyber-and-data-security/guidance-and-assurance/data-security-and-protection-toolkit-assessment-guides/guide-6---responding-to-incidents',
    },
    recipient: 'Senior management (the SIRO)',
    short: 'SIRO (DSPT, 12 hours)',
    form: 'general',
    starts: { on: 'awareness' },
    runs: { hours: 12 },
    dueSoonHours: 3,
    lateNeedsReason: false,
  },
} satisfies Record<string, CatalogueEntry>;

export type UkClockId = keyof typeof UK_CLOCKS;

/** A catalogue clock bound to the decisions of one playbook that stop it (and, if any, that waive it). */
export function clock(id: UkClockId, binding: Pick<ClockSpec, 'stops'> & Partial<Pick<ClockSpec, 'waivedBy' | 'starts'>>): ClockSpec {
  return { ...UK_CLOCKS[id], ...binding } as ClockSpec;
}
