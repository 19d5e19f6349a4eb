// The one consent search: every filter on an index (DESIGN.md §2), lists of ids, clients, kinds, users
// and statuses (as readers see them: lazy expiry), a creation-time range, paging with the total, and an
// allow-listed sort.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_INFO, type Consent, type ConsentKind, type ConsentStatus } from '../../domain/consent.js';
import { searchConsents } from '../../services/consents/search-consents.js';
import { givenClient } from '../../../test/helpers/factories.js';
import {
  createTestContext,
  TEST_NOW,
  testDialect,
  type TestContext,
} from '../../../test/helpers/test-context.js';

const HOUR = 3_600_000;
let t: TestContext;
const ids: Record<string, string> = {};

async function given(
  name: string,
  fields: {
    kind: ConsentKind;
    clientId: string;
    status: ConsentStatus;
    createdAt: number;
  } & Partial<Consent>,
) {
  const consent: Consent = {
    consentId: t.ctx.ids.uuid(),
    consentType: KIND_INFO[fields.kind].consentType,
    apiFamily: fields.kind === 'obp' ? 'obp' : 'obie',
    receipt: '{}',
    updatedAt: fields.createdAt,
    statusUpdatedAt: fields.createdAt,
    validFrom: null,
    expiresAt: null,
    recurringIndicator: false,
    frequency: 0,
    userId: null,
    lastUsageAt: null,
    ...fields,
  };
  await t.ctx.storage.repos.consentWriter.insert(consent);
  ids[name] = consent.consentId;
}

beforeAll(async () => {
  t = await createTestContext();
  for (const client of ['search-a', 'search-b', 'search-c']) await givenClient(t.ctx, client);
  await given('a1', {
    kind: 'accounts',
    clientId: 'search-a',
    status: 'Authorised',
    createdAt: TEST_NOW - 5 * HOUR,
    userId: 'ann',
  });
  await given('a2', {
    kind: 'accounts',
    clientId: 'search-a',
    status: 'Authorised',
    createdAt: TEST_NOW - 4 * HOUR,
    expiresAt: TEST_NOW - HOUR,
    userId: 'bob',
  });
  await given('a3', {
    kind: 'funds-confirmation',
    clientId: 'search-a',
    status: 'AwaitingAuthorisation',
    createdAt: TEST_NOW - 3 * HOUR,
    userId: 'ann',
  });
  await given('b1', {
    kind: 'domestic-payment',
    clientId: 'search-b',
    status: 'Consumed',
    createdAt: TEST_NOW - 2 * HOUR,
    expiresAt: TEST_NOW - HOUR,
  });
  await given('b2', {
    kind: 'obp',
    clientId: 'search-b',
    status: 'ACCEPTED',
    createdAt: TEST_NOW - HOUR,
    expiresAt: TEST_NOW - 1,
    userId: 'ann',
  });
  await given('b3', {
    kind: 'obp',
    clientId: 'search-b',
    status: 'ACCEPTED',
    createdAt: TEST_NOW - HOUR / 2,
    userId: 'cat',
  });
});
afterAll(() => t.close());

const names = (consents: Consent[]) =>
  consents.map((c) => Object.keys(ids).find((name) => ids[name] === c.consentId));
const page = { limit: 50, offset: 0 };

