import { describe, expect, it } from 'vitest';
import { LAST_USAGE_RESOLUTION_MS, UsageRecorder } from './usage-recorder.js';

describe('UsageRecorder', () => {
  it('notes a consent never used before', () => {
    const usage = new UsageRecorder();
    usage.note('c1', 1000, null);
    expect(usage.drain()).toEqual(new Map([['c1', 1000]]));
    expect(usage.size).toBe(0);
  });

  it('keeps last usage to the minute: a use within the resolution of the recorded one is not noted', () => {
    const usage = new UsageRecorder();
    usage.note('c1', 1000 + LAST_USAGE_RESOLUTION_MS - 1, 1000);
    expect(usage.size).toBe(0);
    usage.note('c1', 1000 + LAST_USAGE_RESOLUTION_MS, 1000);
    expect(usage.drain()).toEqual(new Map([['c1', 1000 + LAST_USAGE_RESOLUTION_MS]]));
  });

  it('keeps the latest of several notes before a flush', () => {
    const usage = new UsageRecorder();
    usage.note('c1', 1000, null);
    usage.note('c1', 2000, null);
    expect(usage.drain()).toEqual(new Map([['c1', 2000]]));
  });
});
