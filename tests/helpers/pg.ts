import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The PostgreSQL server the tests use: IRP_TEST_DATABASE_URL, else the local one (trust auth, database test). */
export const testDatabaseUrl = process.env.IRP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether a server answers there, asked once, in a second at most, by a child process (tests import this at load). */
function reachable(): boolean {
  try {
    const script = `const { Client } = require('pg'); const c = new Client({ connectionString: ${JSON.stringify(testDatabaseUrl)}, connectionTimeoutMillis: 1000 }); c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`;
    execFileSync(process.execPath, ['-e', script], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

export const hasPostgres = reachable();

/** A URL to a schema of its own on the test server, created empty: each test's records apart from every other's. */
export async function freshSchemaUrl(): Promise<string> {
  const schema = `irp_t_${randomBytes(6).toString('hex')}`;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/**
 * The same database and schema as `url`, connecting as another login, with a password set for it first: the test
 * server may trust local connections (this machine) or ask for passwords (Debian's defaults, as .ci/run installs).
 */
export async function asLogin(url: string, login: string, extra: Record<string, string> = {}): Promise<string> {
  const password = `pw-${login}`;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`ALTER ROLE "${login.replace(/"/g, '""')}" PASSWORD '${password}'`);
  } finally {
    await admin.end();
  }
  const other = new URL(url);
  other.username = login;
  other.password = password;
  for (const [key, value] of Object.entries(extra)) other.searchParams.set(key, value);
  return other.toString();
}
