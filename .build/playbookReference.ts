// `npm run docs`: writes docs/playbooks.md and the clock catalogue's table in docs/commander.md; the reference of the shipped playbooks, from the playbooks themselves
// (tests/docs/playbookReference.test.ts fails when the page and the playbooks differ).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlaybookCatalog } from '../src/playbook/playbookCatalog.ts';
import { readFileSync } from 'node:fs';
import { clockCatalogueTable, playbookReference, withCatalogueTable } from '../src/render/playbookReference.ts';
import { UK_CLOCKS } from '../playbooks/_uk-clocks.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
const cache = mkdtempSync(join(tmpdir(), 'irp-docs-'));
try {
  const catalog = new PlaybookCatalog(join(root, 'playbooks'), cache);
  const playbooks = await Promise.all(catalog.ids().map((id) => catalog.load(id)));
  writeFileSync(join(root, 'docs', 'playbooks.md'), playbookReference(playbooks));
  const manual = join(root, 'docs', 'commander.md');
  writeFileSync(manual, withCatalogueTable(readFileSync(manual, 'utf8'), clockCatalogueTable(Object.values(UK_CLOCKS))));
  console.log(`docs/commander.md: the clock catalogue, ${Object.keys(UK_CLOCKS).length} clocks`);
  console.log(`docs/playbooks.md: ${playbooks.map((playbook) => `${playbook.id} ${playbook.version}`).join(', ')}`);
} finally {
  rmSync(cache, { recursive: true, force: true });
}
