// Input no API can use, refused with a 400 in the API's own format before it reaches a use case or the
// database: a NUL character anywhere (PostgreSQL text cannot hold it: "invalid byte sequence for encoding
// UTF8: 0x00" would be a 500), numbers beyond what a JavaScript number holds exactly (1e21, 1e400 =
// Infinity: dates built from them are invalid), and bodies nested deeper than any message of ours.
import type { ValidateFunction } from 'ajv';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';

/** Deeper than any OB, WSO2, B2B or admin message (the deepest, OB risk blocks, is about 8). */
export const MAX_BODY_DEPTH = 32;

export interface InputProblem {
  /** JSON path of the offending value ('' for the whole value). */
  path: string;
  message: string;
}

/** A number a use case can take: finite and, like every count, id and time we store, exactly representable. */
export function isSafeNumber(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
}

function child(path: string, key: string): string {
  return /^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

/**
 * The first unusable value in `value` (walked with an explicit stack, so a hostile depth cannot overflow
 * ours), or undefined.
 */
export function findInputProblem(value: unknown, maxDepth = MAX_BODY_DEPTH): InputProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes('\u0000'))
        return { path, message: `${path || 'value'} must not contain NUL characters` };
    } else if (typeof current === 'number') {
      if (!isSafeNumber(current)) return { path, message: `${path || 'value'} is out of range` };
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      if (depth >= maxDepth)
        return { path, message: `${path || 'body'} is nested more than ${maxDepth} levels deep` };
      for (const [key, inner] of Object.entries(current)) {
        if (key.includes('\u0000'))
          return { path, message: `${path || 'body'} has a field name with a NUL character` };
        stack.push({ value: inner, path: child(path, key), depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** A NUL anywhere in the raw URL (path or query, percent-encoded) or in a header value. */
function requestLineProblem(request: FastifyRequest): DomainError | undefined {
  if (/%00/i.test(request.url) || request.url.includes('\u0000'))
    return new DomainError('request.field_invalid', 'The URL must not contain NUL characters');
  const headers = request.headers;
  for (const name in headers) {
    const value = headers[name];
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === 'string' && v.includes('\u0000')))
      return new DomainError('request.header_invalid', `The ${name} header must not contain NUL characters`);
  }
  return undefined;
}

/**
 * Installs the guard on every route: the request line and headers first (before authentication reads
 * them), the parsed body before its schema is checked. Errors go to each API's own error handler.
 */
export function installInputGuard(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    const problem = requestLineProblem(request);
    if (problem) done(problem as FastifyError);
    else done();
  });
  app.addHook('preValidation', (request, _reply, done) => {
    const body: unknown = request.body;
    const problem = body === undefined || Buffer.isBuffer(body) ? undefined : findInputProblem(body);
    if (problem) {
      const { path, message } = problem;
      done(new DomainError('request.field_invalid', message, [{ path, message }]) as unknown as FastifyError);
    } else done();
  });
}

/**
 * Wraps a validator of text parts (query string, path parameters, headers), which are coerced to numbers
 * by their schemas: "Infinity" or "1e400" passes AJV's integer check, so a coerced value must also be safe.
 */
export function withSafeNumbers(validate: ValidateFunction): ValidateFunction {
  const guarded = ((data: unknown) => {
    if (!validate(data)) {
      guarded.errors = validate.errors;
      return false;
    }
    const problem = findInputProblem(data);
    guarded.errors = problem
      ? [
          {
            instancePath: `/${problem.path.replace(/\./g, '/')}`,
            schemaPath: '#',
            keyword: 'safe',
            params: {},
            message: 'is out of range',
          },
        ]
      : null;
    return problem === undefined;
  }) as ValidateFunction;
  return guarded;
}
