import type { Kysely } from 'kysely';

// Frozen. Questions to ask: the case's list (made once from the question bank, then the
// person's own), the doctors whose answers are written down, and their answers.

export async function up(db: Kysely<any>): Promise<void> {
  // One row per case once its list has been made; ready_at when the person says it is ready.
  await db.schema
    .createTable('question_lists')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('ready_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    // The question bank item it came from (null for the person's own); text null = the bank's words.
    .addColumn('bank_id', 'text')
    .addColumn('text', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('important', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema
    .createIndex('case_questions_case_idx')
    .on('case_questions')
    .columns(['case_id', 'removed_at', 'position'])
    .execute();
  // A bank question is on a case's list at most once (NULLs, the person's own, never clash).
  await db.schema
    .createIndex('case_questions_bank_uq')
    .on('case_questions')
    .columns(['case_id', 'bank_id'])
    .unique()
    .execute();

  // A doctor whose answers are recorded: just a name the person gives, kept per case.
  await db.schema
    .createTable('question_doctors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema
    .createIndex('question_doctors_case_idx')
    .on('question_doctors')
    .columns(['case_id', 'removed_at'])
    .execute();

  await db.schema
    .createTable('question_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('question_id', 'text', (c) => c.notNull().references('case_questions.id'))
    .addColumn('doctor_id', 'text', (c) => c.notNull().references('question_doctors.id'))
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('question_answers_uq')
    .on('question_answers')
    .columns(['question_id', 'doctor_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('question_answers_case_idx')
    .on('question_answers')
    .columns(['case_id', 'doctor_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('question_answers').execute();
  await db.schema.dropTable('question_doctors').execute();
  await db.schema.dropTable('case_questions').execute();
  await db.schema.dropTable('question_lists').execute();
}
