import type { RecordedEvent } from './recordedEvent.ts';
import { NATIONS, ORGANISATION_KINDS } from './organisation.ts';

/**
 * A quick check that a parsed line certainly fits `recordedEventSchema`, for reading long records: it accepts only
 * what the schema accepts (a property test holds it to that), and when it is not sure it says no, and the caller
 * runs the schema itself, which also names the problem. It exists because the schema costs a few microseconds a
 * line, most of reading a long record.
 */
export function certainlyRecordedEvent(value: unknown): value is RecordedEvent {
  if (!isPlain(value)) return false;
  const event = value as Record<string, unknown>;
  for (const key in event) if (!COMMON.has(key)) return false;
  if (!Number.isSafeInteger(event.seq) || (event.seq as number) < 1) return false;
  if (!text(event.incident) || !instant(event.occurredAt) || !instant(event.recordedAt) || !actor(event.actor)) return false;
  if (event.note !== undefined && typeof event.note !== 'string') return false;
  if (event.backdateReason !== undefined && !text(event.backdateReason)) return false;
  if (event.fromOffline !== undefined || event.fromPaper !== undefined) return false; // rare: the schema checks it
  if (!hex64(event.prevHash) || !hex64(event.hash) || !isPlain(event.data)) return false;
  const check = typeof event.kind === 'string' && Object.hasOwn(DATA, event.kind) ? DATA[event.kind] : undefined;
  return check !== undefined && check(event.data as Record<string, unknown>);
}

const COMMON = new Set(['seq', 'incident', 'kind', 'occurredAt', 'recordedAt', 'actor', 'note', 'backdateReason', 'fromOffline', 'fromPaper', 'data', 'prevHash', 'hash']);

type DataCheck = (data: Record<string, unknown>) => boolean;

/** Every key of `data` is one of `keys`. */
const only = (data: Record<string, unknown>, keys: readonly string[]) => {
  for (const key in data) if (!keys.includes(key)) return false;
  return true;
};

const DATA: Record<string, DataCheck> = {
  'incident.opened': (d) =>
    only(d, ['title', 'awareAt', 'playbook', 'exercise', 'backdateMarginMinutes', 'scenario', 'settings']) &&
    (d.settings === undefined || (isPlain(d.settings) && everyText(Object.keys(d.settings as object)) && everyText(Object.values(d.settings as object)))) &&
    text(d.title) &&
    instant(d.awareAt) &&
    isPlain(d.playbook) &&
    only(d.playbook as Record<string, unknown>, ['id', 'version', 'sourceHash']) &&
    strings(d.playbook as Record<string, unknown>, ['id', 'version', 'sourceHash']) &&
    (d.exercise === undefined || typeof d.exercise === 'boolean') &&
    (d.backdateMarginMinutes === undefined || (Number.isSafeInteger(d.backdateMarginMinutes) && (d.backdateMarginMinutes as number) >= 0)) &&
    (d.scenario === undefined ||
      (isPlain(d.scenario) &&
        only(d.scenario as Record<string, unknown>, ['id', 'title', 'file', 'sourceHash', 'startAt']) &&
        strings(d.scenario as Record<string, unknown>, ['id', 'title', 'file', 'sourceHash']) &&
        instant((d.scenario as Record<string, unknown>).startAt))),
  decision: (d) =>
    only(d, ['event', 'payload', 'rationale', 'lateReasons']) &&
    text(d.event) &&
    (d.payload === undefined || isPlain(d.payload)) &&
    (d.rationale === undefined || text(d.rationale)) &&
    (d.lateReasons === undefined || text(d.lateReasons)),
  'checklist.ticked': (d) => only(d, ['step', 'items']) && text(d.step) && Array.isArray(d.items) && d.items.length > 0 && everyText(d.items),
  note: (d) =>
    only(d, ['text', 'about', 'owner', 'due']) &&
    text(d.text) &&
    (d.about === undefined || d.about === 'lesson' || d.about === 'action' || d.about === 'board') &&
    (d.owner === undefined || text(d.owner)) &&
    (d.due === undefined || (typeof d.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.due))),
  'timer.fired': (d) => only(d, ['event', 'label', 'step', 'dueAt']) && text(d.event) && typeof d.label === 'string' && typeof d.step === 'string' && instant(d.dueAt),
  'step.assigned': (d) => only(d, ['step', 'assignee']) && text(d.step) && actor(d.assignee),
  'command.handed-over': (d) => only(d, ['to']) && actor(d.to),
  'role.assigned': (d) => only(d, ['role', 'name']) && text(d.role) && text(d.name),
  'exercise.inject': (d) =>
    only(d, ['id', 'title', 'body', 'from', 'reveals', 'manual']) &&
    text(d.id) &&
    text(d.title) &&
    text(d.body) &&
    text(d.from) &&
    (d.reveals === undefined || isPlain(d.reveals)) &&
    (d.manual === undefined || typeof d.manual === 'boolean'),
  'exercise.clock': (d) => only(d, ['action', 'to']) && (d.action === 'advance' || d.action === 'pause' || d.action === 'resume') && instant(d.to),
  'fact.corrected': (d) => only(d, ['fact', 'value', 'previous', 'reason']) && text(d.fact) && 'value' in d && 'previous' in d && text(d.reason),
  'awareness.recorded': (d) => only(d, ['moment', 'label', 'reason']) && text(d.moment) && text(d.label) && (d.reason === undefined || text(d.reason)),
  // The register's entries come by the hundred in a supplier's incident: checked here, not by the schema.
  'organisation.registered': (d) =>
    only(d, ['id', 'name', 'ods', 'nation', 'kinds', 'products', 'noticeHours', 'contacts', 'members', 'key', 'invented']) &&
    typeof d.id === 'string' &&
    ORGANISATION_ID.test(d.id) &&
    trimmed(d.name, 200) &&
    (d.ods === undefined || (typeof d.ods === 'string' && ODS.test(d.ods))) &&
    typeof d.nation === 'string' &&
    (NATIONS as readonly string[]).includes(d.nation) &&
    Array.isArray(d.kinds) &&
    d.kinds.length > 0 &&
    everyOf(d.kinds, (kind) => typeof kind === 'string' && (ORGANISATION_KINDS as readonly string[]).includes(kind)) &&
    Array.isArray(d.products) &&
    d.products.length <= 50 &&
    everyOf(d.products, (product) => trimmed(product, 100)) &&
    (d.noticeHours === undefined || (typeof d.noticeHours === 'number' && Number.isFinite(d.noticeHours) && d.noticeHours > 0 && d.noticeHours <= 24 * 365)) &&
    Array.isArray(d.contacts) &&
    d.contacts.length <= 20 &&
    everyOf(d.contacts, (contact) => trimmed(contact, 200)) &&
    (d.members === undefined || (Number.isSafeInteger(d.members) && (d.members as number) >= 2)) &&
    (d.key === undefined || (typeof d.key === 'string' && FINGERPRINT.test(d.key))) &&
    (d.invented === undefined || typeof d.invented === 'boolean'),
  'organisation.duty': (d) =>
    only(d, ['organisation', 'duty', 'product', 'how', 'reference', 'payload', 'notNeeded']) &&
    text(d.organisation) &&
    text(d.duty) &&
    (d.product === undefined || text(d.product)) &&
    (d.how === undefined || text(d.how)) &&
    (d.reference === undefined || text(d.reference)) &&
    (d.payload === undefined || isPlain(d.payload)) &&
    (d.notNeeded === undefined || text(d.notNeeded)),
  'notification.reported': (d) =>
    only(d, ['clock', 'followUp', 'reference']) && text(d.clock) && typeof d.followUp === 'boolean' && (d.reference === undefined || text(d.reference)),
};

