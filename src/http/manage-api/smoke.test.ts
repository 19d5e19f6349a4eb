import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { givenClient, givenOperator } from '../../../test/helpers/factories.js';

let t: TestContext;
let auth: string;
beforeAll(async () => {
  t = await createTestContext();
  auth = (await givenOperator(t.ctx, 'gw', ['consent-manager'])).authorization;
  await givenClient(t.ctx, 'tpp-1');
});
afterAll(() => t.close());

describe('smoke', () => {
  it('creates and reads an account-access consent', async () => {
    const body = {
      Data: {
        Permissions: ['ReadAccountsBasic', 'ReadAccountsDetail', 'ReadBalances'],
        ExpirationDateTime: '2026-03-21T13:46:07.269894+05:30',
      },
      Risk: {},
    };
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/fs/consent/manage/account-access-consents',
      headers: { authorization: auth, 'x-wso2-client-id': 'tpp-1', 'content-type': 'application/json' },
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    const json = created.json();
    expect(json.Data.Status).toBe('AwaitingAuthorisation');
    expect(json.Data.CreationDateTime).toBe('2026-03-16T13:46:08+05:30');
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/fs/consent/manage/account-access-consents/${json.Data.ConsentId}`,
      headers: { authorization: auth, 'x-wso2-client-id': 'tpp-1', 'x-wso2-internal-request': 'true' },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().authorizationResources).toHaveLength(1);
  });
});
