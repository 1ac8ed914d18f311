// The incident-room board as a wall screen shows it: the built irp serving it, a real headless Chromium reading it,
// and an entry made from the command line appearing on the open page without a reload.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import pg from 'pg';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, playbooksDir } from '../helpers/paths.ts';
import { asLogin, freshSchemaUrl, hasPostgres } from '../helpers/pg.ts';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { PgIncidentStore } from '../../src/store/pgIncidentStore.ts';
import { fixedClock } from '../../src/time/clock.ts';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { skipWithout } from '../helpers/realPart.ts';

const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => path && existsSync(path));
if (!executablePath) console.warn('Skipping the board tests in Chromium: no chromium found (apt-get install chromium, or set CHROMIUM_PATH).');

const servers: ChildProcess[] = [];
afterAll(() => servers.forEach((server) => server.kill('SIGTERM')));

/** Sends bytes as they are to the board and resolves with the whole answer: for requests fetch will not make. */
function rawRequest(url: URL, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.write(bytes));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

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

    // The first page: a line for the incident, its most urgent clock first; its own page one click away.
    expect(await page.locator('h1').innerText()).toBe('Incident board');
    expect(await page.locator('#counts').innerText()).toBe('1 open incident: 1 real, 0 exercises');
    const line = page.locator(`#rows tr#r-${id}`);
    expect(await line.innerText()).toContain('Ransomware on Staffplan');
    expect(await line.innerText()).toContain('Sam Patel');
    const summary = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await summary.goto(url);
    await line.locator('a').click();
    await page.waitForURL(/\/incident\//);
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
    await runIrpOk(['step', id, 'DECLARE', '--rationale', 'As the playbook advises, on what was known', '--note', 'LockBit note found'], env);
    await page.waitForFunction(() => (globalThis as unknown as typeof page_).document.querySelector('main')?.textContent?.includes('Declare a major cyber incident — As the playbook advises, on what was known — LockBit note found'), undefined, { timeout: 2_000 });
    expect(await page.evaluate(() => (globalThis as unknown as typeof page_).notReloaded)).toBe(true);
    // The first page, open on another screen, has the incident's line changed in place.
    await summary.waitForFunction((rowId) => !(globalThis as unknown as typeof page_).document.querySelector(`#r-${rowId}`)?.textContent?.includes('Declare a major cyber incident'), id, { timeout: 2_000 });
    await summary.close();
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
    // The token in the address is exchanged once for a cookie the page's scripts cannot read, and leaves the address.
    const exchanged = await fetch(url, { redirect: 'manual' });
    expect(exchanged.status).toBe(303);
    expect(exchanged.headers.get('location')).toBe('/');
    expect(exchanged.headers.get('set-cookie')).toBe(`irp_board=${token}; HttpOnly; SameSite=Strict; Path=/`);
    const withCookie = await fetch(bare, { headers: { cookie: `irp_board=${token}` } });
    expect(withCookie.status).toBe(200);
    expect(withCookie.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await withCookie.text()).not.toContain(token);
    expect((await fetch(bare, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await fetch(bare, { headers: { authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    // A page elsewhere reaching in by DNS rebinding names its own host: refused, token or not.
    const rebound = await rawRequest(bare, `GET / HTTP/1.1\r\nHost: attacker.example\r\nCookie: irp_board=${token}\r\nConnection: close\r\n\r\n`);
    expect(rebound).toMatch(/^HTTP\/1\.1 421 /);
    // A request target the board cannot read: 400, not a server error.
    expect(await rawRequest(bare, `GET //x:y@[ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    // In the browser: the address with the token opens the board, and the page then carries no token.
    const page = await browser.newPage();
    await page.goto(url);
    expect(page.url()).toBe(bare.toString());
    expect(await page.locator('h1').innerText()).toBe('Incident board');
    await page.close();
  });

  it('answers only the names it was told to: --allow-host', async () => {
    const env = { IRP_STATE_DIR: tempDir() };
    const url = new URL(await serve(env, ['--allow-host', 'board.example.nhs.uk']));
    expect(await rawRequest(url, 'GET / HTTP/1.1\r\nHost: board.example.nhs.uk\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 /);
    expect(await rawRequest(url, `GET / HTTP/1.1\r\nHost: localhost:${url.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 200 /);
    expect(await rawRequest(url, 'GET / HTTP/1.1\r\nHost: evil.example.com\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 421 /);
    const bad = await runIrp(['serve', '--allow-host', 'not a name'], env);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--allow-host "not a name"') });
  });
});

describe.skipIf(skipWithout(Boolean(executablePath) && hasPostgres, 'Chromium and a PostgreSQL server'))('the board of an incident room with 200 incidents', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: ['--no-sandbox', '--disable-background-networking'] });
  });
  afterAll(async () => browser?.close());

  it('lists 200 incidents a line each in under 200 KB, filters them, keeps several screens up to date, and reads nothing while idle', async () => {
    const url = await freshSchemaUrl();
    const owner = { IRP_STORE: url, IRP_STATE_DIR: tempDir() };
    await runIrpOk(['db', 'migrate'], owner);
    const tag = randomBytes(3).toString('hex');
    await runIrpOk(['db', 'org', 'add', 'trust-a', '--name', 'Trust A'], owner);
    await runIrpOk(['db', 'org', 'add', 'trust-b', '--name', 'Trust B'], owner);
    await runIrpOk(['db', 'person', 'add', `a_${tag}`, '--name', 'Alex Reid', '--org', 'trust-a', '--create-login'], owner);
    await runIrpOk(['db', 'person', 'add', `b_${tag}`, '--name', 'Bo Chen', '--org', 'trust-b', '--create-login'], owner);
    await runIrpOk(['db', 'person', 'add', `wall_${tag}`, '--name', 'Incident room board', '--reader', '--create-login'], owner);
    const [aUrl, bUrl, wallUrl] = [await asLogin(url, `a_${tag}`), await asLogin(url, `b_${tag}`), await asLogin(url, `wall_${tag}`, { application_name: `irp-board-${tag}` })];
    // 200 incidents: 150 of Trust A, 50 of Trust B, 10 of them exercises; opened through the library, as people.
    const catalog = new PlaybookCatalog(playbooksDir, join(tempDir(), 'c'));
    const clock = fixedClock(new Date('2022-08-06T18:00:00Z'));
    const stores = [new PgIncidentStore(aUrl), new PgIncidentStore(bUrl)];
    // Opened eight at a time, as eight people would (each store's pool holds four connections).
    const ids: string[] = [];
    const open = async (n: number) => {
      const irp = new Irp({ store: stores[n < 150 ? 0 : 1] as PgIncidentStore, catalog, clock });
      const opened = await irp.start({ playbook: 'supplier-ransomware', title: `Incident ${n}`, exercise: n % 20 === 19, awareAt: new Date(Date.parse('2022-08-04T06:00:00Z') + n * 600_000), actor: { name: n < 150 ? 'Alex Reid' : 'Bo Chen' } });
      ids[n] = opened.view.id;
    };
    for (let n = 0; n < 200; n += 8) await Promise.all(Array.from({ length: Math.min(8, 200 - n) }, (_, i) => open(n + i)));
    await Promise.all(stores.map((store) => store.close()));

    // The board runs as the reader, under a name of its own, so that its queries can be seen.
    const board = await serve({ IRP_STORE: wallUrl, IRP_STATE_DIR: tempDir(), IRP_NOW: '2022-08-06T19:00:00+01:00' });
    const first = await fetch(board);
    const html = await first.text();
    expect(Buffer.byteLength(html)).toBeLessThan(200 * 1024);
    const screens = await Promise.all([0, 1, 2].map(() => browser.newPage({ viewport: { width: 1600, height: 1000 } })));
    await screens[0]?.goto(board);
    await screens[1]?.goto(`${board}${board.includes('?') ? '&' : '?'}org=${encodeURIComponent('Trust B')}`);
    await screens[2]?.goto(board);
    expect(await screens[0]!.locator('#counts').innerText()).toBe('200 open incidents: 190 real, 10 exercises');
    expect(await screens[1]!.locator('#counts').innerText()).toBe('200 open incidents: 190 real, 10 exercises · showing 50');
    // One line per incident: a 1600×1000 screen shows dozens, not one and a half.
    const visibleRows = await screens[0]!.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { bottom: number } }> } }).document;
      return Array.from(doc.querySelectorAll('#rows tr')).filter((row) => row.getBoundingClientRect().bottom <= 1000).length;
    });
    expect(visibleRows).toBeGreaterThan(15);
    // The room's filter, on the page: exercises only.
    await screens[2]!.selectOption('#kind', 'exercise');
    expect(await screens[2]!.locator('#counts').innerText()).toBe('200 open incidents: 190 real, 10 exercises · showing 10');

    // Idle: the board asks the database nothing.
    const watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    try {
      const since = (await watcher.query<{ now: Date }>('SELECT clock_timestamp() AS now')).rows[0]?.now;
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const asked = await watcher.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND query_start > $2', [`irp-board-${tag}`, since]);
      expect(asked.rows[0]?.n).toBe(0);
    } finally {
      await watcher.end();
    }

    // Trust B's commander hands one of its incidents over: every screen showing its line has it within 2 s, in place.
    const target = ids[160] as string;
    type Doc = { notReloaded?: boolean; document: { querySelector(s: string): { textContent: string | null } | null } };
    for (const screen of screens) await screen.evaluate(() => void ((globalThis as unknown as Doc).notReloaded = true));
    await runIrpOk(['handover', target, 'Cara Diaz'], { IRP_STORE: bUrl, IRP_STATE_DIR: tempDir(), IRP_ACTOR: 'Bo Chen', IRP_NOW: '2022-08-06T19:01:00+01:00' });
    for (const screen of [screens[0], screens[1]]) {
      await screen!.waitForFunction((rowId) => (globalThis as unknown as Doc).document.querySelector(`#r-${rowId}`)?.textContent?.includes('Cara Diaz') === true, target, { timeout: 2_000 });
      expect(await screen!.evaluate(() => (globalThis as unknown as Doc).notReloaded)).toBe(true);
    }
    // The screen showing exercises only keeps that line hidden.
    expect(await screens[2]!.locator(`#r-${target}`).isHidden()).toBe(true);
    await Promise.all(screens.map((screen) => screen.close()));
  });
});
