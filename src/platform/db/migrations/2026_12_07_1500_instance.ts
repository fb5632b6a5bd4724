import type { Kysely } from 'kysely';

// Frozen. Facts about the installation itself, one row each: its id (also written into the
// document storage, so a start against the wrong database is refused before anything is
// touched) and the instance key's fingerprint (so a missing or wrong key is refused instead
// of quietly making a new one). ADR 0008 and 0009.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('instance_meta')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('instance_meta').execute();
}
