import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import type { Operator, OperatorRole } from '../../domain/operator.js';
import { hashSecret } from '../credentials/secrets.js';
import { checkPasswordLength } from '../credentials/check-password-length.js';
import { publicOperator } from './public-operator.js';
import { checkLoginRestrictions, type LoginRestrictions } from './login-restrictions.js';

export async function updateOperator(
  ctx: AppContext,
  username: string,
  changes: {
    roles?: OperatorRole[];
    active?: boolean;
    password?: string;
    unlock?: boolean;
  } & LoginRestrictions,
  actor: Actor,
  interactionId: string | null,
): Promise<Operator> {
  checkPasswordLength(changes.password);
  checkLoginRestrictions(changes);
  const now = ctx.clock.now();
  const passwordHash = changes.password === undefined ? undefined : await hashSecret(changes.password);
  const updated = await ctx.storage.transaction(async (repos) => {
    const before = await repos.operators.findByUsername(username);
    if (!before) throw new DomainError('operator.unknown');
    await repos.operators.update(
      before.operatorId,
      {
        ...(changes.roles ? { roles: [...new Set(changes.roles)] } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        ...(passwordHash ? { passwordHash } : {}),
        ...(changes.unlock ? { failedLogins: 0, lockedUntil: null } : {}),
        ...(changes.serviceAccount !== undefined ? { serviceAccount: changes.serviceAccount } : {}),
        ...(changes.allowedSources !== undefined ? { allowedSources: changes.allowedSources } : {}),
      },
      now,
    );
    await repos.audit.append({
      actor,
      action: 'operator.updated',
      targetType: 'operator',
      targetId: username,
      details: {
        before: {
          roles: before.roles,
          active: before.active,
          serviceAccount: before.serviceAccount,
          allowedSources: before.allowedSources,
        },
        changes: { ...changes, ...(changes.password !== undefined ? { password: '[changed]' } : {}) },
      },
      interactionId,
      at: now,
    });
    return (await repos.operators.findByUsername(username))!;
  });
  ctx.caches.operators.clear();
  return publicOperator(updated);
}
