import type { Operator } from '../../domain/operator.js';

export function publicOperator(record: Operator & { passwordHash?: string }): Operator {
  const { passwordHash: _hash, ...operator } = record;
  return operator;
}
