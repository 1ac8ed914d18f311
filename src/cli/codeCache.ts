import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Runs one CommonJS file of the build (the shell, the commands) compiled through V8 with a code cache kept beside it
 * (`<file>.v8cache`), which saves most of the compile time of every later start, and returns its exports. If the
 * cache is missing or was made by another Node, the file is compiled as usual and the cache written again as the
 * process ends, so that it holds the code of every function the run called (V8 compiles a function when it is first
 * called), not only the file's top level. The build makes these files ASCII alone (.build/bundle.mjs checks it),
 * which Latin-1 reads as they are, in half the time UTF-8 takes to decode a megabyte.
 */
export function runWithCodeCache<T>(file: string): T {
  const cacheFile = `${file}.v8cache`;
  const source = readFileSync(file, 'latin1');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as T };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  if (!cachedData || script.cachedDataRejected) process.once('exit', () => keepCodeCache(script, cacheFile));
  return module.exports;
}

function keepCodeCache(script: Script, cacheFile: string): void {
  try {
    writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData());
    renameSync(`${cacheFile}.${process.pid}`, cacheFile);
  } catch {
    // A read-only install: every start compiles, a little slower.
  }
}
