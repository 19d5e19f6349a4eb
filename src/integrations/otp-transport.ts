// The one interface of one-time-code senders, and their typed failure.
import type { OtpTransport } from '../config.js';
import type { OtpChannel, OtpMessage } from '../domain/otp-message.js';

export interface OtpSender {
  send(message: OtpMessage): Promise<void>;
}

/** A transport serving some channels. */
export interface OtpChannelTransport extends OtpSender {
  readonly name: OtpTransport;
  readonly channels: readonly OtpChannel[];
  close?(): void;
}

/** Why a message could not be sent; never carries the message text (it holds the code). */
export class OtpDeliveryError extends Error {
  constructor(
    readonly channel: OtpChannel,
    readonly transport: OtpTransport | 'none',
    reason: string,
  ) {
    super(`${channel} via ${transport}: ${reason}`);
    this.name = 'OtpDeliveryError';
  }
}
