import type { Kysely } from 'kysely';

// Frozen. Request counts for rate limits, kept in the database so that every app process
// behind a load balancer counts against the same limit (ADR 0018). One row per route and
// caller (hashed), counting hits until `resets_at`; rows past it are deleted now and then.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .addColumn('resets_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_resets_idx').on('rate_limits').column('resets_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limits').execute();
}
