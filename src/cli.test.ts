import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from './cli.js';
import { DomainError } from './domain/errors.js';
import { verifySecret } from './services/credentials/secrets.js';
import { createTestContext, type TestContext } from '../test/helpers/test-context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('cli', () => {
  it('creates an operator', async () => {
    const out: string[] = [];
    await runCommand(
      t.ctx,
      'create-operator',
      { username: 'ops', password: 'ops-password-1', roles: 'admin,consent-manager' },
      (l) => out.push(l),
    );
    expect(out[0]).toContain('operator ops created');
    expect((await t.ctx.storage.repos.operators.findByUsername('ops'))?.roles).toEqual([
      'admin',
      'consent-manager',
    ]);
  });

  it('creates a client and prints its secret once', async () => {
    const out: string[] = [];
    await runCommand(
      t.ctx,
      'create-client',
      { name: 'CLI TPP', roles: 'CBPII', 'client-id': 'cli-tpp' },
      (l) => out.push(l),
    );
    const printed = JSON.parse(out[0]!);
    const stored = await t.ctx.storage.repos.clients.findById('cli-tpp');
    expect(await verifySecret(printed.clientSecret, stored!.secretHash)).toBe(true);
  });

  it('refuses unknown roles and commands with a clear message', async () => {
    await expect(
      runCommand(
        t.ctx,
        'create-operator',
        { username: 'x', password: 'long-password', roles: 'root' },
        () => {},
      ),
    ).rejects.toThrow(/--roles must list/);
    await expect(runCommand(t.ctx, 'launch', {}, () => {})).rejects.toBeInstanceOf(DomainError);
    expect(await t.ctx.storage.repos.operators.findByUsername('x')).toBeUndefined();
  });

  it('seeds the demo data idempotently', async () => {
    const out: string[] = [];
    await runCommand(t.ctx, 'seed-demo', {}, (l) => out.push(l));
    const consents = await t.ctx.storage.repos.consentMaintenance.countByTypeAndStatus();
    await runCommand(t.ctx, 'seed-demo', {}, () => {});
    expect(await t.ctx.storage.repos.consentMaintenance.countByTypeAndStatus()).toEqual(consents);
    expect(out.join('\n')).toContain('operator admin / demo-admin-password');
    const statuses = new Set(consents.map((c) => c.status));
    for (const s of [
      'AwaitingAuthorisation',
      'Authorised',
      'Rejected',
      'Revoked',
      'Expired',
      'Consumed',
      'AwaitingUpload',
    ])
      expect(statuses).toContain(s);
  });
});
