// answerConsentChallenge: the first answer decides. The right code in time moves the consent INITIATED ->
// ACCEPTED, a wrong or late one INITIATED -> REJECTED; any later answer changes nothing and says the
// status. One transaction: the consent row is locked first (PostgreSQL; SQLite runs one write transaction
// at a time), and the challenge is claimed by a conditional update, so racing answers are decided once.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { transitionConsent } from '../consents/transition-consent.js';
import { isConsentId } from '../consents/load-bound-consent.js';
import { loadObpConsent, type ObpConsentView } from './load-obp-consent.js';
import { scaAnswerMatches } from './sca-code.js';

export interface AnswerChallengeInput {
  consentId: string;
  /** The DirectLogin user answering: only the consent's creator may (else OBP-35001). */
  customerId: string;
  answer: string;
}

export async function answerConsentChallenge(
  ctx: AppContext,
  input: AnswerChallengeInput,
): Promise<ObpConsentView> {
  if (!isConsentId(input.consentId)) throw new DomainError('consent.not_found');
  const now = ctx.clock.now();
  const actor: Actor = { type: 'psu', id: input.customerId };
  await ctx.storage.transaction(async (repos) => {
    const consent = await repos.consentWriter.findForUpdate(input.consentId);
    const obp = consent?.kind === 'obp' ? await repos.obpConsents.findById(input.consentId) : undefined;
    if (!consent || !obp || obp.createdByUserId !== input.customerId)
      throw new DomainError('consent.not_found');
    const challenge = await repos.obpScaChallenges.find(input.consentId);
    if (consent.status !== 'INITIATED' || !challenge || challenge.answeredAt !== null) return;
    const late = now >= challenge.expiresAt;
    const right = !late && scaAnswerMatches(input.answer, challenge);
    const outcome = right ? 'ACCEPTED' : 'REJECTED';
    if (!(await repos.obpScaChallenges.recordAnswer(input.consentId, outcome, now))) return;
    await transitionConsent(repos, {
      consentId: input.consentId,
      binding: { kind: 'obp' },
      change: { event: right ? 'authorise' : 'reject' },
      actor,
      reason: right
        ? 'SCA challenge answered'
        : late
          ? 'SCA challenge answered after the code expired'
          : 'Wrong SCA challenge answer',
      at: now,
    });
  });
  return loadObpConsent(ctx, input.consentId);
}
