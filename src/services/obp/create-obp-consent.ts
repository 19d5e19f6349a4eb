// Create an OBP consent (createConsentEmail / Sms / Implicit, and by consent request id): checks the
// method (OBP-35009), the consumer (OBP-30019 / OBP-20058), the time to live (OBP-35020) and the grant
// (OBP-35013 / 35014), signs the Consent-JWT, sends the one-time code, and only then stores the consent
// INITIATED with its OBP data and challenge in one transaction. A failed send (OBP-35010) therefore
// leaves nothing behind; a failed write leaves the PSU a code for a consent that does not exist.
import type { AppContext } from '../../context.js';
import { KIND_INFO, type Actor, type Consent } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import {
  isObpScaMethod,
  type ObpConsentRecord,
  type ObpRoleGrant,
  type ObpScaChallenge,
  type ObpView,
} from '../../domain/obp-consent.js';
import { isUniqueViolation } from '../../storage/storage.js';
import { findConsumer } from './authenticate-consumer.js';
import { signConsentJwt } from './consent-jwt.js';
import { loadObpConsent, type ObpConsentView } from './load-obp-consent.js';
import { resolveConsentGrant } from './resolve-consent-grant.js';
import { newScaCode } from './sca-code.js';
import { sendOtp } from './send-otp.js';

export interface CreateObpConsentInput {
  /** The DirectLogin user creating the consent, and the consumer of their login. */
  customerId: string;
  callerConsumerId: string;
  /** The SCA_METHOD path segment (anything but EMAIL, SMS, IMPLICIT is OBP-35009). */
  scaMethod: string;
  /** The version prefix of the call ("v5.1.0"). */
  apiVersion: string;
  everything: boolean;
  bankId?: string;
  views: ObpView[];
  entitlements: ObpRoleGrant[];
  /** Default: the caller's consumer. */
  consumerId?: string;
  email?: string;
  phoneNumber?: string;
  /** Epoch ms; default now. */
  validFrom?: number;
  /** Seconds; default and maximum CONSENTS_MAX_TIME_TO_LIVE. */
  timeToLive?: number;
  /** The request as received (stored as the consent's receipt). */
  receipt: Record<string, unknown>;
  /** Made from a consent request: used once; EMAIL/SMS then default to the customer's address. */
  consentRequest?: { consentRequestId: string; counterpartyId: string | null };
}

function recipientOf(
  input: CreateObpConsentInput,
  customer: { email: string; phone: string },
): { channel: 'EMAIL' | 'SMS'; to: string } {
  const fromRequest = input.consentRequest !== undefined;
  if (input.scaMethod === 'SMS') {
    const to = input.phoneNumber ?? (fromRequest ? customer.phone : undefined);
    if (to === undefined || to.trim() === '')
      throw new DomainError('request.field_invalid', 'phone_number is required', [{ path: 'phone_number' }]);
    return { channel: 'SMS', to };
  }
  // IMPLICIT uses the customer's e-mail (OBP's mapped IMPLICIT is EMAIL).
  const to =
    input.scaMethod === 'IMPLICIT'
      ? customer.email
      : (input.email ?? (fromRequest ? customer.email : undefined));
  if (to === undefined || to.trim() === '')
    throw new DomainError('request.field_invalid', 'email is required', [{ path: 'email' }]);
  return { channel: 'EMAIL', to };
}

