// Fastify gives every request a child logger bound to its interaction id. pino serialises a child's
// bindings when the child is made (a few µs, redaction included), yet most requests never log: on the
// gateway's hot path that was a cost per call for nothing. lazyChildLoggerFactory makes the pino child on
// the first log call that the level lets through.
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify';
import type { Bindings, Logger } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
type Write = (...args: unknown[]) => void;

class LazyChildLogger {
  private made: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly own: Bindings,
  ) {}

  /** The pino child; made once, on first need. */
  private real(): Logger {
    return (this.made ??= this.parent.child(this.own));
  }

  private write(level: Level, args: unknown[]): void {
    const target = this.made ?? this.parent;
    if (!target.isLevelEnabled(level)) return;
    (this.real()[level] as Write)(...args);
  }

  get level(): string {
    return (this.made ?? this.parent).level;
  }

  set level(level: string) {
    this.real().level = level;
  }

  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level);
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(...args: Parameters<FastifyBaseLogger['child']>): FastifyBaseLogger {
    return this.real().child(...args);
  }

  bindings(): Bindings {
    return { ...this.parent.bindings(), ...this.own };
  }
}

/** A Fastify childLoggerFactory: a lazy child, unless the route sets its own log options (level). */
export const lazyChildLoggerFactory: NonNullable<FastifyServerOptions['childLoggerFactory']> = function (
  logger,
  bindings,
  options,
) {
  if (Object.keys(options).length > 0) return logger.child(bindings, options);
  // Our loggers are pino's (buildApp passes ctx.logger).
  return new LazyChildLogger(logger as Logger, bindings) as unknown as FastifyBaseLogger;
};
