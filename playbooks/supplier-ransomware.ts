// Ransomware at a software supplier whose systems run health and care services: the supplier's side.
//
// Modelled on the attack on Advanced in August 2022 (detected about 07:00 BST on 4 August; all health and care
// environments shut down as a precaution; the damage narrowed to about 2% of the estate; NCA and NCSC told;
// customers on paper backup procedures for weeks; gated, phased reconnection from 22 August with each customer's
// own Board approving). After the declaration, the technical track, scoping, notification, customer continuity and
// the ransom decision run side by side, each gated only by what really gates it: the first hour can record the
// CSOC, NCSC and police reports and the customers' switch to backup procedures while containment goes on.
//
// Whose duty is whose. A supplier like Advanced is its NHS customers' *processor* (the ICO fined Advanced as one,
// March 2025: https://ico.org.uk/action-weve-taken/enforcement/advanced-computer-software-group-ltd/). The duties
// named in the steps, with their sources:
// - UK GDPR Art. 33(2): a processor tells each controller (customer) "without undue delay" after becoming aware of a
//   personal data breach; the 72 hours to the ICO of Art. 33(1) are each controller's own, and the supplier gives
//   them what they need for it. Contact with the ICO by the supplier itself is voluntary.
//   https://www.legislation.gov.uk/eur/2016/679/article/33
//   Shutting down or encrypting hosted clinical systems is itself a personal data breach for every controller, at
//   hour 0: a loss of availability ("the controller has lost control or access": EDPB Guidelines 9/2022 on personal
//   data breach notification, https://www.edpb.europa.eu/our-work-tools/our-documents/guidelines/guidelines-92022-personal-data-breach-notification-under_en).
//   Data found taken later is a further notice in phases (Art. 33(4)). Each customer is one entry of the incident's
//   register, and every duty to it (told, told data was taken, its restore point, its reconnection) is kept for it.
// - UK GDPR Art. 28(3): the contract between controller and processor sets how the processor assists; a contract's
//   shorter notice window replaces the internal target. https://www.legislation.gov.uk/eur/2016/679/article/28
// - UK GDPR Art. 34: the controller tells the people affected where the risk to them is high; the processor helps.
//   https://www.legislation.gov.uk/eur/2016/679/article/34
// - NIS Regulations 2018 reg. 12: a relevant digital service provider reports an incident with a substantial impact to
//   the ICO within 72 hours, so whether the supplier is one, and whether the impact is substantial, is a recorded
//   decision. https://www.legislation.gov.uk/uksi/2018/506/regulation/12
// - NHS England CSOC: report cyber incidents affecting health and care, 24/7 (no fixed deadline; the hour in the
//   catalogue is an internal target). https://digital.nhs.uk/cyber-and-data-security/report-an-incident
// - NCSC (https://report.ncsc.gov.uk/), the National Crime Agency and the police are separate recipients. Report
//   Fraud replaced Action Fraud on 4 December 2025 (England, Wales and Northern Ireland; Police Scotland on 101):
//   https://www.reportfraud.police.uk/
// - Ransom: the LockBit leader has been designated under UK sanctions since 7 May 2024; making funds available to a
//   designated person is an offence (Cyber (Sanctions) (EU Exit) Regulations 2020; OFSI guidance on ransomware and
//   sanctions: https://www.gov.uk/government/publications/financial-sanctions-guidance-on-ransomware).
// - Clinical safety: the supplier's clinical safety officer keeps the DCB0129 safety case of the product current.
//   https://digital.nhs.uk/data-and-information/information-standards/governance/latest-activity/standards-and-collections/dcb0129-clinical-risk-management-its-application-in-the-manufacture-of-health-it-systems
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { days, definePlaybook, duty, field, notification, payload, type StepMeta } from 'irp/playbook';
import { clock } from './_uk-clocks.ts';
import { LAW } from './_uk-settings.ts';

const personalData = z.enum(['yes', 'no', 'unknown']);
const reference = z.string().trim().min(1, 'give the reference number you were given');
const why = z.string().trim().min(10, 'say why, in a sentence');

// Data declared once, with the labels people read: `schema` for the decision, `record` for the step, `read` for
// guards and actions.
const scope = payload({
  estateAffectedPercent: field(z.number().min(0).max(100), 'Share of the estate affected (%)'),
  productsAffected: field(z.array(z.string().trim().min(1)).min(1, 'name at least one product'), 'Products affected'),
  personalDataInvolved: field(personalData, 'Personal data involved'),
  peopleAffected: field(z.number().int().min(0).optional(), 'Number of people affected'),
  incidentBegan: field(z.string().trim().min(1).optional(), 'When the incident began', {
    question: 'When did the intrusion begin, as far as the investigation has found (a date, or a date and time)?',
    hint: 'not when it was found: the NIS report asks for both',
  }),
});
const backups = payload({
  backupSet: field(z.string().trim().min(1, 'name the backup set, as on the backup catalogue'), 'Backup set checked', {
    question: 'Which backup set was checked?',
    hint: 'as named on the backup catalogue',
  }),
  // Unlocks restore: typed in full, never a reflex Enter.
  backupsClean: field(z.boolean(), 'Verified clean', { question: 'Has this backup set been verified clean of the attacker?', confirm: 'type' }),
});
const instant = z.iso.datetime({ offset: true, error: 'give a date and time in ISO 8601, such as 2022-08-01T23:00:00Z' });

