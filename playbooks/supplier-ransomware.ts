// Ransomware at a software supplier whose systems run health and care services: the supplier's side.
//
// Modelled on the attack on Advanced in August 2022 (detected about 07:00 BST on 4 August; all health and care
// environments shut down as a precaution; the damage narrowed to about 2% of the estate; NCA and NCSC told;
// customers on paper backup procedures for weeks; gated, phased reconnection from 22 August with each customer's
// own Board approving). Sources for the duties named in the steps:
// - UK GDPR Art. 33(2): a processor tells each controller "without undue delay" after becoming aware.
//   https://www.legislation.gov.uk/eur/2016/679/article/33
// - UK GDPR Art. 33(1): the controller reports to the ICO within 72 hours of awareness where a breach risks people's
//   rights; in health and care through the DSPT incident reporting tool. https://ico.org.uk/for-organisations/report-a-breach/
// - NIS Regulations 2018 reg. 12 (relevant digital service providers report substantial impact to the ICO within
//   72 hours). https://www.legislation.gov.uk/uksi/2018/506/regulation/12
// - NHS England Cyber Security Operations Centre: report cyber incidents affecting health and care immediately.
//   https://digital.nhs.uk/cyber-and-data-security/report-an-incident
// - NCSC incident reporting and Action Fraud (24/7 for a live attack): https://report.ncsc.gov.uk/
import { assign, setup } from 'xstate';
import { z } from 'zod';
import { definePlaybook, type StepMeta } from 'irp/playbook';
import { clock } from './_uk-clocks.ts';

const personalData = z.enum(['yes', 'no', 'unknown']);
const reference = z.string().trim().min(1, 'give the reference number you were given');

const events = {
  SCOPE_ASSESSED: {
    payload: z.object({
      estateAffectedPercent: z.number().min(0).max(100),
      productsAffected: z.array(z.string().trim().min(1)).min(1, 'name at least one product'),
      personalDataInvolved: personalData,
      peopleAffected: z.number().int().min(0).optional(),
    }),
  },
  NCSC_NOTIFIED: { payload: z.object({ ncscReference: reference }) },
  NCA_NOTIFIED: { payload: z.object({ actionFraudReference: reference }) },
  CSOC_NOTIFIED: { payload: z.object({ csocReference: reference }) },
  CUSTOMERS_NOTIFIED: { payload: z.object({ customersNotified: z.number().int().min(1) }) },
  ICO_NOTIFIED: { payload: z.object({ icoReference: reference }) },
  ICO_NOT_REQUIRED: { payload: z.object({ reason: z.string().trim().min(10, 'say why, in a sentence') }) },
  DEVOLVED_NOTIFIED: {
    payload: z.object({ nationsNotified: z.array(z.enum(['Scotland', 'Wales', 'Northern Ireland'])).min(1) }),
  },
  BACKUPS_CHECKED: { payload: z.object({ backupSet: z.string().trim().min(1), backupsClean: z.boolean() }) },
  CUSTOMER_RECONNECTED: {
    payload: z.object({
      customer: z.string().trim().min(1),
      boardApproval: z.literal(true, 'the customer\'s Board must approve reconnection first'),
    }),
  },
  ISOLATE_ONLY: { payload: z.object({ reason: z.string().trim().min(10, 'say why a full shutdown is not needed') }) },
};

type Context = {
  personalData: z.infer<typeof personalData> | undefined;
  backupsClean: boolean;
  reconnected: string[];
};

