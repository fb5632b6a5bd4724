import type { Kysely } from 'kysely';

// Frozen. Step 4, checking coverage: the plan a case is paid through (one row per case,
// with its prior authorization) and the log of calls to the plan, the doctor's office or
// the billing office. Call entries are only ever added: they are the person's record of
// what they were told.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('coverage_plans')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('plan_type', 'text', (c) => c.notNull())
    .addColumn('insurer', 'text')
    // Sensitive: shown to the people acting for the patient, never logged or audited.
    .addColumn('member_id', 'text')
    .addColumn('plan_phone', 'text')
    .addColumn('prior_auth_status', 'text', (c) => c.notNull())
    .addColumn('prior_auth_number', 'text')
    .addColumn('prior_auth_requested_on', 'text')
    .addColumn('prior_auth_expires_on', 'text')
    .addColumn('prior_auth_appeal_by', 'text')
    .addColumn('prior_auth_notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('coverage_calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('called_on', 'text', (c) => c.notNull())
    .addColumn('called_time', 'text')
    .addColumn('organization', 'text')
    .addColumn('spoke_with', 'text')
    .addColumn('reference_number', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('follow_up', 'text')
    .addColumn('follow_up_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('coverage_calls_case_idx')
    .on('coverage_calls')
    .columns(['case_id', 'called_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('coverage_calls').execute();
  await db.schema.dropTable('coverage_plans').execute();
}
