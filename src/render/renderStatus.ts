import { describeSettings, isAsked } from '../playbook/incidentSettings.ts';
import { z } from 'zod';
import type { IncidentReport } from '../engine/incidentReport.ts';
import type { ActiveStep, Choice } from '../engine/incidentView.ts';
import { blockerText } from '../engine/blockers.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
import { isBackdated } from '../record/backdating.ts';
import { clocksJson, renderClocks } from './renderClocks.ts';
import { fitLines, plural, wrap } from './text.ts';
import { registerJson, registerSummary } from './renderRegister.ts';
import type { LinkedIncident, OfflineCopySummary } from '../engine/incidentReport.ts';

/** "Linked to Ransomware at Advanced (inc-…) as Trust A: 3 notices taken in, 2 acknowledged." */
/**
 * A set-aside offline copy, as status, list and verify show it while it is kept: loud while some of its entries
 * are in neither the record nor a person's decision not to re-apply them.
 */
export function offlineCopyLine(incident: string, copy: OfflineCopySummary): string {
  const name = copy.file.replace(/^.*\.jsonl\./, '');
  if (copy.problem) return `SET ASIDE: an offline copy (${name}) cannot be read: ${copy.problem}`;
  if (copy.waiting === 0) return `Set aside: an offline copy (${name}); every one of its ${copy.entries} entries is in this record, re-applied, or not re-applied with a reason.`;
  return `SET ASIDE: an offline copy (${name}) has ${copy.waiting} ${copy.waiting === 1 ? 'entry' : 'entries'} not in this record; re-apply them or say why not: irp pending ${incident}`;
}

function linkedLine(linked: LinkedIncident): string {
  return `Linked to ${linked.title} (${linked.incident}) as ${linked.organisation.name}: ${plural(linked.received, 'notice')} taken in, ${linked.acknowledged} acknowledged`;
}

const VERDICT: Record<string, string> = {
  met: 'met on time',
  'met-late': 'met late',
  waived: 'not required',
  overdue: 'overdue',
  'due-soon': 'due soon',
  running: 'running',
  'not-started': 'not started',
};

/** A step's heading: where it sits in the playbook and its title, wrapped under its marker to the screen's width. */
export function stepHeading(step: Pick<ActiveStep, 'within' | 'title'>): string {
  return `▸ ${wrap([...step.within, step.title].join(' › '), '  ').slice(2)}`;
}

