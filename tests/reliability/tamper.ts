// Every kind of tampering, on every line of a finished record: what `irp verify` must catch on its own, and what
// it can catch only against an anchor kept elsewhere (a head written down, a seal).
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Irp } from '../../src/api/irp.ts';
import { DamagedRecordError } from '../../src/errors.ts';
import { chainEvents, serialiseEvent } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';
import { headOf } from '../../src/record/seal.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { fixedClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { scratch } from './scratch.ts';

/** A tampering: given the record's lines and a line index, the new text of the file (or undefined: not applicable). */
type Tamper = (lines: string[], index: number) => string[] | undefined;

const json = (line: string) => JSON.parse(line) as Record<string, unknown>;

export const TAMPERS: Record<string, { tamper: Tamper; needsAnchor: boolean }> = {
  'bit flip in a value': {
    needsAnchor: false,
    tamper: (lines, i) => {
      const line = lines[i] as string;
      const at = line.indexOf('"occurredAt":"') + 20; // a digit of the year-month-day
      return replaceLine(lines, i, `${line.slice(0, at)}${line[at] === '1' ? '2' : '1'}${line.slice(at + 1)}`);
    },
  },
  'line deleted': { needsAnchor: false, tamper: (lines, i) => (i === lines.length - 1 ? undefined : lines.filter((_, j) => j !== i)) },
  'line swapped with the next': {
    needsAnchor: false,
    tamper: (lines, i) => (i + 1 >= lines.length ? undefined : lines.map((line, j) => (j === i ? lines[i + 1] : j === i + 1 ? lines[i] : line) as string)),
  },
  'line duplicated': { needsAnchor: false, tamper: (lines, i) => [...lines.slice(0, i + 1), lines[i] as string, ...lines.slice(i + 1)] },
  'extra member': { needsAnchor: false, tamper: (lines, i) => replaceLine(lines, i, `${(lines[i] as string).slice(0, -1)},"zz":1}`) },
  'duplicated key shadowing the actor': {
    needsAnchor: false,
    tamper: (lines, i) => replaceLine(lines, i, `{"actor":{"name":"Mallory","role":"dpo"},${(lines[i] as string).slice(1)}`),
  },
  're-formatted (spaces)': { needsAnchor: false, tamper: (lines, i) => replaceLine(lines, i, JSON.stringify(json(lines[i] as string), null, 1).replace(/\n/g, '')) },
  'escape written another way': {
    needsAnchor: false,
    tamper: (lines, i) =>
      replaceLine(lines, i, (lines[i] as string).replace(/"kind":"(.)/, (_match, c: string) => `"kind":"\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)),
  },
  'cut short after this line': { needsAnchor: true, tamper: (lines, i) => (i === lines.length - 1 ? undefined : lines.slice(0, i + 1)) },
  'rewritten with the chain recomputed': {
    needsAnchor: true,
    tamper: (lines, i) => {
      const events = lines.map((line) => json(line) as unknown as RecordedEvent);
      const target = events[i] as RecordedEvent;
      const edited: NewEvent[] = events.slice(i).map((event, k) => ({
        kind: event.kind,
        data: k === 0 && event.kind === 'note' ? { text: 'nothing to see here' } : (event.data as never),
        actor: k === 0 ? { name: 'Mallory', role: event.actor.role } : event.actor,
        occurredAt: event.occurredAt,
        ...(event.note === undefined ? {} : { note: event.note }),
        ...(event.backdateReason === undefined ? {} : { backdateReason: event.backdateReason }),
      })) as NewEvent[];
      const rechained = chainEvents(target.incident, i === 0 ? undefined : events[i - 1], edited, new Date(target.recordedAt));
      return [...lines.slice(0, i), ...rechained.map(serialiseEvent)];
    },
  },
};

function replaceLine(lines: string[], i: number, line: string | undefined): string[] | undefined {
  return line === undefined || line === lines[i] ? undefined : lines.map((old, j) => (j === i ? line : old));
}

export interface TamperTally {
  tampered: number;
  detected: number;
  undetected: Array<{ kind: string; line: number }>;
}

/** A finished record of some 30 entries, every tamper applied to every line in turn; `irp verify` must catch each. */
export async function tamperEveryLine(): Promise<Record<string, TamperTally>> {
  const stateDir = scratch('irp-tamper-');
  const store = new FileIncidentStore(stateDir);
  const irp = new Irp({ store, catalog: new PlaybookCatalog(playbooksDir, `${stateDir}/.cache/playbooks`), clock: fixedClock(new Date('2022-08-04T09:00:00Z')) });
  const { view } = await irp.start({ playbook: 'supplier-ransomware', title: 'Tamper', awareAt: new Date('2022-08-04T06:00:00Z'), actor: { name: 'Sam' } });
  const id = view.id;
  const by = { actor: { name: 'Sam' } };
  await irp.check(id, ['detection-source', 'bridge-opened', 'loggist-assigned'], by);
  await irp.step(id, { event: 'DECLARE', rationale: 'As the playbook advises, on what was known' }, by);
  for (let i = 0; i < 26; i += 1) await irp.note(id, `note ${i}: bridge update`, by);
  const file = store.describe(id);
  const original = readFileSync(file, 'utf8');
  const lines = original.trimEnd().split('\n');
  const anchor = headOf((await store.read(id, { full: true })) as RecordedEvent[]);
  const { privateKey } = generateKeyPairSync('ed25519');
  await irp.seal(id, privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const sealsBefore = await store.readSeals(id);

  const results: Record<string, TamperTally> = {};
  for (const [kind, { tamper, needsAnchor }] of Object.entries(TAMPERS)) {
    const tally: TamperTally = { tampered: 0, detected: 0, undetected: [] };
    for (let i = 0; i < lines.length; i += 1) {
      const changed = tamper(lines, i);
      if (!changed) continue;
      tally.tampered += 1;
      writeFileSync(file, `${changed.join('\n')}\n`);
      // On its own, verify must catch every tamper that does not need an anchor; with the head written down and
      // the seal (checked with the key's fingerprint), every one.
      const plain = await verdict(irp, id, {});
      const anchored = await verdict(irp, id, { expect: anchor });
      const caught = needsAnchor ? anchored === 'caught' && (await sealCaught(irp, id, sealsBefore.length)) : plain === 'caught';
      if (caught) tally.detected += 1;
      else tally.undetected.push({ kind, line: i + 1 });
      writeFileSync(file, original);
    }
    results[kind] = tally;
  }
  return results;
}

async function verdict(irp: Irp, id: string, options: Parameters<Irp['verify']>[1]): Promise<'caught' | 'missed'> {
  try {
    const result = await irp.verify(id, options);
    return result.intact ? 'missed' : 'caught';
  } catch (error) {
    if (error instanceof DamagedRecordError) return 'caught';
    throw error;
  }
}

/** The seal made of the untouched record no longer holds. */
async function sealCaught(irp: Irp, id: string, seals: number): Promise<boolean> {
  const result = await irp.verify(id);
  return result.problem !== undefined || result.seals.length < seals || result.seals.some((seal) => seal.head !== 'matches' && seal.head !== 'extended');
}
