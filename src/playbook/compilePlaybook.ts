import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../errors.ts';
import { importModule } from './importModule.ts';

/**
 * The bare imports a playbook may use, and the host's own copies of them. A compiled playbook gets these very
 * module instances (through a registry on globalThis), never a second copy from disk, so the engine and the
 * playbook agree on what an xstate machine or a zod schema is.
 */
export type SharedModules = Record<string, Record<string, unknown>>;

const REGISTRY = Symbol.for('irp.sharedModules');

interface Manifest {
  inputs: Array<{ path: string; sha256: string }>;
  sharedKey: string;
  output: string;
  sourceHash: string;
}

/**
 * Compiles a playbook written in TypeScript (with any files beside it that it imports) to one ES module in
 * `cacheDir`, and imports it. A manifest of the inputs' hashes makes later loads skip the compiler (esbuild,
 * loaded only then). Returns the module's default export and the playbook's source hash.
 */
export async function importPlaybookModule(
  file: string,
  cacheDir: string,
  shared: SharedModules,
): Promise<{ definition: unknown; sourceHash: string }> {
  (globalThis as Record<symbol, unknown>)[REGISTRY] = shared;
  const sharedKey = hashText(JSON.stringify(Object.entries(shared).map(([name, ns]) => [name, Object.keys(ns).sort()])));
  // Keyed by the file's full path: two folders may both hold a supplier-ransomware.ts (a revised copy, say).
  const manifestPath = join(cacheDir, `${basename(file)}-${hashText(file).slice(0, 12)}.manifest.json`);
  let manifest = readFreshManifest(manifestPath, sharedKey);
  if (!manifest) {
    manifest = await compile(file, cacheDir, shared, sharedKey);
    writeFileSync(`${manifestPath}.tmp`, JSON.stringify(manifest));
    renameSync(`${manifestPath}.tmp`, manifestPath);
  }
  const module = await importModule<{ default?: unknown }>(pathToFileURL(join(cacheDir, manifest.output)).href);
  return { definition: module.default, sourceHash: manifest.sourceHash };
}

function readFreshManifest(path: string, sharedKey: string): Manifest | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (manifest.sharedKey !== sharedKey) return undefined;
  for (const input of manifest.inputs) {
    try {
      if (hashText(readFileSync(input.path)) !== input.sha256) return undefined;
    } catch {
      return undefined;
    }
  }
  return manifest;
}

async function compile(file: string, cacheDir: string, shared: SharedModules, sharedKey: string): Promise<Manifest> {
  const { build } = await importModule<typeof import('esbuild')>('esbuild');
  let result;
  try {
    result = await build({
      entryPoints: [file],
      absWorkingDir: dirname(file),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      metafile: true,
      logLevel: 'silent',
      plugins: [
        {
          name: 'irp-shared-modules',
          setup(context) {
            context.onResolve({ filter: /^[^./]/ }, (args) => {
              if (args.path in shared) return { path: args.path, namespace: 'irp-shared' };
              if (args.path.startsWith('node:')) return { path: args.path, external: true };
              return {
                errors: [
                  {
                    text: `imports "${args.path}"; a playbook may import only ${Object.keys(shared).join(', ')} and files beside it`,
                  },
                ],
              };
            });
            context.onLoad({ filter: /.*/, namespace: 'irp-shared' }, (args) => ({
              contents: sharedModuleSource(args.path, Object.keys(shared[args.path] ?? {})),
              loader: 'js',
            }));
          },
        },
      ],
    });
  } catch (error) {
    const failure = error as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> };
    const details = (failure.errors ?? []).map((e) =>
      e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text,
    );
    throw new UserError(`${file}: the playbook does not compile.`, details);
  }
  const code = result.outputFiles[0]?.text ?? '';
  // Input paths are relative to the playbook's folder, so the hash does not depend on where irp is run from.
  const relativeInputs = Object.keys(result.metafile.inputs)
    .filter((path) => !path.startsWith('irp-shared:'))
    .sort();
  const inputs = relativeInputs.map((path) => {
    const absolute = join(dirname(file), path);
    return { path: absolute, sha256: hashText(readFileSync(absolute)) };
  });
  const sourceHash = hashText(relativeInputs.map((path, i) => `${path.split('\\').join('/')}\n${inputs[i]?.sha256}\n`).join(''));
  const output = `${basename(file, '.ts')}-${hashText(code).slice(0, 16)}.mjs`;
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, output), code);
  return { inputs, sharedKey, output, sourceHash };
}

function sharedModuleSource(name: string, exportNames: readonly string[]): string {
  const lines = [`const m = globalThis[Symbol.for('irp.sharedModules')][${JSON.stringify(name)}];`];
  exportNames.forEach((exported, index) => {
    // String export names (ES2022) also carry names that are reserved words, such as zod's `catch`.
    lines.push(`const e${index} = m[${JSON.stringify(exported)}];`, `export { e${index} as ${JSON.stringify(exported)} };`);
  });
  return lines.join('\n');
}

function hashText(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
