// A trust whose pathology or diagnostics supplier has been hit by a cyber attack: the trust's side.
//
// Modelled on the ransomware attack on Synnovis, the pathology partnership of two London trusts, on Monday 3 June 2024
// (NHS England London, "Update on cyber incident: clinical impact in South East London", 14 June 2024,
// https://www.england.nhs.uk/london/2024/06/14/update-on-cyber-incident-clinical-impact-in-south-east-london-friday-14-june-2024/):
// far fewer tests could be processed; the most affected trusts declared critical incidents; NHS England London
// declared a regional incident and coordinated mutual aid (operations moved to other hospitals), rerouted GP blood
// tests to other laboratories borough by borough, and worked with NHS Blood and Transplant for extra stocks of
// "universal" group O blood, as hospitals could not match patients' blood as quickly; NHS Blood and Transplant
// appealed for O-negative and O-positive donors on 10 June 2024. Patients were told to dial 999 in an emergency, use
// NHS 111 otherwise, and attend appointments unless told not to. Data taken from the supplier was published later in
// June (NHS South East London ICB, 24 June 2024: https://selondonics.org/icb/healthcare-professionals/synnovis-cyber-attack).
//
// The trust is the controller of its patients' data: the ICO's 72 hours (UK GDPR Art. 33(1)) are its own duty; the
// supplier telling the ICO does not discharge it. In England the DSPT incident report and the ICO's notification are
// recorded apart. Clocks come from the catalogue in _uk-clocks.ts; the nation, the DSPT and the law are the settings
// chosen when the incident is opened (_uk-settings.ts). Also:
// - NHS Blood and Transplant, blood stock levels and alerts: https://www.blood.co.uk/
// - Patient Safety Incident Response Framework (PSIRF): https://www.england.nhs.uk/patient-safety/patient-safety-insight/incident-response-framework/
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { definePlaybook, field, hours, notification, payload, type StepMeta } from 'irp/playbook';
import { careRegulator, commandChain, cyberReport, icoReport, nisReport, nisSupplierImpact, reportClocks, reportEvents } from './_provider-reports.ts';
import { DSPT, LAW, NATION } from './_uk-settings.ts';

const reference = z.string().trim().min(1, 'give the reference number you were given');
const count = (title: string, question?: string) => z.number().int().min(0).meta({ title, ...(question ? { question } : {}) });
const why = z.string().trim().min(10, 'say why, in a sentence');

// The data assessment, declared once with its labels, and read by the action that keeps whether the risk is high.
const dataImpact = payload({
  personalDataAffected: field(z.enum(['yes', 'no', 'unknown']), 'Personal data affected'),
  highRiskToPeople: field(z.boolean(), 'High risk to the people affected', { question: 'Is the risk to the people affected high? (yes means telling them)' }),
});

