import type { AppContext } from '../../context.js';

/** Flushes the last-usage times noted by validateConsent (run by a job, and at shutdown). */
export async function flushConsentUsage(ctx: AppContext): Promise<number> {
  const batch = ctx.usage.drain();
  if (batch.size > 0) await ctx.storage.repos.consentWriter.recordUsage(batch);
  return batch.size;
}