export async function createObpConsent(
  ctx: AppContext,
  input: CreateObpConsentInput,
): Promise<ObpConsentView> {
  if (!isObpScaMethod(input.scaMethod)) throw new DomainError('consent.sca_method_unsupported');
  const scaMethod = input.scaMethod;
  const consumerId = input.consumerId ?? input.callerConsumerId;
  const consumer = await findConsumer(ctx, consumerId);
  if (!consumer) throw new DomainError('consumer.unknown');
  if (!consumer.active) throw new DomainError('consumer.disabled');
  const maxTtl = ctx.config.consentsMaxTimeToLive;
  const timeToLive = input.timeToLive ?? maxTtl;
  if (timeToLive > maxTtl) throw new DomainError('consent.ttl_too_long');
  const customer = await ctx.storage.repos.customers.findById(input.customerId);
  if (!customer) throw new DomainError('user.not_found');
  const recipient = recipientOf(input, customer);
  const grant = await resolveConsentGrant(ctx, input.customerId, input);
  if (input.consentRequest) {
    const request = await ctx.storage.repos.obpConsentRequests.findById(
      input.consentRequest.consentRequestId,
    );
    if (!request || request.usedAt !== null) throw new DomainError('consent_request.invalid');
  }

  const now = ctx.clock.now();
  const consentId = ctx.ids.uuid();
  const nbf = Math.floor((input.validFrom ?? now) / 1000);
  const jwt = await signConsentJwt(ctx, {
    consentId,
    consumerId,
    createdByUserId: input.customerId,
    nbf,
    timeToLive,
    entitlements: grant.entitlements,
    views: grant.views,
  });
  const sca = newScaCode();
  const minutes = Math.max(1, Math.round(ctx.config.obpScaCodeTtlSeconds / 60));
  await sendOtp(ctx, {
    channel: recipient.channel,
    to: recipient.to,
    subject: 'Your consent confirmation code',
    text: `Your code to confirm consent ${consentId} is ${sca.code}. It is valid for ${minutes} minute(s). If you did not ask for this consent, ignore this message.`,
    code: sca.code,
    consentId,
  });

  const info = KIND_INFO.obp;
  const consent: Consent = {
    consentId,
    kind: 'obp',
    consentType: info.consentType,
    apiFamily: info.apiFamily,
    clientId: consumerId,
    status: info.initialStatus,
    receipt: JSON.stringify(input.receipt),
    createdAt: now,
    updatedAt: now,
    statusUpdatedAt: now,
    validFrom: nbf * 1000,
    expiresAt: (nbf + timeToLive) * 1000,
    recurringIndicator: false,
    frequency: 0,
    userId: input.customerId,
    lastUsageAt: null,
  };
  const record: ObpConsentRecord = {
    consentId,
    jwt,
    scaMethod,
    createdByUserId: input.customerId,
    everything: input.everything,
    views: grant.views,
    entitlements: grant.entitlements,
    apiVersion: input.apiVersion,
    consentRequestId: input.consentRequest?.consentRequestId ?? null,
    counterpartyId: input.consentRequest?.counterpartyId ?? null,
  };
  const challenge: ObpScaChallenge = {
    consentId,
    channel: recipient.channel,
    recipient: recipient.to,
    codeSalt: sca.salt,
    codeHash: sca.hash,
    createdAt: now,
    expiresAt: now + ctx.config.obpScaCodeTtlSeconds * 1000,
    answeredAt: null,
    outcome: null,
  };
  const actor: Actor = { type: 'psu', id: input.customerId };
  try {
    await ctx.storage.transaction(async (repos) => {
      await repos.consentWriter.insert(consent);
      await repos.consentWriter.appendHistory({
        consentId,
        fromStatus: null,
        toStatus: consent.status,
        reason: `OBP consent created (SCA ${scaMethod})`,
        actor,
        at: now,
      });
      await repos.obpConsents.insert(record);
      await repos.obpScaChallenges.insert(challenge);
      if (input.consentRequest) {
        const first = await repos.obpConsentRequests.markUsed(
          input.consentRequest.consentRequestId,
          consentId,
          now,
        );
        if (!first) throw new DomainError('consent_request.invalid');
      }
    });
  } catch (error) {
    // Two consents from one request raced: the unique index let one through.
    if (isUniqueViolation(error)) throw new DomainError('consent_request.invalid');
    throw error;
  }
  return loadObpConsent(ctx, consentId);
}
