// A one-time-code message to a PSU, and its copy in the dev outbox.

export type OtpChannel = 'EMAIL' | 'SMS';

export interface OtpMessage {
  channel: OtpChannel;
  /** E-mail address or phone number. */
  to: string;
  subject: string;
  text: string;
  /** The code itself: kept only by the dev outbox, never logged. */
  code: string;
  consentId: string | null;
}

export interface OutboxMessage extends Omit<OtpMessage, 'code'> {
  messageId: string;
  code: string | null;
  createdAt: number;
}
