import { DomainError } from '../../domain/errors.js';

export function invalidFields(details: { path?: string; message?: string }[]): DomainError {
  return new DomainError('request.field_invalid', details[0]?.message, details);
}
