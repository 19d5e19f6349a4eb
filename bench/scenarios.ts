// The benchmark's scenarios (validate, retrieve, create, funds, and obp-consent-jwt in scenarios/) and the registry the runner reads.
// A helper adding a scenario writes it in its own file and lists it in SCENARIOS.
import { basic, type RequestSpec, type Scenario, type ScenarioContext } from './scenario.js';
import { obpConsentJwt } from './scenarios/obp-consent-jwt.js';

const CREATE_BODY = JSON.stringify({
  Data: {
    Permissions: [
      'ReadAccountsBasic',
      'ReadAccountsDetail',
      'ReadBalances',
      'ReadTransactionsDetail',
      'ReadTransactionsCredits',
      'ReadTransactionsDebits',
    ],
    ExpirationDateTime: '2099-03-21T13:46:07.269894+05:30',
    TransactionFromDateTime: '2026-03-16T13:46:07.270580+05:30',
    TransactionToDateTime: '2099-03-19T13:46:07.270659+05:30',
  },
  Risk: {},
});

const fundsBody = (consentId: string) =>
  JSON.stringify({
    Data: {
      ConsentId: consentId,
      Reference: 'Bench',
      InstructedAmount: { Amount: '10.00', Currency: 'GBP' },
    },
  });

const operatorAuthorization = ({ set }: ScenarioContext) =>
  basic(set.operator.username, set.operator.password);

/** `POST /api/fs/consent/validate` for any generated consent (any status: valid and invalid answers mix). */
const validate: Scenario = {
  name: 'validate',
  expectedStatus: 200,
  read: true,
  async prepare(context) {
    const authorization = operatorAuthorization(context);
    const { targets } = context.set;
    return {
      size: targets.size,
      request: (index, bare) => ({
        method: 'POST',
        path: bare ? '/bare/validate' : '/api/fs/consent/validate',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify(targets.validate(index)),
      }),
    };
  },
};

/** `GET .../account-access-consents/{id}` with the owning client, for any generated account-access consent. */
const retrieve: Scenario = {
  name: 'retrieve',
  expectedStatus: 200,
  read: true,
  async prepare(context) {
    const authorization = operatorAuthorization(context);
    const { targets } = context.set;
    return {
      size: targets.retrievable,
      request: (index, bare) => {
        const target = targets.retrieve(index);
        return {
          method: 'GET',
          path: bare
            ? `/bare/retrieve/${target.consentId}`
            : `/api/fs/consent/manage/account-access-consents/${target.consentId}`,
          headers: { authorization, 'x-wso2-client-id': target.clientId },
        };
      },
    };
  },
};

/** `POST .../account-access-consents`: inserts a consent (a write path). */
const create: Scenario = {
  name: 'create',
  expectedStatus: 201,
  read: false,
  async prepare(context) {
    const authorization = operatorAuthorization(context);
    const { clientIds } = context.set;
    return {
      size: clientIds.length,
      request: (index, bare) => ({
        method: 'POST',
        path: bare ? '/bare/create' : '/api/fs/consent/manage/account-access-consents',
        headers: { authorization, 'x-wso2-client-id': clientIds[index]!, 'content-type': 'application/json' },
        body: CREATE_BODY,
      }),
    };
  },
};

/** One client-credentials token per CBPII (POST /oauth2/token), fetched once before measuring. */
async function fetchTokens({ appPort, set }: ScenarioContext): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const { clientId, clientSecret } of set.cbpiis) {
    const response = await fetch(`http://127.0.0.1:${appPort}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: basic(encodeURIComponent(clientId), encodeURIComponent(clientSecret)),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'fundsconfirmations' }).toString(),
    });
    const body = (await response.json()) as { access_token?: string };
    if (response.status !== 200 || !body.access_token)
      throw new Error(`token for ${clientId}: ${response.status} ${JSON.stringify(body)}`);
    tokens[clientId] = body.access_token;
  }
  return tokens;
}

/** `POST /funds-confirmations` for a bound funds-confirmation consent: inserts a row (a write path). */
const funds: Scenario = {
  name: 'funds',
  expectedStatus: 201,
  read: false,
  async prepare(context) {
    const tokens = await fetchTokens(context);
    const { fundsTargets } = context.set;
    return {
      size: fundsTargets.length,
      request: (index, bare): RequestSpec => {
        const target = fundsTargets[index]!;
        return {
          method: 'POST',
          path: bare ? '/bare/funds' : '/api/consent-mgt/cof/v3.0/funds-confirmations',
          headers: { authorization: `Bearer ${tokens[target.clientId]}`, 'content-type': 'application/json' },
          body: fundsBody(target.consentId),
        };
      },
    };
  },
};

/** Every scenario `--only` can name, in the order they run. */
export const SCENARIOS: readonly Scenario[] = [validate, retrieve, create, funds, obpConsentJwt];

export const ENDPOINTS = SCENARIOS.map((s) => s.name);
