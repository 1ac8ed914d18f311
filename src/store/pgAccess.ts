import { UserError } from '../errors.ts';

// The statements behind `irp db org add`, `irp db person add` and `irp db share`: built here, printed as they are
// run, so that a site can read, keep and repeat exactly what was done to its database.

/** What a person may do: their organisation's incidents and those shared with it; every incident; read only. */
export type Access = 'member' | 'site' | 'reader';

const LOGIN = /^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$/;
const ORGANISATION = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** A PostgreSQL identifier, quoted: `"bo.chen"`. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A text literal, quoted as the server reads it (standard_conforming_strings, on since PostgreSQL 9.1). */
export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function checkLogin(login: string): string {
  if (!LOGIN.test(login)) throw new UserError({ code: 'bad-login', login });
  return login;
}

export function checkOrganisationId(id: string, as: 'organisation' | 'member' | 'shared-with' = 'organisation'): string {
  if (!ORGANISATION.test(id)) throw new UserError({ code: 'bad-organisation-id', id, as });
  return id;
}

function checkName(name: string, of: 'organisation' | 'person'): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 200) throw new UserError({ code: 'bad-name', of });
  return trimmed;
}

export function addOrganisationSql(id: string, name: string): string[] {
  return [`INSERT INTO irp_organisations (id, name) VALUES (${quoteLiteral(checkOrganisationId(id))}, ${quoteLiteral(checkName(name, 'organisation'))})`];
}

/**
 * A login made a person of irp: mapped to their name and organisation, and granted the group role their access
 * needs (irp_member to append, irp_reader to read). With `createLogin`, the login itself is created first, with no
 * password: the site sets one (`\password`), or uses certificates, as its PostgreSQL allows.
 */
export function addPersonSql(person: { login: string; name: string; organisation?: string | undefined; access: Access; createLogin?: boolean }): string[] {
  const login = checkLogin(person.login);
  if (person.access === 'member' && person.organisation === undefined) throw new UserError({ code: 'member-without-organisation' });
  const organisation = person.organisation === undefined ? 'NULL' : quoteLiteral(checkOrganisationId(person.organisation, 'member'));
  return [
    ...(person.createLogin ? [`CREATE ROLE ${quoteIdent(login)} LOGIN`] : []),
    `INSERT INTO irp_people (login, name, organisation, access) VALUES (${quoteLiteral(login)}, ${quoteLiteral(checkName(person.name, 'person'))}, ${organisation}, ${quoteLiteral(person.access)})`,
    `GRANT ${person.access === 'reader' ? 'irp_reader' : 'irp_member'} TO ${quoteIdent(login)}`,
  ];
}

export function shareSql(incident: string, organisation: string): string[] {
  return [`SELECT irp_share(${quoteLiteral(incident)}, ${quoteLiteral(checkOrganisationId(organisation, 'shared-with'))})`];
}
