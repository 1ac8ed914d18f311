import type { IncidentReport } from '../api/irp.ts';
import type { ActiveStep, Choice } from '../engine/incidentView.ts';
import { blockerText, type Blocker } from '../engine/blockers.ts';
import { momentsOf, shortName } from '../clocks/clockSpec.ts';
import { factSchemas } from '../engine/decideCorrection.ts';
import { isBackdated } from '../record/backdating.ts';
import { inWords } from '../record/inWords.ts';
import { stepHeading } from '../render/renderStatus.ts';
import { wrap } from '../render/text.ts';
import { formatLondon, formatLondonClock } from '../time/london.ts';
import type { Option } from './prompter.ts';
import { playbookWords } from '../playbook/playbookWords.ts';
import type { RunnerIo } from './runnerIo.ts';
import { payloadShape } from '../playbook/payloadShape.ts';

/** What the commander can do from the menus. Decisions carry their event. */
export type Action =
  | { kind: 'step'; path: string }
  | { kind: 'decide'; event: string }
  | { kind: 'draft'; clock: string }
  | { kind: 'extension'; action: string }
  | { kind: 'tick' | 'assign' | 'note' | 'review' | 'aware' | 'correct' | 'log' | 'status' | 'handover' | 'back' | 'quit' | 'more' | 'step-full' | 'organisations' };

/**
 * The list of workstreams when several steps are active. Each line says who holds it and what is open; the
 * common entries follow, always in the same places.
 */
export function workstreamMenu(report: IncidentReport, io: RunnerIo): { message: string; options: Array<Option<Action>> } {
  const options: Array<Option<Action>> = report.view.steps.map((step): Option<Action> => {
    const open = step.checklist.filter((item) => item.required && !item.ticked).length;
    const choices = report.view.choices.filter((choice) => choice.from.includes(step.path));
    // The step first, its workstream after: on a narrow screen, what is cut is the part that matters less.
    const where = step.within.length > 0 ? ` · ${step.within.at(-1)}` : '';
    return {
      value: { kind: 'step', path: step.path },
      name: `${step.title}${where}`,
      description: `${step.roleName}${step.assignee ? ` (${step.assignee.name})` : ''} · ${open} required item${open === 1 ? '' : 's'} open · ${choices.length} decision${choices.length === 1 ? '' : 's'}`,
      tags: [step.path, ...choices.map((choice) => choice.event), ...step.checklist.map((item) => item.id)],
    };
  });
  return { message: `Work on (${report.view.steps.length} workstreams; Escape leaves any question)`, options: [...options, ...extensionActions(io), moreOption()] };
}

/**
 * One step's menu. Its entries keep their places from one screen to the next: ticking, then the step's decisions
 * (a blocked one stays, greyed, its reasons printed above the menu), the drafts, then the entries every step has.
 */
export function stepMenu(report: IncidentReport, step: ActiveStep, parallel: boolean, io: RunnerIo): { message: string; options: Array<Option<Action>> } {
  const open = step.checklist.filter((item) => !item.ticked);
  const decisions = report.view.choices.filter((choice) => choice.from.includes(step.path));
  const options: Array<Option<Action>> = [
    {
      value: { kind: 'tick' },
      name: open.length > 0 ? `Tick checklist items (${open.length} open)` : 'Tick checklist items',
      ...(open.length === 0 ? { disabled: step.checklist.length > 0 ? '(all ticked)' : '(no checklist)' } : {}),
      tags: open.map((i) => i.id),
    },
  ];
  for (const choice of decisions) options.push(decisionOption(choice, report));
  for (const state of report.clocks) {
    if (decisions.some((choice) => choice.event === state.clock.stops.event)) {
      options.push({ value: { kind: 'draft', clock: state.clock.id }, name: `Show the draft notification to ${shortName(state.clock)}`, tags: [`draft:${state.clock.id}`] });
    }
  }
  if (parallel) options.push({ value: { kind: 'back' }, name: 'Back to all workstreams' });
  return { message: 'Next (Escape: back)', options: [...options, ...extensionActions(io), moreOption()] };
}

function decisionOption(choice: Choice, report: IncidentReport): Option<Action> {
  const shape = payloadShape(choice.payload) ?? {};
  const words = playbookWords(report.playbook);
  const asks = Object.keys(shape).map((field) => words.field(choice.event, field));
  return {
    value: { kind: 'decide', event: choice.event },
    name: `Decide: ${choice.label}`,
    description: `${asks.length > 0 ? `Asks for: ${asks.join(', ')}.` : 'Asks for a note and the time.'}${choice.confirm ? ' You confirm before it is recorded.' : ''}`,
    ...(choice.blockers.length > 0 ? { disabled: '(blocked)' } : {}),
    // A decision that is confirmed (it finishes the incident, ends a safety period, re-opens containment) is never
    // where the cursor starts: a reflex Enter must not reach it.
    ...(choice.confirm ? { avoid: true } : {}),
    tags: [choice.event],
  };
}

/**
 * Why the step's blocked decisions cannot be taken, in full and wrapped, for above the menu: one sentence for each
 * different reason, naming the items or the facts it waits for and the decisions it holds back.
 */
