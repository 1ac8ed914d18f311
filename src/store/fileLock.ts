import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { ConcurrencyError } from '../errors.ts';

const WAIT_STEP_MS = 5;
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * An exclusive lock held by creating `<path>` with O_EXCL. The file names the holder (pid and host) so that a
 * lock left behind by a process that died can be recognised and taken over. Waits by sleeping the thread: a CLI
 * process has nothing else to do meanwhile.
 */
export function withFileLock<T>(lockPath: string, work: () => T, timeoutMs = DEFAULT_TIMEOUT_MS): T {
  acquire(lockPath, timeoutMs);
  try {
    return work();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  }
}

function acquire(lockPath: string, timeoutMs: number): void {
  const holder = `${process.pid} ${hostname()}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, holder);
      } finally {
        closeSync(fd);
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (holderIsDead(lockPath)) {
      try {
        unlinkSync(lockPath);
      } catch {
        // Someone else cleared it first.
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new ConcurrencyError(
        `${lockPath} has been held by another irp process for over ${timeoutMs / 1000} s; try again, or remove the file if no irp process is running.`,
      );
    }
    sleep(WAIT_STEP_MS);
  }
}

/** True when the lock names a process on this host that no longer exists. */
function holderIsDead(lockPath: string): boolean {
  let text: string;
  try {
    text = readFileSync(lockPath, 'utf8');
  } catch {
    return false;
  }
  const [pidText, host] = text.split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return olderThan(lockPath, EMPTY_LOCK_GRACE_MS); // died before naming itself
  if (host !== hostname()) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

const EMPTY_LOCK_GRACE_MS = 2_000;

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
