// File-payment consents: upload the payment file once (its SHA-256 must equal Initiation.FileHash), which
// moves the consent from AwaitingUpload to AwaitingAuthorisation (through the transition step).
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { fileHashOf } from '../../domain/consent-request-rules.js';
import { DomainError } from '../../domain/errors.js';
import type { ConsentFile } from '../../storage/repositories/consent-file-repository.js';
import { loadBoundConsent } from './load-bound-consent.js';
import { transitionConsent } from './transition-consent.js';
import { claimIdempotencyKey, findIdempotentReplay, type IdempotencyInput } from './idempotency.js';

export interface UploadFileInput {
  consentId: string;
  clientId: string;
  contentType: string;
  content: Buffer;
  idempotency: IdempotencyInput;
  actor: Actor;
}

/** Returns false when the request was an idempotent replay of an earlier upload. */
export async function uploadConsentFile(ctx: AppContext, input: UploadFileInput): Promise<boolean> {
  const now = ctx.clock.now();
  const scope = `file:${input.consentId}`;
  return ctx.storage.transaction(async (repos) => {
    const consent = await loadBoundConsent(
      repos,
      input.consentId,
      { kind: 'file-payment', clientId: input.clientId },
      true,
    );
    if (await findIdempotentReplay(ctx, repos, input.clientId, scope, input.idempotency)) return false;
    if (await repos.consentFiles.find(consent.consentId)) throw new DomainError('consent.file_exists');
    const sha256 = createHash('sha256').update(input.content).digest('base64');
    const expected = fileHashOf(JSON.parse(consent.receipt));
    if (expected !== sha256) {
      throw new DomainError(
        'consent.file_hash_mismatch',
        `The file's base64 SHA-256 (${sha256}) does not match Data.Initiation.FileHash`,
        [{ path: 'Data.Initiation.FileHash' }],
      );
    }
    const file: ConsentFile = {
      consentId: consent.consentId,
      contentType: input.contentType,
      content: input.content,
      sha256,
      size: input.content.length,
      uploadedAt: now,
    };
    // A consent past its validity is stored Expired first and refuses the file (the transaction rolls back).
    await transitionConsent(repos, {
      consentId: consent.consentId,
      binding: { kind: 'file-payment', clientId: input.clientId },
      change: { event: 'upload_file' },
      actor: input.actor,
      reason: 'Payment file uploaded',
      at: now,
    });
    await repos.consentFiles.insert(file);
    await claimIdempotencyKey(ctx, repos, input.clientId, scope, input.idempotency, consent.consentId);
    return true;
  });
}
