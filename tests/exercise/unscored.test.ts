// The score's summary says only what the score counts: a statutory clock the scenario does not score, missed, is
// listed beside it, not among the scored items; and the report says which clocks the playbook does not run, and why.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AfterActionReport } from '../../src/exercise/afterAction.ts';
import { runIrpJson, runIrpOk } from '../helpers/runIrp.ts';
import { tempDir } from '../helpers/tempDir.ts';

describe('clocks outside the score', () => {
  it('keeps a missed clock the scenario does not score out of the summary, says it beside it, and lists the clocks not run', async () => {
    const dir = tempDir();
    const scenario = join(dir, 'short.scenario.yaml');
    writeFileSync(
      scenario,
      [
        'id: short',
        'title: Declared, then nothing for four days',
        'playbook: { id: supplier-ransomware, version: ^5.0.0 }',
        'start: 2022-08-04 07:00',
        'timeZone: Europe/London',
        'ends: +4d',
        'participants: [{ name: Incident commander, role: incident-commander }]',
        'injects: [{ id: alarm, at: +0m, from: Service desk, title: Servers encrypting, body: Files renamed on the Staffplan estate. }]',
        'expectations: [{ id: declare, decision: DECLARE, by: +30m, weight: 1 }]',
        '',
      ].join('\n'),
    );
    const answers = join(dir, 'answers.yaml');
    writeFileSync(answers, ['steps:', '  - tick: [detection-source, bridge-opened, loggist-assigned]', '    at: +5m', '  - decide: DECLARE', '    rationale: Servers encrypting', '    at: +10m', ''].join('\n'));
    const { report } = await runIrpJson<{ report: AfterActionReport }>(['exercise', 'replay', scenario, '--answers', answers], { IRP_STATE_DIR: join(dir, 'state') });
    expect(report.score.percent).toBe(100);
    expect(report.summary).toEqual([{ tone: 'well', text: 'Declare a major cyber incident: done at +10m, within +30m.' }]);
    expect(report.unscored).toEqual([{ tone: 'missed', text: 'NIS report by a digital service provider (NIS Regulations 2018, reg. 12): not made by its deadline, +3d 0h.' }]);
    expect(report.clocksNotRun.map((absent) => absent.clock)).toContain('Personal data breach report to the ICO (UK GDPR Art. 33(1))');
    const markdown = (await runIrpOk(['exercise', 'report', report.incident], { IRP_STATE_DIR: join(dir, 'state') })).stdout;
    expect(markdown).toContain('### Regulatory clocks outside the score (1)');
    expect(markdown).toContain('### Clocks this playbook does not run, and why');
  });
});
