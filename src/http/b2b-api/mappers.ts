// Domain <-> wire for the B2B Customer Care API: the seed 001 envelopes and customerLookUpInfo.
import type { B2bOperation } from './schemas.js';

export interface MessageHeader {
  partnerId: string;
  messageId: string;
  versionId: string;
  environmentId: string;
}

interface WireError {
  code: string;
  message: string;
}

const HEADER_FIELDS = ['partnerId', 'messageId', 'versionId', 'environmentId'] as const;

/**
 * The request's messageHeader, to echo. Read defensively: on a failure the body may be anything, and the
 * echo must still be four strings.
 */
export function messageHeaderOf(body: unknown, operation: B2bOperation | undefined): MessageHeader {
  const request =
    operation !== undefined && body !== null && typeof body === 'object'
      ? (body as Record<string, unknown>)[`${operation}Request`]
      : undefined;
  const sent =
    request !== null && typeof request === 'object'
      ? (request as Record<string, unknown>).messageHeader
      : undefined;
  const fields = sent !== null && typeof sent === 'object' ? (sent as Record<string, unknown>) : {};
  return Object.fromEntries(
    HEADER_FIELDS.map((name) => [name, typeof fields[name] === 'string' ? fields[name] : '']),
  ) as unknown as MessageHeader;
}

/** `updateCustomerActivation` -> `updateCustomerActivationResponse`; no route (unknown path) -> errorResponse. */
function responseKey(operation: B2bOperation | undefined): string {
  return operation === undefined ? 'errorResponse' : `${operation}Response`;
}

export function successEnvelope<P extends Record<string, unknown>>(
  operation: B2bOperation,
  messageHeader: MessageHeader,
  payload: P,
) {
  return {
    [responseKey(operation)]: {
      messageHeader,
      status: { statusCode: 'SUCCESS', statusDescription: 'Done', errors: [] },
      ...payload,
    },
  };
}

export function failureEnvelope(
  operation: B2bOperation | undefined,
  messageHeader: MessageHeader,
  statusDescription: string,
  errors: WireError[],
) {
  return {
    [responseKey(operation)]: {
      messageHeader,
      status: { statusCode: 'FAILURE', statusDescription, errors },
    },
  };
}
