// Admin REST API for the sample core bank's accounts under /admin/accounts (HTTP Basic, role admin).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { isDecimalAmount, type BankAccount } from '../../domain/bank-account.js';
import { DomainError } from '../../domain/errors.js';
import { createBankAccount } from '../../services/admin/create-bank-account.js';
import { listBankAccounts } from '../../services/admin/list-bank-accounts.js';
import { updateBankAccount } from '../../services/admin/update-bank-account.js';
import { authenticate } from '../kit/authenticate.js';
import { operatorScheme } from '../kit/operator-auth.js';
import { sendSimpleError } from '../kit/simple-errors.js';
import { ADMIN_API_ERRORS } from './errors.js';
import { adminActor } from './routes.js';
import { AccountListQuery, AccountView, CreateAccountBody, UpdateAccountBody } from './account-schemas.js';
import { JSON_BODY_LIMITS, limitJsonBodies } from '../kit/body-limits.js';
import { AccountIdParams } from './path-params.js';

/** Amounts travel as exact decimal text; a JSON number is accepted when it has such a form. */
function decimalText(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : value;
  if (!isDecimalAmount(text))
    throw new DomainError(
      'request.field_invalid',
      'balance must be a decimal amount with at most 5 decimals',
      [{ path: 'balance' }],
    );
  return text;
}

function accountView(account: BankAccount) {
  return {
    accountId: account.accountId,
    customerId: account.customerId,
    schemeName: account.schemeName,
    identification: account.identification,
    name: account.name,
    ...(account.secondaryIdentification !== null
      ? { secondaryIdentification: account.secondaryIdentification }
      : {}),
    currency: account.currency,
    balance: account.balance,
  };
}

export async function adminAccountRoutes(
  instance: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  // The admin API's not-found handler already covers /admin; this scope only adds its error format.
  app.setErrorHandler((error, request, reply) => sendSimpleError(request, reply, error, ADMIN_API_ERRORS));
  limitJsonBodies(app, JSON_BODY_LIMITS.admin);
  app.addHook('onRequest', authenticate(operatorScheme(ctx, ['admin'])));
  const tags = ['Admin: core bank accounts'];

  app.post(
    '/accounts',
    { schema: { tags, body: CreateAccountBody, response: { 201: AccountView } } },
    async (request, reply) => {
      const body = request.body;
      const account = await createBankAccount(
        ctx,
        {
          ...(body.accountId !== undefined ? { accountId: body.accountId } : {}),
          customerId: body.customerId,
          schemeName: body.schemeName,
          identification: body.identification,
          name: body.name,
          ...(body.secondaryIdentification !== undefined
            ? { secondaryIdentification: body.secondaryIdentification }
            : {}),
          currency: body.currency,
          balance: decimalText(body.balance),
        },
        adminActor(request),
        request.id,
      );
      return reply.status(201).send(accountView(account));
    },
  );

  app.get('/accounts', { schema: { tags, querystring: AccountListQuery } }, async (request) => {
    const { customerId } = request.query;
    return (await listBankAccounts(ctx, customerId)).map(accountView);
  });

  app.patch(
    '/accounts/:accountId',
    { schema: { tags, params: AccountIdParams, body: UpdateAccountBody, response: { 200: AccountView } } },
    async (request) => {
      const { accountId } = request.params;
      const body = request.body;
      const account = await updateBankAccount(
        ctx,
        accountId,
        {
          ...(body.customerId !== undefined ? { customerId: body.customerId } : {}),
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.secondaryIdentification !== undefined
            ? { secondaryIdentification: body.secondaryIdentification }
            : {}),
          ...(body.currency !== undefined ? { currency: body.currency } : {}),
          ...(body.balance !== undefined ? { balance: decimalText(body.balance) } : {}),
        },
        adminActor(request),
        request.id,
      );
      return accountView(account);
    },
  );
}
