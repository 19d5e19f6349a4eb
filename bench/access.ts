// How the load generator picks which consent a request asks for (`--access`): `uniform` draws from the
// whole data set (at a million consents most requests miss any in-process cache); `zipf` (s = 1) models a
// gateway's hot set, where the consent of rank k is asked in proportion to 1/k.

export const ACCESS_PATTERNS = ['uniform', 'zipf'] as const;
export type Access = (typeof ACCESS_PATTERNS)[number];

/** A large prime: rank k maps to index (k * STRIDE) mod size, so the hot set is spread over the data set. */
const STRIDE = 1_000_003;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * A function drawing indexes in [0, size) under `access`. Zipf uses the continuous approximation of
 * s = 1: rank = floor((size + 1)^u) - 1 for u uniform in [0, 1), so P(rank k) ~ 1 / ((k + 1) ln size);
 * ranks are spread over the index range by a fixed permutation (not the generation order).
 */
export function picker(access: Access, size: number, random: () => number = Math.random): () => number {
  if (size <= 0) throw new Error('picker: empty population');
  if (access === 'uniform') return () => Math.floor(random() * size);
  const stride = gcd(STRIDE, size) === 1 ? STRIDE : 1;
  const logSize = Math.log(size + 1);
  return () => {
    const rank = Math.min(size - 1, Math.floor(Math.exp(random() * logSize)) - 1);
    return (rank * stride) % size;
  };
}
