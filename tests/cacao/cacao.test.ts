// CACAO v2 out and in: exports checked against the official OASIS schemas (read from ../shared/cacao at test time,
// never copied here), the eight real examples imported and walked to the end or refused by name, and a round trip
// that walks the same path as the original.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import formats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { Irp } from '../../src/api/irp.ts';
import { PlaybookCatalog } from '../../src/playbook/playbookCatalog.ts';
import { MemoryIncidentStore } from '../../src/store/memoryIncidentStore.ts';
import { fixedClock } from '../../src/time/clock.ts';
import { playbooksDir, repoRoot } from '../helpers/paths.ts';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';
import { decisionOf, orgCommand, walkthrough } from '../helpers/walkthrough.ts';
import { skipWithout } from '../helpers/realPart.ts';

const cacao = join(repoRoot, '..', 'shared', 'cacao');
const hasCacao = existsSync(join(cacao, 'schemas', 'playbook.json'));
if (!hasCacao) console.warn(`Skipping the CACAO tests: the OASIS schemas and examples are not at ${cacao}.`);

/**
 * The official schemas, as their README says they must be read: 2019-09 keywords under a draft-07 label, and the
 * one `unevaluatedProperties` of commands/command-data.json that refuses even OASIS's own examples left out.
 */
function officialValidator() {
  const require = createRequire(import.meta.url);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: its function is the module itself, or its default.
  const addFormats = ((formats as unknown as { default?: unknown }).default ?? formats) as unknown as (ajv: Ajv2019) => void;
  addFormats(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-07.json'));
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : name.endsWith('.json') ? [join(dir, name)] : []));
  for (const file of walk(join(cacao, 'schemas'))) {
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    if (file.endsWith(join('commands', 'command-data.json'))) delete schema.unevaluatedProperties;
    ajv.addSchema(schema);
  }
  const validate = ajv.getSchema('https://raw.githubusercontent.com/oasis-open/cacao-json-schemas/main/schemas/playbook.json');
  if (!validate) throw new Error('the CACAO playbook schema did not load');
  return validate;
}

const NOW = new Date('2022-08-04T06:00:00Z');
const actor = { name: 'Sam', role: undefined };

/** An Irp on a folder of playbooks, in memory. */
function irpOn(dir: string): Irp {
  return new Irp({ store: new MemoryIncidentStore(), catalog: new PlaybookCatalog(dir, join(tempDir(), 'cache')), clock: fixedClock(NOW), newSuffix: () => 'walk' });
}

/** Walks an imported playbook to its end: ticks every item, and takes the decision taken least often so far. */
async function walkToEnd(irp: Irp, playbook: string): Promise<{ finished: boolean; decisions: number }> {
  const { view } = await irp.start({ playbook, title: 'Walk', awareAt: NOW, actor });
  const taken = new Map<string, number>();
  for (let turn = 0; turn < 300; turn += 1) {
    const report = await irp.status(view.id);
    if (report.view.finished) return { finished: true, decisions: turn };
    const open = report.view.steps.flatMap((step) => step.checklist.filter((item) => !item.ticked).map((item) => `${step.path}:${item.id}`));
    if (open.length > 0) await irp.check(view.id, open, { actor });
    const choices = (await irp.status(view.id)).view.choices.filter((choice) => choice.blockers.length === 0);
    const choice = [...choices].sort((a, b) => (taken.get(`${a.from}:${a.event}`) ?? 0) - (taken.get(`${b.from}:${b.event}`) ?? 0))[0];
    if (!choice) return { finished: false, decisions: turn };
    taken.set(`${choice.from}:${choice.event}`, (taken.get(`${choice.from}:${choice.event}`) ?? 0) + 1);
    await irp.step(view.id, { event: choice.event }, { actor });
  }
  return { finished: false, decisions: 300 };
}

