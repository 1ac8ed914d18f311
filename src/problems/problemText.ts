import { formatSpan } from '../time/duration.ts';
import { formatLondon } from '../time/london.ts';
import type { Blocker, PlaybookFinding, PlaybookUnusable, Problem, SettingProblem } from './problem.ts';

/** A setting or a choice a playbook does not have: `"jersey" is not a choice of nation (england, …)`. */
export function settingProblemText(problem: SettingProblem): string {
  return problem.code === 'unknown-setting'
    ? `"${problem.setting}" is not one of its settings (${list(problem.known)})`
    : `"${problem.choice}" is not a choice of ${problem.setting} (${list(problem.known)})`;
}

/** A playbook's finding on one line: `states.a on.GO: guard "clean" is named but not implemented. To fix: …`. */
export function findingText(finding: PlaybookFinding): string {
  return `${finding.path ? `${finding.path}: ` : ''}${finding.message}${finding.fix ? `. To fix: ${finding.fix}.` : ''}`;
}

/** A problem in words: one sentence or two, and the lines to list under them (every issue found, every blocker). */
export interface ProblemText {
  message: string;
  details: string[];
}

const london = (iso: string) => formatLondon(new Date(iso));
const list = (items: readonly string[]) => items.join(', ') || '(none)';

/** Why a playbook cannot be used, in words, without its file: what `irp lint` lists under the file's name. */
export function playbookUnusableText(why: PlaybookUnusable): ProblemText {
  const stopped = (memoryMb: number) => `or needed more than ${memoryMb} MB, and was stopped (a loop that never ends?)`;
  switch (why.kind) {
    case 'does-not-compile':
      return { message: 'the playbook does not compile.', details: why.problems };
    case 'reaches-outside':
      return { message: 'the playbook reaches outside what a playbook may use.', details: why.problems };
    case 'invalid':
      return { message: `${why.findings.length} problem${why.findings.length === 1 ? '' : 's'} in the playbook:`, details: why.findings.map(findingText) };
    case 'not-a-playbook': {
      const [first, ...more] = why.findings.map(findingText);
      return { message: first ?? 'not a playbook', details: more };
    }
    case 'load-budget':
      return { message: `the playbook took longer than ${why.seconds} s to load, ${stopped(why.memoryMb)}`, details: [] };
    case 'load-failed':
      return { message: `the playbook failed while loading: ${why.error}`, details: [] };
    case 'changed-on-reload':
      return { message: 'the playbook described itself differently when loaded again; irp will not run a playbook whose machine changes from one load to the next.', details: [] };
    case 'call-budget':
      return { message: `${why.name} took longer than ${why.seconds} s, ${stopped(why.memoryMb)}`, details: [] };
    case 'call-failed':
      return { message: `${why.name} failed: ${why.error}`, details: [] };
  }
}

/**
 * The one place where problems become words. The words say what was involved and what to do in terms of irp
 * itself; how to do it with a given driver (a flag, a key, a line of an answers file) is that driver's hint.
 */
