// An NHS 111 provider or trust whose clinical-system supplier has been hit by a cyber attack: the provider's side.
//
// Modelled on what NHS providers did in August 2022 when Adastra and Carenotes went down: business continuity on
// paper, patient-safety messaging, clinical-risk review against the DCB0160 hazard log, reports to the NHS England
// region (EPRR) and the CSOC, the DSPT incident report (which passes personal data breaches to the ICO), and
// reconnection only after the supplier's assurance, the provider's clinical safety officer's sign-off and its own
// Board's approval, then back-entry of the paper records by clinical risk. The provider is the *controller* of its
// patients' data: the ICO's 72 hours (UK GDPR Art. 33(1)) are its own duty, as is telling people at high risk
// (Art. 34). NIS reg. 11 applies only to operators of essential services (NHS trusts and foundation trusts, ICBs and
// some independent providers: DHSC's NIS guide for the health sector in England, 2023). Clocks come from the
// catalogue in _uk-clocks.ts, which cites the law for each. Also:
// - NHS England EPRR framework and incident levels (1 to 4), and the types of incident (business continuity,
//   critical, major): https://www.england.nhs.uk/ourwork/eprr/
// - DSPT Data Security Standard 6: senior management (the SIRO) told within 12 hours of detection:
//   https://digital.nhs.uk/cyber-and-data-security/guidance-and-assurance/data-security-and-protection-toolkit-assessment-guides/guide-6---responding-to-incidents
// - The Caldicott Guardian decides how confidential patient information is shared (the Caldicott Principles):
//   https://www.gov.uk/government/publications/the-caldicott-principles
// - Learn from patient safety events (LFPSE), where patient-safety events are recorded:
//   https://www.england.nhs.uk/patient-safety/learn-from-patient-safety-events-service/
// - DCB0160, clinical risk management in the deployment and use of health IT systems:
//   https://digital.nhs.uk/data-and-information/information-standards/information-standards-and-data-collections-including-extractions/publications-and-notifications/standards-and-collections/dcb0160-clinical-risk-management-its-application-in-the-deployment-and-use-of-health-it-systems
// - NHS England EPRR framework: https://www.england.nhs.uk/ourwork/eprr/
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { definePlaybook, field, notification, payload, type StepMeta } from 'irp/playbook';
import { careRegulator, commandChain, cyberReport, icoReport, nisReport, nisSupplierImpact, reportClocks, reportEvents } from './_provider-reports.ts';
import { DSPT, LAW, NATION } from './_uk-settings.ts';

const instant = z.iso.datetime({ offset: true, error: 'give a date and time in ISO 8601, such as 2022-08-01T23:00:00Z' });

// The data assessment, declared once with its labels (see `payload` in irp/playbook).
const dataImpact = payload({
  personalDataAffected: field(z.enum(['yes', 'no', 'unknown']), 'Personal data affected'),
  peopleAffected: field(z.number().int().min(0).optional(), 'People affected'),
  // UK GDPR Art. 33(1): a breach is reported unless it is "unlikely to result in a risk" to people.
  unlikelyToRisk: field(z.boolean(), 'Unlikely to result in a risk to people (Art. 33(1))', {
    question: 'Is the breach unlikely to result in a risk to the people whose data it is? (yes means no report to the ICO)',
    confirm: 'type',
  }),
  highRiskToPeople: field(z.boolean(), 'High risk to the people affected', { question: 'Is the risk to the people affected high? (yes means telling them)' }),
});

