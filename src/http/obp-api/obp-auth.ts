// The OBP API's authentication schemes: a PSU by DirectLogin token, a consumer by Consumer-Key (or its
// access token). The consent-holder scheme (Consent-JWT, Consent-Id) is in consent-auth.ts.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { authenticateConsumerKey } from '../../services/obp/authenticate-consumer.js';
import { authenticateConsumerCall } from '../../services/obp/authenticate-consumer-call.js';
import { authenticateDirectLogin } from '../../services/obp/direct-login.js';
import type { AuthScheme } from '../kit/authenticate.js';
import { bearerToken, offersBearer } from '../kit/bearer-auth.js';
import type { PrincipalOf } from '../kit/principal.js';
import { directLoginParameters } from './direct-login-header.js';

function consumerKeyOf(request: {
  headers: Record<string, string | string[] | undefined>;
}): string | undefined {
  const key = request.headers['consumer-key'];
  return typeof key === 'string' ? key.trim() : undefined;
}

/** The customer (PSU) of a DirectLogin token; no valid token is 401 OBP-20001. */
export function directLoginScheme(ctx: AppContext): AuthScheme<PrincipalOf<'customer'>> {
  return {
    offered: (request) => directLoginParameters(request)?.token !== undefined,
    verify: async (request) => {
      const token = directLoginParameters(request)?.token;
      if (token === undefined) throw new DomainError('auth.missing');
      const { customerId, consumerId } = await authenticateDirectLogin(ctx, token);
      return { kind: 'customer', customerId, consumerId };
    },
  };
}

/** The consumer named by the Consumer-Key header: missing or unknown OBP-30019, disabled OBP-20058. */
export function consumerKeyScheme(ctx: AppContext): AuthScheme<PrincipalOf<'consumer'>> {
  return {
    offered: (request) => consumerKeyOf(request) !== undefined,
    verify: async (request) => ({
      kind: 'consumer',
      client: await authenticateConsumerKey(ctx, consumerKeyOf(request)),
    }),
  };
}

/** A consumer by its access token (from /oauth2/token) or its Consumer-Key; `needsPisp` for VRP requests. */
export function consumerScheme(ctx: AppContext, needsPisp = false): AuthScheme<PrincipalOf<'consumer'>> {
  return {
    offered: (request) => offersBearer(request.headers.authorization) || consumerKeyOf(request) !== undefined,
    verify: async (request) => {
      const authorization = request.headers.authorization;
      const key = consumerKeyOf(request);
      const client = await authenticateConsumerCall(ctx, {
        ...(offersBearer(authorization) ? { bearerToken: bearerToken(authorization) ?? '' } : {}),
        ...(key !== undefined ? { consumerKey: key } : {}),
        needsPisp,
      });
      return { kind: 'consumer', client };
    },
  };
}
