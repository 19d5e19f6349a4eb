// Runs a background job every interval; a failing run is logged and retried next time. stop() waits for
// the run in flight so shutdown never cuts a transaction in half.
import type { Logger } from 'pino';

export interface JobLoop {
  stop(): Promise<void>;
  runNow(): Promise<void>;
}

export function startJobLoop(
  name: string,
  intervalMs: number,
  run: () => Promise<unknown>,
  logger: Logger,
): JobLoop {
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;
  const tick = () => {
    inFlight = inFlight.then(async () => {
      if (stopped) return;
      try {
        const result = await run();
        if (typeof result === 'number' && result > 0)
          logger.info({ job: name, count: result }, `${name} done`);
      } catch (error) {
        logger.error({ job: name, err: error }, `${name} failed`);
      }
    });
    return inFlight;
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await tick();
      stopped = true;
      await inFlight;
    },
    runNow: tick,
  };
}
