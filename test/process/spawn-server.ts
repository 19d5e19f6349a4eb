// Runs src/main.ts as a real child process (as `npm run dev` does, without the watcher) and collects what
// it prints, for the tests of start-up, banner and shutdown.
import { spawn } from 'node:child_process';
import { onTestFinished } from 'vitest';

export interface ServerProcess {
  pid: number;
  exited: Promise<number | null>;
  output(): string;
  kill(signal?: NodeJS.Signals): void;
}

export function startServer(
  env: Record<string, string>,
  options: { command?: string[]; cwd?: string } = {},
): ServerProcess {
  const [file, ...args] = options.command ?? [process.execPath, '--import', 'tsx', 'src/main.ts'];
  const child = spawn(file!, args, {
    cwd: options.cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      PUBLIC_BASE_URL: 'http://127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running = false;
      resolve(code);
    }),
  );
  // A test that fails or times out never leaves its server behind.
  onTestFinished(() => {
    if (running) child.kill('SIGKILL');
  });
  return { pid: child.pid!, exited, output: () => output, kill: (signal) => child.kill(signal) };
}

export async function waitFor<T>(probe: () => T | undefined, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The URL of the first "Server listening at" line matching `label` (default: the main server). */
export function listeningUrl(server: ServerProcess, label = 'Server listening at'): Promise<string> {
  const pattern = new RegExp(`${label} (http://127\\.0\\.0\\.1:\\d+)`);
  return waitFor(() => pattern.exec(server.output())?.[1]);
}
