import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../../src/platform/db/database.ts';

// Several installations (or test runs) share one PostgreSQL database, each in its own
// schema. One of them dropping its schema must never stop another from starting: the
// migrator looks only at its own schema.

const PG_URL = process.env.TEST_POSTGRES_URL;

test('a start migrates its own schema while others are created and dropped', {
  skip: PG_URL ? false : 'TEST_POSTGRES_URL is not set, so the PostgreSQL run was not done',
}, async () => {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const tag = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let churning = true;
  // Other schemas come and go, each with a serial column (what Kysely's own introspector trips over).
  const churn = (async () => {
    for (let i = 0; churning; i++) {
      const other = `churn_${tag}_${i}`;
      await admin.query(`create schema ${other}; create table ${other}.t (id serial primary key, x text)`);
      await admin.query(`drop schema ${other} cascade`);
    }
  })();
  const mine = Array.from({ length: 6 }, (_, i) => `mine_${tag}_${i}`);
  try {
    for (const schema of mine) await admin.query(`create schema ${schema}`);
    const applied = await Promise.all(
      mine.map(async (schema) => {
        const h = openDatabase({ kind: 'postgres', url: PG_URL!, schema });
        try {
          return await migrateToLatest(h.db, h.schema);
        } finally {
          await h.close();
        }
      }),
    );
    for (const names of applied) assert.ok(names.length > 5, 'every migration ran in each schema');
  } finally {
    churning = false;
    await churn;
    for (const schema of mine) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
});
