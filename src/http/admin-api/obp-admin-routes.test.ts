import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificate } from '../../../test/helpers/certificates.js';
import { auditRows } from '../../../test/helpers/customers.js';
import { givenOperator } from '../../../test/helpers/factories.js';
import { givenConsumer, givenPsu } from '../../../test/helpers/obp.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

let t: TestContext;
let admin: string;
let officer: string;

beforeAll(async () => {
  t = await createTestContext();
  admin = (await givenOperator(t.ctx, 'root', ['admin'])).authorization;
  officer = (await givenOperator(t.ctx, 'ann', ['customer-care-officer'])).authorization;
});
afterAll(() => t.close());

function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url,
    headers: {
      authorization: admin,
      ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

async function clientRow(clientId: string) {
  return t.database.db
    .selectFrom('clients')
    .selectAll()
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
}

describe('PUT /admin/clients/{clientId}/certificate', () => {
  it('binds a PEM (raw or JSON) to the client with its thumbprint and subject, audited', async () => {
    const { consumerId } = await givenConsumer(t.ctx);
    const { pem, certificate } = await generateCertificate({ subject: 'C=GB, O=Cert TPP, CN=cert.example' });
    const response = await call('PUT', `/admin/clients/${consumerId}/certificate`, pem, {
      'content-type': 'application/x-pem-file',
    });
    expect(response.statusCode).toBe(200);
    const thumbprint = Buffer.from(await certificate.getThumbprint('SHA-256')).toString('base64url');
    expect(response.json().certificate).toEqual({ thumbprint, subject: 'CN=cert.example, O=Cert TPP, C=GB' });
    const row = await clientRow(consumerId);
    expect(row.cert_thumbprint).toBe(thumbprint);
    expect(row.cert_subject_dn).toBe('CN=cert.example, O=Cert TPP, C=GB');
    const audit = (await auditRows(t, 'client.certificate_registered')).filter(
      (r) => r.target_id === consumerId,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ thumbprint, previousThumbprint: null });

    const other = await generateCertificate();
    const json = await call('PUT', `/admin/clients/${consumerId}/certificate`, { certificate: other.pem });
    expect(json.statusCode).toBe(200);
    expect(json.json().certificate.thumbprint).not.toBe(thumbprint);
    expect((await call('GET', `/admin/clients/${consumerId}`)).json().certificate).toEqual(
      json.json().certificate,
    );
  });

  it('refuses bad input with a 4xx and changes nothing', async () => {
    const { consumerId } = await givenConsumer(t.ctx);
    const before = await clientRow(consumerId);
    const bad = await call('PUT', `/admin/clients/${consumerId}/certificate`, 'not a certificate', {
      'content-type': 'text/plain',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('certificate.invalid');
    expect((await call('PUT', `/admin/clients/${consumerId}/certificate`, {})).statusCode).toBe(400);
    expect(
      (
        await call('PUT', `/admin/clients/${consumerId}/certificate`, '{"x":', {
          'content-type': 'application/json',
        })
      ).statusCode,
    ).toBe(400);
    const { pem } = await generateCertificate();
    const unknown = await call('PUT', '/admin/clients/nobody/certificate', pem, {
      'content-type': 'text/plain',
    });
    expect(unknown.statusCode).toBe(404);
    const forbidden = await call('PUT', `/admin/clients/${consumerId}/certificate`, pem, {
      'content-type': 'text/plain',
      authorization: officer,
    });
    expect(forbidden.statusCode).toBe(403);
    expect(await clientRow(consumerId)).toEqual(before);
    // One certificate identifies one consumer.
    const taken = await givenConsumer(t.ctx);
    expect(
      (await call('PUT', `/admin/clients/${taken.consumerId}/certificate`, { certificate: pem })).statusCode,
    ).toBe(200);
    const twice = await call('PUT', `/admin/clients/${consumerId}/certificate`, { certificate: pem });
    expect(twice.statusCode).toBe(409);
    expect(await clientRow(consumerId)).toEqual(before);
  });
});

describe('/admin/customers/{customerId}/entitlements', () => {
  it('grants, lists and removes roles, audited', async () => {
    const psu = await givenPsu(t.ctx, 0);
    const url = `/admin/customers/${psu.customerId}/entitlements`;
    const created = await call('POST', url, { bankId: 'gh.29.uk', roleName: 'CanGetConsentsAtOneBank' });
    expect(created.statusCode).toBe(201);
    const entitlement = created.json();
    expect(entitlement).toEqual({
      entitlementId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      bankId: 'gh.29.uk',
      roleName: 'CanGetConsentsAtOneBank',
      createdAt: expect.any(String),
    });
    const anyBank = await call('POST', url, { bankId: '', roleName: 'CanGetConsentsAtAnyBank' });
    expect(anyBank.statusCode).toBe(201);
    const list = await call('GET', url);
    // Both granted within one millisecond: compare as a set.
    expect(
      list
        .json()
        .entitlements.map((e: { roleName: string }) => e.roleName)
        .sort(),
    ).toEqual(['CanGetConsentsAtAnyBank', 'CanGetConsentsAtOneBank']);
    const removed = await call('DELETE', `${url}/${entitlement.entitlementId}`);
    expect(removed.statusCode).toBe(204);
    expect((await call('GET', url)).json().entitlements).toHaveLength(1);
    expect((await call('DELETE', `${url}/${entitlement.entitlementId}`)).statusCode).toBe(404);
    const audit = (await auditRows(t)).filter(
      (r) => r.target_id === psu.customerId && r.action.startsWith('entitlement.'),
    );
    expect(audit.map((r) => r.action)).toEqual([
      'entitlement.granted',
      'entitlement.granted',
      'entitlement.revoked',
    ]);
    expect(audit[2]!.details).toMatchObject({
      entitlementId: entitlement.entitlementId,
      roleName: 'CanGetConsentsAtOneBank',
    });
  });

  it('refuses unknown roles, wrong banks, duplicates and unknown customers without a change', async () => {
    const psu = await givenPsu(t.ctx, 0);
    const url = `/admin/customers/${psu.customerId}/entitlements`;
    expect((await call('POST', url, { bankId: 'gh.29.uk', roleName: 'CanGetCustomer' })).statusCode).toBe(
      201,
    );
    const rows = async () =>
      t.database.db
        .selectFrom('entitlements')
        .selectAll()
        .where('customer_id', '=', psu.customerId)
        .execute();
    const before = await rows();
    const cases: [unknown, number, string][] = [
      [{ bankId: 'gh.29.uk', roleName: 'CanDoAnything' }, 400, 'entitlement.role_unknown'],
      [{ bankId: 'other.bank', roleName: 'CanGetCustomer' }, 400, 'request.field_invalid'],
      [{ bankId: 'gh.29.uk', roleName: 'CanGetConsentsAtAnyBank' }, 400, 'request.field_invalid'],
      [{ bankId: 'gh.29.uk', roleName: 'CanGetCustomer' }, 409, 'entitlement.exists'],
      [{ roleName: 'CanGetCustomer' }, 400, 'request.field_missing'],
      [{ bankId: 'gh.29.uk', roleName: 'CanGetCustomer', extra: 1 }, 400, 'request.field_invalid'],
    ];
    for (const [body, status, code] of cases) {
      const response = await call('POST', url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().code).toBe(code);
    }
    expect(await rows()).toEqual(before);
    const unknown = await call('POST', '/admin/customers/nobody/entitlements', {
      bankId: 'gh.29.uk',
      roleName: 'CanGetCustomer',
    });
    expect(unknown.statusCode).toBe(404);
    expect((await call('GET', '/admin/customers/nobody/entitlements')).statusCode).toBe(404);
    const forbidden = await call('GET', url, undefined, { authorization: officer });
    expect(forbidden.statusCode).toBe(403);
  });
});