function isPlain(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

const text = (value: unknown): boolean => typeof value === 'string' && value.length > 0;

/** Every element, holes included (`every` would pass over a hole), is a text. */
const everyText = (list: readonly unknown[]): boolean => {
  for (let i = 0; i < list.length; i += 1) if (!text(list[i])) return false;
  return true;
};

const strings = (object: Record<string, unknown>, keys: readonly string[]) => keys.every((key) => typeof object[key] === 'string');

const actor = (value: unknown): boolean =>
  isPlain(value) && only(value as Record<string, unknown>, ['name', 'role']) && text((value as Record<string, unknown>).name) && text((value as Record<string, unknown>).role);

const ORGANISATION_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
const ODS = /^[A-Z0-9]{3,10}$/;
const FINGERPRINT = /^[0-9a-f]{16}$/;

/** Text as the schema leaves it after trimming: not empty, no longer than `max`, nothing to trim. */
const trimmed = (value: unknown, max: number): boolean => typeof value === 'string' && value.length > 0 && value.length <= max && value.trim() === value;

/** Every element, holes included, passes. */
const everyOf = (list: readonly unknown[], check: (value: unknown) => boolean): boolean => {
  for (let i = 0; i < list.length; i += 1) if (!check(list[i])) return false;
  return true;
};

const HEX64 = /^[0-9a-f]{64}$/;
const hex64 = (value: unknown): boolean => typeof value === 'string' && value.length === 64 && HEX64.test(value);

/**
 * Only the form irp writes (`Date.prototype.toISOString`: `2022-08-04T06:00:00.000Z`) for a moment that exists
 * (months of 28 to 31 days, 29 February in leap years, hours to 23, minutes and seconds to 59); anything else goes
 * to the schema. Read from the characters, without making a Date: a long record has several on every line.
 */
function instant(value: unknown): boolean {
  if (typeof value !== 'string' || value.length !== 24) return false;
  if (value[4] !== '-' || value[7] !== '-' || value[10] !== 'T' || value[13] !== ':' || value[16] !== ':' || value[19] !== '.' || value[23] !== 'Z') return false;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  if (Number.isNaN(year) || Number.isNaN(digits(value, 20, 3)) || !(month >= 1 && month <= 12) || !(day >= 1)) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= days && digits(value, 11, 2) <= 23 && digits(value, 14, 2) <= 59 && digits(value, 17, 2) <= 59;
}

/** The number written by `length` decimal digits at `from`; NaN if any is not a digit. */
function digits(text: string, from: number, length: number): number {
  let n = 0;
  for (let i = from; i < from + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    n = n * 10 + digit;
  }
  return n;
}
