// The choices a UK health or care provider makes once, when it opens an incident: the nation its services are in,
// the Data Security and Protection Toolkit it is assessed against, and the law its clocks follow. Every authority,
// route and level scheme of a provider's playbook follows from them: its steps use the words below as `{name}`, and
// its clocks run under the choices in their `appliesWhen`.
//
// Sources for the nations' authorities and routes:
// - NIS competent authorities for health: NIS Regulations 2018, Schedule 1
//   (https://www.legislation.gov.uk/uksi/2018/506/schedule/1); DHSC's guide for the health sector in England (2023).
// - England's CSOC covers health and care in England by its own terms:
//   https://digital.nhs.uk/cyber-and-data-security/incidents-and-alerts/report-an-incident
// - Scotland: the Scottish Health Competent Authority's "Significant Incident Reporting" page
//   (https://www.healthca.scot/significant-incident-reporting): NIS incidents to the SHCA; personal data breaches that
//   meet its thresholds to the ICO and to the Scottish Government's information governance team.
// - Northern Ireland: the Department of Finance's NIS page (https://www.finance-ni.gov.uk/articles/nis-governance-northern-ireland).
// - The CQC registers providers in England only (Health and Social Care Act 2008, s. 10); reg. 18 of the 2009
//   Registration Regulations is its notification duty.
// Where no public source names one route for a nation (the on-call chain above a provider in Scotland, Wales and
// Northern Ireland, and the care regulators' notification rules there), the words say to use the route in the
// organisation's own plan rather than guess; the README lists these gaps.
import type { SettingSpecInput } from 'irp/playbook';

export const NATION: SettingSpecInput = {
  question: 'Which nation are the affected services in?',
  choices: {
    england: {
      label: 'England',
      words: {
        nisAuthority: 'the Department of Health and Social Care (the competent authority for health in England)',
        cyberCentre: 'the NHS England Cyber Security Operations Centre (CSOC), 24/7 on 0300 303 5222',
        commissioner: 'your integrated care board\'s on-call director',
        resilience: 'the regional NHS England EPRR on-call',
        levelScheme: 'the NHS England incident level (1 to 4) that NHS England or the ICB has declared',
        dataRoute: 'through the DSPT incident reporting tool, which passes a reportable personal data breach to the ICO',
        careRegulator: 'the Care Quality Commission',
        careRegulatorRule:
          'A provider registered with the CQC must notify it without delay of an event that prevents, or threatens to ' +
          'prevent, carrying on the regulated activity safely (losing the clinical system can be one), and of an ' +
          'incident reported to the police (Care Quality Commission (Registration) Regulations 2009, reg. 18), through ' +
          'the CQC\'s provider portal. If you are not registered, or are a health service body that reg. 18 exempts ' +
          'because the incident was reported to NHS England, record which, and why.',
      },
    },
    scotland: {
      label: 'Scotland',
      words: {
        nisAuthority: 'the Scottish Health Competent Authority, for Scottish Ministers (healthca@gov.scot)',
        cyberCentre:
          'the Scottish Government as a notifiable public sector cyber incident (see the SHCA\'s significant incident ' +
          'reporting page) and NHS National Services Scotland\'s Cyber Security Centre of Excellence',
        commissioner: 'your health board\'s executive on-call',
        resilience: 'the Scottish Government health resilience contact your board\'s plan names',
        levelScheme: 'the incident level in your board\'s own plan (NHS England\'s levels 1 to 4 do not apply in Scotland)',
        dataRoute: 'directly to the ICO, and to the Scottish Government\'s information governance team (healthca.scot)',
        careRegulator: 'your care regulator (Healthcare Improvement Scotland, or the Care Inspectorate)',
        careRegulatorRule:
          'The CQC regulates in England only. A service registered with Healthcare Improvement Scotland or the Care ' +
          'Inspectorate tells it as its registration conditions require; irp has no sourced clock for that duty. ' +
          'Record whom you told and why, or why no one needed to be.',
      },
    },
    wales: {
      label: 'Wales',
      words: {
        nisAuthority: 'the Welsh Ministers (the competent authority for health in Wales)',
        cyberCentre: 'the NHS Wales cyber security route your organisation\'s plan names (and the NCSC)',
        commissioner: 'your health board\'s executive on-call',
        resilience: 'the Welsh Government health emergency planning contact your plan names',
        levelScheme: 'the incident level in your organisation\'s own plan (NHS England\'s levels 1 to 4 do not apply in Wales)',
        dataRoute: 'directly to the ICO (the DSPT is England\'s)',
        careRegulator: 'your care regulator (Healthcare Inspectorate Wales, or Care Inspectorate Wales)',
        careRegulatorRule:
          'The CQC regulates in England only. A service registered with Healthcare Inspectorate Wales or Care ' +
          'Inspectorate Wales tells it as its registration requires; irp has no sourced clock for that duty. Record ' +
          'whom you told and why, or why no one needed to be.',
      },
    },
    'northern-ireland': {
      label: 'Northern Ireland',
      words: {
        nisAuthority: 'the Department of Finance (nis.incident@finance-ni.gov.uk; send no sensitive information by email)',
        cyberCentre: 'the Northern Ireland Cyber Security Centre and the HSC cyber security route your plan names',
        commissioner: 'the Department of Health\'s Strategic Planning and Performance Group on-call',
        resilience: 'the Department of Health emergency planning contact your plan names',
        levelScheme: 'the incident level in your organisation\'s own plan (NHS England\'s levels 1 to 4 do not apply in Northern Ireland)',
        dataRoute: 'directly to the ICO',
        careRegulator: 'the Regulation and Quality Improvement Authority (RQIA)',
        careRegulatorRule:
          'The CQC regulates in England only. A service registered with the RQIA tells it as its registration ' +
          'requires; irp has no sourced clock for that duty. Record whom you told and why, or why no one needed to be.',
      },
    },
  },
};

export const DSPT: SettingSpecInput = {
  question: 'Which Data Security and Protection Toolkit is the organisation assessed against?',
  askedWhen: { nation: ['england'] },
  choices: {
    'ndg-standards': { label: 'DSPT with the National Data Guardian standards (2023-24, v6; independent providers)' },
    'caf-aligned': { label: 'CAF-aligned DSPT (trusts, ICBs, CSUs and arm\'s-length bodies, from September 2024)' },
  },
};

export const LAW: SettingSpecInput = {
  question: 'Which law do the clocks follow?',
  site: true,
  choices: {
    'in-force': { label: 'The law in force' },
    bill: { label: 'The law in force, and the Cyber Security and Resilience Bill\'s clocks as introduced (not in force)' },
  },
};

/** Clocks of one nation only. */
export const inNation = (nation: string) => ({ appliesWhen: { nation: [nation] } });