/** Where the law for the duties to each customer is. */
const art33 = { law: 'UK GDPR Art. 33(2) and (4)', url: 'https://www.legislation.gov.uk/eur/2016/679/article/33' };

// What the supplier owes each customer of its register, declared once; irp keeps each for every customer (and, per
// product, for every product it uses), with its own clock where there is one.
const duties = [
  duty({
    id: 'availability-notice',
    label: 'Told of the outage (a breach of availability)',
    short: 'Told',
    clock: { starts: { on: 'awareness' }, runs: { withoutUndueDelay: true, targetHours: 24 }, contractWindow: true, source: art33 },
    asks:
      'Invoke your business continuity plan and switch to your tested backup procedures. The loss of access to your ' +
      'patients\' records is a personal data breach for you as controller: your 72 hours to the ICO (UK GDPR Art. ' +
      '33(1)) run from your awareness. Acknowledge this notice.',
  }),
  duty({
    id: 'scope-notice',
    label: 'Told what the scope found (a further notice, Art. 33(4))',
    short: 'Scope',
    after: ['availability-notice'],
    asks:
      'What the investigation found so far: the products and share of the estate affected, and whether personal data ' +
      'was taken. Tell the ICO what is new about your own breach (UK GDPR Art. 33(4)).',
  }),
  duty({
    id: 'exfiltration-notice',
    label: 'Told that personal data was taken (Art. 33(4))',
    short: 'Data taken',
    clock: {
      starts: { on: 'fact', fact: 'personalDataInvolved', values: ['yes'] },
      runs: { withoutUndueDelay: true, targetHours: 24 },
      contractWindow: true,
      source: art33,
    },
    asks:
      'Personal data you control was taken. Tell the ICO what is new (UK GDPR Art. 33(4)) and decide whether the ' +
      'people affected must be told (Art. 34); we will give you the list of your people and what was taken.',
  }),
  duty({
    id: 'restore-point',
    label: 'Told its restore point and data-loss window',
    short: 'Restore pt',
    perProduct: true,
    payload: z.object({
      restorePoint: instant.meta({ title: 'Restore point' }),
      lastGoodCopy: instant.meta({ title: 'Last good copy' }).optional(),
      outageAt: instant.meta({ title: 'Outage began' }),
    }),
    asks:
      'The records made between the restore point and the outage are in neither the restored system nor your paper ' +
      'records. Reconstruct them from other sources (call recordings, ambulance dispatch, GP summaries, unsent ' +
      'messages), review their patients clinically, and re-assess the breach for that window.',
  }),
  duty({
    id: 'reconnection-offered',
    label: 'Told it may reconnect (assurance accepted)',
    short: 'May reconnect',
    perProduct: true,
    after: ['restore-point'],
    asks: 'You may reconnect once your own Board has approved and your clinical safety officer has signed off the restored service against DCB0160.',
  }),
  duty({ id: 'board-approved', label: "Its Board approved reconnection", short: 'Board', perProduct: true, after: ['reconnection-offered'] }),
  duty({ id: 'safety-signed-off', label: 'Its clinical safety officer signed off', short: 'CSO', perProduct: true, after: ['reconnection-offered'] }),
  duty({ id: 'reconnected', label: 'Reconnected', short: 'Reconnected', perProduct: true, after: ['board-approved', 'safety-signed-off'] }),
];

