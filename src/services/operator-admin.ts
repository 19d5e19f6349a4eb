// Admin use cases for bank staff accounts.
import type { AppContext } from '../context.js';
import type { Actor } from '../domain/consent.js';
import { DomainError } from '../domain/errors.js';
import type { Operator, OperatorRole } from '../domain/operator.js';
import { isUniqueViolation } from '../storage/storage.js';
import { hashSecret } from './secrets.js';

export const MIN_PASSWORD_LENGTH = 8;

/** Refuses a new password (operator or customer) shorter than MIN_PASSWORD_LENGTH; undefined means unchanged. */
export function checkPasswordLength(password: string | undefined): void {
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    const message = `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
    throw new DomainError('request.field_invalid', message, [{ path: 'password', message }]);
  }
}

function publicOperator(record: Operator & { passwordHash?: string }): Operator {
  const { passwordHash: _hash, ...operator } = record;
  return operator;
}

export async function createOperator(
  ctx: AppContext,
  input: { username: string; password: string; roles: OperatorRole[] },
  actor: Actor,
  interactionId: string | null,
): Promise<Operator> {
  checkPasswordLength(input.password);
  const now = ctx.clock.now();
  const operator: Operator = {
    operatorId: ctx.ids.uuid(),
    username: input.username,
    roles: [...new Set(input.roles)],
    active: true,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
  };
  const passwordHash = await hashSecret(input.password);
  try {
    await ctx.storage.transaction(async (repos) => {
      await repos.operators.insert({ ...operator, passwordHash });
      await repos.audit.append({
        actor,
        action: 'operator.created',
        targetType: 'operator',
        targetId: operator.username,
        details: { roles: operator.roles },
        interactionId,
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('operator.exists');
    throw error;
  }
  return operator;
}

export async function listOperators(ctx: AppContext): Promise<Operator[]> {
  return (await ctx.storage.repos.operators.list()).map(publicOperator);
}

export async function updateOperator(
  ctx: AppContext,
  username: string,
  changes: { roles?: OperatorRole[]; active?: boolean; password?: string; unlock?: boolean },
  actor: Actor,
  interactionId: string | null,
): Promise<Operator> {
  checkPasswordLength(changes.password);
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
      },
      now,
    );
    await repos.audit.append({
      actor,
      action: 'operator.updated',
      targetType: 'operator',
      targetId: username,
      details: {
        before: { roles: before.roles, active: before.active },
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
