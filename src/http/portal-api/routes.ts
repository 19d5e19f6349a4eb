// The Customer Care portal API under /portal/api (docs/portal-api.md): sign-in with a server-side session,
// the officer's consent and customer screens, the audit log, and administration for admins. Every route
// calls the same services as the other APIs.
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { ClientRole } from '../../domain/client.js';
import type { Actor } from '../../domain/consent.js';
import { PORTAL_CONSENT_TYPES, PORTAL_STATUS_LABELS, PORTAL_STATUSES } from '../../domain/portal-status.js';
import { createClient } from '../../services/admin/create-client.js';
import { createOperator } from '../../services/admin/create-operator.js';
import { listClients } from '../../services/admin/list-clients.js';
import { listOperators } from '../../services/admin/list-operators.js';
import { rotateClientSecret } from '../../services/admin/rotate-client-secret.js';
import { searchAuditEvents } from '../../services/admin/search-audit-events.js';
import { updateClient } from '../../services/admin/update-client.js';
import { updateOperator } from '../../services/admin/update-operator.js';
import { consentsOfUser } from '../../services/consents/consents-of-user.js';
import { getPortalConsent } from '../../services/consents/get-portal-consent.js';
import { revokeConsentForCustomer } from '../../services/consents/revoke-consent-for-customer.js';
import { searchPortalConsents } from '../../services/consents/search-portal-consents.js';
import { signInToPortal } from '../../services/credentials/sign-in-to-portal.js';
import { signOutOfPortal } from '../../services/credentials/sign-out-of-portal.js';
import { getCustomer } from '../../services/customers/get-customer.js';
import { lookupCustomersForOfficer } from '../../services/customers/lookup-customers-for-officer.js';
import type { Officer } from '../../services/customers/officer.js';
import { setCustomerActivationForOfficer } from '../../services/customers/set-customer-activation-for-officer.js';
import { setDeviceActivationForOfficer } from '../../services/customers/set-device-activation-for-officer.js';
import { unlockCustomer } from '../../services/customers/unlock-customer.js';
import { clientView, operatorView } from '../admin-views.js';
import { authenticate } from '../kit/authenticate.js';
import { principalOf } from '../kit/principal.js';
import { installSimpleErrorHandling } from '../kit/simple-errors.js';
import { PORTAL_API_ERRORS } from './errors.js';
import {
  auditEventView,
  consentDetailView,
  consentSummary,
  customerDetailView,
  customerSummary,
  dateRange,
  sessionView,
} from './mappers.js';
import {
  AuditQuery,
  ConsentIdParams,
  ConsentSearchQuery,
  CustomerIdParams,
  CustomerLookupQuery,
  DeviceParams,
  RevokeBody,
  SignInBody,
} from './schemas.js';
import { checkOrigin, clearSessionCookie, officerScheme, setSessionCookie } from './session-auth.js';
import {
  ClientIdParams,
  CreateClientBody,
  CreateOperatorBody,
  UpdateClientBody,
  UpdateOperatorBody,
  UsernameParams,
} from '../admin-schemas.js';

const TPP_ROLES: readonly ClientRole[] = ['AISP', 'PISP', 'CBPII'];
/** Consents shown on a customer's page. */
const CUSTOMER_CONSENTS = 50;

function officerOf(request: FastifyRequest): Officer {
  return {
    actor: { type: 'officer', id: principalOf(request, 'officer').username },
    interactionId: request.id,
  };
}

function adminOf(request: FastifyRequest): Actor {
  return { type: 'admin', id: principalOf(request, 'officer').username };
}

