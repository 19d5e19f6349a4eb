import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { randomIds } from '../ids.js';
import { createLogger } from '../logger.js';
import type { OtpMessage } from '../domain/otp-message.js';
import { sendOtp } from '../services/obp/send-otp.js';
import { givenOperator } from '../../test/helpers/factories.js';
import { startSmtpServer } from '../../test/helpers/obp.js';
import { createTestContext, TEST_NOW, type TestContext } from '../../test/helpers/test-context.js';
import { createOtpSender, OtpDeliveryError } from './otp-sender.js';

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let sms: Server;
let smsUrl: string;
const smsRequests: {
  method: string;
  authorization: string | undefined;
  type: string | undefined;
  body: unknown;
}[] = [];
let smsStatus = 200;

beforeAll(async () => {
  smtp = await startSmtpServer();

  sms = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      smsRequests.push({
        method: request.method ?? '',
        authorization: request.headers.authorization,
        type: request.headers['content-type'],
        body: JSON.parse(body),
      });
      response.writeHead(smsStatus, { 'content-type': 'application/json' }).end('{"id":"gw-1"}');
    });
  });
  await new Promise<void>((resolve) => sms.listen(0, '127.0.0.1', resolve));
  smsUrl = `http://127.0.0.1:${(sms.address() as AddressInfo).port}/messages`;
});
afterAll(async () => {
  await smtp.close();
  await new Promise<void>((resolve) => sms.close(() => resolve()));
});

function message(fields: Partial<OtpMessage> = {}): OtpMessage {
  return {
    channel: 'EMAIL',
    to: 'psu@example.com',
    subject: 'Your ConsentHub code',
    text: 'Your code is 482913. It expires in 5 minutes.',
    code: '482913',
    consentId: 'c-1',
    ...fields,
  };
}

/** A sender over the given environment, with its log lines captured. */
function senderFor(env: Record<string, string>) {
  const lines: string[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  const config = loadConfig({ DATABASE_URL: 'postgres://x@127.0.0.1/none', ...env });
  const written: unknown[] = [];
  const sender = createOtpSender(config, {
    outbox: { insert: async (m: unknown) => void written.push(m) } as never,
    ids: randomIds,
    now: () => TEST_NOW,
    logger,
  });
  return { sender, lines, written };
}

async function failure(promise: Promise<unknown>): Promise<OtpDeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OtpDeliveryError);
  return error as OtpDeliveryError;
}

describe('smtp transport', () => {
  it('delivers EMAIL codes through a real SMTP server with the configured sender', async () => {
    const { sender } = senderFor({
      OTP_TRANSPORT: 'smtp',
      SMTP_URL: `${smtp.url}`,
      SMTP_FROM: 'Bank <otp@bank.example>',
    });
    await sender.send(message());
    sender.close();
    const mail = smtp.mails.at(-1)!;
    expect(mail.from).toBe('otp@bank.example');
    expect(mail.to).toEqual(['psu@example.com']);
    expect(mail.raw).toMatch(/^Subject: Your ConsentHub code\r?$/m);
    expect(mail.raw).toMatch(/^From: Bank <otp@bank\.example>\r?$/m);
    expect(mail.raw).toContain('Your code is 482913. It expires in 5 minutes.');
  });

  it('fails with an OtpDeliveryError when the server refuses, logging neither code nor recipient', async () => {
    const { sender, lines } = senderFor({ OTP_TRANSPORT: 'smtp', SMTP_URL: `${smtp.url}` });
    const error = await failure(sender.send(message({ to: 'x@refused.example' })));
    sender.close();
    expect(error).toMatchObject({ channel: 'EMAIL', transport: 'smtp' });
    expect(lines.join('')).toContain('OTP delivery failed');
    expect(lines.join('')).not.toMatch(/482913|refused\.example/);
  });

  it('fails when the server is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { sender } = senderFor({ OTP_TRANSPORT: 'smtp', SMTP_URL: `smtp://127.0.0.1:${port}` });
    expect((await failure(sender.send(message()))).transport).toBe('smtp');
    sender.close();
  });
});

describe('http SMS transport', () => {
  it('POSTs {to, text} with the bearer token to the gateway', async () => {
    smsStatus = 202;
    const { sender } = senderFor({
      OTP_TRANSPORT: 'http',
      SMS_GATEWAY_URL: smsUrl,
      SMS_GATEWAY_TOKEN: 'gw-token',
    });
    await sender.send(message({ channel: 'SMS', to: '+44 7700 900123' }));
    expect(smsRequests.at(-1)).toEqual({
      method: 'POST',
      authorization: 'Bearer gw-token',
      type: 'application/json',
      body: { to: '+44 7700 900123', text: 'Your code is 482913. It expires in 5 minutes.' },
    });
  });

  it('fails on a non-2xx answer or an unreachable gateway, logging no code', async () => {
    smsStatus = 503;
    const { sender, lines } = senderFor({ OTP_TRANSPORT: 'http', SMS_GATEWAY_URL: smsUrl });
    const error = await failure(sender.send(message({ channel: 'SMS', to: '+447700900123' })));
    expect(error.message).toContain('HTTP 503');
    expect(lines.join('')).not.toMatch(/482913|7700900123/);
    smsStatus = 200;
    const down = senderFor({ OTP_TRANSPORT: 'http', SMS_GATEWAY_URL: 'http://127.0.0.1:1/x' });
    expect((await failure(down.sender.send(message({ channel: 'SMS' })))).transport).toBe('http');
  });
});

