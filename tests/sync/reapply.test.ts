// Offline work re-applied, never set aside unseen: a commander (A) records on the shared PostgreSQL store while a
// deputy (B) records offline; when B's copy comes back, B's entries are re-applied on top of the shared chain, each
// decided again, keeping who and when; those that no longer apply wait for B, who settles each with a reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithout } from '../helpers/realPart.ts';

const at = (time: string) => `2022-08-04T${time}:00+01:00`;

describe.skipIf(skipWithout(hasPostgres, 'a PostgreSQL server (IRP_TEST_DATABASE_URL, else 127.0.0.1:5432; .ci/run starts one)'))('offline work re-applied to the shared store', () => {
  it("ends the A/B divergence with all 30 entries in the shared record: A's 10, B's 18 re-applied, B's 2 settled by B with reasons", async () => {
    const shared = await freshSchemaUrl();
    await runIrpOk(['db', 'migrate'], { IRP_STORE: shared, IRP_STATE_DIR: tempDir() });
    const A = (time: string) => ({ IRP_STORE: shared, IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Alex Reid', IRP_NOW: at(time) });
    const laptop = tempDir();
    const B = (time: string) => ({ IRP_STATE_DIR: laptop, IRP_ACTOR: 'Bo Chen', IRP_ROLE: 'supplier-liaison', IRP_NOW: at(time) });
    const id = JSON.parse((await runIrpOk(['start', 'provider-supplier-outage', '--title', 'Adastra outage', '--aware-at', at('08:30'), '--json'], A('08:31'))).stdout).id as string;
    await runIrpOk(['pull', id, '--from', shared], B('08:32'));

    // A, on the shared store: 10 entries.
    await runIrpOk(['check', id, 'supplier-contacted', 'on-call-informed', 'loggist-assigned'], A('09:00'));
    await runIrpOk(['step', id, 'SYSTEMS_AFFECTED', '--data', '{"systemsAffected":["Adastra"],"servicesAffectedPercent":90}'], A('09:05'));
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], A('09:07'));
    for (let n = 1; n <= 7; n += 1) await runIrpOk(['note', id, `Bridge update ${n}`], A(`09:${10 + n}`));

    // B, offline on the laptop: 20 entries, the declaration among them, and the CSOC told.
    await runIrpOk(['check', id, 'supplier-contacted', 'on-call-informed', 'loggist-assigned'], B('09:01'));
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known'], B('09:02'));
    await runIrpOk(['step', id, 'CSOC_NOTIFIED', '--data', '{"csocReference":"CSOC-2022-0804"}'], B('09:20'));
    for (let n = 1; n <= 17; n += 1) await runIrpOk(['note', id, `Paper log ${n}`], B(`09:${20 + n}`));
    const offline = readFileSync(join(laptop, 'incidents', `${id}.jsonl`));

    // The documented remedy now re-applies B's entries; two no longer apply, and wait for B. B gives the store with
    // a password (a server that trusts this machine ignores it): the commands it is shown to run next do not.
    const withPassword = new URL(shared);
    if (withPassword.password === '') withPassword.password = 'b-secret';
    const pushed = await runIrp(['push', id, '--to', withPassword.toString(), '--reapply'], B('09:45'));
    expect(pushed.code).toBe(2);
    expect(pushed.stdout).not.toContain(withPassword.password);
    expect(pushed.stdout).toContain(`pending ${id} --to postgres://postgres@`);
    expect(pushed.stdout).toContain(`Kept this machine's record, whole, as ${join(laptop, 'incidents', `${id}.jsonl.diverged-1`)}`);
    expect(pushed.stdout).toMatch(/Re-applied 18 offline entries to .*, in the order they happened; 2 refused as the record now stands\./);
    expect(pushed.stdout).toContain('21 entries: 1 shared with the live record, 18 re-applied, 0 not re-applied (with a reason), 0 timers irp fires again itself, 2 waiting.');
    expect(pushed.stdout).toContain('→ refused now: "Declare the incident (business continuity, or critical)" (DECLARE) is not available');
    // The copy set aside is B's record, byte for byte.
    expect(readFileSync(join(laptop, 'incidents', `${id}.jsonl.diverged-1`)).equals(offline)).toBe(true);

    // The CSOC was told by B at 09:20, and the shared record says so, with B's name and time.
    const status = JSON.parse((await runIrpOk(['status', id, '--json'], A('09:46'))).stdout);
    const csoc = status.clocks.find((clock: { id: string }) => clock.id === 'nhse-csoc');
    expect(csoc.status).toBe('met');
    const log = JSON.parse((await runIrpOk(['log', id, '--json'], A('09:46'))).stdout) as Array<{ seq: number; kind: string; actor: { name: string }; occurredAt: string; fromOffline?: { seq: number } }>;
    const told = log.find((event) => event.kind === 'decision' && event.fromOffline?.seq === 4);
    expect(told).toMatchObject({ actor: { name: 'Bo Chen' }, occurredAt: '2022-08-04T08:20:00.000Z' });

    // Every view on the laptop says a copy is set aside with entries not in the record.
    const waitingLine = 'SET ASIDE: an offline copy (diverged-1) has 2 entries not in this record';
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    expect(flat((await runIrpOk(['status', id], B('09:46'))).stdout)).toContain(waitingLine);
    expect(flat((await runIrpOk(['list'], B('09:46'))).stdout)).toContain(waitingLine);
    expect(flat((await runIrpOk(['verify', id], B('09:46'))).stdout)).toContain(waitingLine);

    // Trying again re-applies nothing twice; nothing is dropped without B's say.
    const again = await runIrp(['pending', id, '--to', withPassword.toString(), '--retry'], B('09:47'));
    expect(again.code).toBe(2);
    expect(again.stdout).not.toContain(withPassword.password);
    expect(again.stdout).toContain(`pending ${id} --to postgres://postgres@`);
    expect(again.stdout).toContain('Re-applied 0 offline entries');
    const bad = await runIrp(['pending', id, '--to', shared, '--drop', '3'], B('09:47'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--drop needs --because');
    const notWaiting = await runIrp(['pending', id, '--to', shared, '--drop', '5', '--because', 'x'], B('09:47'));
    expect(notWaiting.code).toBe(2);
    expect(notWaiting.stderr).toContain('Entry #5 is not one of the set-aside entries of');

    await runIrpOk(['pending', id, '--to', shared, '--drop', '2', '--because', 'Alex ticked these at 10:00'], B('09:48'));
    const settled = await runIrp(['pending', id, '--to', shared, '--drop', '3', '--because', 'Alex declared at 10:07'], B('09:49'));
    expect(settled.code).toBe(0);
    expect(settled.stdout).toContain('21 entries: 1 shared with the live record, 18 re-applied, 2 not re-applied (with a reason), 0 timers irp fires again itself, 0 waiting.');

    // The shared record: opened, A's 10, B's 18 re-applied and B's 2 settled; B's copy holds the same.
    const final = JSON.parse((await runIrpOk(['log', id, '--json'], A('09:50'))).stdout) as typeof log;
    expect(final).toHaveLength(31);
    expect(final.filter((event) => event.actor.name === 'Alex Reid')).toHaveLength(11);
    expect(final.filter((event) => event.fromOffline)).toHaveLength(20);
    expect(new Set(final.flatMap((event) => (event.fromOffline ? [event.fromOffline.seq] : []))).size).toBe(20);
    expect((await runIrpOk(['log', id], A('09:50'))).stdout).toContain('NOT RE-APPLIED, from an offline copy: its entry #3');
    expect((await runIrp(['verify', id], A('09:50'))).code).toBe(0);
    expect(flat((await runIrpOk(['status', id], B('09:50'))).stdout)).toContain('every one of its 21 entries is in this record');
    expect((await runIrpOk(['push', id, '--to', shared], B('09:50'))).stdout).toContain('Nothing to push');
  });
});
