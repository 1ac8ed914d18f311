import type { AfterActionReport } from '../exercise/afterAction.ts';
import { shortName } from '../clocks/clockSpec.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One numbered mark of the timeline: where it sits, what it is, and the words listed for it under the drawing. */
export interface TimelineMark {
  number: number;
  at: string;
  kind: 'inject' | 'decision' | 'expectation';
  text: string;
  /** For an expectation: met, late, missed or not reached. */
  status?: string;
}

/**
 * The marks of a report's timeline, numbered in time order: injects, decisions and each expectation's deadline.
 * The drawing labels each with its number; the list under it (and the Markdown report) says what each number is.
 */
export function timelineMarks(report: AfterActionReport): TimelineMark[] {
  const marks: Array<Omit<TimelineMark, 'number'>> = [
    ...report.timeline.flatMap((entry) => (entry.kind === 'inject' || entry.kind === 'decision' ? [{ at: entry.at, kind: entry.kind, text: entry.text }] : [])),
    ...report.expectations.map((e) => ({ at: e.deadline, kind: 'expectation' as const, text: `Expected by now: ${e.description}`, status: e.status })),
  ];
  return marks
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.kind === 'expectation' ? 1 : 0) - (b.kind === 'expectation' ? 1 : 0))
    .map((mark, index) => ({ ...mark, number: index + 1 }));
}

/**
 * The time axis: the first hour, the rest of the first day and the days after each get their own share of the
 * width (linear within each), so that the first hours, where most decisions fall, stay legible beside weeks.
 * Shares belong to the parts the report spans; a report of one hour is linear over the whole width.
 */
export function timeAxis(startMs: number, endMs: number, left: number, right: number): { x(ms: number): number; ticks: number[] } {
  const span = Math.max(endMs - startMs, MINUTE);
  const bounds = [0, HOUR, DAY, Number.POSITIVE_INFINITY];
  const shares = [0.35, 0.3, 0.35];
  const parts: Array<{ from: number; to: number; share: number }> = [];
  for (let i = 0; i < 3; i += 1) {
    const from = bounds[i] as number;
    if (from >= span) break;
    parts.push({ from, to: Math.min(bounds[i + 1] as number, span), share: shares[i] as number });
  }
  const total = parts.reduce((sum, part) => sum + part.share, 0);
  const width = right - left;
  const x = (ms: number) => {
    const t = Math.min(Math.max(ms - startMs, 0), span);
    let offset = left;
    for (const part of parts) {
      const w = (part.share / total) * width;
      if (t <= part.to) return offset + ((t - part.from) / (part.to - part.from)) * w;
      offset += w;
    }
    return right;
  };
  const candidates = [0, 15 * MINUTE, 30 * MINUTE, 45 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 3 * DAY, 7 * DAY, 14 * DAY, 21 * DAY, 28 * DAY, 35 * DAY, 42 * DAY, 56 * DAY];
  const ticks = [...candidates.filter((t) => t < span), span].map((t) => startMs + t);
  return { x, ticks };
}

/** A box a label takes on the drawing, to keep every label clear of the others. */
interface Box {
  x1: number;
  x2: number;
  y1: number;
  y2: number;
}

const overlaps = (a: Box, b: Box) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Width of a label in the drawing's 11-pixel sans-serif, generously: digits and capitals run wide. */
const textWidth = (text: string) => text.length * 7 + 4;

/**
 * The timeline as SVG: injects above the line and decisions below it, each labelled with its number; expectation
 * deadlines as triangles, numbered too; regulatory deadlines as dashed lines labelled with the clock's short name.
 * Labels go in rows chosen so that no two overlap and none leaves the drawing: as many rows as it takes.
 */