describe('searchConsents', () => {
  it('filters by client ids, kinds and user ids (lists), newest first, with the total', async () => {
    const all = await searchConsents(t.ctx, { clientIds: ['search-a', 'search-b'], ...page });
    expect(all.total).toBe(6);
    expect(names(all.consents)).toEqual(['b3', 'b2', 'b1', 'a3', 'a2', 'a1']);
    const kinds = await searchConsents(t.ctx, {
      clientIds: ['search-a', 'search-b'],
      kinds: ['accounts', 'obp'],
      ...page,
    });
    expect(names(kinds.consents)).toEqual(['b3', 'b2', 'a2', 'a1']);
    const users = await searchConsents(t.ctx, {
      clientIds: ['search-a', 'search-b'],
      userIds: ['ann'],
      ...page,
    });
    expect(names(users.consents)).toEqual(['b2', 'a3', 'a1']);
  });

  it('filters by consent ids and by a creation-time range (inclusive)', async () => {
    const byId = await searchConsents(t.ctx, { consentIds: [ids.a1!, ids.b3!, t.ctx.ids.uuid()], ...page });
    expect(names(byId.consents)).toEqual(['b3', 'a1']);
    const range = await searchConsents(t.ctx, {
      clientIds: ['search-a', 'search-b'],
      createdFrom: TEST_NOW - 4 * HOUR,
      createdTo: TEST_NOW - 2 * HOUR,
      ...page,
    });
    expect(names(range.consents)).toEqual(['b1', 'a3', 'a2']);
  });

  it('matches statuses as readers see them: lapsed consents are Expired (EXPIRED for OBP), not Authorised', async () => {
    const scope = { clientIds: ['search-a', 'search-b'], ...page };
    const authorised = await searchConsents(t.ctx, { ...scope, statuses: ['Authorised'] });
    expect(names(authorised.consents)).toEqual(['a1']);
    const expired = await searchConsents(t.ctx, { ...scope, statuses: ['Expired', 'EXPIRED'] });
    expect(names(expired.consents)).toEqual(['b2', 'a2']);
    expect(expired.consents.map((c) => c.status)).toEqual(['EXPIRED', 'Expired']);
    // A payment consumed before its expiry stays Consumed.
    const consumed = await searchConsents(t.ctx, { ...scope, statuses: ['Consumed'] });
    expect(names(consumed.consents)).toEqual(['b1']);
    const accepted = await searchConsents(t.ctx, { ...scope, kinds: ['obp'], statuses: ['ACCEPTED'] });
    expect(names(accepted.consents)).toEqual(['b3']);
  });

  it('pages with limit and offset, the total counting every match, and sorts oldest first when asked', async () => {
    const scope = { clientIds: ['search-a', 'search-b'] };
    const second = await searchConsents(t.ctx, { ...scope, limit: 2, offset: 2 });
    expect(second.total).toBe(6);
    expect(names(second.consents)).toEqual(['b1', 'a3']);
    const ascending = await searchConsents(t.ctx, { ...scope, sort: 'created_asc', limit: 3, offset: 0 });
    expect(names(ascending.consents)).toEqual(['a1', 'a2', 'a3']);
    expect(ascending.total).toBe(6);
  });

  it('filters by stored consent types, and revoked consents by who revoked them (the history row)', async () => {
    const scope = { clientIds: ['search-a', 'search-b'], ...page };
    const types = await searchConsents(t.ctx, { ...scope, consentTypes: ['fundsconfirmations', 'payments'] });
    expect(names(types.consents)).toEqual(['b1', 'a3']);
    for (const [name, actor] of [
      ['r1', 'tpp'],
      ['r2', 'psu'],
    ] as const) {
      await given(name, { kind: 'accounts', clientId: 'search-c', status: 'Revoked', createdAt: TEST_NOW });
      await t.ctx.storage.repos.consentWriter.appendHistory({
        consentId: ids[name]!,
        fromStatus: 'Authorised',
        toStatus: 'Revoked',
        reason: 'test',
        actor: { type: actor, id: 'someone' },
        at: TEST_NOW,
      });
    }
    const revoked = { clientIds: ['search-c'], statuses: ['Revoked'], ...page };
    expect(names((await searchConsents(t.ctx, revoked)).consents).sort()).toEqual(['r1', 'r2']);
    const byTpp = await searchConsents(t.ctx, { ...revoked, revokedBy: ['tpp'] });
    expect(names(byTpp.consents)).toEqual(['r1']);
    const byPsu = await searchConsents(t.ctx, { ...revoked, revokedBy: ['psu', 'officer'] });
    expect(names(byPsu.consents)).toEqual(['r2']);
    expect(byPsu.total).toBe(1);
    const who = await t.ctx.storage.repos.consentSearch.revokedByOf([ids.r1!, ids.r2!, ids.a1!]);
    expect(Object.fromEntries(who)).toEqual({ [ids.r1!]: 'tpp', [ids.r2!]: 'psu' });
  });

  it('a status no family searched has (or an unknown one) matches nothing', async () => {
    const scope = { clientIds: ['search-a', 'search-b'], ...page };
    expect(await searchConsents(t.ctx, { ...scope, kinds: ['obp'], statuses: ['Authorised'] })).toEqual({
      total: 0,
      totalExact: true,
      consents: [],
    });
    expect((await searchConsents(t.ctx, { ...scope, statuses: ['Nonsense'] })).total).toBe(0);
  });

  it('counts up to countUpTo: the exact total at or under it, else the bound with totalExact false', async () => {
    const scope = { clientIds: ['search-a', 'search-b'], ...page };
    const all = await searchConsents(t.ctx, scope);
    expect(all.totalExact).toBe(true);
    expect(all.total).toBeGreaterThan(2);
    const capped = await searchConsents(t.ctx, { ...scope, countUpTo: all.total - 1 });
    expect(capped).toMatchObject({ total: all.total - 1, totalExact: false });
    expect(capped.consents).toEqual(all.consents);
    expect(await searchConsents(t.ctx, { ...scope, countUpTo: all.total })).toMatchObject({
      total: all.total,
      totalExact: true,
    });
  });

  it('an empty list filter matches nothing', async () => {
    expect(await searchConsents(t.ctx, { clientIds: [], ...page })).toEqual({
      total: 0,
      totalExact: true,
      consents: [],
    });
    expect(await searchConsents(t.ctx, { clientIds: ['search-a'], statuses: [], ...page })).toEqual({
      total: 0,
      totalExact: true,
      consents: [],
    });
  });
});

// The SQLite plans of every filter: consent-search-plan.test.ts.
describe('consent search indexes', () => {
  it.runIf(testDialect() === 'postgres')('has the search indexes on PostgreSQL', async () => {
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes where schemaname = current_schema() and tablename = 'consents'
    `.execute(t.database.db);
    expect(rows.map((r) => r.indexname)).toEqual(
      expect.arrayContaining([
        'consents_client_resource_created',
        'consents_client_resource_status_created',
        'consents_client_resource_user_created',
        'consents_client_created',
        'consents_kind_created',
        'consents_status_created',
        'consents_user_created',
        'consents_created',
      ]),
    );
  });
});
