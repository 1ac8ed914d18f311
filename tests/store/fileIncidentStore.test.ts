import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, DamagedRecordError } from '../../src/errors.ts';
import { chainEvents, findChainProblem } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';
import { withFileLock } from '../../src/store/fileLock.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { repoRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const actor = { name: 'Ana', role: 'lead' };
const note = (text: string): NewEvent => ({ kind: 'note', data: { text }, actor, occurredAt: '2022-08-04T06:00:00.000Z' });
const opened: NewEvent = {
  kind: 'incident.opened',
  data: { title: 'T', awareAt: '2022-08-04T06:00:00.000Z', playbook: { id: 'p', version: '1.0.0', sourceHash: 'a' } },
  actor,
  occurredAt: '2022-08-04T06:00:00.000Z',
};
const when = new Date('2022-08-04T06:00:00Z');

async function freshIncident(store: FileIncidentStore): Promise<RecordedEvent[]> {
  const first = chainEvents('inc-1', undefined, [opened], when);
  await store.create('inc-1', first);
  return first;
}

describe('the file store', () => {
  it('catches a reader up from where it was, and never vouches for a tail that changed under it', async () => {
    const dir = tempDir();
    const store = new FileIncidentStore(dir);
    const first = await freshIncident(store);
    const more = chainEvents('inc-1', first[0], [note('a'), note('b')], when);
    await store.append('inc-1', first[0] as RecordedEvent, more);
    const last = more.at(-1) as RecordedEvent;
    const file = join(dir, 'incidents', 'inc-1.jsonl');
    const original = readFileSync(file, 'utf8');

    // A line added by hand that does not link: named as damage, with its line.
    const forged = chainEvents('inc-1', { seq: 3, hash: '1'.repeat(64) }, [note('forged')], when);
    appendFileSync(file, `${JSON.stringify(forged[0])}\n`);
    await expect(store.readAfter('inc-1', last)).rejects.toMatchObject({ problem: { code: 'damaged-record', line: 4 } });

    // The last line rewritten, or the record cut short: not vouched for (a whole read names the damage).
    writeFileSync(file, original.replace('"text":"b"', '"text":"B"'));
    expect(await store.readAfter('inc-1', last)).toBeUndefined();
    writeFileSync(file, original);
    await store.read('inc-1');
    writeFileSync(file, original.split('\n').slice(0, 2).join('\n') + '\n');
    expect(await store.readAfter('inc-1', last)).toBeUndefined();
    await expect(store.read('inc-1')).resolves.toHaveLength(2);

    // A write cut off before it was acknowledged is not part of the record.
    writeFileSync(file, original);
    await store.read('inc-1');
    appendFileSync(file, '{"actor":{"na');
    expect(await store.readAfter('inc-1', last)).toEqual([]);
  });

  it('creates, appends and reads back exactly what was written', async () => {
    const store = new FileIncidentStore(tempDir());
    const first = await freshIncident(store);
    const more = chainEvents('inc-1', first[0], [note('a'), note('b')], when);
    await store.append('inc-1', first[0] as RecordedEvent, more);
    const read = await store.read('inc-1');
    expect(read).toEqual([...first, ...more]);
    expect(await store.list()).toEqual(['inc-1']);
    expect(await store.read('inc-2')).toBeUndefined();
  });

  it('refuses a second incident with the same id', async () => {
    const store = new FileIncidentStore(tempDir());
    await freshIncident(store);
    await expect(store.create('inc-1', chainEvents('inc-1', undefined, [opened], when))).rejects.toMatchObject({ problem: { code: 'incident-exists', incident: 'inc-1' } });
  });

  it('refuses an append based on an event that is no longer the last, and writes nothing', async () => {
    const store = new FileIncidentStore(tempDir());
    const first = await freshIncident(store);
    const base = first[0] as RecordedEvent;
    await store.append('inc-1', base, chainEvents('inc-1', base, [note('winner')], when));
    const before = readFileSync(store.describe('inc-1'));
    await expect(store.append('inc-1', base, chainEvents('inc-1', base, [note('loser')], when))).rejects.toBeInstanceOf(ConcurrencyError);
    expect(readFileSync(store.describe('inc-1'))).toEqual(before);
  });

  it('reports a damaged line with its file and line number and never writes to that file', async () => {
    const store = new FileIncidentStore(tempDir());
    const first = await freshIncident(store);
    const file = store.describe('inc-1');
    await store.append('inc-1', first[0] as RecordedEvent, chainEvents('inc-1', first[0], [note('a')], when));
    const text = readFileSync(file, 'utf8').replace('"text":"a"', '"text":');
    writeFileSync(file, text);
    await expect(store.read('inc-1')).rejects.toMatchObject({ problem: { code: 'damaged-record', where: file, line: 2 } });
    await expect(store.read('inc-1')).rejects.toBeInstanceOf(DamagedRecordError);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('still catches an edit to events it verified on an earlier read', async () => {
    const store = new FileIncidentStore(tempDir());
    const first = await freshIncident(store);
    await store.append('inc-1', first[0] as RecordedEvent, chainEvents('inc-1', first[0], [note('original'), note('b')], when));
    expect(await store.read('inc-1')).toHaveLength(3); // verified in full, and remembered
    const file = store.describe('inc-1');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"original"', '"rewritten"'));
    await expect(store.read('inc-1')).rejects.toMatchObject({ problem: { code: 'damaged-record', where: file, seq: 2, line: 2, reason: expect.stringContaining('its content does not match its hash') } });
  });

  it('ignores a write cut off before it was acknowledged, and sets it aside on the next append', async () => {
    const store = new FileIncidentStore(tempDir());
    const first = await freshIncident(store);
    const file = store.describe('inc-1');
    appendFileSync(file, '{"seq":2,"incident":"inc-1","ki');
    expect(await store.read('inc-1')).toEqual(first);
    const more = chainEvents('inc-1', first[0], [note('after the crash')], when);
    await store.append('inc-1', first[0] as RecordedEvent, more);
    expect(await store.read('inc-1')).toEqual([...first, ...more]);
    const aside = readdirSync(join(file, '..')).filter((name) => name.includes('.torn-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(file, '..', aside[0] as string), 'utf8')).toBe('{"seq":2,"incident":"inc-1","ki');
  });

  it('loses no acknowledged event when the writing process is killed mid-run', async () => {
    const dir = tempDir();
    const store = new FileIncidentStore(dir);
    await freshIncident(store);
    const acknowledged = await runWriterAndKill(dir, 150);
    const events = (await store.read('inc-1')) as RecordedEvent[];
    expect(acknowledged).toBeGreaterThan(5);
    expect(events.length - 1).toBeGreaterThanOrEqual(acknowledged);
    expect(findChainProblem(events)).toBeUndefined();
  });

  it('keeps every event of two processes appending at once, in one unbroken chain', async () => {
    const dir = tempDir();
    const store = new FileIncidentStore(dir);
    await freshIncident(store);
    const [a, b] = await Promise.all([runWriter(dir, 'A', 60), runWriter(dir, 'B', 60)]);
    const events = (await store.read('inc-1')) as RecordedEvent[];
    expect(a + b).toBe(120);
    expect(events).toHaveLength(121);
    expect(findChainProblem(events)).toBeUndefined();
    const texts = events.flatMap((e) => (e.kind === 'note' ? [e.data.text] : []));
    expect(texts.filter((t) => t.startsWith('A')).length).toBe(60);
    expect(texts.filter((t) => t.startsWith('B')).length).toBe(60);
    // The lock file stays (deleting it could let two holders in); the kernel released the lock with each writer.
    expect(withFileLock(`${store.describe('inc-1')}.lock`, () => 'free', 50)).toBe('free');
  });
});

const WRITER = join(repoRoot, 'tests/store/appendWriter.ts');

function startWriter(dir: string, label: string, count: number) {
  return spawn(process.execPath, ['--import', 'tsx', WRITER, dir, label, String(count)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Runs a writer to the end; resolves with how many appends it acknowledged. */
function runWriter(dir: string, label: string, count: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = startWriter(dir, label, count);
    let acks = 0;
    child.stdout.on('data', (chunk: Buffer) => (acks += chunk.toString().split('ack').length - 1));
    child.on('close', (code) => (code === 0 ? resolve(acks) : reject(new Error(`writer ${label} exited ${code}`))));
  });
}

/** Starts a writer that never stops, kills it with SIGKILL after some acknowledgements, and counts them. */
function runWriterAndKill(dir: string, afterAcks: number): Promise<number> {
  return new Promise((resolve) => {
    const child = startWriter(dir, 'K', 100_000);
    let acks = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      acks += chunk.toString().split('ack').length - 1;
      if (acks >= afterAcks) child.kill('SIGKILL');
    });
    child.on('close', () => resolve(acks));
  });
}

describe('the file store, reading a record longer than its read chunks (1 MiB)', () => {
  // Notes of uneven lengths, so that lines run across chunk boundaries at every offset.
  const notes = (from: number, count: number) => Array.from({ length: count }, (_, i) => note(`note ${from + i} ${'x'.repeat(((from + i) * 37) % 900)}`));
  const scanAll = async (store: FileIncidentStore, full: boolean) => {
    const events: RecordedEvent[] = [];
    for await (const event of store.scan('inc-1', { full })) events.push(event);
    return events;
  };
  /** A record of `count` notes after its opening, in a store of its own. */
  const longRecord = async (count: number) => {
    const dir = tempDir();
    const store = new FileIncidentStore(dir);
    const first = await freshIncident(store);
    const body = chainEvents('inc-1', first[0], notes(0, count), when);
    await store.append('inc-1', first[0] as RecordedEvent, body);
    return { dir, store, written: [...first, ...body] };
  };

  it('gives every event, whether every line is checked, a verified prefix is trusted, or the record grew past it', async () => {
    const { dir, store, written } = await longRecord(6_000);
    expect(readFileSync(join(dir, 'incidents', 'inc-1.jsonl')).length).toBeGreaterThan(3 << 20);

    expect(await scanAll(store, true)).toEqual(written);
    expect(await scanAll(store, false)).toEqual(written); // keeps the verified prefix
    expect(await scanAll(new FileIncidentStore(dir), false)).toEqual(written); // trusts it
    // Grown past the prefix: the new lines are checked, and the prefix kept then covers them too.
    const more = chainEvents('inc-1', written.at(-1), notes(6_000, 2_500), when);
    await store.append('inc-1', written.at(-1) as RecordedEvent, more);
    expect(await scanAll(new FileIncidentStore(dir), false)).toEqual([...written, ...more]);
    const verified = JSON.parse(readFileSync(join(dir, '.cache', 'verified', 'inc-1.json'), 'utf8')) as { bytes: number; count: number; sha256: string };
    expect(verified.count).toBe(written.length + more.length);
    const bytes = readFileSync(join(dir, 'incidents', 'inc-1.jsonl'));
    expect(verified.bytes).toBe(bytes.length);
    expect(verified.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await scanAll(new FileIncidentStore(dir), false)).toEqual([...written, ...more]);
  });

  it('names the line of damage beyond the first chunk, read whole or past a verified prefix', async () => {
    const { dir, store, written } = await longRecord(4_000);
    await scanAll(store, false); // a verified prefix of every line so far
    const more = chainEvents('inc-1', written.at(-1), notes(4_000, 2_000), when);
    await store.append('inc-1', written.at(-1) as RecordedEvent, more);
    // A note changed after the verified prefix, past the first megabyte.
    const file = join(dir, 'incidents', 'inc-1.jsonl');
    const changed = readFileSync(file, 'utf8').replace('"note 5000 ', '"NOTE 5000 ');
    writeFileSync(file, changed);
    const line = changed.split('\n').findIndex((text) => text.includes('"NOTE 5000 ')) + 1;
    expect(line).toBeGreaterThan(4_001);
    for (const full of [false, true]) {
      const failure = await scanAll(new FileIncidentStore(dir), full).catch((error: unknown) => error);
      expect(failure, `full: ${full}`).toBeInstanceOf(DamagedRecordError);
      expect((failure as DamagedRecordError).at?.line).toBe(line);
    }
  });
});