export function problemText(problem: Problem): ProblemText {
  const text = (message: string, details: readonly string[] = []): ProblemText => ({ message, details: [...details] });
  switch (problem.code) {
    case 'no-incident':
      return text(`There is no incident ${problem.incident} in ${problem.folder}.`);
    case 'bad-incident-id':
      return text(`"${problem.incident}" is not an incident id (ids look like inc-20220804-7k3q-9fa2-x1b0m).`);
    case 'incident-exists':
      return text(`An incident with id ${problem.incident} already exists in ${problem.where}.`);
    case 'not-opened':
      return text(`${problem.where}: the record does not start by opening the incident.`);
    case 'conflict':
      return text(`${problem.where}: another irp process recorded event ${problem.seq} first; nothing was recorded. Look at the incident again and retry.`);
    case 'damaged-record':
      if (problem.seq !== undefined && problem.line !== undefined) {
        return text(`${problem.where}: event ${problem.seq} (line ${problem.line}) ${problem.reason}. irp will not write to this record; keep a copy for investigators.`);
      }
      return text(
        `${problem.where}${problem.line === undefined ? '' : ` line ${problem.line}`}: ${problem.reason}. The record is damaged or was edited by hand; irp will not write to it. Keep a copy for investigators.`,
      );
    case 'already-reapplied':
      return text(`Entry #${problem.offlineSeq} of the offline copy is already in ${problem.incident}: re-applied as entry #${problem.seq} by ${problem.by}. Nothing was recorded.`);
    case 'no-offline-entry':
      return text(
        problem.pending.length === 0
          ? `No entry of a set-aside copy of ${problem.incident} waits to be re-applied.`
          : `Entry #${problem.seq} is not one of the set-aside entries of ${problem.incident} still waiting; those are ${problem.pending.map((seq) => `#${seq}`).join(', ')}.`,
      );
    case 'not-reapplicable':
      return text(`A ${problem.kind} entry is not re-applied as it was: ${problem.how}`);
    case 'storage':
      return text(`Cannot ${problem.action} ${problem.path}: ${STORAGE_MEANING[problem.errno] ?? problem.errno} (${problem.errno}). Nothing was recorded.`);
    case 'lock-timeout':
      return text(
        `Another irp process has been writing to this incident for over ${problem.seconds} s (${problem.lock} is locked); nothing was recorded. Try again; if it persists, look for a stuck irp process.`,
      );
    case 'unusable-seal-key':
      return text(`That key cannot seal: ${problem.reason}. Seal with the private key of a pair irp made.`);
    case 'clock-behind-record':
      return text(
        `This machine's clock reads ${london(problem.now)}, earlier than when the last entry of incident ${problem.incident} was recorded (${london(problem.lastRecordedAt)}, event #${problem.seq} by ${problem.by}). Check the clock (and IRP_NOW); nothing was recorded.`,
      );
    case 'no-title':
      return text('Give the incident a title.');
    case 'playbook-unusable': {
      const words = playbookUnusableText(problem.why);
      return text(`${problem.file}: ${words.message}`, words.details);
    }
    case 'no-playbook':
      return text(`There is no playbook "${problem.playbook}" in ${problem.folder}. Playbooks: ${list(problem.known)}.`);
    case 'playbooks-unreadable':
      return text(`The playbooks folder ${problem.folder} cannot be read.`);
    case 'no-scenario-run':
      return text(`Only exercises can be compared: ${problem.incident} ran no scenario.`);
    case 'different-scenarios':
      return text(`${problem.a.incident} ran scenario ${problem.a.scenario} and ${problem.b.incident} ran ${problem.b.scenario}: only two runs of the same scenario can be compared.`);
    case 'register-unwritable':
      return text(`Cannot write the assurance register ${problem.file}; the records are unchanged (it is only a cache of them).`);
    case 'no-scenario':
      return text(`There is no scenario "${problem.wanted}" in ${problem.folder}. Scenarios: ${list(problem.known)}.`);
    case 'no-scenario-file':
      return text(`There is no scenario file ${problem.path}.`);
    case 'invalid-scenario':
      return text(`${problem.file}: the scenario is not valid:`, problem.problems);
    case 'bad-time-zone':
      return text(`${problem.file} line ${problem.line}: timeZone "${problem.timeZone}" is not a time zone (use one such as Europe/London).`);
    case 'bad-scenario-start':
      return text(`${problem.file} line ${problem.line}: start "${problem.start}" must be a local date and time such as 2022-08-04 07:00.`);
    case 'scenario-not-for-playbook':
      return text(`${problem.file}: ${problem.mismatches.join('; ')}, which playbook ${problem.playbook} ${problem.version} does not have.`);
    case 'cacao-not-importable':
      return text(`${problem.file}: cannot be imported (${problem.problems.length} problem${problem.problems.length === 1 ? '' : 's'}):`, problem.problems);
    case 'scenario-version':
      return text(`${problem.file}: the scenario needs ${problem.playbook} ${problem.range}, but the playbook is version ${problem.version}.`);
    case 'reveals-unknown-facts':
      return text(
        `${problem.file}: inject "${problem.inject}" reveals ${problem.unknown.map((f) => `"${f}"`).join(', ')}, which ${problem.unknown.length === 1 ? 'is not a fact' : 'are not facts'} of ${problem.playbook}. Its facts: ${problem.facts.join(', ')}.`,
      );
    case 'invalid-answers':
      return text(`${problem.where}: ${problem.entry ? 'each entry is one of tick, decide, note, aware, correct, assign, handover, report, register or duty. ' : ''}The answers file is not valid:`, problem.problems);
    case 'no-such-report':
      return text(
        `This incident's playbook has no report to "${problem.wanted}" with a deadline (which reports are owed depends on the organisation's part in the incident, and on the nation, guidance and law it was opened for). Its reports: ${problem.reports.map((r) => `${r.id} (${r.recipient})`).join('; ') || '(none)'}.`,
      );
    case 'ambiguous-report':
      return text(`"${problem.wanted}" matches more than one clock: ${problem.matches.join(', ')}. Give the clock id.`);
    case 'no-follow-up-yet':
      return text(`Nothing has been reported to ${problem.recipient} yet, so there is no follow-up to draft; draft the first report.`);
    case 'store-diverged':
      return text(`${problem.here} and ${problem.there} have diverged; a shared store's record is never set aside. Pull it to this machine instead, keeping both: the local record is kept beside it.`);
    case 'no-schema':
      return text(`The database ${problem.where} has no irp schema yet; the role that migrates creates it.`);
    case 'schema-too-new':
      return text(
        problem.migrating
          ? `The database ${problem.where} has irp schema ${problem.version}, newer than this irp (${problem.known}): nothing was changed.`
          : `The database ${problem.where} has irp schema ${problem.version}, made by a newer irp; this irp knows schema ${problem.known}. Upgrade irp.`,
      );
    case 'schema-too-old':
      return text(`The database ${problem.where} has irp schema ${problem.version}; this irp needs ${problem.needs}. The role that migrates upgrades it.`);
    case 'database-timeout':
      return text(`The database ${problem.where} stopped a statement that ran over 2 minutes; nothing was recorded. Try again; if it recurs, ask whoever runs the database.`);
    case 'database-refused':
      return text(
        problem.permission
          ? `The database ${problem.where} refused: ${problem.message}. A login reads and appends only to its organisation's incidents and those shared with it, and a reader only reads (irp db whoami says who you are here). Nothing was recorded.`
          : `The database ${problem.where} refused: ${problem.message}. Nothing was recorded.`,
      );
    case 'database-unusable':
      return text(`The database ${problem.where} cannot be used: ${problem.message}${problem.sqlState ? ` (${problem.sqlState})` : ''}.`);
    case 'administration-refused':
      return text(`${problem.where}: ${problem.message}: ${problem.meaning} Nothing was changed.`);
    case 'bad-store-url':
      return text(`"${problem.url}" is not a PostgreSQL URL, such as postgres://irp@db.example.nhs.uk/irp.`);
    case 'bad-login':
      return text(`login "${problem.login}": give the PostgreSQL login name (letters, digits, _ . @ -, at most 63, starting with a letter or _).`);
    case 'bad-organisation-id':
      return text(`"${problem.id}" is not an organisation id: give one of lower-case letters, digits, . _ - (at most 63), such as trust-b or ods-rj1.`);
    case 'bad-name':
      return text(`${problem.of === 'person' ? "A person's" : "An organisation's"} name: give a name of 1 to 200 characters.`);
    case 'member-without-organisation':
      return text('A member belongs to an organisation: name it, or make the person one of the site\'s team or a reader.');
    case 'unreadable-file':
      return text(`Cannot read ${problem.what === undefined ? '' : `the ${problem.what} `}${problem.file}: ${problem.reason}.`);
    case 'file-too-large':
      return text(`${problem.file}: the ${problem.what} is larger than ${problem.kib} KiB; irp does not read a file that big.`);
    case 'not-yaml':
      return text(`${problem.file} line ${problem.line}: not valid YAML: ${problem.reason}`);
    case 'yaml-aliases':
      return text(`${problem.file}: the ${problem.what} uses YAML aliases too many times (${problem.reason}); write the values out.`);
    case 'unclosed-quote':
      return text(`${problem.file} line ${problem.line}: a quoted value is not closed.`);
    case 'too-many-cells':
      return text(`${problem.file} line ${problem.line}: ${problem.cells} cells, but the header names ${problem.columns} columns (a comma inside a value needs quotes).`);
    case 'bad-columns':
      return text(
        problem.what === 'register' && problem.unknown.length === 0
          ? `${problem.file}: the register is empty; its first line names the columns: ${problem.columns.join(',')}.`
          : problem.what === 'register'
          ? `${problem.file} line ${problem.line}: unknown column ${problem.unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${problem.columns.join(', ')}.`
          : `${problem.file} line ${problem.line}: the first line names the columns (${problem.columns.join(',')})${problem.unknown.length > 0 ? `; unknown: ${problem.unknown.join(', ')}` : ''}.`,
      );
    case 'empty-file':
      return text(problem.what === 'register' ? `${problem.file}: the register lists no organisation.` : `${problem.file}: the paper log has no entry.`);
    case 'not-a-list':
      return text(
        problem.what === 'register'
          ? `${problem.file}: a register in YAML is a list of organisations (or "organisations:" holding one).`
          : `${problem.file}: a paper log in YAML is a list of entries (or "entries:" holding one), each { code, at, name }.`,
      );
    case 'unknown-keys':
      return text(`${problem.file}: unknown key ${problem.keys.join(', ')}; a paper log has entries and, optionally, reason.`);
    case 'reason-not-text':
      return text(`${problem.file}: reason: give the reason as text.`);
    case 'invalid-entry':
      return text(`${problem.file} line ${problem.line}: ${problem.path}: ${problem.reason}.`);
    case 'data-not-fields':
      return text(`${problem.where}: data: write it as field: value; field: value.`);
    case 'not-a-zip':
      return text(`${problem.file} is not a ZIP archive irp can read (${problem.reason}).`);
    case 'zip-too-big':
      return text(`${problem.file} unpacks to more than ${problem.mib} MiB or ${problem.members} files; irp does not open it.`);
    case 'bad-settings':
      return text(
        `Playbook ${problem.playbook} cannot be opened with those settings.`,
        problem.problems.map(settingProblemText),
      );
    case 'aware-after-now':
      return text(`The awareness time ${london(problem.awareAt)} is after now (${london(problem.now)}); give the time the organisation became aware.`);
    case 'no-actor':
      return text('Say who is acting.');
    case 'unknown-role':
      return text(`"${problem.role}" is not a role in playbook ${problem.playbook}. Roles: ${list(problem.roles)}.`);
    case 'finished':
      return text(`Incident ${problem.incident} is finished; nothing more can be recorded against its playbook.`);
    case 'not-offered':
      return text(
        problem.known
          ? `"${problem.label ?? problem.event}" (${problem.event}) is not available at this point of incident ${problem.incident}${problem.last ? `; the last entry, #${problem.last.seq}, was made by ${problem.last.by} at ${london(problem.last.at)}` : ''}. ${problem.offered.length > 0 ? `Can be taken now: ${list(problem.offered)}.` : 'Nothing can be taken now until what blocks the choices is done.'}`
          : `${problem.event} is not a decision of playbook ${problem.playbook}. Can be taken now: ${list(problem.offered)}.`,
      );
    case 'blocked':
      return text(`${problem.event} (${problem.label}) is blocked:`, problem.blockers.map(blockerText));
    case 'invalid-payload':
      return text(`The data for ${problem.event} is not valid:`, problem.issues);
    case 'takes-no-data':
      return text(`${problem.event} takes no data.`);
    case 'unknown-data': {
      const keys = problem.keys.map((key) => `"${key}"`).join(', ');
      return text(`"${problem.label}" (${problem.event}) has no field ${keys}; nothing was recorded. Its fields: ${list(problem.fields)}.`);
    }
    case 'refused-by-condition':
      return text(`${problem.event} was refused by the playbook with this data: ${problem.explanation ?? 'a condition it checks is not met'}.`);
    case 'late-without-reason':
      return text(
        `${problem.event} is after the deadline of "${problem.clockLabel}" (${problem.law}), which was ${london(problem.dueAt)}. A late notification must record the reasons for the delay, in their own field.`,
      );
    case 'entry-refused': {
      const inner = problemText(problem.problem);
      return text(`${problem.where}: ${inner.message} Nothing of the file was recorded.`, inner.details);
    }
    case 'sent-needs':
      return text(problem.what === 'text' ? 'The text sent is empty: record the text that was sent.' : `Say ${problem.what === 'to' ? 'to whom the notice was sent' : 'how the notice was sent (a form, an email address, a phone call)'}.`);
    case 'nations-served':
      return text(
        problem.none
          ? `${problem.event} (${problem.label}) does not hold: the register has organisations in ${problem.untold.join(', ')}.`
          : `${problem.event} (${problem.label}) leaves out ${problem.untold.join(', ')}: the register has organisations there, and each devolved administration the supplier serves is told.`,
      );
    case 'not-late':
      return text(`${problem.event} (${problem.label}) is not late: there is no delay to give reasons for. Leave out the reasons for the delay.`);
    case 'rationale-needed':
      return text(`${problem.event} (${problem.label}) needs its rationale for the decision log: ${problem.question}`);
    case 'not-an-action':
      return text(`Entry #${problem.seq} of incident ${problem.incident} is not an action, so there is nothing to close (actions are listed by the after-action report and irp assurance).`);
    case 'action-closed':
      return text(`The action at entry #${problem.seq} was closed already, ${london(problem.at)}, by ${problem.by}.`);
    case 'no-items':
      return text('Name at least one checklist item to tick.');
    case 'unknown-item':
      return text(`No active step has a checklist item "${problem.reference}". Open items: ${list(problem.open)}.`);
    case 'ambiguous-item':
      return text(`"${problem.reference}" is in more than one active step; write it as ${problem.candidates.join(' or ')}.`);
    case 'already-ticked':
      return text(`"${problem.item}" in "${problem.step}" was already ticked by ${problem.by} (event ${problem.seq}).`);
    case 'bad-due-date':
      return text(`The due date "${problem.due}" cannot be read: ${problem.why}.`);
    case 'empty-note':
      return text('A note needs some text.');
    case 'not-active-step':
      return text(`"${problem.step}" is not an active step of incident ${problem.incident}. Active steps: ${list(problem.active)}.`);
    case 'no-name':
      return text(problem.for === 'assignee' ? 'Say who the step is given to.' : problem.for === 'commander' ? 'Say who takes over command.' : 'Say who holds the role.');
    case 'already-in-command':
      return text(`${problem.name} is already in command of incident ${problem.incident}.`);
    case 'not-in-command':
      return text(`${problem.by} is not in command of incident ${problem.incident}: ${problem.commander} is. Only the commander hands command over; anyone else takes it over, saying why (it is recorded and shown to everyone).`);
    case 'command-by-handover':
      return text(`${problem.role} is who is in command (${problem.commander}): command is handed over, or taken over with a reason, never simply assigned.`);
    case 'already-holds-role':
      return text(`${problem.name} already holds the role ${problem.role}.`);
    case 'not-an-exercise':
      return text(
        problem.what === 'inject'
          ? `Incident ${problem.incident} is not an exercise; injects belong to exercises only.`
          : `Incident ${problem.incident} is not an exercise; only an exercise's clock can be moved.`,
      );
    case 'unknown-fact':
      return text(`"${problem.fact}" is not a fact of playbook ${problem.playbook}. Facts: ${list(problem.facts)}.`);
    case 'fact-not-recorded':
      return text(`${problem.fact} has not been recorded in incident ${problem.incident} yet, so there is nothing to correct: record it with the decision that asks for it.`);
    case 'invalid-fact-value':
      return text(`The new value of ${problem.fact} is not valid:`, problem.issues);
    case 'fact-unchanged':
      return text(`${problem.fact} is already ${JSON.stringify(problem.value)}; a correction must change it.`);
    case 'no-reason':
      return text(`Say why ${problem.fact} is corrected; the reason is kept in the record.`);
    case 'no-register':
      return text(`Playbook ${problem.playbook} keeps no register of organisations (it declares no duties to them).`);
    case 'invalid-organisation':
      return text(`${problem.where} is not valid; nothing was recorded:`, problem.issues);
    case 'register-unchanged':
      return text(`Every one of the ${problem.count} organisations given is in the register already, as given; nothing was recorded.`);
    case 'unknown-organisation':
      return text(`"${problem.organisation}" is not in the register of incident ${problem.incident}.${problem.like.length > 0 ? ` Did you mean ${list(problem.like)}?` : ''}`);
    case 'unknown-duty':
      return text(`"${problem.duty}" is not a duty of playbook ${problem.playbook}. Duties: ${list(problem.duties)}.`);
    case 'duty-not-owed':
      return text(`"${problem.duty}" is not owed to ${problem.organisation}: it is owed to ${list(problem.appliesTo)}, and the register has it as ${list(problem.kinds)}.`);
    case 'duty-done':
      return text(`"${problem.duty}" was already recorded for ${problem.organisation}${problem.product ? ` (${problem.product})` : ''} by ${problem.by}, ${london(problem.at)} (event #${problem.seq}).`);
    case 'duty-waiting':
      return text(`"${problem.duty}" cannot be recorded for ${problem.organisation}${problem.product ? ` (${problem.product})` : ''} yet: first ${list(problem.waitingFor.map((d) => `"${d}"`))}.`);
    case 'nothing-owed':
      return text(`"${problem.duty}" is not owed to any organisation of the register${problem.product ? ` using ${problem.product}` : ''} any more; nothing was recorded.`);
    case 'product-needed':
      return text(`"${problem.duty}" is owed for each product ${problem.organisation} uses: name one of ${list(problem.products)}.`);
    case 'unknown-product':
      return text(`${problem.organisation} does not use "${problem.product}" as the register has it; its products: ${list(problem.products)}.`);
    case 'invalid-duty-data':
      return text(`The data for "${problem.duty}" is not valid:`, problem.issues);
    case 'notice-refused':
      return text(`${problem.file}: ${NOTICE_REFUSALS[problem.why]}${problem.detail ? ` (${problem.detail})` : ''}; nothing was recorded.`);
    case 'nothing-to-acknowledge':
      return text(`Incident ${problem.incident} has no notice received that it has not acknowledged.`);
    case 'unknown-moment':
      return text(`"${problem.moment}" is not a moment of awareness any clock of playbook ${problem.playbook} starts from. Moments: ${problem.moments.join('; ') || '(none)'}.`);
    case 'moment-recorded':
      return text(
        `"${problem.label}" was already recorded as ${london(problem.at)} by ${problem.by} (event #${problem.seq}). To correct it, record it again with the reason the earlier time was wrong.`,
      );
    case 'moment-not-recorded':
      return text(`"${problem.label}" has not been recorded yet, so there is nothing to correct.`);
    case 'unknown-clock':
      return text(`"${problem.clock}" is not a clock of incident ${problem.incident}. Clocks: ${list(problem.clocks)}.`);
    case 'nothing-to-follow-up':
      return text(`Nothing has been reported to ${problem.recipient} yet (${problem.state}), so there is nothing to follow up.`);
    case 'follow-up-before-report':
      return text(`A follow-up cannot be dated before the report it follows (${london(problem.at)}, event #${problem.seq}).`);
    case 'already-reported':
      return text(`${problem.recipient} was already told at ${london(problem.at)} (event #${problem.seq}); record a further report as a follow-up.`);
    case 'no-report-due':
      return text(`The clock "${problem.clockLabel}" is ${problem.state}; there is no report due.`);
    case 'report-is-a-decision':
      return text(`The playbook records this report with the decision ${problem.event} (${problem.label}); take that decision instead.`);
    case 'dated-in-future':
      return text(`${problem.what} is dated ${london(problem.at)}, after the time it is being recorded (${london(problem.recordedAt)}); give the time at which it happened.`);
    case 'dated-before-awareness':
      return text(
        `${problem.what} is dated ${london(problem.at)}, before the awareness of incident ${problem.incident} (${london(problem.awareAt)}). Nothing in an incident's record can come before its awareness: date it at or after ${london(problem.awareAt)} and say in the note when it really happened.`,
      );
    case 'dated-before-step':
      return text(
        `${problem.what} is dated ${london(problem.at)}, but "${problem.step}" only became active at ${london(problem.enteredAt)}${problem.cause}.${problem.cause.includes('timer') ? '' : ` Date it at or after ${london(problem.enteredAt)}, and say in the note when it really happened.`}`,
      );
    case 'dated-before-tick':
      return text(
        `${problem.what} is dated ${london(problem.at)}, before "${problem.item}" in "${problem.step}" was ticked (${london(problem.tickedAt)}, entry #${problem.seq}), and it leaves that step. Date it at or after the tick.`,
      );
    case 'dated-before-fact':
      return text(`${problem.what} is dated ${london(problem.at)}, before ${problem.fact} was recorded (${london(problem.setAt)}).`);
    case 'late-entry-without-reason':
      return text(
        `${problem.what} is dated ${london(problem.at)}, ${formatSpan(problem.delayMs)} before it is being recorded (${london(problem.recordedAt)}). An entry made more than ${formatSpan(problem.marginMs)} after the fact needs a reason, which is kept in the record: say why it is entered late.`,
      );
    case 'entry-too-large':
      return text(`The entry is ${Math.round(problem.bytes / 1024)} KiB; irp keeps entries up to ${problem.maxBytes / 1024} KiB. Keep long material in a file and note where it is.`);
    case 'text-not-unicode':
      return text(`${problem.what} contains text that is not valid Unicode (a lone UTF-16 surrogate); nothing was recorded. Retype it.`);
    case 'text-too-long':
      return text(
        `${problem.what} is ${problem.length.toLocaleString('en-GB')} characters long; irp keeps up to ${problem.max.toLocaleString('en-GB')}. Keep long material in a file and note where it is; nothing was recorded.`,
      );
    case 'answers-entry-refused': {
      if (problem.refused.code === 'finished') return text(`${problem.file} line ${problem.line}: the incident was already finished; this entry and those after it were not used.`);
      const refused = problemText(problem.refused);
      return text(`${problem.file} line ${problem.line}: ${refused.message}${refused.details.length > 0 ? ` ${refused.details.join('; ')}` : ''}`);
    }
    case 'invalid-input':
      return text(problem.message, problem.details);
  }
}

