// Where one-time codes go (OTP_TRANSPORT): EMAIL by SMTP, SMS by an HTTP gateway, or both into the dev outbox.
// One interface (otp-transport.ts); a failed send is an OtpDeliveryError, which the use case turns into OBP-35010.
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Ids } from '../ids.js';
import type { OtpMessage } from '../domain/otp-message.js';
import { HttpSmsTransport } from './http-sms-transport.js';
import { OtpDeliveryError, type OtpChannelTransport, type OtpSender } from './otp-transport.js';
import { OutboxOtpTransport, type DevOutbox } from './outbox-otp-transport.js';
import { SmtpOtpTransport } from './smtp-otp-transport.js';

/**
 * Sends each message by the first configured transport serving its channel. A failure is logged without the
 * text, the code or the recipient, and rethrown as an OtpDeliveryError.
 */
export class ChannelOtpSender implements OtpSender {
  constructor(
    private readonly transports: readonly OtpChannelTransport[],
    private readonly logger: Logger,
  ) {}

  async send(message: OtpMessage): Promise<void> {
    const transport = this.transports.find((t) => t.channels.includes(message.channel));
    if (!transport) {
      this.logger.error({ channel: message.channel }, 'no OTP transport serves this channel (OTP_TRANSPORT)');
      throw new OtpDeliveryError(message.channel, 'none', 'no transport is configured for this channel');
    }
    try {
      await transport.send(message);
    } catch (error) {
      const reason = error instanceof OtpDeliveryError ? error.message : (error as Error).name;
      this.logger.warn(
        { channel: message.channel, transport: transport.name, reason },
        'OTP delivery failed',
      );
      throw error instanceof OtpDeliveryError
        ? error
        : new OtpDeliveryError(message.channel, transport.name, 'the transport refused the message');
    }
  }

  close(): void {
    for (const transport of this.transports) transport.close?.();
  }
}

export function createOtpSender(
  config: Config,
  parts: { outbox: DevOutbox; ids: Ids; now: () => number; logger: Logger },
): ChannelOtpSender {
  const transports = config.otpTransports.map((name): OtpChannelTransport => {
    switch (name) {
      case 'smtp':
        return new SmtpOtpTransport(config.smtpUrl!, config.smtpFrom);
      case 'http':
        return new HttpSmsTransport(config.smsGatewayUrl!, config.smsGatewayToken);
      case 'outbox':
        return new OutboxOtpTransport(parts.outbox, parts.ids, parts.now);
    }
  });
  return new ChannelOtpSender(transports, parts.logger);
}

export { OtpDeliveryError, type OtpSender } from './otp-transport.js';
