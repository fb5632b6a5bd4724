import type { Kysely } from 'kysely';

// Frozen. Each account may keep its own IANA time zone, so "today" (what is overdue, what
// is in the past) turns over at the person's own midnight (ADR 0015, ADR 0017). Null means
// "the server's", so an install that moves its TZ takes its people along.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('time_zone', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('time_zone').execute();
}