export function blockedLines(report: IncidentReport, step: ActiveStep): string[] {
  const held = new Map<string, string[]>();
  for (const choice of report.view.choices) {
    if (!choice.from.includes(step.path) || choice.blockers.length === 0) continue;
    const reason = choice.blockers.map((b) => blockerInWords(b, step, report.view.steps)).join('; and ');
    held.set(reason, [...(held.get(reason) ?? []), `"${choice.label}"`]);
  }
  return [...held].map(([reason, decisions]) => wrap(`BLOCKED ${decisions.join(' and ')}: ${reason}.`, '  ', 80));
}

/** A blocker in the commander's words: the items by their text, not their ids. */
export function blockerInWords(blocker: Blocker, here: ActiveStep | undefined, steps: readonly ActiveStep[]): string {
  if (blocker.kind !== 'open-items') return blockerText(blocker);
  const step = steps.find((s) => s.path === blocker.step);
  const texts = blocker.items.map((id) => `"${step?.checklist.find((item) => item.id === id)?.text ?? id}"`);
  const where = blocker.step === here?.path ? '' : ` of "${blocker.title}"`;
  return `first tick ${texts.length === 1 ? 'the required item' : `the ${texts.length} required items`}${where} ${texts.join(', ')}`;
}

/** A driver's own entries (an exercise's controls): on the first menu, one step away. */
function extensionActions(io: RunnerIo): Array<Option<Action>> {
  return (io.extension?.actions() ?? []).map((option) => ({ ...option, value: { kind: 'extension', action: option.value } as Action }));
}

function moreOption(): Option<Action> {
  return { value: { kind: 'more' }, name: 'More… (note, log, status, hand over, quit…)', avoid: true };
}

/**
 * The entries behind "More…", always all of them and always in this order; one that cannot be used is greyed.
 * With a step in view, the step in full and assigning it come first.
 */
export function moreMenu(report: IncidentReport, step: ActiveStep | undefined): { message: string; options: Array<Option<Action>> } {
  const own: Array<Option<Action>> = step
    ? [
        { value: { kind: 'step-full' }, name: 'Show the step in full' },
        { value: { kind: 'assign' }, name: 'Assign this step to someone', tags: [step.path] },
      ]
    : [];
  return { message: 'More (Escape: back)', options: [...own, ...commonActions(report)] };
}

function commonActions(report: IncidentReport): Array<Option<Action>> {
  const moments = momentsOf(report.playbook.clocks);
  const corrigible = Object.keys(report.view.facts).filter((fact) => factSchemas(report.playbook).has(fact));
  // The register's size and the link are known without working out every duty: this menu is drawn on every screen.
  const keepsRegister = report.playbook.duties.length > 0;
  const linked = !keepsRegister ? report.linked : undefined;
  const organisations: Array<Option<Action>> =
    keepsRegister || linked
      ? [{ value: { kind: 'organisations' }, name: keepsRegister ? `Organisations… (the register: ${report.view.organisations})` : `Notices from ${linked?.title ?? 'the supplier'}…` }]
      : [];
  return [
    ...organisations,
    { value: { kind: 'note' }, name: 'Add a note' },
    { value: { kind: 'review' }, name: 'Record a lesson, an action, what closed one, or the Board taking part' },
    {
      value: { kind: 'aware' },
      name: 'Record a moment of awareness (starts its clocks)',
      ...(moments.size === 0 ? { disabled: '(the playbook has none)' } : {}),
      tags: [...moments.keys()],
    },
    { value: { kind: 'correct' }, name: 'Correct a recorded fact', ...(corrigible.length === 0 ? { disabled: '(no fact recorded yet)' } : {}), tags: corrigible },
    { value: { kind: 'log' }, name: 'Show the log' },
    { value: { kind: 'status' }, name: 'Show the full status' },
    { value: { kind: 'handover' }, name: 'Hand over command' },
    { value: { kind: 'quit' }, name: 'Quit (everything recorded is kept)' },
  ];
}

/** A step as the runner shows it: heading, who and since when, instructions, checklist, facts in words. */
export function describeStep(step: ActiveStep): string {
  const lines = [stepHeading(step)];
  lines.push(wrap(`${step.roleName}${step.assignee ? ` · assigned to ${step.assignee.name}` : ''} · since ${formatLondon(new Date(step.enteredAt))}`, '  '));
  lines.push(wrap(step.instructions, '  '));
  for (const item of step.checklist) {
    const state = item.ticked ? `[x] ${item.text} — ${item.ticked.by.name}${tickTime(item.ticked)}` : `[ ] ${item.text}${item.required ? '' : ' (optional)'}`;
    lines.push(wrap(state, '    '));
  }
  for (const fact of step.facts) lines.push(wrap(`${fact.label}: ${'value' in fact ? inWords(fact.value) : 'not recorded yet'}`, '    '));
  return lines.join('\n');
}

/** `, 07:05 BST`, and for a tick entered later `, 07:05 BST (back-dated; recorded 15:00 BST)`. */
function tickTime(tick: { at: string; recordedAt?: string }): string {
  const late = tick.recordedAt !== undefined && isBackdated({ occurredAt: tick.at, recordedAt: tick.recordedAt });
  return `, ${formatLondonClock(new Date(tick.at))}${late ? ` (back-dated; recorded ${formatLondonClock(new Date(tick.recordedAt as string))})` : ''}`;
}
