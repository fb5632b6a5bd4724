import type { Kysely } from 'kysely';

// Frozen. Step 5, choosing the path and the doctor: which path the person takes (and the
// referral request letter they can edit), the doctors they are considering, and their
// appointments. Candidates carry `source` and an optional `npi` so a later directory
// search can save into the same table.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doctor_paths')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('referral_letter', 'text')
    .addColumn('referral_asked_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('doctor_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('specialty', 'text')
    .addColumn('practice', 'text')
    .addColumn('phone', 'text')
    .addColumn('address', 'text')
    .addColumn('in_network', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('npi', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .execute();
  await db.schema
    .createIndex('doctor_candidates_case_idx')
    .on('doctor_candidates')
    .columns(['case_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('doctor_appointments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('candidate_id', 'text', (c) => c.notNull().references('doctor_candidates.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema
    .createIndex('doctor_appointments_case_idx')
    .on('doctor_appointments')
    .columns(['case_id', 'starts_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('doctor_appointments').execute();
  await db.schema.dropTable('doctor_candidates').execute();
  await db.schema.dropTable('doctor_paths').execute();
}
