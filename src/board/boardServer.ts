import { createServer, type ServerResponse } from 'node:http';
import { boardAccess } from './boardAccess.ts';
import type { AddressInfo } from 'node:net';
import type { Irp } from '../api/irp.ts';
import { UserError } from '../errors.ts';
import type { IncidentStore } from '../store/incidentStore.ts';
import type { Clock } from '../time/clock.ts';
import { formatLondon } from '../time/london.ts';
import { BOARD_CSS, BOARD_JS, boardPage, incidentHtml, incidentPage } from './boardHtml.ts';
import { boardIncident } from './boardModel.ts';
import { rowAt } from './boardRows.ts';
import { rowHtml, summaryHtml, type BoardFilter } from './boardSummary.ts';
import { LiveRows } from './liveRows.ts';

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

/** Connections to the events a board holds open at most: one per screen, several screens per room. */
const MAX_LISTENERS = 200;
/** Connections the board holds at most, of every kind. */
const MAX_CONNECTIONS = 400;

/**
 * The incident-room board: a read-only web page of the open incidents, a line each, most urgent first, filtered
 * by organisation and kind, each with its own page on demand (its clocks, steps, register and latest entries).
 * Pages are kept up to date over server-sent events, one incident's line at a time, from rows kept in memory that
 * change only when a record does (the shared store's NOTIFY, the file store's folder watched) or a clock crosses a
 * threshold: an idle board reads nothing. Who it answers is `boardAccess.ts`'s: the CLI insists on a token for
 * any address but loopback.
 */
export async function startBoard(options: {
  irp: Irp;
  store: IncidentStore;
  clock: Clock;
  host: string;
  port: number;
  token?: string | undefined;
  /** Names the board answers to besides IP addresses and localhost (`--allow-host`). */
  allowHosts?: readonly string[] | undefined;
}): Promise<Board> {
  const { irp, store, clock, token } = options;
  // With a token, pages carry none: it is exchanged once for a cookie.
  const query = '';
  const access = boardAccess({ token, hosts: options.allowHosts ?? [] });
  const listeners = new Set<ServerResponse>();
  const rows = new LiveRows(irp, store, () => clock.now());
  await rows.start();
  const send = (response: ServerResponse, status: number, type: string, body: string) => {
    response.writeHead(status, { ...SAFE_HEADERS, 'Content-Type': `${type}; charset=utf-8` });
    response.end(body);
  };
  const stopRows = rows.onChange((change) => {
    const now = clock.now();
    const data =
      change.kind === 'gone'
        ? { id: change.id }
        : { id: change.row.id, html: rowHtml(rowAt(change.row, now), now, query), now: now.toISOString(), asOf: formatLondon(now, { seconds: true }) };
    const message = `event: ${change.kind}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const listener of listeners) listener.write(message);
  });
  const server = createServer({ connectionsCheckingInterval: 1_000 }, (request, response) => {
    void (async () => {
      const verdict = access(request);
      if (verdict.kind === 'refused') return send(response, verdict.status, 'text/plain', verdict.message);
      if (request.method !== 'GET') return send(response, 405, 'text/plain', 'The board is read-only.\n');
      if (verdict.kind === 'exchange') {
        response.writeHead(303, { ...SAFE_HEADERS, Location: verdict.location, 'Set-Cookie': verdict.cookie });
        return response.end();
      }
      const url = verdict.url;
      const path = url.pathname;
      const now = clock.now();
      const incident = /^\/incident\/([^/]+)(\/main)?$/.exec(path);
      if (incident) {
        const id = decodeURIComponent(incident[1] as string);
        let detail;
        try {
          detail = await boardIncident(irp, id, now);
        } catch (error) {
          if (error instanceof UserError) return send(response, 404, 'text/plain', `${error.message}\n`);
          throw error;
        }
        if (incident[2]) return send(response, 200, 'application/json', JSON.stringify({ now: now.toISOString(), asOf: formatLondon(now, { seconds: true }), html: incidentHtml(detail, now) }));
        return send(response, 200, 'text/html', incidentPage(detail, now, query));
      }
      switch (path) {
        case '/': {
          const kind = url.searchParams.get('kind');
          const filter: BoardFilter = { organisation: url.searchParams.get('org') ?? undefined, kind: kind === 'real' || kind === 'exercise' ? kind : undefined };
          return send(response, 200, 'text/html', boardPage(summaryHtml(rows.rows(now), now, query, filter), now, query));
        }
        case '/board.css':
          return send(response, 200, 'text/css', BOARD_CSS);
        case '/board.js':
          return send(response, 200, 'text/javascript', BOARD_JS);
        case '/favicon.ico':
          response.writeHead(204, SAFE_HEADERS);
          return response.end();
        case '/events':
          if (listeners.size >= MAX_LISTENERS) return send(response, 503, 'text/plain', 'Too many screens are following this board.\n');
          request.socket.setTimeout(0); // a screen follows the board for days; the heartbeat keeps the line open
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

  // Bounded: connections in all, time to send the headers and the request, and idle connections closed, so that
  // sockets held open without a request cannot exhaust the board.
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  server.setTimeout(10_000, (socket) => socket.destroy()); // a socket silent for 10 s (the events stream excepted)
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
    url: `http://${host}:${address.port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`,
    close: async () => {
      clearInterval(heartbeat);
      stopRows();
      await rows.close();
      for (const listener of listeners) listener.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
