// Command line for operators of the process: npm run cli -- <command> [--flag value ...]
import { parseArgs } from 'node:util';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { createContext, type AppContext } from './context.js';
import { CLIENT_ROLES, type ClientRole } from './domain/client.js';
import { DomainError } from './domain/errors.js';
import { OPERATOR_ROLES, type OperatorRole } from './domain/operator.js';
import { randomIds } from './ids.js';
import { createLogger } from './logger.js';
import { createClient } from './services/admin/create-client.js';
import { createOperator } from './services/admin/create-operator.js';
import type { LoginRestrictions } from './services/admin/login-restrictions.js';
import { updateClient } from './services/admin/update-client.js';
import { updateOperator } from './services/admin/update-operator.js';
import { seedDemoData } from './services/demo/seed-demo.js';
import { rotateConsentJwtKey } from './services/obp/consent-jwt.js';
import { openDatabase } from './storage/database.js';
import { migrateToLatest } from './storage/migrate.js';

export const USAGE = `Usage: npm run cli -- <command> [options]   (DATABASE_URL selects the database)

Commands:
  migrate                                   apply pending migrations
  create-operator --username U --password P --roles admin,consent-manager,customer-care-officer
  create-client   --name N --roles AISP,PISP,CBPII,B2B_PARTNER [--client-id ID] [--short-name S]
                                            prints the client secret once
  set-login-policy (--username U | --client-id ID) [--service-account yes|no] [--allowed-sources CIDR,...|any]
                                            a service account is never locked account-wide by failed
                                            logins; allowed sources limit where it may log in from
  seed-demo                                 add the demo data (idempotent)
  rotate-consent-jwt-key                    new Consent-JWT signing key (CONSENT_JWT_ALG); the old public
                                            key stays in /.well-known/jwks.json until its last token expires
  help                                      this text`;

const CLI_ACTOR = { type: 'admin' as const, id: 'cli' };

function loginPolicyOptions(options: Record<string, string | undefined>): LoginRestrictions {
  const service = options['service-account'];
  if (service !== undefined && service !== 'yes' && service !== 'no')
    throw new DomainError('request.field_invalid', '--service-account must be yes or no');
  const sources = options['allowed-sources'];
  const changes: LoginRestrictions = {
    ...(service !== undefined ? { serviceAccount: service === 'yes' } : {}),
    ...(sources !== undefined
      ? {
          allowedSources:
            sources === 'any'
              ? []
              : sources
                  .split(',')
                  .map((v) => v.trim())
                  .filter(Boolean),
        }
      : {}),
  };
  if (Object.keys(changes).length === 0)
    throw new DomainError('request.field_missing', '--service-account or --allowed-sources is required');
  return changes;
}

function describePolicy(account: { serviceAccount: boolean; allowedSources: string[] }): string {
  const sources = account.allowedSources.length ? account.allowedSources.join(', ') : 'any source';
  return `${account.serviceAccount ? 'service account' : 'not a service account'}, logs in from ${sources}`;
}

function list<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T[] {
  const items = (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  const bad = items.filter((v) => !(allowed as readonly string[]).includes(v));
  if (items.length === 0 || bad.length > 0) {
    throw new DomainError(
      'request.field_invalid',
      `--${flag} must list one or more of ${allowed.join(', ')}${bad.length ? ` (not ${bad.join(', ')})` : ''}`,
    );
  }
  return items as T[];
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new DomainError('request.field_missing', `--${flag} is required`);
  return value;
}

export async function runCommand(
  ctx: AppContext,
  command: string,
  options: Record<string, string | undefined>,
  out: (line: string) => void,
): Promise<void> {
  switch (command) {
    case 'migrate':
      out('database is up to date');
      return;
    case 'create-operator': {
      const operator = await createOperator(
        ctx,
        {
          username: required(options.username, 'username'),
          password: required(options.password, 'password'),
          roles: list<OperatorRole>(options.roles, OPERATOR_ROLES, 'roles'),
        },
        CLI_ACTOR,
        null,
      );
      out(`operator ${operator.username} created with roles ${operator.roles.join(', ')}`);
      return;
    }
    case 'create-client': {
      const { client, clientSecret } = await createClient(
        ctx,
        {
          name: required(options.name, 'name'),
          roles: list<ClientRole>(options.roles, CLIENT_ROLES, 'roles'),
          ...(options['client-id'] ? { clientId: options['client-id'] } : {}),
          ...(options['short-name'] ? { shortName: options['short-name'] } : {}),
        },
        CLI_ACTOR,
        null,
      );
      out(
        JSON.stringify(
          {
            clientId: client.clientId,
            clientSecret,
            consumerKey: client.consumerKey,
            name: client.name,
            roles: client.roles,
          },
          null,
          2,
        ),
      );
      out('Store the client secret now: it is not shown again.');
      return;
    }
    case 'set-login-policy': {
      const changes = loginPolicyOptions(options);
      if (options.username) {
        const operator = await updateOperator(ctx, options.username, changes, CLI_ACTOR, null);
        out(`operator ${operator.username}: ${describePolicy(operator)}`);
      } else {
        const client = await updateClient(
          ctx,
          required(options['client-id'], 'client-id'),
          changes,
          CLI_ACTOR,
          null,
        );
        out(`client ${client.clientId}: ${describePolicy(client)}`);
      }
      return;
    }
    case 'seed-demo': {
      const { logins, others } = await seedDemoData(ctx);
      for (const line of logins) out(`demo login: ${line}`);
      for (const line of others) out(`demo account without its demo login: ${line}`);
      return;
    }
    case 'rotate-consent-jwt-key': {
      const { kid, alg, retired } = await rotateConsentJwtKey(ctx);
      out(`Consent-JWT signing key ${kid} (${alg}) is now current; ${retired} older key(s) retired`);
      return;
    }
    default:
      throw new DomainError('request.invalid', `Unknown command "${command}"\n\n${USAGE}`);
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      roles: { type: 'string' },
      name: { type: 'string' },
      'client-id': { type: 'string' },
      'short-name': { type: 'string' },
      'service-account': { type: 'string' },
      'allowed-sources': { type: 'string' },
    },
    strict: true,
  });
  const config = loadConfig();
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database);
    const ctx = createContext({
      config,
      database,
      clock: systemClock,
      ids: randomIds,
      logger: createLogger('warn'),
    });
    await runCommand(ctx, command, values, (line) => console.log(line));
    return 0;
  } finally {
    await database.close();
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (
        error instanceof ConfigError ||
        error instanceof DomainError ||
        (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
      ) {
        console.error((error as Error).message);
        process.exit(2);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
