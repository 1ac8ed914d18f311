import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { PrivateJsonFile } from '../cache/privateJsonFile.ts';

/** What irp remembers between runs on this machine: who you are, so that you are not asked every time. */
export interface Settings {
  name?: string;
  role?: string;
}

/** The remembered settings, read at once; a missing or damaged file is no settings. */
export function readSettings(stateDir: string): Settings {
  try {
    const data = JSON.parse(readFileSync(join(stateDir, 'settings.json'), 'utf8')) as unknown;
    if (typeof data !== 'object' || data === null) return {};
    const { name, role } = data as Record<string, unknown>;
    return { ...(typeof name === 'string' && name.trim() ? { name } : {}), ...(typeof role === 'string' ? { role } : {}) };
  } catch {
    return {};
  }
}

/**
 * Settings in `<state>/settings.json`, through lowdb. A damaged settings file is not fatal: it is ignored, and one
 * that cannot be written (a full disk) only means the name is asked again next time.
 */
export async function loadSettings(stateDir: string): Promise<{ settings: Settings; save(next: Settings): Promise<void> }> {
  const db = new Low<Settings>(new PrivateJsonFile<Settings>(join(stateDir, 'settings.json')), {});
  await db.read();
  db.data ??= {};
  return {
    settings: { ...db.data },
    async save(next) {
      db.data = { ...db.data, ...next };
      try {
        await db.write();
      } catch {
        // Not remembering a name is an inconvenience, not a reason to stop.
      }
    },
  };
}