/** The status screen: where the incident is, what to do, what can be decided and what is in the way. */
export function renderStatus(report: IncidentReport, now: Date): string {
  const { view, playbook } = report;
  const lines: string[] = [];
  const since = formatSpan(now.getTime() - Date.parse(view.awareAt));
  lines.push(`${view.exercise ? 'EXERCISE ' : ''}${view.id}  ${view.title}`);
  lines.push(`Playbook ${playbook.id} ${view.recordedPlaybook.version} · aware ${formatLondon(new Date(view.awareAt))} (${since} ago) · ${plural(view.events.length, 'event')}`);
  // The settings that shape this incident: those asked of it, and a site's choice where it is not the default.
  const settings = describeSettings(playbook.settings, playbook.chosen).filter((s) => {
    const spec = playbook.settings[s.setting];
    return spec !== undefined && (spec.site ? s.choice !== Object.keys(spec.choices)[0] : isAsked(spec, playbook.chosen));
  });
  if (settings.length > 0) lines.push(`Settings: ${settings.map((s) => s.label).join(' · ')}`);
  if (report.playbookChanged) {
    lines.push(`Note: playbook ${playbook.id} has changed since this incident was opened (now ${playbook.version}); steps are shown as it is now.`);
  }
  for (const event of report.recorded) {
    if (event.kind === 'timer.fired') lines.push(`Timer fired at ${formatLondon(new Date(event.data.dueAt))}: ${event.data.label} (recorded as event ${event.seq})`);
  }
  lines.push(...dueTimerLines(report));
  const holders = Object.entries(view.roleHolders).map(([role, holder]) => `${playbook.roles[role] ?? role}: ${holder.name}`);
  lines.push(`In command: ${view.commander.name}${view.takeover ? ` (took over from ${view.takeover.from}, ${formatLondon(new Date(view.takeover.at))}: ${view.takeover.reason})` : ''} · ${holders.join(' · ')}`);
  if (report.linked) lines.push(linkedLine(report.linked));
  for (const copy of report.offlineCopies) lines.push(offlineCopyLine(view.id, copy));
  if (report.clocks.length > 0) lines.push('', 'Clocks', renderClocks(report.clocks, report.playbook.roles));
  if (report.register) lines.push('', ...registerSummary(report.register, now));
  const changed = report.verdictChanges;
  if (changed.length > 0) {
    lines.push('', 'Verdicts that rest on back-dated entries');
    for (const change of changed) {
      const entries = change.entries.map((e) => `#${e.seq} claimed ${formatLondon(new Date(e.at))}, recorded ${formatLondon(new Date(e.recordedAt))}`).join('; ');
      lines.push(wrap(`${change.clock.label}: ${VERDICT[change.claimed]} by the times claimed, ${VERDICT[change.asRecorded]} by the times recorded (${entries})`, '  '));
    }
  }
  if (view.finished) {
    lines.push('', 'This incident is finished: every step of the playbook is complete.');
    return `${fitLines(lines.join('\n'))}\n`;
  }
  lines.push('', view.steps.length === 1 ? 'Active step' : `Active steps (${view.steps.length} in parallel)`);
  for (const step of view.steps) {
    lines.push('');
    lines.push(stepHeading(step));
    const assignee = step.assignee ? ` · assigned to ${step.assignee.name}` : '';
    lines.push(`  ${step.path} · ${step.roleName}${assignee} · since ${formatLondon(new Date(step.enteredAt))}`);
    lines.push(wrap(step.instructions, '  '));
    if (step.checklist.length > 0) {
      lines.push('  Checklist:');
      for (const item of step.checklist) {
        const mark = item.ticked ? '[x]' : '[ ]';
        const late = item.ticked?.recordedAt && isBackdated({ occurredAt: item.ticked.at, recordedAt: item.ticked.recordedAt });
        const when = item.ticked ? `${formatLondon(new Date(item.ticked.at))}${late ? ` (back-dated; recorded ${formatLondon(new Date(item.ticked.recordedAt as string))})` : ''}` : '';
        const who = item.ticked ? ` — ${item.ticked.by.name}, ${when}` : item.required ? '' : ' (optional)';
        lines.push(wrap(`${mark} ${item.id}: ${item.text}${who}`, '    ').replace(/^ {4}/, '    '));
      }
    }
    if (step.facts.length > 0) {
      lines.push('  To record:');
      for (const fact of step.facts) {
        const corrected = fact.corrected ? ` (corrected ${formatLondon(new Date(fact.corrected.at))} by ${fact.corrected.by.name} from ${JSON.stringify(fact.corrected.from)}: ${fact.corrected.reason})` : '';
        lines.push(wrap(`${fact.label} (${fact.id}): ${'value' in fact ? JSON.stringify(fact.value) : 'not yet recorded'}${corrected}`, '    '));
      }
    }
  }
  const available = view.choices.filter((c) => c.blockers.length === 0);
  const blocked = view.choices.filter((c) => c.blockers.length > 0);
  lines.push('', available.length > 0 ? 'Choices now' : 'No choice is available until what blocks them is done.');
  for (const choice of available) lines.push(...renderChoice(choice, view.id));
  if (blocked.length > 0) {
    lines.push('', 'Blocked');
    for (const choice of blocked) {
      lines.push(`  ${choice.event}: ${choice.label}`);
      for (const blocker of choice.blockers) lines.push(wrap(`waits for: ${blockerText(blocker)}`, '      '));
    }
  }
  const corrections = Object.values(view.corrections).flat();
  if (corrections.length > 0) {
    lines.push('', 'Corrected facts');
    for (const c of corrections) {
      lines.push(wrap(`${c.fact}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}, ${formatLondon(new Date(c.at))} by ${c.by.name} (#${c.seq}): ${c.reason}`, '  '));
    }
  }
  if (view.timers.length > 0) {
    lines.push('', 'Timers');
    for (const timer of view.timers) {
      const left = Date.parse(timer.dueAt) - now.getTime();
      lines.push(`  ${timer.label} — due ${formatLondon(new Date(timer.dueAt))} (in ${formatSpan(left)})`);
    }
  }
  return `${fitLines(lines.join('\n'))}\n`;
}

