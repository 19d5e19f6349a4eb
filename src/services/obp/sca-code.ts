// OBP SCA one-time codes: 6 digits from the CSPRNG, kept only as an HMAC-SHA256 under a random salt, and
// compared in constant time. A code never reaches a log: only the transport's message carries it.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export interface ScaCode {
  code: string;
  salt: string;
  hash: string;
}

function hashOf(code: string, salt: string): string {
  return createHmac('sha256', salt).update(code).digest('base64url');
}

export function newScaCode(): ScaCode {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const salt = randomBytes(16).toString('base64url');
  return { code, salt, hash: hashOf(code, salt) };
}

export function scaAnswerMatches(answer: string, stored: { codeSalt: string; codeHash: string }): boolean {
  const given = Buffer.from(hashOf(answer, stored.codeSalt));
  const expected = Buffer.from(stored.codeHash);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
