// Consent requests of OBP consumers (obp_consent_requests) and the limits of VRP ones (obp_vrp_limits).
import type { Kysely, Selectable } from 'kysely';
import type {
  ObpConsentRequest,
  ObpConsentRequestType,
  ObpVrpLimits,
  ObpVrpTerms,
} from '../../domain/obp-consent.js';
import { fromJson, toJson } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { ObpConsentRequestsTable, ObpVrpLimitsTable } from '../tables/obp-tables.js';

type VrpRow = Omit<Selectable<ObpVrpLimitsTable>, 'consent_request_id'>;

function limitsOf(row: VrpRow): ObpVrpLimits {
  return {
    currency: row.currency,
    max_single_amount: row.max_single_amount,
    max_monthly_amount: row.max_monthly_amount,
    max_number_of_monthly_transactions: row.max_number_of_monthly_transactions,
    max_yearly_amount: row.max_yearly_amount,
    max_number_of_yearly_transactions: row.max_number_of_yearly_transactions,
    max_total_amount: row.max_total_amount,
    max_number_of_transactions: row.max_number_of_transactions,
  };
}

function toRequest(
  row: Selectable<ObpConsentRequestsTable>,
  vrp: (VrpRow & { counterparty_name: string | null }) | undefined,
): ObpConsentRequest {
  const payload = fromJson<Record<string, unknown>>(row.payload, {});
  let terms: ObpVrpTerms | null = null;
  if (vrp) {
    const stored = payload as unknown as ObpVrpTerms;
    // The limits and the counterparty name come from their own columns (exact decimals).
    terms = {
      from_account: stored.from_account,
      to_account: { ...stored.to_account, counterparty_name: vrp.counterparty_name, limit: limitsOf(vrp) },
    };
  }
  return {
    consentRequestId: row.consent_request_id,
    consumerId: row.consumer_id,
    type: row.request_type as ObpConsentRequestType,
    payload: terms ? { ...payload, ...terms } : payload,
    createdAt: row.created_at,
    usedAt: row.used_at,
    consentId: row.consent_id,
    vrp: terms,
  };
}

export class ObpConsentRequestRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(request: ObpConsentRequest): Promise<void> {
    await this.db
      .insertInto('obp_consent_requests')
      .values({
        consent_request_id: request.consentRequestId,
        consumer_id: request.consumerId,
        request_type: request.type,
        payload: toJson(request.payload),
        created_at: request.createdAt,
        used_at: request.usedAt,
        consent_id: request.consentId,
      })
      .execute();
    if (request.vrp) {
      const { limit, counterparty_name } = request.vrp.to_account;
      await this.db
        .insertInto('obp_vrp_limits')
        .values({ consent_request_id: request.consentRequestId, counterparty_name, ...limit })
        .execute();
    }
  }

  async findById(consentRequestId: string): Promise<ObpConsentRequest | undefined> {
    const row = await this.db
      .selectFrom('obp_consent_requests')
      .selectAll()
      .where('consent_request_id', '=', consentRequestId)
      .executeTakeFirst();
    if (!row) return undefined;
    const vrp =
      row.request_type === 'vrp'
        ? await this.db
            .selectFrom('obp_vrp_limits')
            .selectAll()
            .where('consent_request_id', '=', consentRequestId)
            .executeTakeFirst()
        : undefined;
    return toRequest(row, vrp);
  }

  /** Marks the request used by this consent: false when it already was (a request is used once). */
  async markUsed(consentRequestId: string, consentId: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('obp_consent_requests')
      .set({ used_at: at, consent_id: consentId })
      .where('consent_request_id', '=', consentRequestId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
