// The evidence pack (issue 24, item 4): `irp pack` on the 2022 replay writes one archive that `irp verify-pack`
// checks offline; each member tampered with, taken out or added is named, with exit 2.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrp, runIrpJson, runIrpOk } from '../helpers/runIrp.ts';

const dir = mkdtempSync(join(tmpdir(), 'irp-pack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { IRP_STATE_DIR: join(dir, 'state') };
const signed = join(dir, 'signed.zip');
const unsigned = join(dir, 'unsigned.zip');
let incident: string;
let fingerprint: string;

interface Check {
  intact: boolean;
  problems: Array<{ member: string; problem: string }>;
  head: { count: number; hash: string };
}

beforeAll(async () => {
  ({ incident } = await runIrpJson<{ incident: string }>(['exercise', 'replay', 'advanced-2022', '--answers', join(playbooksDir, 'advanced-2022.answers.yaml')], env));
  await runIrpOk(['notify', incident, 'ncsc', '--sent', '--to', 'NCSC', '--via', 'NCSC incident reporting form', '--actor', 'Incident commander'], env);
  const key = join(dir, 'site.key');
  await runIrpOk(['seal', '--new-key', key], env);
  fingerprint = (await runIrpJson<{ fingerprint: string }>(['seal', incident, '--key', key], env)).fingerprint;
  await runIrpOk(['pack', incident, '--out', signed, '--key', key], env);
  await runIrpOk(['pack', incident, '--out', unsigned], env);
});

/** The pack at `file` with its members changed by `change`, written beside it. */
function altered(file: string, name: string, change: (members: Record<string, Uint8Array>) => void): string {
  const members = unzipSync(readFileSync(file));
  change(members);
  const out = join(dir, `${name}.zip`);
  writeFileSync(out, zipSync(members));
  return out;
}

const flipped = (bytes: Uint8Array) => {
  const copy = new Uint8Array(bytes);
  const at = Math.floor(copy.length / 2);
  copy[at] = (copy[at] as number) ^ 0x01;
  return copy;
};

describe('irp pack and irp verify-pack', () => {
  it('packs the record, its head and seals, the decision log, the report in four formats, the notice as sent and how to check it; it verifies', async () => {
    const names = Object.keys(unzipSync(readFileSync(signed))).sort();
    expect(names).toEqual(
      ['HOW-TO-CHECK.md', 'decision-log.md', 'head.txt', 'keys.txt', 'manifest.json', 'manifest.sig', 'record.jsonl', 'report.docx', 'report.html', 'report.md', 'report.pdf', 'seals.json', 'notices/0218-ncsc.txt'].sort(),
    );
    const result = await runIrp(['verify-pack', signed, '--trust', fingerprint], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${signed}: intact.`);
    expect(result.stdout).toContain(`The manifest is signed by key ${fingerprint}, which you trust.`);
    const check = await runIrpJson<Check>(['verify-pack', signed], env);
    const log = await runIrpJson<Array<{ seq: number; hash: string }>>(['log', incident], env);
    expect(check.head).toEqual({ count: log.length, hash: log.at(-1)?.hash });
    // Each lines of the record is the record as stored: the pack's record is the store's, byte for byte.
    const record = Buffer.from(unzipSync(readFileSync(signed))['record.jsonl'] as Uint8Array).toString('utf8');
    expect(record.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown)).toEqual(log);
  });

  it('names every member changed by one bit, signed or not, with exit 2', async () => {
    for (const file of [signed, unsigned]) {
      for (const name of Object.keys(unzipSync(readFileSync(file)))) {
        const tampered = altered(file, `t-${name.replace(/\W/g, '_')}`, (members) => {
          members[name] = flipped(members[name] as Uint8Array);
        });
        const result = await runIrp(['verify-pack', tampered, '--json'], env);
        expect(result.code, `${file} ${name}`).toBe(2);
        const check = JSON.parse(result.stdout) as Check;
        expect(check.intact).toBe(false);
        // Any member is named; a signed manifest changed is named as itself (it no longer matches its signature); an
        // unsigned one, by the member whose line in it changed, with words saying either may have been changed.
        if (file === unsigned && name === 'manifest.json') expect(check.problems.some((p) => p.member === 'manifest.json' || p.problem.startsWith('changed, or its line in the manifest was'))).toBe(true);
        else expect(check.problems.map((p) => p.member), `${file} ${name}`).toContain(name === 'manifest.sig' ? 'manifest.json' : name);
      }
    }
  });

  it('catches a member changed together with the manifest when the pack is signed, and names one taken out or added', async () => {
    const forged = altered(signed, 'forged', (members) => {
      members['report.md'] = new TextEncoder().encode('# Nothing happened\n');
      const manifest = JSON.parse(Buffer.from(members['manifest.json'] as Uint8Array).toString('utf8')) as { members: Record<string, { sha256: string; bytes: number }> };
      manifest.members['report.md'] = { sha256: '3e5bbc42c82eba2d6a5ba8e4b59b00d67ec4f8cc81f36c0d6bcf89e5f7c4f2b9', bytes: 19 };
      members['manifest.json'] = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
    });
    const forgedCheck = await runIrp(['verify-pack', forged], env);
    expect(forgedCheck.code).toBe(2);
    expect(forgedCheck.stdout).toContain('✗ manifest.json: does not match its signature');
    const without = altered(unsigned, 'without', (members) => {
      delete members['report.pdf'];
      members['extra.txt'] = new TextEncoder().encode('added later');
    });
    const check = JSON.parse((await runIrp(['verify-pack', without, '--json'], env)).stdout) as Check;
    expect(check.problems).toEqual(expect.arrayContaining([{ member: 'report.pdf', problem: 'missing' }, { member: 'extra.txt', problem: 'not in the manifest: added to the pack after it was made' }]));
  });

  it('refuses a file that is not a pack, or not there, in a sentence, exit 2', async () => {
    const junk = join(dir, 'junk.zip');
    writeFileSync(junk, 'not a zip');
    for (const [file, says] of [
      [junk, 'is not a ZIP archive irp can read'],
      [join(dir, 'none.zip'), 'Cannot read the pack'],
    ] as const) {
      const result = await runIrp(['verify-pack', file], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(says);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    const noOut = await runIrp(['pack', incident], env);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out <file>.zip');
  });
});
