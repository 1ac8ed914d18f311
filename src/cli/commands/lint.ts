import type { PlaybookFinding } from '../../problems/problem.ts';
import { findingText } from '../../problems/problemText.ts';
import { printJson } from './shared.ts';
import { declareCommand, jsonOutput, optionalVariadicArgument } from '../declareCommand.ts';

/** A finding as JSON, its fields always in the same order. */
const asData = ({ path, rule, message, fix }: PlaybookFinding) => ({ path, rule, message, ...(fix === undefined ? {} : { fix }) });

/**
 * `irp lint [playbook|file]…`: every problem of every playbook named (all of them by default), at once, each with
 * its file, its path in the playbook and what to do; errors (the playbook cannot be used) and warnings. Exit 2 if
 * any playbook has an error.
 */
const lint = declareCommand({
  words: ['lint'],
  description: "check playbooks before an incident needs them: everything loading checks, and proofs over each machine's graph; exit 2 on any error",
  arguments: [optionalVariadicArgument('playbook-or-file', 'playbook ids or .ts files (default: every playbook)')],
  options: { json: jsonOutput },
  async run(context, [wanted]) {
    const names = wanted.length > 0 ? wanted : context.catalog.ids();
    const results = [];
    for (const name of names) results.push(await context.catalog.lint(name));
    const failed = results.filter((result) => result.errors.length > 0).length;
    if (failed > 0) context.exitCode = 2;
    if (context.json) {
      return printJson(
        context,
        results.map((r) => ({ id: r.id, file: r.file, errors: r.errors.map(asData), warnings: r.warnings.map(asData) })),
      );
    }
    for (const result of results) {
      const verdict = result.errors.length > 0 ? `${result.errors.length} error${result.errors.length === 1 ? '' : 's'}` : 'ok';
      const warned = result.warnings.length > 0 ? `, ${result.warnings.length} warning${result.warnings.length === 1 ? '' : 's'}` : '';
      context.out(`${result.file}: ${verdict}${warned}`);
      for (const error of result.errors) context.out(`  error    ${findingText(error)}`);
      for (const warning of result.warnings) context.out(`  warning  ${findingText(warning)}`);
    }
    context.out(failed > 0 ? `${failed} of ${results.length} playbooks cannot be used as they are.` : `${results.length} playbook${results.length === 1 ? '' : 's'} checked: none has an error.`);
  },
});

export default lint;
