import { invalidInput } from '../../errors.ts';
import { addOrganisationSql, addPersonSql, shareSql, type Access } from '../../store/pgAccess.ts';
import type { IncidentStore } from '../../store/incidentStore.ts';
import type { CliContext } from '../context.ts';
import { printJson } from './shared.ts';
import { declareCommand, flag, value, list, jsonOutput, argument, incidentArgument } from '../declareCommand.ts';

type SharedStore = IncidentStore & Required<Pick<IncidentStore, 'administer' | 'whoAmI'>>;

function sharedStore(context: CliContext, command: string): SharedStore {
  const store = context.store;
  if (!store.administer || !store.whoAmI) throw invalidInput('--store', 'not-a-shared-store', `irp db ${command} works on a shared store: give --store postgres://… (or IRP_STORE).`);
  return store as SharedStore;
}

/** Runs the statements in one transaction, and prints them as they were run, for the site's own records. */
async function run(context: CliContext, store: SharedStore, statements: string[], done: string): Promise<void> {
  await store.administer(statements.map((sql) => ({ sql })));
  if (context.json) return printJson(context, { done, sql: statements });
  context.out(`${done}\nRan, in one transaction, on ${store.where}:\n${statements.map((sql) => `  ${sql};`).join('\n')}`);
}

/** `irp db org add <id> --name <name>`: an organisation whose people work incidents on this store. */
const dbOrgAdd = declareCommand({
  words: ['db', 'org', 'add'],
  description: 'add an organisation (run as the role that migrates); prints the SQL it runs',
  arguments: [argument('id', 'a short id: lower-case letters, digits, . _ -')],
  options: { name: value('name', "the organisation's name", { required: true }), json: jsonOutput },
  sandbox: 'on-demand',
  async run(context, [id], options) {
    const store = sharedStore(context, 'org add');
    await run(context, store, addOrganisationSql(id, options.name), `Added the organisation ${id}.`);
  },
});

/**
 * `irp db person add <login> --name <name> (--org <id> | --site | --reader) [--create-login]`: a login made a
 * person of irp, in an organisation, with the group role their access needs.
 */
const dbPersonAdd = declareCommand({
  words: ['db', 'person', 'add'],
  description: 'make a login a person of irp, with the group role its access needs (run as the role that migrates); prints the SQL it runs',
  arguments: [argument('login', 'the PostgreSQL login')],
  options: {
    name: value('name', "the person's name, as entries made by this login must claim", { required: true }),
    org: value('id', 'a member of this organisation: its incidents and those shared with it, read and append'),
    site: flag("the site's own team: every incident, read and append"),
    reader: flag('every incident, read only: the board, auditors'),
    createLogin: flag('create the login too (with no password: set one, or use certificates, as the site allows)'),
    json: jsonOutput,
  },
  sandbox: 'on-demand',
  async run(context, [login], options) {
    const store = sharedStore(context, 'person add');
    const given = (['site', 'reader'] as const).filter((flag) => options[flag] === true);
    if (given.length > 1) throw invalidInput('--site', 'with-reader', '--site and --reader: give one of them.');
    const access: Access = given[0] ?? 'member';
    const organisation = options.org;
    const sql = addPersonSql({ login: login, name: options.name, organisation, access, createLogin: options.createLogin === true });
    const what = access === 'member' ? `a member of ${organisation}: its incidents and those shared with it, read and append` : access === 'site' ? "the site's team: every incident, read and append" : 'a reader: every incident, read only';
    await run(context, store, sql, `Added ${login} as ${what}.`);
  },
});

/** `irp db share <incident> --with <org>`: lets another organisation's people read and append to an incident. */
const dbShare = declareCommand({
  words: ['db', 'share'],
  description: "let other organisations' people read and append to an incident (by a member of the organisation that opened it)",
  arguments: [incidentArgument],
  options: { with: list('organisation', 'the organisations to share it with', { required: true }), json: jsonOutput },
  sandbox: 'on-demand',
  async run(context, [incident], options) {
    const store = sharedStore(context, 'share');
    const organisations = options.with ?? [];
    if (organisations.length === 0) throw invalidInput('--with', 'none-named', '--with <organisation…>: name the organisations to share it with.');
    await run(context, store, organisations.flatMap((organisation) => shareSql(incident, organisation)), `Shared ${incident} with ${organisations.join(', ')}.`);
  },
});

/** `irp db whoami`: the login this store connects as, and who irp knows it as. */
const dbWhoAmI = declareCommand({
  words: ['db', 'whoami'],
  description: 'the login this store connects as, and who irp knows it as',
  options: { json: jsonOutput },
  sandbox: 'on-demand',
  async run(context) {
    const store = sharedStore(context, 'whoami');
    const me = await store.whoAmI();
    if (context.json) return printJson(context, me);
    if (!me.person && me.owner) {
      return context.out(`${store.where}: you are the login ${me.login}, which owns the irp schema here (or may pass its row-level security): you see and may change everything. Use it to migrate and to add organisations and people; work incidents as a person of irp.`);
    }
    if (!me.person) {
      return context.out(`${store.where}: you are the login ${me.login}, which is not a person of irp here: you see only what the database's owner grants (none of the incidents, unless you own the schema). Ask whoever runs it to add you: irp db person add ${me.login} --name "…" --org <organisation>`);
    }
    const access = me.person.access === 'member' ? `a member of ${me.person.organisation}` : me.person.access === 'site' ? "the site's team" : 'a reader';
    context.out(`${store.where}: you are the login ${me.login}, ${me.person.name}, ${access}.`);
  },
});

export default [dbOrgAdd, dbPersonAdd, dbShare, dbWhoAmI];
