// JSON body limits fitting each API's messages, instead of one limit for everything (a 5 MiB Data.Filler
// on an account-access consent was stored, and 40 of them could exhaust a 512 MiB heap). The file upload
// keeps its own FILE_UPLOAD_MAX_BYTES.
import type { FastifyInstance } from 'fastify';

const KiB = 1024;

/** The largest JSON body each API accepts; a larger one is a 413 in the API's format, before parsing. */
export const JSON_BODY_LIMITS = {
  /** OB consent requests: the largest (international standing orders, VRP with risk) are a few KiB. */
  manage: 256 * KiB,
  validate: 16 * KiB,
  funds: 64 * KiB,
  b2b: 64 * KiB,
  admin: 64 * KiB,
} as const;

/** Applies `bytes` to every route the plugin registers after this call, except those `exempt` names. */
export function limitJsonBodies(
  app: FastifyInstance,
  bytes: number,
  exempt: (url: string) => boolean = () => false,
): void {
  app.addHook('onRoute', (route) => {
    if (route.bodyLimit === undefined && !exempt(route.url)) route.bodyLimit = bytes;
  });
}