const events = {
  ...reportEvents,
  // The decisions a decision maker is asked to justify in the decision log: each is recorded with its rationale.
  DECLARE: { rationale: 'Why declare the incident now, and of which type? (what was lost, and what it means for patients)' },
  RECONNECTED: { rationale: 'Why is it safe to reconnect now?' },
  CLOSE: { rationale: 'Why can the incident be closed now?' },
  CLINICAL_RISK_REVIEWED: {
    payload: z.object({
      hazardsLogged: z.number().int().min(0).meta({ title: 'Hazards logged', question: 'How many hazards were added to the hazard log?' }),
      residualRisk: z.enum(['acceptable', 'tolerable', 'unacceptable']),
    }),
  },
  DATA_IMPACT_ASSESSED: { payload: dataImpact.schema },
  INCIDENT_CLASSIFIED: {
    payload: z.object({
      incidentType: z.enum(['business continuity', 'critical', 'major']),
      // NHS England's levels are England's: elsewhere the level is the one the organisation's own plan uses.
      nhseLevel: z.number().int().min(1).max(4).optional().meta({ title: 'NHS England incident level, as declared', question: 'Which NHS England incident level (1 to 4) has NHS England or the ICB declared? (England; Enter to leave it out elsewhere)' }),
      planLevel: z.string().trim().min(1).optional().meta({ title: 'Incident level in your own plan, as declared', question: 'Outside England: which incident level has been declared under your own plan? (Enter to leave it out)' }),
      sitrepEveryHours: z.number().positive().meta({ title: 'Situation report every (hours)', question: 'How often are situation reports due, in hours?' }),
    }),
  },
  SIRO_INFORMED: { payload: z.object({ siro: z.string().trim().min(1, 'name the SIRO told') }) },
  SIRO_CLOCK_NOT_APPLICABLE: { payload: z.object({ siro: z.string().trim().min(1, 'name the SIRO told'), reason: z.string().trim().min(10, 'say which DSPT you are assessed against') }) },
  ICO_NOT_REQUIRED: { payload: z.object({ reason: z.string().trim().min(10, 'say why, in a sentence') }) },
  NIS_NOT_REQUIRED: {
    payload: z.object({
      operatorOfEssentialService: z.boolean().meta({ title: 'Operator of an essential service', question: 'Is this organisation an operator of an essential service under the NIS Regulations?' }),
      reason: z.string().trim().min(10, 'say why, in a sentence'),
    }),
  },
  PEOPLE_TOLD: { payload: z.object({ peopleTold: z.number().int().min(0) }) },
  SUPPLIER_ASSURANCE_RECEIVED: { payload: z.object({ assuranceReference: z.string().trim().min(1) }) },
  BOARD_APPROVED: { payload: z.object({ boardMeeting: z.string().trim().min(1, 'name the Board meeting or chair\'s action') }) },
  CSO_SIGNED_OFF: { payload: z.object({ cso: z.string().trim().min(1, 'name the clinical safety officer') }) },
  BACK_ENTRY_COMPLETE: { payload: z.object({ recordsBackEntered: z.number().int().min(0) }) },
  RESTORE_POINT_RECEIVED: {
    payload: z.object({
      restorePoint: instant.meta({ title: 'Restore point', question: 'What is the restore point of your data (ISO 8601)?' }),
      lastGoodCopy: instant.meta({ title: 'Last good copy' }).optional(),
      outageAt: instant.meta({ title: 'Outage began', question: 'When did the outage begin (ISO 8601)?' }),
    }),
  },
  WINDOW_MEASURED: {
    payload: z.object({
      windowStart: instant.meta({ title: 'Window starts' }),
      windowEnd: instant.meta({ title: 'Window ends' }),
      recordsInWindow: z.number().int().min(0).meta({ title: 'Records in the window' }),
      patientsInWindow: z.number().int().min(0).meta({ title: 'Patients in the window' }),
    }),
  },
  SOURCE_USED: {
    payload: z.object({
      source: z.enum(['call recordings', 'ambulance dispatch', 'GP summaries', 'unsent messages', 'other']).meta({ title: 'Source used' }),
      recordsRecovered: z.number().int().min(0).meta({ title: 'Records recovered from it' }),
    }),
  },
  PATIENTS_TRIAGED: {
    payload: z.object({
      patientsReviewed: z.number().int().min(0).meta({ title: 'Patients reviewed' }),
      patientsNeedingFollowUp: z.number().int().min(0).meta({ title: 'Patients needing follow-up' }),
    }),
  },
  WINDOW_REASSESSED: {
    payload: z.object({
      windowReportable: z.boolean().meta({ title: 'Window reported to the ICO', question: 'Must the ICO be told of the records lost in the window (a follow-up)?' }),
      reason: z.string().trim().min(10, 'say why, in a sentence'),
    }),
  },
  PSIRF_RESPONSE_DECIDED: {
    payload: z.object({
      learningResponse: z
        .enum(['patient safety incident investigation', 'after-action review', 'swarm huddle', 'multidisciplinary team review', 'thematic review', 'no learning response needed'])
        .meta({ title: 'PSIRF learning response', question: 'Which learning response, under PSIRF, for the patient safety events of the outage?' }),
      eventsConsidered: z.number().int().min(0).meta({ title: 'Patient safety events considered', question: 'How many patient safety events of the outage were considered?' }),
    }),
    rationale: 'Why this learning response? (what the events showed, and what is to be learnt)',
  },
  SYSTEMS_AFFECTED: {
    payload: z.object({
      systemsAffected: z.array(z.string().trim().min(1)).min(1, 'name at least one system'),
      servicesAffectedPercent: z.number().min(0).max(100),
    }),
  },
};

