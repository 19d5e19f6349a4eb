// UK OB request bodies checked against their OB schema, the failures reported as OB field errors.
import type { ErrorObject } from 'ajv';
import { DomainError, type ErrorCode } from '../../domain/errors.js';
import { compileStrict, errorMessage, errorPath } from '../kit/strict-ajv.js';

const MAX_REPORTED_ERRORS = 20;

/**
 * One code for the whole body (the OB error body repeats it on every entry), the most basic problem first:
 * a missing field, then a field the schema does not define where its object is closed
 * (`additionalProperties: false` in the OB spec: UK.OBIE.Field.Unexpected), then a bad date, then any
 * other bad value.
 */
function codeOf(errors: readonly ErrorObject[]): ErrorCode {
  if (errors.some((e) => e.keyword === 'required')) return 'request.field_missing';
  if (errors.some((e) => e.keyword === 'additionalProperties')) return 'request.field_unexpected';
  if (errors.some((e) => e.keyword === 'format' && (e.params as { format: string }).format === 'date-time'))
    return 'request.date_invalid';
  return 'request.field_invalid';
}

/** The body, if it satisfies `schema`; otherwise a DomainError listing (up to 20) offending paths. */
export function validateObBody(schema: object, body: unknown): Record<string, unknown> {
  const validate = compileStrict(schema);
  if (body === undefined || body === null)
    throw new DomainError('request.field_missing', 'A JSON request body is required');
  if (!validate(body)) {
    const errors = validate.errors ?? [];
    const details = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => {
      const path = errorPath(e);
      return { path: path || undefined, message: errorMessage(e, path) };
    });
    throw new DomainError(codeOf(errors), details[0]?.message, details);
  }
  return body as Record<string, unknown>;
}
