import { UserError } from '../errors.ts';
import type { Authenticity } from '../engine/notices.ts';
import type { ExchangeFile } from '../input/exchangeFile.ts';
import { checkExchange, signExchange, type Acknowledgement, type AcknowledgementBody, type Notice, type NoticeBody } from '../record/notice.ts';
import type { ActorInput, IncidentReport, Irp, RecordOptions } from './irp.ts';

/**
 * Notices between linked incidents: a supplier's incident tells each organisation of its register, with a signed
 * file or through the shared store; the organisation opens its own incident from the first notice, takes in the
 * later ones, and acknowledges them; the supplier takes the acknowledgements in. Nothing is taken in without its
 * signature by a key the receiver trusts (or, on one shared store, from the record itself).
 */

/** The sender's key checked: the signature holds, and its fingerprint is one the receiver named (or the register holds). */
export function refuseUntrusted(signed: Notice | Acknowledgement, file: string, trusted: readonly string[]): string {
  const check = checkExchange(signed);
  if (!check.signatureValid) throw new UserError({ code: 'notice-refused', file, why: 'bad-signature' });
  if (trusted.length === 0) throw new UserError({ code: 'notice-refused', file, why: 'no-trust', detail: `it is signed by key ${check.fingerprint}` });
  if (!trusted.includes(check.fingerprint)) throw new UserError({ code: 'notice-refused', file, why: 'untrusted', detail: `key ${check.fingerprint}` });
  return check.fingerprint;
}

const bodyOf = <T extends { publicKey: string; signature: string }>(signed: T): Omit<T, 'publicKey' | 'signature'> => {
  const { publicKey: _key, signature: _signature, ...body } = signed;
  return body;
};

/** Signs every notice the supplier's record holds (for one organisation, or one duty, when asked). */
export async function signedNotices(irp: Irp, incident: string, privateKeyPem: string, only: { organisation?: string | undefined; duty?: string | undefined }): Promise<Notice[]> {
  const notices = await irp.notices(incident, only);
  try {
    return notices.map((notice) => signExchange(notice, privateKeyPem));
  } catch (error) {
    throw new UserError({ code: 'unusable-seal-key', reason: (error as Error).message });
  }
}

/** Opens an organisation's own incident from a supplier's signed notice: aware when it was told, unless said otherwise. */
export async function openFromNotice(
  irp: Irp,
  input: { playbook: string; settings?: Record<string, string> | undefined; exchange: ExchangeFile; trust: readonly string[]; title?: string | undefined; awareAt?: Date | undefined; actor: ActorInput; now: Date },
): Promise<IncidentReport> {
  const { exchange } = input;
  if (exchange.kind !== 'notice') throw new UserError({ code: 'notice-refused', file: exchange.file, why: 'not-a-notice', detail: 'it is an acknowledgement, not a notice' });
  const fingerprint = refuseUntrusted(exchange.notice, exchange.file, input.trust);
  return openFromBody(irp, { ...input, notice: bodyOf(exchange.notice), authenticity: { via: 'signed-file', fingerprint, file: exchange.file } });
}

/** Opens an organisation's own incident from the supplier's incident on the same store: its first notice to that organisation. */
export async function openFromIncident(
  irp: Irp,
  input: { playbook: string; settings?: Record<string, string> | undefined; supplier: string; organisation: string; title?: string | undefined; awareAt?: Date | undefined; actor: ActorInput; now: Date },
): Promise<IncidentReport> {
  const [first] = await irp.notices(input.supplier, { organisation: input.organisation });
  if (!first) throw new UserError({ code: 'nothing-owed', duty: `a notice from ${input.supplier} to ${input.organisation}` });
  return openFromBody(irp, { ...input, notice: first, authenticity: { via: 'shared-store', file: `incident ${input.supplier}` } });
}

/**
 * The receiver's incident opened for the nation the supplier's register gives for it, where its playbook has a
 * `nation` setting with that choice (`nation: scotland` for "Scotland"): a Scottish customer's clocks and bodies are
 * Scotland's without being asked. A choice given with the opening wins.
 */
async function nationOf(irp: Irp, playbook: string, notice: NoticeBody): Promise<Record<string, string>> {
  const nation = notice.to.nation;
  if (nation === undefined) return {};
  const choice = nation.toLowerCase().replace(/ /g, '-');
  const spec = (await irp.catalog.load(playbook)).settings.nation;
  return spec && choice in spec.choices ? { nation: choice } : {};
}

async function openFromBody(
  irp: Irp,
  input: { playbook: string; settings?: Record<string, string> | undefined; notice: NoticeBody; authenticity: Authenticity; title?: string | undefined; awareAt?: Date | undefined; actor: ActorInput; now: Date },
): Promise<IncidentReport> {
  const { notice } = input;
  const toldAt = new Date(Math.min(Date.parse(notice.notice.toldAt), input.now.getTime()));
  return irp.start({
    playbook: input.playbook,
    settings: { ...(await nationOf(irp, input.playbook, notice)), ...input.settings },
    title: input.title ?? `${notice.from.title}: ${notice.to.name}`,
    awareAt: input.awareAt ?? toldAt,
    actor: input.actor,
    then: { kind: 'notice-in', notice, authenticity: input.authenticity },
  });
}

