import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { givenOperator } from '../../../test/helpers/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { createLogger } from '../../logger.js';
import { lazyChildLoggerFactory } from './lazy-child-logger.js';

let lines: Record<string, unknown>[];
let t: TestContext;

beforeAll(async () => {
  lines = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  t = await createTestContext({}, { LOG_LEVEL: 'info' }, { logger: createLogger('info', sink) });
});
afterAll(() => t.close());

describe('per-request logger', () => {
  it('makes no pino child for a request that logs nothing', async () => {
    const child = vi.spyOn(t.ctx.logger, 'child');
    try {
      const res = await t.app.inject('/health/live');
      expect(res.statusCode).toBe(200);
      expect(child).not.toHaveBeenCalled();
    } finally {
      child.mockRestore();
    }
  });

  it('writes what a request logs with its interaction id, once the level lets it through', async () => {
    const gw = await givenOperator(t.ctx, 'log-gw', ['consent-manager']);
    lines.length = 0;
    const child = vi.spyOn(t.ctx.logger, 'child');
    try {
      // An unknown client: a 401 the error translation logs at info.
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/fs/consent/manage/account-access-consents/5f0f5c4e-8a45-4d8e-9a36-0c1b8c7a2b11',
        headers: {
          authorization: gw.authorization,
          'x-wso2-client-id': 'nobody',
          'x-fapi-interaction-id': 'log-test-1',
        },
      });
      expect(res.statusCode).toBe(401);
      expect(res.headers['x-fapi-interaction-id']).toBe('log-test-1');
      expect(child).toHaveBeenCalledTimes(1);
      const logged = lines.filter((line) => line.interactionId === 'log-test-1');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ level: 30, status: 401 });
      expect(logged[0]!.msg).toEqual(expect.any(String));
    } finally {
      child.mockRestore();
    }
  });

  it('drops what the level does not let through, without making a child', () => {
    lines.length = 0;
    const child = vi.spyOn(t.ctx.logger, 'child');
    try {
      const logger = lazyChildLoggerFactory.call(
        t.app,
        t.ctx.logger,
        { interactionId: 'quiet' },
        {},
        {} as never,
      );
      logger.debug('not written at info');
      expect(logger.level).toBe('info');
      expect(child).not.toHaveBeenCalled();
      logger.warn({ detail: 1 }, 'written');
      expect(child).toHaveBeenCalledTimes(1);
      expect(lines).toEqual([
        expect.objectContaining({ level: 40, interactionId: 'quiet', detail: 1, msg: 'written' }),
      ]);
    } finally {
      child.mockRestore();
    }
  });
});
