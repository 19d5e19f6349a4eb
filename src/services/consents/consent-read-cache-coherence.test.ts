// The consent read cache never answers what the database would not: writes through this process are seen
// at once, commits by another connection (another process, the CLI) within the recheck interval, and a
// rolled-back write leaves the cached answer as it was. Runs on a SQLite file opened by two connections.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.js';
import { loadConfig } from '../../config.js';
import { createContext, type AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { randomIds } from '../../ids.js';
import { createLogger } from '../../logger.js';
import { openDatabase, type Database } from '../../storage/database.js';
import { migrateToLatest } from '../../storage/migrate.js';
import { createStorage } from '../../storage/storage.js';
import { givenClient } from '../../../test/helpers/factories.js';
import { givenCustomer, givenPartner } from '../../../test/helpers/customers.js';
import { istIn } from '../../../test/helpers/ob-samples.js';
import { createTestContext, TEST_NOW, testDialect } from '../../../test/helpers/test-context.js';
import { createConsent } from './create-consent.js';
import { revokeConsent } from './revoke-consent.js';
import { updateConsent } from './update-consent.js';
import { validateConsent } from './validate-consent.js';

const TPP = 'tpp-cache';
const KIND = 'accounts';
const tpp: Actor = { type: 'tpp', id: TPP };
const bank: Actor = { type: 'bank', id: 'gateway' };

function contextOn(database: Database, cacheSize: number): AppContext {
  const config = loadConfig({
    DATABASE_URL: ':memory:',
    LOG_LEVEL: 'silent',
    CONSENT_CACHE_SIZE: String(cacheSize),
  });
  return createContext({
    config,
    database,
    clock: new ManualClock(TEST_NOW),
    ids: randomIds,
    logger: createLogger('silent'),
  });
}

describe.skipIf(testDialect() !== 'sqlite')('the consent read cache on SQLite', () => {
  let dir: string;
  let server: { database: Database; ctx: AppContext };
  let other: { database: Database; ctx: AppContext };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'consenthub-cache-'));
    const file = join(dir, 'consenthub.db');
    const serverDb = openDatabase(`sqlite:${file}`);
    await migrateToLatest(serverDb);
    server = { database: serverDb, ctx: contextOn(serverDb, 1000) };
    // Another connection to the same file, as another process or the CLI would open it (no cache).
    const otherDb = openDatabase(`sqlite:${file}`);
    other = { database: otherDb, ctx: contextOn(otherDb, 0) };
    await givenClient(server.ctx, TPP);
    await givenPartner(server.ctx, 'cache-bank');
    await givenCustomer(server.ctx, 'cache-bank', { username: 'olivia', email: 'olivia@cache.example' });
  });
  afterAll(async () => {
    await server.database.close();
    await other.database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An Authorised account consent: olivia holds 31820 with ReadBalances. */
  async function givenAuthorised(): Promise<string> {
    const { consent } = await createConsent(server.ctx, {
      kind: KIND,
      clientId: TPP,
      body: { Data: { Permissions: ['ReadBalances'], ExpirationDateTime: istIn(5) }, Risk: {} },
      actor: tpp,
    });
    await updateConsent(server.ctx, {
      kind: KIND,
      consentId: consent.consentId,
      clientId: TPP,
      update: {
        status: 'Authorised',
        authorizationResources: [
          {
            userId: 'olivia',
            type: 'authorisation',
            status: 'Authorised',
            resources: [{ accountId: '31820', permission: 'ReadBalances', mappingStatus: 'active' }],
          },
        ],
      },
      actor: bank,
    });
    return consent.consentId;
  }

  const ask = (ctx: AppContext, consentId: string) =>
    validateConsent(ctx, { consentId, clientId: TPP, userId: 'olivia', accountId: '31820' });

  it('answers repeated validations and retrievals from memory', async () => {
    const id = await givenAuthorised();
    const cold = server.ctx.storage.consentCacheStats()!;
    expect((await ask(server.ctx, id)).isValid).toBe(true);
    await server.ctx.storage.repos.consents.findById(id);
    const warm = server.ctx.storage.consentCacheStats()!;
    expect(warm.misses - cold.misses).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 3; i++) {
      expect((await ask(server.ctx, id)).isValid).toBe(true);
      expect((await server.ctx.storage.repos.consents.findById(id))!.status).toBe('Authorised');
    }
    const after = server.ctx.storage.consentCacheStats()!;
    expect(after.misses).toBe(warm.misses);
    expect(after.hits - warm.hits).toBe(6);
  });

  it('sees a write through this process at once: a revoked authorisation, then a revoked consent', async () => {
    const id = await givenAuthorised();
    expect((await ask(server.ctx, id)).isValid).toBe(true);
    await updateConsent(server.ctx, {
      kind: KIND,
      consentId: id,
      clientId: TPP,
      update: {
        authorizationResources: [
          {
            userId: 'olivia',
            type: 'authorisation',
            status: 'Revoked',
            resources: [{ accountId: '31820', permission: 'ReadBalances', mappingStatus: 'active' }],
          },
        ],
      },
      actor: bank,
    });
    expect(await ask(server.ctx, id)).toMatchObject({ isValid: false, errorCode: 'auth.forbidden' });

    await revokeConsent(server.ctx, { kind: KIND, consentId: id, clientId: TPP, actor: tpp });
    expect(await ask(server.ctx, id)).toMatchObject({
      isValid: false,
      errorCode: 'consent.invalid_status',
      consentInformation: { status: 'Revoked' },
    });
    expect((await server.ctx.storage.repos.consents.findById(id))!.status).toBe('Revoked');
    // What another connection reads is the same: the write reached the database.
    expect((await other.ctx.storage.repos.consents.findById(id))!.status).toBe('Revoked');
    const history = await other.ctx.storage.repos.consents.history(id);
    expect(history.map((h) => h.toStatus)).toEqual(['AwaitingAuthorisation', 'Authorised', 'Revoked']);
  });

  it('sees a commit by another connection within the recheck interval', async () => {
    const id = await givenAuthorised();
    expect((await ask(server.ctx, id)).isValid).toBe(true);
    expect((await server.ctx.storage.repos.consents.findById(id))!.status).toBe('Authorised');
    await revokeConsent(other.ctx, { kind: KIND, consentId: id, clientId: TPP, actor: tpp });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await ask(server.ctx, id)).toMatchObject({ isValid: false, errorCode: 'consent.invalid_status' });
    expect((await server.ctx.storage.repos.consents.findById(id))!.status).toBe('Revoked');
    const history = await server.ctx.storage.repos.consents.history(id);
    expect(history.map((h) => [h.toStatus, h.actor])).toEqual([
      ['AwaitingAuthorisation', tpp],
      ['Authorised', bank],
      ['Revoked', tpp],
    ]);
  });

  it('keeps the cached answer when a write rolls back, and serves the committed one after a commit', async () => {
    const id = await givenAuthorised();
    expect((await ask(server.ctx, id)).isValid).toBe(true);
    const change = {
      consentId: id,
      fromStatus: 'Authorised' as const,
      toStatus: 'Revoked' as const,
      reason: 'test',
      actor: bank,
      at: TEST_NOW,
    };
    await expect(
      server.ctx.storage.transaction(async (repos) => {
        await repos.consentWriter.changeStatus(change);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect((await ask(server.ctx, id)).isValid).toBe(true);
    expect(await server.ctx.storage.repos.consents.history(id)).toHaveLength(2);
    expect((await other.ctx.storage.repos.consents.findById(id))!.status).toBe('Authorised');

    await server.ctx.storage.transaction((repos) => repos.consentWriter.changeStatus(change));
    expect(await ask(server.ctx, id)).toMatchObject({ isValid: false, errorCode: 'consent.invalid_status' });
  });

  it('does not let a read that raced a usage flush keep the older last-usage time', async () => {
    const id = await givenAuthorised();
    const repo = server.ctx.storage.repos.consents;
    const writer = server.ctx.storage.repos.consentWriter;
    await Promise.all([repo.findValidationView(id), writer.recordUsage(new Map([[id, TEST_NOW + 5000]]))]);
    expect((await repo.findValidationView(id))!.consent.lastUsageAt).toBe(TEST_NOW + 5000);
    await Promise.all([repo.findById(id), writer.recordUsage(new Map([[id, TEST_NOW + 9000]]))]);
    expect((await repo.findById(id))!.lastUsageAt).toBe(TEST_NOW + 9000);
    expect((await repo.findValidationView(id))!.consent.lastUsageAt).toBe(TEST_NOW + 9000);
  });

  it("shares one cache between storages on one connection, so neither misses the other's writes", async () => {
    const id = await givenAuthorised();
    const second = createStorage(server.database, randomIds, { consentCacheSize: 1000 });
    expect((await second.repos.consents.findById(id))!.status).toBe('Authorised');
    await revokeConsent(server.ctx, { kind: KIND, consentId: id, clientId: TPP, actor: tpp });
    expect((await second.repos.consents.findById(id))!.status).toBe('Revoked');
  });

  it('does not let a read that raced a write store the older row', async () => {
    const id = await givenAuthorised();
    // Both start together: the read was queued before the revocation's transaction committed.
    const [verdict] = await Promise.all([
      ask(server.ctx, id),
      revokeConsent(server.ctx, { kind: KIND, consentId: id, clientId: TPP, actor: tpp }),
    ]);
    expect(verdict.isValid).toBe(true);
    expect(await ask(server.ctx, id)).toMatchObject({ isValid: false, errorCode: 'consent.invalid_status' });
  });
});

describe.skipIf(testDialect() !== 'postgres')('the consent read cache on PostgreSQL', () => {
  it('is off: other instances write the same database unseen', async () => {
    const t = await createTestContext();
    try {
      expect(t.ctx.config.consentCacheSize).toBeGreaterThan(0);
      expect(t.ctx.storage.consentCacheStats()).toBeUndefined();
    } finally {
      await t.close();
    }
  });
});

describe('what the cache reads is written only where it is invalidated', () => {
  it('no file under src/ but the consent repository writes consents, authorisations or mappings', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files: string[] = [];
    const walk = (path: string) => {
      for (const name of readdirSync(path)) {
        const full = join(path, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(full);
      }
    };
    walk(root);
    const write =
      /(insertInto|updateTable|deleteFrom|mergeInto)\(\s*'(consents|authorisations|consent_account_mappings)\b|\b(insert\s+into|update|delete\s+from)\s+"?(consents|authorisations|consent_account_mappings)\b/i;
    const writers = files
      .filter((file) => !file.includes(`${join('storage', 'migrations')}`))
      .filter((file) => write.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(root.length + 1));
    expect(writers).toEqual([join('storage', 'repositories', 'consent-writer.ts')]);
  });

  it('no file under src/ but the consent writer invalidates, patches or clears the read cache', () => {
    const root = join(import.meta.dirname, '..', '..');
    const files: string[] = [];
    const walk = (path: string) => {
      for (const name of readdirSync(path)) {
        const full = join(path, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) files.push(full);
      }
    };
    walk(root);
    const invalidates = /cache\??\.(invalidate|patch|clear)\(/;
    const invalidators = files
      .filter((file) => !file.endsWith(join('storage', 'consent-read-cache.ts')))
      .filter((file) => invalidates.test(readFileSync(file, 'utf8')))
      .map((file) => file.slice(root.length + 1));
    expect(invalidators).toEqual([join('storage', 'repositories', 'consent-writer.ts')]);
  });
});
