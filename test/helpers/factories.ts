import type { AppContext } from '../../src/context.js';
import type { ClientRole } from '../../src/domain/client.js';
import type { OperatorRole } from '../../src/domain/operator.js';
import { createClient } from '../../src/services/admin/create-client.js';
import { createOperator } from '../../src/services/admin/create-operator.js';

const SYSTEM = { type: 'system' as const, id: 'test' };

export async function givenOperator(
  ctx: AppContext,
  username: string,
  roles: OperatorRole[],
  password = 'test-password-1',
) {
  await createOperator(ctx, { username, password, roles }, SYSTEM, null);
  return { username, password, authorization: basic(username, password) };
}

export async function givenClient(
  ctx: AppContext,
  clientId: string,
  roles: ClientRole[] = ['AISP', 'PISP', 'CBPII'],
  extra: { shortName?: string; clientSecret?: string } = {},
) {
  return createClient(ctx, { clientId, name: `Client ${clientId}`, roles, ...extra }, SYSTEM, null);
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