export function timelineSvg(report: AfterActionReport, escape: (text: string) => string, colours: Record<string, string>): string {
  const width = 960;
  const left = 24;
  const right = width - 24;
  const start = Date.parse(report.startAt);
  const end = Math.max(Date.parse(report.endAt), start + MINUTE);
  const axis = timeAxis(start, end, left, right);
  const marks = timelineMarks(report);
  const taken: Box[] = [];
  const place = (wanted: Box, step: number): Box => {
    let box = wanted;
    while (taken.some((other) => overlaps(box, other))) box = { ...box, y1: box.y1 + step, y2: box.y2 + step };
    taken.push(box);
    return box;
  };
  /** A label beside `at`, turned to the left of it near the right edge, so that it never leaves the drawing. */
  const beside = (at: number, label: string) => {
    const w = textWidth(label);
    return at + 3 + w <= width - 2 ? { x1: at + 3, x2: at + 3 + w } : { x1: at - 3 - w, x2: at - 3 };
  };

  // Rows are laid out on a scratch scale first (y grows away from the line), then turned into page coordinates.
  const deadlines = report.clocks.filter((clock) => clock.dueAt && Date.parse(clock.dueAt) <= end);
  const deadlineLabels = deadlines.map((clock) => {
    const at = axis.x(Date.parse(clock.dueAt as string));
    const text = `${shortName(clock)} due`;
    return { clock, at, text, box: place({ ...beside(at, text), y1: -1000, y2: -1000 + 14 }, 16) };
  });
  // A regulatory deadline's dashed line runs through every row: no mark's number is written across it.
  for (const { at } of deadlineLabels) taken.push({ x1: at - 2, x2: at + 2, y1: -1, y2: 100_000 });
  /**
   * A mark's number in the first row where it fits, beside its mark or, where marks crowd one moment (a dozen
   * entries at +1d), up to three places further along the same row, before going a row further away.
   */
  const placeMark = (at: number, label: string, base: number): Box => {
    const w = textWidth(label);
    for (let row = 0; ; row += 1) {
      for (let column = 0; column < 4; column += 1) {
        const spot = beside(at, label);
        const shift = column * (w + 4) * (spot.x1 > at ? 1 : -1);
        const box = { x1: spot.x1 + shift, x2: spot.x2 + shift, y1: base + row * 16, y2: base + row * 16 + 14 };
        if (box.x1 < 2 || box.x2 > width - 2 || taken.some((other) => overlaps(box, other))) continue;
        taken.push(box);
        return box;
      }
    }
  };
  const above: Array<{ mark: TimelineMark; at: number; box: Box }> = [];
  const below: Array<{ mark: TimelineMark; at: number; box: Box }> = [];
  for (const mark of marks) {
    const at = axis.x(Date.parse(mark.at));
    const label = String(mark.number);
    if (mark.kind === 'inject') above.push({ mark, at, box: placeMark(at, label, 0) });
    else below.push({ mark, at, box: placeMark(at, label, 5000) });
  }
  const aboveRows = Math.max(1, ...above.map((a) => (a.box.y1 - 0) / 16 + 1));
  const belowRows = Math.max(1, ...below.map((b) => (b.box.y1 - 5000) / 16 + 1));
  const deadlineRows = Math.max(0, ...deadlineLabels.map((d) => (d.box.y1 + 1000) / 16 + 1));
  const top = 8 + deadlineRows * 16;
  const line = top + 12 + aboveRows * 16 + 8;
  const height = line + 30 + belowRows * 16 + 28;

  const parts: string[] = [];
  parts.push(`<line x1="${left}" y1="${line}" x2="${right}" y2="${line}" stroke="#777"/>`);
  // Axis marks, each labelled unless it would run into the one before.
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const tick of axis.ticks) {
    const at = axis.x(tick);
    const text = `+${formatSpan(tick - start)}`;
    const w = textWidth(text);
    const x1 = Math.min(Math.max(at - w / 2, 2), width - 2 - w);
    parts.push(`<line x1="${at}" y1="${line - 4}" x2="${at}" y2="${line + 4}" stroke="#777"/>`);
    if (x1 < lastEnd + 6) continue;
    lastEnd = x1 + w;
    parts.push(`<text class="axis" x="${x1 + w / 2}" y="${height - 8}" text-anchor="middle" fill="#444">${escape(text)}</text>`);
  }
  for (const { clock, at, text, box } of deadlineLabels) {
    const y = top - (box.y1 + 1000) - 2;
    parts.push(
      `<g><title>${escape(`${clock.label} (${clock.law}), due ${formatLondon(new Date(clock.dueAt as string))}`)}</title>` +
        `<line x1="${at}" y1="${y - 10}" x2="${at}" y2="${height - 26}" stroke="${colours.clock}" stroke-dasharray="4 3"/>` +
        `<text class="deadline" x="${box.x1}" y="${y}" fill="${colours.clock}">${escape(text)}</text></g>`,
    );
  }
  for (const { mark, at, box } of above) {
    const y = line - 14 - (box.y1 / 16) * 16;
    parts.push(
      `<g><title>${escape(`${mark.number}. ${formatLondon(new Date(mark.at))}: ${mark.text}`)}</title>` +
        `<rect x="${at - 5}" y="${line - 5}" width="10" height="10" transform="rotate(45 ${at} ${line})" fill="${colours.inject}"/>` +
        `<line x1="${at}" y1="${line - 6}" x2="${at}" y2="${y + 2}" stroke="${colours.inject}" stroke-width="0.6"/>` +
        `<text class="mark" x="${box.x1}" y="${y}" fill="${colours.inject}">${mark.number}</text></g>`,
    );
  }
  for (const { mark, at, box } of below) {
    const y = line + 30 + ((box.y1 - 5000) / 16) * 16;
    const colour = mark.kind === 'expectation' ? colours[mark.status as string] : colours.decision;
    const shape =
      mark.kind === 'expectation'
        ? `<path d="M ${at} ${line + 6} l -5 9 l 10 0 z" fill="${colour}"/>`
        : `<circle cx="${at}" cy="${line}" r="5" fill="${colour}"/>`;
    parts.push(
      `<g><title>${escape(`${mark.number}. ${formatLondon(new Date(mark.at))}: ${mark.text}${mark.status ? ` (${mark.status})` : ''}`)}</title>${shape}` +
        `<line x1="${at}" y1="${line + 6}" x2="${at}" y2="${y - 10}" stroke="${colour}" stroke-width="0.6"/>` +
        `<text class="mark" x="${box.x1}" y="${y}" fill="${colour}">${mark.number}</text></g>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="timeline-title"><title id="timeline-title">Timeline: injects above the line, decisions and expected deadlines below, regulatory deadlines dashed; the numbers are listed under the drawing</title>${parts.join('')}</svg>`;
}