export async function portalApiRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(cookie);
  installSimpleErrorHandling(app, PORTAL_API_ERRORS);
  const tags = ['Portal'];
  const signedIn = { onRequest: authenticate(officerScheme(ctx)) };
  const adminOnly = { onRequest: authenticate(officerScheme(ctx, ['admin'])) };

  app.post('/session', { schema: { tags, body: SignInBody } }, async (request, reply) => {
    checkOrigin(ctx, request);
    const { username, password } = request.body;
    const { sessionId, principal } = await signInToPortal(ctx, username, password, request.ip, request.id);
    setSessionCookie(ctx, request, reply, sessionId);
    return sessionView(principal);
  });
  app.get('/session', { schema: { tags }, ...signedIn }, async (request) =>
    sessionView(principalOf(request, 'officer')),
  );
  app.delete('/session', { schema: { tags }, ...signedIn }, async (request, reply) => {
    await signOutOfPortal(ctx, principalOf(request, 'officer'), request.id);
    clearSessionCookie(request, reply);
    return reply.status(204).send();
  });

  app.get('/meta', { schema: { tags }, ...signedIn }, async () => ({
    consentTypes: Object.entries(PORTAL_CONSENT_TYPES).map(([code, { label }]) => ({ code, label })),
    statuses: PORTAL_STATUSES.map((code) => ({ code, label: PORTAL_STATUS_LABELS[code] })),
  }));
  app.get('/clients', { schema: { tags }, ...signedIn }, async () => {
    const clients = await listClients(ctx);
    return {
      items: clients
        .filter((c) => c.roles.some((r) => TPP_ROLES.includes(r)))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((c) => ({ clientId: c.clientId, name: c.name, roles: c.roles, active: c.active })),
    };
  });

  app.get(
    '/consents',
    { schema: { tags, querystring: ConsentSearchQuery }, ...signedIn },
    async (request) => {
      const query = request.query;
      const { total, totalExact, items } = await searchPortalConsents(ctx, {
        consentType: query.consentType ?? 'accounts',
        ...(query.userId !== undefined ? { userId: query.userId } : {}),
        ...(query.clientId !== undefined ? { clientId: query.clientId } : {}),
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...dateRange(query.from, query.to),
        limit: query.limit,
        offset: query.offset,
        order: query.order,
      });
      return {
        items: items.map(consentSummary),
        total,
        totalExact,
        limit: query.limit,
        offset: query.offset,
      };
    },
  );
  app.get(
    '/consents/:consentId',
    { schema: { tags, params: ConsentIdParams }, ...signedIn },
    async (request) => consentDetailView(await getPortalConsent(ctx, request.params.consentId)),
  );
  app.post(
    '/consents/:consentId/revoke',
    { schema: { tags, params: ConsentIdParams, body: RevokeBody }, ...signedIn },
    async (request) => {
      const { consentId } = request.params;
      const { reason } = request.body;
      const officer = officerOf(request);
      return consentDetailView(
        await revokeConsentForCustomer(ctx, {
          consentId,
          reason,
          officer: officer.actor,
          interactionId: officer.interactionId,
        }),
      );
    },
  );

  const customerDetail = async (customerId: string) => {
    const profile = await getCustomer(ctx, customerId);
    return customerDetailView(
      profile,
      await consentsOfUser(ctx, profile.customer.username, CUSTOMER_CONSENTS),
    );
  };
  app.get(
    '/customers',
    { schema: { tags, querystring: CustomerLookupQuery }, ...signedIn },
    async (request) => {
      const { profiles, truncated } = await lookupCustomersForOfficer(ctx, officerOf(request), request.query);
      return { items: profiles.map(customerSummary), truncated };
    },
  );
  app.get(
    '/customers/:customerId',
    { schema: { tags, params: CustomerIdParams }, ...signedIn },
    async (request) => customerDetail(request.params.customerId),
  );
  const customerAction = (path: string, act: (officer: Officer, customerId: string) => Promise<unknown>) =>
    app.post(path, { schema: { tags, params: CustomerIdParams }, ...signedIn }, async (request) => {
      const { customerId } = request.params;
      await act(officerOf(request), customerId);
      return customerDetail(customerId);
    });
  customerAction('/customers/:customerId/unlock', (officer, id) => unlockCustomer(ctx, officer, id));
  customerAction('/customers/:customerId/deactivate', (officer, id) =>
    setCustomerActivationForOfficer(ctx, officer, id, false),
  );
  customerAction('/customers/:customerId/activate', (officer, id) =>
    setCustomerActivationForOfficer(ctx, officer, id, true),
  );
  for (const [action, activate] of [
    ['activate', true],
    ['deactivate', false],
  ] as const) {
    app.post(
      `/customers/:customerId/devices/:deviceId/${action}`,
      { schema: { tags, params: DeviceParams }, ...signedIn },
      async (request) => {
        const { customerId, deviceId } = request.params;
        await setDeviceActivationForOfficer(ctx, officerOf(request), customerId, deviceId, activate);
        return customerDetail(customerId);
      },
    );
  }

  app.get('/audit-events', { schema: { tags, querystring: AuditQuery }, ...signedIn }, async (request) => {
    const query = request.query;
    const { total, events } = await searchAuditEvents(ctx, {
      ...(query.actor !== undefined ? { actorId: query.actor } : {}),
      ...(query.action !== undefined ? { action: query.action } : {}),
      ...(query.targetType !== undefined ? { targetType: query.targetType } : {}),
      ...(query.targetId !== undefined ? { targetId: query.targetId } : {}),
      ...dateRange(query.from, query.to),
      limit: query.limit,
      offset: query.offset,
    });
    return { items: events.map(auditEventView), total, limit: query.limit, offset: query.offset };
  });

  app.get('/admin/operators', { schema: { tags }, ...adminOnly }, async () => ({
    items: (await listOperators(ctx)).map((o) => operatorView(o, ctx.clock.now())),
  }));
  app.post(
    '/admin/operators',
    { schema: { tags, body: CreateOperatorBody }, ...adminOnly },
    async (request, reply) => {
      const operator = await createOperator(ctx, request.body, adminOf(request), request.id);
      return reply.status(201).send(operatorView(operator, ctx.clock.now()));
    },
  );
  app.patch(
    '/admin/operators/:username',
    { schema: { tags, params: UsernameParams, body: UpdateOperatorBody }, ...adminOnly },
    async (request) => {
      const { username } = request.params;
      const operator = await updateOperator(ctx, username, request.body, adminOf(request), request.id);
      return operatorView(operator, ctx.clock.now());
    },
  );
  app.get('/admin/clients', { schema: { tags }, ...adminOnly }, async () => ({
    items: (await listClients(ctx)).map(clientView),
  }));
  app.post(
    '/admin/clients',
    { schema: { tags, body: CreateClientBody }, ...adminOnly },
    async (request, reply) => {
      const { client, clientSecret } = await createClient(ctx, request.body, adminOf(request), request.id);
      return reply.status(201).send({ ...clientView(client), clientSecret });
    },
  );
  app.post(
    '/admin/clients/:clientId/secret',
    { schema: { tags, params: ClientIdParams }, ...adminOnly },
    async (request) => {
      const { clientId } = request.params;
      const { client, clientSecret } = await rotateClientSecret(ctx, clientId, adminOf(request), request.id);
      return { ...clientView(client), clientSecret };
    },
  );
  app.patch(
    '/admin/clients/:clientId',
    { schema: { tags, params: ClientIdParams, body: UpdateClientBody }, ...adminOnly },
    async (request) => {
      const { clientId } = request.params;
      return clientView(await updateClient(ctx, clientId, request.body, adminOf(request), request.id));
    },
  );
}
