// What a health or care provider reports when a supplier it relies on is hit, whatever the supplier supplies: the
// command chain (the commissioner's on-call, then the health resilience on-call, then the level as declared), the
// cyber report, the personal data breach (the DSPT report and the ICO's notification apart), NIS reg. 11 (its own
// service) and 12(9) (its digital service provider's incident), and the care regulator. Declared once here, so that
// the clinical-system and the pathology playbooks cannot drift apart; each names the nation's bodies through the words
// of the `nation` setting (_uk-settings.ts), and runs the nation's clocks from the catalogue (_uk-clocks.ts), which
// cites the law for each.
import { z } from 'zod';
import { notification, type ClockSpec, type StepMeta } from 'irp/playbook';
import { clock, NATIONS } from './_uk-clocks.ts';
import { inNation } from './_uk-settings.ts';

const reference = z.string().trim().min(1, 'give the reference number you were given');
const why = z.string().trim().min(10, 'say why, in a sentence');

/** The decisions of the reports, with their data. */
export const reportEvents = {
  ICB_NOTIFIED: { payload: z.object({ icbReference: reference }) },
  EPRR_NOTIFIED: { payload: z.object({ eprrReference: reference }) },
  CSOC_NOTIFIED: { payload: z.object({ csocReference: reference }) },
  DSPT_REPORTED: { payload: z.object({ dsptReference: reference.meta({ title: 'DSPT reference' }) }) },
  SUPPLIER_TOLD_ICO: {
    payload: z.object({ supplierIcoReference: z.string().trim().min(1, 'give the supplier\'s ICO reference, or "not given"').meta({ title: 'Supplier\'s ICO reference' }) }),
  },
  ICO_NOTIFIED: {
    payload: z.object({
      icoReference: reference.meta({ title: 'ICO reference', question: 'What reference did the ICO give (or the DSPT report\'s, where the tool passed it on)?' }),
    }),
  },
  NIS_REPORTED: { payload: z.object({ nisReference: reference }) },
  NIS_FULL_REPORT: { payload: z.object({ fullReportReference: reference.meta({ title: 'Full NIS report reference' }) }) },
  NIS_SUPPLIER_IMPACT_REPORTED: { payload: z.object({ impactReference: reference.meta({ title: 'NIS reg. 12(9) reference' }) }) },
  // Any one answer is enough for no report; an operator whose service was significantly hit by its digital service
  // provider's incident has no answer here, and reports.
  NIS_SUPPLIER_IMPACT_NOT_REPORTABLE: {
    payload: z.object({
      whyNot: z
        .enum(['not an operator of essential services', 'no significant impact on the essential service', 'the supplier is not a relevant digital service provider'])
        .meta({
          title: 'Why no NIS reg. 12(9) report',
          question: 'Why is no report due: not an operator of essential services, no significant impact on its essential service, or a supplier that is not a relevant digital service provider?',
        }),
      reason: why,
    }),
  },
  CQC_NOTIFIED: { payload: z.object({ cqcReference: reference }) },
  CQC_NOT_REQUIRED: { payload: z.object({ reason: z.string().trim().min(10, 'say why, in a sentence: not registered, or which exemption applies') }) },
};

/** The command chain: the commissioner's on-call first, then the health resilience on-call, then `classify`. */
export function commandChain<Classify extends object>(classify: Classify) {
  return {
    initial: 'icb' as const,
    states: {
      icb: {
        meta: { title: 'Tell {commissioner}', role: 'incident-commander', instructions: 'Tell {commissioner} first: they lead the local response.', record: [{ id: 'icbReference', label: 'Reference' }] } as StepMeta,
        on: { ICB_NOTIFIED: { target: 'region' as const, description: 'Commissioner\'s on-call told (the ICB in England)' } },
      },
      region: {
        meta: { title: 'Tell {resilience}', role: 'incident-commander', instructions: 'Report the incident to {resilience} and join its calls.', record: [{ id: 'eprrReference', label: 'Resilience reference' }] } as StepMeta,
        on: { EPRR_NOTIFIED: { target: 'classify' as const, description: 'Health resilience on-call told (NHS England region, EPRR, in England)' } },
      },
      classify,
      done: { type: 'final' as const },
    },
  };
}