const machine = setup({
  types: { meta: {} as StepMeta, context: {} as Context },
  guards: {
    personalDataRuledOut: ({ context }) => context.personalData === 'no',
    backupsVerifiedClean: ({ context }) => context.backupsClean,
    someCustomerReconnected: ({ context }) => context.reconnected.length > 0,
  },
}).createMachine({
  id: 'supplier-ransomware',
  context: { personalData: undefined, backupsClean: false, reconnected: [] },
  initial: 'declare',
  states: {
    declare: {
      meta: {
        title: 'Declare the incident',
        role: 'incident-commander',
        instructions:
          'Confirm what was seen and by whom. If it looks like ransomware (encrypted files, ransom notes, unexpected ' +
          'admin logins), declare a major cyber incident now: the moment of awareness starts the regulatory clocks.',
        checklist: [
          { id: 'detection-source', text: 'Who or what raised the alarm, and when, is noted' },
          { id: 'bridge-opened', text: 'Incident bridge opened; incident team paged' },
          { id: 'loggist-assigned', text: 'A loggist keeps the decision log from now on' },
        ],
      },
      on: {
        DECLARE: { target: 'contain', description: 'Declare a major cyber incident' },
        STAND_DOWN: { target: 'review', description: 'Not an incident: stand down and review' },
      },
    },
    contain: {
      meta: { title: 'Contain' },
      initial: 'shutdown',
      states: {
        shutdown: {
          meta: {
            title: 'Decide on a precautionary shutdown',
            role: 'incident-commander',
            instructions:
              'Decide whether to shut down all health and care environments as a precaution until the attack is ' +
              'scoped. A shutdown stops the spread at the cost of customers losing their systems; customers must be ' +
              'told at once so they can switch to their backup procedures.',
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
              'route. Preserve evidence before anything is wiped: memory, disk images, logs.',
            checklist: [
              { id: 'servers-isolated', text: 'Affected servers isolated from the network' },
              { id: 'remote-access-cut', text: 'Remote access (Citrix, RDP, VPN) cut' },
              { id: 'third-party-accounts-disabled', text: 'Third-party and supplier accounts disabled' },
              { id: 'mfa-enforced', text: 'MFA enforced on every remote access route that is brought back' },
              { id: 'evidence-preserved', text: 'Memory, disk images and logs preserved for forensics' },
              { id: 'forensics-engaged', text: 'Forensic incident response firm engaged', required: false },
            ],
          },
          on: { CONTAINED: { target: '#supplier-ransomware.respond', description: 'Spread contained' } },
        },
      },
    },
    respond: {
      meta: { title: 'Scope, notify and support customers' },
      type: 'parallel',
      onDone: { target: 'recover' },
      states: {
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
                record: [
                  { id: 'estateAffectedPercent', label: 'Share of the estate affected (%)' },
                  { id: 'productsAffected', label: 'Products affected' },
                  { id: 'personalDataInvolved', label: 'Personal data involved' },
                  { id: 'peopleAffected', label: 'Number of people affected' },
                ],
              },
              on: {
                SCOPE_ASSESSED: {
                  target: 'assessed',
                  description: 'Record the scope',
                  actions: assign({ personalData: ({ event }) => (event as { personalDataInvolved?: Context['personalData'] }).personalDataInvolved }),
                },
              },
            },
            assessed: { type: 'final' },
          },
        },
        notify: {
          meta: { title: 'Notify' },
          type: 'parallel',
          states: {
            ncsc: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'Report to the NCSC',
                    role: 'incident-commander',
                    instructions: 'Report the incident to the National Cyber Security Centre and ask for support.',
                    record: [{ id: 'ncscReference', label: 'NCSC reference' }],
                  },
                  on: { NCSC_NOTIFIED: { target: 'done', description: 'NCSC notified' } },
                },
                done: { type: 'final' },
              },
            },
            nca: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'Report the crime to Action Fraud / the NCA',
                    role: 'incident-commander',
                    instructions:
                      'Report the live attack to Action Fraud (24/7) so the National Crime Agency can act. Do not ' +
                      'pay or engage the attacker without law enforcement advice.',
                    record: [{ id: 'actionFraudReference', label: 'Action Fraud / NCA reference' }],
                  },
                  on: { NCA_NOTIFIED: { target: 'done', description: 'Action Fraud / NCA notified' } },
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
                    role: 'customer-liaison',
                    instructions:
                      'Call the NHS England Cyber Security Operations Centre: any cyber incident affecting health and ' +
                      'care in England is reported immediately.',
                    record: [{ id: 'csocReference', label: 'CSOC reference' }],
                  },
                  on: { CSOC_NOTIFIED: { target: 'done', description: 'NHS England CSOC notified' } },
                },
                done: { type: 'final' },
              },
            },
            customers: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'Tell customers, as data controllers',
                    role: 'dpo',
                    instructions:
                      'As processor, tell every customer (each a data controller) without undue delay (UK GDPR ' +
                      'Art. 33(2)): what happened, which of their services are affected, and what you know about ' +
                      'their data. They have their own 72-hour clock to the ICO.',
                    record: [{ id: 'customersNotified', label: 'Customers notified' }],
                  },
                  on: { CUSTOMERS_NOTIFIED: { target: 'done', description: 'Customers (controllers) notified' } },
                },
                done: { type: 'final' },
              },
            },
            ico: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'Report to the ICO if personal data is involved',
                    role: 'dpo',
                    instructions:
                      'Within 72 hours of awareness, report to the ICO (in health and care through the DSPT incident ' +
                      'tool) unless the breach is unlikely to risk people\'s rights. Report in phases if facts are ' +
                      'still coming in. A decision not to report must be recorded with its reason.',
                    record: [{ id: 'icoReference', label: 'ICO reference' }],
                  },
                  on: {
                    ICO_NOTIFIED: { target: 'done', description: 'ICO notified' },
                    ICO_NOT_REQUIRED: {
                      target: 'done',
                      guard: 'personalDataRuledOut',
                      description: 'No personal data involved: record why the ICO is not told',
                    },
                  },
                },
                done: { type: 'final' },
              },
            },
            devolved: {
              initial: 'pending',
              states: {
                pending: {
                  meta: {
                    title: 'Tell the other nations\' bodies where their services are hit',
                    role: 'customer-liaison',
                    instructions:
                      'If services in Scotland, Wales or Northern Ireland are affected, tell their governments\' health ' +
                      'and cyber teams (for example the Scottish Government) the same day.',
                  },
                  on: {
                    DEVOLVED_NOTIFIED: { target: 'done', description: 'Devolved governments notified' },
                    NO_DEVOLVED_SERVICES: { target: 'done', description: 'No services outside England are affected' },
                  },
                },
                done: { type: 'final' },
              },
            },
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
                  '(paper) procedures, and how long to plan for. Give them a named contact and a time for the next update.',
                checklist: [
                  { id: 'customers-advised', text: 'Every affected customer told to switch to backup procedures' },
                  { id: 'update-schedule', text: 'Schedule of updates to customers agreed' },
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
      },
    },
    recover: {
      meta: { title: 'Eradicate and rebuild' },
      initial: 'eradicate',
      states: {
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
              'set verified clean.',
            checklist: [{ id: 'restore-tested', text: 'Restore tested in an isolated environment' }],
            record: [
              { id: 'backupSet', label: 'Backup set checked' },
              { id: 'backupsClean', label: 'Verified clean' },
            ],
          },
          on: {
            BACKUPS_CHECKED: {
              description: 'Record the result of checking a backup set',
              actions: assign({ backupsClean: ({ event }) => (event as { backupsClean?: boolean }).backupsClean === true }),
            },
            RESTORED: { target: '#supplier-ransomware.reconnect', guard: 'backupsVerifiedClean', description: 'Data restored' },
          },
        },
      },
    },
    reconnect: {
      meta: { title: 'Assurance and reconnection' },
      initial: 'assurance',
      states: {
        assurance: {
          meta: {
            title: 'Give assurance evidence to NHS England and the NCSC',
            role: 'incident-commander',
            instructions:
              'Hand NHS England and the NCSC the evidence that the rebuilt environment is clean: forensic findings, ' +
              'what was fixed, monitoring in place. Reconnection waits for their acceptance.',
            checklist: [
              { id: 'forensic-report', text: 'Forensic report shared' },
              { id: 'evidence-accepted', text: 'NHS England and NCSC accept the evidence' },
            ],
          },
          on: { ASSURANCE_ACCEPTED: { target: 'phased', description: 'Assurance accepted' } },
        },
        phased: {
          meta: {
            title: 'Reconnect customers one at a time',
            role: 'customer-liaison',
            instructions:
              'Reconnect customers one at a time, in the order agreed with the NHS England incident team. Each ' +
              'customer\'s own Board must approve its reconnection. Watch each one for signs of re-infection before ' +
              'the next.',
            record: [{ id: 'customer', label: 'Last customer reconnected' }],
          },
          on: {
            CUSTOMER_RECONNECTED: {
              description: 'A customer reconnected, with its Board\'s approval',
              actions: assign({
                reconnected: ({ context, event }) => [...context.reconnected, String((event as { customer?: string }).customer)],
              }),
            },
            REINFECTION_DETECTED: {
              target: '#supplier-ransomware.contain.isolate',
              description: 'Signs of re-infection: contain again',
            },
            ALL_RECONNECTED: { target: 'monitor', guard: 'someCustomerReconnected', description: 'Every customer reconnected' },
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
          after: { '1209600000': { target: '#supplier-ransomware.review', description: '14 days of monitoring without re-infection' } },
          on: {
            MONITORING_ENDED: { target: '#supplier-ransomware.review', description: 'End monitoring early' },
            REINFECTION_DETECTED: {
              target: '#supplier-ransomware.contain.isolate',
              description: 'Signs of re-infection: contain again',
            },
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
          'actions with owners. Check that every regulator has had its final report.',
        checklist: [
          { id: 'review-held', text: 'Review held and minuted' },
          { id: 'actions-owned', text: 'Every action has an owner and a date' },
          { id: 'final-reports', text: 'Final reports sent to the ICO and other bodies where required', required: false },
        ],
      },
      on: { CLOSE: { target: 'closed', description: 'Close the incident' } },
    },
    closed: { type: 'final' },
  },
});

