import { UserError } from '../errors.ts';
import type { AfterActionReport } from '../exercise/afterAction.ts';

/** Two runs of the same scenario side by side: what changed in timings, decisions and scores. */
export interface Comparison {
  scenario: { id: string; title: string };
  runs: [RunSummary, RunSummary];
  expectations: Array<{ id: string; description: string; a: Outcome; b: Outcome; change: string }>;
  /** Each decision either run took, when it was first taken (from the start), in each. */
  decisions: Array<{ label: string; a?: number | undefined; b?: number | undefined; changeMs?: number | undefined }>;
}

interface RunSummary {
  incident: string;
  startAt: string;
  score: AfterActionReport['score'];
}

interface Outcome {
  status: string;
  /** When it was done, from the start. */
  afterMs?: number | undefined;
}

/** Compares two after-action reports of one scenario; refuses two of different scenarios. Pure. */
export function compareRuns(a: AfterActionReport, b: AfterActionReport): Comparison {
  if (!a.scenario || !b.scenario) throw new UserError({ code: 'no-scenario-run', incident: !a.scenario ? a.incident : b.incident });
  if (a.scenario.id !== b.scenario.id) throw new UserError({ code: 'different-scenarios', a: { incident: a.incident, scenario: a.scenario.id }, b: { incident: b.incident, scenario: b.scenario.id } });
  const outcome = (report: AfterActionReport, id: string): Outcome => {
    const found = report.expectations.find((e) => e.id === id);
    if (!found) return { status: 'not in this run' };
    return { status: found.status, ...(found.at ? { afterMs: Date.parse(found.at) - Date.parse(report.startAt) } : {}) };
  };
  const ids = [...new Set([...a.expectations.map((e) => e.id), ...b.expectations.map((e) => e.id)])];
  const expectations = ids.map((id) => {
    const description = (a.expectations.find((e) => e.id === id) ?? b.expectations.find((e) => e.id === id))?.description ?? id;
    const [x, y] = [outcome(a, id), outcome(b, id)];
    return { id, description, a: x, b: y, change: changeOf(x, y) };
  });
  const firsts = (report: AfterActionReport) => {
    const map = new Map<string, number>();
    for (const entry of report.timeline) {
      if (entry.kind !== 'decision') continue;
      const label = entry.text.replace(/ \(.*$| \u2014 .*$/, ''); // \u2014: an em dash (the built CLI is ASCII)
      if (!map.has(label)) map.set(label, Date.parse(entry.at) - Date.parse(report.startAt));
    }
    return map;
  };
  const [fa, fb] = [firsts(a), firsts(b)];
  const decisions = [...new Set([...fa.keys(), ...fb.keys()])].map((label) => {
    const [x, y] = [fa.get(label), fb.get(label)];
    return { label, ...(x === undefined ? {} : { a: x }), ...(y === undefined ? {} : { b: y }), ...(x !== undefined && y !== undefined ? { changeMs: y - x } : {}) };
  });
  return {
    scenario: { id: a.scenario.id, title: a.scenario.title },
    runs: [
      { incident: a.incident, startAt: a.startAt, score: a.score },
      { incident: b.incident, startAt: b.startAt, score: b.score },
    ],
    expectations,
    decisions,
  };
}

function changeOf(a: Outcome, b: Outcome): string {
  const good = (o: Outcome) => o.status === 'met';
  if (a.status === b.status && a.afterMs !== undefined && b.afterMs !== undefined) {
    const delta = b.afterMs - a.afterMs;
    return delta === 0 ? 'same' : delta < 0 ? 'faster' : 'slower';
  }
  if (a.status === b.status) return 'same';
  if (good(b) && !good(a)) return 'better';
  if (good(a) && !good(b)) return 'worse';
  return b.status === 'late' && a.status === 'missed' ? 'better' : a.status === 'late' && b.status === 'missed' ? 'worse' : 'changed';
}
