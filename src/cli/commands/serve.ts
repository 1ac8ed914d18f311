import { startBoard } from '../../board/boardServer.ts';
import { UserError } from '../../errors.ts';
import type { CliContext } from '../context.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `irp serve [--port] [--host] [--token]`: the incident-room board, until Ctrl-C. */
export default async function serve(context: CliContext, _args: string[], options: Record<string, unknown>): Promise<void> {
  const host = String(options.host ?? '127.0.0.1');
  const port = Number(options.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UserError(`--port ${String(options.port)}: give a port number from 0 to 65535.`);
  const token = typeof options.token === 'string' && options.token !== '' ? options.token : undefined;
  if (!LOOPBACK.has(host) && !token) {
    throw new UserError(`--host ${host}: the board shows incident records; on any address but this machine's own it needs an access token: add --token <a long random string> (or IRP_BOARD_TOKEN).`);
  }
  for (const name of (options.allowHost as string[] | undefined) ?? []) {
    if (!/^[A-Za-z0-9]([A-Za-z0-9-]{0,62}\.?)*$/.test(name) || name.length > 253) throw new UserError(`--allow-host "${name}": give a host name such as board.example.nhs.uk.`);
  }
  if (token !== undefined && token.length < 16) throw new UserError('--token: use at least 16 characters (a long random string).');
  let board;
  try {
    const allowHosts = [...((options.allowHost as string[] | undefined) ?? []), ...(LOOPBACK.has(host) || host === '0.0.0.0' || host === '::' ? [] : [host])];
    board = await startBoard({ irp: context.irp, store: context.store, clock: context.clock, host, port, token, allowHosts });
  } catch (error) {
    throw new UserError(`The board cannot listen on ${host}:${port}: ${(error as Error).message}.`);
  }
  context.out(`Incident board on ${board.url}  (read-only; Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await board.close();
  context.out('Board stopped.');
}
