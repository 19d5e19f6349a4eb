// UK OB request bodies checked against their OB schema, the failures reported as OB field errors.
import { DomainError } from '../../domain/errors.js';
import { compileStrict, errorMessage, errorPath } from '../kit/strict-ajv.js';

const MAX_REPORTED_ERRORS = 20;

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
    const missing = errors.some((e) => e.keyword === 'required');
    const date = errors.some(
      (e) => e.keyword === 'format' && (e.params as { format: string }).format === 'date-time',
    );
    throw new DomainError(
      missing ? 'request.field_missing' : date ? 'request.date_invalid' : 'request.field_invalid',
      details[0]?.message,
      details,
    );
  }
  return body as Record<string, unknown>;
}
