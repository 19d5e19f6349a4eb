// Admin use cases for bank staff accounts.
import { DomainError } from '../../domain/errors.js';

export const MIN_PASSWORD_LENGTH = 8;

/** Refuses a new password (operator or customer) shorter than MIN_PASSWORD_LENGTH; undefined means unchanged. */
export function checkPasswordLength(password: string | undefined): void {
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    const message = `password must be at least ${MIN_PASSWORD_LENGTH} characters`;
    throw new DomainError('request.field_invalid', message, [{ path: 'password', message }]);
  }
}
