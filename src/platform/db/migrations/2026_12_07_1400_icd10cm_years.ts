import type { Kysely } from 'kysely';

// Frozen. ICD-10-CM years an operator loaded with `second-opinion import icd10cm FILE`
// (ADR 0168). The years shipped with the app live in data/reference and are not copied
// here; a stored year replaces a shipped one of the same year. Reference data only:
// nothing about a person.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('icd10cm_releases')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    // 'order' (every code, headers included) or 'codes' (billable codes only).
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    // SHA-256 of the file's text as read, so loading the same file again changes nothing.
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('code_count', 'integer', (c) => c.notNull())
    .addColumn('billable_count', 'integer', (c) => c.notNull())
    // What the import found against the nearest other year (compared_with), for the record.
    .addColumn('compared_with', 'integer')
    .addColumn('added', 'integer', (c) => c.notNull())
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addColumn('changed', 'integer', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('icd10cm_codes')
    .addColumn('year', 'integer', (c) => c.notNull().references('icd10cm_releases.year'))
    // Position in the file: tabular order, which breaks ties in search.
    .addColumn('seq', 'integer', (c) => c.notNull())
    // With the dot: "C50.912".
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('billable', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('icd10cm_codes_pk', ['year', 'code'])
    .execute();
  await db.schema.createIndex('icd10cm_codes_year_seq_idx').on('icd10cm_codes').columns(['year', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('icd10cm_codes').execute();
  await db.schema.dropTable('icd10cm_releases').execute();
}
