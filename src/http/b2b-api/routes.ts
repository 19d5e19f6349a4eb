// The B2B Customer Care API (seed 001) under /b2b-gateway: issuing partners look their customers up and
// lock/unlock wallets and devices. Every answer is a seed envelope echoing the request's messageHeader.
import { limitPerCaller } from '../kit/rate-limit.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { authenticatePartner } from '../../services/customers/authenticate-partner.js';
import { lookupCustomers, type LookupCriteria } from '../../services/customers/lookup-customers.js';
import { setCustomerActivation } from '../../services/customers/set-customer-activation.js';
import { setDeviceActivation } from '../../services/customers/set-device-activation.js';
import {
  updateCustomerInformation,
  type CustomerInformationChanges,
} from '../../services/customers/update-customer-information.js';
import { type Caller } from '../../services/customers/caller.js';
import { verifyCustomerEmail } from '../../services/customers/verify-customer-email.js';
import { methodNotAllowed, requireJson } from '../kit/content-negotiation.js';
import { parseBasicAuth } from '../kit/basic-auth.js';
import { installB2bErrorHandling } from './errors.js';
import { messageHeaderOf, successEnvelope } from './mappers.js';
import { toCustomerLookUpInfo } from '../customer-views/customer-view-mappers.js';
import {
  CustomerActivationBody,
  CustomerActivationResponse,
  CustomerEmailVerificationBody,
  CustomerEmailVerificationResponse,
  CustomerInformationBody,
  CustomerInformationResponse,
  DeviceActivationBody,
  DeviceActivationResponse,
  LookupBody,
  LookupResponse,
  type B2bOperation,
} from './schemas.js';
import { JSON_BODY_LIMITS, limitJsonBodies } from '../kit/body-limits.js';

declare module 'fastify' {
  interface FastifyRequest {
    partnerClientId?: string;
  }
  interface FastifyContextConfig {
    /** Names the response envelope, also for errors raised before the handler runs. */
    b2bOperation?: B2bOperation;
  }
}

interface MessageHeaderFields {
  messageHeader: Record<string, string>;
}

interface CustomerRef {
  customerUri: string;
  issuingPartnerUri?: string;
  partnerUri?: string;
}

function callerOf(request: FastifyRequest): Caller {
  const partnerClientId = request.partnerClientId!;
  return { partnerClientId, actor: { type: 'partner', id: partnerClientId }, interactionId: request.id };
}

function payloadOf<T>(request: FastifyRequest, operation: B2bOperation): T {
  return (request.body as Record<string, T>)[`${operation}Request`]!;
}

function refOf(input: CustomerRef): CustomerRef {
  return {
    customerUri: input.customerUri,
    ...(input.issuingPartnerUri !== undefined ? { issuingPartnerUri: input.issuingPartnerUri } : {}),
    ...(input.partnerUri !== undefined ? { partnerUri: input.partnerUri } : {}),
  };
}

export async function b2bApiRoutes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  installB2bErrorHandling(app);
  limitJsonBodies(app, JSON_BODY_LIMITS.b2b);
  // Authenticate before the body is even parsed: an unknown caller learns nothing about the API.
  app.addHook('onRequest', async (request) => {
    const credentials = parseBasicAuth(request.headers.authorization);
    if (!credentials) {
      throw new DomainError(
        'auth.missing',
        'Authorization: Basic base64(client_id:client_secret) is required',
      );
    }
    const client = await authenticatePartner(ctx, credentials.username, credentials.password, request.ip);
    request.partnerClientId = client.clientId;
  });
  limitPerCaller(app, ctx, 'b2b', (request) => request.partnerClientId);
  const tags = ['B2B Customer Care'];
  const route = (url: string, operation: B2bOperation, body: object, response: object) => {
    methodNotAllowed(app, url, ['POST']);
    // requireJson: a text/plain body is a 415 naming its type, not a schema error about a string.
    return {
      url,
      config: { b2bOperation: operation },
      preValidation: requireJson,
      schema: { tags, body, response: { 200: response } },
    };
  };

  const lookup = route('/customers/lookup', 'retrieveCustomerLookUpInfo', LookupBody, LookupResponse);
  app.post(lookup.url, lookup, async (request) => {
    const operation = 'retrieveCustomerLookUpInfo';
    const { messageHeader: _header, ...criteria } = payloadOf<LookupCriteria & MessageHeaderFields>(
      request,
      operation,
    );
    const profiles = await lookupCustomers(ctx, callerOf(request), criteria);
    return successEnvelope(operation, messageHeaderOf(request.body, operation), {
      configurationDetails: [],
      customerLookUpInfo: profiles.map(toCustomerLookUpInfo),
    });
  });

  const activation = route(
    '/customers/activation',
    'updateCustomerActivation',
    CustomerActivationBody,
    CustomerActivationResponse,
  );
  app.post(activation.url, activation, async (request) => {
    const operation = 'updateCustomerActivation';
    const input = payloadOf<CustomerRef & { activate: 'true' | 'false' }>(request, operation);
    await setCustomerActivation(ctx, callerOf(request), {
      ...refOf(input),
      activate: input.activate === 'true',
    });
    return successEnvelope(operation, messageHeaderOf(request.body, operation));
  });

  const update = route(
    '/customers/update',
    'updateCustomerInformation',
    CustomerInformationBody,
    CustomerInformationResponse,
  );
  app.post(update.url, update, async (request) => {
    const operation = 'updateCustomerInformation';
    const {
      messageHeader: _header,
      customerUri,
      issuingPartnerUri,
      partnerUri,
      ...changes
    } = payloadOf<CustomerRef & CustomerInformationChanges & MessageHeaderFields>(request, operation);
    await updateCustomerInformation(ctx, callerOf(request), {
      ...refOf({ customerUri, issuingPartnerUri, partnerUri }),
      changes,
    });
    return successEnvelope(operation, messageHeaderOf(request.body, operation));
  });

  const emailVerification = route(
    '/customers/email-verification',
    'updateCustomerEmailVerification',
    CustomerEmailVerificationBody,
    CustomerEmailVerificationResponse,
  );
  app.post(emailVerification.url, emailVerification, async (request) => {
    const operation = 'updateCustomerEmailVerification';
    const input = payloadOf<CustomerRef & { email: string }>(request, operation);
    const caller = callerOf(request);
    await verifyCustomerEmail(
      ctx,
      { partnerClientId: caller.partnerClientId, reference: refOf(input) },
      input.email,
      caller.actor,
      caller.interactionId,
    );
    return successEnvelope(operation, messageHeaderOf(request.body, operation));
  });

  const device = route(
    '/customers/devices/activation',
    'updateDeviceActivation',
    DeviceActivationBody,
    DeviceActivationResponse,
  );
  app.post(device.url, device, async (request) => {
    const operation = 'updateDeviceActivation';
    const input = payloadOf<CustomerRef & { deviceId: string; activate: 'true' | 'false' }>(
      request,
      operation,
    );
    await setDeviceActivation(ctx, callerOf(request), {
      ...refOf(input),
      deviceId: input.deviceId,
      activate: input.activate === 'true',
    });
    return successEnvelope(operation, messageHeaderOf(request.body, operation));
  });
}
