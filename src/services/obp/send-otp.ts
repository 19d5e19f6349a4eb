// Sends a one-time-code message by the configured transport; a failure is `otp.send_failed` (OBP-35010).
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { OtpMessage } from '../../domain/otp-message.js';
import { OtpDeliveryError } from '../../integrations/otp-sender.js';

export async function sendOtp(ctx: AppContext, message: OtpMessage): Promise<void> {
  try {
    await ctx.integrations.otpSender.send(message);
  } catch (error) {
    if (error instanceof OtpDeliveryError) throw new DomainError('otp.send_failed', message.to);
    throw error;
  }
}

/** The dev outbox, newest first (admins only; holds codes). */
export async function listDevOutbox(ctx: AppContext, options: { to?: string; limit: number }) {
  return ctx.storage.repos.devOutbox.list(options);
}