const events = {
  // The decisions a decision maker is asked to justify in the decision log: each is recorded with its rationale.
  DECLARE: { rationale: 'Why declare a major cyber incident now? (what was seen, and by whom)' },
  STAND_DOWN: { rationale: 'Why is this not an incident? (what ruled it out)' },
  SHUT_DOWN_ALL: { rationale: 'Why shut down every health and care environment rather than isolate the affected hosts?' },
  SERVICE_RESTORED: { payload: z.object({ service: z.string().trim().min(1, 'name the service, such as NHS 111 England').meta({ title: 'Service restored', question: 'Which service is restored (for example NHS 111 England)?' }) }), rationale: 'Why is it safe to bring this service back now?' },
  MONITORING_ENDED: { rationale: 'Why end monitoring before its 14 days?' },
  CLOSE: { rationale: 'Why can the incident be closed now?' },
  SCOPE_ASSESSED: { payload: scope.schema },
  SCOPE_CLOSED: { payload: z.object({ reason: why }), sets: { personalDataInvolved: 'no' } },
  EXFILTRATION_CONFIRMED: { payload: z.object({ peopleAffected: z.number().int().min(0).optional() }), sets: { personalDataInvolved: 'yes' } },
  NCSC_NOTIFIED: { payload: z.object({ ncscReference: reference }) },
  NO_DEVOLVED_SERVICES: { nationsServed: 'none' as const },
  NCA_NOTIFIED: { payload: z.object({ ncaReference: reference }) },
  POLICE_REPORTED: { payload: z.object({ crimeReference: reference }) },
  CSOC_NOTIFIED: { payload: z.object({ csocReference: reference }) },
  // Speaks for every customer of the register: blocked while one is still to be told.
  CUSTOMERS_NOTIFIED: { needsEvery: 'availability-notice' },
  ICO_CONTACTED: { payload: z.object({ icoReference: reference }) },
  ICO_NOT_CONTACTED: { payload: z.object({ reason: why }) },
  // The ICO's guide to NIS sets out who is a relevant digital service provider: a cloud computing service (NIS reg.
  // 1(2): "a scalable and elastic pool of shareable computing resources"; hosted software is covered to the extent
  // that the service is scalable and elastic), not a small or micro business, with its head office in the UK or a
  // nominated UK representative; it reports an incident with a substantial impact (reg. 12(3)). No report is due only
  // on one of those answers, given with its reason:
  // https://ico.org.uk/for-organisations/the-guide-to-nis/
  NIS_NOT_REPORTABLE: {
    payload: z.object({
      whyNot: z
        .enum([
          'not a cloud computing service (not scalable and elastic)',
          'a small or micro business',
          'no head office or nominated representative in the UK',
          'no substantial impact on the service',
        ])
        .meta({ title: 'Why NIS reg. 12 does not apply', question: 'Which answer takes the supplier out of NIS reg. 12: not a cloud computing service, a small or micro business, no UK head office or representative, or no substantial impact?' }),
      reason: why,
    }),
  },
  NIS_REPORTED: { payload: z.object({ nisReference: reference }) },
  NIS_FULL_REPORT: { payload: z.object({ fullReportReference: reference.meta({ title: 'Full NIS report reference' }) }) },
  DEVOLVED_NOTIFIED: {
    payload: z.object({
      nationsNotified: z.array(z.enum(['Scotland', 'Wales', 'Northern Ireland'])).min(1).meta({ title: 'Nations told', question: "Which nations' bodies were told?" }),
    }),
    // Every devolved administration whose nation the supplier serves (the register's organisations) is told.
    nationsServed: { told: 'nationsNotified' },
  },
  RANSOM_POSITION_RECORDED: { payload: z.object({ decidedBy: z.string().trim().min(1, 'name who took the decision') }), rationale: 'What is the position on paying, and why?' },
  BACKUPS_CHECKED: { payload: backups.schema },
  ALL_RECONNECTED: { needsEvery: 'reconnected', rationale: 'Why is every customer safely reconnected?' },
  ISOLATE_ONLY: { rationale: 'Why is a full shutdown not needed? (what keeps the attack from spreading)' },
};

type Context = {
  personalData: z.infer<typeof personalData> | undefined;
  backupsClean: boolean;
};

