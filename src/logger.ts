import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config.js';

/** Structured JSON logs (to stdout unless told); credentials and secrets are redacted wherever they appear. */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.password',
          '*.clientSecret',
          '*.client_secret',
          '*.secret',
          '*.otp',
          '*.code',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
