// EMAIL one-time codes through an SMTP server (nodemailer; SMTP_URL, SMTP_FROM).
import nodemailer, { type Transporter } from 'nodemailer';
import type { OtpMessage } from '../domain/otp-message.js';
import { OtpDeliveryError, type OtpChannelTransport } from './otp-transport.js';

export class SmtpOtpTransport implements OtpChannelTransport {
  readonly name = 'smtp' as const;
  readonly channels = ['EMAIL'] as const;
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    // Pooled: a burst of consents reuses connections. Bounded waits: a dead server fails the call, not hangs it.
    this.transporter = nodemailer.createTransport({
      url,
      pool: true,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
      logger: false,
    } as Parameters<typeof nodemailer.createTransport>[0]);
  }

  async send(message: OtpMessage): Promise<void> {
    try {
      await this.transporter.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    } catch (error) {
      const code =
        (error as { code?: string; responseCode?: number }).responseCode ?? (error as { code?: string }).code;
      throw new OtpDeliveryError(
        'EMAIL',
        'smtp',
        `the SMTP server did not accept the message (${code ?? 'error'})`,
      );
    }
  }

  close(): void {
    this.transporter.close();
  }
}
