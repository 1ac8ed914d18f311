// Offline first, then share: a record made on a laptop with the network down, pushed to the shared PostgreSQL store,
// continued there, pulled back; and two copies that diverged, reported and both kept.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithout } from '../helpers/realPart.ts';

describe.skipIf(skipWithout(hasPostgres, 'a PostgreSQL server (IRP_TEST_DATABASE_URL, else 127.0.0.1:5432; .ci/run starts one)'))('irp push and irp pull', () => {
  it('pushes a record made offline, lets a colleague continue it in the shared store, and pulls it back; it verifies', async () => {
    const shared = await freshSchemaUrl();
    await runIrpOk(['db', 'migrate'], { IRP_STORE: shared, IRP_STATE_DIR: tempDir() });
    const laptop = { IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Sam Patel', IRP_NOW: '2022-08-04T09:30:00+01:00' };
    const id = JSON.parse((await runIrpOk(['start', 'supplier-ransomware', '--title', 'Offline', '--aware-at', '07:00', '--json'], laptop)).stdout).id as string;
    await runIrpOk(['note', id, 'Network down: working on the laptop'], laptop);

    // The shared store is named without its password, should its URL carry one.
    const named = new URL(shared);
    named.password = '';
    expect((await runIrpOk(['push', id, '--to', shared], laptop)).stdout).toBe(`Pushed ${id} to ${named.toString()}: 2 events.\n`);
    expect((await runIrpOk(['push', id, '--to', shared], laptop)).stdout).toContain('Nothing to push');
    // A colleague works in the shared store directly.
    const colleague = { IRP_STORE: shared, IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Jo Li', IRP_NOW: '2022-08-04T10:00:00+01:00' };
    await runIrpOk(['note', id, 'Bridge moved to the regional line'], colleague);
    const told = await runIrp(['push', id, '--to', shared], laptop);
    expect(told.stdout).toContain(`has 1 events of ${id} the other lacks; pull them with: irp pull ${id} --from ${named.toString()}`);
    expect((await runIrpOk(['pull', id, '--from', shared], laptop)).stdout).toContain(`Pulled 1 new events of ${id}`);
    const log = (await runIrpOk(['log', id], laptop)).stdout;
    expect(log).toContain('Jo Li');
    expect((await runIrp(['verify', id], laptop)).code).toBe(0);
    expect((await runIrp(['verify', id], colleague)).code).toBe(0);
  });

  it('reports two copies that diverged, merges nothing, and with --keep-both keeps both whole', async () => {
    const shared = await freshSchemaUrl();
    await runIrpOk(['db', 'migrate'], { IRP_STORE: shared, IRP_STATE_DIR: tempDir() });
    const laptop = { IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Sam Patel', IRP_NOW: '2022-08-04T09:30:00+01:00' };
    const id = JSON.parse((await runIrpOk(['start', 'supplier-ransomware', '--title', 'Two copies', '--aware-at', '07:00', '--json'], laptop)).stdout).id as string;
    await runIrpOk(['push', id, '--to', shared], laptop);
    await runIrpOk(['note', id, 'Written on the laptop'], laptop);
    await runIrpOk(['note', id, 'Written in the shared store'], { IRP_STORE: shared, IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Jo Li', IRP_NOW: '2022-08-04T09:40:00+01:00' });

    const pushed = await runIrp(['push', id, '--to', shared], laptop);
    expect(pushed.code).toBe(2);
    expect(pushed.stdout).toMatch(new RegExp(`The records of ${id} diverge after event #1 \\([0-9a-f]{12}…\\): 1 events here and 1 in .* since\\. Nothing was copied and nothing merged\\.`));
    const refused = await runIrp(['pull', id, '--from', shared], laptop);
    expect(refused.code).toBe(2);

    const kept = await runIrpOk(['pull', id, '--from', shared, '--keep-both'], laptop);
    expect(kept.stdout).toContain('Kept this machine\'s record, whole, as');
    const incidents = join(laptop.IRP_STATE_DIR, 'incidents');
    const aside = readdirSync(incidents).find((name) => name.startsWith(`${id}.jsonl.diverged-`)) as string;
    expect(aside).toBeDefined();
    expect((await runIrpOk(['log', id], laptop)).stdout).toContain('Written in the shared store');
    // The copy set aside verifies on its own, as the record it was.
    const check = tempDir();
    mkdirSync(join(check, 'incidents'));
    copyFileSync(join(incidents, aside), join(check, 'incidents', `${id}.jsonl`));
    expect((await runIrp(['verify', id], { IRP_STATE_DIR: check })).code).toBe(0);
    expect((await runIrpOk(['log', id], { IRP_STATE_DIR: check })).stdout).toContain('Written on the laptop');
    expect(existsSync(join(incidents, `${id}.jsonl`))).toBe(true);
  });
});
