import { UserError } from '../../errors.ts';
import type { CliContext } from '../context.ts';
import { printJson } from './shared.ts';

/** `irp playbooks`: every playbook with its version and summary; a broken one is listed with its problems. */
export default async function playbooks(context: CliContext): Promise<void> {
  const { catalog } = context;
  const rows: Array<Record<string, unknown>> = [];
  for (const id of catalog.ids()) {
    try {
      const playbook = await catalog.load(id);
      rows.push({ id, version: playbook.version, title: playbook.title, summary: playbook.summary, steps: playbook.steps.size, roles: playbook.roles, sourceHash: playbook.sourceHash, file: playbook.file });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      rows.push({ id, file: catalog.fileOf(id), problems: [error.message, ...error.details] });
    }
  }
  if (context.json) return printJson(context, rows);
  if (rows.length === 0) return context.out(`No playbooks in ${catalog.dir}.`);
  for (const row of rows) {
    if (row.problems) {
      context.out(`${row.id}  (cannot be used)\n${(row.problems as string[]).map((p) => `    ${p}`).join('\n')}`);
    } else {
      context.out(`${row.id} ${row.version}  ${row.title}\n    ${row.summary}\n    ${row.steps} steps`);
    }
  }
  if (rows.some((row) => row.problems)) context.exitCode = 2;
}