const machine = setup({
  types: { meta: {} as StepMeta, context: {} as Context },
  guards: {
    // Read from the scope being recorded: a guard is checked before the transition's actions run.
    personalDataTaken: ({ event }) => scope.read(event).personalDataInvolved === 'yes',
    backupsVerifiedClean: ({ context }) => context.backupsClean,
  },
}).createMachine({
  id: 'supplier-ransomware',
  context: { personalData: undefined, backupsClean: false },
  initial: 'declare',
  states: {
    declare: {
      meta: {
        title: 'Declare the incident',
        role: 'incident-commander',
        instructions:
          'Confirm what was seen and by whom. If it looks like ransomware (encrypted files, ransom notes, unexpected ' +
          'admin logins), declare a major cyber incident now: the moment of awareness starts the regulatory clocks, ' +
          'and containment, notification and customer continuity start together.',
        checklist: [
          { id: 'detection-source', text: 'Who or what raised the alarm, and when, is noted' },
          { id: 'bridge-opened', text: 'Incident bridge opened; incident team paged' },
          { id: 'loggist-assigned', text: 'A loggist keeps the decision log from now on' },
        ],
      },
      on: {
        DECLARE: { target: 'response', description: 'Declare a major cyber incident' },
        STAND_DOWN: { target: 'review', description: 'Not an incident: stand down and review', meta: { confirm: 'ask' } },
      },
    },
    response: {
      meta: { title: 'Respond' },
      type: 'parallel',
      onDone: { target: 'review' },
      states: {
        technical: {
          meta: { title: 'Contain, rebuild, restore and reconnect' },
          initial: 'contain',
          states: {
            contain: {
              meta: { title: 'Contain' },
              initial: 'shutdown',
              states: {
                shutdown: {
                  meta: {
                    title: 'Decide on a precautionary shutdown',
                    role: 'incident-commander',
                    instructions:
                      'Decide whether to shut down all health and care environments as a precaution until the attack ' +
                      'is scoped. A shutdown stops the spread at the cost of customers losing their systems; customers ' +
                      'must be told at once so they can switch to their backup procedures.',
                    checklist: [
                      { id: 'clinical-impact-considered', text: 'Clinical safety officer consulted on the impact of an outage' },
                      { id: 'customers-warned', text: 'Customers warned that their services may go down', required: false },
                    ],
                  },
                  on: {
                    SHUT_DOWN_ALL: { target: 'isolate', description: 'Shut down all health and care environments as a precaution' },
                    ISOLATE_ONLY: { target: 'isolate', description: 'Keep environments up; isolate only the affected hosts' },
                  },
                },
                isolate: {
                  meta: {
                    title: 'Isolate and preserve evidence',
                    role: 'technical-lead',
                    instructions:
                      'Isolate the affected servers from the network. Cut remote access (Citrix, RDP, VPN) and disable ' +
                      'third-party accounts until each is reviewed. Enforce multi-factor authentication on every remote ' +
                      'route. Preserve evidence before anything is wiped (memory, disk images, logs), with a chain of ' +
                      'custody: who took what, when, and where it is kept.',
                    checklist: [
                      { id: 'servers-isolated', text: 'Affected servers isolated from the network' },
                      { id: 'remote-access-cut', text: 'Remote access (Citrix, RDP, VPN) cut' },
                      { id: 'third-party-accounts-disabled', text: 'Third-party and supplier accounts disabled' },
                      { id: 'mfa-enforced', text: 'MFA enforced on every remote access route that is brought back' },
                      { id: 'evidence-preserved', text: 'Memory, disk images and logs preserved, with a chain of custody' },
                      { id: 'forensics-engaged', text: 'Forensic incident response firm engaged', required: false },
                    ],
                  },
                  on: { CONTAINED: { target: '#supplier-ransomware.response.technical.eradicate', description: 'Spread contained' } },
                },
              },
            },
            eradicate: {
              meta: {
                title: 'Eradicate and rebuild from known-good',
                role: 'technical-lead',
                instructions:
                  'Close the way in: patch the exploited vulnerabilities (for example ZeroLogon), reset domain and ' +
                  'service credentials, and rebuild affected servers from known-good images rather than cleaning them.',
                checklist: [
                  { id: 'entry-point-closed', text: 'Initial access route closed' },
                  { id: 'patched', text: 'Exploited vulnerabilities patched across the estate' },
                  { id: 'credentials-reset', text: 'Domain admin, service and third-party credentials reset' },
                  { id: 'rebuilt', text: 'Affected servers rebuilt from known-good images' },
                ],
              },
              on: { REBUILT: { target: 'restore', description: 'Rebuild complete' } },
            },
            restore: {
              meta: {
                title: 'Restore data from verified backups',
                role: 'technical-lead',
                instructions:
                  'Check each backup set for encryption, implants and tampering before using it. Restore only from a ' +
                  'set verified clean, and note its restore point: each customer must re-enter what happened after it.',
                checklist: [{ id: 'restore-tested', text: 'Restore tested in an isolated environment' }],
                record: backups.record,
              },
              on: {
                BACKUPS_CHECKED: {
                  description: 'Record the result of checking a backup set',
                  actions: assign({ backupsClean: ({ event }) => backups.read(event).backupsClean === true }),
                },
                RESTORED: { target: 'assurance', guard: 'backupsVerifiedClean', description: 'Data restored' },
              },
            },
            assurance: {
              meta: {
                title: 'Assurance evidence and clinical safety',
                role: 'incident-commander',
                instructions:
                  'Hand NHS England and the NCSC the evidence that the rebuilt environment is clean (forensic findings, ' +
                  'what was fixed, monitoring in place) for their review. Before any customer reconnects, the clinical ' +
                  'safety officer reviews the product\'s DCB0129 safety case for the restored service.',
                checklist: [
                  { id: 'forensic-report', text: 'Forensic report shared' },
                  { id: 'evidence-handed-over', text: 'Assurance evidence handed to NHS England and the NCSC for review' },
                  { id: 'safety-case-reviewed', text: 'Clinical safety officer has reviewed the DCB0129 safety case of the restored service' },
                ],
              },
              on: { ASSURANCE_ACCEPTED: { target: 'phased', description: 'NHS England and the NCSC have accepted the assurance' } },
            },
            phased: {
              meta: {
                title: 'Reconnect customers one at a time',
                role: 'customer-liaison',
                instructions:
                  'Reconnect customers one at a time, in the order set by the NHS England incident team, each product of ' +
                  'each customer as its own step in the register: tell it its restore point and so its data-loss window, ' +
                  'tell it that it may reconnect, record its Board\'s approval and its clinical safety officer\'s sign-off, ' +
                  'then its reconnection. Watch each one for signs of re-infection before the next. Record each service ' +
                  'restored as it is (NHS 111 England); the step ends only when every customer is reconnected.',
                record: [{ id: 'service', label: 'Last service restored' }],
              },
              on: {
                SERVICE_RESTORED: { description: 'A service restored (for example NHS 111 England)' },
                REINFECTION_DETECTED: {
                  target: '#supplier-ransomware.response.technical.contain.isolate',
                  description: 'Signs of re-infection: contain again',
                  meta: { confirm: 'ask' },
                },
                ALL_RECONNECTED: { target: 'monitor', description: 'Every customer reconnected' },
              },
            },
            monitor: {
              meta: {
                title: 'Heightened monitoring',
                role: 'technical-lead',
                instructions:
                  'Keep heightened monitoring for 14 days after the last reconnection. The step closes itself when the ' +
                  'period ends; close it early only with the incident commander\'s agreement.',
              },
              after: { [days(14)]: { target: 'done', description: '14 days of monitoring without re-infection' } },
              on: {
                MONITORING_ENDED: { target: 'done', description: 'End monitoring early', meta: { confirm: 'ask' } },
                REINFECTION_DETECTED: {
                  target: '#supplier-ransomware.response.technical.contain.isolate',
                  description: 'Signs of re-infection: contain again',
                  meta: { confirm: 'ask' },
                },
              },
            },
            done: { type: 'final' },
          },
        },
        scope: {
          meta: { title: 'Scope' },
          initial: 'assess',
          states: {
            assess: {
              meta: {
                title: 'Assess the scope',
                role: 'technical-lead',
                instructions:
                  'Establish how much of the estate is affected, which products are hit, and whether personal data ' +
                  'was taken. Record what is known now; say "unknown" rather than wait.',
                checklist: [
                  { id: 'estate-mapped', text: 'Affected servers and environments listed' },
                  { id: 'exfiltration-checked', text: 'Logs checked for data leaving the network' },
                ],
                record: scope.record,
              },
              on: {
                SCOPE_ASSESSED: [
                  {
                    target: 'people',
                    guard: 'personalDataTaken',
                    description: 'Record the scope',
                    actions: assign({ personalData: ({ event }) => scope.read(event).personalDataInvolved }),
                  },
                  {
                    target: 'watch',
                    description: 'Record the scope',
                    actions: assign({ personalData: ({ event }) => scope.read(event).personalDataInvolved }),
                  },
                ],
              },
            },
            watch: {
              meta: {
                title: 'Watch for data taken',
                role: 'technical-lead',
                instructions:
                  'Until the investigators can rule it out, keep looking for signs that data left the network. If it ' +
                  'did, record it at once: the people whose data was taken come first.',
              },
              on: {
                EXFILTRATION_CONFIRMED: {
                  target: 'people',
                  description: 'Data was taken',
                  actions: assign({ personalData: () => 'yes' as const }),
                },
                SCOPE_CLOSED: { target: 'done', description: 'No data was taken: close the scope, saying how that is known' },
              },
            },
            people: {
              meta: {
                title: 'The people whose data was taken',
                role: 'dpo',
                instructions:
                  'Deal first with what could harm people now: in 2022 the data included how to get into the homes of ' +
                  '890 people receiving care at home, so key-safe codes had to be changed. Give each controller the ' +
                  'list of its people and what was taken, so that it can decide, and tell them (UK GDPR Art. 34).',
                checklist: [
                  { id: 'urgent-harms', text: 'Urgent harms dealt with, with the controllers (key-safe codes and home-access details changed)' },
                  { id: 'lists-to-controllers', text: 'Each controller given the people affected and what was taken, for its Art. 34 decision' },
                  { id: 'helpline', text: 'A helpline or contact for the people affected agreed with the controllers', required: false },
                ],
              },
              on: { PEOPLE_SUPPORTED: { target: 'done', description: 'Controllers supported in telling the people affected' } },
            },
            done: { type: 'final' },
          },
        },
        notify: {
          meta: { title: 'Notify' },
          type: 'parallel',
          states: {
            csoc: notification({
              title: 'Report to the NHS England CSOC',
              role: 'customer-liaison',
              instructions:
                'Call the NHS England Cyber Security Operations Centre (24/7, 0300 303 5222): cyber incidents affecting ' +
                'health and care are reported to it at once.',
              record: [{ id: 'csocReference', label: 'CSOC reference' }],
              on: { CSOC_NOTIFIED: { target: 'done', description: 'NHS England CSOC notified' } },
            }),
            ncsc: notification({
              title: 'Report to the NCSC',
              role: 'incident-commander',
              instructions: 'Report the incident to the National Cyber Security Centre and ask for its support.',
              record: [{ id: 'ncscReference', label: 'NCSC reference' }],
              on: { NCSC_NOTIFIED: { target: 'done', description: 'NCSC notified' } },
            }),
            nca: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'Engage the National Crime Agency',
                    role: 'incident-commander',
                    instructions:
                      'The National Crime Agency leads on serious cyber crime of national significance, but takes no ' +
                      'report from victims directly: it is engaged by referral, through the police report (Report ' +
                      'Fraud; Police Scotland in Scotland), the regional organised crime unit\'s cyber team, or the ' +
                      'NCSC. Ask for the referral, and record the NCA\'s reference when it makes contact.',
                    record: [{ id: 'ncaReference', label: 'NCA reference' }],
                  },
                  on: { NCA_NOTIFIED: { target: 'done', description: 'National Crime Agency engaged' } },
                },
                done: { type: 'final' },
              },
            },
            police: notification({
              title: 'Report the crime to the police',
              role: 'incident-commander',
              instructions:
                'Report the attack to the police: in England, Wales and Northern Ireland Report Fraud, online at any ' +
                'time (reportfraud.police.uk) or, for a live attack in progress, on 0300 123 2040; Police Scotland on ' +
                '101 in Scotland.',
              record: [{ id: 'crimeReference', label: 'Crime reference' }],
              on: { POLICE_REPORTED: { target: 'done', description: 'Crime reported to the police' } },
            }),
            controllers: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'Tell each customer, as data controller',
                    role: 'dpo',
                    instructions:
                      'As processor, tell every customer in the register (each a data controller) without undue delay ' +
                      '(UK GDPR Art. 33(2)), or within its contract\'s window where that is shorter: the outage is itself ' +
                      'a personal data breach (loss of availability). Load the register, record each customer as it is ' +
                      'told (Organisations…), and send each its signed notice; then record that every one has been.',
                  },
                  on: {
                    CUSTOMERS_NOTIFIED: { target: 'support', description: 'Every customer (controller) told' },
                  },
                },
                support: {
                  meta: {
                    title: 'Support each controller\'s own report',
                    role: 'dpo',
                    instructions:
                      'Each controller has its own 72 hours to the ICO (UK GDPR Art. 33(1)). Agree with each what it needs ' +
                      'from you and by when: the nature of the breach, the categories and approximate numbers of people and ' +
                      'records, likely consequences, measures taken, and your DPO\'s contact. Send updates as facts arrive.',
                    checklist: [
                      { id: 'needs-agreed', text: 'Each controller\'s needs and dates agreed' },
                      { id: 'facts-sent', text: 'The facts each controller needs for its own report sent' },
                    ],
                  },
                  on: { CONTROLLERS_SUPPORTED: { target: 'done', description: 'Controllers have what they need for their reports' } },
                },
                done: { type: 'final' },
              },
            },
            ico: notification({
              title: 'Decide whether to contact the ICO',
              role: 'dpo',
              instructions:
                'As processor, reporting to the ICO is each controller\'s duty, not yours; contacting the ICO yourself is ' +
                'voluntary (the ICO credited Advanced\'s engagement). Record either way, with the reason if not.',
              record: [{ id: 'icoReference', label: 'ICO reference' }],
              on: {
                ICO_CONTACTED: { target: 'done', description: 'ICO contacted (voluntary)' },
                ICO_NOT_CONTACTED: { target: 'done', description: 'Not contacting the ICO: record why' },
              },
            }),
            nis: {
              initial: 'assess',
              states: {
                assess: {
                  meta: {
                    title: 'Decide whether the NIS Regulations apply (reg. 12)',
                    role: 'dpo',
                    instructions:
                      'A relevant digital service provider reports an incident with a substantial impact on its ' +
                      'services to the ICO within 72 hours (NIS Regulations 2018 reg. 12). You are one if you provide a ' +
                      'cloud computing service (hosted clinical software is, to the extent that the service is scalable ' +
                      'and elastic: the ICO\'s guide to NIS), are not a small or micro business, and have your head ' +
                      'office (or a nominated representative) in the UK. Decide with legal advice; a decision that no ' +
                      'report is due names which of those answers it rests on.',
                  },
                  on: {
                    NIS_REPORTABLE: { target: 'report', description: 'A relevant digital service provider, substantial impact: report' },
                    NIS_NOT_REPORTABLE: { target: 'done', description: 'Not reportable under NIS reg. 12: record why' },
                  },
                },
                report: {
                  meta: {
                    title: 'Report to the ICO under NIS reg. 12',
                    role: 'dpo',
                    instructions: 'Report to the ICO what reg. 12(5) asks: when it started, how long it has lasted, its effect, and any cross-border impact.',
                    record: [{ id: 'nisReference', label: 'NIS report reference' }],
                  },
                  on: { NIS_REPORTED: { target: 'full', description: 'NIS incident reported to the ICO' } },
                },
                full: {
                  meta: {
                    title: 'Send the ICO the full NIS report',
                    role: 'dpo',
                    instructions:
                      'When what was not known at first is known (how long the incident lasted, its impact, its cause), ' +
                      'send the ICO the full report that reg. 12(5) describes. Under the Cyber Security and Resilience ' +
                      'Bill, if it becomes law as introduced, the full report is due within 72 hours, the first ' +
                      'notification within 24, each to the ICO and the NCSC together.',
                    record: [{ id: 'fullReportReference', label: 'Full NIS report reference' }],
                  },
                  on: { NIS_FULL_REPORT: { target: 'done', description: 'Full NIS report sent to the ICO' } },
                },
                done: { type: 'final' },
              },
            },
            devolved: notification({
              title: 'Tell the other nations\' bodies where their services are hit',
              role: 'customer-liaison',
              instructions:
                'If services in Scotland, Wales or Northern Ireland are affected, tell their governments\' health and ' +
                'cyber teams (for example the Scottish Government) the same day.',
              on: {
                DEVOLVED_NOTIFIED: { target: 'done', description: 'Devolved governments notified' },
                NO_DEVOLVED_SERVICES: { target: 'done', description: 'No services outside England are affected' },
              },
            }),
          },
        },
        continuity: {
          meta: { title: 'Customer business continuity' },
          initial: 'advise',
          states: {
            advise: {
              meta: {
                title: 'Advise customers to switch to backup procedures',
                role: 'customer-liaison',
                instructions:
                  'Tell customers to invoke their business continuity plans and switch to their tested backup ' +
                  '(paper) procedures, and how long to plan for. Give them a named contact and a time for the next update. ' +
                  'At the start, not only before reconnection, your clinical safety officer warns each customer\'s ' +
                  'clinical safety officer of the outage\'s hazards and of the data-loss window to expect, so that ' +
                  'they enter them in their DCB0160 hazard logs.',
                checklist: [
                  { id: 'customers-advised', text: 'Every affected customer told to switch to backup procedures' },
                  { id: 'update-schedule', text: 'Schedule of updates to customers agreed' },
                  { id: 'safety-officers-warned', text: "Each customer's clinical safety officer warned of the outage's hazards and the data-loss window (for their DCB0160 hazard log)" },
                ],
              },
              on: { BACKUP_PROCEDURES_ADVISED: { target: 'messaging', description: 'Customers on backup procedures' } },
            },
            messaging: {
              meta: {
                title: 'Public and patient messaging',
                role: 'comms-lead',
                instructions:
                  'Agree public lines with NHS England and customers: services remain available; in an emergency ' +
                  'call 999. Brief GPs to expect more referrals and problems with digital prescriptions.',
                checklist: [
                  { id: 'statement-agreed', text: 'Public statement agreed with NHS England' },
                  { id: 'emergency-message', text: 'Message says: in an emergency, call 999' },
                ],
              },
              on: { PUBLIC_MESSAGE_ISSUED: { target: 'done', description: 'Public statement issued' } },
            },
            done: { type: 'final' },
          },
        },
        ransom: {
          meta: { title: 'Ransom, law enforcement and insurance' },
          initial: 'position',
          states: {
            position: {
              meta: {
                title: 'Decide the position on the ransom',
                role: 'incident-commander',
                instructions:
                  'Record who decides and what: do not pay or engage the attacker without law enforcement advice. Check ' +
                  'sanctions first: the LockBit leader has been designated under UK sanctions since 7 May 2024, and ' +
                  'making funds available to a designated person is an offence. Take legal advice, appoint counsel (so ' +
                  'that advice is privileged), and tell the insurer.',
                checklist: [
                  { id: 'no-payment-stance', text: 'Position on payment agreed (no payment, no engagement without law enforcement advice)' },
                  { id: 'sanctions-checked', text: 'Sanctions check made against the UK sanctions list (OFSI guidance)' },
                  { id: 'legal-advice', text: 'Legal advice taken; counsel appointed so that advice is privileged' },
                  { id: 'insurer-notified', text: 'Cyber insurer notified under the policy' },
                ],
              },
              on: { RANSOM_POSITION_RECORDED: { target: 'done', description: 'Ransom position recorded' } },
            },
            done: { type: 'final' },
          },
        },
      },
    },
    review: {
      meta: {
        title: 'Post-incident review',
        role: 'incident-commander',
        instructions:
          'Hold the review with customers and the incident team: the timeline, what worked, what did not, and ' +
          'actions with owners. Check that every body told has had its final report.',
        checklist: [
          { id: 'review-held', text: 'Review held and minuted' },
          { id: 'actions-owned', text: 'Every action has an owner and a date' },
          { id: 'final-reports', text: 'Final reports sent to every body told, where required', required: false },
        ],
      },
      on: { CLOSE: { target: 'closed', description: 'Close the incident' } },
    },
    closed: { type: 'final' },
  },
});

