import { Type } from 'typebox';
import { isPortalConsentType, PORTAL_CONSENT_TYPES, PORTAL_STATUSES } from '../../domain/portal-status.js';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
/** YYYY-MM-DD or an ISO 8601 date-time; parsed in the route. */
const DateOrDateTime = Type.String({ minLength: 10, maxLength: 40 });

/** Every portal consent type, typed (the keys of PORTAL_CONSENT_TYPES, in their order). */
const CONSENT_TYPES = Object.keys(PORTAL_CONSENT_TYPES).filter(isPortalConsentType);

export const SignInBody = Type.Object(
  { username: Text(200), password: Text(200) },
  { additionalProperties: false },
);

export const ConsentSearchQuery = Type.Object(
  {
    consentType: Type.Optional(
      Type.Union(
        CONSENT_TYPES.map((t) => Type.Literal(t)),
        { default: 'accounts' },
      ),
    ),
    userId: Type.Optional(Text(200)),
    clientId: Type.Optional(Text(128)),
    status: Type.Optional(Type.Union(PORTAL_STATUSES.map((s) => Type.Literal(s)))),
    from: Type.Optional(DateOrDateTime),
    to: Type.Optional(DateOrDateTime),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
    order: Type.Union([Type.Literal('desc'), Type.Literal('asc')], { default: 'desc' }),
  },
  { additionalProperties: false },
);

export const ConsentIdParams = Type.Object({ consentId: Text(128) });

export const RevokeBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);

export const CustomerLookupQuery = Type.Object(
  {
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    email: Type.Optional(Type.String({ maxLength: 200 })),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    username: Type.Optional(Type.String({ maxLength: 200 })),
    customerId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);

export const CustomerIdParams = Type.Object({ customerId: Text(64) });
export const DeviceParams = Type.Object({ customerId: Text(64), deviceId: Text(128) });

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Text(200)),
    action: Type.Optional(Text(100)),
    targetType: Type.Optional(Text(50)),
    targetId: Type.Optional(Text(200)),
    from: Type.Optional(DateOrDateTime),
    to: Type.Optional(DateOrDateTime),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
