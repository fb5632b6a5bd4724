import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/database.ts';
import { heldOrRemoved } from './documents-filter.ts';
import type { ItemCategory } from './imports.ts';
import type { TimelineItem } from './timeline.ts';

/**
 * Items read from a document the person took out of the case are left out while it is out,
 * and so are items of an older import naming someone else until it is reviewed (ADR 0146).
 */
const notFromRemoved = sql<boolean>`not exists (select 1 from documents rd where rd.id = record_items.document_id and ${heldOrRemoved('rd')})`;

export async function listItems(
  db: Queryable,
  patientId: string,
  opts: { category?: string; limit?: number; offset?: number } = {},
): Promise<TimelineItem[]> {
  let q = db
    .selectFrom('record_items')
    .select([
      'id',
      'document_id',
      'category',
      'display',
      'value_text',
      'status',
      'started_on',
      'ended_on',
      'place',
      'code_system',
      'code',
    ])
    .where('patient_id', '=', patientId)
    .where(notFromRemoved);
  if (opts.category) q = q.where('category', '=', opts.category);
  // Newest first; undated last (the same on both databases).
  const rows = await q
    .orderBy(sql`case when started_on is null then 1 else 0 end`)
    .orderBy('started_on', 'desc')
    .orderBy('display')
    .orderBy('id')
    .limit(opts.limit ?? 10_000)
    .offset(opts.offset ?? 0)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    documentId: r.document_id,
    category: r.category as ItemCategory,
    display: r.display,
    value: r.value_text,
    status: r.status,
    startedOn: r.started_on,
    endedOn: r.ended_on,
    place: r.place,
    codeSystem: r.code_system,
    code: r.code,
  }));
}

export async function countItems(db: Queryable, patientId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('record_items')
    .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('patient_id', '=', patientId)
    .where(notFromRemoved)
    .groupBy('category')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.category, Number(r.n)]));
}

export async function getItems(db: Queryable, ids: string[]): Promise<Map<string, TimelineItem>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('record_items').selectAll().where('id', 'in', ids).execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        documentId: r.document_id,
        category: r.category as ItemCategory,
        display: r.display,
        value: r.value_text,
        status: r.status,
        startedOn: r.started_on,
        endedOn: r.ended_on,
        place: r.place,
        codeSystem: r.code_system,
        code: r.code,
      },
    ]),
  );
}
