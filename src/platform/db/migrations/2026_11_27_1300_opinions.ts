import type { Kysely } from 'kysely';

// Frozen. Each doctor's opinion on a case (with its diagnoses, plan items and answers),
// the person's corrections to how two opinions compare, and the decision.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('opinions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    // Set when a consulting doctor wrote it through a share link (a later feature).
    .addColumn('share_id', 'text')
    .addColumn('doctor_name', 'text', (c) => c.notNull())
    .addColumn('doctor_specialty', 'text')
    .addColumn('doctor_npi', 'text')
    .addColumn('doctor_practice', 'text')
    .addColumn('given_on', 'text', (c) => c.notNull())
    .addColumn('given_how', 'text')
    .addColumn('stage_status', 'text')
    .addColumn('prognosis', 'text')
    .addColumn('goal', 'text')
    .addColumn('options_discussed', 'text')
    .addColumn('urgency', 'text')
    .addColumn('further_tests', 'text')
    .addColumn('trials', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('opinions_case_idx').on('opinions').columns(['case_id', 'status', 'given_on']).execute();
  // Not unique: two opinions entered at the same moment may share a number; order then falls back to the id.
  await db.schema.createIndex('opinions_case_seq_idx').on('opinions').columns(['case_id', 'seq']).execute();

  await db.schema
    .createTable('opinion_diagnoses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .execute();
  await db.schema
    .createIndex('opinion_diagnoses_opinion_idx')
    .on('opinion_diagnoses')
    .columns(['opinion_id', 'position'])
    .execute();

  await db.schema
    .createTable('opinion_plan_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .execute();
  await db.schema
    .createIndex('opinion_plan_items_opinion_idx')
    .on('opinion_plan_items')
    .columns(['opinion_id', 'position'])
    .execute();

  await db.schema
    .createTable('opinion_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // The case's question this answers (owned by the questions feature), or null for a question asked on the spot.
    .addColumn('question_id', 'text')
    .addColumn('question_text', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .execute();
  await db.schema
    .createIndex('opinion_answers_opinion_idx')
    .on('opinion_answers')
    .columns(['opinion_id', 'position'])
    .execute();
  await db.schema.createIndex('opinion_answers_question_idx').on('opinion_answers').column('question_id').execute();

  await db.schema
    .createTable('comparison_overrides')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    // The two opinions, lower id first, so a pair has one row per axis whichever way it was asked.
    .addColumn('opinion_low_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('opinion_high_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addColumn('axis', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comparison_overrides_pair_idx')
    .on('comparison_overrides')
    .columns(['case_id', 'opinion_low_id', 'opinion_high_id', 'axis'])
    .unique()
    .execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text')
    .addColumn('helpers', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // A decision taken back (the case reopened) is kept, never deleted.
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('decisions_case_idx').on('decisions').columns(['case_id', 'withdrawn_at']).execute();

  await db.schema
    .createTable('decision_opinions')
    .addColumn('decision_id', 'text', (c) => c.notNull().references('decisions.id'))
    .addColumn('opinion_id', 'text', (c) => c.notNull().references('opinions.id'))
    .addPrimaryKeyConstraint('decision_opinions_pk', ['decision_id', 'opinion_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'decision_opinions',
    'decisions',
    'comparison_overrides',
    'opinion_answers',
    'opinion_plan_items',
    'opinion_diagnoses',
    'opinions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
