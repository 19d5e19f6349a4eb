import type { Kysely } from 'kysely';
import type { FundsConfirmation } from '../../domain/funds-confirmation.js';
import { fromDbBool, toDbBool } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

export class FundsConfirmationRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(confirmation: FundsConfirmation): Promise<void> {
    await this.db
      .insertInto('funds_confirmations')
      .values({
        funds_confirmation_id: confirmation.fundsConfirmationId,
        consent_id: confirmation.consentId,
        client_id: confirmation.clientId,
        account_id: confirmation.accountId,
        reference: confirmation.reference,
        amount: confirmation.amount,
        currency: confirmation.currency,
        funds_available: toDbBool(confirmation.fundsAvailable),
        created_at: confirmation.createdAt,
      })
      .execute();
  }

  async listForConsent(consentId: string): Promise<FundsConfirmation[]> {
    const rows = await this.db
      .selectFrom('funds_confirmations')
      .selectAll()
      .where('consent_id', '=', consentId)
      .orderBy('created_at')
      .orderBy('funds_confirmation_id')
      .execute();
    return rows.map((r) => ({
      fundsConfirmationId: r.funds_confirmation_id,
      consentId: r.consent_id,
      clientId: r.client_id,
      accountId: r.account_id,
      reference: r.reference,
      amount: r.amount,
      currency: r.currency,
      fundsAvailable: fromDbBool(r.funds_available),
      createdAt: r.created_at,
    }));
  }
}
