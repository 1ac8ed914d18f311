// An NHS 111 provider or trust whose clinical-system supplier has been hit by a cyber attack: the provider's side.
//
// Modelled on what NHS providers did in August 2022 when Adastra and Carenotes went down: business continuity on
// paper, patient-safety messaging, clinical-risk review against the DCB0160 hazard log, reports to the NHS England
// region (EPRR) and the CSOC, the DSPT incident report (which passes personal data breaches to the ICO), and
// reconnection only after the supplier's assurance and the provider's own Board approval, then back-entry of the
// paper records. Clocks come from the catalogue in _uk-clocks.ts, which cites the law for each. Also:
// - DCB0160, clinical risk management in the deployment and use of health IT systems:
//   https://digital.nhs.uk/data-and-information/information-standards/information-standards-and-data-collections-including-extractions/publications-and-notifications/standards-and-collections/dcb0160-clinical-risk-management-its-application-in-the-deployment-and-use-of-health-it-systems
// - NHS England EPRR framework: https://www.england.nhs.uk/ourwork/eprr/
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { definePlaybook, type StepMeta } from 'irp/playbook';
import { clock } from './_uk-clocks.ts';

const reference = z.string().trim().min(1, 'give the reference number you were given');

const events = {
  CLINICAL_RISK_REVIEWED: {
    payload: z.object({
      hazardsLogged: z.number().int().min(0),
      residualRisk: z.enum(['acceptable', 'tolerable', 'unacceptable']),
    }),
  },
  DATA_IMPACT_ASSESSED: {
    payload: z.object({
      personalDataAffected: z.enum(['yes', 'no', 'unknown']),
      peopleAffected: z.number().int().min(0).optional(),
      highRiskToPeople: z.boolean(),
    }),
  },
  EPRR_NOTIFIED: { payload: z.object({ eprrReference: reference }) },
  CSOC_NOTIFIED: { payload: z.object({ csocReference: reference }) },
  ICO_NOTIFIED: { payload: z.object({ dsptReference: reference }) },
  ICO_NOT_REQUIRED: { payload: z.object({ reason: z.string().trim().min(10, 'say why, in a sentence') }) },
  NIS_REPORTED: { payload: z.object({ nisReference: reference }) },
  NIS_NOT_REQUIRED: { payload: z.object({ reason: z.string().trim().min(10, 'say why, in a sentence') }) },
  PEOPLE_TOLD: { payload: z.object({ peopleTold: z.number().int().min(0) }) },
  SUPPLIER_ASSURANCE_RECEIVED: { payload: z.object({ assuranceReference: z.string().trim().min(1) }) },
  BOARD_APPROVED: { payload: z.object({ boardMeeting: z.string().trim().min(1, 'name the Board meeting or chair\'s action') }) },
  BACK_ENTRY_COMPLETE: { payload: z.object({ recordsBackEntered: z.number().int().min(0) }) },
  SYSTEMS_AFFECTED: {
    payload: z.object({
      systemsAffected: z.array(z.string().trim().min(1)).min(1, 'name at least one system'),
      servicesAffectedPercent: z.number().min(0).max(100),
    }),
  },
};

type Context = { assured: boolean; boardApproved: boolean; highRisk: boolean };

