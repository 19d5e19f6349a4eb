// The partner scheme of the B2B API: HTTP Basic with an issuing partner's client id and secret.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { authenticatePartner } from '../../services/customers/authenticate-partner.js';
import type { AuthScheme } from '../kit/authenticate.js';
import { parseBasicAuth } from '../kit/basic-auth.js';
import type { PrincipalOf } from '../kit/principal.js';

export function partnerScheme(ctx: AppContext): AuthScheme<PrincipalOf<'partner'>> {
  return {
    offered: (request) => /^basic\s/i.test(request.headers.authorization ?? ''),
    verify: async (request) => {
      const credentials = parseBasicAuth(request.headers.authorization);
      if (!credentials)
        throw new DomainError(
          'auth.missing',
          'Authorization: Basic base64(client_id:client_secret) is required',
        );
      const client = await authenticatePartner(ctx, credentials.username, credentials.password, request.ip);
      return { kind: 'partner', clientId: client.clientId };
    },
  };
}
