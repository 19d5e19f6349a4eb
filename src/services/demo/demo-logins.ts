// What the start banner says about each demo account, checked against what is stored: an account that
// already existed (the bootstrap admin of ADMIN_USERNAME, a password changed since) may not take the demo
// password, so only logins that work are printed as logins, and the others are named as keeping their own.
import type { AppContext } from '../../context.js';
import { DEMO_CLIENTS, DEMO_OPERATORS } from './seed-demo.js';
import { DEMO_CUSTOMERS, DEMO_PARTNER } from './seed-demo-customers.js';
import { verifySecret } from '../credentials/secrets.js';

export interface DemoLogins {
  /** `who login / password (roles)`: each one works right now. */
  logins: string[];
  /** Demo accounts whose demo login does not work, and why (own password, deactivated, locked). */
  others: string[];
}

export async function describeDemoLogins(ctx: AppContext): Promise<DemoLogins> {
  const result: DemoLogins = { logins: [], others: [] };
  const now = ctx.clock.now();
  for (const demo of DEMO_OPERATORS) {
    const stored = await ctx.storage.repos.operators.findByUsername(demo.username);
    if (!stored) continue;
    const who = `operator ${demo.username}`;
    if (!(await verifySecret(demo.password, stored.passwordHash)))
      result.others.push(`${who} keeps its own password (the demo password does not work)`);
    else if (!stored.active) result.others.push(`${who} is deactivated`);
    else if (stored.lockedUntil !== null && stored.lockedUntil > now)
      result.others.push(`${who} is locked until ${new Date(stored.lockedUntil).toISOString()}`);
    else result.logins.push(`${who} / ${demo.password} (${stored.roles.join(', ')})`);
  }
  for (const demo of DEMO_CLIENTS) {
    const stored = await ctx.storage.repos.clients.findById(demo.clientId);
    if (!stored) continue;
    const who = `client ${demo.clientId}`;
    if (!(await verifySecret(demo.secret, stored.secretHash)))
      result.others.push(`${who} keeps its own secret (the demo secret does not work)`);
    else if (!stored.active) result.others.push(`${who} is deactivated`);
    else result.logins.push(`${who} / ${demo.secret} (${stored.roles.join(', ')})`);
  }
  for (const demo of DEMO_CUSTOMERS) {
    const stored = await ctx.storage.repos.customers.findById(demo.customerId);
    if (!stored) continue;
    const who = `customer ${stored.username}`;
    if (!(await verifySecret(demo.password, stored.passwordHash)))
      result.others.push(`${who} keeps its own password (the demo password does not work)`);
    else if (!stored.active) result.others.push(`${who} is deactivated`);
    // Paul's wallet starts locked on purpose (the B2B unlock walk-through).
    else if (stored.locked)
      result.others.push(
        `${who} / ${demo.password} (partner ${DEMO_PARTNER.clientId}) is locked: unlock the wallet through the B2B API first`,
      );
    else result.logins.push(`${who} / ${demo.password} (partner ${DEMO_PARTNER.clientId})`);
  }
  return result;
}
