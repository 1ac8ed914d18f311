import { formatLondon } from '../time/london.ts';
import { mdCell, mdText } from '../render/markdownText.ts';
import type { NotificationDraft } from '../notify/buildDraft.ts';
import { startLine } from './renderClocks.ts';

const gap = (what: string) => `[TO COMPLETE: ${what}]`;

/** The draft as Markdown, ready to paste into a form or an email. */
export function draftMarkdown(draft: NotificationDraft): string {
  const { clock } = draft;
  const lines = [
    `# ${draft.exercise ? 'EXERCISE — ' : ''}${draft.followUp ? 'Follow-up report' : 'Notification'} to ${clock.recipient}`,
    '',
    `${clock.label} — ${clock.law} (${clock.url})${clock.dueAt ? `. Due ${formatLondon(new Date(clock.dueAt))}.` : ''}`,
    ...(startOf(draft) ? ['', `The clock ${mdText(startOf(draft) as string)}.`] : []),
    '',
    '**DRAFT: check every line before sending.**',
    '',
    `Made from the record of ${draft.incident} up to event ${draft.head.count} (head ${draft.head.hash.slice(0, 16)}).`,
  ];
  for (const field of draft.fields) {
    // Values come from the record: escaped, so that a note cannot add a heading, a link or HTML to the draft.
    lines.push('', `## ${mdCell(field.label)}`, '');
    const values = field.value === undefined ? [] : Array.isArray(field.value) ? field.value : [field.value];
    if (values.length > 1) lines.push(...values.map((value) => `- ${mdCell(value)}`));
    else if (values.length === 1) lines.push(mdText(values[0] as string));
    if (field.missing && (values.length === 0 || field.label === 'Contact' || field.label === 'What happened')) lines.push(gap(field.missing));
  }
  return `${lines.join('\n')}\n`;
}

/** The draft as plain text. */
export function draftText(draft: NotificationDraft): string {
  const { clock } = draft;
  const lines = [
    `${draft.exercise ? 'EXERCISE - ' : ''}${draft.followUp ? 'FOLLOW-UP REPORT' : 'NOTIFICATION'} TO ${clock.recipient.toUpperCase()}`,
    `${clock.label} - ${clock.law}${clock.dueAt ? ` - due ${formatLondon(new Date(clock.dueAt))}` : ''}`,
    ...(startOf(draft) ? [`The clock ${startOf(draft)}.`] : []),
    'DRAFT: check every line before sending.',
    `Made from the record of ${draft.incident} up to event ${draft.head.count} (head ${draft.head.hash.slice(0, 16)}).`,
  ];
  for (const field of draft.fields) {
    const values = field.value === undefined ? [] : Array.isArray(field.value) ? field.value : [field.value];
    lines.push('', `${field.label}:`);
    for (const value of values) lines.push(`  ${value}`);
    if (field.missing && (values.length === 0 || field.label === 'Contact' || field.label === 'What happened')) lines.push(`  ${gap(field.missing)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** "runs from …": when and how the draft's clock started. */
function startOf(draft: NotificationDraft): string | undefined {
  return startLine({ clock: { starts: draft.clock.starts }, start: draft.clock.start });
}
