import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has sensible defaults: port 8080, SQLite file, demo data on with SQLite', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBe('sqlite:./data/consenthub.db');
    expect(config.demoData).toBe(true);
    expect(config.maxFailedLogins).toBe(5);
    expect(config.lockoutMinutes).toBe(15);
    expect(config.fileUploadMaxBytes).toBe(10 * 1024 * 1024);
    expect(config.credentialCacheMaxMb).toBe(16);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('serves health and metrics on the public port to anyone unless OPS_PORT or METRICS_TOKEN say otherwise', () => {
    expect(loadConfig({})).toMatchObject({ opsPort: undefined, metricsToken: undefined });
    expect(loadConfig({ OPS_PORT: '9090', METRICS_TOKEN: 'sixteen-chars-ok' })).toMatchObject({
      opsPort: 9090,
      metricsToken: 'sixteen-chars-ok',
    });
  });

  it('turns demo data off by default on PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ADMIN_USERNAME: 'root' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_USERNAME: 'root', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ PUBLIC_BASE_URL: 'example.com' }, 'PUBLIC_BASE_URL'],
    [{ MAX_FAILED_LOGINS: '0' }, 'MAX_FAILED_LOGINS'],
    [{ CREDENTIAL_CACHE_MAX_MB: '0' }, 'CREDENTIAL_CACHE_MAX_MB'],
    [{ PERMISSION_RULES: 'loose' }, 'PERMISSION_RULES'],
    [{ PORT: '9000', OPS_PORT: '9000' }, 'OPS_PORT'],
    [{ OPS_PORT: 'ops' }, 'OPS_PORT'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1,proxy.example' }, 'TRUST_PROXY'],
  ])('rejects %o naming %s', (env, variable) => {
    let thrown: unknown;
    try {
      loadConfig(env);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).variable).toBe(variable);
    expect((thrown as Error).message).toContain(variable);
  });

  it('trusts no proxy by default; TRUST_PROXY lists addresses, CIDR ranges or proxy-addr names', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });
});
