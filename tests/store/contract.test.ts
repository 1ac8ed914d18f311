// What every incident store must do, whatever keeps the records: the file store and the memory store today, a
// database store later. Each store runs the same cases.
import { afterAll, describe, expect, it } from 'vitest';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';
import { freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { ConcurrencyError, IncidentExistsError, UserError } from '../../src/errors.ts';
import { chainEvents } from '../../src/record/hashChain.ts';
import type { NewEvent, RecordedEvent } from '../../src/record/recordedEvent.ts';
import { makeSeal, headOf } from '../../src/record/seal.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import type { IncidentStore } from '../../src/store/incidentStore.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { generateKeyPairSync } from 'node:crypto';
import { tempDir } from '../helpers/tempDir.ts';

const when = new Date('2022-08-04T06:00:00Z');
const actor = { name: 'Ana', role: 'lead' };
const opened = (_id: string): NewEvent => ({
  kind: 'incident.opened',
  data: { title: 'Contract', awareAt: when.toISOString(), playbook: { id: 'p', version: '1.0.0', sourceHash: 'a'.repeat(64) } },
  actor,
  occurredAt: when.toISOString(),
});
const note = (text: string): NewEvent => ({ kind: 'note', data: { text }, actor, occurredAt: when.toISOString() });

/** PostgreSQL stores opened by the tests, closed at the end (their pools would keep the worker alive). */
const opened_: PgIncidentStore[] = [];
const pgStore = (url: string, cacheDir?: string) => {
  const store = new PgIncidentStore(url, { cacheDir });
  opened_.push(store);
  return store;
};
afterAll(async () => {
  await Promise.all(opened_.map((store) => store.close()));
});

/** Each store, and a way to open a second handle on the same records (another process, for the file store). */
const stores: Array<[string, () => IncidentStore | Promise<IncidentStore>, (store: IncidentStore) => IncidentStore]> = [
  ['file', () => new FileIncidentStore(tempDir()), (store) => new FileIncidentStore((store as FileIncidentStore).stateDir)],
  ['memory', () => new MemoryIncidentStore(), (store) => store],
  ...(hasPostgres
    ? ([
        [
          'postgres',
          async () => {
            const store = pgStore(await freshSchemaUrl());
            await store.migrate();
            return store;
          },
          (store: IncidentStore) => pgStore((store as PgIncidentStore).url),
        ],
        [
          // With this machine's copy of each record it reads: every rule holds the same.
          'postgres, with local copies',
          async () => {
            const store = pgStore(await freshSchemaUrl(), tempDir());
            await store.migrate();
            return store;
          },
          (store: IncidentStore) => pgStore((store as PgIncidentStore).url, (store as PgIncidentStore).options.cacheDir),
        ],
      ] satisfies Array<[string, () => Promise<IncidentStore>, (store: IncidentStore) => IncidentStore]>)
    : []),
];

describe.each(stores)('the %s store', (_name, makeStore, secondHandle) => {
  it('gives a reader what was appended since the last event it has, by this handle or another', async () => {
    const store = await makeStore();
    const first = chainEvents('inc-1', undefined, [opened('inc-1')], when);
    await store.create('inc-1', first);
    const [head] = (await store.read('inc-1')) as [RecordedEvent];
    expect(await store.readAfter('inc-1', head)).toEqual([]);
    const other = secondHandle(store);
    const more = chainEvents('inc-1', head, [note('a'), note('b')], when);
    await other.append('inc-1', head, more);
    expect(await store.readAfter('inc-1', head)).toEqual(more);
    const last = more.at(-1) as RecordedEvent;
    expect(await store.readAfter('inc-1', last)).toEqual([]);
    const mine = chainEvents('inc-1', last, [note('c')], when);
    await store.append('inc-1', last, mine);
    expect(await store.readAfter('inc-1', mine[0] as RecordedEvent)).toEqual([]);
    // An event the record does not hold where the reader says: the store cannot vouch for it, the caller reads it all.
    expect(await store.readAfter('inc-1', { seq: 2, hash: 'f'.repeat(64) })).toBeUndefined();
    await expect(store.readAfter('../x', head)).rejects.toBeInstanceOf(UserError);
  });

  it('reads back exactly what was created and appended, and lists it', async () => {
    const store = await makeStore();
    const first = chainEvents('inc-1', undefined, [opened('inc-1')], when);
    await store.create('inc-1', first);
    const more = chainEvents('inc-1', first[0], [note('a'), note('b')], when);
    await store.append('inc-1', first[0] as RecordedEvent, more);
    expect(await store.read('inc-1')).toEqual([...first, ...more]);
    expect(await store.read('inc-1', { full: true })).toEqual([...first, ...more]);
    expect(await store.list()).toEqual(['inc-1']);
    expect(await store.read('inc-2')).toBeUndefined();
  });

  it('gives a fingerprint that changes with every append, and none for an unknown incident', async () => {
    const store = await makeStore();
    const first = chainEvents('inc-1', undefined, [opened('inc-1')], when);
    await store.create('inc-1', first);
    const before = await store.fingerprint('inc-1');
    expect(before).toEqual(expect.any(String));
    expect(await store.fingerprint('inc-1')).toBe(before);
    await store.append('inc-1', first[0] as RecordedEvent, chainEvents('inc-1', first[0], [note('a')], when));
    expect(await store.fingerprint('inc-1')).not.toBe(before);
    expect(await store.fingerprint('inc-2')).toBeUndefined();
    await expect(store.fingerprint('../x')).rejects.toBeInstanceOf(UserError);
  });

  it('gives a change mark (the fingerprint where there is no cheaper one) that changes with every append', async () => {
    const store = await makeStore();
    const mark = (id: string) => (store.changeMark ? store.changeMark(id) : store.fingerprint(id));
    const first = chainEvents('inc-1', undefined, [opened('inc-1')], when);
    expect(await mark('inc-1')).toBeUndefined();
    await store.create('inc-1', first);
    const before = await mark('inc-1');
    expect(before).toBeDefined();
    await store.append('inc-1', first[0] as RecordedEvent, chainEvents('inc-1', first[0], [note('a')], when));
    expect(await mark('inc-1')).not.toBe(before);
  });

  it('gives every event in order when scanned, and nothing for an unknown incident', async () => {
    const store = await makeStore();
    const first = chainEvents('inc-1', undefined, [opened('inc-1')], when);
    await store.create('inc-1', first);
    const more = chainEvents('inc-1', first[0], [note('a'), note('b')], when);
    await store.append('inc-1', first[0] as RecordedEvent, more);
    const scanned: RecordedEvent[] = [];
    for await (const event of store.scan('inc-1', { full: true })) scanned.push(event);
    expect(scanned).toEqual([...first, ...more]);
    const none: RecordedEvent[] = [];
    for await (const event of store.scan('inc-2')) none.push(event);
    expect(none).toEqual([]);
  });

  it('refuses a second record with the same id', async () => {
    const store = await makeStore();
    const first = chainEvents('inc-1', undefined, [opened('inc-1')], when);
    await store.create('inc-1', first);
    await expect(store.create('inc-1', first)).rejects.toBeInstanceOf(IncidentExistsError);
  });

  it('refuses an append based on an event that is no longer the last, writing nothing', async () => {
    const store = await makeStore();
    const first = chainEvents('inc-1', undefined, [opened('inc-1')], when);
    await store.create('inc-1', first);
    const a = chainEvents('inc-1', first[0], [note('a')], when);
    await store.append('inc-1', first[0] as RecordedEvent, a);
    const b = chainEvents('inc-1', first[0], [note('b')], when);
    await expect(store.append('inc-1', first[0] as RecordedEvent, b)).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.read('inc-1')).toEqual([...first, ...a]);
  });

  it('refuses an id that is not an incident id in every method, before touching anything', async () => {
    const store = await makeStore();
    const first = chainEvents('inc-1', undefined, [opened('inc-1')], when);
    for (const bad of ['../../x', '../inc-1', '.hidden', 'a/b', '', '..']) {
      await expect(store.create(bad, first)).rejects.toBeInstanceOf(UserError);
      await expect(store.read(bad)).rejects.toBeInstanceOf(UserError);
      await expect(store.append(bad, first[0] as RecordedEvent, [])).rejects.toBeInstanceOf(UserError);
      await expect(store.tail(bad)).rejects.toBeInstanceOf(UserError);
      await expect(store.readSeals(bad)).rejects.toBeInstanceOf(UserError);
    }
    expect(await store.list()).toEqual([]);
  });

  it('keeps seals beside the record, oldest first', async () => {
    const store = await makeStore();
    const first = chainEvents('inc-1', undefined, [opened('inc-1')], when);
    await store.create('inc-1', first);
    expect(await store.readSeals('inc-1')).toEqual([]);
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const seal = makeSeal(pem, 'inc-1', headOf(first), when);
    await store.addSeal('inc-1', seal);
    expect(await store.readSeals('inc-1')).toEqual([seal]);
    expect(await store.tail('inc-1')).toEqual({ tornBytes: 0, setAside: [] });
  });
});
