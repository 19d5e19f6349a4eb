import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import type { Operator, OperatorRole } from '../../domain/operator.js';
import { isUniqueViolation } from '../../storage/storage.js';
import { hashSecret } from '../credentials/secrets.js';
import { checkPasswordLength } from '../credentials/check-password-length.js';

export async function createOperator(
  ctx: AppContext,
  input: { username: string; password: string; roles: OperatorRole[]; serviceAccount?: boolean },
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
    serviceAccount: input.serviceAccount ?? false,
    allowedSources: [],
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
