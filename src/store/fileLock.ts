import { closeSync, constants, ftruncateSync, openSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UserError } from '../errors.ts';
import { storageError } from './storageError.ts';

// An open file description lock (Linux F_OFD_SETLK; flock elsewhere) from fs-native-extensions, a small native
// addon shipped prebuilt in its npm package. The kernel releases it when the holder's file description is closed,
// which includes the holder dying in any way: no stale lock is ever taken over, so two writers can never both
// believe they hold it. Loaded when a lock is first taken: a command that only reads never pays for the addon.
type NativeFs = { tryLock(fd: number): boolean; unlock(fd: number): void };
let loaded: NativeFs | undefined;
const nativeFs = (): NativeFs => (loaded ??= createRequire(import.meta.url)('fs-native-extensions') as NativeFs);

const WAIT_STEP_MS = 5;
const DEFAULT_TIMEOUT_MS = 5_000;

/** Another process held the lock for longer than a writer will wait. Not retried as a write conflict. */
export class LockTimeoutError extends UserError {
  override readonly name: string = 'LockTimeoutError';
  constructor(problem: { code: 'lock-timeout'; lock: string; seconds: number }) {
    super(problem);
  }
}

/**
 * Runs `work` while holding an exclusive lock on `lockPath` (created 0600 if missing, never deleted: deleting a
 * lock file while another process waits on it would let two holders in). Waits by sleeping the thread: a CLI
 * process has nothing else to do meanwhile.
 */
export function withFileLock<T>(lockPath: string, work: () => T, timeoutMs = DEFAULT_TIMEOUT_MS): T {
  let fd: number;
  try {
    fd = openSync(lockPath, constants.O_RDWR | constants.O_CREAT | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    throw storageError(error, lockPath, 'open the lock of');
  }
  try {
    const deadline = Date.now() + timeoutMs;
    while (!nativeFs().tryLock(fd)) {
      if (Date.now() > deadline) {
        throw new LockTimeoutError({ code: 'lock-timeout', lock: lockPath, seconds: timeoutMs / 1000 });
      }
      sleep(WAIT_STEP_MS);
    }
    // For people looking at the folder: who holds it now. The kernel lock, not this text, is what counts.
    try {
      ftruncateSync(fd, 0);
      writeSync(fd, `${process.pid}\n`, 0);
    } catch {
      // A full disk must not stop the append from being tried (and refused properly) under the lock.
    }
    return work();
  } finally {
    closeSync(fd); // releases the lock
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
