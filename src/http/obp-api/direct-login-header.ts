// OBP DirectLogin credentials: `DirectLogin: username="..", password="..", consumer_key=".."` or
// `Authorization: DirectLogin token=".."` (either header carries either form).
import type { FastifyRequest } from 'fastify';

const PARAMETER = /([A-Za-z_]+)\s*=\s*"((?:[^"\\]|\\.)*)"/g;

export type DirectLoginParameters = Partial<
  Record<'username' | 'password' | 'consumer_key' | 'token', string>
>;

function parse(value: string): DirectLoginParameters {
  const parameters: Record<string, string> = {};
  for (const match of value.matchAll(PARAMETER)) {
    const name = match[1]!.toLowerCase();
    // The first occurrence wins: a value cannot be overridden by a later copy in the same header.
    if (!(name in parameters)) parameters[name] = match[2]!.replace(/\\(.)/g, '$1');
  }
  return parameters;
}

/** The DirectLogin parameters of the request; the DirectLogin header wins over Authorization. */
export function directLoginParameters(request: FastifyRequest): DirectLoginParameters | undefined {
  const header = request.headers.directlogin;
  if (typeof header === 'string' && header.trim() !== '') return parse(header);
  const authorization = request.headers.authorization;
  if (typeof authorization === 'string' && /^directlogin\s/i.test(authorization))
    return parse(authorization.replace(/^directlogin\s+/i, ''));
  return undefined;
}
