import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as xstate from 'xstate';
import * as zod from 'zod';
import { UserError } from '../errors.ts';
import { importPlaybookModule, LOAD_TIME_LIMIT_MS, type SharedModules } from './compilePlaybook.ts';
import * as authoring from './definePlaybook.ts';
import type { LoadedPlaybook } from './loadedPlaybook.ts';
import { validatePlaybook } from './validatePlaybook.ts';

const SHARED: SharedModules = { xstate, zod, 'irp/playbook': authoring };

/** Where the operations get playbooks from: a folder of playbooks, or (for what-if replays) one playbook. */
export interface PlaybookSource {
  ids(): string[];
  load(id: string): Promise<LoadedPlaybook>;
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
    /** How long a playbook's top level may run when it is loaded (see compilePlaybook.ts). */
    readonly loadTimeLimitMs = LOAD_TIME_LIMIT_MS,
  ) {}

  ids(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      throw new UserError(`The playbooks folder ${this.dir} cannot be read; set --playbooks or IRP_PLAYBOOKS_DIR.`);
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

  async #load(id: string): Promise<LoadedPlaybook> {
    const known = this.ids();
    if (!known.includes(id)) {
      throw new UserError(`There is no playbook "${id}" in ${this.dir}. Playbooks: ${known.join(', ') || '(none)'}.`);
    }
    const file = this.fileOf(id);
    let imported;
    try {
      imported = await importPlaybookModule(file, this.cacheDir, SHARED, this.loadTimeLimitMs);
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw new UserError(`${file}: the playbook failed while loading: ${(error as Error).message}`);
    }
    const check = validatePlaybook(imported.definition, id);
    if (!check.ok) {
      const count = check.problems.length;
      throw new UserError(`${file}: ${count} problem${count === 1 ? '' : 's'} in the playbook:`, check.problems);
    }
    return { ...check.playbook, file, sourceHash: imported.sourceHash };
  }
}
