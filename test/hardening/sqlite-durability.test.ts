// Issue 13 item 11: SQLite's durability is a setting (SQLITE_SYNCHRONOUS): NORMAL by default (survives a
// process crash, not a power loss, as docs/security.md says), FULL on request. SQLite files only, so the
// same assertions run in both projects.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/storage/database.js';

const dir = mkdtempSync(join(tmpdir(), 'consenthub-sync-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function synchronousOf(setting: Record<string, string>): Promise<number> {
  const config = loadConfig(setting);
  const database = openDatabase(`sqlite:${join(dir, `${Object.values(setting).join('') || 'default'}.db`)}`, {
    sqliteSynchronous: config.sqliteSynchronous,
  });
  try {
    const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(database.db);
    return Number(rows[0]!.synchronous);
  } finally {
    await database.close();
  }
}

describe('SQLITE_SYNCHRONOUS', () => {
  it('defaults to NORMAL (1); FULL (2) on request; anything else is refused', async () => {
    expect(await synchronousOf({})).toBe(1);
    expect(await synchronousOf({ SQLITE_SYNCHRONOUS: 'NORMAL' })).toBe(1);
    expect(await synchronousOf({ SQLITE_SYNCHRONOUS: 'FULL' })).toBe(2);
    expect(() => loadConfig({ SQLITE_SYNCHRONOUS: 'OFF' })).toThrow(/SQLITE_SYNCHRONOUS/);
  });
});
