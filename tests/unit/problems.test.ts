// Problems are data; their words come from one place. Every code has words, none of them names a command-line
// flag (that is the CLI's hint), and code decides by code, not by words.
import { describe, expect, it } from 'vitest';
import { invalidInput, isProblem, UserError, type Problem, type ProblemCode } from '../../src/errors.ts';
import { cliHint } from '../../src/cli/cliHints.ts';
import { problemText } from '../../src/problems/problemText.ts';

const at = '2022-08-04T06:00:00.000Z';
const later = '2022-08-04T09:00:00.000Z';

/** One problem of every code (the type makes the table complete: a new code without a sample does not compile). */
const samples: { [C in ProblemCode]: Extract<Problem, { code: C }> } = {
  'no-incident': { code: 'no-incident', incident: 'inc-1', folder: 'state/incidents/' },
  'bad-incident-id': { code: 'bad-incident-id', incident: '../x' },
  'incident-exists': { code: 'incident-exists', incident: 'inc-1', where: 'state/incidents' },
  'not-opened': { code: 'not-opened', where: 'state/incidents/inc-1.jsonl' },
  conflict: { code: 'conflict', where: 'state/incidents/inc-1.jsonl', seq: 7 },
  'damaged-record': { code: 'damaged-record', where: 'state/incidents/inc-1.jsonl', line: 3, seq: 3, reason: 'its content does not match its hash' },
  storage: { code: 'storage', path: 'state/incidents/inc-1.jsonl', action: 'write to', errno: 'ENOSPC' },
  'lock-timeout': { code: 'lock-timeout', lock: 'state/incidents/inc-1.jsonl.lock', seconds: 5 },
  'unusable-seal-key': { code: 'unusable-seal-key', reason: 'not a private key' },
  'clock-behind-record': { code: 'clock-behind-record', incident: 'inc-1', now: at, lastRecordedAt: later, seq: 4, by: 'Sam Patel' },
  'already-reapplied': { code: 'already-reapplied', incident: 'inc-1', offlineSeq: 14, seq: 31, by: 'Sam Patel' },
  'no-offline-entry': { code: 'no-offline-entry', incident: 'inc-1', seq: 9, pending: [14, 15] },
  'not-reapplicable': { code: 'not-reapplicable', kind: 'notice.received', how: 'take the notice in again with its file.' },
  'no-title': { code: 'no-title' },
  'aware-after-now': { code: 'aware-after-now', awareAt: later, now: at },
  'no-playbook': { code: 'no-playbook', playbook: 'nope', folder: 'playbooks', known: ['supplier-ransomware'] },
  'playbooks-unreadable': { code: 'playbooks-unreadable', folder: '/nowhere' },
  'no-scenario-run': { code: 'no-scenario-run', incident: 'inc-1' },
  'different-scenarios': { code: 'different-scenarios', a: { incident: 'ex-1', scenario: 's1' }, b: { incident: 'ex-2', scenario: 's2' } },
  'register-unwritable': { code: 'register-unwritable', file: 'state/assurance.json' },
  'no-scenario': { code: 'no-scenario', wanted: 'x', folder: 'playbooks', known: [] },
  'no-scenario-file': { code: 'no-scenario-file', path: '/tmp/x.yaml' },
  'invalid-scenario': { code: 'invalid-scenario', file: 'x.yaml', problems: ['line 3: id: is required'] },
  'bad-time-zone': { code: 'bad-time-zone', file: 'x.yaml', line: 4, timeZone: 'Mars/Olympus' },
  'bad-scenario-start': { code: 'bad-scenario-start', file: 'x.yaml', line: 3, start: 'Thursday' },
  'scenario-not-for-playbook': { code: 'scenario-not-for-playbook', file: 'x.yaml', mismatches: ['"a" expects decision X'], playbook: 'p', version: '1.0.0' },
  'scenario-version': { code: 'scenario-version', file: 's.yaml', playbook: 'p', range: '^2.0.0', version: '1.0.0' },
  'reveals-unknown-facts': { code: 'reveals-unknown-facts', file: 's.yaml', inject: 'Data taken', unknown: ['colour'], playbook: 'p', facts: ['personalDataInvolved'] },
  'invalid-answers': { code: 'invalid-answers', where: 'a.yaml line 4', entry: true, problems: ['decide: is required'] },
  'no-such-report': { code: 'no-such-report', wanted: 'csoc', reports: [{ id: 'ico-art33', recipient: 'ICO' }] },
  'ambiguous-report': { code: 'ambiguous-report', wanted: 'nis', matches: ['nis-reg11-england', 'nis-reg12-9-england'] },
  'cacao-not-importable': { code: 'cacao-not-importable', file: 'c.json', problems: ['no workflow'] },
  'no-follow-up-yet': { code: 'no-follow-up-yet', recipient: 'ICO' },
  'store-diverged': { code: 'store-diverged', here: 'a', there: 'b' },
  'no-schema': { code: 'no-schema', where: 'postgres://db' },
  'schema-too-new': { code: 'schema-too-new', where: 'postgres://db', version: 9, known: 3, migrating: false },
  'schema-too-old': { code: 'schema-too-old', where: 'postgres://db', version: 2, needs: 3 },
  'database-timeout': { code: 'database-timeout', where: 'postgres://db' },
  'database-refused': { code: 'database-refused', where: 'postgres://db', message: 'permission denied', permission: true },
  'database-unusable': { code: 'database-unusable', where: 'postgres://db', message: 'connection refused', sqlState: '08006' },
  'administration-refused': { code: 'administration-refused', where: 'postgres://db', message: 'role exists', meaning: 'That login exists already.' },
  'bad-store-url': { code: 'bad-store-url', url: 'mysql://x' },
  'bad-login': { code: 'bad-login', login: '1x' },
  'bad-organisation-id': { code: 'bad-organisation-id', id: 'Trust B', as: 'member' },
  'bad-name': { code: 'bad-name', of: 'person' },
  'member-without-organisation': { code: 'member-without-organisation' },
  'unreadable-file': { code: 'unreadable-file', file: 'register.csv', what: 'register', reason: 'ENOENT' },
  'file-too-large': { code: 'file-too-large', file: 'big.yaml', what: 'scenario', kib: 1024 },
  'not-yaml': { code: 'not-yaml', file: 'x.yaml', line: 2, reason: 'Unexpected flow-map end' },
  'yaml-aliases': { code: 'yaml-aliases', file: 'x.yaml', what: 'scenario', reason: 'Excessive alias count' },
  'unclosed-quote': { code: 'unclosed-quote', file: 'r.csv', line: 4 },
  'too-many-cells': { code: 'too-many-cells', file: 'r.csv', line: 5, cells: 10, columns: 9 },
  'bad-columns': { code: 'bad-columns', file: 'r.csv', line: 1, unknown: ['colour'], columns: ['id', 'name'], what: 'register' },
  'empty-file': { code: 'empty-file', file: 'r.csv', what: 'register' },
  'not-a-list': { code: 'not-a-list', file: 'log.yaml', what: 'paper-log' },
  'unknown-keys': { code: 'unknown-keys', file: 'log.yaml', keys: ['colour'] },
  'reason-not-text': { code: 'reason-not-text', file: 'log.yaml' },
  'invalid-entry': { code: 'invalid-entry', file: 'log.csv', line: 3, path: 'at', reason: 'is required' },
  'data-not-fields': { code: 'data-not-fields', where: 'log.csv line 3' },
  'not-a-zip': { code: 'not-a-zip', file: 'pack.zip', reason: 'bad header' },
  'zip-too-big': { code: 'zip-too-big', file: 'pack.zip', mib: 512, members: 10000 },
  'bad-settings': { code: 'bad-settings', playbook: 'provider-supplier-outage', problems: [{ code: 'unknown-choice', setting: 'nation', choice: 'mars', known: ['england', 'scotland'] }] },
  'playbook-unusable': { code: 'playbook-unusable', file: 'playbooks/spin.ts', why: { kind: 'call-budget', name: 'guard "open"', seconds: 2, memoryMb: 96 } },
  'no-actor': { code: 'no-actor' },
  'unknown-role': { code: 'unknown-role', role: 'janitor', playbook: 'p', roles: ['incident-commander', 'dpo'] },
  finished: { code: 'finished', incident: 'inc-1' },
  'answers-entry-refused': { code: 'answers-entry-refused', file: 'answers.yaml', line: 3, refused: { code: 'no-incident', incident: 'inc-1', folder: 'state/incidents/' } },
  'not-offered': { code: 'not-offered', incident: 'inc-1', event: 'CLOSE', playbook: 'p', known: true, offered: ['DECLARE'] },
  blocked: { code: 'blocked', event: 'RESTORE', label: 'Restore', blockers: [{ kind: 'open-items', step: 'recover.restore', title: 'Restore', items: ['backups-checked'] }] },
  'unknown-data': { code: 'unknown-data', event: 'SCOPE_ASSESSED', label: 'Scope assessed', keys: ['boardMeting'], fields: ['boardMeeting'] },
  'bad-due-date': { code: 'bad-due-date', due: '2022-02-30', why: 'there is no such day as 2022-02-30' },
  'invalid-payload': { code: 'invalid-payload', event: 'SCOPE_ASSESSED', issues: ['estateAffectedPercent: expected number'] },
  'takes-no-data': { code: 'takes-no-data', event: 'DECLARE' },
  'refused-by-condition': { code: 'refused-by-condition', event: 'RESTORE' },
  'late-without-reason': { code: 'late-without-reason', event: 'ICO_NOTIFIED', clock: 'ico-art33', clockLabel: 'ICO', law: 'UK GDPR Art. 33(1)', dueAt: at },
  'sent-needs': { code: 'sent-needs', what: 'via' },
  'nations-served': { code: 'nations-served', event: 'DEVOLVED_NOTIFIED', label: 'Devolved governments notified', untold: ['Wales'], none: false },
  'entry-refused': { code: 'entry-refused', where: 'paper.csv line 3', problem: { code: 'no-items' } },
  'not-late': { code: 'not-late', event: 'ICO_NOTIFIED', label: 'ICO told' },
  'rationale-needed': { code: 'rationale-needed', event: 'SHUT_DOWN_ALL', label: 'Shut down', question: 'Why?' },
  'no-items': { code: 'no-items' },
  'unknown-item': { code: 'unknown-item', reference: 'x', open: ['a', 'b'] },
  'ambiguous-item': { code: 'ambiguous-item', reference: 'x', candidates: ['a:x', 'b:x'] },
  'already-ticked': { code: 'already-ticked', item: 'x', step: 'Declare', by: 'Sam', seq: 2 },
  'empty-note': { code: 'empty-note' },
  'not-active-step': { code: 'not-active-step', incident: 'inc-1', step: 'recover', active: ['declare'] },
  'no-name': { code: 'no-name', for: 'assignee' },
  'already-in-command': { code: 'already-in-command', incident: 'inc-1', name: 'Sam' },
  'already-holds-role': { code: 'already-holds-role', name: 'Dee', role: 'Data Protection Officer' },
  'not-an-exercise': { code: 'not-an-exercise', incident: 'inc-1', what: 'inject' },
  'unknown-fact': { code: 'unknown-fact', fact: 'colour', playbook: 'p', facts: ['personalDataInvolved'] },
  'fact-not-recorded': { code: 'fact-not-recorded', fact: 'personalDataInvolved', incident: 'inc-1' },
  'invalid-fact-value': { code: 'invalid-fact-value', fact: 'personalDataInvolved', issues: ['expected one of yes, no'] },
  'fact-unchanged': { code: 'fact-unchanged', fact: 'personalDataInvolved', value: 'yes' },
  'no-reason': { code: 'no-reason', fact: 'personalDataInvolved' },
  'unknown-moment': { code: 'unknown-moment', moment: 'x', playbook: 'p', moments: ['personal-data-breach (Aware of a personal data breach)'] },
  'moment-recorded': { code: 'moment-recorded', label: 'Aware of a personal data breach', at, by: 'Sam', seq: 5 },
  'moment-not-recorded': { code: 'moment-not-recorded', label: 'Aware of a personal data breach' },
  'unknown-clock': { code: 'unknown-clock', clock: 'interpol', incident: 'inc-1', clocks: ['ico-art33'] },
  'nothing-to-follow-up': { code: 'nothing-to-follow-up', recipient: 'the ICO', state: 'running' },
  'follow-up-before-report': { code: 'follow-up-before-report', at, seq: 9 },
  'already-reported': { code: 'already-reported', recipient: 'the ICO', at, seq: 9 },
  'no-report-due': { code: 'no-report-due', clockLabel: 'ICO', state: 'waived as not required' },
  'report-is-a-decision': { code: 'report-is-a-decision', event: 'ICO_NOTIFIED', label: 'ICO notified' },
  'dated-in-future': { code: 'dated-in-future', what: 'The note', at: later, recordedAt: at },
  'dated-before-awareness': { code: 'dated-before-awareness', what: 'The note', at, incident: 'inc-1', awareAt: later },
  'dated-before-step': { code: 'dated-before-step', what: 'NEXT', at, step: 'Work B', enteredAt: later, cause: ', when "NEXT" was recorded (event #4)' },
  'dated-before-tick': { code: 'dated-before-tick', what: 'NEXT', at, item: 'x', step: 'Work A', tickedAt: later, seq: 3 },
  'dated-before-fact': { code: 'dated-before-fact', what: 'The correction of x', at, fact: 'x', setAt: later },
  'late-entry-without-reason': { code: 'late-entry-without-reason', what: 'The note', at, recordedAt: later, delayMs: 3 * 3_600_000, marginMs: 900_000 },
  'entry-too-large': { code: 'entry-too-large', bytes: 200_000, maxBytes: 131_072 },
  'text-not-unicode': { code: 'text-not-unicode', what: 'the note' },
  'text-too-long': { code: 'text-too-long', what: 'the note', length: 30_000, max: 20_000 },
  'invalid-input': { code: 'invalid-input', input: 'answers.yaml line 3', kind: 'not-a-decision', message: 'answers.yaml line 3: not a decision of this playbook.' },
  'no-register': { code: 'no-register', playbook: 'p' },
  'invalid-organisation': { code: 'invalid-organisation', where: 'register.csv', issues: ['line 3 nation: must be one of England, Scotland, Wales, Northern Ireland'] },
  'register-unchanged': { code: 'register-unchanged', count: 3 },
  'unknown-organisation': { code: 'unknown-organisation', organisation: 'nhs-11', incident: 'inc-1', like: ['nhs111-a'] },
  'unknown-duty': { code: 'unknown-duty', duty: 'told', playbook: 'p', duties: ['availability-notice'] },
  'duty-not-owed': { code: 'duty-not-owed', duty: 'Told', organisation: 'The ICO', kinds: ['regulator'], appliesTo: ['controller'] },
  'duty-done': { code: 'duty-done', duty: 'Told', organisation: 'Trust A', at, by: 'Sam', seq: 9 },
  'duty-waiting': { code: 'duty-waiting', duty: 'Reconnected', organisation: 'Trust A', product: 'Adastra', waitingFor: ['Board approved'] },
  'nothing-owed': { code: 'nothing-owed', duty: 'Told' },
  'product-needed': { code: 'product-needed', duty: 'Reconnected', organisation: 'Trust A', products: ['Adastra', 'Odyssey'] },
  'unknown-product': { code: 'unknown-product', product: 'Carenotes', organisation: 'Trust A', products: ['Adastra'] },
  'invalid-duty-data': { code: 'invalid-duty-data', duty: 'Restore point told', issues: ['restorePoint: is required'] },
  'notice-refused': { code: 'notice-refused', file: 'n.json', why: 'bad-signature' },
  'nothing-to-acknowledge': { code: 'nothing-to-acknowledge', incident: 'inc-1' },
  'not-an-action': { code: 'not-an-action', seq: 4, incident: 'inc-1' },
  'action-closed': { code: 'action-closed', seq: 4, at, by: 'Sam' },
  'not-in-command': { code: 'not-in-command', incident: 'inc-1', commander: 'Ana', by: 'Ben' },
  'command-by-handover': { code: 'command-by-handover', role: 'Incident commander', commander: 'Ana' },
};

