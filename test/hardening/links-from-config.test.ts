// Issue 13 item 5: absolute links come from configuration only. A forged Host header never reaches
// Links.Self; demo mode defaults to http://localhost:PORT; outside demo mode the server refuses to start
// without PUBLIC_BASE_URL.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requirePublicBaseUrl } from '../../src/config.js';
import { createManageHarness, MANAGE } from '../helpers/manage-api.js';
import { sampleBody } from '../helpers/ob-samples.js';

describe('links from configuration only', () => {
  it.each([
    [{}, 'http://localhost:8080'],
    [{ PORT: '9090' }, 'http://localhost:9090'],
    [{ PUBLIC_BASE_URL: 'https://api.bank.example/' }, 'https://api.bank.example'],
  ])('demo mode %o: links start with %s', (env, base) => {
    expect(requirePublicBaseUrl(loadConfig(env)).publicBaseUrl).toBe(base);
  });

  it('outside demo mode there is no default: the server needs PUBLIC_BASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db' });
    expect(config.publicBaseUrl).toBeUndefined();
    expect(() => requirePublicBaseUrl(config)).toThrow(ConfigError);
    expect(() => requirePublicBaseUrl(config)).toThrow(/PUBLIC_BASE_URL must be set outside demo mode/);
    expect(
      requirePublicBaseUrl(
        loadConfig({ DATABASE_URL: 'postgres://u@h/db', PUBLIC_BASE_URL: 'https://x.example' }),
      ).publicBaseUrl,
    ).toBe('https://x.example');
  });

  it('Host: evil.example does not reach Links.Self (create and retrieve)', async () => {
    const h = await createManageHarness();
    try {
      const created = await h.send('POST', 'account-access-consents', {
        payload: sampleBody('account-access-consents'),
        headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().Data.ConsentId as string;
      const self = `http://localhost:8080${MANAGE}/account-access-consents/${id}`;
      expect(created.json().Links).toEqual({ Self: self });
      const read = await h.send('GET', `account-access-consents/${id}`, {
        headers: { host: 'evil.example' },
      });
      expect(read.json().Links).toEqual({ Self: self });
      expect(created.body + read.body).not.toContain('evil.example');
    } finally {
      await h.close();
    }
  });
});

describe('the server process outside demo mode', () => {
  const dir = mkdtempSync(join(tmpdir(), 'consenthub-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start without PUBLIC_BASE_URL, naming it, and exits 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
        DEMO_DATA: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(2);
    expect(output).toContain('PUBLIC_BASE_URL must be set outside demo mode');
  });
});
