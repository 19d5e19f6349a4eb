// SMS one-time codes through an HTTP gateway: POST SMS_GATEWAY_URL, JSON {to, text}, Bearer SMS_GATEWAY_TOKEN.
import type { OtpMessage } from '../domain/otp-message.js';
import { OtpDeliveryError, type OtpChannelTransport } from './otp-transport.js';

const TIMEOUT_MS = 10_000;

export class HttpSmsTransport implements OtpChannelTransport {
  readonly name = 'http' as const;
  readonly channels = ['SMS'] as const;

  constructor(
    private readonly url: string,
    private readonly token: string | undefined,
  ) {}

  async send(message: OtpMessage): Promise<void> {
    let status: number;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'error',
      });
      status = response.status;
      // Drain the body so the connection is released; its content is not ours to log.
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      throw new OtpDeliveryError('SMS', 'http', `the SMS gateway is unreachable (${(error as Error).name})`);
    }
    if (status < 200 || status >= 300)
      throw new OtpDeliveryError('SMS', 'http', `the SMS gateway answered HTTP ${status}`);
  }
}
