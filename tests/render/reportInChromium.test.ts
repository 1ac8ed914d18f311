import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrpJson, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithout } from '../helpers/realPart.ts';

// The HTML after-action report as a facilitator opens it: in a real headless Chromium (Debian's package). Without
// one these tests are skipped, with one line saying so; `.ci/run` installs it.
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));
if (!executablePath) console.warn('Skipping the HTML report tests in Chromium: no chromium found (apt-get install chromium, or set CHROMIUM_PATH).');

interface Opened {
  page: Page;
  /** Every URL the page asked for besides its own file, every dialog it opened, every script error. */
  requests: string[];
  dialogs: string[];
  errors: string[];
}

describe.skipIf(skipWithout(Boolean(executablePath), 'Chromium'))('the HTML after-action report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-background-networking'] });
  });
  afterAll(async () => browser?.close());

  async function open(file: string): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const opened: Opened = { page, requests: [], dialogs: [], errors: [] };
    const own = pathToFileURL(file).href;
    page.on('request', (request) => void (request.url() === own || opened.requests.push(request.url())));
    page.on('dialog', (dialog) => void (opened.dialogs.push(dialog.message()), dialog.dismiss()));
    page.on('pageerror', (error) => void opened.errors.push(error.message));
    await page.goto(own);
    return opened;
  }

  it('shows the 2022 replay: its score, its timeline drawn, its tables within the page, nothing fetched', async () => {
    const stateDir = tempDir();
    const answers = join(playbooksDir, 'advanced-2022.answers.yaml');
    const { incident } = await runIrpJson<{ incident: string }>(['exercise', 'replay', 'advanced-2022', '--answers', answers], { IRP_STATE_DIR: stateDir });
    const file = join(tempDir(), 'report.html');
    await runIrpOk(['exercise', 'report', incident, '--format', 'html', '--out', file], { IRP_STATE_DIR: stateDir });
    const { page, requests, dialogs, errors } = await open(file);

    expect(await page.title()).toBe('After-action report: Ransomware at a health and care software supplier (Advanced, August 2022) (exercise)');
    // The title once, beside the EXERCISE mark; then a summary a Board can read on one screen.
    expect(await page.locator('h1').innerText()).toBe('After-action report: Ransomware at a health and care software supplier (Advanced, August 2022) EXERCISE');
    expect(await page.locator('.score').innerText()).toBe('Score: 97.8% (22.5 of 23 points)');
    expect(await page.locator('.summary section.tone-late li').allInnerTexts()).toEqual(['National Crime Agency engaged: done at +1d\u00a04h, 4h 00m after +1d\u00a00h.']);
    const summaryBottom = await page.locator('.summary').evaluate((node) => node.getBoundingClientRect().bottom);
    expect(summaryBottom).toBeLessThan(900);
    // A short list's box is as tall as its list, not stretched to its neighbour's.
    const late = await page.locator('.summary section.tone-late').evaluate((node) => [node.getBoundingClientRect().height, node.querySelector('ul')!.getBoundingClientRect().height + node.querySelector('h3')!.getBoundingClientRect().height]);
    expect(late[0]).toBeLessThan((late[1] as number) + 30);
    // The statechart is drawn within the page's width, nothing of it cut off at the right.
    const [figure, chart] = await page.locator('figure.diagram').evaluate((node) => [node.getBoundingClientRect().right, node.querySelector('svg')!.getBoundingClientRect().right]);
    expect(chart).toBeLessThanOrEqual((figure as number) + 1);

    // The timeline: every label (marks, deadlines, axis) clear of every other, and none outside the drawing.
    const timeline = await page.locator('svg').first().boundingBox();
    expect(timeline?.width).toBeGreaterThan(900);
    const boxes = await page.locator('svg').first().locator('text').evaluateAll((nodes) =>
      nodes.map((node) => {
        const box = node.getBoundingClientRect();
        return { text: node.textContent ?? '', left: box.left, right: box.right, top: box.top, bottom: box.bottom };
      }),
    );
    const marks = await page.locator('ol.marks li').count();
    expect(boxes.filter((box) => /^\d+$/.test(box.text))).toHaveLength(marks); // every mark numbered, and listed
    expect(boxes.filter((box) => box.text.endsWith(' due')).length).toBeGreaterThan(3); // deadlines labelled
    for (const box of boxes) {
      expect(box.left, box.text).toBeGreaterThanOrEqual((timeline?.x ?? 0) - 0.5);
      expect(box.right, box.text).toBeLessThanOrEqual((timeline?.x ?? 0) + (timeline?.width ?? 0) + 0.5);
      expect(box.top, box.text).toBeGreaterThanOrEqual((timeline?.y ?? 0) - 0.5);
      expect(box.bottom, box.text).toBeLessThanOrEqual((timeline?.y ?? 0) + (timeline?.height ?? 0) + 0.5);
    }
    const overlapping = boxes.flatMap((a, i) =>
      boxes.slice(i + 1).flatMap((b) => (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5 ? [`"${a.text}" and "${b.text}"`] : [])),
    );
    expect(overlapping).toEqual([]);
    // No mark's number is written across a regulatory deadline's dashed line (a dozen entries fall at +1d).
    const dashed = await page.locator('svg').first().locator('line[stroke-dasharray]').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().left));
    const crossed = boxes.filter((box) => /^\d+$/.test(box.text) && dashed.some((x) => box.left < x - 0.5 && x + 0.5 < box.right)).map((box) => box.text);
    expect(crossed).toEqual([]);
    // The first hour has room: the 45-minute mark sits well into the drawing, not squeezed against the start.
    const axisLabels = boxes.filter((box) => box.text.startsWith('+'));
    const at45 = axisLabels.find((box) => box.text === '+45m');
    expect(at45 && timeline ? (at45.left - timeline.x) / timeline.width : 0).toBeGreaterThan(0.2);

    // The playbook drawn with the path this exercise took: every step a box of its own, its words inside it.
    const steps = await page.locator('figure.diagram g.step').evaluateAll((groups) =>
      groups.map((group) => {
        const rect = group.querySelector('rect')?.getBoundingClientRect() as { left: number; right: number; top: number; bottom: number };
        const texts = [...group.querySelectorAll('text')].map((text) => text.getBoundingClientRect());
        return { name: group.querySelector('title')?.textContent ?? '', visited: group.classList.contains('visited'), left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom, textsInside: texts.every((t) => t.left >= rect.left && t.right <= rect.right + 0.5 && t.top >= rect.top && t.bottom <= rect.bottom + 0.5) };
      }),
    );
    expect(steps.length).toBe(26); // every step of supplier-ransomware
    expect(steps.filter((step) => !step.textsInside).map((step) => step.name)).toEqual([]);
    const crowded = steps.flatMap((a, i) => steps.slice(i + 1).flatMap((b) => (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom ? [`${a.name} / ${b.name}`] : [])));
    expect(crowded).toEqual([]);
    expect(steps.filter((step) => step.visited).length).toBeGreaterThan(20); // the replay went nearly everywhere
    await page.locator('figure.diagram svg').screenshot({ path: join(tempDir(), 'diagram-2022.png') });

    const icoRow = page.locator('tr', { hasText: 'Notify: ICO (NIS reg. 12)' });
    expect(await icoRow.locator('td').nth(1).innerText()).toBe('not required');
    // Nothing wider than the window: a report is read on a laptop and printed for a Board.
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect({ requests, dialogs, errors }).toEqual({ requests: [], dialogs: [], errors: [] });
    const folder = tempDir();
    const shot = await page.screenshot({ fullPage: true, path: join(folder, 'report-2022.png') });
    expect(shot.length).toBeGreaterThan(50_000);

    // On A4: the print stylesheet fits the page to the paper's width, and the PDF is made.
    await page.setViewportSize({ width: 718, height: 1040 }); // A4 less 14 mm margins, at 96 dpi
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const pdf = await page.pdf({ format: 'A4', path: join(folder, 'report-2022.pdf') });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows recorded text as text: a title and a note written as HTML run nothing and add nothing to the page', async () => {
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-04T09:30:00+01:00', IRP_ACTOR: '<b>Mallory</b>' };
    const title = `<img src=x onerror="alert(1)"><script>alert(2)</script> & "quoted"`;
    const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', title, '--aware-at', '07:00'], env);
    await runIrpOk(['note', id, '</td></tr></table><iframe src="https://example.org/"></iframe><svg onload=alert(3)>'], env);
    const file = join(tempDir(), 'report.html');
    await runIrpOk(['exercise', 'report', id, '--format', 'html', '--out', file], env);
    const { page, requests, dialogs, errors } = await open(file);

    expect(await page.locator('h1').innerText()).toContain(title);
    expect(await page.locator('img, script, iframe').count()).toBe(0);
    expect(await page.locator('body').innerText()).toContain('<iframe src="https://example.org/"></iframe>');
    expect(await page.locator('body').innerText()).toContain('<b>Mallory</b>');
    expect({ requests, dialogs, errors }).toEqual({ requests: [], dialogs: [], errors: [] });
    expect(readFileSync(file, 'utf8')).not.toMatch(/<(img|script|iframe)\b/i);
  });

  it('shows the assurance report: the runs, a bar for each trend, the actions, within the page, nothing fetched', async () => {
    const stateDir = tempDir();
    const env = { IRP_STATE_DIR: stateDir, IRP_NOW: '2026-12-02T10:00:00Z' };
    const answers = join(playbooksDir, 'advanced-2022.answers.yaml');
    const { incident } = await runIrpJson<{ incident: string }>(['exercise', 'replay', 'advanced-2022', '--answers', answers], env);
    await runIrpOk(['note', incident, 'Tell the NCA the same morning', '--action', '--owner', 'Incident commander', '--due', '2022-09-30', '--actor', 'Facilitator'], env);
    const file = join(tempDir(), 'assurance.html');
    await runIrpOk(['assurance', '--report', 'html', '--out', file], env);
    const { page, requests, dialogs, errors } = await open(file);
    expect(await page.locator('h1').innerText()).toBe('Assurance: exercises and incidents');
    // One bar per trend: the 15 expectations of the 2022 scenario and its 4 clocks that ran; the NCA's is empty.
    const bars = page.locator('figure svg g');
    expect(await bars.count()).toBe(19);
    const nca = page.locator('figure svg g', { hasText: 'National Crime Agency engaged' }).first();
    expect(await nca.locator('text').last().textContent()).toBe('0 of 1');
    const width = await nca.locator('rect').nth(1).evaluate((rect) => rect.getBoundingClientRect().width);
    expect(width).toBe(0);
    expect(await page.locator('tr', { hasText: 'Tell the NCA the same morning' }).locator('td').nth(3).innerText()).toBe('OVERDUE');
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    expect({ requests, dialogs, errors }).toEqual({ requests: [], dialogs: [], errors: [] });
    await page.screenshot({ fullPage: true, path: join(tempDir(), 'assurance.png') });
  });
});