/** The cyber report: the NHS England CSOC in England, the nation's own route elsewhere. */
export const cyberReport = notification({
  title: 'Report the cyber incident to {cyberCentre}',
  role: 'technical-lead',
  instructions: 'Report the cyber incident, and what it means for your services, to {cyberCentre}; share what it asks for.',
  record: [{ id: 'csocReference', label: 'Cyber report reference' }],
  on: { CSOC_NOTIFIED: { target: 'done', description: 'Cyber incident reported (the NHS England CSOC in England)' } },
});

/**
 * The personal data breach, reported to the ICO by the provider as controller. `notRequired` is the decision that no
 * report is needed (with the guard, if any, that it waits for).
 */
export function icoReport<Guard extends string = never>(notRequired: { guard?: Guard }) {
  return {
    initial: 'pending' as const,
    states: {
      pending: {
        meta: {
          title: 'Report the personal data breach to the ICO',
          role: 'dpo',
          notification: true,
          instructions:
            'Report the breach to the ICO within 72 hours of awareness (UK GDPR Art. 33(1): yours, as controller), ' +
            '{dataRoute}. In England record the DSPT report and the ICO\'s notification as two entries: the DSPT ' +
            'reference when you report, the ICO\'s when it has the report. That the supplier has told the ICO itself ' +
            'does not report for you: record it, and report all the same. A report is not needed only where the data ' +
            'assessment finds the breach unlikely to result in a risk to people; record why.',
          record: [
            { id: 'dsptReference', label: 'DSPT reference' },
            { id: 'icoReference', label: 'ICO reference' },
            { id: 'supplierIcoReference', label: 'Supplier\'s ICO reference' },
          ],
        } as StepMeta,
        on: {
          DSPT_REPORTED: { description: 'DSPT incident report made (England)' },
          SUPPLIER_TOLD_ICO: { description: 'The supplier has told the ICO (its own report; yours is still owed)' },
          ICO_NOTIFIED: { target: 'done' as const, description: 'ICO notified of the breach' },
          ICO_NOT_REQUIRED: { target: 'done' as const, ...notRequired, description: 'Unlikely to result in a risk to people: record why the ICO is not told' },
        },
      },
      done: { type: 'final' as const },
    },
  };
}

/**
 * NIS reg. 11: the notification within 72 hours, then the full report. `who` says who is an operator of essential
 * services, for the provider reading it.
 */
export function nisReport(who: string, notRequired: string) {
  return {
    initial: 'pending' as const,
    states: {
      pending: {
        meta: {
          title: 'NIS incident report to {nisAuthority}',
          role: 'siro',
          instructions:
            `${who} If you are one and the impact on the continuity of the service is significant, notify ` +
            '{nisAuthority} within 72 hours of what you know (NIS reg. 11); otherwise record whether you are one, and ' +
            'why no report is due.',
          record: [{ id: 'nisReference', label: 'NIS reference' }],
        } as StepMeta,
        on: {
          NIS_REPORTED: { target: 'full' as const, description: 'NIS incident notified' },
          NIS_NOT_REQUIRED: { target: 'done' as const, description: notRequired },
        },
      },
      full: {
        meta: {
          title: 'Send {nisAuthority} the full NIS report',
          role: 'siro',
          instructions:
            'When what was not known at first is known (how long the incident lasted, its impact, its cause), send the ' +
            'full report that reg. 11(3)(a) describes. Under the Cyber Security and Resilience Bill, if it becomes law ' +
            'as introduced, the full report is due within 72 hours and the first notification within 24.',
          record: [{ id: 'fullReportReference', label: 'Full NIS report reference' }],
        } as StepMeta,
        on: { NIS_FULL_REPORT: { target: 'done' as const, description: 'Full NIS report sent' } },
      },
      done: { type: 'final' as const },
    },
  };
}

/** NIS reg. 12(9): the impact on the provider's essential service of its digital service provider's incident. */
export const nisSupplierImpact = notification({
  title: 'Tell {nisAuthority} of the supplier\'s incident\'s impact (NIS reg. 12(9))',
  role: 'siro',
  instructions:
    'An operator of essential services that relies on a digital service provider for an essential service must tell ' +
    'its competent authority, {nisAuthority}, of any significant impact on the continuity of that service caused by ' +
    'an incident at the provider (NIS Regulations 2018, reg. 12(9); enforceable under reg. 17(1)(d)). If you are not ' +
    'an operator of essential services, the impact was not significant, or the supplier is not a relevant digital ' +
    'service provider, record which, and why.',
  record: [{ id: 'impactReference', label: 'NIS reg. 12(9) reference' }],
  on: {
    NIS_SUPPLIER_IMPACT_REPORTED: { target: 'done', description: 'Supplier\'s incident\'s impact reported (NIS reg. 12(9))' },
    NIS_SUPPLIER_IMPACT_NOT_REPORTABLE: { target: 'done', description: 'Not reportable under NIS reg. 12(9): record which answer, and why' },
  },
});