export default definePlaybook({
  id: 'supplier-ransomware',
  version: '1.2.0',
  title: 'Ransomware at a health and care software supplier',
  summary:
    'Contain, scope and notify (NCSC, NCA, NHS England, customers, ICO), keep customers safe on backup procedures, ' +
    'rebuild, restore from clean backups and reconnect customers one at a time.',
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
    personalDataRuledOut: 'the scope must first record that no personal data is involved',
    backupsVerifiedClean: 'a backup set must be checked and recorded as clean (BACKUPS_CHECKED)',
    someCustomerReconnected: 'at least one customer must be reconnected (CUSTOMER_RECONNECTED)',
  },
  events,
  clocks: [
    clock('ico-art33', {
      stops: { event: 'ICO_NOTIFIED', reference: 'icoReference' },
      waivedBy: { event: 'ICO_NOT_REQUIRED', reason: 'reason', reopensIf: { fact: 'personalDataInvolved', values: ['yes'] } },
    }),
    clock('controllers-art33-2', { stops: { event: 'CUSTOMERS_NOTIFIED' } }),
    clock('nhse-csoc', { stops: { event: 'CSOC_NOTIFIED', reference: 'csocReference' } }),
    clock('ncsc', { stops: { event: 'NCSC_NOTIFIED', reference: 'ncscReference' } }),
    clock('action-fraud', { stops: { event: 'NCA_NOTIFIED', reference: 'actionFraudReference' } }),
  ],
  milestones: {
    Contain: ['CONTAINED'],
    'Customers on backup procedures': ['BACKUP_PROCEDURES_ADVISED'],
    Restore: ['RESTORED'],
    'First customer reconnected': ['CUSTOMER_RECONNECTED'],
  },
  draftFacts: {
    systems: 'productsAffected',
    estateShare: 'estateAffectedPercent',
    personalData: 'personalDataInvolved',
    peopleAffected: 'peopleAffected',
  },
  machine,
});
