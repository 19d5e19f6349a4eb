// The one consent search runs every filter on an index: the statements it really sends (captured by a
// Kysely plugin), explained by SQLite, never scan the consents table.
import {
  CompiledQuery,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type RootOperationNode,
} from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_KINDS, KIND_INFO, type ConsentKind } from '../../domain/consent.js';
import { portalStatusFilter, PORTAL_STATUSES } from '../../domain/portal-status.js';
import { storedStatusConditions } from '../../domain/stored-status-conditions.js';
import {
  createTestContext,
  TEST_NOW,
  testDialect,
  type TestContext,
} from '../../../test/helpers/test-context.js';
import { ConsentSearch, type ConsentSearchQuery } from './consent-search.js';

class CaptureQueries implements KyselyPlugin {
  readonly nodes: RootOperationNode[] = [];
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.nodes.push(args.node);
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs) {
    return Promise.resolve(args.result);
  }
}

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const ALL: readonly ConsentKind[] = [
  'accounts',
  'domestic-payment',
  'funds-confirmation',
  'domestic-vrp',
  'obp',
];
const base = { now: TEST_NOW, sort: 'created_desc', limit: 25, offset: 0 } as const;
/** As searchPortalConsents asks: the kinds of the consent type, the portal status's wire statuses. */
const portal = (status: (typeof PORTAL_STATUSES)[number], consentType = 'accounts') => {
  const { statuses, revokedBy } = portalStatusFilter(status);
  const kinds = CONSENT_KINDS.filter((kind) => KIND_INFO[kind].consentType === consentType);
  return {
    consentTypes: [consentType],
    statuses: storedStatusConditions(kinds, statuses),
    ...(revokedBy !== undefined ? { revokedBy } : {}),
  };
};

const FILTERS: Record<string, Partial<ConsentSearchQuery>> = {
  'consent ids': { consentIds: ['a', 'b'] },
  'client ids': { clientIds: ['tpp-1', 'tpp-2'] },
  kinds: { kinds: ['accounts', 'obp'] },
  'consent type': { consentTypes: ['accounts'] },
  'user ids': { userIds: ['ann'] },
  'created range': { createdFrom: TEST_NOW - 1000, createdTo: TEST_NOW },
  'statuses (Authorised, lazy expiry)': { statuses: storedStatusConditions(ALL, ['Authorised']) },
  'statuses (Expired, lazy expiry)': { statuses: storedStatusConditions(ALL, ['Expired', 'EXPIRED']) },
  'funds search (client, kind, status, user, range)': {
    clientIds: ['tpp-1'],
    kinds: ['funds-confirmation'],
    userIds: ['ann'],
    statuses: storedStatusConditions(['funds-confirmation'], ['Authorised']),
    createdFrom: TEST_NOW - 1000,
  },
  'portal: type and client': { consentTypes: ['accounts'], clientIds: ['tpp-1'] },
  'portal: type and user': { consentTypes: ['accounts'], userIds: ['ann'] },
  'portal: type and dates': { consentTypes: ['obp'], createdFrom: TEST_NOW - 1000, createdTo: TEST_NOW },
  ...Object.fromEntries(
    PORTAL_STATUSES.filter((s) => s !== 'PartiallyAuthorised' && s !== 'Consumed').map((s) => [
      `portal: ${s}`,
      portal(s),
    ]),
  ),
  'portal: OBP, Received': portal('Received', 'obp'),
  'portal: payments, Expired': portal('Expired', 'payments'),
  'portal: payments, Consumed': portal('Consumed', 'payments'),
  'portal: Valid, client and dates': {
    ...portal('Valid'),
    clientIds: ['tpp-1'],
    createdFrom: TEST_NOW - 1000,
  },
  'obp management: consumer, user and status': {
    kinds: ['obp'],
    clientIds: ['tpp-1'],
    userIds: ['ann'],
    statuses: storedStatusConditions(['obp'], ['ACCEPTED']),
  },
};

describe.runIf(testDialect() === 'sqlite')('the consent search query plans', () => {
  for (const [name, filter] of Object.entries(FILTERS))
    it(`${name}: the count and the page search an index`, async () => {
      const capture = new CaptureQueries();
      const db = t.database.db.withPlugin(capture);
      await new ConsentSearch(db).search({ ...base, ...filter });
      expect(capture.nodes).toHaveLength(2);
      for (const node of capture.nodes) {
        const compiled = db.getExecutor().compileQuery(node, { queryId: 'plan' });
        const { rows } = await t.database.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
        );
        const plan = rows.map((r) => r.detail).join(' | ');
        if (process.env.SHOW_PLANS) console.log(name, '::', plan);
        expect(plan, compiled.sql).toMatch(/SEARCH consents USING/);
        expect(plan, compiled.sql).not.toMatch(/SCAN consents/);
      }
    });
});
