// The layers of src/, enforced: each folder may import only the folders below it, and no folders form a circle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/paths.ts';

const src = join(repoRoot, 'src');

/** The part of src/ a file belongs to: its first folder, or the file's own name for files directly in src/. */
const partOf = (file: string) => relative(src, file).split('/')[0]?.replace(/\.ts$/, '') as string;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Every import between parts of src/, with the file that makes it. */
function edges(): Array<{ from: string; to: string; file: string }> {
  return sourceFiles(src).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);
    return specifiers.map((specifier) => ({ from: partOf(file), to: partOf(resolve(dirname(file), specifier)), file: relative(repoRoot, file) })).filter((e) => e.from !== e.to);
  });
}

/** Parts each part must never import. The order, top to bottom: cli; runner, replay, assurance, board; api, exercise, notify, render, diagram, cacao, sync, pack; engine; playbook, clocks; store, cache, input; record, errors; problems (what can go wrong, and its words); time. */
const FORBIDDEN: Record<string, string[]> = {
  engine: ['store', 'cache', 'runner', 'cli', 'render', 'api', 'exercise', 'replay', 'notify', 'input', 'assurance'],
  store: ['engine', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify', 'playbook', 'clocks'],
  cache: ['engine', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify', 'playbook', 'store'],
  record: ['engine', 'store', 'cache', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify', 'playbook', 'clocks'],
  clocks: ['engine', 'store', 'cache', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify'],
  playbook: ['engine', 'store', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify'],
  render: ['api', 'runner', 'cli', 'store', 'cache', 'replay', 'diagram'],
  diagram: ['api', 'runner', 'cli', 'store', 'cache', 'replay', 'exercise', 'notify'],
  board: ['runner', 'cli', 'replay', 'exercise'],
  sync: ['api', 'runner', 'cli', 'render', 'exercise', 'replay', 'diagram', 'notify'],
  notify: ['render', 'runner', 'cli', 'api', 'store', 'cache'],
  exercise: ['runner', 'cli', 'api', 'render', 'store', 'cache', 'replay', 'assurance'],
  api: ['runner', 'cli', 'render', 'exercise', 'replay', 'assurance'],
  assurance: ['runner', 'cli', 'replay', 'board'],
  cacao: ['engine', 'store', 'cache', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify', 'assurance', 'board', 'sync', 'diagram'],
  replay: ['runner', 'cli', 'render', 'exercise', 'assurance', 'board', 'cacao'],
  runner: ['cli', 'board', 'cacao', 'replay'],
  pack: ['engine', 'store', 'cache', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify', 'assurance', 'board', 'sync', 'diagram', 'cacao'],
  problems: ['errors', 'engine', 'store', 'cache', 'record', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify', 'playbook', 'clocks', 'input'],
  input: ['engine', 'store', 'cache', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify', 'playbook', 'clocks'],
  time: ['errors', 'problems', 'input', 'engine', 'store', 'cache', 'record', 'api', 'runner', 'cli', 'render', 'exercise', 'replay', 'notify', 'playbook', 'clocks'],
};

/** Parts that import one another, directly or through others. */
function circles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const found: string[][] = [];
  const reach = (from: string, to: string, seen = new Set<string>()): boolean => {
    for (const next of graph.get(from) ?? []) {
      if (next === to) return true;
      if (!seen.has(next)) {
        seen.add(next);
        if (reach(next, to, seen)) return true;
      }
    }
    return false;
  };
  for (const [part, targets] of graph) for (const target of targets) if (part < target && reach(target, part)) found.push([part, target]);
  return found;
}

describe('the layers of src/', () => {
  const all = edges();

  it('reads the imports of every part (a check of the check)', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all).toContainEqual(expect.objectContaining({ from: 'api', to: 'engine' }));
    expect(circles(new Map([['a', new Set(['b'])], ['b', new Set(['c'])], ['c', new Set(['a'])]]))).not.toEqual([]);
  });

  it('has no import that runs up the layers', () => {
    const wrong = all.filter((edge) => FORBIDDEN[edge.from]?.includes(edge.to) || (edge.to === 'cli' && edge.from !== 'cli'));
    expect(wrong.map((edge) => `${edge.file}: ${edge.from} → ${edge.to}`)).toEqual([]);
  });

  it('has no circle of parts', () => {
    const graph = new Map<string, Set<string>>();
    for (const edge of all) graph.set(edge.from, (graph.get(edge.from) ?? new Set()).add(edge.to));
    expect(circles(graph)).toEqual([]);
  });

  it('asks a store what it can do, never its type: stores are made and told apart only in src/store', () => {
    const outside = sourceFiles(src).filter((file) => partOf(file) !== 'store');
    const typed = outside.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return [...text.matchAll(/instanceof (File|Pg|Memory)IncidentStore|new (File|Pg)IncidentStore\(/g)].map((match) => `${relative(repoRoot, file)}: ${match[0]}`);
    });
    expect(typed).toEqual([]);
  });
});
