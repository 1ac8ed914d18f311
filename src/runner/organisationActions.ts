import { acknowledgeNotices, pullNotices } from '../api/exchange.ts';
import type { IncidentReport, Irp } from '../api/irp.ts';
import type { PlannedEntry } from '../engine/entryCheck.ts';
import type { DutyState, OrganisationStatus } from '../engine/registerStatus.ts';
import { readRegisterFile } from '../input/registerFile.ts';
import { NATIONS, ORGANISATION_KINDS } from '../record/organisation.ts';
import { renderOrganisation, renderRegister } from '../render/renderRegister.ts';
import { askPayload, askYesNo } from './askPayload.ts';
import type { EntryTime } from './askTime.ts';
import type { Option } from './prompter.ts';
import type { RunnerIo, Session } from './runnerIo.ts';

type Choice = 'show' | 'one' | 'duty' | 'add' | 'load' | 'pull' | 'ack';

/**
 * "Organisations…": the register of a supplier's incident (show it, one organisation, record a duty done for some
 * or all, add one, load a file), and for a customer's incident linked to its supplier's on the same store, taking
 * in the supplier's new notices and acknowledging them. Returns the report after recording, or `undefined`.
 */
export async function organisationActions(
  irp: Irp,
  report: IncidentReport,
  io: RunnerIo,
  session: Session,
  page: (text: string) => Promise<void>,
  when: (message: string, entry: PlannedEntry) => Promise<EntryTime>,
): Promise<IncidentReport | undefined> {
  const id = report.view.id;
  const { prompter } = io;
  const register = report.register;
  const options: Array<Option<Choice>> = [];
  if (register) {
    const owed = register.duties.reduce((sum, duty) => sum + duty.owed - duty.done, 0);
    options.push(
      { value: 'show', name: `Show the register (${register.count} organisations)` },
      { value: 'one', name: 'Show one organisation', ...(register.count === 0 ? { disabled: '(the register is empty)' } : {}) },
      { value: 'duty', name: `Record a duty done for organisations (${owed} still owed)`, ...(register.count === 0 ? { disabled: '(the register is empty)' } : {}) },
      { value: 'add', name: 'Add an organisation to the register' },
      { value: 'load', name: 'Load a register file (CSV or YAML)' },
    );
  }
  if (report.linked) {
    options.push(
      { value: 'pull', name: `Take in new notices from ${report.linked.title} (same store)` },
      { value: 'ack', name: `Acknowledge the notices taken in (${report.linked.received - report.linked.acknowledged} not yet)`, ...(report.linked.received === report.linked.acknowledged ? { disabled: '(all acknowledged)' } : {}) },
    );
  }
  const choice = await prompter.select({ key: 'organisations', message: 'Organisations (Escape: back)', options });
  switch (choice) {
    case 'show':
      await page(renderRegister(register ?? emptyRegister(), io.clock.now(), 40));
      return undefined;
    case 'one': {
      const status = await pickOrganisation(io, register?.organisations ?? []);
      await page(renderOrganisation(status, io.clock.now()));
      return undefined;
    }
    case 'duty':
      return recordDuty(irp, report, io, session, when);
    case 'add':
      return addOrganisation(irp, id, io, session);
    case 'load': {
      const file = (await prompter.input({ key: 'register.file', message: 'The register file (CSV or YAML)', validate: (t) => (t.trim() ? true : 'give its path') })).trim();
      const read = readRegisterFile(file);
      const recorded = await irp.execute(id, { kind: 'register', organisations: read.organisations, where: read.where }, { actor: session.actor });
      io.print(`Recorded ${recorded.recorded.length} register entries from ${file}.`);
      return recorded;
    }
    case 'pull': {
      const reports = await pullNotices(irp, id, { actor: session.actor });
      io.print(reports.length === 0 ? 'No new notice from the supplier.' : `Took in ${reports.length} notice${reports.length === 1 ? '' : 's'}.`);
      return reports.at(-1);
    }
    case 'ack': {
      const { acknowledgements, recorded } = await acknowledgeNotices(irp, id, { actor: session.actor });
      io.print(`Acknowledged ${acknowledgements.length} notice${acknowledgements.length === 1 ? '' : 's'} in the supplier's incident.`);
      return recorded;
    }
  }
}

function emptyRegister() {
  return { organisations: [], count: 0, members: 0, duties: [], notices: { sent: 0, acknowledged: 0 }, byProduct: [], byNation: [], urgent: [] };
}

async function pickOrganisation(io: RunnerIo, organisations: readonly OrganisationStatus[]): Promise<OrganisationStatus> {
  const picked = await io.prompter.select({
    key: 'organisation',
    message: 'Which organisation?',
    options: organisations.map((status, index) => ({ value: index, name: `${status.organisation.name} · ${status.organisation.nation}`, tags: [status.organisation.id] })),
  });
  return organisations[picked] as OrganisationStatus;
}

/**
 * A duty done for some organisations: which duty (with how many it is still owed to), for whom (every one still
 * owed, most urgent first, or a choice of them), the product where it is owed per product, how and with what
 * reference, its data, when; confirmed, then recorded all or nothing.
 */