const events = {
  ...reportEvents,
  DECLARE: { rationale: 'Why declare a critical incident now? (what testing was lost, and what it means for patients)' },
  CLOSE: { rationale: 'Why can the incident be closed now?' },
  SERVICE_RESTORED: { rationale: 'Why is the restored service safe to use for patients\' results?' },
  TESTING_PRIORITISED: {
    payload: z.object({
      capacityPercent: z.number().min(0).max(100).meta({ title: 'Testing capacity left (%)', question: 'What share of normal testing can still be processed (%)?' }),
      urgentOnly: z.boolean().meta({ title: 'Urgent tests only', question: 'Is testing limited to urgent requests?' }),
    }),
  },
  BLOOD_STOCKS_SECURED: {
    payload: z.object({
      groupOUnits: count('Group O units held', 'How many units of group O red cells are held for patients whose blood cannot be matched electronically?'),
      manualCrossmatch: z.boolean().meta({ title: 'Manual crossmatch in place', question: 'Is manual (paper) crossmatching in place?' }),
    }),
  },
  NHSBT_SUPPORT_REQUESTED: { payload: z.object({ nhsbtReference: reference.meta({ title: 'NHS Blood and Transplant reference' }) }) },
  MUTUAL_AID_REQUESTED: { payload: z.object({ askedOf: z.array(z.string().trim().min(1)).min(1, 'name at least one provider').meta({ title: 'Mutual aid asked of' }) }) },
  MUTUAL_AID_AGREED: { payload: z.object({ agreedWith: z.array(z.string().trim().min(1)).min(1, 'name at least one provider').meta({ title: 'Mutual aid agreed with' }) }) },
  MUTUAL_AID_ESCALATED: { payload: z.object({ escalatedTo: z.string().trim().min(1, 'name whom it was escalated to').meta({ title: 'Escalated to' }) }) },
  GP_TESTS_REROUTED: {
    payload: z.object({
      practicesRerouted: count('GP practices rerouted'),
      toLaboratory: z.string().trim().min(1, 'name the laboratory').meta({ title: 'Rerouted to' }),
    }),
  },
  INCIDENT_CLASSIFIED: {
    payload: z.object({
      incidentType: z.enum(['business continuity', 'critical', 'major']),
      level: z.string().trim().min(1).meta({ title: 'Incident level, as declared', question: 'Which incident level has been declared for the system (in England, NHS England\'s 1 to 4)?' }),
    }),
  },
  SIRO_INFORMED: { payload: z.object({ siro: z.string().trim().min(1, 'name the SIRO told') }) },
  DATA_IMPACT_ASSESSED: { payload: dataImpact.schema },
  ICO_NOT_REQUIRED: { payload: z.object({ reason: why }) },
  PEOPLE_TOLD: { payload: z.object({ peopleTold: count('People told') }) },
  NIS_NOT_REQUIRED: { payload: z.object({ reason: why }) },
  SUPPLIER_ASSURANCE_RECEIVED: { payload: z.object({ assuranceReference: z.string().trim().min(1) }) },
  RESULTS_VALIDATED: { payload: z.object({ validatedBy: z.string().trim().min(1, 'name who validated the restored results').meta({ title: 'Validated by' }) }) },
  BACKLOG_CLEARED: { payload: z.object({ testsRepeated: count('Tests repeated or recalled'), appointmentsRebooked: count('Appointments rebooked') }) },
  PSIRF_RESPONSE_DECIDED: {
    payload: z.object({
      learningResponse: z
        .enum(['patient safety incident investigation', 'after-action review', 'swarm huddle', 'multidisciplinary team review', 'thematic review', 'no learning response needed'])
        .meta({ title: 'PSIRF learning response' }),
      eventsConsidered: count('Patient safety events considered'),
    }),
    rationale: 'Why this learning response? (what the events showed, and what is to be learnt)',
  },
};

type Context = { assured: boolean; validated: boolean; learningDecided: boolean; dataAssessed: boolean; highRisk: boolean };

