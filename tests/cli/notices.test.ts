// The register and notices on the command line, as a supplier's DPO and a customer's commander use them: a register
// file loaded (its mistakes named by line), duties recorded, signed notices exported, a customer's incident opened
// from one, acknowledgements sent back and taken in; every refusal exit 2, named, and nothing changed.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIrp, runIrpJson, runIrpOk, squash } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

const NOW = '2022-08-04T09:00:00+01:00';

function expectRefused(result: { code: number; stderr: string }, words: string | RegExp): void {
  expect(result.code).toBe(2);
  expect(squash(result.stderr)).toMatch(words);
  expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('irp org and irp notice', () => {
  it('takes a register file, tells each customer by a signed notice, and takes the acknowledgements back', async () => {
    const work = tempDir();
    const supplier = { IRP_STATE_DIR: tempDir(), IRP_NOW: NOW, IRP_ACTOR: 'Dee Shah', IRP_ROLE: 'dpo' };
    const customer = { IRP_STATE_DIR: tempDir(), IRP_NOW: NOW, IRP_ACTOR: 'Cat Jones' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware at the supplier', '--aware-at', '07:00'], supplier);
    const record = () => readFileSync(join(supplier.IRP_STATE_DIR, 'incidents', `${id}.jsonl`));

    // A register with a mistake on line 3 is refused whole, naming the line and the field.
    const bad = join(work, 'bad.csv');
    writeFileSync(bad, 'id,name,nation,kinds,products\nnhs111-a,NHS 111 A,England,controller,Adastra\nooh-b,OOH B,Cornwall,controller,Adastra\n');
    const before = record();
    expectRefused(await runIrp(['org', 'load', id, bad], supplier), /bad\.csv line 3: nation: must be one of England, Scotland, Wales, Northern Ireland/);
    const unknownColumn = join(work, 'column.csv');
    writeFileSync(unknownColumn, 'id,name,nation,kind\nx,X,England,controller\n');
    expectRefused(await runIrp(['org', 'load', id, unknownColumn], supplier), /column\.csv line 1: unknown column "kind"/);
    expect(record()).toEqual(before);

    const good = join(work, 'register.csv');
    writeFileSync(good, 'id,name,nation,kinds,products,noticeHours\nnhs111-a,"NHS 111 A, North",England,controller;nhs-body,Adastra,12\nooh-b,OOH B,Wales,controller,Adastra;Odyssey,\n');
    expect((await runIrp(['org', 'load', id, good], supplier)).stdout).toContain('Recorded 2 register entries');
    expectRefused(await runIrp(['org', 'load', id, good], supplier), /Every one of the 2 organisations given is in the register already/);

    // The register at 80 columns: the contract's 12 hours make A the more urgent.
    const shown = (await runIrpOk(['org', 'show', id], supplier)).stdout;
    expect(shown.split('\n').filter((line) => line.length > 80)).toEqual([]);
    expect(shown).toMatch(/Most urgent first:\n {2}due in 10h 00m +Told: NHS 111 A, North\n {2}due in 22h 00m +Told: OOH B/);
    expectRefused(await runIrp(['org', 'done', id, 'availability-notice', 'nhs111-z'], supplier), /"nhs111-z" is not in the register of incident .*Did you mean nhs111-a\?/);
    expectRefused(await runIrp(['org', 'done', id, 'told', 'nhs111-a'], supplier), /"told" is not a duty of playbook supplier-ransomware/);
    expect((await runIrp(['org', 'done', id, 'availability-notice', '--all', '--how', 'signed notice by email'], supplier)).code).toBe(0);
    expect((await runIrp(['status', id], supplier)).stdout).toContain('Register: 2 · Told 2/2');

    // Signed notices, one file each, never inside the state folder.
    const keys = tempDir();
    const supplierKey = join(keys, 'supplier.key');
    const sealed = (await runIrpJson<{ fingerprint: string }>(['seal', '--new-key', supplierKey, '--json'], supplier)).fingerprint;
    const otherKey = (await runIrpJson<{ fingerprint: string }>(['seal', '--new-key', join(keys, 'other.key'), '--json'], supplier)).fingerprint;
    const outbox = tempDir();
    expectRefused(await runIrp(['notice', 'export', id, '--key', supplierKey, '--out', supplier.IRP_STATE_DIR], supplier), /inside the state folder/);
    await runIrpOk(['notice', 'export', id, '--key', supplierKey, '--out', outbox], supplier);
    expect(readdirSync(outbox).sort()).toEqual([`${id}.nhs111-a.4.notice.json`, `${id}.ooh-b.5.notice.json`].sort());
    const notice = join(outbox, `${id}.nhs111-a.4.notice.json`);

    // The customer opens its incident from the notice, trusting the supplier's key as given by another route.
    expectRefused(await runIrp(['start', 'provider-supplier-outage', '--from-notice', notice], customer), /no key is trusted for it.*signed by key [0-9a-f]{16}/);
    expectRefused(await runIrp(['start', 'provider-supplier-outage', '--from-notice', notice, '--trust', otherKey], customer), /signed by a key that is not trusted here/);
    const opened = (await runIrpOk(['start', 'provider-supplier-outage', '--from-notice', notice, '--trust', sealed], customer)).stdout;
    expect(opened).toMatch(new RegExp(`Opened incident inc-20220804-\\S+, linked to ${id} by its notice #4`));
    const c = /Opened incident (\S+?),/.exec(opened)?.[1] as string;
    expect(squash((await runIrp(['status', c], customer)).stdout)).toContain(`Linked to Ransomware at the supplier (${id}) as NHS 111 A, North: 1 notice taken in, 0 acknowledged`);
    const customerRecord = () => readFileSync(join(customer.IRP_STATE_DIR, 'incidents', `${c}.jsonl`));
    const customerBefore = customerRecord();
    const tampered = join(work, 'tampered.json');
    writeFileSync(tampered, readFileSync(notice, 'utf8').replace('NHS 111 A, North', 'NHS 111 A, South'));
    expectRefused(await runIrp(['notice', 'receive', c, tampered, '--trust', sealed], customer), /tampered\.json: its signature does not match its contents/);
    expectRefused(await runIrp(['notice', 'receive', c, join(outbox, `${id}.ooh-b.5.notice.json`), '--trust', sealed], customer), /it is addressed to another organisation \(to OOH B; this incident is NHS 111 A, North's\)/);
    expectRefused(await runIrp(['notice', 'receive', c, notice, '--trust', sealed], customer), /it was taken in already \(as event #2\)/);
    writeFileSync(join(work, 'junk.json'), '{"format":"irp-notice-v1"}');
    expectRefused(await runIrp(['notice', 'receive', c, join(work, 'junk.json'), '--trust', sealed], customer), /junk\.json: is not an irp notice or acknowledgement \(from: /);
    expect(customerRecord()).toEqual(customerBefore);

    // The customer acknowledges with its own key; the supplier takes it in, trusting that key.
    const acks = tempDir();
    const customerFingerprint = (await runIrpJson<{ fingerprint: string }>(['seal', '--new-key', join(keys, 'customer.key'), '--json'], customer)).fingerprint;
    expect((await runIrpOk(['notice', 'ack', c, '--key', join(keys, 'customer.key'), '--out', acks], customer)).stdout).toContain('Wrote 1 signed acknowledgement');
    expectRefused(await runIrp(['notice', 'ack', c, '--key', join(keys, 'customer.key'), '--out', acks], customer), /has no notice received that it has not acknowledged/);
    const [ack] = readdirSync(acks);
    expectRefused(await runIrp(['notice', 'receive', id, join(acks, ack as string), '--trust', sealed], supplier), /signed by a key that is not trusted here/);
    expect((await runIrp(['notice', 'receive', id, join(acks, ack as string), '--trust', customerFingerprint], supplier)).code).toBe(0);
    const register = await runIrpJson<{ notices: { sent: number; acknowledged: number }; organisations: Array<{ id: string; notices: { acknowledged: number } }> }>(['org', 'show', id, '--json'], supplier);
    expect(register.notices).toEqual({ sent: 2, acknowledged: 1 });
    expect(register.organisations.find((o) => o.id === 'nhs111-a')?.notices.acknowledged).toBe(1);
    expect((await runIrp(['verify', id], supplier)).code).toBe(0);
    expect((await runIrp(['verify', c], customer)).code).toBe(0);
  });

  it('lists the duties to organisations that are overdue in irp deadlines, a line per duty, and in its JSON', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-06T19:00:00+01:00', IRP_ACTOR: 'Dee Shah' };
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware at the supplier', '--aware-at', '2022-08-04 07:00'], env);
    await runIrpOk(['org', 'add', id, '--id', 'nhs111-nw', '--name', 'NHS 111 North West', '--nation', 'England', '--kind', 'controller', '--product', 'Adastra'], env);
    await runIrpOk(['org', 'add', id, '--id', 'nhs111-l', '--name', 'NHS 111 London', '--nation', 'England', '--kind', 'controller', '--product', 'Odyssey'], env);
    const text = squash((await runIrpOk(['deadlines'], env)).stdout);
    expect(text).toContain('Duties to organisations overdue (2): !! Told of the outage (a breach of availability): NHS 111 North West and 1 more, overdue since Fri 5 Aug 2022 07:00 BST (1d 12h ago)');
    expect(text).toContain(`in ${id}: irp org show ${id}`);
    const json = JSON.parse((await runIrpOk(['deadlines', '--json'], env)).stdout) as { overdueDuties: Array<{ organisation: string }> };
    expect(json.overdueDuties.map((duty) => duty.organisation)).toEqual(['NHS 111 North West', 'NHS 111 London']);
    // Told: no longer overdue.
    await runIrpOk(['org', 'done', id, 'availability-notice', '--all', '--how', 'phone call'], env);
    expect((await runIrpOk(['deadlines'], env)).stdout).not.toContain('Duties to organisations overdue');
  });
});