async function recordDuty(
  irp: Irp,
  report: IncidentReport,
  io: RunnerIo,
  session: Session,
  when: (message: string, entry: PlannedEntry) => Promise<EntryTime>,
): Promise<IncidentReport | undefined> {
  const { prompter } = io;
  const register = report.register;
  if (!register) return undefined;
  const duties = report.playbook.duties;
  const dutyId = await prompter.select({
    key: 'duty',
    message: 'Which duty was done?',
    options: duties.map((duty) => {
      const count = register.duties.find((c) => c.duty === duty.id);
      const open = count ? count.owed - count.done : 0;
      return { value: duty.id, name: `${duty.label} (${open} still owed)`, tags: [duty.id], ...(open === 0 ? { disabled: '(done for all)' } : {}) };
    }),
  });
  const duty = duties.find((d) => d.id === dutyId);
  if (!duty) return undefined;
  // Those it can be recorded for now, most urgent first.
  const owed = register.organisations
    .flatMap((status) => status.duties.filter((state) => state.duty.id === dutyId && state.status !== 'done' && state.status !== 'done-late' && state.status !== 'not-needed' && state.status !== 'waiting').map((state) => ({ status, state })))
    .sort((a, b) => remaining(a.state) - remaining(b.state));
  if (owed.length === 0) {
    io.print(`"${duty.label}" cannot be recorded for anyone now: it waits for another duty first, or is done.`);
    return undefined;
  }
  const products = [...new Set(owed.flatMap(({ state }) => (state.product ? [state.product] : [])))];
  const product = duty.perProduct && products.length > 1 ? await prompter.select({ key: 'duty.product', message: 'For which product?', options: products.map((p) => ({ value: p, name: p, tags: [p] })) }) : products[0];
  const candidates = owed.filter(({ state }) => !duty.perProduct || state.product === product);
  const everyone = await prompter.select({
    key: 'duty.who',
    message: `For whom? (${candidates.length} can be recorded now)`,
    options: [
      { value: 'all' as const, name: `Every one of the ${candidates.length}` },
      { value: 'some' as const, name: 'Choose from the list' },
    ],
  });
  const chosen =
    everyone === 'all'
      ? candidates.map(({ status }) => status.organisation.id)
      : await prompter.checkbox({
          key: 'duty.organisations',
          message: 'Tick the organisations (space to tick, Enter to record)',
          options: candidates.map(({ status, state }) => ({ value: status.organisation.id, name: `${status.organisation.name}${state.status === 'overdue' ? ' (OVERDUE)' : ''}`, tags: [status.organisation.id] })),
        });
  if (chosen.length === 0) return undefined;
  const how = (await prompter.input({ key: 'duty.how', message: 'How was it done? (e.g. signed notice by email; Enter to skip)' })).trim();
  const reference = (await prompter.input({ key: 'duty.reference', message: 'A reference? (Enter to skip)' })).trim();
  const payload = duty.payload ? await askPayload(prompter, duty.payload, {}) : undefined;
  const { at, reason } = await when('When was it done?', { kind: 'note' });
  const sure = await askYesNo(prompter, 'confirm.duty', `Record "${duty.label}"${product ? ` (${product})` : ''} for ${chosen.length} organisation${chosen.length === 1 ? '' : 's'}?`, 'ask');
  if (!sure) {
    io.print('Not recorded: you said no.');
    return undefined;
  }
  return irp.execute(
    report.view.id,
    { kind: 'duty', duty: duty.id, organisations: chosen, product, how: how || undefined, reference: reference || undefined, payload },
    { actor: session.actor, at, reason },
  );
}

const remaining = (state: DutyState): number => ('remainingMs' in state ? state.remainingMs : Number.POSITIVE_INFINITY);

async function addOrganisation(irp: Irp, id: string, io: RunnerIo, session: Session): Promise<IncidentReport | undefined> {
  const { prompter } = io;
  const required = (t: string) => (t.trim() ? true : 'type it, or press Escape to leave');
  const name = (await prompter.input({ key: 'org.name', message: 'Its name', validate: required })).trim();
  const suggested = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  const orgId = (await prompter.input({ key: 'org.id', message: 'A short id (lower-case letters, digits, hyphens)', default: suggested, validate: (t) => (/^[a-z0-9][a-z0-9-]{0,63}$/.test(t.trim()) ? true : 'lower-case letters, digits and hyphens') })).trim();
  const nation = await prompter.select({ key: 'org.nation', message: 'Nation', options: NATIONS.map((n) => ({ value: n, name: n })) });
  const kinds = await prompter.checkbox({ key: 'org.kinds', message: 'What is it? (space to tick)', options: ORGANISATION_KINDS.map((k) => ({ value: k, name: k })) });
  const products = (await prompter.input({ key: 'org.products', message: 'Products or services it uses (comma-separated; Enter for none)' }))
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const hours = (await prompter.input({ key: 'org.noticeHours', message: "Its contract's notice window in hours (Enter if none)", validate: (t) => (t.trim() === '' || Number(t) > 0 ? true : 'a number of hours') })).trim();
  return irp.execute(
    id,
    { kind: 'register', organisations: [{ id: orgId, name, nation, kinds, products, ...(hours ? { noticeHours: Number(hours) } : {}) }], where: ['The organisation'] },
    { actor: session.actor },
  );
}