describe.skipIf(skipWithout(hasCacao, '../shared/cacao'))('CACAO v2', () => {
  it('exports both shipped playbooks as CACAO that the official schemas accept, the same file every time', async () => {
    const validate = officialValidator();
    const env = { IRP_STATE_DIR: tempDir() };
    for (const id of ['supplier-ransomware', 'provider-supplier-outage']) {
      const first = (await runIrpOk(['export', id, '--format', 'cacao'], env)).stdout;
      const again = (await runIrpOk(['export', id], env)).stdout;
      expect(again).toBe(first);
      const exported = JSON.parse(first);
      const valid = validate(exported);
      expect(valid ? [] : validate.errors, id).toEqual([]);
      const types = Object.values(exported.workflow as Record<string, { type: string }>).map((step) => step.type);
      expect(types.filter((type) => type === 'start')).toHaveLength(1);
      expect(types).toContain('parallel');
      expect(types).toContain('if-condition');
      expect(Object.values(exported.agent_definitions as Record<string, { type: string; name: string }>).map((agent) => agent.name)).toContain('Incident commander');
    }
    const supplier = JSON.parse((await runIrpOk(['export', 'supplier-ransomware'], env)).stdout);
    const restore = Object.values(supplier.workflow as Record<string, Record<string, unknown>>).find((step) => step.name === 'Restore data from verified backups') as Record<string, unknown>;
    expect(restore).toMatchObject({ type: 'action', commands: [{ type: 'manual', command: expect.stringContaining('- [ ] Restore tested in an isolated environment') }] });
  });

  it('imports the eight real examples and walks each to its end, or refuses it naming the step and the rule', async () => {
    const dir = tempDir();
    const outcomes: Record<string, string> = {};
    for (const name of readdirSync(join(cacao, 'examples')).sort()) {
      const id = name.replace(/\.json$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 40).replace(/-$/, '');
      const result = await runIrp(['import', join(cacao, 'examples', name), '--id', id, '--out', join(dir, `${id}.ts`)], { IRP_STATE_DIR: tempDir(), IRP_PLAYBOOKS_DIR: dir });
      if (result.code !== 0) {
        expect(result.stderr, name).toMatch(/^irp: .*cannot be imported \(\d+ problems?\):\n {2}- workflow\["[a-z-]+--[0-9a-f-]+"\] \(.+\): /);
        expect(result.stderr, name).not.toMatch(/\n\s+at /);
        outcomes[name] = 'refused';
        continue;
      }
      expect(result.stdout, name).toContain('irp lint: no error.');
      const walked = await walkToEnd(irpOn(dir), id);
      expect(walked.finished, name).toBe(true);
      outcomes[name] = 'walked to the end';
    }
    expect(Object.keys(outcomes)).toHaveLength(8);
    // The one refused has if-conditions with no condition, which CACAO 2.0 requires (and the schemas check).
    expect(Object.entries(outcomes).filter(([, outcome]) => outcome === 'refused').map(([name]) => name)).toEqual(['cyentific-rni-cacao-bpmn__vulnerability-response-process.json']);
  });

  it('round trip: the supplier playbook exported and imported again walks the same path as the original', async () => {
    const env = { IRP_STATE_DIR: tempDir() };
    const exported = join(tempDir(), 'supplier.json');
    writeFileSync(exported, (await runIrpOk(['export', 'supplier-ransomware'], env)).stdout);
    const dir = tempDir();
    const imported = await runIrpOk(['import', exported, '--id', 'round-trip', '--out', join(dir, 'round-trip.ts')], { ...env, IRP_PLAYBOOKS_DIR: dir });
    expect(imported.stdout).toContain('irp lint: no error.');

    const original = irpOn(playbooksDir);
    const copy = irpOn(dir);
    const a = (await original.start({ playbook: 'supplier-ransomware', title: 'A', awareAt: NOW, actor })).view.id;
    const b = (await copy.start({ playbook: 'round-trip', title: 'B', awareAt: NOW, actor })).view.id;
    const only = async (ending: string, path?: string) => {
      const { view } = await copy.status(b);
      const found = view.choices.find((c) => c.event.endsWith(ending) && (path === undefined || c.from.includes(path)));
      if (!found) throw new Error(`no ${ending} choice${path ? ` from ${path}` : ''}: ${view.choices.map((c) => c.event).join(', ')}`);
      return found.event;
    };
    await copy.step(b, { event: await only('_BEGIN') }, { actor });
    // The steps that are work, not the yes/no questions the export added between them.
    const activeTitles = async (irp: Irp, id: string) => {
      const { view } = await irp.status(id);
      return view.steps.filter((step) => !view.choices.some((c) => c.event.endsWith('_YES') && c.from.includes(step.path))).map((step) => step.title).sort();
    };
    const tickAll = async (irp: Irp, id: string) => {
      const open = (await irp.status(id)).view.steps.flatMap((step) => step.checklist.filter((item) => !item.ticked).map((item) => `${step.path}:${item.id}`));
      if (open.length > 0) await irp.check(id, open, { actor });
    };
    for (const [command, ...args] of walkthrough) {
      if (command === 'check') {
        await original.check(a, args, { actor });
        continue;
      }
      // The register is the original's own (CACAO has no register): its entries are recorded there only.
      if (command === 'org') {
        await original.execute(a, orgCommand(args), { actor });
        continue;
      }
      const event = args[0] as string;
      const before = (await original.status(a)).view;
      const choice = before.choices.find((c) => c.event === event);
      const from = before.steps.find((step) => choice?.from.includes(step.path));
      expect(from, event).toBeDefined();
      await original.step(a, decisionOf(args), { actor });
      // In the copy: the same step is done, then each decision it offered is a yes/no in turn, in the same order.
      await tickAll(copy, b);
      const step = (await copy.status(b)).view.steps.find((s) => s.title === from?.title);
      expect(step, from?.title).toBeDefined();
      await copy.step(b, { event: await only('_DONE', step?.path) }, { actor });
      for (;;) {
        const view = (await copy.status(b)).view;
        const question = view.steps.find((s) => view.choices.some((c) => c.event.endsWith('_YES') && c.from.includes(s.path)));
        if (!question) break;
        await copy.step(b, { event: await only(question.title === choice?.label ? '_YES' : '_NO', question.path) }, { actor });
      }
      expect(await activeTitles(copy, b), `after ${event}`).toEqual(await activeTitles(original, a));
    }
    expect((await original.status(a)).view.finished).toBe(true);
    expect((await copy.status(b)).view.finished).toBe(true);
  });

  it('keeps what the file says out of the code it writes: an id with line breaks stays inside its comment', async () => {
    const dir = tempDir();
    const hostile = JSON.parse(readFileSync(join(cacao, 'examples', 'oasis-tcs-cacao__basic-example-1.json'), 'utf8'));
    hostile.id = 'x\nthrow new Error("ran")\u2028throw new Error("ran too")\n//';
    hostile.name = 'End';
    const file = join(dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(hostile));
    const result = await runIrpOk(['import', file, '--id', 'hostile', '--out', join(dir, 'hostile.ts')], { IRP_STATE_DIR: tempDir(), IRP_PLAYBOOKS_DIR: dir });
    expect(result.stdout).toContain('irp lint: no error.');
    const source = readFileSync(join(dir, 'hostile.ts'), 'utf8');
    expect(source.split('\n')[0]).toBe('// Imported by irp import from the CACAO v2.0 playbook "x\\nthrow new Error(\\"ran\\")\\u2028throw new Error(\\"ran too\\")\\n//"');
    expect(source).not.toMatch(/^throw/m);
  });

  it('refuses a file that is not JSON, or a playbook file that exists, naming it and writing nothing', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"type": "playbook",');
    const env = { IRP_STATE_DIR: tempDir(), IRP_PLAYBOOKS_DIR: dir };
    const notJson = await runIrp(['import', bad], env);
    expect(notJson).toMatchObject({ code: 2, stderr: expect.stringMatching(/^irp: .*bad\.json: not valid JSON: /) });
    writeFileSync(join(dir, 'taken.ts'), '// mine');
    const taken = await runIrp(['import', join(cacao, 'examples', 'oasis-tcs-cacao__basic-example-1.json'), '--id', 'taken'], env);
    expect(taken).toMatchObject({ code: 2, stderr: expect.stringContaining('taken.ts exists: choose another --id, or add --force to replace it.') });
    expect(readFileSync(join(dir, 'taken.ts'), 'utf8')).toBe('// mine');
  });
});
