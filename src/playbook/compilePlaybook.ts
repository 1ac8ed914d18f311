import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { cacheMac, cacheMacMatches } from '../cache/cacheKey.ts';
import { writeCacheFile } from '../cache/writeCacheFile.ts';
import { UserError } from '../errors.ts';
import { importModule } from './importModule.ts';

/**
 * The bare imports a playbook may use, and the host's own copies of them. A compiled playbook gets these very
 * module instances (through a registry the host sets before running it), never a second copy from disk, so the
 * engine and the playbook agree on what an xstate machine or a zod schema is.
 */
export type SharedModules = Record<string, Record<string, unknown>>;

/** The global the compiled playbook reads the shared modules from; set only while a playbook is being run. */
const REGISTRY = '__irpSharedModules__';

/**
 * What a playbook may not touch. A playbook is trusted code, like a script (see the README); these checks stop the
 * plain ways of reaching outside it (the process, the file system, the network, evaluating text as code, timers
 * that outlive loading) so that a mistake or a careless copy does not run with the user's rights unnoticed.
 */
const FORBIDDEN = [
  'process',
  'globalThis',
  'global',
  'self',
  'window',
  'eval',
  'Function',
  'require',
  'module',
  'exports',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'fetch',
  'WebAssembly',
  'Worker',
] as const;
const SENTINEL = '__irp_forbidden_';

/** How long running a compiled playbook's top level may take before it is stopped. */
export const LOAD_TIME_LIMIT_MS = 10_000;

interface Manifest {
  inputs: Array<{ path: string; sha256: string }>;
  sharedKey: string;
  output: string;
  sourceHash: string;
  /** HMAC over the compiled code and what it was compiled from, with the user's cache key. */
  mac: string;
}

/**
 * Compiles a playbook written in TypeScript (with any files beside it that it imports) to one script, checks that
 * it imports nothing but the shared modules and files beside it and uses none of the globals above, and runs it
 * with a time limit. The compiled script is cached in `cacheDir` with a manifest of its inputs' hashes and an HMAC,
 * so later loads skip the compiler (esbuild, loaded only then) and never run code irp did not compile itself.
 */
export async function importPlaybookModule(
  file: string,
  cacheDir: string,
  shared: SharedModules,
  timeLimitMs = LOAD_TIME_LIMIT_MS,
): Promise<{ definition: unknown; sourceHash: string; code: string }> {
  const sharedKey = hashText(JSON.stringify(Object.entries(shared).map(([name, ns]) => [name, Object.keys(ns).sort()])));
  // Keyed by the file's full path: two folders may both hold a supplier-ransomware.ts (a revised copy, say).
  const manifestPath = join(cacheDir, `${basename(file)}-${hashText(file).slice(0, 12)}.manifest.json`);
  let compiled = readCached(manifestPath, cacheDir, sharedKey);
  if (!compiled) {
    compiled = await compile(file, shared, sharedKey);
    const mac = cacheMac(compiled.code, compiled.manifest.sourceHash, sharedKey, compiled.manifest.output);
    if (mac !== undefined && writeCacheFile(join(cacheDir, compiled.manifest.output), compiled.code)) {
      writeCacheFile(manifestPath, JSON.stringify({ ...compiled.manifest, mac } satisfies Manifest));
    }
  }
  return { definition: run(file, compiled.code, shared, timeLimitMs), sourceHash: compiled.manifest.sourceHash, code: compiled.code };
}

/** The cached script, if its inputs are unchanged and its HMAC matches; otherwise `undefined` (compile again). */
function readCached(manifestPath: string, cacheDir: string, sharedKey: string): { code: string; manifest: Omit<Manifest, 'mac'> } | undefined {
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.sharedKey !== sharedKey || typeof manifest.output !== 'string' || basename(manifest.output) !== manifest.output) return undefined;
    for (const input of manifest.inputs) {
      if (hashText(readFileSync(input.path)) !== input.sha256) return undefined;
    }
    const code = readFileSync(join(cacheDir, manifest.output), 'utf8');
    if (!cacheMacMatches(manifest.mac, code, manifest.sourceHash, sharedKey, manifest.output)) return undefined;
    return { code, manifest };
  } catch {
    return undefined; // missing, unreadable or garbage: compile again
  }
}

/** Runs the compiled script's top level, bounded in time, and returns its default export. */
export function runCompiled(file: string, code: string, shared: SharedModules, timeLimitMs = LOAD_TIME_LIMIT_MS): unknown {
  return run(file, code, shared, timeLimitMs);
}

