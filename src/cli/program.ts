import { irpVersion } from './irpVersion.ts';
import { Command, CommanderError, Option } from 'commander';
import { startSandboxWorkerEarly } from '../playbook/sandbox/sandboxWorker.ts';
import type { CliIo } from './cliIo.ts';

/**
 * Declares the commands and their options; each action imports its command module only when it runs.
 * Options common to every command: --state-dir, --playbooks, --json, --debug.
 */

/** Commands that never run a playbook's code: the rest start its sandbox before the commands are loaded. */
const WITHOUT_PLAYBOOKS = new Set(['verify', 'verify-pack', 'log', 'push', 'pull', 'pending', 'seal', 'db-migrate', 'db org add', 'db person add', 'db share', 'db whoami']);

export function buildProgram(io: CliIo, outcome: { exitCode: number }): Command {
  const program = new Command('irp')
    .version(irpVersion(), '--version', "irp's version (semantic versioning: see docs/changelog.md)")
    .description('Incident response playbooks: see what to do next, record it, and keep a record investigators can trust.\nRun irp with no command for the interactive runner.')
    .addOption(new Option('--state-dir <dir>', 'where incident records are kept').env('IRP_STATE_DIR'))
    .addOption(new Option('--playbooks <dir>', 'where playbooks are read from').env('IRP_PLAYBOOKS_DIR'))
    .addOption(new Option('--store <url>', 'a shared store: postgres://user@host/db (default: the files under --state-dir)').env('IRP_STORE'))
    .option('--debug', 'print stack traces for errors')
    .exitOverride()
    .showHelpAfterError('(run irp --help for usage)')
    .configureOutput({ writeOut: (text) => io.stdout(text), writeErr: (text) => io.stderr(text.replace(/^error: /, 'irp: ')) });
  program.addHelpText(
    'after',
    `
Times (--aware-at, --at): now, 09:12 (today, London time), -15m, -1h30m, 2022-08-04 07:00 (London), or ISO 8601.\nAn entry dated more than 15 minutes ago needs --reason "why it is entered late".
Exit codes: 0 success, 2 a problem with what was asked (nothing recorded), 1 an internal error.`,
  );

  const actorOptions = (command: Command): Command =>
    command
      .addOption(new Option('--actor <name>', 'who is acting (default: your login name)').env('IRP_ACTOR'))
      .addOption(new Option('--role <role>', "the actor's role id in the playbook (default: its first role)").env('IRP_ROLE'));
  /** When it happened, and why it is entered late: the same for every command that records something. */
  const timeOptions = (command: Command, at = 'when it happened, if earlier than now'): Command =>
    command
      .option('--at <time>', at)
      .option('--reason <text>', 'why it is entered late (needed when --at is more than the incident\'s margin, 15 min by default, before now)');

  const run = (name: string) =>
    async function (this: Command, ...args: unknown[]) {
      // The sandbox that runs playbooks' code starts while the commands load (see sandboxWorker.ts).
      if (!WITHOUT_PLAYBOOKS.has(name)) startSandboxWorkerEarly();
      const { loadCommands } = await import('./loadCommands.ts');
      const runCommand = await loadCommands();
      outcome.exitCode = await runCommand(name, this, args.slice(0, -2), io);
    };

  program.allowExcessArguments(true).action(async function (this: Command) {
    if (this.args.length > 0) {
      io.stderr(`irp: unknown command '${this.args[0]}'\n(run irp --help for usage)\n`);
      throw new CommanderError(2, 'commander.unknownCommand', `unknown command '${this.args[0]}'`);
    }
    await run('home').call(this);
  });

  actorOptions(
    program
      .command('run')
      .description('walk an incident interactively: steps, checklists, decisions (or from an answers file)')
      .argument('<incident>', 'incident id')
      .option('--answers <file>', 'take the answers from a YAML file instead of the keyboard (no terminal needed)'),
  ).action(run('run'));

  program.command('playbooks').description('list the playbooks').option('--json', 'machine-readable output').action(run('playbooks'));

  program
    .command('diagram')
    .description('draw a playbook as a statechart: SVG (laid out here, no browser) or Mermaid text; with --incident, where it is and the path it took')
    .argument('[playbook]', 'playbook id (the incident\'s own with --incident)')
    .addOption(new Option('--format <format>', 'output format').choices(['svg', 'mermaid']).default('svg'))
    .option('--incident <id>', "show where this incident is in its playbook and the path it took")
    .option('--out <file>', 'write to a file instead of printing')
    .option('--force', 'replace --out if it exists')
    .action(run('diagram'));

  program
    .command('export')
    .description('write a playbook as an OASIS CACAO v2.0 playbook (JSON), the same file every time')
    .argument('<playbook>', 'playbook id')
    .addOption(new Option('--format <format>', 'output format').choices(['cacao']).default('cacao'))
    .option('--out <file>', 'write to a file instead of printing')
    .option('--force', 'replace --out if it exists')
    .action(run('export'));

  program
    .command('import')
    .description('turn a CACAO v2.0 playbook (JSON) into an irp playbook that runs as a checklist, and lint it')
    .argument('<file>', 'the CACAO playbook, JSON')
    .option('--id <id>', "the new playbook's id (default: from its name)")
    .option('--out <file>', 'where to write it (default: <playbooks>/<id>.ts)')
    .option('--force', 'replace the file if it exists')
    .action(run('import'));

  program
    .command('push')
    .description("copy an incident's record to a shared store, continuing its chain; never merges")
    .argument('<incident>', 'incident id')
    .requiredOption('--to <store>', 'postgres://… or a state folder')
    .option('--reapply', "when the records have diverged: keep this machine's whole, take the shared one, and re-apply this machine's entries on top of it")
    .option('--json', 'machine-readable output')
    .action(run('push'));

  program
    .command('pull')
    .description("copy an incident's record from a shared store, continuing its chain; never merges")
    .argument('<incident>', 'incident id')
    .requiredOption('--from <store>', 'postgres://… or a state folder')
    .option('--keep-both', 'when the records have diverged: keep the local one beside it, and take the shared one')
    .option('--json', 'machine-readable output')
    .action(run('pull'));

  actorOptions(
    program
      .command('pending')
    .description("the entries of this machine's set-aside copies of an incident not yet in the live record: re-apply them, or record why one is not")
    .argument('<incident>', 'incident id')
    .option('--to <store>', 'the live record is on this shared store (postgres://… or a state folder); this machine takes what is written there')
    .option('--retry', 're-apply every waiting entry that applies as the record now stands, in the order they happened')
    .option('--only <seq>', 'with --retry: only this offline entry')
    .option('--drop <seq>', 'record that this offline entry is not re-applied (with --because)')
    .option('--because <text>', 'with --drop: why')
    .option('--json', 'machine-readable output'),
  ).action(run('pending'));

  program
    .command('serve')
    .description('serve the incident-room board: a read-only live web page of the open incidents')
    .option('--port <port>', 'the port (0: any free one)', '8080')
    .option('--host <address>', 'the address to listen on (anything but loopback needs --token)', '127.0.0.1')
    .addOption(new Option('--token <token>', 'an access token every request must carry (exchanged at first for a cookie)').env('IRP_BOARD_TOKEN'))
    .option('--allow-host <name...>', 'names the board may be opened by, besides IP addresses and localhost (board.example.nhs.uk)')
    .action(run('serve'));

  const db = program.command('db').description('the shared PostgreSQL store');
  db.command('migrate')
    .description('create or upgrade the irp schema in the database named by --store (or IRP_STORE)')
    .action(run('db-migrate'));
  const dbOrg = db.command('org').description("the organisations whose people work incidents on the shared store");
  dbOrg
    .command('add')
    .description('add an organisation (run as the role that migrates); prints the SQL it runs')
    .argument('<id>', 'a short id: lower-case letters, digits, . _ -')
    .requiredOption('--name <name>', "the organisation's name")
    .option('--json', 'machine-readable output')
    .action(run('db org add'));
  const dbPerson = db.command('person').description('the people of irp: each PostgreSQL login, its name, organisation and access');
  dbPerson
    .command('add')
    .description("make a login a person of irp, with the group role its access needs (run as the role that migrates); prints the SQL it runs")
    .argument('<login>', 'the PostgreSQL login')
    .requiredOption('--name <name>', "the person's name, as entries made by this login must claim")
    .option('--org <id>', 'a member of this organisation: its incidents and those shared with it, read and append')
    .option('--site', "the site's own team: every incident, read and append")
    .option('--reader', 'every incident, read only: the board, auditors')
    .option('--create-login', 'create the login too (with no password: set one, or use certificates, as the site allows)')
    .option('--json', 'machine-readable output')
    .action(run('db person add'));
  db.command('share')
    .description("let other organisations' people read and append to an incident (by a member of the organisation that opened it)")
    .argument('<incident>', 'incident id')
    .requiredOption('--with <organisation...>', 'the organisations to share it with')
    .option('--json', 'machine-readable output')
    .action(run('db share'));
  db.command('whoami')
    .description('the login this store connects as, and who irp knows it as')
    .option('--json', 'machine-readable output')
    .action(run('db whoami'));

  program
    .command('lint')
    .description("check playbooks before an incident needs them: everything loading checks, and proofs over each machine's graph; exit 2 on any error")
    .argument('[playbook-or-file...]', 'playbook ids or .ts files (default: every playbook)')
    .option('--json', 'machine-readable output')
    .action(run('lint'));

  actorOptions(
    program
      .command('start')
      .description('open an incident under a playbook and print its id')
      .argument('<playbook>', 'playbook id (see irp playbooks)')
      .option('--title <text>', 'a short title for the incident (from a notice: the supplier\'s title and your name)')
      .option('--aware-at <time>', 'when the organisation became aware (starts the regulatory clocks; from a notice: when it was told)')
      .option('--from-notice <file>', "open it from a supplier's signed notice (with --trust), linked to the supplier's incident")
      .option('--trust <fingerprint...>', "the supplier's key fingerprints to trust, as given to you by another route")
      .option('--from-incident <incident>', "on a shared store: open it from the supplier's incident there (with --org)")
      .option('--org <id>', "with --from-incident: your organisation's id in the supplier's register")
      .addOption(
        new Option('--set <setting=choice...>', "the playbook's settings, such as nation=scotland (irp playbooks lists each playbook's; default: each one's first choice)").env('IRP_SET'),
      )
      .addOption(
        new Option('--backdate-margin <duration>', 'how long after the fact an entry may be made without a reason, for this incident (e.g. 15m, 1h)')
          .env('IRP_BACKDATE_MARGIN')
          .default('15m'),
      )
      .option('--json', 'machine-readable output'),
  ).action(run('start'));

  const org = program.command('org').description("the register of organisations in an incident (a supplier's customers): who is owed what, and what is done");
  org
    .command('show')
    .description('the register: how many told, acknowledged, with a restore point, approved, reconnected, by product and nation, and what is overdue; or one organisation\'s duties')
    .argument('<incident>', 'incident id')
    .argument('[organisation]', 'one organisation (its id or name)')
    .option('--json', 'machine-readable output')
    .action(run('org show'));
  actorOptions(
    timeOptions(
      org
        .command('load')
        .description('add organisations from a register file the supplier keeps (CSV with a header row, or YAML); all or nothing, each error named by its line')
        .argument('<incident>', 'incident id')
        .argument('<file>', 'register.csv or register.yaml')
        .option('--json', 'machine-readable output'),
    ),
  ).action(run('org load'));
  actorOptions(
    timeOptions(
      org
        .command('add')
        .description('add one organisation to the register (or replace its entry)')
        .argument('<incident>', 'incident id')
        .requiredOption('--id <id>', 'a short id: lower-case letters, digits and hyphens')
        .requiredOption('--name <text>', 'its name')
        .requiredOption('--nation <nation>', 'England, Scotland, Wales or Northern Ireland')
        .requiredOption('--kind <kind...>', 'controller, nhs-body, care-provider, independent-provider, local-authority, regulator, supplier, other')
        .option('--product <name...>', 'the products or services it uses')
        .option('--ods <code>', 'its ODS code')
        .option('--notice-hours <hours>', 'the notice window its contract sets, in hours')
        .option('--contact <text...>', 'how to reach it')
        .option('--members <count>', 'a group told as one: how many organisations it stands for')
        .option('--key <fingerprint>', 'the fingerprint of the key it signs acknowledgements with')
        .option('--json', 'machine-readable output'),
    ),
  ).action(run('org add'));
  actorOptions(
    timeOptions(
      org
        .command('done')
        .description("record a duty done for organisations of the register (irp org show lists the duties)")
        .argument('<incident>', 'incident id')
        .argument('<duty>', 'the duty id, e.g. availability-notice, restore-point, reconnected')
        .argument('[organisations...]', 'organisation ids or names')
        .option('--all', 'every organisation it is still owed to')
        .option('--product <name>', 'the product, for a duty owed per product')
        .option('--how <text>', 'how it was done: "signed notice by email"')
        .option('--reference <text>', 'a reference given or received')
        .option('--data <json>', "the duty's data, as a JSON object (restore-point: restorePoint, outageAt, lastGoodCopy)")
        .option('--not-needed <reason>', 'record it as not owed to them after all, and why (their data was not among what was taken)')
        .option('--json', 'machine-readable output'),
      'when it was done, if earlier than now',
    ),
  ).action(run('org done'));

  const notice = program.command('notice').description('signed notices between linked incidents: a supplier and each customer');
  notice
    .command('export')
    .description("write a signed notice file for every duty the record holds as sent to an organisation (or one organisation's, or one duty's)")
    .argument('<incident>', 'incident id')
    .requiredOption('--key <file>', 'the Ed25519 private key to sign with (irp seal --new-key makes one)')
    .requiredOption('--out <dir>', 'the folder to write the notices into (never inside the state folder)')
    .option('--org <id>', 'only this organisation')
    .option('--duty <id>', 'only this duty')
    .option('--json', 'machine-readable output')
    .action(run('notice export'));
  actorOptions(
    timeOptions(
      notice
        .command('receive')
        .description("take in signed files: a supplier's notices into your incident, or customers' acknowledgements into the supplier's")
        .argument('<incident>', 'incident id')
        .argument('<files...>', 'notice or acknowledgement files')
        .option('--trust <fingerprint...>', "the sender's key fingerprints to trust (for an acknowledgement, also the key in the register)")
        .option('--json', 'machine-readable output'),
      'when it was received, if earlier than now',
    ),
  ).action(run('notice receive'));
  actorOptions(
    notice
      .command('ack')
      .description("acknowledge the notices received: signed files to send back (--key, --out), or, on a shared store, straight into the supplier's incident")
      .argument('<incident>', 'incident id')
      .option('--key <file>', 'the Ed25519 private key to sign with')
      .option('--out <dir>', 'the folder to write the acknowledgements into')
      .option('--json', 'machine-readable output'),
  ).action(run('notice ack'));
  actorOptions(
    notice
      .command('pull')
      .description("on a shared store: take in every notice the linked supplier's incident holds for you and you have not")
      .argument('<incident>', 'incident id')
      .option('--json', 'machine-readable output'),
  ).action(run('notice pull'));

  program
    .command('assurance')
    .description('every exercise and real activation: trends, lessons that repeat, actions open and overdue, the yearly test with the Board (a register kept from the records)')
    .option('--check', 'only say whether the register is up to date with the records (exit 2 if not)')
    .option('--rebuild', 'make the register again from every record, from scratch')
    .option('--report <format>', 'the report for the DSPT evidence item and the EPRR exercise record: md or html')
    .option('--out <file>', 'write the report to a file (never inside the state folder)')
    .option('--force', 'replace the --out file if it exists')
    .option('--json', 'machine-readable output')
    .action(run('assurance'));

  program.command('list').description('list incidents, most recently active first').option('--json', 'machine-readable output').action(run('list'));

  program
    .command('status')
    .description('show the clocks, the active steps, their checklists, the choices available now and what blocks the rest')
    .argument('<incident>', 'incident id')
    .option('--role <role>', "only one role's queue: its steps, their checklists and decisions")
    .option('--json', 'machine-readable output (choices carry the JSON Schema of their payload)')
    .action(run('status'));

  program
    .command('deadlines')
    .description('the running clocks of every open incident, most urgent first (read-only; for a duty manager or cron)')
    .option('--include-exercises', 'list exercises too (their clocks run on simulated time)')
    .option('--json', 'machine-readable output')
    .action(run('deadlines'));

  actorOptions(
    timeOptions(
      program
        .command('notify')
        .description('print a notification draft filled in from the record, for a clock or a recipient; with --sent, record that it was sent')
        .argument('<incident>', 'incident id')
        .argument('<clock-or-recipient>', 'a clock id (irp status --json lists them) or a word of the recipient, e.g. ico, ncsc')
        .option('--follow-up', 'a follow-up to the last report: what has changed since (UK GDPR Art. 33(4))')
        .option('--include-notes', "copy the record's internal notes into the draft (left out unless asked for)")
        .addOption(new Option('--format <format>', 'output format').choices(['md', 'txt', 'json']).default('md'))
        .option('--sent', 'record that the notice was sent: the draft as printed with --format txt, or the text of --text-file, kept in the record with its SHA-256')
        .option('--to <whom>', 'with --sent: to whom it was sent')
        .option('--via <how>', 'with --sent: how (a form, an email address, a phone call)')
        .option('--text-file <file>', 'with --sent: the exact text sent, where it differs from the draft'),
      'with --sent: when it was sent, if earlier than now',
    ),
  ).action(run('notify'));

  actorOptions(
    timeOptions(
      program
        .command('reported')
        .description('record a report made to a clock\'s recipient outside the playbook\'s decision: a follow-up, or a re-opened clock\'s report')
        .argument('<incident>', 'incident id')
        .argument('<clock-or-recipient>', 'a clock id or a word of the recipient, e.g. ico')
        .option('--follow-up', 'a further report after the first (what is now known)')
        .option('--reference <text>', 'the reference the recipient gave')
        .option('--late-reasons <text>', 'the reasons for the delay, for a report after its legal deadline (UK GDPR Art. 33(1))')
        .option('--note <text>', 'a note kept with it'),
      'when the report was made, if earlier than now',
    ).option('--json', 'machine-readable output'),
  ).action(run('reported'));

  actorOptions(
    timeOptions(
      program
        .command('correct')
        .description('correct a recorded fact: the new value and the reason are recorded, the original entry stays')
        .argument('<incident>', 'incident id')
        .argument('<fact>', 'the fact, as irp status shows it (e.g. personalDataInvolved)')
        .argument('<value>', 'the new value, as JSON ("yes", 3, true) or a bare word')
        .requiredOption('--because <text>', 'why it is corrected (kept in the record)'),
      'when the correct value became known, if earlier than now',
    ).option('--json', 'machine-readable output'),
  ).action(run('correct'));

  actorOptions(
    timeOptions(
      program
        .command('aware')
        .description('record a moment of awareness that starts clocks of its own, e.g. personal-data-breach (no moment: list them)')
        .argument('<incident>', 'incident id')
        .argument('[moment]', 'the moment\'s id (irp aware <incident> lists them)')
        .option('--correction <text>', 'record it again, correcting the earlier time, with the reason the earlier one was wrong'),
      'when the organisation became aware, if earlier than now',
    ).option('--json', 'machine-readable output'),
  ).action(run('aware'));

  actorOptions(
    timeOptions(
      program
      .command('role')
      .description('record who holds one of the playbook\'s roles from now on')
      .argument('<incident>', 'incident id')
      .argument('<role>', 'role id (irp playbooks --json lists them)')
      .argument('<name>', 'who holds it')
      .option('--json', 'machine-readable output'),
      'since when, if earlier than now',
    ),
  ).action(run('role'));

  actorOptions(
    timeOptions(
      program
        .command('handover')
        .description('hand command over (the commander), or take it over saying why (anyone else): one person is in command')
        .argument('<incident>', 'incident id')
        .argument('<name>', 'who is in command from now on')
        .option('--to-role <role>', "their role id (default: the commander's)")
        .option('--takeover <reason>', 'you are not in command and take it over: why (recorded and shown to everyone)')
        .option('--json', 'machine-readable output'),
      'when it happened, if earlier than now',
    ),
  ).action(run('handover'));

  actorOptions(
    timeOptions(
      program
        .command('assign')
        .description('give an active step to someone')
        .argument('<incident>', 'incident id')
        .argument('<step>', 'the step, as irp status shows it (e.g. response.technical.contain.isolate)')
        .argument('<name>', 'who takes it')
        .option('--to-role <role>', "their role id (default: the step's role)")
        .option('--json', 'machine-readable output'),
      'when it happened, if earlier than now',
    ),
  ).action(run('assign'));

  actorOptions(
    timeOptions(
      program
      .command('step')
      .description('record a decision (an event the playbook offers now)')
      .argument('<incident>', 'incident id')
      .argument('<event>', 'the decision, as listed by irp status')
      .option('--data <json>', 'the decision\'s data, as a JSON object')
      .option('--rationale <text>', 'why it was taken, for the decision log (needed where the playbook says)')
      .option('--late-reasons <text>', 'the reasons for the delay, for a notification after its legal deadline (UK GDPR Art. 33(1))')
      .option('--note <text>', 'a note kept with the decision')
      .option('--json', 'machine-readable output'),
      'when it happened, if earlier than now',
    ),
  ).action(run('step'));

  actorOptions(
    timeOptions(
      program
      .command('check')
      .description('tick checklist items of the active steps')
      .argument('<incident>', 'incident id')
      .argument('<items...>', 'checklist item ids (step-path:item-id when two steps share an id)')
      .option('--note <text>', 'a note kept with the ticks')
      .option('--json', 'machine-readable output'),
      'when it was done, if earlier than now',
    ),
  ).action(run('check'));

  actorOptions(
    timeOptions(
      program
      .command('note')
      .description('add a note to the record; or a lesson learned or an action, for the after-action report')
      .argument('<incident>', 'incident id')
      .argument('<text>', 'the note')
      .option('--lesson', 'a lesson learned')
      .option('--action', 'an action to take (with --owner and --due)')
      .option('--owner <name>', "the action's owner")
      .option('--due <date>', "the action's due date, YYYY-MM-DD")
      .option('--closes <entry>', 'what closed an action: the number of the action\'s entry (#12 in irp log)')
      .option('--board', 'the Board (or the members named in the text) took part: the yearly test with the Board')
      .option('--json', 'machine-readable output'),
      'when it happened, if earlier than now',
    ),
  ).action(run('note'));

  const exercise = program.command('exercise').description('tabletop exercises: scenarios with timed injects on a simulated clock');
  exercise
    .command('run')
    .description('run a scenario with the team in the runner: injects appear as the simulated clock passes them')
    .argument('<scenario>', 'scenario id (playbooks/<id>.scenario.yaml) or file')
    .option('--resume <incident>', 'carry on an exercise run earlier, from its last recorded moment')
    .action(run('exercise run'));
  exercise
    .command('replay')
    .description('run a scenario start to end with scripted decisions, no terminal needed; prints the report')
    .argument('<scenario>', 'scenario id (playbooks/<id>.scenario.yaml) or file')
    .option('--answers <file>', 'the decisions, each at an offset from the start (at: +45m)')
    .option('--json', 'machine-readable output')
    .action(run('exercise replay'));
  exercise
    .command('report')
    .description('the after-action report of an exercise (or of any incident)')
    .argument('<incident>', 'incident id')
    .addOption(new Option('--format <format>', 'output format (docx and pdf need --out)').choices(['md', 'html', 'docx', 'pdf', 'json']).default('md'))
    .option('--out <file>', 'write the report to a file (never inside the state folder)')
    .option('--force', 'replace the --out file if it exists')
    .option('--scenario <file>', 'score against this scenario (default: the one the exercise ran)')
    .action(run('exercise report'));

  exercise
    .command('compare')
    .description('two runs of the same scenario side by side: what changed in timings, decisions and scores')
    .argument('<a>', 'the earlier run (an exercise incident id)')
    .argument('<b>', 'the later run')
    .option('--json', 'machine-readable output')
    .action(run('exercise compare'));
  exercise
    .command('from-record')
    .description("next year's exercise from this year's incident: a scenario (and the team's own answers) made from its record")
    .argument('<incident>', 'incident id')
    .requiredOption('--out <file>', 'the scenario file to write (never inside the state folder)')
    .option('--answers-out <file>', "also write the team's own record as an answers file, to score it against the scenario")
    .option('--target <milestone=duration...>', 'a target for a key decision, as the organisation sets it: --target Contain=2h')
    .option('--with-names', 'keep the names of the people (left out by default: roles only)')
    .option('--with-notes', 'keep the internal notes as facilitator notes (left out by default)')
    .option('--force', 'replace the files if they exist')
    .action(run('exercise from-record'));

  program
    .command('replay')
    .description('what-if: re-run a recorded incident against another playbook or a revised version, in memory')
    .argument('<incident>', 'incident id')
    .requiredOption('--playbook <id[@version]|file.ts>', 'the playbook to replay against')
    .option('--json', 'machine-readable output')
    .action(run('replay'));

  program
    .command('log')
    .description('print the record, oldest first, with London times marked BST or GMT')
    .argument('<incident>', 'incident id')
    .option('--json', 'the stored events, as JSON')
    .option('--ids', "show the playbook's ids (steps, items, decisions, fields, roles) instead of their titles")
    .action(run('log'));

  program
    .command('decisions')
    .description('the decision log: each decision with its time, who took it, what was known then, the options offered and the rationale')
    .argument('<incident>', 'incident id')
    .option('--json', 'as JSON')
    .option('--markdown', 'as Markdown, for a report or a paper log')
    .action(run('decisions'));

  program
    .command('verify')
    .description('check every line and link of the record, and its anchors (a head written down, seals): exit 0 if all hold, 2 otherwise')
    .argument('<incident>', 'incident id')
    .option('--expect <count:hash>', 'a head written down earlier (as irp verify prints it): catches a record cut short or rewritten')
    .option('--trust <fingerprint...>', 'the seal keys to trust (as irp seal prints them)')
    .option('--quick', 'check in full only what was recorded since the last check on this machine (the bytes before it must hash as they did)')
    .option('--json', 'machine-readable output')
    .action(run('verify'));

  program
    .command('seal')
    .description('sign the record\'s head with an Ed25519 key kept outside the state folder (or make such a key)')
    .argument('[incident]', 'incident id')
    .option('--key <file>', 'the private key (PEM)')
    .option('--new-key <file>', 'make a key pair: <file> (private, 0600) and <file>.pub')
    .option('--json', 'machine-readable output')
    .action(run('seal'));

  program
    .command('print')
    .description('A4 action cards for when every laptop is down: a card a role (steps, checklists and decisions with short codes, room for times and names), the clocks with their deadlines, and a paper log sheet')
    .argument('<playbook-or-incident>', 'a playbook id (print before you need them), or an incident (its deadlines written out)')
    .addOption(new Option('--format <format>', 'printable HTML, or PDF (needs --out)').choices(['html', 'pdf']).default('html'))
    .option('--out <file>', 'write to a file (never inside the state folder)')
    .option('--force', 'replace --out if it exists')
    .addOption(new Option('--set <setting=choice...>', "for a playbook: its settings, such as nation=scotland (an incident's are its own)").env('IRP_SET'))
    .action(run('print'));

  actorOptions(
    program
      .command('enter')
      .description('record a paper log typed up afterwards (the action cards\' codes, times, names, data, rationale) all or nothing, each entry marked as typed up from paper')
      .argument('<incident>', 'incident id')
      .argument('<file>', 'the paper log: CSV (code,at,name,role,data,rationale,lateReasons,reason,note) or YAML (entries:)')
      .option('--reason <text>', 'why the entries are entered late, for every entry that gives none (needed past the margin)')
      .option('--json', 'machine-readable output'),
  ).action(run('enter'));

  program
    .command('pack')
    .description('write the evidence pack of an incident: the record, its head and seals, the decision log, the report (HTML, PDF, Word), every notice as sent, and how to check it, in one ZIP archive')
    .argument('<incident>', 'incident id')
    .option('--out <file>', 'the archive to write (never inside the state folder)')
    .option('--force', 'replace --out if it exists')
    .option('--key <file>', 'sign the pack\'s manifest with this Ed25519 private key (PEM; the seal key)')
    .option('--json', 'machine-readable output')
    .action(run('pack'));

  program
    .command('verify-pack')
    .description('check an evidence pack offline: every file against its manifest, the manifest against its signature, the record\'s chain, its seals and its notices; names what does not match')
    .argument('<file>', 'the pack (.zip)')
    .option('--trust <fingerprint...>', 'the keys to trust (as irp seal and irp pack print them)')
    .option('--json', 'machine-readable output')
    .action(run('verify-pack'));

  return program;
}
