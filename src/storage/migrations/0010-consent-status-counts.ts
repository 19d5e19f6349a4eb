// FROZEN: never edit a migration that has shipped; add a new one.
// Consents by type and status, kept by the database itself as consents are written (triggers), so /metrics
// reads a few dozen rows instead of grouping every consent (about 60 ms at a million, blocking the event
// loop on SQLite). On PostgreSQL each connection adds to its own shard row (backend pid mod 16), so
// concurrent writers do not queue on one counter row; readers sum the shards.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.js';

const SHARDS = 16;

export function consentStatusCounts(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('consent_status_counts')
        .addColumn('consent_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('shard', 'integer', (c) => c.notNull())
        .addColumn('n', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('consent_status_counts_pk', ['consent_type', 'status', 'shard'])
        .execute();
      await sql`insert into consent_status_counts (consent_type, status, shard, n)
        select consent_type, status, 0, count(*) from consents group by consent_type, status`.execute(db);
      if (dialect === 'postgres') await postgresTriggers(db);
      else await sqliteTriggers(db);
    },
  };
}

async function postgresTriggers(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create function consent_status_counts_track() returns trigger language plpgsql as $$
declare
  s integer := pg_backend_pid() % ${SHARDS};
begin
  if tg_op in ('UPDATE', 'DELETE') then
    insert into consent_status_counts as c (consent_type, status, shard, n)
      values (old.consent_type, old.status, s, -1)
      on conflict (consent_type, status, shard) do update set n = c.n - 1;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into consent_status_counts as c (consent_type, status, shard, n)
      values (new.consent_type, new.status, s, 1)
      on conflict (consent_type, status, shard) do update set n = c.n + 1;
  end if;
  return null;
end $$`,
    )
    .execute(db);
  await sql`create trigger consent_status_counts_insert_delete after insert or delete on consents
    for each row execute function consent_status_counts_track()`.execute(db);
  await sql`create trigger consent_status_counts_update after update of status, consent_type on consents
    for each row when (old.status is distinct from new.status or old.consent_type is distinct from new.consent_type)
    execute function consent_status_counts_track()`.execute(db);
}

async function sqliteTriggers(db: Kysely<unknown>): Promise<void> {
  // One upsert per counted row (SQLite allows UPSERT in triggers).
  const add = (row: 'new' | 'old', delta: '+ 1' | '- 1') => `
    insert into consent_status_counts (consent_type, status, shard, n)
      values (${row}.consent_type, ${row}.status, 0, ${delta.replace(' ', '')})
      on conflict (consent_type, status, shard) do update set n = n ${delta};`;
  await sql
    .raw(
      `create trigger consent_status_counts_insert after insert on consents begin ${add('new', '+ 1')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger consent_status_counts_delete after delete on consents begin ${add('old', '- 1')} end`,
    )
    .execute(db);
  await sql
    .raw(
      `create trigger consent_status_counts_update after update of status, consent_type on consents
       when old.status is not new.status or old.consent_type is not new.consent_type
       begin ${add('old', '- 1')} ${add('new', '+ 1')} end`,
    )
    .execute(db);
}
