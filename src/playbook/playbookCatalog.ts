import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isProblem, UserError } from '../errors.ts';
import type { PlaybookUnusable } from '../problems/problem.ts';
import { playbookUnusableText, problemText } from '../problems/problemText.ts';
import { cachedSourceHash, importPlaybookModule, runCompiled } from './compilePlaybook.ts';
import { CALL_TIME_LIMIT_MS, LOAD_TIME_LIMIT_MS, type SandboxBudget } from './sandbox/playbookSandbox.ts';
import { cacheMac, cacheMacMatches } from '../cache/cacheKey.ts';
import { writeCacheFile } from '../cache/writeCacheFile.ts';
import type { LoadedPlaybook } from './loadedPlaybook.ts';
import { validatePlaybook } from './validatePlaybook.ts';
import { keptCheckOf, playbookFromKeptCheck } from './keptCheck.ts';
import { finding, type PlaybookFinding } from './playbookFinding.ts';

/** Where the operations get playbooks from: a folder of playbooks, or (for what-if replays) one playbook. */
export interface PlaybookSource {
  ids(): string[];
  load(id: string): Promise<LoadedPlaybook>;
  /**
   * The playbook an incident opened under `sourceHash` runs under: the current one if it can be used; if it cannot
   * (it no longer loads or passes the checks), the version the incident pinned, when irp still has it.
   */
  loadFor?(id: string, sourceHash: string): Promise<LoadedPlaybook>;
  /**
   * The hash of playbook `id`'s sources as they are now, where it can be had without loading the playbook
   * (`undefined`: load it to know). Only ever the hash of sources that loaded before under this irp.
   */
  sourceHashOf?(id: string): string | undefined;
}

/**
 * The playbooks in one folder: each `<id>.ts` file directly inside it (files starting with `_`, and folders, are
 * helpers that playbooks may import). Loading compiles, validates and caches each playbook once per process.
 */
export class PlaybookCatalog implements PlaybookSource {
  readonly #loaded = new Map<string, Promise<LoadedPlaybook>>();

  constructor(
    readonly dir: string,
    readonly cacheDir: string,
    /** How long a playbook's top level, and each call into it, may run (see sandbox/playbookSandbox.ts). */
    readonly budget: SandboxBudget = { loadMs: LOAD_TIME_LIMIT_MS, callMs: CALL_TIME_LIMIT_MS },
  ) {}

