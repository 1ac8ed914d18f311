import type { Clock } from '../clocks/clockSpec.ts';
import type { ClockState } from '../clocks/clockStatus.ts';
import type { LoadedPlaybook } from '../playbook/loadedPlaybook.ts';
import { paperCodes } from '../playbook/paperCodes.ts';
import { payloadShape } from '../playbook/payloadShape.ts';
import { playbookWords, rationaleQuestion } from '../playbook/playbookWords.ts';
import { formatLondon } from '../time/london.ts';
import type { ReportBlock, ReportDocument, ReportSection } from './reportDocument.ts';

/** Empty rows of the paper log sheet: a first hour's entries, with room to spare. */
const LOG_ROWS = 24;

/** The incident the cards are printed for: its clocks' deadlines are written out. */
export interface CardsIncident {
  id: string;
  title: string;
  awareAt: string;
  clocks: readonly ClockState[];
}

/**
 * Action cards for when every laptop is down: a card a role, each of its steps with the instructions, the checklist
 * and the decisions, each with its short code and room to write the time and the name; a card of the clocks with
 * their deadlines (written out, for an incident); and a log sheet to type up afterwards with `irp enter`. A page
 * each, A4.
 */
export function actionCardsDocument(playbook: LoadedPlaybook, incident?: CardsIncident): ReportDocument {
  const words = playbookWords(playbook);
  const { steps } = paperCodes(playbook);
  const enter = `irp enter ${incident?.id ?? '<incident>'} <file>`;
  const sections: ReportSection[] = [];
  sections.push({ heading: 'Clocks: who must be told, by when', blocks: [clocksTable(playbook.clocks, incident), { kind: 'paragraph', text: 'Times are London time (BST in summer, GMT in winter). A notice sent late needs the reasons for the delay written down (UK GDPR Art. 33(1)).', muted: true }] });
  for (const [role, name] of Object.entries(playbook.roles)) {
    const mine = steps.filter((step) => step.step.role === role);
    if (mine.length === 0) continue;
    const blocks: ReportBlock[] = [{ kind: 'paragraph', text: `For the ${name}. Write the time (24-hour) and your name beside each code as it is done; the loggist types the log up afterwards (${enter}).`, muted: true }];
    for (const step of mine) {
      blocks.push({ kind: 'subheading', text: `${step.code} ${step.step.title}` }, { kind: 'paragraph', text: step.step.instructions });
      const rows = [
        ...step.items.map((item) => [item.code, `☐ ${item.text}${item.required ? '' : ' (optional)'}`, '', '']),
        ...step.decisions.map((decision) => {
          const fields = Object.keys(payloadShape(playbook.events[decision.event]?.payload) ?? {}).map((field) => words.field(decision.event, field));
          const asked = playbook.events[decision.event]?.rationale;
          const extra = [...(fields.length > 0 ? [`write down: ${fields.join('; ')}`] : []), ...(asked ? [`and why: ${rationaleQuestion(asked)}`] : [])];
          return [decision.code, `Decision: ${words.decision(decision.event)}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`, '', ''];
        }),
      ];
      blocks.push({ kind: 'table', columns: ['code', 'what', 'time', 'name'], rows, widths: [1, 7, 1.6, 2.4], writeIn: true });
    }
    sections.push({ heading: `Action card: ${name}`, blocks });
  }
  sections.push({
    heading: 'Paper log',
    blocks: [
      { kind: 'paragraph', text: `One line an entry: the code from a card, the time it happened, who, and for a decision its data and why. Typed up afterwards as CSV or YAML (code, at, name, role, data, rationale, lateReasons, note) and entered with ${enter}: all of it is checked first, and nothing is recorded unless all of it can be.` },
      { kind: 'table', columns: ['code', 'time', 'name', 'data, rationale, reasons'], rows: Array.from({ length: LOG_ROWS }, () => ['', '', '', '']), widths: [1, 1.4, 2.6, 7], writeIn: true },
    ],
  });
  const about = incident
    ? [`Incident ${incident.id}: ${incident.title}`, `Aware: ${formatLondon(new Date(incident.awareAt))}`, `Playbook: ${playbook.id} ${playbook.version}`]
    : [`Playbook: ${playbook.id} ${playbook.version}: ${playbook.title}`, 'Print these before you need them, and keep them with the business continuity plan.'];
  return {
    title: `Action cards: ${incident ? incident.title : playbook.title}`,
    exercise: false,
    footer: `${playbook.id} ${playbook.version}${incident ? ` · ${incident.id}` : ''} · codes S (steps and their items) and D (decisions) are this version's`,
    sectionPerPage: true,
    about,
    sections,
  };
}

function clocksTable(clocks: readonly Clock[], incident: CardsIncident | undefined): ReportBlock {
  const rows = clocks.map((clock) => {
    const state = incident?.clocks.find((s) => s.clock.id === clock.id);
    const hours = 'hours' in clock.runs ? `${clock.runs.hours} h` : `without undue delay (target ${clock.runs.targetHours} h)`;
    const starts = clock.starts.on === 'awareness' ? 'awareness' : clock.starts.on === 'moment' ? clock.starts.label : `when ${clock.starts.fact} is ${clock.starts.values.join(' or ')}`;
    const deadline = state && 'dueAt' in state && state.dueAt ? formatLondon(new Date(state.dueAt)) : state ? statusWords(state) : '';
    return [clock.label, clock.recipient, `${hours} from ${starts}`, deadline, clock.source.law];
  });
  return { kind: 'table', columns: ['clock', 'tell', 'within', 'deadline', 'law'], rows, widths: [3, 3, 2.4, 2.4, 2.4], writeIn: true };
}

function statusWords(state: ClockState): string {
  return state.status === 'not-started' ? 'not started yet' : state.status === 'waived' ? 'not required' : state.status;
}
