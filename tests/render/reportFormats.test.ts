// The after-action report in every format made from the one report document (issue 24, item 3): the Word file read
// by a reader library (mammoth), the PDF read by poppler (pdftotext; pdftoppm turns its pages into images that are
// looked at), the HTML opened in headless Chromium; each holds the same sections, decisions, rationale and clocks,
// and the head of the record it was made from.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import mammoth from 'mammoth';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AfterActionReport } from '../../src/exercise/afterAction.ts';
import { afterActionDocument, type ReportDocument } from '../../src/render/reportDocument.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { skipWithout } from '../helpers/realPart.ts';
import { runIrp, runIrpJson, runIrpOk } from '../helpers/runIrp.ts';

const has = (command: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));

const dir = mkdtempSync(join(tmpdir(), 'irp-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { IRP_STATE_DIR: join(dir, 'state') };
let doc: ReportDocument;
let incident: string;

beforeAll(async () => {
  ({ incident } = await runIrpJson<{ incident: string }>(['exercise', 'replay', 'advanced-2022', '--answers', join(playbooksDir, 'advanced-2022.answers.yaml')], env));
  const report = JSON.parse((await runIrpOk(['exercise', 'report', incident, '--format', 'json'], env)).stdout) as AfterActionReport;
  doc = afterActionDocument(report);
  for (const format of ['html', 'docx', 'pdf']) await runIrpOk(['exercise', 'report', incident, '--format', format, '--out', join(dir, `report.${format}`)], env);
});

/** What every format must say: the head, every section, every decision with its rationale, every clock. */
function mustSay(): string[] {
  const entries = doc.sections.flatMap((section) => section.blocks).flatMap((block) => (block.kind === 'entry' ? [block.heading, ...block.lines.filter((line) => line.label === 'Rationale').map((line) => line.text)] : []));
  const clocks = doc.sections.find((section) => section.heading === 'Regulatory clocks')?.blocks.flatMap((block) => (block.kind === 'table' ? block.rows.map((row) => row[0] as string) : [])) ?? [];
  return [doc.head!.hash, ...doc.sections.map((section) => section.heading), ...entries, ...clocks];
}
/** Text compared without its spaces and line breaks: each format wraps lines its own way. */
const squash = (text: string) => text.replace(/\s+/g, '');

describe('the after-action report in Word, PDF and HTML', () => {
  it('holds the 2022 decisions with their rationale', () => {
    const declare = doc.sections.find((section) => section.heading === 'Decision log')?.blocks.find((block) => block.kind === 'entry' && block.heading.includes('Declare a major cyber incident'));
    expect(declare).toMatchObject({ lines: expect.arrayContaining([{ label: 'Rationale', text: 'Ransomware on Staffplan servers; how the attacker got in is not yet known' }]) });
    expect(mustSay().length).toBeGreaterThan(40);
  });

  it('opens in Word format with every section, decision, rationale, clock and the head, and its tables as tables', async () => {
    const file = join(dir, 'report.docx');
    const text = squash((await mammoth.extractRawText({ path: file })).value);
    for (const words of mustSay()) expect(text, words).toContain(squash(words));
    const html = (await mammoth.convertToHtml({ path: file })).value;
    expect(html.match(/<table>/g)?.length).toBe(doc.sections.flatMap((section) => section.blocks).filter((block) => block.kind === 'table').length);
    expect(html).toContain('<h2>Regulatory clocks</h2>');
  });

  it.skipIf(skipWithout(has('pdftotext') && has('pdftoppm'), 'poppler (pdftotext, pdftoppm)'))('opens as an A4 PDF with the same content, the head on every page, and pages that show it', () => {
    const file = join(dir, 'report.pdf');
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.2\d x 841\.8\d pts \(A4\)/);
    expect(info).toContain(`head ${doc.head!.hash}`);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const footer = new RegExp(`^${incident} · record up to event ${doc.head!.count}, head [0-9a-f]{16}… · page \\d+ of ${pages}$`, 'm');
    expect(text.split('\f').filter((page) => page.trim() !== '').every((page) => footer.test(page))).toBe(true);
    const body = squash(text.replace(new RegExp(footer.source, 'gm'), ''));
    for (const words of mustSay()) expect(body, words).toContain(squash(words));
    // Each page turned into an image is not blank: some ink on every page, as a reader would see.
    const images = join(dir, 'pages');
    execFileSync('mkdir', ['-p', images]);
    execFileSync('pdftoppm', ['-r', '40', '-gray', file, join(images, 'p')]);
    const files = readdirSync(images).filter((name) => name.endsWith('.pgm'));
    expect(files).toHaveLength(pages);
    for (const name of files) {
      const pgm = readFileSync(join(images, name));
      const pixels = pgm.subarray(pgm.length - Number(/\n(\d+) (\d+)\n/.exec(pgm.subarray(0, 40).toString('latin1'))?.slice(1).reduce((a, b) => a * Number(b), 1)));
      const ink = pixels.filter((value) => value < 160).length / pixels.length;
      expect(ink, name).toBeGreaterThan(0.003);
    }
  });

  it.skipIf(skipWithout(Boolean(executablePath), 'Chromium'))('says the same in HTML, and prints a pointer to the diagram instead of an unreadable drawing', async () => {
    const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(dir, 'report.html')).href);
      const text = squash(await page.locator('body').innerText());
      for (const words of mustSay().filter((words) => words !== 'The playbook, and the path taken')) expect(text, words).toContain(squash(words));
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('figure.diagram').isVisible()).toBe(false);
      expect(await page.locator('.print-only').innerText()).toContain(`irp diagram --incident ${incident}`);
    } finally {
      await browser.close();
    }
  });

  it('refuses a Word or PDF report without a file to write to, exit 2, naming the option', async () => {
    const refused = await runIrp(['exercise', 'report', incident, '--format', 'docx'], env);
    expect(refused).toMatchObject({ code: 2, stdout: '' });
    expect(refused.stderr).toContain('--format docx is a file: give it with --out report.docx.');
  });
});
