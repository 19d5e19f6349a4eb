// OB idempotency (rw profile): same client + same key within the window replays the first result; the
// same key with another body is refused and changes nothing.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { Repositories } from '../../storage/storage.js';

export interface IdempotencyInput {
  key: string;
  /** SHA-256 of the request body as received. */
  requestHash: string;
}

const KEY_PATTERN = /^(?!\s)(.*)(\S)$/;

/** Checks the header's form: at most 40 characters, no leading or trailing white space. */
export function checkIdempotencyKey(key: string | undefined): string {
  if (key === undefined || key === '') throw new DomainError('idempotency.key_missing');
  if (key.length > 40 || !KEY_PATTERN.test(key)) {
    throw new DomainError(
      'idempotency.key_invalid',
      'x-idempotency-key must be 1 to 40 characters with no leading or trailing white space',
    );
  }
  return key;
}

/** The resource id of an earlier identical request, or undefined when the key is new. */
export async function findIdempotentReplay(
  ctx: AppContext,
  repos: Repositories,
  clientId: string,
  scope: string,
  input: IdempotencyInput,
): Promise<string | undefined> {
  const record = await repos.idempotency.find(clientId, scope, input.key, ctx.clock.now());
  if (!record) return undefined;
  if (record.requestHash !== input.requestHash) throw new DomainError('idempotency.key_reused');
  return record.resourceId;
}

export async function claimIdempotencyKey(
  ctx: AppContext,
  repos: Repositories,
  clientId: string,
  scope: string,
  input: IdempotencyInput,
  resourceId: string,
): Promise<void> {
  const now = ctx.clock.now();
  await repos.idempotency.save({
    clientId,
    scope,
    key: input.key,
    requestHash: input.requestHash,
    resourceId,
    createdAt: now,
    expiresAt: now + ctx.config.idempotencyWindowHours * 3_600_000,
  });
}
