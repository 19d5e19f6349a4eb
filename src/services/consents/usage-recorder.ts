// The validation hot path notes each consent's last use in memory; a job flushes the batch, so a gateway
// call never waits on a write.

/** How stale a consent's recorded last-usage time may be before a use records a newer one. */
export const LAST_USAGE_RESOLUTION_MS = 60_000;

export class UsageRecorder {
  private pending = new Map<string, number>();

  /**
   * Notes a use at `at` of a consent whose recorded last use is `lastUsageAt`. Last usage is kept to the
   * minute: a use within LAST_USAGE_RESOLUTION_MS of the recorded one is not noted, so a hot consent costs
   * no write per flush.
   */
  note(consentId: string, at: number, lastUsageAt: number | null): void {
    if (lastUsageAt !== null && at - lastUsageAt < LAST_USAGE_RESOLUTION_MS) return;
    this.pending.set(consentId, at);
  }

  /** Takes the batch collected so far. */
  drain(): Map<string, number> {
    const batch = this.pending;
    this.pending = new Map();
    return batch;
  }

  get size(): number {
    return this.pending.size;
  }
}
