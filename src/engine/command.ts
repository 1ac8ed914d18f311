import type { Actor } from '../record/recordedEvent.ts';
import type { NewEvent } from '../record/recordedEvent.ts';
import { decideAssignment, decideDecision, decideExerciseClock, decideHandover, decideInject, decideNote, decideRoleHolder, decideTicks, type Attribution, type DecisionInput, type Review } from './decide.ts';
import { decideAwareness } from './decideAwareness.ts';
import { decideCorrection } from './decideCorrection.ts';
import { decideReport } from './decideReport.ts';
import { decideSent, type SentCommand } from './decideSent.ts';
import type { IncidentFold } from './incidentFold.ts';
import { decideDuty, decideRegistration, type DutyCommand, type RegisterCommand } from './decideRegister.ts';
import { decideAcknowledgementIn, decideNoticeAcknowledged, decideNoticeIn, type Authenticity } from './notices.ts';
import type { AcknowledgementBody, NoticeBody } from '../record/notice.ts';
import type { IncidentView } from './incidentView.ts';

/**
 * Everything that can be asked of an incident, as data: every driver (the CLI, the runner, answers files,
 * exercises, what-if replay, the library) builds one of these, and one `decideCommand` turns it into events.
 * People named in a command are already resolved to a name and one of the playbook's roles.
 */
export type Command =
  | ({ kind: 'decide' } & DecisionInput)
  | { kind: 'tick'; items: readonly string[] }
  | { kind: 'note'; text: string; review?: Review | undefined }
  | { kind: 'assign'; step: string; to: Actor }
  | { kind: 'handover'; to: Actor; takeover?: string | undefined }
  | { kind: 'role'; role: string; name: string }
  | { kind: 'correct'; fact: string; value: unknown; reason: string }
  | { kind: 'aware'; moment: string; correction?: string | undefined }
  | { kind: 'report'; clock: string; followUp: boolean; reference?: string | undefined; lateReasons?: string | undefined }
  | SentCommand
  | { kind: 'inject'; inject: Parameters<typeof decideInject>[1]; at: Date }
  | { kind: 'exercise-clock'; action: 'advance' | 'pause' | 'resume'; to: Date }
  | RegisterCommand
  | DutyCommand
  | { kind: 'notice-in'; notice: NoticeBody; authenticity: Authenticity }
  | { kind: 'notice-acknowledged'; via: 'signed-file' | 'shared-store'; seq?: number | undefined }
  | { kind: 'acknowledgement-in'; acknowledgement: AcknowledgementBody; authenticity: Authenticity };

/** Turns a command into the events that record it, or refuses it (a UserError saying why). Pure. */
export function decideCommand(command: Command, fold: IncidentFold, view: IncidentView, by: Attribution): NewEvent[] {
  switch (command.kind) {
    case 'decide':
      return [decideDecision(fold, view, command, by)];
    case 'tick':
      return decideTicks(view, command.items, by);
    case 'note':
      return [decideNote(command.text, by, command.review, fold)];
    case 'assign':
      return [decideAssignment(view, command.step, command.to, by)];
    case 'handover':
      return [decideHandover(view, command.to, by, command.takeover)];
    case 'role':
      return [decideRoleHolder(fold, view, command.role, command.name, by)];
    case 'correct':
      return [decideCorrection(fold, view, command, by)];
    case 'aware':
      return [decideAwareness(fold, view, command.moment, { ...by, correction: command.correction })];
    case 'report':
      return [decideReport(fold, view, command, by)];
    case 'sent':
      return [decideSent(fold, view, command, by)];
    case 'inject':
      return [decideInject(view, command.inject, command.at)];
    case 'exercise-clock':
      return [decideExerciseClock(view, command.action, command.to)];
    case 'register':
      return decideRegistration(fold, view, command, by);
    case 'duty':
      return decideDuty(fold, view, command, by);
    case 'notice-in':
      return decideNoticeIn(fold, view, command.notice, command.authenticity, by);
    case 'notice-acknowledged':
      return decideNoticeAcknowledged(fold, view, command.via, by, command.seq);
    case 'acknowledgement-in':
      return decideAcknowledgementIn(fold, view, command.acknowledgement, command.authenticity, by);
  }
}
