// Bundles the CLI and the library into dist/ so that `irp` starts fast: one file per entry point, shared chunks
// for what they have in common, and commands loaded lazily (a bundled module loads far faster than the same code
// spread over hundreds of files in node_modules).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Everything of dist/ is made again but its types (dist/types/, made by `npm run build:types`, with `prepare`).
const dist = new URL('../dist/', import.meta.url);
for (const name of await readdir(dist).catch(() => [])) if (name !== 'types') await rm(new URL(name, dist), { recursive: true, force: true });

// zod ships error messages in some 60 languages, half of its code; irp speaks English. Every other locale is
// replaced by a stub that says so, which nearly halves what `irp status` has to load.
const englishOnlyZod = {
  name: 'english-only-zod',
  setup(context) {
    context.onLoad({ filter: /zod[\\/]v4[\\/]locales[\\/][^\\/]+\.js$/ }, (args) => {
      if (/[\\/](en|index)\.js$/.test(args.path)) return undefined;
      return { contents: "export default function () { throw new Error('irp includes only the English zod locale'); }", loader: 'js' };
    });
  },
};
// commander loads node:child_process as it starts, for subcommands that are programs of their own, which irp has
// none of: it is loaded only if commander ever uses it (child_process brings net and dgram: 2 ms of every start).
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(context) {
    context.onResolve({ filter: /^node:child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined));
    context.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });",
      loader: 'js',
    }));
  },
};
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

// This build's identity (src/cache/cacheKey.ts): a hash of every source file and of the locked dependencies, so that
// what an earlier irp worked out and cached is not taken for this one's.
const buildHash = createHash('sha256').update(version);
const root = fileURLToPath(new URL('..', import.meta.url));
for (const file of [...(await readdir(join(root, 'src'), { recursive: true }))].sort()) {
  const path = join(root, 'src', file);
  if (!(await stat(path)).isFile()) continue;
  buildHash.update(`${file}\n`).update(await readFile(path));
}
buildHash.update(await readFile(join(root, 'package-lock.json')).catch(() => ''));
const buildId = JSON.stringify(`${version}+${buildHash.digest('hex').slice(0, 16)}`);
const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // Loaded at run time from node_modules, and only by the commands that need them (elkjs: diagrams; docx, pdfkit:
  // Word and PDF reports; fflate: evidence packs).
  external: ['esbuild', 'fs-native-extensions', 'elkjs', 'pg', 'docx', 'pdfkit', 'fflate'],
  plugins: [englishOnlyZod, lazyChildProcess],
  banner: { js: "import { createRequire as __irpCreateRequire } from 'node:module'; const require = __irpCreateRequire(import.meta.url);" },
  minify: true,
  sourcemap: 'linked',
  logLevel: 'warning',
};

// Each command is declared once, in its module (src/cli/declareCommand.ts). The shell needs the declarations but
// not the commands' code: they are read here, by loading every command module once, and written into the shell.
const catalogue = fileURLToPath(new URL('../dist/.declared-commands.mjs', import.meta.url));
await build({ ...common, entryPoints: ['src/cli/commandCatalogue.ts'], outfile: catalogue, minify: false, sourcemap: false, define: { IRP_VERSION: JSON.stringify(version), IRP_BUILD: buildId } });
const declared = await (await import(pathToFileURL(catalogue).href)).declaredCommands();
await rm(catalogue, { force: true });

// The CLI is three CommonJS files: the executable, `irp.cjs`, which runs the shell (argument parsing and help,
// nothing else), `irp-shell.cjs`, which, when a command runs, loads one file with every command, `irp-commands.cjs`.
// The last two are compiled through V8 with a code cache kept beside each (src/cli/codeCache.ts). CommonJS, because
// Node starts a CommonJS program about 5 ms sooner than a module (it sets up no module loader until one is imported).
const commonJs = {
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  banner: { js: "const __irpImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};
await build({
  ...common,
  ...commonJs,
  entryPoints: { irp: 'src/cli/bootstrap.ts' },
  outdir: 'dist',
  define: { 'import.meta.url': '__irpImportMetaUrl', IRP_SHELL_FILE: '"irp-shell.cjs"' },
});
await build({
  ...common,
  ...commonJs,
  entryPoints: { 'irp-shell': 'src/cli/main.ts' },
  outdir: 'dist',
  define: { 'import.meta.url': '__irpImportMetaUrl', IRP_COMMANDS_FILE: '"irp-commands.cjs"', IRP_DECLARED_COMMANDS: JSON.stringify(declared), IRP_VERSION: JSON.stringify(version), IRP_BUILD: buildId },
});
await build({
  ...common,
  ...commonJs,
  entryPoints: { 'irp-commands': 'src/cli/runCommand.ts' },
  outdir: 'dist',
  define: { 'import.meta.url': '__irpImportMetaUrl', IRP_VERSION: JSON.stringify(version), IRP_BUILD: buildId },
});
await build({
  ...common,
  entryPoints: { index: 'src/index.ts', playbook: 'src/playbook/definePlaybook.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  define: { IRP_BUILD: buildId },
});
await chmod(new URL('../dist/irp.cjs', import.meta.url), 0o755);
// irp 0.5.1 and before were started as dist/irp.js: scripts that still do go on working, by way of Node's module
// loader (some 5 ms slower than irp.cjs, the bin).
await writeFile(new URL('../dist/irp.js', import.meta.url), "#!/usr/bin/env node\n// The executable is irp.cjs; this file is kept for scripts written for irp 0.5.1 and before.\nimport './irp.cjs';\n");
await chmod(new URL('../dist/irp.js', import.meta.url), 0o755);

// src/cli/codeCache.ts reads the shell and the commands as Latin-1, which is right only for ASCII. esbuild escapes
// what is not ASCII in strings, but leaves a regular expression or a template's text as written: write those as \u
// escapes.
for (const name of ['irp-shell.cjs', 'irp-commands.cjs']) {
  const text = await readFile(new URL(`../dist/${name}`, import.meta.url));
  const notAscii = text.findIndex((byte) => byte > 0x7f);
  if (notAscii < 0) continue;
  const line = text.subarray(0, notAscii).toString('latin1').split('\n').length;
  throw new Error(`dist/${name} line ${line} holds a character that is not ASCII (${JSON.stringify(text.subarray(notAscii - 40, notAscii + 20).toString('utf8'))}); write it as a \\u escape in the source`);
}

// Write the shell's and the commands' V8 code caches now rather than on the first real start, from the run of the
// command used most (irp status on an incident): the caches then hold the code of the engine, the store and the
// views it ran.
const warm = await mkdtemp(join(tmpdir(), 'irp-build-'));
const irp = (...args) => execFileSync(process.execPath, [fileURLToPath(new URL('../dist/irp.cjs', import.meta.url)), ...args, '--state-dir', warm], { env: { ...process.env, IRP_ACTOR: 'irp build' }, encoding: 'utf8' });
const { id } = JSON.parse(irp('start', 'supplier-ransomware', '--title', 'Code cache', '--json'));
irp('note', id, 'A note, so that the record has more than its opening');
await rm(new URL('../dist/irp-shell.cjs.v8cache', import.meta.url), { force: true });
await rm(new URL('../dist/irp-commands.cjs.v8cache', import.meta.url), { force: true });
irp('status', id);
await rm(warm, { recursive: true, force: true });
