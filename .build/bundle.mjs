// Bundles the CLI and the library into dist/ so that `irp` starts fast: one file per entry point, shared chunks
// for what they have in common, and commands loaded lazily (a bundled module loads far faster than the same code
// spread over hundreds of files in node_modules).
import { build } from 'esbuild';
import { chmod, rm } from 'node:fs/promises';

await rm(new URL('../dist/', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: {
    irp: 'src/cli/main.ts',
    index: 'src/index.ts',
    playbook: 'src/playbook/definePlaybook.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['esbuild'],
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: "import { createRequire as __irpCreateRequire } from 'node:module'; const require = __irpCreateRequire(import.meta.url);" },
  minify: false,
  sourcemap: 'linked',
  logLevel: 'warning',
});
await chmod(new URL('../dist/irp.js', import.meta.url), 0o755);
