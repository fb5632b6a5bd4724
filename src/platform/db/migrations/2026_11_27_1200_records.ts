import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen. Step 6, gather records: encrypted documents (one stored copy per patient and
// content), structured items imported from portal exports, records requests under the
// HIPAA right of access, the records checklist, and a full-text index over all of it.
// Everything is dialect-neutral except the search index, which is each database's own
// full-text engine (FTS5 on SQLite, tsvector + GIN on PostgreSQL): see ADR 0141.

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

  // One encrypted file per patient and content. Several documents (in several cases of
  // the same patient) may point at one blob; identical uploads are recognised by sha256.
  await db.schema
    .createTable('record_blobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    // The document's own AES-256 key, wrapped (AES-256-GCM) by the instance's document key.
    .addColumn('wrapped_key', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_blobs_patient_sha_uq')
    .on('record_blobs')
    .columns(['patient_id', 'sha256'])
    .unique()
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('blob_id', 'text', (c) => c.notNull().references('record_blobs.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('document_date', 'text')
    .addColumn('provider', 'text')
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('detected_type', 'text', (c) => c.notNull())
    .addColumn('page_count', 'integer')
    .addColumn('text_status', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('uploaded_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .execute();
  await db.schema.createIndex('documents_case_idx').on('documents').columns(['case_id', 'created_at']).execute();
  await db.schema
    .createIndex('documents_patient_idx')
    .on('documents')
    .columns(['patient_id', 'document_date'])
    .execute();
  await db.schema.createIndex('documents_blob_idx').on('documents').column('blob_id').execute();
  // A blob appears at most once in a case: a second upload of the same file is the same document.
  await db.schema
    .createIndex('documents_case_blob_uq')
    .on('documents')
    .columns(['case_id', 'blob_id'])
    .unique()
    .execute();

  // Conditions, medications, allergies, procedures, results, vital signs, encounters and
  // immunizations read from C-CDA and FHIR files. Per patient; the same fact imported
  // twice (from two exports) is kept once, by dedupe_key.
  await db.schema
    .createTable('record_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('code_system', 'text')
    .addColumn('code', 'text')
    .addColumn('display', 'text', (c) => c.notNull())
    .addColumn('value_text', 'text')
    .addColumn('status', 'text')
    .addColumn('started_on', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('place', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_items_patient_key_uq')
    .on('record_items')
    .columns(['patient_id', 'dedupe_key'])
    .unique()
    .execute();
  await db.schema
    .createIndex('record_items_patient_date_idx')
    .on('record_items')
    .columns(['patient_id', 'started_on'])
    .execute();
  await db.schema.createIndex('record_items_document_idx').on('record_items').column('document_id').execute();

  await db.schema
    .createTable('record_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('provider_name', 'text', (c) => c.notNull())
    .addColumn('provider_address', 'text')
    .addColumn('provider_contact', 'text')
    .addColumn('records_wanted', 'text', (c) => c.notNull())
    .addColumn('records_other', 'text')
    .addColumn('date_from', 'text')
    .addColumn('date_to', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('delivery', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text')
    .addColumn('recipient_address', 'text')
    .addColumn('sent_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('extended_due_on', 'text')
    .addColumn('received_on', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_requests_case_idx')
    .on('record_requests')
    .columns(['case_id', 'created_at'])
    .execute();

  // Which kind of checklist a case uses (cancer, heart, ...), chosen by the person.
  await db.schema
    .createTable('record_checklists')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
    .addColumn('case_kind', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('record_checklist_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_checklist_items_uq')
    .on('record_checklist_items')
    .columns(['case_id', 'item_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('record_checklist_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_checklist_links_uq')
    .on('record_checklist_links')
    .columns(['case_id', 'item_key', 'document_id'])
    .unique()
    .execute();

  // The search index: one row per document or structured item, per patient.
  if (postgres) {
    await sql`
      create table record_search (
        id text primary key,
        patient_id text not null,
        source_type text not null,
        source_id text not null,
        title text not null,
        body text not null,
        tsv tsvector generated always as (
          setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
        ) stored
      )`.execute(db);
    await sql`create index record_search_tsv_idx on record_search using gin (tsv)`.execute(db);
    await sql`create index record_search_patient_idx on record_search (patient_id, source_type)`.execute(db);
  } else {
    // patient_key is an indexed token ("p" + the id's hex) so MATCH narrows to one patient
    // inside the index; patient_id is re-checked in the WHERE clause as well.
    await sql`
      create virtual table record_search using fts5(
        patient_key, title, body,
        id unindexed, patient_id unindexed, source_type unindexed, source_id unindexed,
        tokenize = 'porter unicode61'
      )`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table record_search`.execute(db);
  for (const t of [
    'record_checklist_links',
    'record_checklist_items',
    'record_checklists',
    'record_requests',
    'record_items',
    'documents',
    'record_blobs',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
