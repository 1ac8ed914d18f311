import { UserError } from '../errors.ts';
import { playbookWords } from '../playbook/playbookWords.ts';
import { inWords } from '../record/inWords.ts';
import type { AcknowledgementBody, NoticeBody } from '../record/notice.ts';
import type { NewEvent } from '../record/recordedEvent.ts';
import { attributed, decideDecision, type Attribution } from './decide.ts';
import type { IncidentFold } from './incidentFold.ts';
import type { IncidentView } from './incidentView.ts';
import { dutyKey, noticeKey } from './register.ts';

/** How a notice or an acknowledgement was shown to be genuine: a signature by a trusted key, or the shared store itself. */
export type Authenticity = { via: 'signed-file'; fingerprint: string; file: string } | { via: 'shared-store'; file: string };

/**
 * The notices this incident's record holds for its register: one for every duty done for an organisation whose
 * duty is sent as a notice, oldest first, each carrying where the record stands now (`from.head`) and what it says
 * is known now. Unsigned: the edge signs them with the sender's key.
 */
export function noticesOf(fold: IncidentFold, only: { organisation?: string | undefined; duty?: string | undefined } = {}): NoticeBody[] {
  const { playbook, register } = fold;
  const last = fold.events.at(-1);
  if (!last) return [];
  const words = playbookWords(playbook);
  const known = Object.values(playbook.draftFacts)
    .filter((fact): fact is string => typeof fact === 'string' && fact in fold.facts)
    .map((fact) => ({ label: words.field(undefined, fact), value: inWords(fold.facts[fact]) }));
  const notices: NoticeBody[] = [];
  for (const done of [...register.done.values()].sort((a, b) => a.seq - b.seq)) {
    const duty = playbook.duties.find((d) => d.id === done.duty);
    const organisation = register.organisations.get(done.organisation)?.organisation;
    // The entry's hash, from the record itself (the register keeps its place, not its bytes).
    const hash = fold.events[done.seq - 1]?.hash;
    if (!duty?.asks || !organisation || hash === undefined || done.notNeeded !== undefined) continue;
    if (only.organisation !== undefined && only.organisation !== organisation.id) continue;
    if (only.duty !== undefined && only.duty !== duty.id) continue;
    notices.push({
      format: 'irp-notice-v1',
      from: { incident: fold.opened.incident, title: fold.opened.data.title, head: { count: last.seq, hash: last.hash } },
      to: { id: organisation.id, name: organisation.name, ...(organisation.ods ? { ods: organisation.ods } : {}), nation: organisation.nation },
      notice: {
        seq: done.seq,
        hash,
        duty: duty.id,
        label: duty.label,
        toldAt: done.at,
        ...(done.product ? { product: done.product } : {}),
        ...(done.how ? { how: done.how } : {}),
        ...(done.reference ? { reference: done.reference } : {}),
      },
      ...(done.payload ? { details: done.payload } : {}),
      known,
      asks: duty.asks,
    });
  }
  return notices;
}

/**
 * Takes a notice (already shown genuine) into this incident: refused if it is for another organisation or from
 * another incident than the one this incident is linked to, or was taken in before. Records it, then what the
 * playbook says a notice of its duty does here: the moment of awareness it starts (dated when it was told, with
 * that as the reason when it is earlier than the margin allows), facts, and a decision filled from it (when the
 * playbook offers that decision now).
 */
