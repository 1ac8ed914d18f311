// The authors' reference in docs/: its examples are loaded, linted and run, and its tables name every field the
// code accepts, so the reference cannot drift from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SANDBOX_EXPORTS } from '../../src/playbook/sandbox/playbookSandbox.ts';
import { ZOD_ALLOWED } from '../../src/playbook/sandbox/reviveDefinition.ts';
import { clockSpecSchema } from '../../src/clocks/clockSpec.ts';
import { scenarioSchema } from '../../src/exercise/scenario.ts';
import { stepMetaSchema } from '../../src/playbook/stepMeta.ts';
import { answerEntryKinds } from '../../src/runner/answersFile.ts';
import { dutySpecSchema } from '../../src/playbook/dutySpec.ts';
import { repoRoot } from '../helpers/paths.ts';
import { runIrp, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

const doc = (name: string) => readFileSync(join(repoRoot, 'docs', name), 'utf8');

/** The code block of a page marked `file=<name>`. */
function example(page: string, file: string): string {
  const match = new RegExp(`\`\`\`\\w+ file=${file.replace(/\./g, '\\.')}\\n([\\s\\S]*?)\`\`\``).exec(doc(page));
  if (!match) throw new Error(`docs/${page} has no example file=${file}`);
  return match[1] as string;
}

/** The example playbook, scenario and answers in a folder of their own. */
function examples(): { dir: string; env: Record<string, string> } {
  const dir = tempDir();
  writeFileSync(join(dir, 'docs-example.ts'), example('playbook-format.md', 'docs-example.ts'));
  writeFileSync(join(dir, 'docs-example.scenario.yaml'), example('scenario-format.md', 'docs-example.scenario.yaml'));
  writeFileSync(join(dir, 'answers.yaml'), example('answers-format.md', 'docs-example.answers.yaml'));
  return { dir, env: { IRP_STATE_DIR: tempDir(), IRP_PLAYBOOKS_DIR: dir } };
}

describe('the reference for authors', () => {
  it("the playbook example loads and lints clean; the mistake the page describes is caught in the page's words", async () => {
    const { dir, env } = examples();
    const clean = await runIrp(['lint', 'docs-example'], env);
    expect(clean.stdout).toContain('docs-example.ts: ok');
    expect(clean.code).toBe(0);
    const broken = readFileSync(join(dir, 'docs-example.ts'), 'utf8').replace("[hours(48)]: { target: 'decide'", "[hours(48)]: { target: 'closed'");
    writeFileSync(join(dir, 'docs-example.ts'), broken);
    const caught = await runIrp(['lint', 'docs-example'], env);
    expect(caught.code).toBe(2);
    expect(caught.stdout).toContain('a path reaches the end without "Personal data breach report to the ICO" (clock ico) being recorded, or recorded as not needed (ICO_NOTIFIED or NOT_REPORTABLE)');
  });

  it('the scenario example replays with the answers example, scoring as the page explains', async () => {
    const { dir, env } = examples();
    const result = JSON.parse(
      (await runIrpOk(['exercise', 'replay', join(dir, 'docs-example.scenario.yaml'), '--answers', join(dir, 'answers.yaml'), '--json'], env)).stdout,
    ) as { report: { score: { points: number; possible: number; percent: number }; expectations: Array<{ id: string; status: string }> } };
    expect(result.report.expectations.map((e) => [e.id, e.status])).toEqual([
      ['triage', 'met'],
      ['ico', 'met'],
    ]);
    expect(result.report.score).toEqual({ points: 5, possible: 5, percent: 100 });
  });

  it('names every field the code accepts', () => {
    const playbookPage = doc('playbook-format.md');
    for (const key of Object.keys(stepMetaSchema.shape)) expect(playbookPage, `step meta ${key}`).toContain(`\`${key}\``);
    for (const key of Object.keys(clockSpecSchema.shape)) expect(playbookPage, `clock ${key}`).toContain(`\`${key}\``);
    for (const key of Object.keys(dutySpecSchema.shape)) expect(playbookPage, `duty ${key}`).toContain(`| \`${key}\` |`);
    expect(playbookPage, 'duty payload').toContain('| `payload` |');
    for (const key of ['id', 'version', 'title', 'summary', 'roles', 'machine', 'guards', 'events', 'clocks', 'milestones', 'draftFacts', 'notAnIncident', 'duties', 'notices']) {
      expect(playbookPage, `definition ${key}`).toContain(`| \`${key}\` |`);
    }
    // What a playbook's code may use in its sandbox, as the page lists it.
    const sandboxPart = playbookPage.slice(playbookPage.indexOf("## What a playbook's code may use"), playbookPage.indexOf('## Example'));
    for (const names of Object.values(SANDBOX_EXPORTS)) for (const name of names.filter((n) => n !== 'default')) expect(sandboxPart, `may import ${name}`).toContain(`\`${name}\``);
    for (const name of [...ZOD_ALLOWED.builders, ...ZOD_ALLOWED.methods]) expect(sandboxPart, `zod ${name}`).toContain(`\`${name}\``);
    for (const name of ZOD_ALLOWED.iso) expect(sandboxPart, `zod iso.${name}`).toContain(`\`iso.${name}\``);
    const scenarioPage = doc('scenario-format.md');
    for (const key of Object.keys(scenarioSchema.shape)) expect(scenarioPage, `scenario ${key}`).toContain(`| \`${key}\` |`);
    const answersPage = doc('answers-format.md');
    for (const kind of answerEntryKinds) expect(answersPage, `answers ${kind}`).toMatch(new RegExp(`\\| \`${kind}[:\`]`));
  });

  it('the changelog names every shipped playbook at its version, and the decisions a migration note says are gone are gone', async () => {
    const changelog = doc('changelog.md');
    const playbooks = JSON.parse((await runIrpOk(['playbooks', '--json'], { IRP_STATE_DIR: tempDir() })).stdout) as Array<{ id: string; version: string }>;
    for (const playbook of playbooks) expect(changelog, playbook.id).toContain(`## ${playbook.id} ${playbook.version}`);
    const supplier = readFileSync(join(repoRoot, 'playbooks', 'supplier-ransomware.ts'), 'utf8');
    for (const gone of ['CONTROLLER_TOLD', 'CUSTOMER_RECONNECTED', 'customersNotified']) {
      expect(changelog).toContain(gone);
      expect(supplier).not.toContain(gone);
    }
  });
});