describe('problems', () => {
  it('have words for every code, in London time, naming no command-line flag', () => {
    for (const problem of Object.values(samples) as Problem[]) {
      const { message, details } = problemText(problem);
      expect(message.length, problem.code).toBeGreaterThan(10);
      expect(`${message} ${details.join(' ')}`, problem.code).not.toMatch(/--[a-z]/);
      expect(message, problem.code).not.toMatch(/\d{4}-\d\d-\d\dT/); // instants are put in words
    }
    expect(problemText(samples['late-entry-without-reason']).message).toBe(
      'The note is dated Thu 4 Aug 2022 07:00 BST, 3h 00m before it is being recorded (Thu 4 Aug 2022 10:00 BST). An entry made more than 15m after the fact needs a reason, which is kept in the record: say why it is entered late.',
    );
  });

  it('carry their data on the error, and the CLI adds its own hint by code', () => {
    const error = new UserError(samples['late-without-reason']);
    expect(isProblem(error, 'late-without-reason') && error.problem.dueAt).toBe(at);
    expect(isProblem(error, 'blocked')).toBe(false);
    expect(isProblem(new Error('late-without-reason'), 'late-without-reason')).toBe(false);
    expect(error.message).toContain('after the deadline of "ICO" (UK GDPR Art. 33(1))');
    expect(cliHint(error.problem)).toBe('Give the reasons for the delay with --late-reasons "...".');
    expect(new UserError(samples.blocked).details).toEqual(['"Restore" has required items not ticked: backups-checked']);
    expect(invalidInput('--port', 'not-a-port', '--port 70000: give a port number from 0 to 65535.').problem).toEqual({ code: 'invalid-input', input: '--port', kind: 'not-a-port', message: '--port 70000: give a port number from 0 to 65535.', details: [] });
  });
});
