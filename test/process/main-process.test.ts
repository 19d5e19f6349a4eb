// The real process: starts on a fresh SQLite file with demo data, serves, and shuts down cleanly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listeningUrl, startServer, waitFor } from './spawn-server.js';

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

  it('with its own ADMIN_PASSWORD the banner prints no demo admin login, names the admin instead', async () => {
    const server = startServer({
      DATABASE_URL: `sqlite:${join(dir, 'own-admin.db')}`,
      ADMIN_USERNAME: 'admin',
      ADMIN_PASSWORD: 'my-own-password',
    });
    const url = await listeningUrl(server);
    const banner = server.output();
    expect(banner).not.toContain('operator admin / demo-admin-password');
    expect(banner).toContain(
      'demo account without its demo login: operator admin keeps its own password (the demo password does not work)',
    );
    expect(banner).toContain('demo login: operator gateway / demo-gateway-password (consent-manager)');
    const asAdmin = (password: string) =>
      fetch(`${url}/admin/clients`, {
        headers: { authorization: `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` },
      });
    expect((await asAdmin('my-own-password')).status).toBe(200);
    expect((await asAdmin('demo-admin-password')).status).toBe(401);
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  }, 60_000);

  it('with OPS_PORT, health and metrics answer on that port only', async () => {
    const server = startServer({ DATABASE_URL: ':memory:', DEMO_DATA: 'false', OPS_PORT: '0' });
    const url = await listeningUrl(server);
    const opsUrl = await waitFor(
      () => /"server":"ops".*?Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())?.[1],
    );
    expect(opsUrl).not.toBe(url);
    expect(server.output()).toContain('health and metrics on OPS_PORT only');
    expect((await fetch(`${opsUrl}/health/ready`)).status).toBe(200);
    const metrics = await fetch(`${opsUrl}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('consenthub_consents');
    for (const path of ['/metrics', '/health/ready']) expect((await fetch(`${url}${path}`)).status).toBe(404);
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await expect(fetch(`${opsUrl}/health/live`)).rejects.toThrow();
  }, 60_000);

  it('refuses to start on a bad setting, naming the variable', async () => {
    const server = startServer({ DATABASE_URL: ':memory:', PORT: 'eighty' });
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('PORT');
  }, 30_000);
});
