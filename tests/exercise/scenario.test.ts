import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/exercise/scenario.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { tempDir } from '../helpers/tempDir.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function scenarioFile(text: string): string {
  const file = join(tempDir(), 'test.scenario.yaml');
  writeFileSync(file, text);
  return file;
}

describe('scenario files', () => {
  it('reads the shipped 2022 scenario, with its times in London time', () => {
    const scenario = readScenario(join(playbooksDir, 'advanced-2022.scenario.yaml'), sha256);
    expect(scenario.startAt.toISOString()).toBe('2022-08-04T06:00:00.000Z');
    expect(scenario.endsAt.toISOString()).toBe('2022-09-16T08:00:00.000Z');
    expect(scenario.injects.map((inject) => inject.id)).toEqual([
      'detection', 'customers-down', 'nhs-england', 'press', 'scope', 'exfiltration', 'rebuilt', 'assured', 'reconnection-order', 'progress', 'restored',
    ]);
    expect(scenario.injects.find((inject) => inject.id === 'exfiltration')).toMatchObject({ offsetMs: 2 * 86_400_000, reveals: { personalDataInvolved: 'yes' } });
    expect(scenario.expectations.reduce((sum, e) => sum + e.weight, 0)).toBe(23);
    expect(scenario.expectations.find((e) => e.id === 'first-reconnection')).toMatchObject({ duty: { id: 'reconnected', count: 1 } });
  });

  it('reads a start time in another time zone, and names injects without ids by their place', () => {
    const scenario = readScenario(
      scenarioFile(`id: t\ntitle: T\nplaybook: { id: p, version: "*" }\nstart: 2024-10-27 01:30\ntimeZone: America/New_York\nparticipants: [{ name: A, role: r }]\ninjects:\n  - { at: +1d2h, title: T, body: B, from: F }\n`),
      sha256,
    );
    expect(scenario.startAt.toISOString()).toBe('2024-10-27T05:30:00.000Z');
    expect(scenario.injects[0]).toMatchObject({ id: 'inject-1', offsetMs: 26 * 3_600_000 });
  });

  it('reports every problem with its line', () => {
    const file = scenarioFile(
      [
        'id: Bad',
        'title: x',
        'playbook: { id: p, version: one }',
        'start: 2022-08-04 07:00',
        'participants: [{ name: A, role: r }]',
        'injects:',
        '  - id: a',
        '    at: 45m',
        '    title: t',
        '    body: b',
        '    from: f',
        'expectations:',
        '  - { id: e, decision: X, weight: 1 }',
        '  - { id: f, decision: X, within: { after: nobody, duration: 1h } }',
        '',
      ].join('\n'),
    );
    expect(() => readScenario(file, sha256)).toThrow(expect.objectContaining({
      problem: expect.objectContaining({ code: 'invalid-scenario', file }),
      details: [
        'line 1: id: use lower-case letters, digits and hyphens',
        'line 3: playbook.version: write a version range such as ^1.1.0, ~1.1.0, 1.1.0 or *',
        'line 8: injects[0].at: write an offset from the start such as +0m, +45m or +1d2h',
        'line 13: expectations[0]: give exactly one of by or within',
      ],
    }));
  });

  it('refuses an expectation about an inject that does not exist, and a start it cannot read', () => {
    const base = 'id: t\ntitle: T\nplaybook: { id: p, version: "*" }\nparticipants: [{ name: A, role: r }]\n';
    const unknown = scenarioFile(`${base}start: 2022-08-04 07:00\nexpectations:\n  - { id: e, decision: X, within: { after: nobody, duration: 1h } }\n`);
    expect(() => readScenario(unknown, sha256)).toThrow(expect.objectContaining({ details: ['line 7: expectations.e.within.after: there is no inject "nobody"'] }));
    const start = scenarioFile(`${base}start: next Tuesday\n`);
    expect(() => readScenario(start, sha256)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'bad-scenario-start', file: start, line: 5, start: 'next Tuesday' }) }));
    expect(() => readScenario(scenarioFile('id: [unclosed\n'), sha256)).toThrow(expect.objectContaining({ problem: expect.objectContaining({ code: 'not-yaml' }) }));
  });
});
