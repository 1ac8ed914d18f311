import { readFileSync } from 'node:fs';

/** Set by the build from package.json; from source, read from it. */
declare const IRP_VERSION: string | undefined;

/** irp's own version (semantic versioning: see docs/changelog.md). */
export const irpVersion = (): string =>
  typeof IRP_VERSION === 'string' ? IRP_VERSION : (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
