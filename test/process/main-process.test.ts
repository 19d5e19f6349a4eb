// The real process: starts on a fresh SQLite file with demo data, serves, and shuts down cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listeningUrl, startServer } from './spawn-server.js';

const dir = mkdtempSync(join(tmpdir(), 'consenthub-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(process.env.TEST_DIALECT !== 'postgres')('main process', () => {
  it('starts on a fresh SQLite file with demo logins, serves, and exits 0 on SIGTERM', async () => {
    const server = startServer({ DATABASE_URL: `sqlite:${join(dir, 'nested', 'consenthub.db')}` });
    const url = await listeningUrl(server);
    expect(server.output()).toContain('demo login: operator admin / demo-admin-password');
    const ready = await fetch(`${url}/health/ready`);
    expect(ready.status).toBe(200);
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('shutting down');
  }, 40_000);

  it('refuses to start on a bad setting, naming the variable', async () => {
    const server = startServer({ DATABASE_URL: ':memory:', PORT: 'eighty' });
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('PORT');
  }, 30_000);
});
