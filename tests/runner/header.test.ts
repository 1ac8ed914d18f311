// The runner's header: the clocks that must not be missed, statutory first, in words, within 80 columns.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { header } from '../../src/runner/header.ts';
import { createContext } from '../../src/cli/context.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { FileIncidentStore } from '../../src/store/fileIncidentStore.ts';
import { copyRecord } from '../../src/sync/copyRecord.ts';
import { fixedClock } from '../../src/time/clock.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const actor = { name: 'Sam Patel', role: 'incident-commander' };

async function headerAt(awareAt: string, now: string) {
  const irp = new Irp({
    store: new MemoryIncidentStore(),
    catalog: new PlaybookCatalog(playbooksDir, join(tempDir('irp-cache-'), 'c')),
    clock: fixedClock(new Date(now)),
    newSuffix: () => 'abcd',
  });
  const { view } = await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware on Staffplan', awareAt: new Date(awareAt), actor });
  const { line, clocks } = header(await irp.status(view.id), new Date(now), { actor });
  return [line, ...clocks];
}

describe("the runner's header", () => {
  it('puts a legal deadline passed first, then one due soon, then an internal target long overdue, each in words and tone', async () => {
    // Aware 60 hours ago: the CSOC's one-hour target passed long ago; the ICO's 72 hours end in 12 hours.
    const lines = await headerAt('2022-08-04T06:00:00Z', '2022-08-06T18:00:00Z');
    const texts = lines.map((line) => line.text);
    const ico = texts.findIndex((text) => text.includes('ICO (NIS reg. 12):'));
    const csoc = texts.findIndex((text) => text.includes('NHS England CSOC:'));
    const customers = texts.findIndex((text) => text.includes('Customers (UK GDPR 33(2)):'));
    expect(texts[0]).toBe('Ransomware on Staffplan · aware 2d 12h · You: Sam Patel (Incident commander)');
    expect([customers, ico]).toEqual([1, 2]);
    expect(csoc).toBe(-1); // the third line says how many more: the full status lists them
    expect(lines[ico]).toEqual({ text: '  DUE SOON    ICO (NIS reg. 12): in 12h 00m, Sun 7 Aug 2022 07:00 BST', tone: 'warning' });
    expect(texts).toContain('  PAST TARGET Customers (UK GDPR 33(2)): 1d 12h ago, Fri 5 Aug 2022 07:00 BST');
    // No line is wider than the terminal.
    for (const text of texts) expect(text.length, text).toBeLessThanOrEqual(80);
  });

  it('shows at most three clocks, the third line saying how many more there are when they do not fit', async () => {
    const texts = (await headerAt('2022-08-04T06:00:00Z', '2022-08-06T18:00:00Z')).map((line) => line.text);
    expect(texts.filter((text) => /^ {2}(OVERDUE|PAST TARGET|DUE SOON|due) /.test(text))).toHaveLength(2);
    expect(texts).toContainEqual(expect.stringMatching(/^ {2}\+\d+ more clocks: More… › Show the full status$/));
  });
});

describe('colour on the screen', () => {
  const printed = (env: Record<string, string>, interactive: boolean) => {
    let text = '';
    const context = createContext({ stateDir: tempDir() }, { env, interactive, stdout: (t) => void (text += t), stderr: () => undefined });
    context.out('  OVERDUE     NCA: 2h ago \u001b[2J', 'alarm');
    return text;
  };

  it('is used for a tone at a terminal, around text whose own control characters are shown, not obeyed', () => {
    expect(printed({}, true)).toBe('\u001b[1;31m  OVERDUE     NCA: 2h ago \\u001b[2J\u001b[0m\n');
  });

  it('is never used with NO_COLOR, or when the output is not a terminal', () => {
    expect(printed({ NO_COLOR: '1' }, true)).toBe('  OVERDUE     NCA: 2h ago \\u001b[2J\n');
    expect(printed({}, false)).toBe('  OVERDUE     NCA: 2h ago \\u001b[2J\n');
  });

  it('says, above the clocks, how many entries of a set-aside offline copy are not in the record yet', async () => {
    const clock = fixedClock(new Date('2022-08-04T09:00:00Z'));
    const catalog = new PlaybookCatalog(playbooksDir, join(tempDir('irp-cache-'), 'c'));
    const laptop = new FileIncidentStore(tempDir());
    const shared = new FileIncidentStore(tempDir());
    const irp = new Irp({ store: laptop, catalog, clock });
    const { view } = await irp.start({ playbook: 'supplier-ransomware', title: 'Ransomware on Staffplan', awareAt: new Date('2022-08-04T06:00:00Z'), actor });
    await copyRecord(view.id, laptop, shared);
    await irp.note(view.id, 'Written offline', { actor });
    await irp.note(view.id, 'Also offline', { actor });
    await new Irp({ store: shared, catalog, clock }).note(view.id, 'Written in the shared store', { actor });
    await copyRecord(view.id, shared, laptop, { keepBoth: true });
    const { clocks } = header(await new Irp({ store: laptop, catalog, clock }).status(view.id), clock.now(), { actor });
    expect(clocks[0]).toEqual({ text: 'SET ASIDE: 2 offline entries not in this record (see: irp pending)', tone: 'warning' });
  });
});
