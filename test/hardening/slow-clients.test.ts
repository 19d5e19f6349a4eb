// Issue 13 item 9: slow headers or bodies (slowloris) are timed out. With HEADERS_TIMEOUT_SECONDS=1 and
// REQUEST_TIMEOUT_SECONDS=2, connections trickling their headers or body are closed by the server, while a
// normal request still succeeds.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let port: number;

beforeAll(async () => {
  t = await createTestContext({}, { HEADERS_TIMEOUT_SECONDS: '1', REQUEST_TIMEOUT_SECONDS: '2' });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as { port: number }).port;
});
afterAll(() => t.close());

/** Opens a connection that sends `first`, then one more byte of `drip` every 200 ms; resolves when closed. */
function slowClient(first: string, drip: string): { closed: Promise<number>; socket: Socket } {
  const started = Date.now();
  const socket = connect(port, '127.0.0.1');
  let timer: NodeJS.Timeout | undefined;
  socket.on('connect', () => {
    socket.write(first);
    let i = 0;
    timer = setInterval(() => socket.write(drip[i++ % drip.length]!), 200);
  });
  socket.on('data', () => undefined);
  const closed = new Promise<number>((resolve) => {
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    });
    socket.on('error', () => undefined);
  });
  return { closed, socket };
}

describe('slow clients', () => {
  it('closes 40 connections trickling their headers within the headers timeout (plus the 1 s check)', async () => {
    const clients = Array.from({ length: 40 }, () =>
      slowClient('POST /api/fs/consent/validate HTTP/1.1\r\nHost: x\r\n', 'X-Slow: aaaaaaaaaaaa\r\n'),
    );
    const times = await Promise.all(clients.map((c) => c.closed));
    expect(Math.max(...times)).toBeLessThan(4000);
    // A normal request is served meanwhile and after.
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);
  });

  it('closes a connection trickling its body within the request timeout', async () => {
    const client = slowClient(
      'POST /api/fs/consent/validate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{',
      ' ',
    );
    expect(await client.closed).toBeLessThan(5000);
  });

  it('the timeouts are settings with sane defaults', () => {
    expect(loadConfig({})).toMatchObject({ headersTimeoutSeconds: 10, requestTimeoutSeconds: 30 });
    expect(() => loadConfig({ HEADERS_TIMEOUT_SECONDS: '40', REQUEST_TIMEOUT_SECONDS: '30' })).toThrow(
      /HEADERS_TIMEOUT_SECONDS/,
    );
  });
});
