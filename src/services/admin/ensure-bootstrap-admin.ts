import type { AppContext } from '../../context.js';
import { createOperator } from './create-operator.js';

/** ADMIN_USERNAME / ADMIN_PASSWORD: create that admin at start when no operator of that name exists. */
export async function ensureBootstrapAdmin(ctx: AppContext): Promise<boolean> {
  const { adminUsername, adminPassword } = ctx.config;
  if (!adminUsername || !adminPassword) return false;
  if (await ctx.storage.repos.operators.findByUsername(adminUsername)) return false;
  await createOperator(
    ctx,
    { username: adminUsername, password: adminPassword, roles: ['admin'] },
    { type: 'system', id: 'bootstrap' },
    null,
  );
  return true;
}
