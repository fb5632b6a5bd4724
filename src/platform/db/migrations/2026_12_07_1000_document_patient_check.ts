import type { Kysely } from 'kysely';

// Frozen. Whose record a portal file is (ADR 0146): what the file said about its patient
// and what came of comparing that with the profile, kept with the document.
//   patient_check       null: added before this check existed (a portal file among these is
//                       checked once at start); 'not_checked': the file names nobody we can
//                       read (a PDF, a scan); 'matched'; 'confirmed': a person said "this is
//                       the right person" (who and when below); 'mismatch': an older import
//                       naming someone else, held out of the case until someone reviews it.
//   patient_named       JSON list of { name, birthDate, file? } the file names.
//   patient_checked_by  the user who confirmed (null when the app decided).
//   patient_checked_at  when the status was last set.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('patient_check', 'text').execute();
  await db.schema.alterTable('documents').addColumn('patient_named', 'text').execute();
  await db.schema
    .alterTable('documents')
    .addColumn('patient_checked_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('documents').addColumn('patient_checked_at', 'text').execute();
  // The review list and the start-up check look for these few rows.
  await db.schema
    .createIndex('documents_patient_check_idx')
    .on('documents')
    .columns(['patient_check', 'case_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('documents_patient_check_idx').execute();
  for (const c of ['patient_checked_at', 'patient_checked_by', 'patient_named', 'patient_check']) {
    await db.schema.alterTable('documents').dropColumn(c).execute();
  }
}
