import { settingChoices } from '../input/settingChoices.ts';
import type { FoldCheckpoint } from '../engine/foldCheckpoint.ts';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Irp, type SummaryEntry } from '../api/irp.ts';
import { FileSummaryIndex } from '../cache/summaryIndex.ts';
import { visible } from '../render/visible.ts';
import { invalidInput } from '../errors.ts';
import { PlaybookCatalog } from '../playbook/playbookCatalog.ts';
import { FileCheckpointCache } from '../cache/checkpointCache.ts';
import type { IncidentStore } from '../store/incidentStore.ts';
import { openStore, recordCopiesIn } from '../store/openStore.ts';
import { fixedClock, systemClock, type Clock } from '../time/clock.ts';
import { parseTime } from '../input/parseTime.ts';
import type { CliIo } from './cliIo.ts';
import type { Tone } from '../render/tone.ts';
import { invocation } from './invocation.ts';
import { readSettings, type Settings } from '../runner/settings.ts';

export interface GlobalOptions {
  store?: string;
  stateDir?: string;
  playbooks?: string;
  json?: boolean;
  actor?: string;
  role?: string;
}

/** Everything a command needs from the outside world, resolved once: folders, clock, who is acting. */
export interface CliContext {
  irp: Irp;
  /** An Irp on the same store and playbooks, for exercises: their own clock, and ids they choose. */
  exerciseIrp(options: { exerciseClock: Clock; newSuffix?: () => string }): Irp;
  /** An Irp on the same store and playbooks with other options (the back-dating margin of a new incident). */
  irpWith(options: { backdateMarginMinutes?: number }): Irp;
  /** An Irp on another store (a shared one), with the same playbooks and clock. */
  irpOn(store: IncidentStore): Irp;
  playbooksDir: string;
  catalog: PlaybookCatalog;
  store: IncidentStore;
  clock: Clock;
  stateDir: string;
  json: boolean;
  /** Who is acting: --actor, else IRP_ACTOR, else the name remembered by the runner, else the login name. */
  actor: { name: string; role?: string | undefined };
  /** Where the actor's name came from. */
  actorFrom: 'flag' | 'settings' | 'login';
  /** A command as the user can paste it into the shell they started irp from (`irp run X`, `npm start -- run X`). */
  command: (args: string) => string;
  /** Prints for people: recorded text in it is made visible, never obeyed; a tone colours it where colour is on. */
  out: (text: string, tone?: Tone) => void;
  /** Prints a warning or a problem on the error stream, made visible likewise. */
  warn: (text: string) => void;
  /** Both stdin and stdout are a terminal: prompts can be shown. */
  interactive: boolean;
  /** A site's standing choices of playbooks' settings (`IRP_SET="law=bill"`), read when a new incident is opened. */
  siteSettings(): Record<string, string>;
  /** The exit code once the command returns: 0, or 2 when what it reports is not all right (verify, playbooks). */
  exitCode: number;
}

/** The folder holding irp's package.json: `state/` and `playbooks/` live there unless told otherwise. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

export function createContext(options: GlobalOptions, io: CliIo): CliContext {
  const root = packageRoot();
  const stateDir = resolve(options.stateDir ?? join(root, 'state'));
  const playbooksDir = resolve(options.playbooks ?? join(root, 'playbooks'));
  const clock = clockFromEnvironment(io.env);
  const paint = painter(io);
  const store = storeOf(options.store, stateDir);
  const catalog = new PlaybookCatalog(playbooksDir, join(stateDir, '.cache', 'playbooks'));
  const checkpoints = new FileCheckpointCache<FoldCheckpoint>(join(stateDir, '.cache', 'derived'));
  const summaries = new FileSummaryIndex<SummaryEntry>(join(stateDir, '.cache', 'summaries-3.json'));
  const irp = new Irp({ store, catalog, clock, checkpoints, summaries });
  return {
    irp,
    exerciseIrp: (options) => new Irp({ store, catalog, clock, checkpoints, ...options }),
    irpWith: (options) => new Irp({ store, catalog, clock, checkpoints, ...options }),
    irpOn: (other) => new Irp({ store: other, catalog, clock }),
    playbooksDir,
    catalog,
    store,
    clock,
    stateDir,
    json: options.json === true,
    ...whoIsActing(options, readSettings(stateDir), io.env),
    command: invocation(io.env),
    // Everything printed for people may carry recorded text: control characters are made visible (visible.ts).
    out: (text, tone) => io.stdout(`${paint(visible(text), tone)}\n`.replace(/\n\n$/, '\n')),
    warn: (text) => io.stderr(visible(text.endsWith('\n') ? text : `${text}\n`)),
    interactive: io.interactive,
    siteSettings: () => settingChoices(io.env.IRP_SET, 'IRP_SET'),
    exitCode: 0,
  };
}

/**
 * `IRP_NOW` pins the clock (rehearsals, tests, demonstrations); otherwise the system clock. This is the one place
 * where the CLI reads the wall clock.
 */
function clockFromEnvironment(env: CliIo['env']): Clock {
  const pinned = env.IRP_NOW;
  if (!pinned) return systemClock;
  const at = parseTime(pinned, new Date(), 'IRP_NOW', { allowFuture: true });
  return fixedClock(at);
}

/** The files under the state folder, or a shared PostgreSQL store named by its URL (see `store/openStore.ts`). */
export function storeOf(url: string | undefined, stateDir: string): IncidentStore {
  return openStore(url, stateDir, { cacheDir: stateDir === '' ? undefined : recordCopiesIn(stateDir) });
}

/**
 * Colour only for a person at a terminal that shows it, and never when NO_COLOR is set (https://no-color.org).
 * The text is made visible first, so colour codes come only from here, never from recorded text.
 */
function painter(io: CliIo): (text: string, tone: Tone | undefined) => string {
  const on = io.interactive && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  const codes: Record<Tone, string> = { alarm: '\u001b[1;31m', warning: '\u001b[33m' };
  return (text, tone) => (on && tone ? `${codes[tone]}${text}\u001b[0m` : text);
}

/** One notion of who is acting, for the runner and every command alike: flags, environment, remembered, login. */
function whoIsActing(options: GlobalOptions, remembered: Settings, env: CliIo['env']): Pick<CliContext, 'actor' | 'actorFrom'> {
  // commander has already put --actor before IRP_ACTOR (and --role before IRP_ROLE) for the commands that take them;
  // the runner's home takes no flags, so the environment is read here for it.
  // Given, even empty, it is taken (an empty name is refused where it is used, never silently replaced).
  const role = options.role ?? env.IRP_ROLE;
  if (options.actor !== undefined) return { actor: { name: options.actor, role: options.role }, actorFrom: 'flag' };
  if (env.IRP_ACTOR !== undefined) return { actor: { name: env.IRP_ACTOR, role }, actorFrom: 'flag' };
  if (remembered.name) return { actor: { name: remembered.name, role: role ?? remembered.role }, actorFrom: 'settings' };
  return { actor: { name: loginName(), role }, actorFrom: 'login' };
}

function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    throw invalidInput('--actor', 'no-actor', 'Cannot tell who you are; pass --actor "Your Name".');
  }
}
