import type { Kysely } from 'kysely';

// Frozen. Records requests claim only the rights people have (issue 10, items 2 and 3;
// ADR 0148, 0149):
// - record_requests.kind: 'access' (HIPAA right of access, 45 CFR 164.524, with its 30-day
//   clock) or 'authorization' (paper copies sent to someone else: a HIPAA authorization,
//   45 CFR 164.508, no legal clock, only a follow-up reminder on follow_up_on).
// - Pathology slides and tissue blocks leave records requests: they are specimens, asked
//   for with a specimen request (specimen_requests), tracked as a shipment.
// Existing rows are migrated here; nothing is deleted.

/** Days after sending before we remind people to check on an authorization (not a legal deadline). */
const FOLLOW_UP_DAYS = 21;
const SPECIMEN_KEYS = ['pathology_slides'];

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('record_requests')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('access'))
    .execute();
  await db.schema.alterTable('record_requests').addColumn('follow_up_on', 'text').execute();

  const rows: {
    id: string;
    format: string;
    delivery: string;
    provider_name: string;
    records_wanted: string;
    sent_on: string | null;
    received_on: string | null;
  }[] = await db
    .selectFrom('record_requests')
    .select(['id', 'format', 'delivery', 'provider_name', 'records_wanted', 'sent_on', 'received_on'])
    .execute();
  const now = new Date().toISOString();
  for (const r of rows) {
    // Slides and blocks are no longer asked for in a records letter.
    let wanted: unknown;
    try {
      wanted = JSON.parse(r.records_wanted);
    } catch {
      wanted = null;
    }
    if (Array.isArray(wanted) && wanted.some((k) => SPECIMEN_KEYS.includes(String(k)))) {
      await db
        .updateTable('record_requests')
        .set({ records_wanted: JSON.stringify(wanted.filter((k) => !SPECIMEN_KEYS.includes(String(k)))) })
        .where('id', '=', r.id)
        .execute();
    }

    // Paper copies to someone else were never under the right of access's clock after
    // Ciox Health v. Azar: they become authorizations, with a reminder instead of a due date.
    // The old due and extension dates stay in their columns (nothing lost) but no longer count.
    if (r.delivery === 'third_party' && r.format === 'paper') {
      const followUp = r.sent_on ? addDays(r.sent_on, FOLLOW_UP_DAYS) : null;
      await db
        .updateTable('record_requests')
        .set({ kind: 'authorization', follow_up_on: followUp })
        .where('id', '=', r.id)
        .execute();
      if (!r.received_on) {
        await db
          .updateTable('tasks')
          .set({
            kind: 'records_follow_up',
            due_on: followUp,
            title: `Check on the records from ${r.provider_name}`,
            updated_at: now,
          })
          .where('source_type', '=', 'record_request')
          .where('source_id', '=', r.id)
          .where('kind', '=', 'records_due')
          .where('done_at', 'is', null)
          .execute();
      }
    }
  }

  // A letter from the patient asking a pathology lab to send named slides and blocks to the
  // consulting institution's pathology department; tracked as a shipment by its dates.
  await db.schema
    .createTable('specimen_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('patient_id', 'text', (c) => c.notNull().references('patients.id'))
    .addColumn('lab_name', 'text', (c) => c.notNull())
    .addColumn('lab_address', 'text', (c) => c.notNull())
    .addColumn('lab_contact', 'text')
    // JSON array of { accession, kind, count }.
    .addColumn('specimens', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('recipient_address', 'text', (c) => c.notNull())
    .addColumn('recipient_contact', 'text')
    .addColumn('recipient_phone', 'text')
    .addColumn('requested_on', 'text')
    .addColumn('sent_on', 'text')
    .addColumn('tracking', 'text')
    .addColumn('received_on', 'text')
    .addColumn('returned_on', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('specimen_requests_case_idx')
    .on('specimen_requests')
    .columns(['case_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('specimen_requests').execute();
  await db.schema.alterTable('record_requests').dropColumn('follow_up_on').execute();
  await db.schema.alterTable('record_requests').dropColumn('kind').execute();
}
