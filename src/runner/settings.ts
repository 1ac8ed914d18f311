import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

/** What irp remembers between runs on this machine: who you are, so that you are not asked every time. */
export interface Settings {
  name?: string;
  role?: string;
}

/**
 * Settings in `<state>/settings.json`, through lowdb. The adapter is built by hand (not `JSONFilePreset`), which
 * would silently switch to memory under `NODE_ENV=test`. A damaged settings file is not fatal: it is ignored.
 */
export async function loadSettings(stateDir: string): Promise<{ settings: Settings; save(next: Settings): Promise<void> }> {
  const db = new Low<Settings>(new JSONFile<Settings>(join(stateDir, 'settings.json')), {});
  try {
    await db.read();
  } catch {
    db.data = {};
  }
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
