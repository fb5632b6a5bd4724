import type { Kysely } from 'kysely';

// Frozen. Background jobs (ADR 0022): one row per job, so a job outlives the process that
// queued it and the one that runs it. Times are ISO-8601 UTC text like every other table,
// which sorts and compares the same way on both databases.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    // Same kind + same key = the same job: queuing it twice gives back the first one.
    .addColumn('idempotency_key', 'text')
    // queued | running | done | failed
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    // Which worker holds it, and until when; a lease that runs out (the process died) frees it.
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('progress_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('result', 'text')
    // The person who started it: the only one who may see its status page.
    .addColumn('owner_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('jobs_kind_key').unique().on('jobs').columns(['kind', 'idempotency_key']).execute();
  // The claim query: the next runnable job, oldest first.
  await db.schema.createIndex('jobs_state_run_after').on('jobs').columns(['state', 'run_after']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
