import type { AppContext } from '../../context.js';
import type { Operator } from '../../domain/operator.js';
import { publicOperator } from './public-operator.js';

export async function listOperators(ctx: AppContext): Promise<Operator[]> {
  return (await ctx.storage.repos.operators.list()).map(publicOperator);
}
