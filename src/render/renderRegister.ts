import type { DutyCount, DutyState, OrganisationStatus, RegisterStatus } from '../engine/registerStatus.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
import { fitLine, plural, wrap } from './text.ts';

const WIDTH = 80;

/** "20/22" with the late and overdue beside it: one duty's count, for tables and one-line summaries. */
function countText(count: DutyCount): string {
  return `${count.done}/${count.owed}${count.overdue > 0 ? ` (${count.overdue} overdue)` : ''}`;
}

/** One line for status screens and the board: "Register: 22 · Told 20/22 (2 overdue) · Restore pt 5/30 · …". */
export function registerLine(register: RegisterStatus): string {
  const parts = register.duties.map((count) => `${count.short} ${countText(count)}`);
  const acks = register.notices.sent > 0 ? [`acknowledged ${register.notices.acknowledged}/${register.notices.sent}`] : [];
  return `Register: ${register.count}${register.members > register.count ? ` (${register.members} with groups)` : ''} · ${[...parts, ...acks].join(' · ')}`;
}

/** The register as a commander reads it at 80 columns: each duty's count, what is overdue first, then by product and nation. */
export function renderRegister(register: RegisterStatus, now: Date, limit = 10): string {
  if (register.count === 0) return 'The register is empty: add organisations with irp org load <incident> <file> or irp org add.';
  const lines: string[] = [];
  lines.push(
    `${plural(register.count, 'organisation')}${register.members > register.count ? ` (${register.members} counting the members of groups)` : ''}; notices sent ${register.notices.sent}, acknowledged ${register.notices.acknowledged}`,
  );
  lines.push('');
  lines.push(`${'Duty'.padEnd(56)}${'Done'.padStart(8)}${'Late'.padStart(6)}${'Overdue'.padStart(9)}`);
  for (const count of register.duties) {
    lines.push(`${fitLine(count.label, 55).padEnd(56)}${`${count.done}/${count.owed}`.padStart(8)}${String(count.late).padStart(6)}${String(count.overdue).padStart(9)}`);
  }
  if (register.urgent.length > 0) {
    lines.push('');
    lines.push('Most urgent first:');
    for (const { organisation, state } of register.urgent.slice(0, limit)) {
      lines.push(fitLine(`  ${dueWords(state, now).padEnd(22)} ${state.duty.short}${state.product ? ` (${state.product})` : ''}: ${organisation.name}`, WIDTH));
    }
    if (register.urgent.length > limit) lines.push(`  … ${register.urgent.length - limit} more: irp org show <incident> --json lists them all`);
  }
  for (const [title, groups] of [['By product', register.byProduct], ['By nation', register.byNation]] as const) {
    if (groups.length === 0) continue;
    lines.push('');
    lines.push(`${title}:`);
    for (const group of groups) lines.push(`  ${wrap(`${group.key}: ${group.duties.map((count) => `${count.short} ${countText(count)}`).join(' · ')}`, '    ', WIDTH - 2).trimStart()}`);
  }
  return lines.join('\n');
}

function dueWords(state: Extract<DutyState, { remainingMs: number }>, now: Date): string {
  const left = Date.parse(state.dueAt) - now.getTime();
  return left < 0 ? `OVERDUE ${formatSpan(-left)}` : `${state.status === 'due-soon' ? 'DUE SOON' : 'due in'} ${formatSpan(left)}`;
}

/** One organisation: who it is, and each duty to it, done (when, by whom, how) or what it waits for. */
export function renderOrganisation(status: OrganisationStatus, now: Date): string {
  const o = status.organisation;
  const lines = [
    `${o.name}${o.invented ? ' (name invented)' : ''}${o.ods ? ` [ODS ${o.ods}]` : ''} · ${o.id}`,
    `${o.nation} · ${o.kinds.join(', ')}${o.products.length > 0 ? ` · uses ${o.products.join(', ')}` : ''}${o.members ? ` · a group of ${o.members}` : ''}`,
  ];
  if (o.noticeHours !== undefined) lines.push(`Its contract's notice window: ${o.noticeHours} h`);
  if (o.contacts.length > 0) lines.push(`Contacts: ${o.contacts.join('; ')}`);
  lines.push(`Notices sent ${status.notices.sent}, acknowledged ${status.notices.acknowledged}`);
  lines.push('');
  for (const state of status.duties) {
    const what = `${state.duty.label}${state.product ? ` (${state.product})` : ''}`;
    lines.push(fitLine(`  ${stateWord(state).padEnd(10)} ${what}`, WIDTH));
    const detail = stateDetail(state, now);
    if (detail) lines.push(fitLine(`             ${detail}`, WIDTH));
  }
  return lines.join('\n');
}

