// Business rules on consent requests beyond their JSON schema (UK OB v3.1 rules: account permissions,
// date sanity), and the facts the server keeps from a request (expiry, frequency).
import type { ConsentFamily } from './consent.js';
import { parseIsoDateTime } from './date-time.js';
import { DomainError, type ErrorDetail } from './errors.js';

type Json = Record<string, unknown>;

function get(body: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Json)[key] : undefined),
      body,
    );
}

function permissionProblems(permissions: string[]): ErrorDetail[] {
  const has = (p: string) => permissions.includes(p);
  const problems: ErrorDetail[] = [];
  if (
    (has('ReadTransactionsBasic') || has('ReadTransactionsDetail')) &&
    !has('ReadTransactionsCredits') &&
    !has('ReadTransactionsDebits')
  ) {
    problems.push({
      path: 'Data.Permissions',
      message:
        'ReadTransactionsBasic or ReadTransactionsDetail requires ReadTransactionsCredits or ReadTransactionsDebits',
    });
  }
  if (
    (has('ReadTransactionsCredits') || has('ReadTransactionsDebits')) &&
    !has('ReadTransactionsBasic') &&
    !has('ReadTransactionsDetail')
  ) {
    problems.push({
      path: 'Data.Permissions',
      message:
        'ReadTransactionsCredits or ReadTransactionsDebits requires ReadTransactionsBasic or ReadTransactionsDetail',
    });
  }
  return problems;
}

/** Where each family keeps the instant after which the consent is no longer valid. */
const EXPIRY_PATH: Record<ConsentFamily, string | undefined> = {
  accounts: 'Data.ExpirationDateTime',
  'funds-confirmation': 'Data.ExpirationDateTime',
  vrp: 'Data.ControlParameters.ValidToDateTime',
  payments: undefined,
  'file-payments': undefined,
  // OBP consents carry their validity in the consent itself (valid_from, time_to_live), not in an OB body.
  obp: undefined,
};

const RANGES: [string, string][] = [
  ['Data.TransactionFromDateTime', 'Data.TransactionToDateTime'],
  ['Data.ControlParameters.ValidFromDateTime', 'Data.ControlParameters.ValidToDateTime'],
];

/** Where `family` keeps its expiry, as the keys below Data (undefined: it has none). */
export function expiryKeysOf(family: ConsentFamily): string[] | undefined {
  return EXPIRY_PATH[family]?.split('.').slice(1);
}

/**
 * Fields of Data the server sets: a request never does (mass assignment, DESIGN.md §4), in any spelling
 * (consentID, status, ...: a look-alike would be stored and echoed beside the real one).
 */
const SERVER_OWNED = new Set(
  ['ConsentId', 'Status', 'StatusUpdateDateTime', 'CreationDateTime', 'ClientId'].map((f) => f.toLowerCase()),
);

/** Throws a DomainError listing every rule the request breaks. */
export function checkConsentRequest(
  family: ConsentFamily,
  body: unknown,
  now: number,
  options: { strictPermissions: boolean } = { strictPermissions: true },
): void {
  const data = get(body, 'Data');
  const fields = data !== null && typeof data === 'object' ? Object.keys(data) : [];
  const owned: ErrorDetail[] = fields
    .filter((field) => SERVER_OWNED.has(field.toLowerCase()))
    .map((field) => ({
      path: `Data.${field}`,
      message: `Data.${field} is set by the server, not the request`,
    }));
  // The same code as a field a closed OB object does not define: on a closed Data (payments) the schema
  // refuses a look-alike first, on an open one (account access, VRP) this rule does, and both read alike.
  if (owned.length > 0) throw new DomainError('request.field_unexpected', owned[0]!.message, owned);
  const problems: ErrorDetail[] = [];
  if (family === 'accounts' && options.strictPermissions) {
    const permissions = get(body, 'Data.Permissions');
    if (Array.isArray(permissions)) problems.push(...permissionProblems(permissions as string[]));
  }
  const expiryPath = EXPIRY_PATH[family];
  const expiry = expiryPath ? get(body, expiryPath) : undefined;
  if (typeof expiry === 'string') {
    const at = parseIsoDateTime(expiry);
    if (at === undefined)
      problems.push({ path: expiryPath, message: `${expiryPath} is not an ISO 8601 date-time with offset` });
    else if (at <= now) problems.push({ path: expiryPath, message: `${expiryPath} must be in the future` });
  }
  for (const [fromPath, toPath] of RANGES) {
    const from = get(body, fromPath);
    const to = get(body, toPath);
    if (typeof from === 'string' && typeof to === 'string') {
      const a = parseIsoDateTime(from);
      const b = parseIsoDateTime(to);
      if (a !== undefined && b !== undefined && a > b)
        problems.push({ path: fromPath, message: `${fromPath} must not be after ${toPath}` });
    }
  }
  if (problems.length > 0) {
    const dateProblem = problems.some((p) => p.path?.endsWith('DateTime'));
    throw new DomainError(
      dateProblem ? 'request.date_invalid' : 'request.field_invalid',
      problems[0]!.message,
      problems,
    );
  }
}

export function expiryOf(family: ConsentFamily, body: unknown): number | null {
  const path = EXPIRY_PATH[family];
  const value = path ? get(body, path) : undefined;
  return typeof value === 'string' ? (parseIsoDateTime(value) ?? null) : null;
}

export function validFromOf(body: unknown): number | null {
  const value = get(body, 'Data.ControlParameters.ValidFromDateTime');
  return typeof value === 'string' ? (parseIsoDateTime(value) ?? null) : null;
}

export function fileHashOf(body: unknown): string | undefined {
  const value = get(body, 'Data.Initiation.FileHash');
  return typeof value === 'string' ? value : undefined;
}
