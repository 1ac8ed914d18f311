/**
 * Imports an ES module at run time (a compiled playbook, esbuild). The built CLI runs its commands as a script
 * compiled through node:vm so that V8 can cache the compiled code, and a bare `import()` cannot run inside such a
 * script; the CLI's entry point then lends its own `import` here (see src/cli/bootstrap.ts).
 */
export function importModule<T>(specifier: string): Promise<T> {
  const lent = (globalThis as Record<symbol, unknown>)[IMPORTER] as ((specifier: string) => Promise<T>) | undefined;
  return lent ? lent(specifier) : (import(specifier) as Promise<T>);
}

export const IMPORTER = Symbol.for('irp.importModule');