export default definePlaybook({
  id: 'supplier-ransomware',
  version: '5.0.0',
  settings: { law: LAW },
  title: 'Ransomware at a health and care software supplier',
  // Standing down records that there was no incident: no notification is owed on that path.
  notAnIncident: ['STAND_DOWN'],
  clocksNotRun: {
    'Personal data breach report to the ICO (UK GDPR Art. 33(1))':
      'The supplier processes its customers\' data: each customer, as controller, reports to the ICO; the supplier tells each customer (Art. 33(2)), and may contact the ICO itself.',
    'NIS incident report by an operator of essential services (NIS reg. 11)':
      'The supplier is not an operator of essential services: as a digital service provider in scope, it reports under NIS reg. 12, to the ICO.',
    'National Crime Agency':
      'A victim cannot report to the NCA directly: it is engaged by referral (the police report, the regional organised crime unit or the NCSC), recorded as a decision.',
  },
  summary:
    'From the declaration, side by side: contain, rebuild, restore from clean backups and reconnect customers one at a ' +
    'time; scope, and look after the people whose data was taken; tell the CSOC, NCSC, NCA, police and each customer ' +
    '(as controller), decide on NIS and the ICO; keep customers safe on backup procedures; decide the ransom position.',
  roles: {
    'incident-commander': 'Incident commander',
    'technical-lead': 'Technical lead',
    'comms-lead': 'Communications lead',
    dpo: 'Data Protection Officer',
    siro: 'Senior Information Risk Owner',
    'clinical-safety-officer': 'Clinical Safety Officer',
    'customer-liaison': 'Customer liaison',
    loggist: 'Loggist',
  },
  guards: {
    personalDataTaken: 'the scope must record that personal data was taken ("Personal data involved": yes)',
    backupsVerifiedClean: 'a backup set must be checked and recorded as clean ("Record the result of checking a backup set")',
  },
  events,
  duties,
  // The supplier's own clocks: as processor it owes each controller (Art. 33(2), each with its own clock in the
  // register, and this one for them all), not the ICO; NIS reg. 12 runs until
  // the decision that the supplier is not a relevant digital service provider with a substantial impact.
  clocks: [
    // The outage is a breach of availability from hour 0, so the notice to every controller runs from awareness.
    clock('controllers-art33-2', { starts: { on: 'awareness' }, stops: { event: 'CUSTOMERS_NOTIFIED' } }),
    clock('nis-reg12-dsp', { stops: { event: 'NIS_REPORTED', reference: 'nisReference' }, waivedBy: { event: 'NIS_NOT_REPORTABLE', reason: 'reason' } }),
    clock('nhse-csoc', { stops: { event: 'CSOC_NOTIFIED', reference: 'csocReference' } }),
    clock('ncsc', { stops: { event: 'NCSC_NOTIFIED', reference: 'ncscReference' } }),
    clock('report-fraud', { stops: { event: 'POLICE_REPORTED', reference: 'crimeReference' } }),
    // The Cyber Security and Resilience Bill's clocks, where a site turns them on (not in force).
    clock('bill-initial-rdsp', { stops: { event: 'NIS_REPORTED', reference: 'nisReference' }, waivedBy: { event: 'NIS_NOT_REPORTABLE', reason: 'reason' }, appliesWhen: { law: ['bill'] } }),
    clock('bill-full-rdsp', { stops: { event: 'NIS_FULL_REPORT', reference: 'fullReportReference' }, waivedBy: { event: 'NIS_NOT_REPORTABLE', reason: 'reason' }, appliesWhen: { law: ['bill'] } }),
    clock('bill-customers', { starts: { on: 'awareness' }, stops: { event: 'CUSTOMERS_NOTIFIED' }, appliesWhen: { law: ['bill'] } }),
  ],
  milestones: {
    Contain: ['CONTAINED'],
    'Customers on backup procedures': ['BACKUP_PROCEDURES_ADVISED'],
    Restore: ['RESTORED'],
    'Service restored': ['SERVICE_RESTORED'],
  },
  draftFacts: {
    systems: 'productsAffected',
    estateShare: 'estateAffectedPercent',
    personalData: 'personalDataInvolved',
    peopleAffected: 'peopleAffected',
    occurredAt: 'incidentBegan',
  },
  machine,
});