const machine = setup({
  types: { meta: {} as StepMeta, context: {} as Context },
  guards: {
    assuredAndValidated: ({ context }) => context.assured && context.validated,
    learningResponseDecided: ({ context }) => context.learningDecided,
    noHighRisk: ({ context }) => context.dataAssessed && !context.highRisk,
  },
}).createMachine({
  id: 'pathology-supplier-outage',
  context: { assured: false, validated: false, learningDecided: false, dataAssessed: false, highRisk: false },
  initial: 'declare',
  states: {
    declare: {
      meta: {
        title: 'Declare the incident',
        role: 'incident-commander',
        instructions:
          'The pathology supplier reports a cyber attack, or its laboratory systems are down. Confirm with it what ' +
          'can still be tested and how results come back, and declare the incident your plan calls for: a critical ' +
          'incident where the loss of testing threatens patient care (as the most affected trusts declared in June ' +
          '2024). Awareness starts the clocks.',
        checklist: [
          { id: 'supplier-contacted', text: 'Supplier contacted; what can still be tested, and its next update time, noted' },
          { id: 'on-call-informed', text: 'On-call director (gold) informed' },
          { id: 'loggist-assigned', text: 'A loggist keeps the decision log' },
        ],
      },
      on: { DECLARE: { target: 'respond', description: 'Declare the incident (critical, or business continuity)' } },
    },
    respond: {
      meta: { title: 'Keep patients safe, share the load and notify' },
      type: 'parallel',
      onDone: 'restore',
      states: {
        testing: {
          meta: { title: 'Testing' },
          initial: 'prioritise',
          states: {
            prioritise: {
              meta: {
                title: 'Limit testing to urgent work; set up contingency testing',
                role: 'pathology-lead',
                instructions:
                  'Agree with clinicians which tests are urgent (emergency department, inpatients, cancer and ' +
                  'transplant), postpone routine requests, and set up contingency testing: manual processes, point-of-' +
                  'care testing, results phoned through and logged on paper.',
                checklist: [
                  { id: 'urgent-criteria', text: 'Criteria for urgent tests agreed with clinical leads' },
                  { id: 'results-by-phone', text: 'Critical results phoned through and logged' },
                  { id: 'point-of-care', text: 'Point-of-care testing extended where it is safe', required: false },
                ],
                record: [
                  { id: 'capacityPercent', label: 'Testing capacity left (%)' },
                  { id: 'urgentOnly', label: 'Urgent tests only' },
                ],
              },
              on: { TESTING_PRIORITISED: { target: 'done', description: 'Testing limited to urgent work; contingency testing running' } },
            },
            done: { type: 'final' },
          },
        },
        transfusion: {
          meta: { title: 'Blood transfusion' },
          initial: 'stocks',
          states: {
            stocks: {
              meta: {
                title: 'Protect blood stocks and transfusion safety',
                role: 'transfusion-lead',
                instructions:
                  'Without the laboratory system, blood cannot be matched to patients as quickly: group O ("universal") ' +
                  'blood is used where a patient\'s group cannot be confirmed in time, and runs down fast. Set manual ' +
                  'crossmatching, reserve group O for those who need it, and review planned surgery that needs blood.',
                checklist: [
                  { id: 'manual-crossmatch', text: 'Manual crossmatch procedure in use' },
                  { id: 'group-o-reserved', text: 'Group O blood reserved for patients who need it' },
                  { id: 'surgery-reviewed', text: 'Planned surgery needing blood reviewed with surgeons' },
                ],
                record: [
                  { id: 'groupOUnits', label: 'Group O units held' },
                  { id: 'manualCrossmatch', label: 'Manual crossmatch in place' },
                ],
              },
              on: { BLOOD_STOCKS_SECURED: { target: 'nhsbt', description: 'Blood stocks and transfusion safety secured' } },
            },
            nhsbt: {
              meta: {
                title: 'Ask NHS Blood and Transplant for group O stock',
                role: 'transfusion-lead',
                instructions:
                  'Tell NHS Blood and Transplant how much group O blood you are using and ask for extra stock; it ' +
                  'decides on donor appeals and stock alerts (in June 2024 it appealed for O-negative and O-positive ' +
                  'donors a week after the attack).',
                record: [{ id: 'nhsbtReference', label: 'NHS Blood and Transplant reference' }],
              },
              on: { NHSBT_SUPPORT_REQUESTED: { target: 'done', description: 'NHS Blood and Transplant asked for group O stock' } },
            },
            done: { type: 'final' },
          },
        },
        mutualAid: {
          meta: { title: 'Mutual aid' },
          initial: 'request',
          states: {
            request: {
              meta: {
                title: 'Ask other providers for mutual aid',
                role: 'incident-commander',
                instructions:
                  'Ask neighbouring trusts and laboratories to take time-sensitive work: tests, and patients whose ' +
                  'operations cannot wait.',
                record: [{ id: 'askedOf', label: 'Mutual aid asked of' }],
              },
              on: { MUTUAL_AID_REQUESTED: { target: 'agree', description: 'Mutual aid asked for' } },
            },
            agree: {
              meta: {
                title: 'Agree mutual aid (escalate if not agreed within 4 hours)',
                role: 'incident-commander',
                instructions:
                  'Agree with each provider what it takes, from when, and how results and patients come back. If no ' +
                  'aid is agreed within 4 hours of asking, the step moves on to escalating it.',
                record: [{ id: 'agreedWith', label: 'Mutual aid agreed with' }],
              },
              on: { MUTUAL_AID_AGREED: { target: 'done', description: 'Mutual aid agreed' } },
              after: { [hours(4)]: { target: 'escalate', description: 'No mutual aid agreed within 4 hours: escalate' } },
            },
            escalate: {
              meta: {
                title: 'Escalate mutual aid to {resilience}',
                role: 'incident-commander',
                instructions:
                  'Mutual aid was not agreed within 4 hours. Escalate to {resilience}, which can coordinate aid across ' +
                  'the region (NHS England London did so in June 2024), and record it once agreed.',
                record: [{ id: 'escalatedTo', label: 'Escalated to' }],
              },
              on: {
                MUTUAL_AID_ESCALATED: { description: 'Mutual aid escalated' },
                MUTUAL_AID_AGREED: { target: 'done', description: 'Mutual aid agreed' },
              },
            },
            done: { type: 'final' },
          },
        },
        primaryCare: {
          meta: { title: 'GP testing' },
          initial: 'reroute',
          states: {
            reroute: {
              meta: {
                title: 'Reroute GP tests to other laboratories',
                role: 'pathology-lead',
                instructions:
                  'With the ICB and the GP practices, pause routine GP blood tests and reroute urgent ones to other ' +
                  'laboratories (in June 2024 practice by practice, borough by borough), with transport and a route ' +
                  'back for the results.',
                checklist: [
                  { id: 'practices-told', text: 'GP practices told which tests to send, and where' },
                  { id: 'transport-arranged', text: 'Sample transport to the other laboratory arranged' },
                  { id: 'results-route', text: 'Results route back to the requesting GP tested' },
                ],
                record: [
                  { id: 'practicesRerouted', label: 'GP practices rerouted' },
                  { id: 'toLaboratory', label: 'Rerouted to' },
                ],
              },
              on: { GP_TESTS_REROUTED: { target: 'done', description: 'GP tests rerouted' } },
            },
            done: { type: 'final' },
          },
        },
        comms: {
          meta: { title: 'Patients' },
          initial: 'patients',
          states: {
            patients: {
              meta: {
                title: 'Tell patients what to do',
                role: 'comms-lead',
                instructions:
                  'Tell patients: in an emergency, dial 999; otherwise use NHS 111; attend appointments unless told ' +
                  'otherwise; routine blood tests are paused. Give a helpline, and say that patients whose ' +
                  'appointments move will be contacted.',
                checklist: [
                  { id: 'call-999-message', text: 'Messages say: in an emergency, dial 999' },
                  { id: 'attend-unless-told', text: 'Messages say: attend appointments unless told otherwise' },
                  { id: 'helpline', text: 'A helpline is open', required: false },
                ],
              },
              on: { PATIENTS_INFORMED: { target: 'done', description: 'Patients told what to do' } },
            },
            done: { type: 'final' },
          },
        },
        data: {
          meta: { title: 'Data' },
          initial: 'assess',
          states: {
            assess: {
              meta: {
                title: 'Assess the impact on personal data',
                role: 'dpo',
                instructions:
                  'The loss of the laboratory system is itself a personal data breach (loss of availability); data ' +
                  'taken from the supplier is a further one. Decide whether your patients\' data is affected and ' +
                  'whether the risk to them is high (which means telling them).',
                record: dataImpact.record,
              },
              on: {
                DATA_IMPACT_ASSESSED: {
                  target: 'people',
                  description: 'Record the impact on personal data',
                  actions: assign({ dataAssessed: true, highRisk: ({ event }) => dataImpact.read(event).highRiskToPeople === true }),
                },
              },
            },
            people: {
              meta: {
                title: 'Tell the people affected, if the risk to them is high',
                role: 'dpo',
                instructions: 'Where the breach is likely to be a high risk to people, tell them without undue delay, in plain language.',
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
                title: 'Record the incident type and its level as declared',
                role: 'incident-commander',
                instructions: 'Record the type of incident declared (business continuity, critical or major) and {levelScheme}.',
                record: [
                  { id: 'incidentType', label: 'Type of incident' },
                  { id: 'level', label: 'Incident level, as declared' },
                ],
              },
              on: { INCIDENT_CLASSIFIED: { target: 'done', description: 'Incident type and level recorded' } },
            }),
            csoc: cyberReport,
            siro: notification({
              title: 'Tell the SIRO and the executive team',
              role: 'dpo',
              instructions: 'Report to senior management (the Senior Information Risk Owner): within 12 hours of detection where you are assessed against the DSPT with the National Data Guardian standards.',
              record: [{ id: 'siro', label: 'SIRO told' }],
              on: { SIRO_INFORMED: { target: 'done', description: 'SIRO informed' } },
            }),
            ico: icoReport({}),
            nis: nisReport('A trust is an operator of essential services.', 'No significant impact on the essential service: record why'),
            nisSupplier: nisSupplierImpact,
            cqc: careRegulator,
          },
        },
      },
    },
    restore: {
      meta: { title: 'Restore' },
      initial: 'gate',
      states: {
        gate: {
          meta: {
            title: 'Restore testing only after the supplier\'s assurance and validated results',
            role: 'pathology-lead',
            instructions:
              'Take the laboratory service back only when the supplier\'s assurance has been accepted (NHS England and ' +
              'the NCSC in England) and restored results have been validated against samples tested elsewhere. Bring ' +
              'GP testing back borough by borough, as agreed with the ICB.',
            record: [
              { id: 'assuranceReference', label: 'Supplier assurance' },
              { id: 'validatedBy', label: 'Results validated by' },
            ],
          },
          on: {
            SUPPLIER_ASSURANCE_RECEIVED: { description: 'Supplier assurance received', actions: assign({ assured: true }) },
            RESULTS_VALIDATED: { description: 'Restored results validated', actions: assign({ validated: true }) },
            SERVICE_RESTORED: { target: 'backlog', guard: 'assuredAndValidated', description: 'Laboratory service restored' },
          },
        },
        backlog: {
          meta: {
            title: 'Clear the backlog by clinical priority',
            role: 'pathology-lead',
            instructions:
              'Repeat or recall tests whose results were lost, rebook postponed appointments and operations by clinical ' +
              'priority, and check that every result phoned through during the outage is in the patient\'s record.',
            record: [
              { id: 'testsRepeated', label: 'Tests repeated or recalled' },
              { id: 'appointmentsRebooked', label: 'Appointments rebooked' },
            ],
          },
          on: { BACKLOG_CLEARED: { target: '#pathology-supplier-outage.review', description: 'Backlog cleared' } },
        },
      },
    },
    review: {
      meta: {
        title: 'Post-incident review',
        role: 'incident-commander',
        instructions:
          'Review with staff, the supplier, the ICB and the providers that gave mutual aid: what worked, what did not, ' +
          'harm from delayed tests and transfusions. Decide, under PSIRF, the learning response to the patient safety ' +
          'events of the outage.',
        checklist: [{ id: 'review-held', text: 'Review held and minuted' }],
        record: [{ id: 'learningResponse', label: 'PSIRF learning response' }],
      },
      on: {
        PSIRF_RESPONSE_DECIDED: { description: 'PSIRF learning response decided', actions: assign({ learningDecided: true }) },
        CLOSE: { target: 'closed', guard: 'learningResponseDecided', description: 'Close the incident' },
      },
    },
    closed: { type: 'final' },
  },
});

