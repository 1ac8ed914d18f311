#!/usr/bin/env node
// The executable, `dist/irp.cjs`: runs the shell (`irp-shell.cjs`, built from main.ts) through V8 with a code cache,
// as the shell runs the commands (see codeCache.ts), and lends them its `import`: a script compiled through node:vm
// cannot import a module itself (a compiled playbook, esbuild: see src/playbook/importModule.ts).
import { dirname, join } from 'node:path';
import { IMPORTER } from '../playbook/importModule.ts';
import { runWithCodeCache } from './codeCache.ts';

/** Set by the build to the name of the bundled shell beside this file. */
declare const IRP_SHELL_FILE: string;

(globalThis as Record<symbol, unknown>)[IMPORTER] = (specifier: string) => import(specifier);
runWithCodeCache(join(dirname(__filename), IRP_SHELL_FILE));
