// London's offsets from UTC are kept between runs (src/cache/keptLondonOffsets.ts): a command that shows times the
// last one showed does not load ICU's zone data again. Proved on the built irp, in real processes, by counting the
// Intl.DateTimeFormat objects each one makes (a preloaded script counts them; nothing of irp is replaced).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuiltIrp, runBuiltIrpJson } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

const COUNTER = `
const { appendFileSync } = require('node:fs');
let made = 0;
globalThis.Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, { construct(target, args) { made += 1; return Reflect.construct(target, args); } });
process.on('exit', () => appendFileSync(process.env.INTL_COUNT_FILE, made + '\\n'));
`;

describe("London's offsets, kept between runs", () => {
  const dir = tempDir();
  const counter = join(dir, 'count-intl.cjs');
  writeFileSync(counter, COUNTER);
  const counts = join(dir, 'counts.txt');
  const stateDir = join(dir, 'state');
  const env = {
    IRP_ACTOR: 'Sam Patel',
    IRP_NOW: '2022-08-04T09:30:00Z',
    IRP_CACHE_KEY_FILE: join(dir, 'cache.key'),
    NODE_OPTIONS: `--require ${counter}`,
    INTL_COUNT_FILE: counts,
  };
  /** How many Intl.DateTimeFormat objects the last run made. */
  const lastCount = () => Number(readFileSync(counts, 'utf8').trim().split('\n').at(-1));
  const status = (id: string) => {
    const result = runBuiltIrp(['status', id, '--state-dir', stateDir], env);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };

  it('are not asked of the database again, and a file changed by hand is ignored', () => {
    const { id } = runBuiltIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Offsets', '--aware-at', '2022-08-04T07:10:00+01:00', '--state-dir', stateDir], env);
    expect(lastCount()).toBeGreaterThan(0);
    const file = join(stateDir, '.cache', 'london-offsets.json');
    expect(existsSync(file)).toBe(true);

    // status shows the deadlines too, hours irp start did not show; the next status loads no zone data.
    const first = status(id);
    expect(first).toContain('aware Thu 4 Aug 2022 07:10 BST');
    expect(status(id)).toBe(first);
    expect(lastCount()).toBe(0);

    // Someone makes London's summer GMT in the kept file, leaving its HMAC as it was: irp asks the database again
    // and shows the same times as before.
    const kept = readFileSync(file, 'utf8');
    expect(kept).toMatch(/,60\]/);
    writeFileSync(file, kept.replaceAll(',60]', ',0]'));
    expect(status(id)).toBe(first);
    expect(lastCount()).toBeGreaterThan(0);

    // …and keeps them again, with a valid HMAC.
    expect(status(id)).toBe(first);
    expect(lastCount()).toBe(0);
  });
});