export default definePlaybook({
  id: 'pathology-supplier-outage',
  version: '1.0.0',
  title: 'Pathology supplier outage at a trust',
  summary:
    'A trust whose pathology or diagnostics supplier was hit: urgent-only and contingency testing, blood stocks and ' +
    'transfusion, mutual aid with an escalation timer, GP tests rerouted, patients told, the DSPT and ICO reports ' +
    'apart, NIS, restoration after validated results, the backlog and a PSIRF review.',
  settings: { nation: NATION, dspt: DSPT, law: LAW },
  roles: {
    'incident-commander': 'Incident commander',
    'pathology-lead': 'Pathology lead',
    'transfusion-lead': 'Transfusion lead',
    'technical-lead': 'Technical lead',
    'comms-lead': 'Communications lead',
    dpo: 'Data Protection Officer',
    siro: 'Senior Information Risk Owner',
    loggist: 'Loggist',
  },
  guards: {
    assuredAndValidated: 'the supplier\'s assurance and the validation of restored results must both be recorded',
    learningResponseDecided: 'the PSIRF learning response for harm during the outage must be decided first',
    noHighRisk: 'the data assessment must record that the risk to people is not high',
  },
  events,
  clocks: reportClocks({ icoWaiver: { event: 'ICO_NOT_REQUIRED', reason: 'reason', reopensIf: { fact: 'personalDataAffected', values: ['yes'] } } }),
  clocksNotRun: {
    'Processor tells each controller (UK GDPR Art. 33(2))': 'The trust is the controller of its patients\' data: it reports to the ICO itself; its supplier is the processor that tells it.',
  },
  milestones: {
    'Urgent-only and contingency testing': ['TESTING_PRIORITISED'],
    'Blood stocks secured': ['BLOOD_STOCKS_SECURED'],
    'Mutual aid agreed': ['MUTUAL_AID_AGREED'],
    'GP tests rerouted': ['GP_TESTS_REROUTED'],
    'Laboratory service restored': ['SERVICE_RESTORED'],
  },
  draftFacts: { personalData: 'personalDataAffected' },
  machine,
});