/** Takes a signed notice into the incident it is for, or a signed acknowledgement into the supplier's. */
export async function receiveFile(irp: Irp, incident: string, exchange: ExchangeFile, trust: readonly string[], options: RecordOptions): Promise<IncidentReport> {
  if (exchange.kind === 'notice') {
    const fingerprint = refuseUntrusted(exchange.notice, exchange.file, trust);
    return irp.execute(incident, { kind: 'notice-in', notice: bodyOf(exchange.notice), authenticity: { via: 'signed-file', fingerprint, file: exchange.file } }, options);
  }
  // An acknowledgement: trusted if signed by a key named now, or the key the register holds for that organisation.
  const { register } = await irp.register(incident);
  const known = register.organisations.find((status) => status.organisation.id === exchange.acknowledgement.from.organisation)?.organisation.key;
  const fingerprint = refuseUntrusted(exchange.acknowledgement, exchange.file, [...trust, ...(known ? [known] : [])]);
  return irp.execute(incident, { kind: 'acknowledgement-in', acknowledgement: bodyOf(exchange.acknowledgement), authenticity: { via: 'signed-file', fingerprint, file: exchange.file } }, options);
}

/** Takes in, on the shared store, every notice the linked supplier's incident holds for this organisation and this incident has not. */
export async function pullNotices(irp: Irp, incident: string, options: RecordOptions): Promise<IncidentReport[]> {
  const link = await linkOf(irp, incident);
  const { report } = await irp.register(incident);
  const have = new Set(report.view.events.flatMap((event) => (event.kind === 'notice.received' ? [event.data.notice.seq] : [])));
  const reports: IncidentReport[] = [];
  for (const notice of await irp.notices(link.incident, { organisation: link.organisation })) {
    if (have.has(notice.notice.seq)) continue;
    reports.push(await irp.execute(incident, { kind: 'notice-in', notice, authenticity: { via: 'shared-store', file: `incident ${link.incident}` } }, options));
  }
  return reports;
}

/**
 * Acknowledges the notices received and not yet acknowledged: records that here, then makes one acknowledgement
 * for each, carrying this record's head (which holds the acknowledgement): signed with `privateKeyPem` to send as
 * files, or, without a key, recorded straight into the supplier's incident on the shared store.
 */
export async function acknowledgeNotices(
  irp: Irp,
  incident: string,
  options: RecordOptions & { privateKeyPem?: string | undefined; seq?: number | undefined },
): Promise<{ acknowledgements: Acknowledgement[] | AcknowledgementBody[]; recorded: IncidentReport }> {
  const via = options.privateKeyPem ? 'signed-file' : 'shared-store';
  const link = await linkOf(irp, incident);
  const recorded = await irp.execute(incident, { kind: 'notice-acknowledged', via, seq: options.seq }, options);
  const last = recorded.view.events.at(-1);
  if (!last) throw new Error('an acknowledgement recorded nothing');
  const received = new Map(recorded.view.events.flatMap((event) => (event.kind === 'notice.received' ? [[event.data.notice.seq, event.data] as const] : [])));
  const bodies: AcknowledgementBody[] = recorded.recorded.flatMap((event) => {
    if (event.kind !== 'notice.acknowledged') return [];
    const notice = received.get(event.data.seq);
    if (!notice) return [];
    return [{
      format: 'irp-ack-v1' as const,
      to: { incident: notice.from.incident, seq: notice.notice.seq, hash: notice.notice.hash },
      from: { incident, organisation: notice.to.id, head: { count: last.seq, hash: last.hash } },
      acknowledgedAt: event.occurredAt,
    }];
  });
  if (options.privateKeyPem) {
    try {
      return { acknowledgements: bodies.map((body) => signExchange(body, options.privateKeyPem as string)), recorded };
    } catch (error) {
      throw new UserError({ code: 'unusable-seal-key', reason: (error as Error).message });
    }
  }
  for (const body of bodies) await irp.acknowledgeOnStore(link.incident, body, { name: options.actor.name, organisation: link.organisationName });
  return { acknowledgements: bodies, recorded };
}

async function linkOf(irp: Irp, incident: string): Promise<{ incident: string; organisation: string; organisationName: string }> {
  const { report } = await irp.register(incident);
  const first = report.view.events.find((event) => event.kind === 'notice.received');
  if (first?.kind !== 'notice.received') throw new UserError({ code: 'notice-refused', file: `incident ${incident}`, why: 'not-linked' });
  return { incident: first.data.from.incident, organisation: first.data.to.id, organisationName: first.data.to.name };
}
