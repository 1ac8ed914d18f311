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
    starts: { on: 'moment', moment: 'personal-data-breach', label: 'Aware of a personal data breach' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'controllers-art33-2': {
    id: 'controllers-art33-2',
    label: 'Processor tells each controller (customer)',
    source: { law: 'UK GDPR Art. 33(2)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' },
    recipient: 'Each customer, as data controller',
    starts: { on: 'moment', moment: 'personal-data-breach', label: 'Aware of a personal data breach' },
    runs: { withoutUndueDelay: true, targetHours: 24 },
    dueSoonHours: 6,
  },
  'people-art34': {
    id: 'people-art34',
    label: 'Tell the people affected (high risk)',
    source: { law: 'UK GDPR Art. 34', url: 'https://www.legislation.gov.uk/eur/2016/679/article/34' },
    recipient: 'The people whose data was affected',
    starts: { on: 'fact', fact: 'highRiskToPeople', values: [true] },
    runs: { withoutUndueDelay: true, targetHours: 72 },
    lateNeedsReason: false,
  },
  'nis-reg11-england': {
    id: 'nis-reg11-england',
    label: 'NIS incident report (England)',
    source: { law: 'NIS Regulations 2018, reg. 11', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/11' },
    recipient: 'Department of Health and Social Care, competent authority for health in England',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'nis-reg11-scotland': {
    id: 'nis-reg11-scotland',
    label: 'NIS incident report (Scotland)',
    source: { law: 'NIS Regulations 2018, reg. 11', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/11' },
    recipient: 'Scottish Health Competent Authority',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'nis-reg11-northern-ireland': {
    id: 'nis-reg11-northern-ireland',
    label: 'NIS incident report (Northern Ireland)',
    source: { law: 'NIS Regulations 2018, reg. 11', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/11' },
    recipient: 'Department of Finance (Northern Ireland), competent authority',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'nis-reg12-dsp': {
    id: 'nis-reg12-dsp',
    label: 'NIS report by a digital service provider',
    source: { law: 'NIS Regulations 2018, reg. 12', url: 'https://www.legislation.gov.uk/uksi/2018/506/regulation/12' },
    recipient: 'Information Commissioner\'s Office',
    starts: { on: 'moment', moment: 'nis-incident', label: 'Aware of an incident reportable under the NIS Regulations' },
    runs: { hours: 72 },
    dueSoonHours: 24,
  },
  'nhse-csoc': {
    id: 'nhse-csoc',
    label: 'Report to the NHS England Cyber Security Operations Centre',
    source: { law: 'NHS England cyber incident reporting (Data Security and Protection Toolkit)', url: 'https://www.dsptoolkit.nhs.uk/' },
    recipient: 'NHS England CSOC (24/7)',
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
    starts: { on: 'awareness' },
    runs: { withoutUndueDelay: true, targetHours: 24 },
    lateNeedsReason: false,
  },
  'action-fraud': {
    id: 'action-fraud',
    label: 'Report the crime to Action Fraud (for the NCA and police)',
    source: { law: 'Voluntary: Action Fraud, 24/7 for a live cyber attack', url: 'https://www.actionfraud.police.uk/' },
    recipient: 'Action Fraud / National Crime Agency',
    starts: { on: 'awareness' },
    runs: { withoutUndueDelay: true, targetHours: 24 },
    lateNeedsReason: false,
  },
} satisfies Record<string, CatalogueEntry>;

export type UkClockId = keyof typeof UK_CLOCKS;

/** A catalogue clock bound to the decisions of one playbook that stop it (and, if any, that waive it). */
export function clock(id: UkClockId, binding: Pick<ClockSpec, 'stops'> & Partial<Pick<ClockSpec, 'waivedBy'>>): ClockSpec {
  return { ...UK_CLOCKS[id], ...binding } as ClockSpec;
}
