// Takes an incident's write lock the way irp does and never lets go: the reliability suite kills it while other
// writers wait. Usage: node lockHolder.mjs <record path>
import { closeSync, openSync, constants } from 'node:fs';
import { createRequire } from 'node:module';

const nativeFs = createRequire(import.meta.url)('fs-native-extensions');
const fd = openSync(`${process.argv[2]}.lock`, constants.O_RDWR | constants.O_CREAT, 0o600);
while (!nativeFs.tryLock(fd)) await new Promise((resolve) => setTimeout(resolve, 5));
process.stdout.write('locked\n');
setInterval(() => undefined, 1_000);
process.on('exit', () => closeSync(fd));
