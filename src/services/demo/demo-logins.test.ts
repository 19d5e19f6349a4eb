// The start banner's demo logins (issue 12, item 1): printed only when they work, and the accounts that
// kept their own password named instead (the bootstrap admin of ADMIN_USERNAME first of all).
import { afterEach, describe, expect, it } from 'vitest';
import { basic } from '../../../test/helpers/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { authenticateClient } from '../credentials/authenticate-client.js';
import { authenticateCustomer } from '../customers/authenticate-customer.js';
import { authenticateOperator } from '../credentials/authenticate-operator.js';
import { rotateClientSecret } from '../admin/rotate-client-secret.js';
import { ensureBootstrapAdmin } from '../admin/ensure-bootstrap-admin.js';
import { seedDemoData } from './seed-demo.js';

let t: TestContext;
afterEach(() => t.close());

/** Logs each printed login in through the service that checks it: a line that does not work throws. */
async function everyLoginWorks(lines: string[]): Promise<void> {
  for (const line of lines) {
    const [, kind, who, secret] = /^(operator|client|customer) (\S+) \/ (\S+) /.exec(line)!;
    if (kind === 'operator')
      await authenticateOperator(
        t.ctx,
        who!,
        secret!,
        ['admin', 'consent-manager', 'customer-care-officer'],
        '127.0.0.1',
      );
    else if (kind === 'client') await authenticateClient(t.ctx, who!, secret!);
    else await authenticateCustomer(t.ctx, { source: '127.0.0.1', username: who!, password: secret! });
  }
}

describe('demo logins in the start banner', { timeout: 60_000 }, () => {
  it('a fresh demo start prints every demo login, each of which works; the locked wallet is named apart', async () => {
    t = await createTestContext();
    const banner = await seedDemoData(t.ctx);
    expect(banner.logins).toEqual([
      'operator admin / demo-admin-password (admin)',
      'operator gateway / demo-gateway-password (consent-manager)',
      'operator ann@gold.com / demo-officer-password (customer-care-officer)',
      'client demo-aisp / demo-aisp-secret (AISP)',
      'client demo-pisp / demo-pisp-secret (PISP)',
      'client demo-cbpii / demo-cbpii-secret (CBPII)',
      'client demo-obp / demo-obp-secret (AISP, PISP)',
      'client certnew / demo-partner-secret (B2B_PARTNER)',
      'customer olivia_wallet_user@hotmail.com / demo-olivia-password (partner certnew)',
      'customer obp_manager@demo.example / demo-manager-password (partner certnew)',
    ]);
    expect(banner.others).toEqual([
      'customer pauls_wallet@yahoo.com / demo-paul-password (partner certnew) is locked: unlock the wallet through the B2B API first',
    ]);
    await everyLoginWorks(banner.logins);
  });

  it('with ADMIN_USERNAME=admin the bootstrap admin keeps its password and the banner says so', async () => {
    t = await createTestContext({ adminUsername: 'admin', adminPassword: 'my-own-password' });
    expect(await ensureBootstrapAdmin(t.ctx)).toBe(true);
    const banner = await seedDemoData(t.ctx);
    expect(banner.logins.filter((l) => l.startsWith('operator admin '))).toEqual([]);
    expect(banner.others).toContain(
      'operator admin keeps its own password (the demo password does not work)',
    );
    await everyLoginWorks(banner.logins);
    // As the wire sees it: the own password works, the demo one is refused.
    const asAdmin = (password: string) =>
      t.app.inject({ url: '/admin/clients', headers: { authorization: basic('admin', password) } });
    expect((await asAdmin('my-own-password')).statusCode).toBe(200);
    const refused = await asAdmin('demo-admin-password');
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'auth.invalid' });
  });

  it('a demo client whose secret was rotated is named as keeping its own secret on the next start', async () => {
    t = await createTestContext();
    await seedDemoData(t.ctx);
    await rotateClientSecret(t.ctx, 'demo-aisp', { type: 'admin', id: 'test' }, null);
    const banner = await seedDemoData(t.ctx);
    expect(banner.logins.some((l) => l.startsWith('client demo-aisp '))).toBe(false);
    expect(banner.others).toContain('client demo-aisp keeps its own secret (the demo secret does not work)');
    await everyLoginWorks(banner.logins);
  });
});
