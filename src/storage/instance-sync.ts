// Signals between the instances sharing one PostgreSQL database (issue 13 item 7): an instance that changes
// something other instances cache (an operator deactivated, a client disabled, a lock set) publishes a
// topic; every other instance drops what it cached for it. LISTEN/NOTIFY on one channel per schema, over a
// connection of its own. While that connection is down nothing may be cached (`live` is false): the
// subscribers are told '*' (drop everything) when it goes down and again once it listens again.
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type pg from 'pg';
import type { DatabaseSchema } from './tables/database-schema.js';

/** '*' = everything may have changed (the listener was down). */
export type SyncHandler = (topic: string) => void;

export interface InstanceSync {
  /** Tells every other instance; resolves once PostgreSQL has taken the notification (it is sent on commit). */
  publish(topic: string): Promise<void>;
  /** `handler` gets every topic another instance publishes (never this instance's own). */
  subscribe(handler: SyncHandler): void;
  /** Whether other instances' topics are being received now: caches keep nothing while false. */
  readonly live: boolean;
  close(): Promise<void>;
}

const RECONNECT_MS = 250;

/** The channel of a schema (or of the default search path): a plain identifier. */
export function syncChannel(schema: string | undefined): string {
  const channel = `consenthub_sync${schema ? `_${schema}` : ''}`.toLowerCase();
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`instance sync: bad channel ${channel}`);
  return channel;
}

export function listenForInstances(
  db: Kysely<DatabaseSchema>,
  connect: () => pg.Client,
  channel: string,
  onError: (error: unknown) => void = () => {},
): InstanceSync {
  const origin = randomUUID();
  const handlers: SyncHandler[] = [];
  let live = false;
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;

  const tell = (topic: string) => {
    for (const handler of handlers) handler(topic);
  };
  const down = (error?: unknown) => {
    if (error !== undefined) onError(error);
    if (live) {
      live = false;
      tell('*');
    }
    const lost = client;
    client = undefined;
    lost?.removeAllListeners();
    lost?.on('error', () => {});
    void lost?.end().catch(() => {});
    if (!closed && timer === undefined) timer = setTimeout(start, RECONNECT_MS);
  };
  async function start(): Promise<void> {
    timer = undefined;
    if (closed) return;
    const next = connect();
    client = next;
    next.on('error', (error) => down(error));
    next.on('end', () => {
      if (client === next) down(new Error('instance sync: connection ended'));
    });
    next.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      const separator = message.payload.indexOf(' ');
      if (separator < 0 || message.payload.slice(0, separator) === origin) return;
      tell(message.payload.slice(separator + 1));
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (client !== next || closed) return;
      live = true;
      // Whatever was published while nobody listened is unknown: start from nothing.
      tell('*');
    } catch (error) {
      if (client === next) down(error);
    }
  }
  void start();

  return {
    get live() {
      return live;
    },
    subscribe(handler) {
      handlers.push(handler);
    },
    async publish(topic) {
      await sql`select pg_notify(${channel}, ${`${origin} ${topic}`})`.execute(db);
    },
    async close() {
      closed = true;
      live = false;
      if (timer !== undefined) clearTimeout(timer);
      const last = client;
      client = undefined;
      if (last) {
        last.removeAllListeners();
        last.on('error', () => {});
        await last.end().catch(() => {});
      }
    },
  };
}
