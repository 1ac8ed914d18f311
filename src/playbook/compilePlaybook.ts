import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cacheMac, cacheMacMatches, THIS_BUILD } from '../cache/cacheKey.ts';
import { keptAnswersFile } from '../cache/keptAnswers.ts';
import { writeCacheFile } from '../cache/writeCacheFile.ts';
import { UserError } from '../errors.ts';
import { importModule } from './importModule.ts';
import { PlaybookSandbox, SANDBOX_EXPORTS, type SandboxBudget } from './sandbox/playbookSandbox.ts';
import { reviveDefinition } from './sandbox/reviveDefinition.ts';

/** The global the compiled playbook reads the modules it may import from, inside its sandbox (see kitSource.ts). */
const REGISTRY = '__irpSharedModules__';

/**
 * Names a playbook may not use. What keeps a playbook from the machine is its sandbox (see sandbox/); these checks
 * come first so that a playbook that reaches for the process, the file system, the network, evaluating text as
 * code or timers is told so in words when it is compiled, rather than failing inside the sandbox.
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
 * it imports nothing but the modules a playbook may import and files beside it and uses none of the globals above,
 * and runs it in its sandbox, bounded in time and memory. The compiled script is cached in `cacheDir` with a manifest
 * of its inputs' hashes and an HMAC, so later loads skip the compiler (esbuild, loaded only then) and never run code
 * irp did not compile itself.
 */
export async function importPlaybookModule(file: string, cacheDir: string, budget?: SandboxBudget): Promise<LoadedModule & { sourceHash: string; code: string }> {
  const { sharedKey, manifestPath } = cacheOf(file, cacheDir);
  let compiled = readCached(manifestPath, cacheDir, sharedKey);
  if (!compiled) {
    compiled = await compile(file, sharedKey);
    const mac = cacheMac(THIS_BUILD, compiled.code, compiled.manifest.sourceHash, sharedKey, compiled.manifest.output);
    if (mac !== undefined && writeCacheFile(join(cacheDir, compiled.manifest.output), compiled.code)) {
      writeCacheFile(manifestPath, JSON.stringify({ ...compiled.manifest, mac } satisfies Manifest));
    }
  }
  return { ...runCompiled(file, compiled.code, budget, cacheDir), sourceHash: compiled.manifest.sourceHash, code: compiled.code };
}

/**
 * The hash of a playbook's sources as they are now, read from its compile cache without running it (for `irp list`,
 * which only asks whether a summary was made under the playbook as it is); `undefined` when the cache cannot say.
 */
export function cachedSourceHash(file: string, cacheDir: string): string | undefined {
  const { sharedKey, manifestPath } = cacheOf(file, cacheDir);
  return readCached(manifestPath, cacheDir, sharedKey)?.manifest.sourceHash;
}

/** What the compile cache of a playbook is keyed by: the sandbox's modules, and the file's full path. */
function cacheOf(file: string, cacheDir: string): { sharedKey: string; manifestPath: string } {
  const sharedKey = hashText(JSON.stringify(Object.entries(SANDBOX_EXPORTS).map(([name, names]) => [name, [...names].sort()])));
  // Keyed by the file's full path: two folders may both hold a supplier-ransomware.ts (a revised copy, say).
  return { sharedKey, manifestPath: join(cacheDir, `${basename(file)}-${hashText(file).slice(0, 12)}.manifest.json`) };
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
    if (!cacheMacMatches(manifest.mac, THIS_BUILD, code, manifest.sourceHash, sharedKey, manifest.output)) return undefined;
    return { code, manifest };
  } catch {
    return undefined; // missing, unreadable or garbage: compile again
  }
}

/** A playbook's default export, and whether it passed every check before (see `keep`). */
export interface LoadedModule {
  definition: unknown;
  /**
   * The definition was described by this very code before, and passed every check then, proofs of what its guards
   * read included: loading it again needs no sandbox until one of its functions is called.
   */
  proven: boolean;
  /** What the checks made of it then (see keptCheck.ts), when `proven` and they could be kept. */
  checked?: Buffer;
  /**
   * Keeps the description (under the cache's HMAC) once the definition has passed every check, with what the checks
   * made of it (see keptCheck.ts).
   */
  keep(checked: Buffer | undefined): void;
}

