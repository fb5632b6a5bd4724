import type { Kysely } from 'kysely';

// Frozen. Secure share links for a consulting doctor (issue 5): the link, what it shares,
// the short sessions an access code opens, and what happened on the link.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    // SHA-256 of the link's secret, hex. The secret itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('doctor_name', 'text', (c) => c.notNull())
    .addColumn('doctor_email', 'text')
    .addColumn('doctor_practice', 'text')
    // 'packet' (the packet and its documents) or 'documents' (only the chosen documents).
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // argon2id of the access code, when the person asked for one.
    .addColumn('code_hash', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('shares_case_idx').on('shares').columns(['case_id', 'created_at']).execute();

  await db.schema
    .createTable('share_documents')
    .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id'))
    .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('share_documents_pk', ['share_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('share_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id'))
    // SHA-256 of the cookie's secret, hex.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('share_sessions_share_idx').on('share_sessions').column('share_id').execute();

  await db.schema
    .createTable('share_access_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('share_id', 'text', (c) => c.notNull().references('shares.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    // The matching entry of the audit chain: orders the log and ties it to the tamper-evident record.
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    // The document viewed or downloaded, or the opinion written.
    .addColumn('object_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema
    .createIndex('share_access_log_share_idx')
    .on('share_access_log')
    .columns(['share_id', 'audit_seq'])
    .execute();
  await db.schema.createIndex('opinions_share_idx').on('opinions').column('share_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('opinions_share_idx').execute();
  for (const t of ['share_access_log', 'share_sessions', 'share_documents', 'shares'])
    await db.schema.dropTable(t).execute();
}
