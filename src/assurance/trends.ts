import type { AssuranceAction, AssuranceEntry } from './assuranceEntry.ts';

/** How many of the last runs met something on time: "CSOC told within 1 h: 3 of the last 4". */
export interface Trend {
  /** `scenario-id/expectation-id` for an expectation; the clock's id for a clock. */
  key: string;
  label: string;
  /** Each run's result, oldest first, with the incident and its date. */
  results: Array<{ incident: string; date: string; status: string; met: boolean }>;
  /** Met on time in how many of the last `of` runs (at most four). */
  met: number;
  of: number;
}

export interface Assurance {
  entries: AssuranceEntry[];
  /** Per scenario expectation, across the exercises of that scenario. */
  expectations: Trend[];
  /** Per clock, across every exercise and incident that ran it (clocks not required are left out). */
  clocks: Trend[];
  /** Lessons recorded in more than one exercise or incident, as first written, with where. */
  repeatedLessons: Array<{ text: string; incidents: string[] }>;
  actions: { open: AssuranceAction[]; overdue: AssuranceAction[]; closed: AssuranceAction[] };
  /** The last exercise the Board took part in, and when the next is due (a year on); none yet: due now. */
  board: { last?: { incident: string; date: string; text: string } | undefined; dueBy?: string | undefined; overdue: boolean };
  /** Exercises and real activations that count as exercises (EPRR), in the last twelve months. */
  lastYear: { exercises: number; activations: number };
}

/** How many of the last runs a trend counts. */
export const TREND_RUNS = 4;
const YEAR_MS = 365 * 86_400_000;

/** Trends, repeated lessons, actions and the yearly test with the Board, as of `today` (YYYY-MM-DD, London). Pure. */
export function assuranceOf(entries: readonly AssuranceEntry[], now: Date, today: string): Assurance {
  const ordered = [...entries].sort((a, b) => a.date.localeCompare(b.date) || a.incident.localeCompare(b.incident));
  const expectations = new Map<string, Trend>();
  const clocks = new Map<string, Trend>();
  for (const entry of ordered) {
    for (const expectation of entry.expectations) {
      if (expectation.status === 'not-reached' || !entry.scenario) continue;
      const key = `${entry.scenario.id}/${expectation.id}`;
      add(expectations, key, expectation.description, { incident: entry.incident, date: entry.date, status: expectation.status, met: expectation.status === 'met' });
    }
    for (const clock of entry.clocks) {
      // A clock not required (waived) or never started says nothing of how fast the team was.
      if (clock.status === 'waived' || clock.status === 'not-started') continue;
      add(clocks, clock.id, clock.label, { incident: entry.incident, date: entry.date, status: clock.status, met: clock.status === 'met' });
    }
  }
  const lessons = new Map<string, { text: string; incidents: Set<string> }>();
  for (const entry of ordered) {
    for (const text of entry.lessons) {
      const key = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
      const known = lessons.get(key) ?? { text, incidents: new Set<string>() };
      known.incidents.add(entry.incident);
      lessons.set(key, known);
    }
  }
  const actions = ordered.flatMap((entry) => entry.actions);
  const open = actions.filter((action) => !action.closed);
  const boardRuns = ordered.filter((entry) => entry.board !== undefined && entry.countsAsExercise);
  const lastBoard = boardRuns.at(-1);
  const dueBy = lastBoard ? new Date(Date.parse(lastBoard.date) + YEAR_MS).toISOString() : undefined;
  const recent = ordered.filter((entry) => now.getTime() - Date.parse(entry.date) <= YEAR_MS && entry.countsAsExercise);
  return {
    entries: ordered,
    expectations: [...expectations.values()].map(finish),
    clocks: [...clocks.values()].map(finish),
    repeatedLessons: [...lessons.values()].filter((lesson) => lesson.incidents.size > 1).map((lesson) => ({ text: lesson.text, incidents: [...lesson.incidents] })),
    actions: { open, overdue: open.filter((action) => action.due !== undefined && action.due < today), closed: actions.filter((action) => action.closed) },
    board: {
      ...(lastBoard?.board ? { last: { incident: lastBoard.incident, date: lastBoard.date, text: lastBoard.board.text } } : {}),
      ...(dueBy ? { dueBy } : {}),
      overdue: dueBy === undefined || Date.parse(dueBy) < now.getTime(),
    },
    lastYear: { exercises: recent.filter((entry) => entry.kind === 'exercise').length, activations: recent.filter((entry) => entry.kind === 'incident').length },
  };
}

function add(map: Map<string, Trend>, key: string, label: string, result: Trend['results'][number]): void {
  const trend = map.get(key) ?? { key, label, results: [], met: 0, of: 0 };
  trend.results.push(result);
  map.set(key, trend);
}

function finish(trend: Trend): Trend {
  const last = trend.results.slice(-TREND_RUNS);
  return { ...trend, met: last.filter((result) => result.met).length, of: last.length };
}
