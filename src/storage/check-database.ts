// Before anything is migrated or written: can the database named by DATABASE_URL be used at all? A
// PostgreSQL server is asked with one probe connection; a failure becomes one line saying what to do,
// never a driver stack trace, and never the password.
import pg from 'pg';
import { StartupError } from '../startup/startup-error.js';
import { openDatabase, type Database } from './database.js';

const SETTING = 'DATABASE_URL';

/** Where the URL points, without its password: user@host:port/database. */
function describeUrl(url: URL): { target: string; host: string; user: string; database: string } {
  const host = `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  const user = decodeURIComponent(url.username) || process.env.USER || 'postgres';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || user;
  return { target: `${user}@${host}/${database}`, host, user, database };
}

function postgresProblem(error: unknown, rawUrl: string): StartupError {
  const { target, host, user, database } = describeUrl(new URL(rawUrl));
  const e = error as { code?: string; message?: string };
  switch (e.code) {
    case '3D000':
      return new StartupError(
        SETTING,
        `names database "${database}", which does not exist on ${host}`,
        `Create it (createdb -h ${host.replace(/:.*/, '')} -p ${host.replace(/.*:/, '')} -U ${user} ${database}) or fix the name`,
      );
    case '28P01':
      return new StartupError(
        SETTING,
        `has a password that PostgreSQL at ${host} refuses for user "${user}"`,
        'Fix the user and password in DATABASE_URL',
      );
    case '28000':
      return new StartupError(
        SETTING,
        `connects as "${user}", whom PostgreSQL at ${host} does not let in (${e.message})`,
        'Fix the user in DATABASE_URL or the server\u2019s pg_hba.conf',
      );
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return new StartupError(
        SETTING,
        `points at ${host}, where no PostgreSQL server answers (${e.code})`,
        'Start PostgreSQL there or fix the host and port in DATABASE_URL',
      );
    case '57P03':
      return new StartupError(
        SETTING,
        `points at ${host}, where PostgreSQL is not accepting connections yet`,
        'Wait until it has started and try again',
      );
    default:
      break;
  }
  if (/timeout/i.test(e.message ?? ''))
    return new StartupError(
      SETTING,
      `points at ${host}, which did not answer within 10 s`,
      'Check that PostgreSQL runs there and is reachable from this machine',
    );
  if (/password/i.test(e.message ?? ''))
    return new StartupError(
      SETTING,
      `gives no password that PostgreSQL at ${host} accepts for user "${user}" (${e.message})`,
      'Put the password in DATABASE_URL (postgres://user:password@host:port/database)',
    );
  return new StartupError(
    SETTING,
    `(${target}): PostgreSQL refused the connection: ${e.message ?? String(error)}`,
    'Check the URL and the server',
  );
}

/** One probe connection to the PostgreSQL server of `url`; throws a StartupError when it cannot be used. */
async function checkPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A failed connection emits 'error' too; the promise below already reports it.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    throw postgresProblem(error, url);
  } finally {
    await client.end().catch(() => {});
  }
}

/** What opening a SQLite file failed on (a directory that cannot be created, not a database, ...). */
function sqliteProblem(error: unknown, file: string): StartupError {
  const e = error as { code?: string; message?: string };
  if (e.code === 'SQLITE_NOTADB')
    return new StartupError(
      SETTING,
      `names ${file}, which is not a SQLite database`,
      'Point DATABASE_URL at a SQLite file or at a path where a new one can be created',
    );
  return new StartupError(
    SETTING,
    `names ${file}, which cannot be opened (${e.message ?? String(error)})`,
    'Check the path and that this user may write to its directory',
  );
}

/**
 * Opens the database of DATABASE_URL once it is known to be usable: PostgreSQL after a probe connection,
 * SQLite after a first statement. Throws a StartupError (one line, no password) otherwise.
 */
export async function openCheckedDatabase(url: string): Promise<Database> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    await checkPostgres(url);
    return openDatabase(url);
  }
  let database: Database | undefined;
  try {
    database = openDatabase(url);
    await database.ping();
    return database;
  } catch (error) {
    await database?.close().catch(() => {});
    throw sqliteProblem(error, url.replace(/^sqlite:(\/\/)?/, ''));
  }
}