function stateWord(state: DutyState): string {
  switch (state.status) {
    case 'done':
      return 'done';
    case 'done-late':
      return 'done LATE';
    case 'not-needed':
      return 'not needed';
    case 'waiting':
      return 'waiting';
    case 'open':
      return 'to do';
    case 'running':
      return 'to do';
    case 'due-soon':
      return 'DUE SOON';
    case 'overdue':
      return 'OVERDUE';
  }
}

function stateDetail(state: DutyState, now: Date): string | undefined {
  switch (state.status) {
    case 'done':
    case 'done-late':
      return `${formatLondon(new Date(state.done.at))} by ${state.done.by.name}${state.done.how ? `, ${state.done.how}` : ''}${state.done.reference ? `, ref ${state.done.reference}` : ''} (#${state.done.seq})`;
    case 'not-needed':
      return `${state.done.notNeeded ?? ''} (${formatLondon(new Date(state.done.at))}, ${state.done.by.name}, #${state.done.seq})`;
    case 'waiting':
      return `first: ${state.waitingFor.join(', ')}`;
    case 'open':
      return state.waitingFor ? `its clock starts with: ${state.waitingFor}` : undefined;
    default:
      return `due ${formatLondon(new Date(state.dueAt))} (${dueWords(state, now)}; ${state.hours} h from ${state.start.label})`;
  }
}

/** The register as JSON: every organisation with every duty, the counts, and what is urgent. */
export function registerJson(register: RegisterStatus): unknown {
  const duty = (state: DutyState) => ({
    duty: state.duty.id,
    ...(state.product ? { product: state.product } : {}),
    status: state.status,
    ...('dueAt' in state && state.dueAt ? { dueAt: state.dueAt } : {}),
    ...('remainingMs' in state ? { remainingMs: state.remainingMs } : {}),
    ...('done' in state
      ? { done: { at: state.done.at, recordedAt: state.done.recordedAt, by: state.done.by, seq: state.done.seq, how: state.done.how, reference: state.done.reference, payload: state.done.payload, notNeeded: state.done.notNeeded } }
      : {}),
    ...('waitingFor' in state && state.waitingFor ? { waitingFor: state.waitingFor } : {}),
  });
  return {
    count: register.count,
    members: register.members,
    notices: register.notices,
    duties: register.duties,
    byProduct: register.byProduct,
    byNation: register.byNation,
    urgent: register.urgent.map(({ organisation, state }) => ({ organisation: organisation.id, ...duty(state) })),
    organisations: register.organisations.map((status) => ({ ...status.organisation, registeredSeq: status.registered.seq, notices: status.notices, duties: status.duties.map(duty) })),
  };
}

/**
 * The register in a few lines for the status screen: the counts, then the most urgent duties not done (at most
 * three), and where to see the rest.
 */
export function registerSummary(register: RegisterStatus, now: Date): string[] {
  if (register.count === 0) return ['Register: empty (irp org load <incident> <file> adds the organisations)'];
  const lines = [wrap(registerLine(register), '    ', WIDTH).slice(4)];
  for (const { organisation, state } of register.urgent.filter(({ state }) => state.status !== 'running').slice(0, 3)) {
    lines.push(fitLine(`  ${dueWords(state, now).padEnd(20)} ${state.duty.short}${state.product ? ` (${state.product})` : ''}: ${organisation.name}`, WIDTH));
  }
  const more = register.urgent.filter(({ state }) => state.status !== 'running').length - 3;
  if (more > 0) lines.push(`  … ${more} more due soon or overdue: irp org show <incident>`);
  return lines;
}