export function decideNoticeIn(fold: IncidentFold, view: IncidentView, notice: NoticeBody, authenticity: Authenticity, by: Attribution): NewEvent[] {
  const { register, playbook } = fold;
  const first = register.received.values().next().value;
  if (first && first.data.from.incident !== notice.from.incident) {
    throw new UserError({ code: 'notice-refused', file: authenticity.file, why: 'other-incident', detail: `from ${notice.from.incident}; this incident takes notices from ${first.data.from.incident}` });
  }
  if (first && first.data.to.id !== notice.to.id) {
    throw new UserError({ code: 'notice-refused', file: authenticity.file, why: 'other-organisation', detail: `to ${notice.to.name}; this incident is ${first.data.to.name}'s` });
  }
  const earlier = register.received.get(noticeKey(notice.from.incident, notice.notice.seq));
  if (earlier) throw new UserError({ code: 'notice-refused', file: authenticity.file, why: 'replayed', detail: `as event #${earlier.seq}` });

  const effect = playbook.notices[notice.notice.duty] ?? {};
  const events: NewEvent[] = [
    {
      kind: 'notice.received',
      data: {
        from: notice.from,
        to: { id: notice.to.id, name: notice.to.name },
        notice: notice.notice,
        via: authenticity.via,
        ...(authenticity.via === 'signed-file' ? { fingerprint: authenticity.fingerprint } : {}),
        ...(notice.details ? { details: notice.details } : {}),
        ...(effect.sets ? { sets: effect.sets } : {}),
      },
      ...attributed({ actor: by.actor, occurredAt: by.occurredAt, ...(by.backdateReason ? { backdateReason: by.backdateReason } : {}) }),
    },
  ];
  const received = events[0] as NewEvent;
  if (effect.moment && !(effect.moment in fold.moments)) {
    const label = [...playbook.clocks].map((clock) => clock.starts).find((starts) => starts.on === 'moment' && starts.moment === effect.moment);
    // Aware from the moment it was told, however late the notice is taken in; never before the incident's own awareness.
    const toldAt = new Date(Math.max(Date.parse(notice.notice.toldAt), Date.parse(fold.opened.data.awareAt)));
    const early = by.occurredAt.getTime() - toldAt.getTime() > 0;
    events.push({
      kind: 'awareness.recorded',
      data: { moment: effect.moment, label: label?.on === 'moment' ? label.label : effect.moment },
      ...attributed({
        actor: by.actor,
        occurredAt: early ? toldAt : by.occurredAt,
        ...(early ? { backdateReason: `told by ${notice.from.title}'s notice (event #${notice.notice.seq} of ${notice.from.incident}) at ${notice.notice.toldAt}` } : {}),
      }),
    });
  }
  if (effect.event && view.choices.some((choice) => choice.event === effect.event && choice.blockers.length === 0)) {
    const payload: Record<string, unknown> = {};
    for (const [field, from] of Object.entries(effect.payload ?? {})) {
      const value =
        from === 'reference' ? notice.notice.reference : from === 'toldAt' ? notice.notice.toldAt : from === 'notice' ? `${notice.from.incident} #${notice.notice.seq}` : notice.details?.[from];
      if (value !== undefined) payload[field] = value;
    }
    // The notice is taken in even when the decision cannot be made from it (a field it does not carry): the
    // receiver then makes the decision by hand.
    try {
      events.push(decideDecision(fold, view, { event: effect.event, ...(Object.keys(payload).length > 0 ? { payload } : {}) }, { ...by, note: `from ${notice.from.title}'s notice` }));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      received.note = `"${playbookWords(playbook).decision(effect.event)}" was not recorded from it: ${error.message}`;
    }
  } else if (effect.event) {
    received.note = `"${playbookWords(playbook).decision(effect.event)}" is not open at this point: record it when it is (the notice's details are here)`;
  }
  return events;
}

/** Records that this incident acknowledged the notices it received and had not acknowledged (or the one named). */
export function decideNoticeAcknowledged(fold: IncidentFold, view: IncidentView, via: 'signed-file' | 'shared-store', by: Attribution, seq?: number): NewEvent[] {
  const open = [...fold.register.received.values()].filter(
    (received) => !fold.register.acknowledged.has(noticeKey(received.data.from.incident, received.data.notice.seq)) && (seq === undefined || received.data.notice.seq === seq),
  );
  if (open.length === 0) throw new UserError({ code: 'nothing-to-acknowledge', incident: view.id });
  return open.map((received) => ({ kind: 'notice.acknowledged', data: { incident: received.data.from.incident, seq: received.data.notice.seq, via }, ...attributed(by) }));
}

/**
 * Takes an organisation's acknowledgement (already shown genuine) into the sender's incident: refused if it is
 * for another incident, acknowledges a notice this incident did not send to that organisation (or sent with other
 * contents), or was taken in before.
 */
export function decideAcknowledgementIn(fold: IncidentFold, view: IncidentView, ack: AcknowledgementBody, authenticity: Authenticity, by: Attribution): NewEvent[] {
  const { register } = fold;
  if (ack.to.incident !== view.id) throw new UserError({ code: 'notice-refused', file: authenticity.file, why: 'other-incident', detail: `for ${ack.to.incident}` });
  if (!register.organisations.has(ack.from.organisation)) throw new UserError({ code: 'notice-refused', file: authenticity.file, why: 'not-in-register', detail: ack.from.organisation });
  const sent = [...register.done.values()].find((done) => done.seq === ack.to.seq);
  if (!sent || fold.events[sent.seq - 1]?.hash !== ack.to.hash || sent.organisation !== ack.from.organisation || !register.done.has(dutyKey(sent.organisation, sent.duty, sent.product))) {
    throw new UserError({ code: 'notice-refused', file: authenticity.file, why: 'not-sent', detail: `event #${ack.to.seq} to ${ack.from.organisation}` });
  }
  const earlier = register.acknowledgements.get(ack.to.seq);
  if (earlier) throw new UserError({ code: 'notice-refused', file: authenticity.file, why: 'replayed', detail: `as event #${earlier.seq}` });
  return [
    {
      kind: 'acknowledgement.received',
      data: {
        organisation: ack.from.organisation,
        notice: ack.to.seq,
        from: { incident: ack.from.incident, head: ack.from.head },
        via: authenticity.via,
        ...(authenticity.via === 'signed-file' ? { fingerprint: authenticity.fingerprint } : {}),
      },
      ...attributed(by),
    },
  ];
}
