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

// The ICO becomes the Information Commission when section 119 of the Data (Use and Access) Act 2025
// (https://www.legislation.gov.uk/ukpga/2025/18/section/119) is brought into force. No commencement date had been
// found when this catalogue was written: set the date here when it is known (YYYY-MM-DD), and every clock owed to the
// ICO names the Information Commission for incidents aware from that day, and the ICO for those before it.
export const INFORMATION_COMMISSION_FROM: string | undefined = undefined;

/** A clock owed to the ICO, named by date (see INFORMATION_COMMISSION_FROM). */
export function commissionerNamed<T extends CatalogueEntry>(entry: T, from: string | undefined = INFORMATION_COMMISSION_FROM): T {
  if (from === undefined) return entry;
  const rename = (text: string) => text.replaceAll("Information Commissioner's Office", 'Information Commission').replaceAll('ICO', 'Information Commission');
  const short = (text: string | undefined) => (text === undefined ? undefined : text.replaceAll('ICO', 'Inf. Commission').slice(0, 28));
  return {
    ...entry,
    label: rename(entry.label),
    recipient: rename(entry.recipient),
    ...(entry.short === undefined ? {} : { short: short(entry.short) }),
    before: [...(entry.before ?? []), { until: from, label: entry.label, recipient: entry.recipient, ...(entry.short === undefined ? {} : { short: entry.short }) }],
  };
}

/** The NIS competent authority for health in each nation (NIS Regulations 2018, Schedule 1). */
const NIS_HEALTH_AUTHORITY = {
  england: { recipient: 'Secretary of State for Health and Social Care (DHSC), competent authority for health in England', short: 'DHSC', brief: 'DHSC' },
  scotland: { recipient: 'Scottish Ministers, through the Scottish Health Competent Authority (https://www.healthca.scot)', short: 'Scottish Ministers', brief: 'Scot. Ministers' },
  wales: { recipient: 'Welsh Ministers, competent authority for health in Wales', short: 'Welsh Ministers', brief: 'Welsh Ministers' },
  'northern-ireland': {
    recipient: 'Department of Finance (Northern Ireland), NIS competent authority for health (nis.incident@finance-ni.gov.uk; send no sensitive information by email)',
    short: 'NI Dept of Finance',
    brief: 'NI DoF',
  },
} as const;
export type Nation = keyof typeof NIS_HEALTH_AUTHORITY;
export const NATIONS = Object.keys(NIS_HEALTH_AUTHORITY) as Nation[];

// NIS reg. 12(9)-(10): an operator of essential services that relies on a relevant digital service provider for an
// essential service must notify its competent authority of any significant impact on the continuity of that service
// caused by an incident affecting the provider; reg. 17(1)(d) makes it enforceable. The regulation sets no time of its
// own: the 72 hours here are an internal target, the limit of the operator's own reports under reg. 11(3)(b).
function rdspImpactClock(nation: Nation): CatalogueEntry {
  const authority = NIS_HEALTH_AUTHORITY[nation];
  return {
    id: `nis-reg12-9-${nation}`,
    label: 'NIS: the impact of a digital service provider\'s incident, reported by the operator',
    source: {
      law: 'NIS Regulations 2018, reg. 12(9): an operator of essential services tells its competent authority of a significant impact on its essential service caused by an incident at a digital service provider it relies on (no time set; the hours are an internal target)',
      url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/12',
    },
    recipient: authority.recipient,
    short: `${authority.brief} (NIS 12(9))`,
    form: 'nis',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { withoutUndueDelay: true, targetHours: 72 },
    dueSoonHours: 24,
    lateNeedsReason: false,
  };
}

