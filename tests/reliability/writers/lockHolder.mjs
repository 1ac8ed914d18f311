// Takes an incident's write lock the way irp does and does not let go: the reliability suite kills it while other
// writers wait, or lets it run out its time (a stuck process). Usage: node lockHolder.mjs <record path> [seconds]
import { closeSync, openSync, constants } from 'node:fs';
import { createRequire } from 'node:module';

const nativeFs = createRequire(import.meta.url)('fs-native-extensions');
const fd = openSync(`${process.argv[2]}.lock`, constants.O_RDWR | constants.O_CREAT, 0o600);
while (!nativeFs.tryLock(fd)) await new Promise((resolve) => setTimeout(resolve, 5));
process.stdout.write('locked\n');
const keep = setInterval(() => undefined, 1_000);
if (process.argv[3]) setTimeout(() => clearInterval(keep), Number(process.argv[3]) * 1_000);
process.on('exit', () => closeSync(fd));
