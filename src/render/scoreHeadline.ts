import type { AfterActionReport } from '../exercise/afterAction.ts';
import { formatSpan } from '../time/duration.ts';

/**
 * The score as a report's headline says it. An exercise that stopped early is scored only on what fell due before
 * it stopped, so the headline says how much of the exercise that was, and never shows a bare percentage for a part:
 * "Stopped at +45m: 4 of 4 points due by then (100%); 10 of 12 expectations not reached".
 */
export function scoreHeadline(report: AfterActionReport): string | undefined {
  const { score } = report;
  if (score.percent === null) return undefined;
  const points = `${score.points} of ${score.possible} points`;
  if (!report.stoppedEarly) return `Score: ${score.percent}% (${points})`;
  const notReached = report.expectations.filter((expectation) => expectation.status === 'not-reached').length;
  const at = `+${formatSpan(Date.parse(report.stoppedEarly.at) - Date.parse(report.startAt))}`;
  return `Stopped at ${at}: ${points} due by then (${score.percent}%); ${notReached} of ${report.expectations.length} expectations not reached`;
}