/**
 * What a kept description vouches for: that the code passed every check of this irp. A built irp proves again after
 * every upgrade (THIS_BUILD is among the parts of the HMAC); this name is changed when a check is added (2: what an
 * assign reads; 3: no clock and no chance in the sandbox), so that irp run from source proves again too.
 */
const PROVEN = 'proven-3';

/**
 * Runs the compiled script's top level in a sandbox of its own, bounded in time and memory, and returns its default
 * export as irp's own objects (see sandbox/reviveDefinition.ts): the playbook's functions stay in the sandbox.
 */
export function runCompiled(file: string, code: string, budget?: SandboxBudget, cacheDir?: string): LoadedModule {
  const codeHash = hashText(code);
  const kept = cacheDir === undefined ? undefined : join(cacheDir, `proven-${codeHash.slice(0, 32)}.json`);
  const proven = kept === undefined ? undefined : readProven(kept, codeHash);
  const known = proven?.description;
  // Started now when the description is known, so that the sandbox is ready if a function is called.
  const answers = cacheDir === undefined ? undefined : keptAnswersFile(join(cacheDir, `answers-${codeHash.slice(0, 32)}.json`), codeHash);
  const sandbox = new PlaybookSandbox(file, code, budget, known, answers);
  const description = known ?? sandbox.describe();
  return {
    definition: reviveDefinition(description, sandbox, { proven: known !== undefined }),
    proven: known !== undefined,
    ...(proven?.checked ? { checked: proven.checked } : {}),
    keep: (checked) => {
      if (kept === undefined || known !== undefined) return;
      const text = checked?.toString('base64') ?? '';
      const mac = provenMac(description, codeHash, text);
      if (mac !== undefined) writeCacheFile(kept, JSON.stringify({ description, checked: text, mac }));
    },
  };
}

/** Which V8 wrote what the checks made of a playbook (its clone's format is V8's). */
const V8 = `v8 ${process.versions.v8}`;

/**
 * The HMAC of a proven description and what the checks made of it (base64), over this build, the code's hash and
 * the V8 that wrote them; `undefined` without a cache key.
 */
export function provenMac(description: string, codeHash: string, checked: string): string | undefined {
  return cacheMac(...provenParts(description, codeHash, checked));
}

const provenParts = (description: string, codeHash: string, checked: string) => [THIS_BUILD, description, codeHash, PROVEN, V8, checked] as const;

function readProven(path: string, codeHash: string): { description: string; checked?: Buffer } | undefined {
  try {
    const { description, checked, mac } = JSON.parse(readFileSync(path, 'utf8')) as { description: unknown; checked: unknown; mac: unknown };
    if (typeof description !== 'string' || typeof checked !== 'string' || !cacheMacMatches(mac, ...provenParts(description, codeHash, checked))) return undefined;
    return checked === '' ? { description } : { description, checked: Buffer.from(checked, 'base64') };
  } catch {
    return undefined; // missing or unreadable: describe it again
  }
}

async function compile(file: string, sharedKey: string): Promise<{ code: string; manifest: Omit<Manifest, 'mac'> }> {
  const { build } = await importModule<typeof import('esbuild')>('esbuild');
  const allowed = Object.keys(SANDBOX_EXPORTS).join(', ');
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
              if (args.path in SANDBOX_EXPORTS) return { path: args.path, namespace: 'irp-shared' };
              return { errors: [{ text: `imports "${args.path}"; a playbook may import only ${allowed} and files beside it` }] };
            });
            context.onLoad({ filter: /.*/, namespace: 'irp-shared' }, (args) => ({
              contents: sharedModuleSource(args.path, SANDBOX_EXPORTS[args.path] ?? []),
              loader: 'js',
            }));
          },
        },
      ],
    });
  } catch (error) {
    const failure = error as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> };
    throw new UserError({ code: 'playbook-unusable', file, why: { kind: 'does-not-compile', problems: (failure.errors ?? []).map(describeMessage) } });
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
  if (problems.length > 0) throw new UserError({ code: 'playbook-unusable', file, why: { kind: 'reaches-outside', problems } });

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
