// How operators and clients look on the wire of the two APIs that administer them (/admin, /portal/api/admin).
import type { Client } from '../domain/client.js';
import { isLockedAt, type Operator } from '../domain/operator.js';

export function clientView(client: Client) {
  return {
    clientId: client.clientId,
    name: client.name,
    shortName: client.shortName,
    roles: client.roles,
    consumerKey: client.consumerKey,
    certificate:
      client.certThumbprint === null
        ? null
        : { thumbprint: client.certThumbprint, subject: client.certSubjectDn ?? '' },
    active: client.active,
    serviceAccount: client.serviceAccount,
    allowedSources: client.allowedSources,
    createdAt: new Date(client.createdAt).toISOString(),
    updatedAt: new Date(client.updatedAt).toISOString(),
  };
}

export function operatorView(operator: Operator, now: number) {
  return {
    username: operator.username,
    roles: operator.roles,
    active: operator.active,
    locked: isLockedAt(operator.lockedUntil, now),
    failedLogins: operator.failedLogins,
    serviceAccount: operator.serviceAccount,
    allowedSources: operator.allowedSources,
    createdAt: new Date(operator.createdAt).toISOString(),
    updatedAt: new Date(operator.updatedAt).toISOString(),
  };
}