/** A blocker as a sentence: `"Declare the incident" has required items not ticked: detection-source`. */
const NOTICE_REFUSALS = {
  'not-a-notice': 'is not an irp notice or acknowledgement',
  'bad-signature': 'its signature does not match its contents: it was changed after it was signed, or not signed by the key it names',
  untrusted: 'it is signed by a key that is not trusted here',
  'no-trust': "no key is trusted for it: name the fingerprint of the sender's key, as the sender gave it to you by another route",
  'other-incident': 'it belongs to another incident',
  'other-organisation': 'it is addressed to another organisation',
  replayed: 'it was taken in already',
  'not-sent': 'it acknowledges a notice this incident did not send',
  'not-linked': 'this incident was not opened from a notice, so it has no supplier to take notices from',
  'not-in-register': 'it comes from an organisation that is not in the register',
} as const;

export function blockerText(blocker: Blocker): string {
  switch (blocker.kind) {
    case 'guard':
      return blocker.explanation;
    case 'open-items':
      return `"${blocker.title}" has required items not ticked: ${(blocker.texts ?? blocker.items).map((text) => (blocker.texts ? `"${text}"` : text)).join(', ')}`;
    case 'condition':
      return 'a condition of the playbook is not met yet';
    case 'organisations':
      if (blocker.owed === 0 && blocker.names.length === 0) return `the register holds no organisation that "${blocker.label}" is owed to: add them to the register first`;
      return `"${blocker.label}" is still owed to ${blocker.owed} of the register: ${blocker.names.join(', ')}${blocker.owed > blocker.names.length ? ` and ${blocker.owed - blocker.names.length} more` : ''}`;
  }
}

/** What a failing file operation means to a person, by error code. */
export const STORAGE_MEANING: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file would be larger than this process may write (ulimit -f)',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  ELOOP: 'it is a symbolic link, and irp does not follow links when writing',
  EIO: 'the disk reported an input/output error',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on this system',
  ENAMETOOLONG: 'the path is too long',
  EEXIST: 'a file of that name already exists',
  ENOENT: 'there is no such file or folder',
};
