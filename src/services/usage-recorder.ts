// The validation hot path notes each consent's last use in memory; a job flushes the batch, so a gateway
// call never waits on a write.

export class UsageRecorder {
  private pending = new Map<string, number>();

  note(consentId: string, at: number): void {
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
