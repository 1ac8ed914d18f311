/** Why a choice cannot be taken yet, as data: the runner, the status screen and JSON each say it their own way. */
export type Blocker =
  /** A guard of the playbook is not met; `explanation` is the playbook's own sentence for it. */
  | { kind: 'guard'; guard: string; explanation: string }
  /** Required checklist items of a step the choice would leave are not ticked. */
  | { kind: 'open-items'; step: string; title: string; items: string[] }
  /** The machine refuses it for a reason the playbook does not name. */
  | { kind: 'condition' };

/** A blocker as a sentence: `"Declare the incident" has required items not ticked: detection-source`. */
export function blockerText(blocker: Blocker): string {
  switch (blocker.kind) {
    case 'guard':
      return blocker.explanation;
    case 'open-items':
      return `"${blocker.title}" has required items not ticked: ${blocker.items.join(', ')}`;
    case 'condition':
      return 'a condition of the playbook is not met yet';
  }
}

export const sameBlocker = (a: Blocker, b: Blocker) => JSON.stringify(a) === JSON.stringify(b);
