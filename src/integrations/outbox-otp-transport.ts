// The dev outbox: messages (codes included) are kept in a table admins read at GET /admin/dev/outbox.
// For demo mode and test environments only: whoever is admin can read every code.
import type { Ids } from '../ids.js';
import type { OtpMessage, OutboxMessage } from '../domain/otp-message.js';
import type { OtpChannelTransport } from './otp-transport.js';

/** Where the dev outbox keeps its messages (the dev_outbox repository, handed in by the composition root). */
export interface DevOutbox {
  insert(message: OutboxMessage): Promise<void>;
}

export class OutboxOtpTransport implements OtpChannelTransport {
  readonly name = 'outbox' as const;
  readonly channels = ['EMAIL', 'SMS'] as const;

  constructor(
    private readonly outbox: DevOutbox,
    private readonly ids: Ids,
    private readonly now: () => number,
  ) {}

  async send(message: OtpMessage): Promise<void> {
    // Time-ordered ids keep "newest first" exact among messages of one millisecond.
    await this.outbox.insert({ ...message, messageId: this.ids.sortable(), createdAt: this.now() });
  }
}
