// The B2B Customer Care API (seed 001) under /b2b-gateway: issuing partners look their customers up and
// lock/unlock wallets and devices. Every answer is a seed envelope echoing the request's messageHeader.
import { limitPerCaller } from '../kit/rate-limit.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TSchema } from 'typebox';
import type { AppContext } from '../../context.js';
import { lookupCustomers } from '../../services/customers/lookup-customers.js';
import { setCustomerActivation } from '../../services/customers/set-customer-activation.js';
import { setDeviceActivation } from '../../services/customers/set-device-activation.js';
import { updateCustomerInformation } from '../../services/customers/update-customer-information.js';
import { type Caller } from '../../services/customers/caller.js';
import { verifyCustomerEmail } from '../../services/customers/verify-customer-email.js';
import { methodNotAllowed, requireJson } from '../kit/content-negotiation.js';
import { authenticate } from '../kit/authenticate.js';
import { callerIdOf, principalOf } from '../kit/principal.js';
import { partnerScheme } from './partner-auth.js';
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
  interface FastifyContextConfig {
    /** Names the response envelope, also for errors raised before the handler runs. */
    b2bOperation?: B2bOperation;
  }
}

interface CustomerRef {
  customerUri: string;
  issuingPartnerUri?: string;
  partnerUri?: string;
}

function callerOf(request: FastifyRequest): Caller {
  const partnerClientId = principalOf(request, 'partner').clientId;
  return { partnerClientId, actor: { type: 'partner', id: partnerClientId }, interactionId: request.id };
}

function refOf(input: CustomerRef): CustomerRef {
  return {
    customerUri: input.customerUri,
    ...(input.issuingPartnerUri !== undefined ? { issuingPartnerUri: input.issuingPartnerUri } : {}),
    ...(input.partnerUri !== undefined ? { partnerUri: input.partnerUri } : {}),
  };
}

export async function b2bApiRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  installB2bErrorHandling(app);
  limitJsonBodies(app, JSON_BODY_LIMITS.b2b);
  // Authenticate before the body is even parsed: an unknown caller learns nothing about the API.
  app.addHook('onRequest', authenticate(partnerScheme(ctx)));
  limitPerCaller(app, ctx, 'b2b', callerIdOf);
  const tags = ['B2B Customer Care'];
  const route = <B extends TSchema, R extends TSchema>(
    url: string,
    operation: B2bOperation,
    body: B,
    response: R,
  ) => {
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
    const { messageHeader: _header, ...criteria } = request.body.retrieveCustomerLookUpInfoRequest;
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
    const input = request.body.updateCustomerActivationRequest;
    await setCustomerActivation(ctx, callerOf(request), {
      ...refOf(input),
      activate: input.activate === 'true',
    });
    return successEnvelope(operation, messageHeaderOf(request.body, operation), {});
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
    } = request.body.updateCustomerInformationRequest;
    await updateCustomerInformation(ctx, callerOf(request), {
      ...refOf({ customerUri, issuingPartnerUri, partnerUri }),
      changes,
    });
    return successEnvelope(operation, messageHeaderOf(request.body, operation), {});
  });

  const emailVerification = route(
    '/customers/email-verification',
    'updateCustomerEmailVerification',
    CustomerEmailVerificationBody,
    CustomerEmailVerificationResponse,
  );
  app.post(emailVerification.url, emailVerification, async (request) => {
    const operation = 'updateCustomerEmailVerification';
    const input = request.body.updateCustomerEmailVerificationRequest;
    const caller = callerOf(request);
    await verifyCustomerEmail(
      ctx,
      { partnerClientId: caller.partnerClientId, reference: refOf(input) },
      input.email,
      caller.actor,
      caller.interactionId,
    );
    return successEnvelope(operation, messageHeaderOf(request.body, operation), {});
  });

  const device = route(
    '/customers/devices/activation',
    'updateDeviceActivation',
    DeviceActivationBody,
    DeviceActivationResponse,
  );
  app.post(device.url, device, async (request) => {
    const operation = 'updateDeviceActivation';
    const input = request.body.updateDeviceActivationRequest;
    await setDeviceActivation(ctx, callerOf(request), {
      ...refOf(input),
      deviceId: input.deviceId,
      activate: input.activate === 'true',
    });
    return successEnvelope(operation, messageHeaderOf(request.body, operation), {});
  });
}
