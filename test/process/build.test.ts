// The production build (item 3 of issue 12): `npm run build:server` compiles src/ without the tests, and
// `npm start` runs the compiled server with node alone, so a SIGTERM to the started process (npm's pid)
// stops the server gracefully. Built into a scratch copy of the package, leaving the working dist/ alone.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listeningUrl, startServer, waitFor } from './spawn-server.js';

const dir = mkdtempSync(join(tmpdir(), 'consenthub-build-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(process.env.TEST_DIALECT !== 'postgres')('the production build', () => {
  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-server.mjs', '--out-dir', join(dir, 'dist')], {
      stdio: 'pipe',
    });
    copyFileSync('package.json', join(dir, 'package.json'));
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  }, 240_000);

  it('compiles the server and its data files, and no tests', () => {
    const files = readdirSync(join(dir, 'dist'), { recursive: true }).map(String);
    expect(files).toContain('main.js');
    expect(files).toContain('cli.js');
    expect(files.filter((f) => f.endsWith('.json')).length).toBeGreaterThan(0);
    expect(files.filter((f) => /\.test\.js$/.test(f))).toEqual([]);
    expect(existsSync(join(dir, 'dist', 'test'))).toBe(false);
  });

  it('npm start serves from dist/ and a SIGTERM to its pid stops the server gracefully', async () => {
    const server = startServer(
      { DATABASE_URL: `sqlite:${join(dir, 'data', 'consenthub.db')}`, HOME: dir },
      { command: ['npm', 'start'], cwd: dir },
    );
    const url = await listeningUrl(server);
    expect(server.output()).toContain('node dist/main.js');
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
    const serverPid = Number(/"pid":(\d+)/.exec(server.output())![1]);
    expect(serverPid).not.toBe(server.pid);
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('"msg":"bye"');
    // The node process that served is gone too, not orphaned.
    await waitFor(() => {
      try {
        process.kill(serverPid, 0);
        return undefined;
      } catch {
        return true;
      }
    }, 10_000);
    await expect(fetch(`${url}/health/live`)).rejects.toThrow();
  }, 90_000);

  it('the CLI runs from dist/ too', () => {
    const out = execFileSync('npm', ['run', '--silent', 'cli', '--', 'migrate'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DATABASE_URL: `sqlite:${join(dir, 'cli.db')}` },
      encoding: 'utf8',
    });
    expect(out).toContain('database is up to date');
    expect(existsSync(join(dir, 'cli.db'))).toBe(true);
  }, 60_000);
});
