// The decision log (issue 24, item 1) of the 2022 replay, held against the record it is made from: a numbered entry
// for every decision, by whom and when, what was known at that moment (facts recorded before it and no later, the
// injects delivered, the clocks running with their time left), the options offered and the rationale given.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../src/record/recordedEvent.ts';
import { playbooksDir } from '../helpers/paths.ts';
import { runIrp, runIrpJson } from '../helpers/runIrp.ts';

interface Entry {
  number: number;
  seq: number;
  event: string;
  occurredAt: string;
  by: { name: string; role: string };
  rationale?: string;
  known: { facts: Array<{ fact: string; value: unknown; since?: string }>; injects: Array<{ title: string; at: string }>; clocks: Array<{ id: string; status: string; dueAt?: string; remainingMs?: number }> };
  options: Array<{ event: string; label: string; blockers: unknown[] }>;
}

let env: Record<string, string>;
let incident: string;
let record: RecordedEvent[];
let log: Entry[];
// Made once for every test here (tempDir's folders go after each test).
const stateDir = mkdtempSync(join(tmpdir(), 'irp-decisions-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));
beforeAll(async () => {
  env = { IRP_STATE_DIR: stateDir };
  ({ incident } = await runIrpJson<{ incident: string }>(['exercise', 'replay', 'advanced-2022', '--answers', join(playbooksDir, 'advanced-2022.answers.yaml')], env));
  record = await runIrpJson<RecordedEvent[]>(['log', incident], env);
  log = await runIrpJson<Entry[]>(['decisions', incident], env);
});

describe('irp decisions on the 2022 replay', () => {
  it('numbers every decision of the record, in order, with who took it, when, and the rationale given', () => {
    const decisions = record.filter((event) => event.kind === 'decision');
    expect(log.map((entry) => entry.number)).toEqual(decisions.map((_, i) => i + 1));
    for (const [i, entry] of log.entries()) {
      const event = decisions[i] as Extract<RecordedEvent, { kind: 'decision' }>;
      expect(entry).toMatchObject({ seq: event.seq, event: event.data.event, occurredAt: event.occurredAt, by: event.actor });
      expect(entry.rationale).toBe(event.data.rationale ?? event.note);
    }
  });

  it('knows at each decision the facts recorded before it, and none recorded later', () => {
    for (const entry of log) {
      const before = record.filter((event) => event.seq < entry.seq && event.kind === 'decision' && event.data.payload);
      const expected = new Set(before.flatMap((event) => Object.keys((event as Extract<RecordedEvent, { kind: 'decision' }>).data.payload ?? {})));
      for (const fact of entry.known.facts) expect(expected.has(fact.fact) || fact.since === undefined || Date.parse(fact.since) <= Date.parse(entry.occurredAt), `${entry.number}: ${fact.fact}`).toBe(true);
      for (const fact of expected) expect(entry.known.facts.map((known) => known.fact), `${entry.number} knows ${fact}`).toContain(fact);
    }
  });

  it('knows the clocks running then with the time each had left, and the injects delivered', () => {
    const declare = log.find((entry) => entry.event === 'DECLARE') as Entry;
    // Aware at 07:00, declared at 07:20: the CSOC's hour has 40 minutes left, most urgent first.
    expect(declare.known.clocks[0]).toMatchObject({ id: 'nhse-csoc', status: 'running', remainingMs: 40 * 60_000 });
    expect(declare.known.injects.map((inject) => inject.title)).toEqual(['Servers encrypting on the Staffplan estate']);
    const csoc = log.find((entry) => entry.event === 'CSOC_NOTIFIED') as Entry;
    expect(log.filter((entry) => entry.number > csoc.number).every((entry) => !entry.known.clocks.some((clock) => clock.id === 'nhse-csoc'))).toBe(true);
  });

  it('lists the options offered with the decision taken among them, and why others were blocked', () => {
    const declare = log.find((entry) => entry.event === 'DECLARE') as Entry;
    expect(declare.options.map((option) => option.event)).toEqual(expect.arrayContaining(['DECLARE']));
    expect(declare.options.length).toBeGreaterThan(1);
    for (const entry of log) expect(entry.options.map((option) => option.event), `${entry.number}`).toContain(entry.event);
  });

  it('prints it in 80 columns and as Markdown, and the after-action report carries it', async () => {
    const printed = await runIrp(['decisions', incident], env);
    expect(printed.stderr).toBe('');
    const text = printed.stdout;
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toContain('1. Thu 4 Aug 2022 07:20 BST · Declare a major cyber incident');
    expect(text).toContain('Rationale: Ransomware on Staffplan servers');
    const markdown = (await runIrp(['decisions', incident, '--markdown'], env)).stdout;
    expect(markdown.match(/^### \d+\. /gm)).toHaveLength(log.length);
    const report = (await runIrp(['exercise', 'report', incident], env)).stdout;
    expect(report).toContain('## Decision log');
    expect(report.match(/^### \d+\. /gm)).toHaveLength(log.length);
    const html = (await runIrp(['exercise', 'report', incident, '--format', 'html'], env)).stdout;
    expect(html).toContain('<h2>Decision log</h2>');
    expect(html.match(/<h3>\d+\. /g)).toHaveLength(log.length);
  });

  it('answers an incident that does not exist with exit 2 and one line', async () => {
    const missing = await runIrp(['decisions', 'inc-20220804-0000-0000-00000'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('the rationale, its own field', () => {
  it('is required of a decision the playbook marks: refused by name with exit 2 and nothing recorded, then recorded and shown', async () => {
    const own = { IRP_STATE_DIR: mkdtempSync(join(tmpdir(), 'irp-rationale-')), IRP_NOW: '2022-08-04T07:30:00+01:00', IRP_ACTOR: 'Sam Patel' };
    try {
      const { id } = await runIrpJson<{ id: string }>(['start', 'supplier-ransomware', '--title', 'Ransomware', '--aware-at', '07:00'], own);
      await runIrp(['check', id, 'detection-source', 'bridge-opened', 'loggist-assigned'], own);
      const before = await runIrpJson<unknown[]>(['log', id], own);
      const refused = await runIrp(['step', id, 'DECLARE', '--note', 'a note is not a rationale'], own);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('DECLARE (Declare a major cyber incident) needs its rationale for the decision log: Why declare a major cyber incident now?');
      expect(refused.stderr).toContain('Give it with --rationale');
      expect(await runIrpJson<unknown[]>(['log', id], own)).toEqual(before);
      expect((await runIrp(['step', id, 'DECLARE', '--rationale', 'Servers encrypting; ransom note on Staffplan', '--note', 'bridge open'], own)).code).toBe(0);
      const [entry] = await runIrpJson<Entry[]>(['decisions', id], own);
      expect(entry).toMatchObject({ event: 'DECLARE', rationale: 'Servers encrypting; ransom note on Staffplan' });
      const printed = (await runIrp(['decisions', id], own)).stdout;
      expect(printed).toContain('Rationale: Servers encrypting; ransom note on Staffplan');
      expect(printed).toContain('Note: bridge open');
    } finally {
      rmSync(own.IRP_STATE_DIR, { recursive: true, force: true });
    }
  });
});

describe('the NIS draft of the 2022 replay', () => {
  it('says when the incident occurred (2 August) apart from when the supplier became aware (4 August)', async () => {
    const nis = (await runIrp(['notify', incident, 'nis-reg12-dsp'], env)).stdout;
    expect(nis).toContain('## When it occurred\n\n2 August 2022 (the intrusion; found on 4 August)');
    expect(nis).toContain('## When the organisation became aware\n\nThu 4 Aug 2022 07:00 BST');
  });
});
