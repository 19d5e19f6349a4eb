// Admin REST API for customers (PSUs / wallet holders), their devices and issuing-partner settings, under
// /admin (HTTP Basic, role admin). Customers are shown in the seed 001 `customerLookUpInfo` shape.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { issuingPartnerUriOf, partnerUriOf, type IssuingPartner } from '../../domain/customer.js';
import { addCustomerDevice } from '../../services/customers/add-customer-device.js';
import { createCustomer } from '../../services/customers/create-customer.js';
import { getCustomer } from '../../services/customers/get-customer.js';
import { listCustomers } from '../../services/customers/list-customers.js';
import { updateCustomer } from '../../services/customers/update-customer.js';
import { getIssuingPartner } from '../../services/customers/get-issuing-partner.js';
import { updateIssuingPartner } from '../../services/customers/update-issuing-partner.js';
import { walletLoginLimit } from '../../services/customers/wallet-login-limit.js';
import { verifyCustomerEmail } from '../../services/customers/verify-customer-email.js';
import { toCustomerLookUpInfo, toDevice } from '../customer-views/customer-view-mappers.js';
import { authenticate } from '../kit/authenticate.js';
import { operatorScheme } from '../kit/operator-auth.js';
import { sendSimpleError } from '../kit/simple-errors.js';
import { ADMIN_API_ERRORS } from './errors.js';
import {
  CreateCustomerBody,
  CreateDeviceBody,
  CustomerDeviceView,
  CustomerIdParams,
  CustomerView,
  IssuingPartnerView,
  ListCustomersQuery,
  UpdateCustomerBody,
  UpdateIssuingPartnerBody,
  VerifyEmailBody,
} from './customer-schemas.js';
import { ClientIdParams } from '../admin-schemas.js';
import { adminActor } from './routes.js';
import { JSON_BODY_LIMITS, limitJsonBodies } from '../kit/body-limits.js';

const DEFAULT_PAGE = 50;

export async function customerAdminRoutes(
  instance: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  // Only the error handler: /admin's not-found handler belongs to adminApiRoutes (one per prefix).
  app.setErrorHandler((error, request, reply) => sendSimpleError(request, reply, error, ADMIN_API_ERRORS));
  limitJsonBodies(app, JSON_BODY_LIMITS.admin);
  app.addHook('onRequest', authenticate(operatorScheme(ctx, ['admin'])));
  const tags = ['Admin: customers'];

  const partnerView = (partner: IssuingPartner) => ({
    clientId: partner.clientId,
    shortName: partner.shortName,
    issuingPartnerUri: issuingPartnerUriOf(partner),
    partnerUri: partnerUriOf(partner),
    maxFailedLogins: walletLoginLimit(ctx, partner),
    maxFailedLoginsOverride: partner.maxFailedLogins,
  });

  app.post(
    '/customers',
    { schema: { tags, body: CreateCustomerBody, response: { 201: CustomerView } } },
    async (request, reply) => {
      const profile = await createCustomer(ctx, request.body, adminActor(request), request.id);
      return reply.status(201).send(toCustomerLookUpInfo(profile));
    },
  );
  app.get('/customers', { schema: { tags, querystring: ListCustomersQuery } }, async (request) => {
    const query = request.query;
    const profiles = await listCustomers(ctx, {
      ...(query.issuingPartner !== undefined ? { partnerClientId: query.issuingPartner } : {}),
      limit: query.limit ?? DEFAULT_PAGE,
      offset: query.offset ?? 0,
    });
    return profiles.map(toCustomerLookUpInfo);
  });
  app.get(
    '/customers/:customerId',
    { schema: { tags, params: CustomerIdParams, response: { 200: CustomerView } } },
    async (request) => toCustomerLookUpInfo(await getCustomer(ctx, request.params.customerId)),
  );
  app.patch(
    '/customers/:customerId',
    { schema: { tags, params: CustomerIdParams, body: UpdateCustomerBody, response: { 200: CustomerView } } },
    async (request) => {
      const { customerId } = request.params;
      const profile = await updateCustomer(ctx, customerId, request.body, adminActor(request), request.id);
      return toCustomerLookUpInfo(profile);
    },
  );
  app.post(
    '/customers/:customerId/email-verification',
    { schema: { tags, params: CustomerIdParams, body: VerifyEmailBody, response: { 200: CustomerView } } },
    async (request) => {
      const { customerId } = request.params;
      const { email } = request.body;
      const profile = await verifyCustomerEmail(ctx, { customerId }, email, adminActor(request), request.id);
      return toCustomerLookUpInfo(profile);
    },
  );
  app.post(
    '/customers/:customerId/devices',
    {
      schema: {
        tags,
        params: CustomerIdParams,
        body: CreateDeviceBody,
        response: { 201: CustomerDeviceView },
      },
    },
    async (request, reply) => {
      const { customerId } = request.params;
      const device = await addCustomerDevice(ctx, customerId, request.body, adminActor(request), request.id);
      return reply.status(201).send(toDevice(device));
    },
  );

  app.get(
    '/issuing-partners/:clientId',
    { schema: { tags, params: ClientIdParams, response: { 200: IssuingPartnerView } } },
    async (request) => partnerView(await getIssuingPartner(ctx, request.params.clientId)),
  );
  app.patch(
    '/issuing-partners/:clientId',
    {
      schema: {
        tags,
        params: ClientIdParams,
        body: UpdateIssuingPartnerBody,
        response: { 200: IssuingPartnerView },
      },
    },
    async (request) => {
      const { clientId } = request.params;
      const partner = await updateIssuingPartner(
        ctx,
        clientId,
        request.body,
        adminActor(request),
        request.id,
      );
      return partnerView(partner);
    },
  );
}