function run(file: string, code: string, shared: SharedModules, timeLimitMs: number): unknown {
  const module = { exports: {} as Record<string, unknown> };
  const holder = globalThis as Record<string, unknown>;
  holder[REGISTRY] = shared;
  try {
    const factory = runInThisContext(`(function (module, exports) {${code}\n})`, { filename: file }) as (m: typeof module, e: unknown) => void;
    // The top level runs inside a second script so that the time limit applies to it, not just to compiling it.
    holder.__irpRunPlaybook__ = () => factory(module, module.exports);
    runInThisContext('__irpRunPlaybook__()', { filename: file, timeout: timeLimitMs });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new UserError(`${file}: the playbook took longer than ${timeLimitMs / 1000} s to load and was stopped (a loop that never ends?).`);
    }
    throw error;
  } finally {
    delete holder.__irpRunPlaybook__;
    delete holder[REGISTRY];
  }
  return module.exports.default;
}

async function compile(file: string, shared: SharedModules, sharedKey: string): Promise<{ code: string; manifest: Omit<Manifest, 'mac'> }> {
  const { build } = await importModule<typeof import('esbuild')>('esbuild');
  const allowed = Object.keys(shared).join(', ');
  let result;
  try {
    result = await build({
      entryPoints: [file],
      absWorkingDir: dirname(file),
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'neutral',
      target: 'node20',
      metafile: true,
      logLevel: 'silent',
      define: Object.fromEntries(FORBIDDEN.map((name) => [name, `${SENTINEL}${name}`])),
      plugins: [
        {
          name: 'irp-shared-modules',
          setup(context) {
            // Every form the compiler sees: `import`, `export … from`, `require()` and `import()` with a literal.
            context.onResolve({ filter: /^[^./]/ }, (args) => {
              if (args.path in shared) return { path: args.path, namespace: 'irp-shared' };
              return { errors: [{ text: `imports "${args.path}"; a playbook may import only ${allowed} and files beside it` }] };
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
    throw new UserError(`${file}: the playbook does not compile.`, (failure.errors ?? []).map(describeMessage));
  }
  const code = result.outputFiles[0]?.text ?? '';
  const problems = [
    // A literal `import('./x.ts')` is bundled like any import; one left in the output loads a name it computes,
    // which cannot be checked, so it is refused.
    ...(/(?<![.\w$])import\s*\(/.test(code) ? ['uses import() with a name it computes; a playbook may load only files it names'] : []),
    ...[...new Set([...code.matchAll(new RegExp(`${SENTINEL}(\\w+)`, 'g'))].map((m) => m[1] as string))].map(
      (name) => `uses \`${name}\`, which a playbook may not: it describes a response, it does not run one`,
    ),
  ];
  if (problems.length > 0) throw new UserError(`${file}: the playbook reaches outside what a playbook may use.`, problems);

  // Input paths are relative to the playbook's folder, so the hash does not depend on where irp is run from.
  const relativeInputs = Object.keys(result.metafile.inputs)
    .filter((path) => !path.startsWith('irp-shared:'))
    .sort();
  const inputs = relativeInputs.map((path) => {
    const absolute = join(dirname(file), path);
    return { path: absolute, sha256: hashText(readFileSync(absolute)) };
  });
  const sourceHash = hashText(relativeInputs.map((path, i) => `${path.split('\\').join('/')}\n${inputs[i]?.sha256}\n`).join(''));
  const output = `${basename(file, '.ts')}-${hashText(code).slice(0, 16)}.cjs`;
  return { code, manifest: { inputs, sharedKey, output, sourceHash } };
}

function describeMessage(message: { text: string; location?: { file: string; line: number; column: number } | null }): string {
  return message.location ? `${message.location.file}:${message.location.line}:${message.location.column}: ${message.text}` : message.text;
}

function sharedModuleSource(name: string, exportNames: readonly string[]): string {
  const lines = [`const m = ${REGISTRY}[${JSON.stringify(name)}];`];
  exportNames.forEach((exported, index) => {
    // String export names (ES2022) also carry names that are reserved words, such as zod's `catch`.
    lines.push(`const e${index} = m[${JSON.stringify(exported)}];`, `export { e${index} as ${JSON.stringify(exported)} };`);
  });
  return lines.join('\n');
}

function hashText(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
