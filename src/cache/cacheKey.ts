import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Caches under `state/.cache` only ever speed up what the record and the playbooks would give anyway, and a person
 * who can write to the state folder must not be able to make them lie (a hand-made checkpoint, a "verified"
 * prefix over an edited note, code planted as a compiled playbook). So every cache entry carries an HMAC made with
 * a key kept outside the state folder, per user (`~/.local/state/irp/cache.key`, or `IRP_CACHE_KEY_FILE`), and an
 * entry whose HMAC does not match is ignored and rebuilt. Without a usable key, nothing is cached.
 */
let key: Buffer | null | undefined;

function keyFile(): string {
  return process.env.IRP_CACHE_KEY_FILE ?? join(process.env.XDG_STATE_HOME ?? join(homedir(), '.local', 'state'), 'irp', 'cache.key');
}

function cacheKey(): Buffer | null {
  if (key !== undefined) return key;
  const file = keyFile();
  key = readKey(file) ?? createKey(file);
  return key;
}

function readKey(file: string): Buffer | null {
  try {
    const bytes = readFileSync(file);
    return bytes.length === 32 ? bytes : null;
  } catch {
    return null;
  }
}

/** Made once, atomically: written to a private temporary file, then linked into place (never replacing one). */
function createKey(file: string): Buffer | null {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      writeSync(fd, randomBytes(32));
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return readKey(file);
  } catch {
    return null; // a read-only home: irp works, without caches
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      // not created
    }
  }
}

/** Set by the build to a hash of irp's sources and locked dependencies; absent when running from source. */
declare const IRP_BUILD: string | undefined;

/**
 * Which irp worked a cache entry out. What is derived (checkpoints, the summaries of `irp list`, a playbook's proofs,
 * a verified prefix of a record, compiled playbooks) holds only for the code that derived it: an upgraded irp that
 * corrects a rule must not go on showing what the old one worked out until the record changes. Each of those
 * caches puts this among the parts of its HMAC, so that an entry another build wrote is ignored and made again.
 * (Kept copies of earlier playbook versions are not derived, and outlive upgrades.)
 */
export const THIS_BUILD: string = typeof IRP_BUILD === 'string' ? IRP_BUILD : 'source';

/** The HMAC of a cache entry's parts, or `undefined` when there is no key (then nothing is cached). */
export function cacheMac(...parts: ReadonlyArray<string | Buffer>): string | undefined {
  const secret = cacheKey();
  if (!secret) return undefined;
  const mac = createHmac('sha256', secret);
  // Each part is preceded by its length, so that no two different lists of parts give the same bytes.
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part) : part;
    mac.update(`${bytes.length}:`);
    mac.update(bytes);
  }
  return mac.digest('hex');
}

/** Whether a cache entry's HMAC is the one this user's key gives its parts. */
export function cacheMacMatches(mac: unknown, ...parts: ReadonlyArray<string | Buffer>): boolean {
  const expected = cacheMac(...parts);
  if (typeof mac !== 'string' || expected === undefined || mac.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
}
