import { existsSync } from 'node:fs';
import { readCappedFile } from '../../input/readCappedFile.ts';
import { basename, join } from 'node:path';
import { importCacao } from '../../cacao/importCacao.ts';
import { invalidInput } from '../../errors.ts';
import { writeOutput } from '../writeOutput.ts';
import { declareCommand, flag, value, argument } from '../declareCommand.ts';

/**
 * `irp import <file.json> [--id id] [--out file]`: a CACAO v2.0 playbook turned into an irp playbook file, then
 * linted as any playbook is. A file that cannot be imported is refused with every problem, naming each step.
 */
const importPlaybook = declareCommand({
  words: ['import'],
  description: 'turn a CACAO v2.0 playbook (JSON) into an irp playbook that runs as a checklist, and lint it',
  arguments: [argument('file', 'the CACAO playbook, JSON')],
  options: {
    id: value('id', "the new playbook's id (default: from its name)"),
    out: value('file', 'where to write it (default: <playbooks>/<id>.ts)'),
    force: flag('replace the file if it exists'),
  },
  async run(context, [file], options) {
    const path = file;
    const text = readCappedFile(path, 'CACAO playbook');
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch (error) {
      throw invalidInput(path, 'not-json', `${path}: not valid JSON: ${(error as Error).message}.`);
    }
    const named = options.id ?? slug(String((document as { name?: unknown })?.name ?? basename(path, '.json')));
    if (!/^[a-z0-9][a-z0-9-]*$/.test(named)) throw invalidInput('--id', 'not-an-id', `--id "${named}": use lower-case letters, digits and hyphens.`);
    const out = options.out ?? join(context.playbooksDir, `${named}.ts`);
    if (basename(out) !== `${named}.ts`) throw invalidInput('--out', 'not-named-after-id', `--out ${out}: a playbook's file is named after its id: ${named}.ts.`);
    if (existsSync(out) && options.force !== true) throw invalidInput('--out', 'exists', `${out} exists: choose another --id, or add --force to replace it.`);
    const imported = importCacao(document, { id: named, file: path });
    const written = writeOutput(out, imported.source, { stateDir: context.stateDir, force: options.force === true });
    context.out(`Wrote ${written}: playbook ${imported.id}, ${imported.steps} CACAO steps.`);
    for (const note of imported.notes) context.out(`  note: ${note}`);
    const lint = await context.catalog.lint(written);
    if (lint.errors.length > 0) {
      context.exitCode = 2;
      context.out(`irp lint finds ${lint.errors.length} error${lint.errors.length === 1 ? '' : 's'} to fix before it can be used:`);
      for (const error of lint.errors) context.out(`  error    ${error}`);
    } else {
      context.out(`irp lint: no error. Start an incident under it with: ${context.command(`start ${imported.id} --title "..."`)}`);
    }
  },
});

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60)
      .replace(/-$/, '') || 'imported'
  );
}

export default importPlaybook;
