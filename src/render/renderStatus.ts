import { z } from 'zod';
import type { IncidentReport } from '../api/irp.ts';
import type { Choice } from '../engine/incidentView.ts';
import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
import { clocksJson, renderClocks } from './renderClocks.ts';
import { plural, wrap } from './text.ts';

/** The status screen: where the incident is, what to do, what can be decided and what is in the way. */
export function renderStatus(report: IncidentReport, now: Date): string {
  const { view, playbook } = report;
  const lines: string[] = [];
  const since = formatSpan(now.getTime() - Date.parse(view.awareAt));
  lines.push(`${view.exercise ? 'EXERCISE ' : ''}${view.id}  ${view.title}`);
  lines.push(`Playbook ${playbook.id} ${view.recordedPlaybook.version} · aware ${formatLondon(new Date(view.awareAt))} (${since} ago) · ${plural(view.events.length, 'event')}`);
  if (report.playbookChanged) {
    lines.push(`Note: playbook ${playbook.id} has changed since this incident was opened (now ${playbook.version}); steps are shown as it is now.`);
  }
  for (const event of report.recorded.filter((e) => e.kind === 'timer.fired')) {
    if (event.kind === 'timer.fired') lines.push(`Timer fired at ${formatLondon(new Date(event.data.dueAt))}: ${event.data.label} (recorded as event ${event.seq})`);
  }
  const holders = Object.entries(view.roleHolders).map(([role, holder]) => `${playbook.roles[role] ?? role}: ${holder.name}`);
  lines.push(`In command: ${view.commander.name} · ${holders.join(' · ')}`);
  if (report.clocks.length > 0) lines.push('', 'Clocks', renderClocks(report.clocks));
  if (view.finished) {
    lines.push('', 'This incident is finished: every step of the playbook is complete.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('', view.steps.length === 1 ? 'Active step' : `Active steps (${view.steps.length} in parallel)`);
  for (const step of view.steps) {
    lines.push('');
    lines.push(`▸ ${[...step.within, step.title].join(' › ')}`);
    const assignee = step.assignee ? ` · assigned to ${step.assignee.name}` : '';
    lines.push(`  ${step.path} · ${step.roleName}${assignee} · since ${formatLondon(new Date(step.enteredAt))}`);
    lines.push(wrap(step.instructions, '  '));
    if (step.checklist.length > 0) {
      lines.push('  Checklist:');
      for (const item of step.checklist) {
        const mark = item.ticked ? '[x]' : '[ ]';
        const who = item.ticked ? ` — ${item.ticked.by.name}, ${formatLondon(new Date(item.ticked.at))}` : item.required ? '' : ' (optional)';
        lines.push(wrap(`${mark} ${item.id}: ${item.text}${who}`, '    ').replace(/^ {4}/, '    '));
      }
    }
    if (step.facts.length > 0) {
      lines.push('  To record:');
      for (const fact of step.facts) {
        lines.push(`    ${fact.label} (${fact.id}): ${'value' in fact ? JSON.stringify(fact.value) : 'not yet recorded'}`);
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
      for (const blocker of choice.blockers) lines.push(wrap(`waits for: ${blocker}`, '      '));
    }
  }
  if (view.timers.length > 0) {
    lines.push('', 'Timers');
    for (const timer of view.timers) {
      const left = Date.parse(timer.dueAt) - now.getTime();
      lines.push(`  ${timer.label} — due ${formatLondon(new Date(timer.dueAt))} (in ${formatSpan(left)})`);
    }
  }
  return `${lines.join('\n')}\n`;
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
      blockers: choice.blockers,
      payloadSchema: choice.payload ? z.toJSONSchema(choice.payload, { io: 'input' }) : null,
    })),
    timers: view.timers,
    clocks: clocksJson(report.clocks),
    commander: view.commander,
    roleHolders: view.roleHolders,
    facts: view.facts,
    recorded: report.recorded.map((event) => ({ seq: event.seq, kind: event.kind, hash: event.hash })),
  };
}
