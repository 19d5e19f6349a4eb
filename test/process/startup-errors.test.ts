// Start-up problems an operator can fix (item 2 of issue 12), through the real process: a port in use, a
// SQLite path that is not a database, and on PostgreSQL an unreachable server, a missing database and a
// wrong password. Each is one line naming the setting and what to do, exit code 2, nothing written.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, waitFor } from './spawn-server.js';

const dir = mkdtempSync(join(tmpdir(), 'consenthub-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The single line a failed start printed (nothing else: no stack trace, no log lines). */
async function failedStart(env: Record<string, string>): Promise<string> {
  const server = startServer(env);
  expect(await server.exited).toBe(2);
  const lines = server.output().trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

async function holdPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

/** A port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const { server, port } = await holdPort();
  await new Promise((r) => server.close(r));
  return port;
}

describe.runIf(process.env.TEST_DIALECT !== 'postgres')('start-up problems on SQLite', () => {
  it('a port in use stops the start before the database file is even created', async () => {
    const held = await holdPort();
    try {
      const file = join(dir, 'never', 'consenthub.db');
      const line = await failedStart({ DATABASE_URL: `sqlite:${file}`, PORT: String(held.port) });
      expect(line).toBe(
        `Cannot start: PORT ${held.port}: 127.0.0.1:${held.port} is already in use by another process. ` +
          'Stop that process or choose another PORT',
      );
      expect(existsSync(join(dir, 'never'))).toBe(false);
    } finally {
      held.server.close();
    }
  }, 40_000);

  it('a file that is not a SQLite database is named, and left as it was', async () => {
    const file = join(dir, 'not-a-database.txt');
    writeFileSync(file, 'just some text\n');
    const line = await failedStart({ DATABASE_URL: `sqlite:${file}` });
    expect(line).toMatch(
      /^Cannot start: DATABASE_URL names .*not-a-database\.txt, which is not a SQLite database\./,
    );
    expect(execFileSync('cat', [file], { encoding: 'utf8' })).toBe('just some text\n');
  }, 40_000);

  it('a directory that cannot be created (under /proc) is named, and the process exits', async () => {
    const line = await failedStart({ DATABASE_URL: 'sqlite:/proc/consenthub-nowhere/consenthub.db' });
    expect(line).toMatch(
      /^Cannot start: DATABASE_URL names \/proc\/consenthub-nowhere\/consenthub\.db, which cannot be opened \(.+\)\. Check the path/,
    );
  }, 40_000);
});

const testUrl = process.env.TEST_DATABASE_URL;

describe.runIf(process.env.TEST_DIALECT === 'postgres' && testUrl)('start-up problems on PostgreSQL', () => {
  const url = new URL(testUrl ?? 'postgres://localhost/none');
  const withDatabase = (name: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = async <T>(run: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: withDatabase('postgres') });
    await client.connect();
    try {
      return await run(client);
    } finally {
      await client.end();
    }
  };
  const databaseExists = (name: string) =>
    admin(
      async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1,
    );
  const suffix = `${process.pid}_${Date.now()}`;

  it('an unreachable server: one line naming DATABASE_URL, its host and port, and what to do', async () => {
    const port = await closedPort();
    const line = await failedStart({
      DATABASE_URL: `postgres://postgres:secret-pw@127.0.0.1:${port}/consenthub`,
    });
    expect(line).toBe(
      `Cannot start: DATABASE_URL points at 127.0.0.1:${port}, where no PostgreSQL server answers ` +
        '(ECONNREFUSED). Start PostgreSQL there or fix the host and port in DATABASE_URL',
    );
    expect(line).not.toContain('secret-pw');
  }, 40_000);

  it('a missing database: says how to create it, and does not create it', async () => {
    const name = `ch_startup_missing_${suffix}`;
    const line = await failedStart({ DATABASE_URL: withDatabase(name) });
    expect(line).toContain(`Cannot start: DATABASE_URL names database "${name}", which does not exist on`);
    expect(line).toContain(`Create it (createdb -h ${url.hostname} -p ${url.port || 5432} -U `);
    expect(await databaseExists(name)).toBe(false);
  }, 40_000);

  it('a port in use: stops before migrating, the database stays empty', async () => {
    const name = `ch_startup_port_${suffix}`;
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
    const held = await holdPort();
    try {
      const line = await failedStart({ DATABASE_URL: withDatabase(name), PORT: String(held.port) });
      expect(line).toContain(`Cannot start: PORT ${held.port}: 127.0.0.1:${held.port} is already in use`);
      const client = new pg.Client({ connectionString: withDatabase(name) });
      await client.connect();
      const tables = await client.query(
        "select table_name from information_schema.tables where table_schema = 'public'",
      );
      await client.end();
      expect(tables.rows).toEqual([]);
    } finally {
      held.server.close();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  }, 40_000);

  describe('a wrong password', () => {
    // The shared server trusts every local connection, so a private throwaway cluster with password
    // authentication (scram-sha-256) stands in for a production server.
    const cluster = join(dir, 'cluster');
    let port = 0;
    let postgres: ReturnType<typeof spawn> | undefined;
    const bin = (() => {
      try {
        return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
      } catch {
        return undefined;
      }
    })();
    const asPostgresUser = (file: string, args: string[]): [string, string[]] =>
      process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];

    beforeAll(async () => {
      if (!bin) return;
      execFileSync('mkdir', ['-p', cluster]);
      writeFileSync(join(dir, 'pw'), 'the-right-password\n');
      if (process.getuid?.() === 0) {
        const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
        const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
        for (const path of [dir, cluster, join(dir, 'pw')]) chownSync(path, uid, gid);
      }
      execFileSync(
        ...asPostgresUser(join(bin, 'initdb'), [
          '-D',
          cluster,
          '-U',
          'postgres',
          '--auth=scram-sha-256',
          `--pwfile=${join(dir, 'pw')}`,
        ]),
        { stdio: 'ignore' },
      );
      port = await closedPort();
      postgres = spawn(
        ...asPostgresUser(join(bin, 'postgres'), [
          '-D',
          cluster,
          '-p',
          String(port),
          '-k',
          cluster,
          '-c',
          'listen_addresses=127.0.0.1',
        ]),
        { stdio: 'ignore' },
      );
      await waitFor(() => {
        try {
          execFileSync(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
          return true;
        } catch {
          return undefined;
        }
      });
    }, 60_000);
    afterAll(() => {
      postgres?.kill('SIGINT');
    });

    it.runIf(bin)(
      'names the user and the server, never the password',
      async () => {
        const line = await failedStart({
          DATABASE_URL: `postgres://postgres:not-the-password@127.0.0.1:${port}/postgres`,
        });
        expect(line).toBe(
          `Cannot start: DATABASE_URL has a password that PostgreSQL at 127.0.0.1:${port} refuses for user ` +
            '"postgres". Fix the user and password in DATABASE_URL',
        );
        expect(line).not.toContain('not-the-password');
        // The right password passes the check (the start then goes on: stop it once it listens).
        const server = startServer({
          DATABASE_URL: `postgres://postgres:the-right-password@127.0.0.1:${port}/postgres`,
        });
        await waitFor(() => (/Server listening at/.test(server.output()) ? true : undefined));
        server.kill('SIGTERM');
        expect(await server.exited).toBe(0);
      },
      60_000,
    );
  });
});
