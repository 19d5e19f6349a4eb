// Runs a background job every interval; a failing run is logged and retried next time. Runs never overlap,
// and a run slower than the interval makes the timer skip, not queue up runs. stop() waits for the run in
// flight and then runs once more (so e.g. usage noted meanwhile is flushed), so shutdown never cuts a
// transaction in half. pause() holds runs back (the benchmark's bare-route slices, so the server's own
// background work is measured in the server's time); resume() runs at once what a paused tick skipped.
import type { Logger } from 'pino';

export interface JobLoop {
  stop(): Promise<void>;
  /** Runs the job once more, after the run in flight if there is one. */
  runNow(): Promise<void>;
  /** No run starts until resume(); resolves once the run in flight, if any, has finished. */
  pause(): Promise<void>;
  /** Lets runs start again; a tick that fell while paused runs now. */
  resume(): void;
}

export function startJobLoop(
  name: string,
  intervalMs: number,
  run: () => Promise<unknown>,
  logger: Logger,
): JobLoop {
  let inFlight: Promise<void> = Promise.resolve();
  let queued = 0;
  let stopped = false;
  let paused = false;
  let missedTick = false;
  const runOnce = async () => {
    try {
      if (stopped) return;
      const result = await run();
      if (typeof result === 'number' && result > 0) logger.info({ job: name, count: result }, `${name} done`);
    } catch (error) {
      logger.error({ job: name, err: error }, `${name} failed`);
    } finally {
      queued -= 1;
    }
  };
  const enqueue = () => {
    queued += 1;
    inFlight = inFlight.then(runOnce);
    return inFlight;
  };
  const tick = () => {
    if (paused) missedTick = true;
    else if (queued === 0) void enqueue();
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      if (stopped) return inFlight;
      await enqueue();
      stopped = true;
      await inFlight;
    },
    runNow: enqueue,
    pause() {
      paused = true;
      return inFlight;
    },
    resume() {
      paused = false;
      if (missedTick) {
        missedTick = false;
        tick();
      }
    },
  };
}