describe('channel routing', () => {
  it('sends each channel by the first transport serving it, and fails a channel none serves', async () => {
    const both = senderFor({ OTP_TRANSPORT: 'http,outbox', SMS_GATEWAY_URL: smsUrl });
    const before = smsRequests.length;
    await both.sender.send(message({ channel: 'SMS', to: '+1' }));
    await both.sender.send(message({ channel: 'EMAIL' }));
    expect(smsRequests.length).toBe(before + 1);
    expect(both.written).toHaveLength(1);
    const smsOnly = senderFor({ OTP_TRANSPORT: 'http', SMS_GATEWAY_URL: smsUrl });
    expect((await failure(smsOnly.sender.send(message()))).transport).toBe('none');
    const none = senderFor({});
    expect((await failure(none.sender.send(message({ channel: 'SMS' })))).transport).toBe('none');
  });
});

describe('OTP_TRANSPORT configuration', () => {
  it('defaults to the outbox in demo mode only, and checks what each transport needs', () => {
    expect(loadConfig({ DATABASE_URL: ':memory:' }).otpTransports).toEqual(['outbox']);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).otpTransports).toEqual([]);
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://x@h/db',
        OTP_TRANSPORT: 'smtp, http',
        SMTP_URL: 'smtp://h',
        SMS_GATEWAY_URL: 'https://g/x',
      }).otpTransports,
    ).toEqual(['smtp', 'http']);
    expect(() => loadConfig({ OTP_TRANSPORT: 'log' })).toThrow(ConfigError);
    expect(() => loadConfig({ OTP_TRANSPORT: 'smtp' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ OTP_TRANSPORT: 'http' })).toThrow(/SMS_GATEWAY_URL/);
    expect(() => loadConfig({ OTP_TRANSPORT: 'smtp', SMTP_URL: 'http://x' })).toThrow(/SMTP_URL/);
  });
});

describe('dev outbox', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext();
  });
  afterAll(() => t.close());

  it('keeps messages for admins at GET /admin/dev/outbox, newest first, filtered by recipient', async () => {
    const admin = await givenOperator(t.ctx, 'root', ['admin']);
    const officer = await givenOperator(t.ctx, 'ann', ['customer-care-officer']);
    await sendOtp(t.ctx, message({ to: 'a@example.com', code: '111111', text: 'Code 111111' }));
    t.clock.advance(1000);
    await sendOtp(
      t.ctx,
      message({ channel: 'SMS', to: '+4470', code: '222222', text: 'Code 222222', consentId: null }),
    );
    await sendOtp(t.ctx, message({ to: 'a@example.com', code: '333333', text: 'Code 333333' }));
    const get = (query: string, authorization = admin.authorization) =>
      t.app.inject({ method: 'GET', url: `/admin/dev/outbox${query}`, headers: { authorization } });
    const all = await get('');
    expect(all.statusCode).toBe(200);
    expect(all.json().messages.map((m: { code: string }) => m.code)).toEqual(['333333', '222222', '111111']);
    const mine = await get('?to=a%40example.com');
    expect(mine.json().messages).toEqual([
      {
        messageId: expect.any(String),
        channel: 'EMAIL',
        to: 'a@example.com',
        subject: 'Your ConsentHub code',
        text: 'Code 333333',
        code: '333333',
        consentId: 'c-1',
        createdAt: new Date(TEST_NOW + 1000).toISOString(),
      },
      expect.objectContaining({ code: '111111', createdAt: new Date(TEST_NOW).toISOString() }),
    ]);
    expect((await get('?limit=1')).json().messages).toHaveLength(1);
    expect((await get('?limit=abc')).statusCode).toBe(400);
    expect((await get('', officer.authorization)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/admin/dev/outbox' })).statusCode).toBe(401);
  });

  it('maps a failed send to otp.send_failed (OBP-35010)', async () => {
    const other = await createTestContext({ otpTransports: [] });
    try {
      await expect(sendOtp(other.ctx, message())).rejects.toMatchObject({ code: 'otp.send_failed' });
      expect(await other.database.db.selectFrom('dev_outbox').selectAll().execute()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
