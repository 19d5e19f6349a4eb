// createConsentByConsentRequestId{Email,Sms,Implicit} (OBP v5.0.0): the logged-in user turns a consumer's
// consent request into a consent, INITIATED with a one-time code as any created consent. A request is used
// once (OBP-35029); a VRP request gives a consent on the paying account with a fresh counterparty id.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { fieldAt, textAt } from '../../domain/json-fields.js';
import type { ObpConsentRequest, ObpRoleGrant, ObpView } from '../../domain/obp-consent.js';
import { OWNER_VIEW } from './account-views.js';
import { createObpConsent } from './create-obp-consent.js';
import type { ObpConsentView } from './load-obp-consent.js';

export interface CreateConsentByRequestInput {
  consentRequestId: string;
  scaMethod: string;
  customerId: string;
  callerConsumerId: string;
  apiVersion: string;
}

interface StandardPayload {
  everything?: boolean;
  bank_id?: string;
  account_access?: { account_routing: { scheme: string; address: string }; view_id: string }[];
  entitlements?: ObpRoleGrant[];
  consumer_id?: string;
  email?: string;
  phone_number?: string;
  valid_from?: string;
  time_to_live?: number;
}

/**
 * The terms of a stored standard consent request, read field by field (the payload was validated when the
 * request was made; a field of another type than that schema's is left out rather than trusted).
 */
function standardPayloadOf(payload: Record<string, unknown>): StandardPayload {
  const terms: StandardPayload = {};
  if (typeof payload.everything === 'boolean') terms.everything = payload.everything;
  if (typeof payload.time_to_live === 'number') terms.time_to_live = payload.time_to_live;
  for (const key of ['bank_id', 'consumer_id', 'email', 'phone_number', 'valid_from'] as const) {
    const value = textAt(payload, key);
    if (value !== undefined) terms[key] = value;
  }
  if (Array.isArray(payload.account_access))
    terms.account_access = payload.account_access.flatMap((access: unknown) => {
      const routing = fieldAt(access, 'account_routing');
      const scheme = textAt(routing, 'scheme');
      const address = textAt(routing, 'address');
      const viewId = textAt(access, 'view_id');
      return scheme !== undefined && address !== undefined && viewId !== undefined
        ? [{ account_routing: { scheme, address }, view_id: viewId }]
        : [];
    });
  if (Array.isArray(payload.entitlements))
    terms.entitlements = payload.entitlements.flatMap((grant: unknown) => {
      const roleName = textAt(grant, 'role_name');
      const bankId = textAt(grant, 'bank_id');
      return roleName !== undefined && bankId !== undefined ? [{ role_name: roleName, bank_id: bankId }] : [];
    });
  return terms;
}

/** The account a routing names: scheme OBP is the account id, any other the account's identification. */
async function accountIdOf(
  ctx: AppContext,
  customerId: string,
  routing: { scheme: string; address: string },
): Promise<string> {
  if (routing.scheme.toUpperCase() === 'OBP') return routing.address;
  const accounts = await ctx.storage.repos.bankAccounts.list(customerId);
  const compact = (text: string) => text.replace(/\s+/g, '');
  // No match keeps the address: the view check then refuses it (OBP-35014).
  return (
    accounts.find((a) => compact(a.identification) === compact(routing.address))?.accountId ?? routing.address
  );
}

async function viewsOfRequest(
  ctx: AppContext,
  customerId: string,
  request: ObpConsentRequest,
  counterpartyId: string | null,
): Promise<ObpView[]> {
  const bankId = ctx.config.obpBankId;
  if (request.vrp) {
    const accountId = await accountIdOf(ctx, customerId, request.vrp.from_account.account_routing);
    return [
      {
        bank_id: request.vrp.from_account.bank_routing.address,
        account_id: accountId,
        view_id: OWNER_VIEW,
        helper_info: { counterparty_ids: [counterpartyId!] },
      },
    ];
  }
  const payload = standardPayloadOf(request.payload);
  const views: ObpView[] = [];
  for (const access of payload.account_access ?? [])
    views.push({
      bank_id: payload.bank_id ?? bankId,
      account_id: await accountIdOf(ctx, customerId, access.account_routing),
      view_id: access.view_id,
    });
  return views;
}

export async function createConsentByRequest(
  ctx: AppContext,
  input: CreateConsentByRequestInput,
): Promise<ObpConsentView> {
  const request = await ctx.storage.repos.obpConsentRequests.findById(input.consentRequestId);
  if (!request || request.usedAt !== null) throw new DomainError('consent_request.invalid');
  const payload = standardPayloadOf(request.payload);
  const counterpartyId = request.vrp ? ctx.ids.uuid() : null;
  const validFrom = payload.valid_from === undefined ? undefined : Date.parse(payload.valid_from);
  return createObpConsent(ctx, {
    customerId: input.customerId,
    callerConsumerId: input.callerConsumerId,
    scaMethod: input.scaMethod,
    apiVersion: input.apiVersion,
    everything: request.vrp ? false : (payload.everything ?? false),
    ...(payload.bank_id !== undefined ? { bankId: payload.bank_id } : {}),
    views: await viewsOfRequest(ctx, input.customerId, request, counterpartyId),
    entitlements: request.vrp ? [] : (payload.entitlements ?? []),
    consumerId: request.consumerId,
    ...(payload.email !== undefined ? { email: payload.email } : {}),
    ...(payload.phone_number !== undefined ? { phoneNumber: payload.phone_number } : {}),
    ...(validFrom !== undefined && !Number.isNaN(validFrom) ? { validFrom } : {}),
    ...(payload.time_to_live !== undefined ? { timeToLive: payload.time_to_live } : {}),
    receipt: { consent_request_id: request.consentRequestId, payload: request.payload },
    consentRequest: { consentRequestId: request.consentRequestId, counterpartyId },
  });
}
