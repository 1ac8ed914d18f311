import { UserError } from '../../errors.ts';
import { printJson } from './shared.ts';
import { declareCommand, jsonOutput } from '../declareCommand.ts';

/** `irp playbooks`: every playbook with its version and summary; a broken one is listed with its problems. */
const playbooks = declareCommand({
  words: ['playbooks'],
  description: 'list the playbooks',
  options: { json: jsonOutput },
  sandbox: 'on-demand',
  async run(context) {
    const { catalog } = context;
    const rows: Array<Record<string, unknown>> = [];
    for (const id of catalog.ids()) {
      try {
        const playbook = await catalog.load(id);
        const settings = Object.fromEntries(Object.entries(playbook.settings).map(([setting, spec]) => [setting, { question: spec.question, choices: Object.fromEntries(Object.entries(spec.choices).map(([choice, { label }]) => [choice, label])) }]));
        rows.push({ id, version: playbook.version, title: playbook.title, summary: playbook.summary, steps: playbook.steps.size, roles: playbook.roles, settings, sourceHash: playbook.sourceHash, file: playbook.file });
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
        const settings = Object.entries(row.settings as Record<string, { choices: Record<string, string> }>).map(([setting, spec]) => `    --set ${setting}=${Object.keys(spec.choices).join('|')}`);
        context.out([`${row.id} ${row.version}  ${row.title}`, `    ${row.summary}`, `    ${row.steps} steps`, ...settings].join('\n'));
      }
    }
    if (rows.some((row) => row.problems)) context.exitCode = 2;
  },
});

export default playbooks;