// The Cyber Security and Resilience (Network and Information Systems) Bill, introduced on 12 November 2025 (Bill 385,
// as amended in Public Bill Committee, clauses 15 and 16; the committee's debate of those clauses, 10 February 2026:
// https://www.theyworkforyou.com/pbc/2024-26/Cyber_Security_and_Resilience_%28Network_and_Information_Systems%29_Bill/05-0_2026-02-10a.148.1),
// would require an initial notification within 24 hours of becoming aware of a reportable incident and a full report
// within 72 hours, each to the regulator and the NCSC together (clause 15), and a digital or managed service provider
// to tell the customers likely to be adversely affected (clause 16). It was not law when this catalogue was written
// (no Royal Assent found): these clocks run only where a site turns the Bill on (the playbooks' `law` setting), and
// every one says so.
const BILL = {
  law: 'Cyber Security and Resilience (Network and Information Systems) Bill (introduced 12 November 2025; not in force)',
  url: 'https://www.theyworkforyou.com/pbc/2024-26/Cyber_Security_and_Resilience_%28Network_and_Information_Systems%29_Bill/05-0_2026-02-10a.148.1',
} as const;
function billClock(id: string, what: { label: string; recipient: string; short: string; hours: number; initial: boolean }): CatalogueEntry {
  return {
    id,
    label: `${what.label} (Bill, not in force)`,
    source: { law: `${BILL.law}: clause 15, ${what.initial ? 'an initial notification within 24 hours' : 'a full report within 72 hours'} of awareness, to the regulator and the NCSC`, url: BILL.url },
    recipient: what.recipient,
    short: what.short,
    form: 'nis',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: what.hours },
    dueSoonHours: what.initial ? 6 : 24,
    statutory: false,
  };
}

export const UK_CLOCKS = {
  'ico-art33': commissionerNamed({
    id: 'ico-art33',
    label: 'Personal data breach report to the ICO',
    source: { law: 'UK GDPR Art. 33(1)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' },
    recipient: 'Information Commissioner\'s Office (in England\'s health and care, the DSPT incident reporting tool passes a report on)',
    short: 'ICO (UK GDPR Art. 33)',
    form: 'personal-data-breach',
    starts: { on: 'moment', moment: 'personal-data-breach', label: 'Aware of a personal data breach' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  }),
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
    recipient: 'Department of Finance (Northern Ireland), NIS competent authority for health: nis.incident@finance-ni.gov.uk, sending no sensitive information by email (https://www.finance-ni.gov.uk/articles/nis-governance-northern-ireland)',
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
  'nis-reg12-dsp': commissionerNamed({
    id: 'nis-reg12-dsp',
    label: 'NIS report by a digital service provider',
    source: { law: 'NIS Regulations 2018, reg. 12', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/12' },
    recipient: 'Information Commissioner\'s Office',
    short: 'ICO (NIS reg. 12)',
    form: 'nis',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  }),
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
  'nis-reg12-9-england': rdspImpactClock('england'),
  'nis-reg12-9-scotland': rdspImpactClock('scotland'),
  'nis-reg12-9-wales': rdspImpactClock('wales'),
  'nis-reg12-9-northern-ireland': rdspImpactClock('northern-ireland'),
  'bill-initial-oes': billClock('bill-initial-oes', { label: 'Initial NIS notification', recipient: 'The competent authority for health and the NCSC, together', short: 'Bill: initial (24 h)', hours: 24, initial: true }),
  'bill-full-oes': billClock('bill-full-oes', { label: 'Full NIS incident report', recipient: 'The competent authority for health and the NCSC, together', short: 'Bill: full report (72 h)', hours: 72, initial: false }),
  'bill-initial-rdsp': billClock('bill-initial-rdsp', { label: 'Initial NIS notification by a digital service provider', recipient: 'The Information Commissioner and the NCSC, together', short: 'Bill: initial (24 h)', hours: 24, initial: true }),
  'bill-full-rdsp': billClock('bill-full-rdsp', { label: 'Full NIS incident report by a digital service provider', recipient: 'The Information Commissioner and the NCSC, together', short: 'Bill: full report (72 h)', hours: 72, initial: false }),
  'bill-customers': {
    id: 'bill-customers',
    label: 'Tell the customers likely to be affected (Bill, not in force)',
    source: { law: `${BILL.law}: clause 16, a digital or managed service provider tells the customers likely to be adversely affected (no time in the Bill; the hours are an internal target)`, url: BILL.url },
    recipient: 'Each customer likely to be affected',
    short: 'Bill: customers told',
    form: 'general',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { withoutUndueDelay: true, targetHours: 24 },
    statutory: false,
    lateNeedsReason: false,
  },
} satisfies Record<string, CatalogueEntry>;

export type UkClockId = keyof typeof UK_CLOCKS;

/** A catalogue clock bound to the decisions of one playbook that stop it (and, if any, that waive it). */
export function clock(id: UkClockId, binding: Pick<ClockSpec, 'stops'> & Partial<Pick<ClockSpec, 'waivedBy' | 'starts' | 'appliesWhen' | 'notRunBecause'>>): ClockSpec {
  return { ...UK_CLOCKS[id], ...binding } as ClockSpec;
}
