/**
 * Everything irp can refuse or fail on that a person can act on, as data: a `code` and the fields that say what
 * was involved. Code that decides what to do about a problem looks at its code and fields, never at its words;
 * `problemText.ts` is the one place where a problem becomes sentences, and each driver (the CLI, the runner, an
 * answers file) adds its own hint on how to do it right there (a flag, a key, a line).
 *
 * Times are ISO 8601 instants; the words put them in London time.
 */
/** A choice of a setting that the playbook does not have: the setting, or the choice. */
export type SettingProblem =
  | { code: 'unknown-setting'; setting: string; known: string[] }
  | { code: 'unknown-choice'; setting: string; choice: string; known: string[] };

/**
 * One thing wrong with a playbook, as `irp lint` lists it: where in the playbook (`states.a.b on.GO`, `clocks[2]`,
 * `machine`; empty for the whole file), the rule it breaks (`unreachable-state`, `schema`), what is wrong, and how
 * to put it right where irp can say.
 */
export interface PlaybookFinding {
  path: string;
  rule: string;
  message: string;
  fix?: string | undefined;
}

/** Why a playbook's code cannot be used: what the compiler or its sandbox found. */
export type PlaybookUnusable =
  | { kind: 'does-not-compile'; problems: string[] }
  | { kind: 'reaches-outside'; problems: string[] }
  /** What the playbook describes is not a playbook irp can build. */
  | { kind: 'not-a-playbook'; findings: PlaybookFinding[] }
  /** It builds, but fails irp's checks (`irp lint` lists them). */
  | { kind: 'invalid'; findings: PlaybookFinding[] }
  | { kind: 'load-budget'; seconds: number; memoryMb: number }
  | { kind: 'load-failed'; error: string }
  | { kind: 'changed-on-reload' }
  | { kind: 'call-budget'; name: string; seconds: number; memoryMb: number }
  | { kind: 'call-failed'; name: string; error: string };

