import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Irp } from '../api/irp.ts';
import type { IncidentStore } from '../store/incidentStore.ts';
import { PgIncidentStore } from '../store/pgIncidentStore.ts';
import type { Clock } from '../time/clock.ts';
import { formatLondon } from '../time/london.ts';
import { BOARD_CSS, BOARD_JS, boardMain, boardPage } from './boardHtml.ts';
import { boardModel } from './boardModel.ts';

/** Headers on every answer: nothing framed, sniffed, cached or referred; only the board's own script and style. */
const SAFE_HEADERS = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export interface Board {
  url: string;
  close(): Promise<void>;
}

/**
 * The incident-room board: a read-only web page of every open incident (active steps and who holds them, checklist
 * progress, the clocks, statutory first, the latest decisions and notes, recent ones marked), kept up to date over
 * server-sent events: the store is looked at twice a second, and every open page is told when a record changed.
 * With a token, every request must carry it (`?token=`); the CLI insists on one for any address but loopback.
 */
export async function startBoard(options: { irp: Irp; store: IncidentStore; clock: Clock; host: string; port: number; token?: string | undefined }): Promise<Board> {
  const { irp, store, clock, token } = options;
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const listeners = new Set<ServerResponse>();
  const allowed = (request: IncomingMessage) => {
    if (!token) return true;
    const given = Buffer.from(new URL(request.url ?? '/', 'http://board').searchParams.get('token') ?? '');
    const wanted = Buffer.from(token);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  };
  const send = (response: ServerResponse, status: number, type: string, body: string) => {
    response.writeHead(status, { ...SAFE_HEADERS, 'Content-Type': `${type}; charset=utf-8` });
    response.end(body);
  };
  const server = createServer((request, response) => {
    void (async () => {
      if (request.method !== 'GET') return send(response, 405, 'text/plain', 'The board is read-only.\n');
      if (!allowed(request)) return send(response, 401, 'text/plain', 'This board needs its access token: open the address irp serve printed.\n');
      const path = new URL(request.url ?? '/', 'http://board').pathname;
      const now = clock.now();
      switch (path) {
        case '/':
          return send(response, 200, 'text/html', boardPage(await boardModel(irp, now), now, query));
        case '/main':
          return send(response, 200, 'application/json', JSON.stringify({ now: now.toISOString(), asOf: formatLondon(now, { seconds: true }), html: boardMain(await boardModel(irp, now), now) }));
        case '/board.css':
          return send(response, 200, 'text/css', BOARD_CSS);
        case '/board.js':
          return send(response, 200, 'text/javascript', BOARD_JS);
        case '/favicon.ico':
          response.writeHead(204, SAFE_HEADERS);
          return response.end();
        case '/events':
          response.writeHead(200, { ...SAFE_HEADERS, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
          response.write(': connected\n\n');
          listeners.add(response);
          request.on('close', () => listeners.delete(response));
          return undefined;
        default:
          return send(response, 404, 'text/plain', 'Not here.\n');
      }
    })().catch((error: Error) => {
      if (!response.headersSent) send(response, 500, 'text/plain', `The board could not read the records: ${error.message}\n`);
      else response.end();
    });
  });

  // What the board shows changes when a record does: each record's fingerprint, looked at twice a second.
  let seen = '';
  let looking = false;
  const look = async () => {
    if (looking) return;
    looking = true;
    try {
      const ids = (await store.list()).sort();
      const markOf = (id: string) => (store.changeMark ? store.changeMark(id) : store.fingerprint(id));
      const marks = await Promise.all(ids.map(async (id) => `${id}:${await markOf(id)}`));
      const now = marks.join('|');
      if (seen !== '' && now !== seen) for (const listener of listeners) listener.write('event: change\ndata: {}\n\n');
      seen = now;
    } catch {
      // A look that fails (the database restarting) is tried again next time.
    } finally {
      looking = false;
    }
  };
  await look();
  const watcher = setInterval(() => void look(), 500);
  // A shared store announces every append (NOTIFY): the board looks at once rather than at its next turn.
  const stopListening = store instanceof PgIncidentStore ? await store.listen(() => void look()).catch(() => undefined) : undefined;
  const heartbeat = setInterval(() => {
    for (const listener of listeners) listener.write(': still here\n\n');
  }, 15_000);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/${query}`,
    close: async () => {
      clearInterval(watcher);
      clearInterval(heartbeat);
      await stopListening?.();
      for (const listener of listeners) listener.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
