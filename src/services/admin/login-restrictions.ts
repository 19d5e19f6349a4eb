import { DomainError } from '../../domain/errors.js';
import { invalidCidrs } from '../credentials/login-source.js';

/** How an operator or client account may log in (issue 13 item 2): settable by the admin API and CLI. */
export interface LoginRestrictions {
  /** A service account is never locked account-wide by failed logins (only per source). */
  serviceAccount?: boolean;
  /** CIDR networks the account may log in from; [] lifts the restriction. */
  allowedSources?: string[];
}

/** Refuses a malformed CIDR with a 400 naming it, before anything is stored. */
export function checkLoginRestrictions(changes: LoginRestrictions): void {
  const bad = invalidCidrs(changes.allowedSources ?? []);
  if (bad.length > 0)
    throw new DomainError(
      'request.field_invalid',
      `allowedSources must list CIDR networks such as 10.0.0.0/8 (not ${bad.join(', ')})`,
      [{ path: 'allowedSources' }],
    );
}