const machine = setup({
  types: { meta: {} as StepMeta, context: {} as Context },
  guards: {
    assuredAndApproved: ({ context }) => context.assured && context.boardApproved,
    noHighRisk: ({ context }) => !context.highRisk,
  },
}).createMachine({
  id: 'provider-supplier-outage',
  context: { assured: false, boardApproved: false, highRisk: false },
  initial: 'declare',
  states: {
    declare: {
      meta: {
        title: 'Declare a business continuity incident',
        role: 'incident-commander',
        instructions:
          'The supplier of a clinical system has reported a cyber incident or its service is down. Confirm what is ' +
          'affected, declare a business continuity incident and open the incident log. Awareness starts the clocks.',
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
        DECLARE: { target: 'respond', description: 'Declare a business continuity incident' },
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
                  'many people, and whether the risk to them is high (which means telling them).',
                record: [
                  { id: 'personalDataAffected', label: 'Personal data affected' },
                  { id: 'peopleAffected', label: 'People affected' },
                  { id: 'highRiskToPeople', label: 'High risk to the people affected' },
                ],
              },
              on: {
                DATA_IMPACT_ASSESSED: {
                  target: 'people',
                  description: 'Record the impact on personal data',
                  actions: assign({ highRisk: ({ event }) => (event as { highRiskToPeople?: boolean }).highRiskToPeople === true }),
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
            eprr: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'Tell the NHS England region (EPRR)',
                    role: 'incident-commander',
                    instructions: 'Report the incident to the regional NHS England EPRR on-call and join its calls.',
                    record: [{ id: 'eprrReference', label: 'EPRR reference' }],
                  },
                  on: { EPRR_NOTIFIED: { target: 'done', description: 'NHS England region notified' } },
                },
                done: { type: 'final' },
              },
            },
            csoc: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'Report to the NHS England CSOC',
                    role: 'technical-lead',
                    instructions: 'Report the cyber incident to the NHS England Cyber Security Operations Centre (24/7).',
                    record: [{ id: 'csocReference', label: 'CSOC reference' }],
                  },
                  on: { CSOC_NOTIFIED: { target: 'done', description: 'NHS England CSOC notified' } },
                },
                done: { type: 'final' },
              },
            },
            ico: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'DSPT incident report (and so the ICO)',
                    role: 'dpo',
                    instructions:
                      'Report through the DSPT incident reporting tool, which passes personal data breaches to the ' +
                      'ICO, within 72 hours of awareness. If no personal data is affected, record why no report ' +
                      'to the ICO is needed.',
                    record: [{ id: 'dsptReference', label: 'DSPT reference' }],
                  },
                  on: {
                    ICO_NOTIFIED: { target: 'done', description: 'DSPT incident report made (passed to the ICO)' },
                    ICO_NOT_REQUIRED: { target: 'done', description: 'No personal data breach: record why the ICO is not told' },
                  },
                },
                done: { type: 'final' },
              },
            },
            nis: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'NIS incident report to the competent authority',
                    role: 'siro',
                    instructions:
                      'As an operator of an essential service, report an incident with a significant impact on ' +
                      'the continuity of the service to the Department of Health and Social Care within 72 hours.',
                    record: [{ id: 'nisReference', label: 'NIS reference' }],
                  },
                  on: {
                    NIS_REPORTED: { target: 'done', description: 'NIS incident report made' },
                    NIS_NOT_REQUIRED: { target: 'done', description: 'No significant impact on continuity: record why' },
                  },
                },
                done: { type: 'final' },
              },
            },
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
            title: 'Reconnect only after assurance and Board approval',
            role: 'incident-commander',
            instructions:
              'Wait for the supplier\'s assurance (accepted by NHS England and the NCSC) and your own Board\'s ' +
              'approval. Reconnect in the order agreed with the NHS England incident team.',
            checklist: [{ id: 'technical-checks', text: 'Own technical checks done before reconnecting' }],
            record: [
              { id: 'assuranceReference', label: 'Supplier assurance' },
              { id: 'boardMeeting', label: 'Board approval' },
            ],
          },
          on: {
            SUPPLIER_ASSURANCE_RECEIVED: { description: 'Supplier assurance received', actions: assign({ assured: true }) },
            BOARD_APPROVED: { description: 'Board approved reconnection', actions: assign({ boardApproved: true }) },
            RECONNECTED: { target: 'backEntry', guard: 'assuredAndApproved', description: 'Reconnected to the system' },
          },
        },
        backEntry: {
          meta: {
            title: 'Back-enter the paper records',
            role: 'clinical-safety-officer',
            instructions:
              'Enter every record kept on paper during the outage into the system, oldest first, checking for ' +
              'duplicates; keep the paper originals.',
            checklist: [
              { id: 'back-entry-plan', text: 'Back-entry plan and staffing agreed' },
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
          'during the outage, and actions with owners. Update the business continuity plan and test it.',
        checklist: [
          { id: 'review-held', text: 'Review held and minuted' },
          { id: 'bcp-updated', text: 'Business continuity plan updated' },
          { id: 'hazard-log-closed', text: 'Hazard log entries closed or carried forward' },
        ],
      },
      on: { CLOSE: { target: 'closed', description: 'Close the incident' } },
    },
    closed: { type: 'final' },
  },
});

export default definePlaybook({
  id: 'provider-supplier-outage',
  version: '1.1.0',
  title: 'Clinical-system supplier outage at an NHS provider',
  summary:
    'An NHS 111 provider or trust whose clinical-system supplier was hit: paper processes, patient safety, clinical ' +
    'risk, EPRR, CSOC, DSPT/ICO and NIS reports, GPs and patients, gated reconnection, back-entry, review.',
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
    assuredAndApproved: 'the supplier\'s assurance and the Board\'s approval must both be recorded',
    noHighRisk: 'the data assessment must record that the risk to people is not high',
  },
  events,
  clocks: [
    clock('ico-art33', {
      stops: { event: 'ICO_NOTIFIED', reference: 'dsptReference' },
      waivedBy: { event: 'ICO_NOT_REQUIRED', reason: 'reason', reopensIf: { fact: 'personalDataAffected', values: ['yes'] } },
    }),
    clock('nis-reg11-england', {
      stops: { event: 'NIS_REPORTED', reference: 'nisReference' },
      waivedBy: { event: 'NIS_NOT_REQUIRED', reason: 'reason' },
    }),
    clock('nhse-csoc', { stops: { event: 'CSOC_NOTIFIED', reference: 'csocReference' } }),
    clock('people-art34', { stops: { event: 'PEOPLE_TOLD' }, waivedBy: { event: 'PEOPLE_NOT_TOLD' } }),
  ],
  milestones: {
    'Switch to backup (paper) procedures': ['BCP_INVOKED'],
    'Patients told to call 999 in an emergency': ['PATIENT_MESSAGING_LIVE'],
    'Restore (reconnected)': ['RECONNECTED'],
  },
  draftFacts: {
    systems: 'systemsAffected',
    estateShare: 'servicesAffectedPercent',
    personalData: 'personalDataAffected',
    peopleAffected: 'peopleAffected',
  },
  machine,
});