type Context = { assured: boolean; boardApproved: boolean; csoSignedOff: boolean; highRisk: boolean; dataAssessed: boolean; unlikelyToRisk: boolean; learningDecided: boolean };

const machine = setup({
  types: { meta: {} as StepMeta, context: {} as Context },
  guards: {
    assuredSignedOffAndApproved: ({ context }) => context.assured && context.csoSignedOff && context.boardApproved,
    noHighRisk: ({ context }) => context.dataAssessed && !context.highRisk,
    breachUnlikelyToRisk: ({ context }) => context.dataAssessed && context.unlikelyToRisk,
    learningResponseDecided: ({ context }) => context.learningDecided,
  },
}).createMachine({
  id: 'provider-supplier-outage',
  context: { assured: false, boardApproved: false, csoSignedOff: false, highRisk: false, dataAssessed: false, unlikelyToRisk: false, learningDecided: false },
  initial: 'declare',
  states: {
    declare: {
      meta: {
        title: 'Declare the incident',
        role: 'incident-commander',
        instructions:
          'The supplier of a clinical system has reported a cyber incident or its service is down. Confirm what is ' +
          'affected, declare the incident your own plan calls for (a business continuity incident; a critical ' +
          'incident where the loss threatens patient care, as trusts declared in June 2024) and open the incident ' +
          'log. Awareness starts the clocks. The incident level is not yours to choose: it is declared for the ' +
          'system (in England by NHS England or the ICB), and recorded as declared.',
        checklist: [
          { id: 'supplier-contacted', text: 'Supplier contacted; their incident reference and next update time noted' },
          { id: 'on-call-informed', text: 'On-call director (gold) informed' },
          { id: 'loggist-assigned', text: 'A loggist keeps the decision log' },
        ],
        record: [
          { id: 'systemsAffected', label: 'Systems affected' },
          { id: 'servicesAffectedPercent', label: 'Share of services affected (%)' },
        ],
      },
      on: {
        SYSTEMS_AFFECTED: { description: 'Record the systems affected' },
        DECLARE: { target: 'respond', description: 'Declare the incident (business continuity, or critical)' },
      },
    },
    respond: {
      meta: { title: 'Keep patients safe, assess and notify' },
      type: 'parallel',
      onDone: 'reconnect',
      states: {
        continuity: {
          meta: { title: 'Business continuity' },
          initial: 'invoke',
          states: {
            invoke: {
              meta: {
                title: 'Invoke business continuity: paper processes',
                role: 'incident-commander',
                instructions:
                  'Switch every affected service to its tested paper procedures: printed forms, call logging, ' +
                  'prescriptions and referrals by the fallback routes. Add staff where paper slows the work down.',
                checklist: [
                  { id: 'paper-forms', text: 'Printed forms and contact lists in use at every site' },
                  { id: 'staff-briefed', text: 'Staff on every shift briefed on the paper process' },
                  { id: 'caldicott-sharing', text: 'Caldicott Guardian has decided how patient information is shared while on paper' },
                  { id: 'capacity-checked', text: 'Extra staff arranged for slower call handling', required: false },
                ],
              },
              on: { BCP_INVOKED: { target: 'patientSafety', description: 'Paper processes running' } },
            },
            patientSafety: {
              meta: {
                title: 'Patient-safety messaging',
                role: 'comms-lead',
                instructions:
                  'Tell callers and patients that services remain open, with delays; in an emergency they must ' +
                  'call 999. Update the website, phone messages and social media.',
                checklist: [
                  { id: 'call-999-message', text: 'Messages say: in an emergency, call 999' },
                  { id: 'ivr-updated', text: 'Telephone messages updated' },
                ],
              },
              on: { PATIENT_MESSAGING_LIVE: { target: 'done', description: 'Patient-safety messaging live' } },
            },
            done: { type: 'final' },
          },
        },
        clinicalRisk: {
          meta: { title: 'Clinical risk' },
          initial: 'review',
          states: {
            review: {
              meta: {
                title: 'Review clinical risk against the DCB0160 hazard log',
                role: 'clinical-safety-officer',
                instructions:
                  'Assess the hazards of working without the system (missed or duplicated records, delayed ' +
                  'referrals, no access to history) and record them in the DCB0160 hazard log with their controls.',
                checklist: [
                  { id: 'hazard-log-updated', text: 'Hazard log updated for the outage' },
                  { id: 'controls-agreed', text: 'Controls agreed with the incident commander' },
                  { id: 'lfpse-recording', text: 'Patient-safety events during the outage recorded on LFPSE as they happen' },
                ],
                record: [
                  { id: 'hazardsLogged', label: 'Hazards logged' },
                  { id: 'residualRisk', label: 'Residual clinical risk' },
                ],
              },
              on: { CLINICAL_RISK_REVIEWED: { target: 'done', description: 'Clinical risk reviewed' } },
            },
            done: { type: 'final' },
          },
        },
        dataImpact: {
          meta: { title: 'Data' },
          initial: 'assess',
          states: {
            assess: {
              meta: {
                title: 'Assess the impact on personal data',
                role: 'dpo',
                instructions:
                  'From what the supplier has said, decide whether your patients\' personal data is affected, how ' +
                  'many people, whether the breach is unlikely to result in a risk to them (the test of UK GDPR ' +
                  'Art. 33(1)), and whether the risk is high (which means telling them). An outage of a clinical ' +
                  'system is itself a personal data breach: a loss of availability.',
                record: dataImpact.record,
              },
              on: {
                DATA_IMPACT_ASSESSED: {
                  target: 'people',
                  description: 'Record the impact on personal data',
                  actions: assign({
                    dataAssessed: true,
                    highRisk: ({ event }) => dataImpact.read(event).highRiskToPeople === true,
                    unlikelyToRisk: ({ event }) => dataImpact.read(event).unlikelyToRisk === true,
                  }),
                },
              },
            },
            people: {
              meta: {
                title: 'Tell the people affected, if the risk to them is high',
                role: 'dpo',
                instructions:
                  'Where the breach is likely to be a high risk to people, tell them without undue delay, in plain ' +
                  'language: what happened, what it means for them, what you are doing, whom to contact.',
              },
              on: {
                PEOPLE_TOLD: { target: 'done', description: 'People affected told' },
                PEOPLE_NOT_TOLD: { target: 'done', guard: 'noHighRisk', description: 'No high risk: people need not be told' },
              },
            },
            done: { type: 'final' },
          },
        },
        notify: {
          meta: { title: 'Notify' },
          type: 'parallel',
          states: {
            command: commandChain({
              meta: {
                title: 'Record the incident type, its level as declared and the sitrep rhythm',
                role: 'incident-commander',
                instructions:
                  'Record the type of incident declared (business continuity, critical or major), {levelScheme}, ' +
                  'and how often situation reports are due.',
                record: [
                  { id: 'incidentType', label: 'Type of incident' },
                  { id: 'nhseLevel', label: 'NHS England incident level, as declared' },
                  { id: 'planLevel', label: 'Incident level in your own plan, as declared' },
                  { id: 'sitrepEveryHours', label: 'Situation report every (hours)' },
                ],
              },
              on: { INCIDENT_CLASSIFIED: { target: 'done', description: 'Incident type, level and sitrep rhythm recorded' } },
            }),
            siro: notification({
              title: 'Tell the SIRO and the executive team',
              role: 'dpo',
              instructions:
                'Report to senior management (the Senior Information Risk Owner) within 12 hours of detection, where ' +
                'your organisation is assessed against the DSPT guide that sets it (National Data Guardian standard 6, ' +
                'DSPT 2023-24, v6). Trusts, ICBs, CSUs and arm\'s-length bodies assessed against the CAF-aligned DSPT ' +
                '(from September 2024) are not held to the 12 hours: record that, and tell the SIRO all the same.',
              record: [{ id: 'siro', label: 'SIRO told' }],
              on: {
                SIRO_INFORMED: { target: 'done', description: 'SIRO informed' },
                SIRO_CLOCK_NOT_APPLICABLE: { target: 'done', description: 'Assessed against the CAF-aligned DSPT: the 12 hours do not apply (the SIRO told all the same)' },
              },
            }),
            csoc: cyberReport,
            ico: icoReport({ guard: 'breachUnlikelyToRisk' }),
            cqc: careRegulator,
            nis: nisReport(
              'Only operators of essential services report under NIS reg. 11 (NHS trusts and foundation trusts, ICBs, ' +
                'some independent providers in England; health boards in Scotland and Wales; HSC trusts in Northern ' +
                'Ireland; many NHS 111 providers are not).',
              'Not an operator of essential services, or no significant impact: record which, and why',
            ),
            nisSupplier: nisSupplierImpact,
          },
        },
        dataLoss: {
          meta: { title: 'The data-loss window' },
          initial: 'restorePoint',
          states: {
            restorePoint: {
              meta: {
                title: 'Get the supplier\'s restore point',
                role: 'supplier-liaison',
                instructions:
                  'Ask the supplier for the restore point of your data and its last good copy. A notice from the ' +
                  'supplier\'s incident records it here by itself (irp notice receive, or irp notice pull on a shared store).',
                record: [
                  { id: 'restorePoint', label: 'Restore point' },
                  { id: 'lastGoodCopy', label: 'Last good copy' },
                  { id: 'outageAt', label: 'Outage began' },
                ],
              },
              on: { RESTORE_POINT_RECEIVED: { target: 'measure', description: 'Restore point received from the supplier' } },
            },
            measure: {
              meta: {
                title: 'Measure the data-loss window',
                role: 'clinical-safety-officer',
                instructions:
                  'The records made between the restore point (the last good copy, if earlier) and the moment paper ' +
                  'records began are in neither the restored system nor the paper. Find its start and end, and count ' +
                  'the records and the patients in it.',
                record: [
                  { id: 'windowStart', label: 'Window starts' },
                  { id: 'windowEnd', label: 'Window ends' },
                  { id: 'recordsInWindow', label: 'Records in the window' },
                  { id: 'patientsInWindow', label: 'Patients in the window' },
                ],
              },
              on: { WINDOW_MEASURED: { target: 'reconstruct', description: 'Window measured' } },
            },
            reconstruct: {
              meta: {
                title: 'Reconstruct the window from other sources',
                role: 'clinical-safety-officer',
                instructions:
                  'Rebuild what was recorded in the window from every other source, recording each source used and ' +
                  'how many records it gave back. Mark every rebuilt entry as retrospective.',
                checklist: [
                  { id: 'call-recordings', text: 'Call recordings and telephony logs searched', required: false },
                  { id: 'ambulance-dispatch', text: 'Ambulance dispatch records searched', required: false },
                  { id: 'gp-summaries', text: 'GP summaries and post-event messages received searched', required: false },
                  { id: 'unsent-messages', text: 'Messages queued but never sent recovered', required: false },
                ],
                record: [
                  { id: 'source', label: 'Last source used' },
                  { id: 'recordsRecovered', label: 'Records recovered from it' },
                ],
              },
              on: {
                SOURCE_USED: { description: 'A source used to rebuild records of the window' },
                RECONSTRUCTED: { target: 'triage', description: 'Window reconstructed as far as the sources allow' },
              },
            },
            triage: {
              meta: {
                title: 'Review the patients of the window clinically',
                role: 'clinical-safety-officer',
                instructions:
                  'Every patient with a record in the window is reviewed by a clinician: a referral, a prescription or a ' +
                  'call-back may have been lost with it. Follow up those who need it.',
                record: [
                  { id: 'patientsReviewed', label: 'Patients reviewed' },
                  { id: 'patientsNeedingFollowUp', label: 'Patients needing follow-up' },
                ],
              },
              on: { PATIENTS_TRIAGED: { target: 'reassess', description: 'Patients of the window reviewed' } },
            },
            reassess: {
              meta: {
                title: 'Re-assess the breach for the window',
                role: 'dpo',
                instructions:
                  'Records lost in the window are a personal data breach in their own right (loss of availability, and ' +
                  'of integrity where entries were lost). Decide whether the ICO must be told what is new (a follow-up ' +
                  'to your report, UK GDPR Art. 33(4)); record the reason either way.',
                record: [{ id: 'windowReportable', label: 'Window reported to the ICO' }],
              },
              on: { WINDOW_REASSESSED: { target: 'done', description: 'Breach re-assessed for the window' } },
            },
            done: { type: 'final' },
          },
        },
        protect: {
          meta: { title: 'Protect your own network' },
          initial: 'cut',
          states: {
            cut: {
              meta: {
                title: 'Cut the supplier\'s links into your network',
                role: 'technical-lead',
                instructions:
                  'Cut the supplier\'s VPN and remote-support links, disable the supplier\'s accounts on your systems, ' +
                  'and sweep your network for the indicators of compromise the CSOC shares.',
                checklist: [
                  { id: 'supplier-links-cut', text: 'Supplier VPN and remote-support links cut' },
                  { id: 'supplier-accounts-disabled', text: 'Supplier accounts on your systems disabled' },
                  { id: 'ioc-sweep', text: 'Network swept for the CSOC\'s indicators of compromise' },
                ],
              },
              on: { NETWORK_PROTECTED: { target: 'done', description: 'Own network protected' } },
            },
            done: { type: 'final' },
          },
        },
        comms: {
          meta: { title: 'Communications' },
          initial: 'gps',
          states: {
            gps: {
              meta: {
                title: 'Tell GPs and partners',
                role: 'comms-lead',
                instructions:
                  'Tell local GP practices, the ambulance service and other partners what is affected, to expect ' +
                  'more referrals and delays, and how electronic prescriptions and referrals are handled meanwhile.',
                checklist: [{ id: 'gps-told', text: 'GP practices told' }, { id: 'partners-told', text: 'Ambulance service and partners told' }],
              },
              on: { GPS_TOLD: { target: 'done', description: 'GPs and partners told' } },
            },
            done: { type: 'final' },
          },
        },
      },
    },
    reconnect: {
      meta: { title: 'Reconnect' },
      initial: 'gate',
      states: {
        gate: {
          meta: {
            title: 'Reconnect only after assurance, clinical safety sign-off and Board approval',
            role: 'incident-commander',
            instructions:
              'Wait for the supplier\'s assurance (accepted by NHS England and the NCSC), your clinical safety ' +
              'officer\'s sign-off of the restored system against DCB0160, and your own Board\'s approval. Reconnect in ' +
              'the order agreed with the NHS England incident team.',
            checklist: [{ id: 'technical-checks', text: 'Own technical checks done before reconnecting' }],
            record: [
              { id: 'assuranceReference', label: 'Supplier assurance' },
              { id: 'cso', label: 'Clinical safety sign-off (DCB0160)' },
              { id: 'boardMeeting', label: 'Board approval' },
            ],
          },
          on: {
            SUPPLIER_ASSURANCE_RECEIVED: { description: 'Supplier assurance received', actions: assign({ assured: true }) },
            CSO_SIGNED_OFF: { description: 'Clinical safety officer signed off the restored system (DCB0160)', actions: assign({ csoSignedOff: true }) },
            BOARD_APPROVED: { description: 'Board approved reconnection', actions: assign({ boardApproved: true }) },
            RECONNECTED: { target: 'backEntry', guard: 'assuredSignedOffAndApproved', description: 'Reconnected to the system' },
          },
        },
        backEntry: {
          meta: {
            title: 'Back-enter the paper records, by clinical risk',
            role: 'clinical-safety-officer',
            instructions:
              'Enter the records kept on paper during the outage by clinical risk, not oldest first: open cases and ' +
              'referrals first. Mark each entry as retrospective, re-send the messages that would have gone (post-event ' +
              'messages to GPs), check at least three patient identifiers on every record, and keep the paper originals. ' +
              'The paper covers the outage only: the records between the supplier\'s restore point and the outage are ' +
              'rebuilt in their own workstream (the data-loss window).',
            checklist: [
              { id: 'back-entry-plan', text: 'Back-entry plan by clinical risk and staffing agreed (open cases and referrals first)' },
              { id: 'marked-retrospective', text: 'Entries marked as retrospective' },
              { id: 'messages-resent', text: 'Post-event messages re-sent' },
              { id: 'three-identifiers', text: 'At least three patient identifiers checked on every record' },
              { id: 'duplicates-checked', text: 'Duplicates and gaps checked' },
            ],
            record: [{ id: 'recordsBackEntered', label: 'Records back-entered' }],
          },
          on: { BACK_ENTRY_COMPLETE: { target: '#provider-supplier-outage.review', description: 'Back-entry complete' } },
        },
      },
    },
    review: {
      meta: {
        title: 'Post-incident review',
        role: 'incident-commander',
        instructions:
          'Review with staff, the supplier and commissioners: what worked on paper, what did not, clinical incidents ' +
          'during the outage, and actions with owners. Decide, under the Patient Safety Incident Response Framework ' +
          '(PSIRF), the learning response to the patient safety events recorded during the outage. Update the business ' +
          'continuity plan and test it.',
        checklist: [
          { id: 'review-held', text: 'Review held and minuted' },
          { id: 'bcp-updated', text: 'Business continuity plan updated' },
          { id: 'hazard-log-closed', text: 'Hazard log entries closed or carried forward' },
        ],
        record: [{ id: 'learningResponse', label: 'PSIRF learning response' }],
      },
      on: {
        PSIRF_RESPONSE_DECIDED: { description: 'PSIRF learning response decided for harm during the outage', actions: assign({ learningDecided: true }) },
        CLOSE: { target: 'closed', guard: 'learningResponseDecided', description: 'Close the incident' },
      },
    },
    closed: { type: 'final' },
  },
});

