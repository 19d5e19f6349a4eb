// SCA challenges of OBP consents (obp_sca_challenges): the code only as a salted hash.
import type { Kysely, Selectable } from 'kysely';
import type { ObpScaChallenge } from '../../domain/obp-consent.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { ObpScaChallengesTable } from '../tables/obp-tables.js';

function toChallenge(row: Selectable<ObpScaChallengesTable>): ObpScaChallenge {
  return {
    consentId: row.consent_id,
    channel: row.channel as ObpScaChallenge['channel'],
    recipient: row.recipient,
    codeSalt: row.code_salt,
    codeHash: row.code_hash,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    answeredAt: row.answered_at,
    outcome: row.outcome as ObpScaChallenge['outcome'],
  };
}

export class ObpScaChallengeRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(challenge: ObpScaChallenge): Promise<void> {
    await this.db
      .insertInto('obp_sca_challenges')
      .values({
        consent_id: challenge.consentId,
        channel: challenge.channel,
        recipient: challenge.recipient,
        code_salt: challenge.codeSalt,
        code_hash: challenge.codeHash,
        created_at: challenge.createdAt,
        expires_at: challenge.expiresAt,
        answered_at: challenge.answeredAt,
        outcome: challenge.outcome,
      })
      .execute();
  }

  async find(consentId: string): Promise<ObpScaChallenge | undefined> {
    const row = await this.db
      .selectFrom('obp_sca_challenges')
      .selectAll()
      .where('consent_id', '=', consentId)
      .executeTakeFirst();
    return row && toChallenge(row);
  }

  /**
   * Records the first answer: true when this call decided, false when another answer already had (the
   * update only touches an unanswered challenge, so racing answers are decided once).
   */
  async recordAnswer(consentId: string, outcome: 'ACCEPTED' | 'REJECTED', at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('obp_sca_challenges')
      .set({ answered_at: at, outcome })
      .where('consent_id', '=', consentId)
      .where('answered_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