/** Timers that fell due and are not in the record yet: what they did (in this view) and when they will be recorded. */
function dueTimerLines(report: IncidentReport): string[] {
  return report.view.dueTimers.map((timer) => {
    const moves = timer.leaves.length > 0 || timer.enters.length > 0 ? ` It moves "${timer.leaves.join('", "')}" on to "${timer.enters.join('", "')}".` : '';
    return wrap(
      `Timer due since ${formatLondon(new Date(timer.dueAt))}: ${timer.label}.${moves} Not recorded yet: the next entry dated at or after that time records it; an entry dated before it is applied first.`,
      '',
    );
  });
}

function renderChoice(choice: Choice, incident: string): string[] {
  const lines = [`  ${choice.event}: ${choice.label}`];
  if (choice.payload) {
    const fields = Object.entries((choice.payload as unknown as { shape: Record<string, z.ZodType> }).shape).map(
      ([name, schema]) => `${name}${schema.safeParse(undefined).success ? '?' : ''}`,
    );
    lines.push(`      irp step ${incident} ${choice.event} --data '{${fields.map((f) => `"${f.replace('?', '')}": …`).join(', ')}}'`);
    lines.push(`      data: ${fields.join(', ')} (irp status --json gives the schema)`);
  } else {
    lines.push(`      irp step ${incident} ${choice.event}`);
  }
  return lines;
}

/** The status as data for scripts; each choice carries the JSON Schema of its payload. */
export function statusJson(report: IncidentReport, now: Date): unknown {
  const { view, playbook } = report;
  return {
    id: view.id,
    title: view.title,
    exercise: view.exercise,
    awareAt: view.awareAt,
    now: now.toISOString(),
    playbook: { ...view.recordedPlaybook, currentVersion: playbook.version, changed: report.playbookChanged },
    finished: view.finished,
    events: view.events.length,
    steps: view.steps,
    choices: view.choices.map((choice) => ({
      event: choice.event,
      label: choice.label,
      from: choice.from,
      available: choice.blockers.length === 0,
      blockers: choice.blockers.map(blockerText),
      blockedBy: choice.blockers,
      payloadSchema: choice.payload ? z.toJSONSchema(choice.payload, { io: 'input' }) : null,
    })),
    timers: view.timers,
    dueTimers: view.dueTimers,
    corrections: view.corrections,
    moments: view.moments,
    backdateMarginMinutes: view.backdateMarginMs / 60_000,
    verdictsOnBackdatedEntries: report.verdictChanges.map((c) => ({ clock: c.clock.id, claimed: c.claimed, asRecorded: c.asRecorded, entries: c.entries })),
    clocks: clocksJson(report.clocks),
    commander: view.commander,
    ...(view.takeover ? { takeover: view.takeover } : {}),
    roleHolders: view.roleHolders,
    facts: view.facts,
    ...(report.register ? { register: registerJson(report.register) } : {}),
    ...(report.linked ? { linked: report.linked } : {}),
    ...(report.offlineCopies.length > 0 ? { offlineCopies: report.offlineCopies } : {}),
    recorded: report.recorded.map((event) => ({ seq: event.seq, kind: event.kind, hash: event.hash })),
  };
}