export default definePlaybook({
  id: 'provider-supplier-outage',
  version: '5.0.0',
  settings: { nation: NATION, dspt: DSPT, law: LAW },
  title: 'Clinical-system supplier outage at an NHS provider',
  summary:
    'An NHS 111 provider or trust whose clinical-system supplier was hit: paper processes, patient safety, clinical ' +
    'risk, the data-loss window, own network, ICB and NHS England region, SIRO, CSOC, DSPT/ICO and NIS reports, GPs ' +
    'and patients, gated reconnection, back-entry by clinical risk, review; linked to the supplier\'s incident by its notices.',
  roles: {
    'incident-commander': 'Incident commander',
    'technical-lead': 'Technical lead',
    'comms-lead': 'Communications lead',
    dpo: 'Data Protection Officer',
    siro: 'Senior Information Risk Owner',
    'caldicott-guardian': 'Caldicott Guardian',
    'clinical-safety-officer': 'Clinical Safety Officer',
    'supplier-liaison': 'Supplier liaison',
    loggist: 'Loggist',
  },
  guards: {
    assuredSignedOffAndApproved: 'the supplier\'s assurance, the clinical safety officer\'s sign-off and the Board\'s approval must all be recorded',
    learningResponseDecided: 'the PSIRF learning response for harm during the outage must be decided first',
    noHighRisk: 'the data assessment must record that the risk to people is not high',
    breachUnlikelyToRisk: 'the data assessment must first find the breach unlikely to result in a risk to people (UK GDPR Art. 33(1))',
  },
  events,
  // What the supplier's notices do here (irp notice receive): being told of the outage is awareness of a personal
  // data breach (loss of availability); being told data was taken re-opens a decision not to report; the restore
  // point and the supplier's assurance are recorded as the decisions that wait for them.
  notices: {
    'availability-notice': { moment: 'personal-data-breach' },
    'exfiltration-notice': { sets: { personalDataAffected: 'yes' } },
    'restore-point': { event: 'RESTORE_POINT_RECEIVED', payload: { restorePoint: 'restorePoint', lastGoodCopy: 'lastGoodCopy', outageAt: 'outageAt' } },
    'reconnection-offered': { event: 'SUPPLIER_ASSURANCE_RECEIVED', payload: { assuranceReference: 'notice' } },
  },
  clocks: reportClocks({
    icoWaiver: { event: 'ICO_NOT_REQUIRED', reason: 'reason', reopensIf: { fact: 'personalDataAffected', values: ['yes'] } },
    siroWaiver: { event: 'SIRO_CLOCK_NOT_APPLICABLE', reason: 'reason' },
  }),
  clocksNotRun: {
    'Processor tells each controller (UK GDPR Art. 33(2))':
      'The provider is the controller of its patients\' data: it reports to the ICO itself, through the DSPT; its supplier is the processor that tells it.',
    'NIS incident report by a digital service provider (NIS reg. 12)':
      'The provider is not a digital service provider: if it is an operator of essential services, it reports under NIS reg. 11.',
  },
  milestones: {
    'Switch to backup (paper) procedures': ['BCP_INVOKED'],
    'Patients told to call 999 in an emergency': ['PATIENT_MESSAGING_LIVE'],
    'Restore (reconnected)': ['RECONNECTED'],
    'Data-loss window measured': ['WINDOW_MEASURED'],
  },
  draftFacts: {
    systems: 'systemsAffected',
    estateShare: 'servicesAffectedPercent',
    personalData: 'personalDataAffected',
    peopleAffected: 'peopleAffected',
    // When the outage began, as the supplier's restore point notice gives it: the time the NIS draft asks for.
    occurredAt: 'outageAt',
  },
  machine,
});
