import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const playbooksDir = fileURLToPath(new URL('../../playbooks/', import.meta.url));
export const builtCli = fileURLToPath(new URL('../../dist/irp.cjs', import.meta.url));
