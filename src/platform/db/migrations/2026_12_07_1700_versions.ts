import type { Kysely } from 'kysely';

// Frozen. Optimistic concurrency (issue 13, ADR 0016): every record a person edits carries
// a version number that each change raises by one. A change made against an older version
// is refused instead of silently overwriting what someone else saved meanwhile.

export const VERSIONED_TABLES = [
  'patients',
  'cases',
  'assessments',
  'coverage_plans',
  'coverage_calls',
  'doctor_candidates',
  'doctor_appointments',
  'case_questions',
  'question_answers',
  'opinions',
  'comparison_overrides',
  'decisions',
  'documents',
  'record_requests',
  'record_checklist_items',
  'specimen_requests',
  'tasks',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of VERSIONED_TABLES) await db.schema.alterTable(table).dropColumn('version').execute();
}