  ids(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      throw new UserError({ code: 'playbooks-unreadable', folder: this.dir });
    }
    return names
      .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && !name.startsWith('_'))
      .map((name) => name.slice(0, -'.ts'.length))
      .sort();
  }

  fileOf(id: string): string {
    return join(this.dir, `${id}.ts`);
  }

  load(id: string): Promise<LoadedPlaybook> {
    let loading = this.#loaded.get(id);
    if (!loading) {
      loading = this.#load(id);
      this.#loaded.set(id, loading);
    }
    return loading;
  }

  /**
   * Everything `irp lint` reports about one playbook, by id or by file (a playbook anywhere): what stops it being
   * used (it would not compile, load or pass the checks and proofs) and what is only worth a look. Never throws for
   * a problem in the playbook itself.
   */
  async lint(idOrFile: string): Promise<{ id: string; file: string; errors: PlaybookFinding[]; warnings: PlaybookFinding[] }> {
    const isFile = idOrFile.endsWith('.ts') || idOrFile.includes('/');
    const file = isFile ? resolve(idOrFile) : this.fileOf(idOrFile);
    const id = basename(file).replace(/\.ts$/, '');
    if (!isFile && !this.ids().includes(id)) {
      return { id, file, errors: [finding('', 'no-playbook', problemText({ code: 'no-playbook', playbook: id, folder: this.dir, known: this.ids() }).message)], warnings: [] };
    }
    let imported;
    try {
      imported = await importPlaybookModule(file, this.cacheDir, this.budget);
    } catch (error) {
      if (isProblem(error, 'playbook-unusable')) return { id, file, errors: unusable(error.problem.why), warnings: [] };
      if (error instanceof UserError) return { id, file, errors: [error.message, ...error.details].map((words) => finding('', error.problem.code, words)), warnings: [] };
      return { id, file, errors: unusable(loadFailure(error as Error)), warnings: [] };
    }
    let check;
    try {
      check = validatePlaybook(imported.definition, id);
      if (check.ok) imported.keep(keptCheckOf(check.playbook));
    } catch (error) {
      // A guard that runs out of time or memory while the proofs look at what it reads.
      if (isProblem(error, 'playbook-unusable')) return { id, file, errors: unusable(error.problem.why), warnings: [] };
      throw error;
    }
    return { id, file, errors: check.ok ? [] : check.problems, warnings: check.warnings };
  }

  async #load(id: string): Promise<LoadedPlaybook> {
    const known = this.ids();
    if (!known.includes(id)) {
      throw new UserError({ code: 'no-playbook', playbook: id, folder: this.dir, known });
    }
    const file = this.fileOf(id);
    let imported;
    try {
      imported = await importPlaybookModule(file, this.cacheDir, this.budget);
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError({ code: 'playbook-unusable', file, why: loadFailure(error as Error) });
    }
    // A playbook whose code passed every check before is taken as the checks made it then, or at least not made to
    // prove what its guards read again.
    const kept = imported.proven ? playbookFromKeptCheck(imported.checked, imported.definition) : undefined;
    const check = kept ? { ok: true as const, playbook: kept } : validatePlaybook(imported.definition, id, { proven: imported.proven });
    if (!check.ok) {
      throw new UserError({ code: 'playbook-unusable', file, why: { kind: 'invalid', findings: check.problems } });
    }
    if (!imported.proven) imported.keep(keptCheckOf(check.playbook));
    this.#pin(id, imported.sourceHash, imported.code);
    return { ...check.playbook, file, sourceHash: imported.sourceHash };
  }

  sourceHashOf(id: string): string | undefined {
    if (this.#loaded.has(id)) return undefined;
    if (!this.#sourceHashes.has(id)) this.#sourceHashes.set(id, this.ids().includes(id) ? cachedSourceHash(this.fileOf(id), this.cacheDir) : undefined);
    return this.#sourceHashes.get(id);
  }

  /** Each playbook's source hash as its compile cache gave it, once per process (see sourceHashOf). */
  readonly #sourceHashes = new Map<string, string | undefined>();

  async loadFor(id: string, sourceHash: string): Promise<LoadedPlaybook> {
    try {
      return await this.load(id);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      const pinned = this.#pinned(id, sourceHash);
      if (!pinned) throw error;
      return pinned;
    }
  }

  /** Keeps each version that loaded, compiled and signed, so that incidents opened under it can go on under it. */
  #pin(id: string, sourceHash: string, code: string): void {
    const path = join(this.cacheDir, 'pinned', `${id}-${sourceHash}.json`);
    if (existsSync(path)) return;
    const mac = cacheMac(code, sourceHash, 'pinned', id);
    if (mac !== undefined) writeCacheFile(path, JSON.stringify({ code, mac }));
  }

  readonly #pinnedLoaded = new Map<string, LoadedPlaybook>();

  #pinned(id: string, sourceHash: string): LoadedPlaybook | undefined {
    const known = this.#pinnedLoaded.get(`${id}-${sourceHash}`);
    if (known) return known;
    try {
      const { code, mac } = JSON.parse(readFileSync(join(this.cacheDir, 'pinned', `${id}-${sourceHash}.json`), 'utf8')) as { code: string; mac: string };
      if (!cacheMacMatches(mac, code, sourceHash, 'pinned', id)) return undefined;
      const file = `${this.fileOf(id)} (the version the incident opened under: the file as it is now cannot be used)`;
      const check = validatePlaybook(runCompiled(file, code, this.budget).definition, id);
      if (!check.ok) return undefined;
      const loaded = { ...check.playbook, file, sourceHash };
      this.#pinnedLoaded.set(`${id}-${sourceHash}`, loaded);
      return loaded;
    } catch {
      return undefined;
    }
  }
}

/** What `irp lint` lists under a playbook's file when its code cannot be used: its findings, or the problem's words. */
function unusable(why: PlaybookUnusable): PlaybookFinding[] {
  if (why.kind === 'invalid' || why.kind === 'not-a-playbook') return why.findings;
  if (why.kind === 'does-not-compile' || why.kind === 'reaches-outside') return why.problems.map((words) => finding('', why.kind, words));
  return [finding('', why.kind, playbookUnusableText(why).message)];
}

/** A playbook that threw while loading, its own message kept. */
function loadFailure(error: Error): PlaybookUnusable {
  return { kind: 'load-failed', error: error.message };
}