export type Problem =
  // The incident and its record.
  | { code: 'no-incident'; incident: string; folder: string }
  | { code: 'bad-incident-id'; incident: string }
  | { code: 'incident-exists'; incident: string; where: string }
  | { code: 'not-opened'; where: string }
  | { code: 'conflict'; where: string; seq: number }
  | { code: 'damaged-record'; where: string; line?: number | undefined; seq?: number | undefined; reason: string }
  | { code: 'storage'; path: string; action: string; errno: string }
  | { code: 'lock-timeout'; lock: string; seconds: number }
  | { code: 'unusable-seal-key'; reason: string }
  | { code: 'clock-behind-record'; incident: string; now: string; lastRecordedAt: string; seq: number; by: string }
  | { code: 'already-reapplied'; incident: string; offlineSeq: number; seq: number; by: string }
  | { code: 'no-offline-entry'; incident: string; seq: number; pending: number[] }
  | { code: 'not-reapplicable'; kind: string; how: string }
  // Opening an incident, and who is acting.
  | { code: 'no-title' }
  | { code: 'aware-after-now'; awareAt: string; now: string }
  | { code: 'bad-settings'; playbook: string; problems: SettingProblem[] }
  | { code: 'playbook-unusable'; file: string; why: PlaybookUnusable }
  | { code: 'no-playbook'; playbook: string; folder: string; known: string[] }
  | { code: 'playbooks-unreadable'; folder: string }
  // Exercises, scenarios and assurance.
  | { code: 'no-scenario-run'; incident: string }
  | { code: 'different-scenarios'; a: { incident: string; scenario: string }; b: { incident: string; scenario: string } }
  | { code: 'register-unwritable'; file: string }
  | { code: 'no-scenario'; wanted: string; folder: string; known: string[] }
  | { code: 'no-scenario-file'; path: string }
  | { code: 'invalid-scenario'; file: string; problems: string[] }
  | { code: 'bad-time-zone'; file: string; line: number; timeZone: string }
  | { code: 'bad-scenario-start'; file: string; line: number; start: string }
  | { code: 'scenario-not-for-playbook'; file: string; mismatches: string[]; playbook: string; version: string }
  | { code: 'cacao-not-importable'; file: string; problems: string[] }
  | { code: 'scenario-version'; file: string; playbook: string; range: string; version: string }
  | { code: 'reveals-unknown-facts'; file: string; inject: string; unknown: string[]; playbook: string; facts: string[] }
  | { code: 'invalid-answers'; where: string; entry: boolean; problems: string[] }
  | { code: 'no-such-report'; wanted: string; reports: Array<{ id: string; recipient: string }> }
  | { code: 'ambiguous-report'; wanted: string; matches: string[] }
  | { code: 'no-follow-up-yet'; recipient: string }
  // The shared store.
  | { code: 'store-diverged'; here: string; there: string }
  | { code: 'no-schema'; where: string }
  | { code: 'schema-too-new'; where: string; version: number; known: number; migrating: boolean }
  | { code: 'schema-too-old'; where: string; version: number; needs: number }
  | { code: 'database-timeout'; where: string }
  | { code: 'database-refused'; where: string; message: string; permission: boolean }
  | { code: 'database-unusable'; where: string; message: string; sqlState?: string | undefined }
  | { code: 'administration-refused'; where: string; message: string; meaning: string }
  | { code: 'bad-store-url'; url: string }
  | { code: 'bad-login'; login: string }
  | { code: 'bad-organisation-id'; id: string; as: 'organisation' | 'member' | 'shared-with' }
  | { code: 'bad-name'; of: 'organisation' | 'person' }
  | { code: 'member-without-organisation' }
  // Files read: their form, every problem named by its line.
  | { code: 'unreadable-file'; file: string; what?: string | undefined; reason: string }
  | { code: 'file-too-large'; file: string; what: string; kib: number }
  | { code: 'not-yaml'; file: string; line: number; reason: string }
  | { code: 'yaml-aliases'; file: string; what: string; reason: string }
  | { code: 'unclosed-quote'; file: string; line: number }
  | { code: 'too-many-cells'; file: string; line: number; cells: number; columns: number }
  | { code: 'bad-columns'; file: string; line: number; unknown: string[]; columns: readonly string[]; what: 'register' | 'paper-log' }
  | { code: 'empty-file'; file: string; what: 'register' | 'paper-log' }
  | { code: 'not-a-list'; file: string; what: 'register' | 'paper-log' }
  | { code: 'unknown-keys'; file: string; keys: string[] }
  | { code: 'reason-not-text'; file: string }
  | { code: 'invalid-entry'; file: string; line: number; path: string; reason: string }
  | { code: 'data-not-fields'; where: string }
  // Evidence packs.
  | { code: 'not-a-zip'; file: string; reason: string }
  | { code: 'zip-too-big'; file: string; mib: number; members: number }
  | { code: 'no-actor' }
  | { code: 'unknown-role'; role: string; playbook: string; roles: string[] }
  // Decisions.
  | { code: 'finished'; incident: string }
  | {
      code: 'not-offered';
      incident: string;
      event: string;
      /** The decision's label, where the playbook has it. */
      label?: string | undefined;
      playbook: string;
      known: boolean;
      /** The decisions that can be taken now (not those blocked), as `"label" (EVENT)`. */
      offered: string[];
      /** The last entry made by a person: who moved the incident on, when a decision is no longer offered. */
      last?: { seq: number; by: string; at: string } | undefined;
    }
  | { code: 'blocked'; event: string; label: string; blockers: Blocker[] }
  | { code: 'invalid-payload'; event: string; issues: string[] }
  | { code: 'takes-no-data'; event: string }
  | { code: 'unknown-data'; event: string; label: string; keys: string[]; fields: string[] }
  | { code: 'refused-by-condition'; event: string; explanation?: string | undefined }
  | { code: 'late-without-reason'; event: string; clock: string; clockLabel: string; law: string; dueAt: string }
  | { code: 'not-late'; event: string; label: string }
  /** One entry of a file recorded all or nothing (a paper log) refused: where it is, and its own problem. */
  | { code: 'entry-refused'; where: string; problem: Problem }
  | { code: 'nations-served'; event: string; label: string; untold: string[]; none: boolean }
  | { code: 'sent-needs'; what: 'to' | 'via' | 'text' }
  | { code: 'rationale-needed'; event: string; label: string; question: string }
  // Checklists, notes, assignments, command and roles.
  | { code: 'no-items' }
  | { code: 'unknown-item'; reference: string; open: string[] }
  | { code: 'ambiguous-item'; reference: string; candidates: string[] }
  | { code: 'already-ticked'; item: string; step: string; by: string; seq: number }
  | { code: 'empty-note' }
  | { code: 'not-an-action'; seq: number; incident: string }
  | { code: 'action-closed'; seq: number; at: string; by: string }
  | { code: 'bad-due-date'; due: string; why: string }
  | { code: 'not-active-step'; incident: string; step: string; active: string[] }
  | { code: 'no-name'; for: 'assignee' | 'commander' | 'role-holder' }
  | { code: 'already-in-command'; incident: string; name: string }
  | { code: 'not-in-command'; incident: string; commander: string; by: string }
  | { code: 'command-by-handover'; role: string; commander: string }
  | { code: 'already-holds-role'; name: string; role: string }
  | { code: 'not-an-exercise'; incident: string; what: 'inject' | 'clock' }
  // Facts, moments of awareness and reports.
  | { code: 'unknown-fact'; fact: string; playbook: string; facts: string[] }
  | { code: 'fact-not-recorded'; fact: string; incident: string }
  | { code: 'invalid-fact-value'; fact: string; issues: string[] }
  | { code: 'fact-unchanged'; fact: string; value: unknown }
  | { code: 'no-reason'; fact: string }
  | { code: 'unknown-moment'; moment: string; playbook: string; moments: string[] }
  | { code: 'moment-recorded'; label: string; at: string; by: string; seq: number }
  | { code: 'moment-not-recorded'; label: string }
  | { code: 'unknown-clock'; clock: string; incident: string; clocks: string[] }
  | { code: 'nothing-to-follow-up'; recipient: string; state: string }
  | { code: 'follow-up-before-report'; at: string; seq: number }
  | { code: 'already-reported'; recipient: string; at: string; seq: number }
  | { code: 'no-report-due'; clockLabel: string; state: string }
  | { code: 'report-is-a-decision'; event: string; label: string }
  // The register of organisations, the duties owed to each, and notices between linked incidents.
  | { code: 'no-register'; playbook: string }
  | { code: 'invalid-organisation'; where: string; issues: string[] }
  | { code: 'register-unchanged'; count: number }
  | { code: 'unknown-organisation'; organisation: string; incident: string; like: string[] }
  | { code: 'unknown-duty'; duty: string; playbook: string; duties: string[] }
  | { code: 'duty-not-owed'; duty: string; organisation: string; kinds: string[]; appliesTo: string[] }
  | { code: 'duty-done'; duty: string; organisation: string; product?: string | undefined; at: string; by: string; seq: number }
  | { code: 'duty-waiting'; duty: string; organisation: string; product?: string | undefined; waitingFor: string[] }
  | { code: 'nothing-owed'; duty: string; product?: string | undefined }
  | { code: 'product-needed'; duty: string; organisation: string; products: string[] }
  | { code: 'unknown-product'; product: string; organisation: string; products: string[] }
  | { code: 'invalid-duty-data'; duty: string; issues: string[] }
  | {
      code: 'notice-refused';
      file: string;
      why: 'not-a-notice' | 'bad-signature' | 'untrusted' | 'no-trust' | 'other-incident' | 'other-organisation' | 'replayed' | 'not-sent' | 'not-linked' | 'not-in-register';
      /** What it names that does not match, or the fingerprint that is not trusted. */
      detail?: string | undefined;
    }
  | { code: 'nothing-to-acknowledge'; incident: string }
  // When an entry says it happened.
  | { code: 'dated-in-future'; what: string; at: string; recordedAt: string }
  | { code: 'dated-before-awareness'; what: string; at: string; incident: string; awareAt: string }
  | { code: 'dated-before-step'; what: string; at: string; step: string; enteredAt: string; cause: string }
  | { code: 'dated-before-tick'; what: string; at: string; item: string; step: string; tickedAt: string; seq: number }
  | { code: 'dated-before-fact'; what: string; at: string; fact: string; setAt: string }
  | { code: 'late-entry-without-reason'; what: string; at: string; recordedAt: string; delayMs: number; marginMs: number }
  // What an entry may hold.
  | { code: 'entry-too-large'; bytes: number; maxBytes: number }
  | { code: 'text-not-unicode'; what: string }
  | { code: 'text-too-long'; what: string; length: number; max: number }
  // An answers file's entry that irp refused: the refusal, with where it is in the file.
  | { code: 'answers-entry-refused'; file: string; line: number; refused: Problem }
  // What was typed or read at the edge (an argument, an option, a prompt's answer, a file): the edge words it.
  // `input` names what was wrong (`--port`, `--at`, a file's path and line), `kind` how (`not-a-port`), for code
  // and tests that tell them apart without reading the words.
  | { code: 'invalid-input'; input: string; kind: string; message: string; details?: readonly string[] | undefined };

/** Why a choice cannot be taken yet, as data: the runner, the status screen and JSON each say it their own way. */
export type Blocker =
  /** A guard of the playbook is not met; `explanation` is the playbook's own sentence for it. */
  | { kind: 'guard'; guard: string; explanation: string }
  /** Required checklist items of a step the choice would leave are not ticked. */
  | { kind: 'open-items'; step: string; title: string; items: string[]; /** The items' words, as people read them. */ texts?: string[] | undefined }
  /** The machine refuses it for a reason the playbook does not name. */
  | { kind: 'condition' }
  /**
   * It speaks for every organisation of the register, and the duty it speaks for is still owed to some (`owed`
   * of them; the first few named, with the product where the duty is owed per product), or the register holds
   * none it is owed to.
   */
  | { kind: 'organisations'; duty: string; label: string; owed: number; names: string[] };

export type ProblemCode = Problem['code'];

/** The problem with a given code, for code that handles one kind. */
export type ProblemOf<C extends ProblemCode> = Extract<Problem, { code: C }>;