/** The care regulator: the CQC (reg. 18) in England; the nation's regulator, with no sourced clock, elsewhere. */
export const careRegulator = notification({
  title: 'Notify {careRegulator} (a registered provider)',
  role: 'incident-commander',
  instructions: '{careRegulatorRule}',
  record: [{ id: 'cqcReference', label: 'Care regulator\'s reference' }],
  on: {
    CQC_NOTIFIED: { target: 'done', description: 'Care regulator notified (the CQC, reg. 18, in England)' },
    CQC_NOT_REQUIRED: { target: 'done', description: 'Not registered, or exempt: record which, and why' },
  },
});

/**
 * The clocks of the reports, each for the nation and guidance it applies under: the ICO's 72 hours (and its waiver),
 * NIS reg. 11 and 12(9) to the nation's competent authority, the CSOC and the CQC in England, the SIRO's 12 hours under
 * the DSPT with the NDG standards, and the Bill's, where a site turns it on.
 */
export function reportClocks(options: { icoWaiver: NonNullable<ClockSpec['waivedBy']>; siroWaiver?: ClockSpec['waivedBy'] }): ClockSpec[] {
  return [
    clock('ico-art33', { stops: { event: 'ICO_NOTIFIED', reference: 'icoReference' }, waivedBy: options.icoWaiver }),
    // The NIS competent authority of the nation the incident was opened in (NIS Regulations 2018, Schedule 1).
    ...NATIONS.map((nation) => clock(`nis-reg11-${nation}`, { stops: { event: 'NIS_REPORTED', reference: 'nisReference' }, waivedBy: { event: 'NIS_NOT_REQUIRED', reason: 'reason' }, ...inNation(nation) })),
    ...NATIONS.map((nation) =>
      clock(`nis-reg12-9-${nation}`, {
        stops: { event: 'NIS_SUPPLIER_IMPACT_REPORTED', reference: 'impactReference' },
        waivedBy: { event: 'NIS_SUPPLIER_IMPACT_NOT_REPORTABLE', reason: 'reason' },
        ...inNation(nation),
      }),
    ),
    clock('nhse-csoc', {
      stops: { event: 'CSOC_NOTIFIED', reference: 'csocReference' },
      ...inNation('england'),
      notRunBecause: 'The CSOC covers health and care in England only; elsewhere the cyber report goes by the nation\'s own route, which sets no deadline irp can cite.',
    }),
    clock('siro-dspt', {
      stops: { event: 'SIRO_INFORMED' },
      ...(options.siroWaiver ? { waivedBy: options.siroWaiver } : {}),
      appliesWhen: { nation: ['england'], dspt: ['ndg-standards'] },
      notRunBecause: 'The 12 hours are National Data Guardian standard 6 as the DSPT 2023-24 (v6) guide words it; the CAF-aligned DSPT, and the other nations, set no such report.',
    }),
    clock('cqc-reg18', {
      stops: { event: 'CQC_NOTIFIED', reference: 'cqcReference' },
      waivedBy: { event: 'CQC_NOT_REQUIRED', reason: 'reason' },
      ...inNation('england'),
      notRunBecause: 'The CQC registers providers in England only; the care regulators of Scotland, Wales and Northern Ireland have rules of their own, for which irp has no sourced clock.',
    }),
    clock('people-art34', { stops: { event: 'PEOPLE_TOLD' }, waivedBy: { event: 'PEOPLE_NOT_TOLD' } }),
    // The Cyber Security and Resilience Bill's clocks, where a site turns them on (not in force).
    clock('bill-initial-oes', { stops: { event: 'NIS_REPORTED', reference: 'nisReference' }, waivedBy: { event: 'NIS_NOT_REQUIRED', reason: 'reason' }, appliesWhen: { law: ['bill'] } }),
    clock('bill-full-oes', { stops: { event: 'NIS_FULL_REPORT', reference: 'fullReportReference' }, waivedBy: { event: 'NIS_NOT_REQUIRED', reason: 'reason' }, appliesWhen: { law: ['bill'] } }),
  ];
}
