// The manual, a page per reader, held true: the README stays short and sends each reader to their page; every link
// between the pages reaches a file and a heading that exist; every command of the CLI is in a reader's page, and
// every `irp <command>` the pages name is one the CLI has.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.ts';
import { declaredCommands } from '../../src/cli/commandCatalogue.ts';
import { playbooksDir, repoRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { runIrp } from '../helpers/runIrp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { clockCatalogueTable, playbookReference, withCatalogueTable } from '../../src/render/playbookReference.ts';
import { UK_CLOCKS } from '../../playbooks/_uk-clocks.ts';

const pages = ['README.md', ...readdirSync(join(repoRoot, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];
const read = (page: string) => readFileSync(join(repoRoot, page), 'utf8');

/** A heading's anchor, as GitHub makes it. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');

const anchorsOf = (text: string) => new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1] as string)));

/** Every command path of the CLI: `status`, `db org add`, … */
async function commandPaths(): Promise<string[]> {
  const walk = (command: Command, prefix: string[]): string[] =>
    command.commands.flatMap((child) => {
      const path = [...prefix, child.name()];
      return child.commands.length > 0 ? walk(child, path) : [path.join(' ')];
    });
  return walk(buildProgram({ stdout: () => undefined, stderr: () => undefined, env: {} } as never, { exitCode: 0 }, await declaredCommands()), []);
}

describe('the reference of the shipped playbooks', () => {
  it('is what `npm run docs` makes of the playbooks as they are', async () => {
    const catalog = new PlaybookCatalog(playbooksDir, join(tempDir(), 'cache'));
    const playbooks = await Promise.all(catalog.ids().map((id) => catalog.load(id)));
    expect(read('docs/playbooks.md'), 'docs/playbooks.md is out of date: run npm run docs').toBe(playbookReference(playbooks));
    for (const playbook of playbooks) expect(read('docs/changelog.md'), `changelog names ${playbook.id} ${playbook.version}`).toContain(playbook.version);
  });
});

describe('the clock catalogue in the commander\'s manual', () => {
  it('is the catalogue as it is, every clock with its source', () => {
    const page = read('docs/commander.md');
    expect(withCatalogueTable(page, clockCatalogueTable(Object.values(UK_CLOCKS))), 'docs/commander.md is out of date: run npm run docs').toBe(page);
    for (const clock of Object.values(UK_CLOCKS)) expect(page).toContain(`| \`${clock.id}\` `);
  });
});

describe("irp's version", () => {
  it('is the package\'s, printed by irp --version, with a section of the changelog of its own', async () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    const printed = await runIrp(['--version']);
    expect([printed.code, printed.stdout.trim()]).toEqual([0, version]);
    expect(read('docs/changelog.md')).toContain(`\n## irp ${version}\n`);
  });
});

describe('the manual, a page per reader', () => {
  it('keeps the README short, and sends each reader to a page that exists', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThan(200);
    for (const page of ['docs/commander.md', 'docs/facilitator.md', 'docs/authoring.md', 'docs/site-operator.md', 'docs/library.md', 'docs/development.md', 'docs/playbooks.md']) {
      expect(readme, page).toContain(`](${page})`);
      expect(existsSync(join(repoRoot, page)), page).toBe(true);
    }
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const match of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] as string;
        if (/^[a-z]+:/.test(target)) continue; // https:, mailto:
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = path === '' ? join(repoRoot, page) : resolve(dirname(join(repoRoot, page)), path);
        if (!existsSync(file)) {
          broken.push(`${page}: ${target} (no file ${relative(repoRoot, file)})`);
          continue;
        }
        if (anchor !== undefined && file.endsWith('.md') && !anchorsOf(readFileSync(file, 'utf8')).has(anchor)) broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('names every command of the CLI in a reader\'s page, and no command the CLI does not have', async () => {
    const commands = await commandPaths();
    expect(commands.length).toBeGreaterThan(30);
    const manual = ['docs/commander.md', 'docs/facilitator.md', 'docs/authoring.md', 'docs/site-operator.md'].map(read).join('\n');
    const missing = commands.filter((command) => !manual.includes(`irp ${command}`));
    expect(missing).toEqual([]);
    const named = new Set<string>();
    for (const page of pages) {
      for (const span of read(page).matchAll(/`irp ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?/g)) named.add(span[1] as string);
    }
    const firstWords = new Set(commands.map((command) => command.split(' ')[0]));
    expect([...named].filter((word) => !firstWords.has(word))).toEqual([]);
  });
});
