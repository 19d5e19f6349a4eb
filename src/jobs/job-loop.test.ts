// The background job loop: runs every interval, never overlaps, does not pile up runs behind a slow one,
// survives failures, and stop() waits for the run in flight and runs once more.
import type { Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startJobLoop } from './job-loop.js';

const INTERVAL = 1000;

function fakeLogger() {
  const logger = { info: vi.fn(), error: vi.fn() };
  return { logger, asLogger: logger as unknown as Logger };
}

/** A job whose runs finish only when the test says so. */
function controllableJob() {
  const releases: (() => void)[] = [];
  let running = 0;
  let maxConcurrent = 0;
  let started = 0;
  const run = vi.fn(async () => {
    started += 1;
    running += 1;
    maxConcurrent = Math.max(maxConcurrent, running);
    await new Promise<void>((resolve) => releases.push(resolve));
    running -= 1;
    return 0;
  });
  return {
    run,
    get started() {
      return started;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    releaseAll() {
      for (const release of releases.splice(0)) release();
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startJobLoop', () => {
  it('runs the job once per interval', async () => {
    const { asLogger } = fakeLogger();
    const run = vi.fn(async () => 0);
    const loop = startJobLoop('test', INTERVAL, run, asLogger);
    await vi.advanceTimersByTimeAsync(INTERVAL - 1);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2 * INTERVAL);
    expect(run).toHaveBeenCalledTimes(3);
    await loop.stop();
  });

  it('never overlaps runs, and skips ticks while a slow run is in flight', async () => {
    const { asLogger } = fakeLogger();
    const job = controllableJob();
    const loop = startJobLoop('slow', INTERVAL, job.run, asLogger);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(job.started).toBe(1);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    expect(job.started).toBe(1);
    job.releaseAll();
    await vi.advanceTimersByTimeAsync(0);
    // Nothing queued up behind the slow run: the next run waits for the next tick.
    expect(job.started).toBe(1);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(job.started).toBe(2);
    expect(job.maxConcurrent).toBe(1);
    job.releaseAll();
    const stopped = loop.stop();
    await vi.advanceTimersByTimeAsync(0);
    job.releaseAll();
    await stopped;
    expect(job.maxConcurrent).toBe(1);
  });

  it('logs a failing run and runs again at the next tick', async () => {
    const { logger, asLogger } = fakeLogger();
    const run = vi.fn().mockRejectedValueOnce(new Error('database down')).mockResolvedValue(3);
    const loop = startJobLoop('flaky', INTERVAL, run, asLogger);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(logger.error).toHaveBeenCalledWith(
      expect.objectContaining({ job: 'flaky', err: expect.any(Error) }),
      'flaky failed',
    );
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(run).toHaveBeenCalledTimes(2);
    expect(logger.info).toHaveBeenCalledWith({ job: 'flaky', count: 3 }, 'flaky done');
    await loop.stop();
  });

  it('does not log runs that did nothing', async () => {
    const { logger, asLogger } = fakeLogger();
    const loop = startJobLoop('idle', INTERVAL, async () => 0, asLogger);
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(logger.info).not.toHaveBeenCalled();
    await loop.stop();
  });

  it('stop() waits for the run in flight, runs once more, and then never again', async () => {
    const { asLogger } = fakeLogger();
    const job = controllableJob();
    const loop = startJobLoop('stopping', INTERVAL, job.run, asLogger);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(job.started).toBe(1);
    let done = false;
    const stopped = loop.stop().then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toBe(false);
    job.releaseAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(job.started).toBe(2); // the final run
    expect(done).toBe(false);
    job.releaseAll();
    await stopped;
    expect(done).toBe(true);
    await vi.advanceTimersByTimeAsync(10 * INTERVAL);
    await loop.runNow();
    expect(job.started).toBe(2);
    await loop.stop();
    expect(job.started).toBe(2);
  });

  it('runNow() runs at once, after the run in flight', async () => {
    const { asLogger } = fakeLogger();
    const run = vi.fn(async () => 0);
    const loop = startJobLoop('manual', INTERVAL, run, asLogger);
    await loop.runNow();
    expect(run).toHaveBeenCalledTimes(1);
    await loop.stop();
    expect(run).toHaveBeenCalledTimes(2);
  });
});

describe('startJobLoop pause and resume', () => {
  it('holds runs back while paused and runs a skipped tick on resume', async () => {
    const { asLogger } = fakeLogger();
    const run = vi.fn(async () => 0);
    const loop = startJobLoop('test', INTERVAL, run, asLogger);
    await loop.pause();
    await vi.advanceTimersByTimeAsync(3 * INTERVAL);
    expect(run).not.toHaveBeenCalled();
    loop.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(run).toHaveBeenCalledTimes(2);
    await loop.stop();
  });

  it('waits for the run in flight, and resumes without a run when no tick was skipped', async () => {
    const { asLogger } = fakeLogger();
    const job = controllableJob();
    const loop = startJobLoop('test', INTERVAL, job.run, asLogger);
    await vi.advanceTimersByTimeAsync(INTERVAL);
    expect(job.started).toBe(1);
    let pausedDone = false;
    const paused = loop.pause().then(() => (pausedDone = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(pausedDone).toBe(false);
    job.releaseAll();
    await paused;
    expect(pausedDone).toBe(true);
    loop.resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(job.started).toBe(1);
    const stopping = loop.stop();
    await vi.advanceTimersByTimeAsync(0);
    job.releaseAll();
    await stopping;
  });
});
