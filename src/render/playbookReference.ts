import { rationaleQuestion } from '../playbook/playbookWords.ts';
import type { AnyStateNode } from 'xstate';
import type { Clock } from '../clocks/clockSpec.ts';
import { fieldMeta } from '../playbook/fieldMeta.ts';
import { allStateNodes, pathOf, type LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import { payloadShape } from '../playbook/payloadShape.ts';
import { playbookWords } from '../playbook/playbookWords.ts';

/**
 * The reference of shipped playbooks (docs/playbooks.md), made from the playbooks themselves: for each, its roles,
 * its decisions (where each is offered, the data it carries, the facts it sets), its clocks with their sources, and
 * the duties it keeps to each organisation. `npm run docs` writes it; a test holds the page to this.
 */
export function playbookReference(playbooks: readonly LoadedPlaybook[]): string {
  const out = [
    '# The shipped playbooks',
    '',
    'Made from the playbooks in `playbooks/` by `npm run docs`; a test fails when this page and the playbooks differ.',
    'For what each field means, see [the playbook format](playbook-format.md); for what changed between versions, [the',
    'changelog](changelog.md).',
  ];
  for (const playbook of playbooks) out.push('', ...section(playbook));
  return `${out.join('\n')}\n`;
}

/** The markers between which `npm run docs` keeps the catalogue's table in docs/commander.md. */
export const CATALOGUE_MARKERS = { begin: '<!-- clock catalogue: npm run docs -->', end: '<!-- end of the clock catalogue -->' } as const;

/**
 * The clock catalogue (`playbooks/_uk-clocks.ts`) as a table for the commander's manual: every entry, whom it is owed
 * to, what starts it, how long it runs, whether it is set by law, and its source, with the names it had before a date.
 */
export function clockCatalogueTable(entries: ReadonlyArray<Pick<Clock, 'id' | 'label' | 'recipient' | 'starts' | 'runs' | 'source' | 'before'> & { statutory?: boolean | undefined }>): string {
  const out = [CATALOGUE_MARKERS.begin, '', '| clock | owed to | starts | runs | source |', '|---|---|---|---|---|'];
  for (const entry of entries) {
    const before = (entry.before ?? []).map((names) => `<br>before ${names.until}: ${cell(names.recipient ?? names.label ?? '')}`).join('');
    out.push(`| \`${entry.id}\` ${cell(entry.label)} | ${cell(entry.recipient)}${before} | ${starts(entry as Clock)} | ${runs(entry)}${entry.statutory === false ? ' (not law)' : ''} | [${cell(entry.source.law)}](${entry.source.url}) |`);
  }
  out.push('', CATALOGUE_MARKERS.end);
  return out.join('\n');
}

/** The page with its catalogue table replaced by `table`. */
export function withCatalogueTable(page: string, table: string): string {
  const begin = page.indexOf(CATALOGUE_MARKERS.begin);
  const end = page.indexOf(CATALOGUE_MARKERS.end);
  if (begin < 0 || end < begin) throw new Error(`the page has no clock catalogue between ${CATALOGUE_MARKERS.begin} and ${CATALOGUE_MARKERS.end}`);
  return page.slice(0, begin) + table + page.slice(end + CATALOGUE_MARKERS.end.length);
}

function section(playbook: LoadedPlaybook): string[] {
  const words = playbookWords(playbook);
  const out = [`## ${playbook.title} (\`${playbook.id}\` ${playbook.version})`, '', cell(playbook.summary), ''];
  out.push('### Roles', '', '| id | name |', '|---|---|', ...Object.entries(playbook.roles).map(([id, name]) => `| \`${id}\` | ${cell(name)} |`), '');

  if (Object.keys(playbook.settings).length > 0) {
    out.push('### Settings, chosen when an incident is opened', '', '| setting | question | choices (the first is the default) |', '|---|---|---|');
    for (const [setting, spec] of Object.entries(playbook.settings)) {
      out.push(`| \`${setting}\` | ${cell(spec.question)} | ${Object.entries(spec.choices).map(([choice, { label }]) => `\`${choice}\`: ${cell(label)}`).join('<br>')} |`);
    }
    out.push('');
  }
  const offered = offeredIn(playbook);
  out.push('### Decisions', '', '| decision | label | offered in | data | sets |', '|---|---|---|---|---|');
  for (const [event, steps] of [...offered].sort(([a], [b]) => a.localeCompare(b))) {
    const spec = playbook.events[event];
    const shape = payloadShape(spec?.payload) ?? {};
    const data = Object.entries(shape).map(([id, schema]) => `\`${id}\`: ${cell(words.field(event, id))} (${kindOf(schema)})`);
    const sets = Object.entries(spec?.sets ?? {}).map(([fact, value]) => `\`${fact}\` = ${JSON.stringify(value)}`);
    const every = spec?.needsEvery ? [`blocked until every organisation has: ${cell(words.duty(spec.needsEvery))}`] : [];
    if (spec?.rationale) every.push(`\`rationale\`: ${cell(rationaleQuestion(spec.rationale))} (needed)`);
    out.push(`| \`${event}\` | ${cell(words.decision(event))} | ${[...steps].map((step) => cell(words.step(step))).join('; ')} | ${[...data, ...every].join('<br>') || '—'} | ${sets.join('<br>') || '—'} |`);
  }
  out.push('');

  if (playbook.clocks.length > 0) {
    out.push('### Clocks', '', '| clock | recipient | starts | runs | stopped by | source |', '|---|---|---|---|---|---|');
    for (const clock of playbook.clocks) {
      out.push(`| \`${clock.id}\` ${cell(clock.label)} | ${cell(clock.recipient)} | ${starts(clock)} | ${runs(clock)} | \`${clock.stops.event}\`${clock.waivedBy ? `; waived by \`${clock.waivedBy.event}\`` : ''}${appliesWhen(clock)} | [${cell(clock.source.law)}](${clock.source.url}) |`);
    }
    out.push('');
  }
  if (playbook.duties.length > 0) {
    out.push('### Duties to each organisation of the register', '', '| duty | label | per product | after | clock |', '|---|---|---|---|---|');
    for (const duty of playbook.duties) {
      const clock = duty.clock ? `${runs(duty.clock)}, from ${duty.clock.starts.on}` : '—';
      out.push(`| \`${duty.id}\` | ${cell(duty.label)} | ${duty.perProduct ? 'yes' : 'no'} | ${(duty.after ?? []).map((id) => `\`${id}\``).join(', ') || '—'} | ${clock} |`);
    }
    out.push('');
  }
  return out;
}

/** Each decision and the steps that offer it, in the machine's order. */
function offeredIn(playbook: LoadedPlaybook): Map<string, Set<string>> {
  const offered = new Map<string, Set<string>>();
  const visit = (node: AnyStateNode) => {
    for (const [event, transitions] of node.transitions) {
      if (event.startsWith('xstate.') || transitions.length === 0) continue;
      const steps = offered.get(event) ?? new Set<string>();
      steps.add(pathOf(node));
      offered.set(event, steps);
    }
  };
  for (const node of allStateNodes(playbook.machine)) if (playbook.steps.has(pathOf(node))) visit(node);
  return offered;
}

/** "; runs when nation is scotland": where a clock runs under some settings only. */
function appliesWhen(clock: Clock): string {
  const when = Object.entries(clock.appliesWhen ?? {}).map(([setting, choices]) => `\`${setting}\` is ${choices.map((c) => `\`${c}\``).join(' or ')}`);
  return when.length > 0 ? `; runs when ${when.join(' and ')}` : '';
}

function starts(clock: Clock): string {
  if (clock.starts.on === 'awareness') return 'awareness';
  if (clock.starts.on === 'moment') return cell(clock.starts.label);
  return `\`${clock.starts.fact}\` is ${clock.starts.values.map((value) => JSON.stringify(value)).join(' or ')}`;
}

function runs(clock: Pick<Clock, 'runs'>): string {
  return 'hours' in clock.runs ? `${clock.runs.hours} h` : `without undue delay (irp's target ${clock.runs.targetHours} h)`;
}

/** What a field takes, in words: text, a number, yes/no, one of …, a list of …, a date and time. */
function kindOf(schema: unknown): string {
  const def = (schema as { _zod?: { def?: { type?: string; innerType?: unknown; entries?: Record<string, unknown>; element?: unknown; format?: string } } })._zod?.def;
  switch (def?.type) {
    case 'optional':
    case 'default':
    case 'nullable':
      return `${kindOf(def.innerType)}, optional`;
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'array':
      return `a list of ${kindOf(def.element)}`;
    case 'number':
      return 'a number';
    case 'boolean':
      return `yes/no${fieldMeta(schema as never).confirm === 'type' ? ', typed in full' : ''}`;
    case 'string':
      return def.format === 'datetime' ? 'a date and time' : 'text';
    default:
      return def?.type ?? 'a value';
  }
}

/** Text for a table cell: no line breaks, no pipes. */
function cell(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}
