// Checked before the database is touched, so a port in use stops the start with nothing written.
import { createServer } from 'node:net';
import { StartupError } from './startup-error.js';

/** Binds host:port for a moment. Port 0 (any free port) always passes. */
export async function ensurePortFree(setting: string, host: string, port: number): Promise<void> {
  if (port === 0) return;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(portProblem(setting, host, port, error)));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** One line for a listen failure, here or when the server itself listens. */
export function portProblem(
  setting: string,
  host: string,
  port: number,
  error: NodeJS.ErrnoException,
): Error {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartupError(
        setting,
        `${port}: ${where} is already in use by another process`,
        `Stop that process or choose another ${setting}`,
      );
    case 'EACCES':
      return new StartupError(
        setting,
        `${port}: this user may not listen on ${where}`,
        `Choose a ${setting} above 1023`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new StartupError(
        'HOST',
        `${host}: no such address on this machine`,
        'Set HOST to one of its addresses, 0.0.0.0 or 127.0.0.1',
      );
    default:
      return error;
  }
}
