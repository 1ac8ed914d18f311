// What the checks made of a playbook is kept with its proven description (src/playbook/keptCheck.ts), and a later
// load of the same code takes it instead of checking again: it must be what checking again would give, for every
// shipped playbook, and a kept check changed by hand must not be taken.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { importPlaybookModule, provenMac } from '../../src/playbook/compilePlaybook.ts';
import { keptCheckOf, playbookFromKeptCheck } from '../../src/playbook/keptCheck.ts';
import { validatePlaybook } from '../../src/playbook/validatePlaybook.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const shipped = ['supplier-ransomware', 'provider-supplier-outage', 'pathology-supplier-outage'];

/** The catalog as a new process has it. */
async function freshCatalog(cache: string) {
  vi.resetModules();
  const { PlaybookCatalog } = await import('../../src/playbook/playbookCatalog.ts');
  return new PlaybookCatalog(playbooksDir, cache);
}

/** A loaded playbook without what is code or a schema (its machine, decisions and duties' payloads), to compare. */
function dataOf(playbook: object) {
  const { machine: _machine, events, duties, file: _file, ...data } = playbook as { machine: unknown; events: Record<string, unknown>; duties: Array<Record<string, unknown>>; file: string };
  return { ...data, events: Object.keys(events), duties: duties.map(({ payload, ...duty }) => ({ ...duty, payload: payload !== undefined })) };
}

describe("a playbook's kept check", () => {
  it.each(shipped)('gives %s exactly as checking it again does', async (id) => {
    const imported = await importPlaybookModule(join(playbooksDir, `${id}.ts`), join(tempDir(), 'cache'));
    const check = validatePlaybook(imported.definition, id);
    if (!check.ok) throw new Error(`${id} does not pass its checks`);
    const bytes = keptCheckOf(check.playbook);
    expect(bytes).toBeInstanceOf(Buffer);
    expect(playbookFromKeptCheck(bytes, imported.definition)).toStrictEqual(check.playbook);
  });

  it('is taken by a later load of the same code, and ignored once changed by hand', async () => {
    const cache = join(tempDir(), 'cache');
    const first = await (await freshCatalog(cache)).load('supplier-ransomware');
    // A new process: the same playbook, from what the first kept.
    const again = await (await freshCatalog(cache)).load('supplier-ransomware');
    expect(dataOf(again)).toStrictEqual(dataOf(first));
    const imported = await importPlaybookModule(join(playbooksDir, 'supplier-ransomware.ts'), cache);
    expect(imported.proven).toBe(true);
    expect(imported.checked).toBeInstanceOf(Buffer);

    const file = join(cache, readdirSync(cache).find((name) => name.startsWith('proven-')) as string);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { description: string; checked: string; mac: string };
    const codeHash = createHash('sha256').update(imported.code).digest('hex');

    // Taken, not checked again: a kept check that differs from what checking gives (signed as irp signs it, with the
    // user's key) is what the next load shows.
    const check = validatePlaybook(imported.definition, 'supplier-ransomware');
    if (!check.ok) throw new Error('the supplier playbook does not pass its checks');
    const marked = keptCheckOf({ ...check.playbook, title: 'Taken from the kept check' }) as Buffer;
    writeFileSync(file, JSON.stringify({ description: kept.description, checked: marked.toString('base64'), mac: provenMac(kept.description, codeHash, marked.toString('base64')) }));
    expect((await (await freshCatalog(cache)).load('supplier-ransomware')).title).toBe('Taken from the kept check');

    // A kept check changed by hand (a clock's deadline made longer), its HMAC left as it was: neither it nor the
    // description beside it is taken, and the playbook is checked again.
    writeFileSync(file, JSON.stringify(kept));
    const bytes = Buffer.from(kept.checked, 'base64');
    const at = bytes.indexOf(Buffer.from('hours'));
    expect(at).toBeGreaterThan(0);
    bytes[at + 'hours'.length + 2] = (bytes[at + 'hours'.length + 2] as number) ^ 1;
    writeFileSync(file, JSON.stringify({ ...kept, checked: bytes.toString('base64') }));
    const changed = await importPlaybookModule(join(playbooksDir, 'supplier-ransomware.ts'), cache);
    expect(changed.proven).toBe(false);
    expect(changed.checked).toBeUndefined();
    expect(dataOf(await (await freshCatalog(cache)).load('supplier-ransomware'))).toStrictEqual(dataOf(first));
  });
});
