// A strict JSON Schema validator for request bodies: no type coercion, no silent removal of unknown
// fields, every error reported. Bodies are stored as receipts, so validation must never change them.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { withSafeNumbers } from './input-guard.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export const strictAjv = addFormats(
  new Ajv({
    allErrors: true,
    strict: false,
    coerceTypes: false,
    removeAdditional: false,
    useDefaults: false,
  }),
);

const cache = new WeakMap<object, ValidateFunction>();

export function compileStrict(schema: object): ValidateFunction {
  let validate = cache.get(schema);
  if (!validate) {
    validate = strictAjv.compile(schema);
    cache.set(schema, validate);
  }
  return validate;
}

/** Headers, path parameters and query strings arrive as text: those may be coerced to their types. */
const coercingAjv = addFormats(
  new Ajv({
    allErrors: true,
    strict: false,
    coerceTypes: 'array',
    removeAdditional: false,
    useDefaults: true,
  }),
);

/** Fastify validator compiler: strict for bodies, coercing for headers, params and query strings. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body'
    ? compileStrict(route.schema as object)
    : withSafeNumbers(coercingAjv.compile(route.schema as object));

/** JSON path (Data.Permissions) of an AJV error, with the missing property appended when relevant. */
export function errorPath(error: ErrorObject, root = ''): string {
  const pointer = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const missing =
    error.keyword === 'required' ? (error.params as { missingProperty: string }).missingProperty : undefined;
  const extra =
    error.keyword === 'additionalProperties'
      ? (error.params as { additionalProperty: string }).additionalProperty
      : undefined;
  const leaf = missing ?? extra;
  const joined = [root, pointer].filter(Boolean).join('.');
  return leaf ? [joined, leaf].filter(Boolean).join('.') : joined;
}

export function errorMessage(error: ErrorObject, path: string): string {
  switch (error.keyword) {
    case 'required':
      return `${path} is required`;
    case 'additionalProperties':
      return `${path} is not allowed here`;
    case 'enum':
      return `${path || 'value'} must be one of ${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join(', ')}`;
    default:
      return `${path || 'body'} ${error.message ?? 'is invalid'}`;
  }
}
