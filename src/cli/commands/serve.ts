import { startBoard } from '../../board/boardServer.ts';
import { invalidInput } from '../../errors.ts';
import { declareCommand, value, list } from '../declareCommand.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `irp serve [--port] [--host] [--token]`: the incident-room board, until Ctrl-C. */
const serve = declareCommand({
  words: ['serve'],
  description: 'serve the incident-room board: a read-only live web page of the open incidents',
  options: {
    port: value('port', 'the port (0: any free one)', { default: '8080' }),
    host: value('address', 'the address to listen on (anything but loopback needs --token)', { default: '127.0.0.1' }),
    token: value('token', 'an access token every request must carry (exchanged at first for a cookie)', { env: 'IRP_BOARD_TOKEN' }),
    allowHost: list('name', 'names the board may be opened by, besides IP addresses and localhost (board.example.nhs.uk)'),
  },
  async run(context, _args, options) {
    const host = String(options.host ?? '127.0.0.1');
    const port = Number(options.port ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw invalidInput('--port', 'not-a-port', `--port ${String(options.port)}: give a port number from 0 to 65535.`);
    const token = options.token !== undefined && options.token !== '' ? options.token : undefined;
    if (!LOOPBACK.has(host) && !token) {
      throw invalidInput('--token', 'needed-off-loopback', `--host ${host}: the board shows incident records; on any address but this machine's own it needs an access token: add --token <a long random string> (or IRP_BOARD_TOKEN).`);
    }
    for (const name of options.allowHost ?? []) {
      if (!/^[A-Za-z0-9]([A-Za-z0-9-]{0,62}\.?)*$/.test(name) || name.length > 253) throw invalidInput('--allow-host', 'not-a-host-name', `--allow-host "${name}": give a host name such as board.example.nhs.uk.`);
    }
    if (token !== undefined && token.length < 16) throw invalidInput('--token', 'too-short', '--token: use at least 16 characters (a long random string).');
    let board;
    try {
      const allowHosts = [...(options.allowHost ?? []), ...(LOOPBACK.has(host) || host === '0.0.0.0' || host === '::' ? [] : [host])];
      board = await startBoard({ irp: context.irp, store: context.store, clock: context.clock, host, port, token, allowHosts });
    } catch (error) {
      throw invalidInput('--host', 'cannot-listen', `The board cannot listen on ${host}:${port}: ${(error as Error).message}.`);
    }
    context.out(`Incident board on ${board.url}  (read-only; Ctrl-C to stop)`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await board.close();
    context.out('Board stopped.');
  },
});

export default serve;
