import type { Kysely } from 'kysely';

// Frozen. Tasks with due dates, shared by every journey step (call the insurer, records
// due back, book the appointment...). The dashboard and the calendar export read them.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('done_at', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_case_idx').on('tasks').columns(['case_id', 'due_on']).execute();
  await db.schema.createIndex('tasks_patient_idx').on('tasks').columns(['patient_id', 'done_at', 'due_on']).execute();
  await db.schema.createIndex('tasks_source_idx').on('tasks').columns(['source_type', 'source_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('tasks').execute();
}
