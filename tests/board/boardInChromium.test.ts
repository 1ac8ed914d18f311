// The incident-room board as a wall screen shows it: the built irp serving it, a real headless Chromium reading it,
// and an entry made from the command line appearing on the open page without a reload.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli } from '../helpers/paths.ts';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithout } from '../helpers/realPart.ts';

const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));
if (!executablePath) console.warn('Skipping the board tests in Chromium: no chromium found (apt-get install chromium, or set CHROMIUM_PATH).');

const servers: ChildProcess[] = [];
afterAll(() => servers.forEach((server) => server.kill('SIGTERM')));

/** Starts the built `irp serve` on a free port; resolves with the address it prints. */
function serve(env: Record<string, string>, args: string[] = []): Promise<string> {
  const child = spawn(process.execPath, [builtCli, 'serve', '--port', '0', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /Incident board on (\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    child.on('close', (code) => reject(new Error(`irp serve exited ${code}: ${out}`)));
  });
}

describe.skipIf(skipWithout(Boolean(executablePath), 'Chromium'))('the incident-room board in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-background-networking'] });
  });
  afterAll(async () => browser?.close());

  it('shows the open incident, its clocks at the pinned time, notes as text, and a step taken at the command line within 2 s', async () => {
    // 60 hours after awareness, pinned: the NIS report to the ICO is due in 12 hours.
    const env = { IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-06T19:00:00+01:00', IRP_ACTOR: 'Sam Patel' };
    const id = JSON.parse((await runIrpOk(['start', 'supplier-ransomware', '--title', 'Ransomware on Staffplan', '--aware-at', '2022-08-04 07:00', '--json'], env)).stdout).id as string;
    await runIrpOk(['note', id, '<script>alert(1)</script> and <img src=x onerror=alert(2)> in a note'], env);
    const url = await serve(env);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
    page.on('pageerror', (error) => void errors.push(error.message));
    page.on('dialog', (dialog) => void (dialogs.push(dialog.message()), dialog.dismiss()));
    await page.goto(url);

    expect(await page.locator('h1').innerText()).toBe('Incident board');
    expect(await page.locator('h2').innerText()).toContain('Ransomware on Staffplan');
    const nis = page.locator('tr.clock', { hasText: 'NIS report by a digital service provider' });
    expect(await nis.locator('td.status').innerText()).toBe('DUE SOON');
    expect(await nis.locator('td.when').innerText()).toMatch(/^in 12h 00m\nSun 7 Aug 2022 07:00 BST$/);
    // Statutory clocks first.
    expect(await page.locator('tr.clock th').first().innerText()).toContain('statutory');
    // Recorded HTML is text: nothing runs, nothing is added.
    expect(await page.locator('main').innerText()).toContain('<script>alert(1)</script> and <img src=x onerror=alert(2)> in a note');
    expect(await page.locator('main script, main img').count()).toBe(0);

    // A step taken at the command line appears on the open page, without a reload, within 2 s.
    // (Functions, not strings: the board's content security policy forbids evaluating strings, rightly.)
    const page_ = globalThis as unknown as { notReloaded?: boolean; document: { querySelector(selector: string): { textContent: string | null } | null } };
    await page.evaluate(() => {
      (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await runIrpOk(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], env);
    await runIrpOk(['step', id, 'DECLARE', '--note', 'LockBit note found'], env);
    await page.waitForFunction(() => (globalThis as unknown as typeof page_).document.querySelector('main')?.textContent?.includes('Declare a major cyber incident — LockBit note found'), undefined, { timeout: 2_000 });
    expect(await page.evaluate(() => (globalThis as unknown as typeof page_).notReloaded)).toBe(true);
    expect(await page.locator('.timeline li.recent').first().innerText()).toContain('Declare a major cyber incident');
    expect(await page.locator('h3', { hasText: 'Active steps' }).count()).toBe(1);

    // A customer added to the register: its duty appears, overdue (60 hours after awareness, 24 allowed), by name.
    await runIrpOk(['org', 'add', id, '--id', 'nhs111-nw', '--name', 'NHS 111 North West', '--nation', 'England', '--kind', 'controller', '--product', 'Adastra'], env);
    await page.waitForFunction(() => (globalThis as unknown as typeof page_).document.querySelector('main')?.textContent?.includes('Organisations (1)'), undefined, { timeout: 2_000 });
    expect(await page.locator('tr', { hasText: 'Told of the outage' }).innerText()).toMatch(/0 of 1\s+1 overdue/);
    expect(await page.locator('ul.urgent li').first().innerText()).toMatch(/^Told: NHS 111 North West 1d 12h ago$/);

    await page.screenshot({ path: join(tempDir(), 'board.png'), fullPage: true });
    expect({ errors, dialogs }, JSON.stringify(errors)).toEqual({ errors: [], dialogs: [] });
  });

  it('needs a token on any address but loopback, and refuses requests without it', async () => {
    const env = { IRP_STATE_DIR: tempDir() };
    const open = await runIrp(['serve', '--host', '0.0.0.0', '--port', '0'], env);
    expect(open).toMatchObject({ code: 2, stderr: expect.stringContaining('needs an access token') });
    const token = 'a-long-random-board-token';
    const url = await serve(env, ['--host', '127.0.0.1', '--token', token]);
    const bare = new URL(url);
    bare.search = '';
    expect((await fetch(bare)).status).toBe(401);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
