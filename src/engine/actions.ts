import type { Actor } from '../record/recordedEvent.ts';
import type { ActionRecord } from './incidentView.ts';

type Note = { kind: 'note'; data: { text: string; about?: string | undefined; owner?: string | undefined; due?: string | undefined; closes?: number | undefined }; occurredAt: string; actor: Actor; seq?: number };

/** Keeps the actions raised in an incident, and what closed each, as notes are recorded (mutating the map). */
export function applyToActions(actions: Map<number, ActionRecord>, event: Note): void {
  const seq = event.seq ?? 0;
  if (event.data.about === 'action') {
    actions.set(seq, { seq, text: event.data.text, owner: event.data.owner, due: event.data.due, at: event.occurredAt, by: event.actor });
  } else if (event.data.about === 'closure' && event.data.closes !== undefined) {
    const action = actions.get(event.data.closes);
    if (action) actions.set(action.seq, { ...action, closed: { seq, at: event.occurredAt, by: event.actor.name, text: event.data.text } });
  }
}
