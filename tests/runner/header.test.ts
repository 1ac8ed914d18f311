// The runner's header: the clocks that must not be missed, statutory first, in words, within 80 columns.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { header } from '../../src/runner/header.ts';
import { createContext } from '../../src/cli/context.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
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
  return header(await irp.status(view.id), new Date(now), { actor });
}

describe("the runner's header", () => {
  it('shows a statutory clock due soon above an internal target long overdue, each in words and tone', async () => {
    // Aware 60 hours ago: the CSOC's one-hour target passed long ago; the ICO's 72 hours end in 12 hours.
    const lines = await headerAt('2022-08-04T06:00:00Z', '2022-08-06T18:00:00Z');
    const texts = lines.map((line) => line.text);
    const ico = texts.findIndex((text) => text.includes('ICO (NIS reg. 12):'));
    const csoc = texts.findIndex((text) => text.includes('NHS England CSOC:'));
    expect(ico).toBeGreaterThan(0);
    expect(csoc).toBeGreaterThan(ico);
    expect(lines[ico]).toEqual({ text: '  DUE SOON    ICO (NIS reg. 12): in 12h 00m, Sun 7 Aug 2022 07:00 BST', tone: 'warning' });
    expect(texts).toContain('  PAST TARGET Customers (UK GDPR 33(2)): 1d 12h ago, Fri 5 Aug 2022 07:00 BST');
    expect(lines[csoc]).toEqual({ text: '  PAST TARGET NHS England CSOC: 2d 11h ago, Thu 4 Aug 2022 08:00 BST', tone: 'alarm' });
    // No line is wider than the terminal.
    for (const text of texts) expect(text.length, text).toBeLessThanOrEqual(80);
  });

  it('says how many more clocks there are when they do not fit', async () => {
    const texts = (await headerAt('2022-08-04T06:00:00Z', '2022-08-06T18:00:00Z')).map((line) => line.text);
    expect(texts.filter((text) => /^ {2}(OVERDUE|PAST TARGET|DUE SOON|due) /.test(text))).toHaveLength(4);
    expect(texts).toContainEqual(expect.stringMatching(/^ {2}… and \d+ more clocks: choose "Show the full status"$/));
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
});
