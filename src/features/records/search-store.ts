import { sql } from 'kysely';
import type { Dialect, Queryable } from '../../platform/db/database.ts';

// Search over a patient's documents and structured items, with each database's own
// full-text engine (ADR 0141): FTS5 (porter stemming) on SQLite, tsvector + GIN on
// PostgreSQL. Rows are written in the same transaction as what they index.

export interface SearchRow {
  /** 'doc:<documentId>' or 'item:<itemId>'. */
  id: string;
  patientId: string;
  sourceType: 'document' | 'item';
  sourceId: string;
  title: string;
  body: string;
}

export interface SearchHit {
  sourceType: 'document' | 'item';
  sourceId: string;
  title: string;
  /** Text around the match; the matched words are wrapped in MARK_START / MARK_END. */
  snippet: string;
}

export const MARK_START = '\u0002';
export const MARK_END = '\u0003';

/** Words only: the query language of either engine is never exposed to what people type. */
export function searchTerms(q: string): string[] {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].filter((w) => w.length <= 60).slice(0, 8);
}

const patientKey = (patientId: string) => `p${patientId.replace(/[^0-9a-z]/gi, '').toLowerCase()}`;

export async function indexSearchRows(db: Queryable, dialect: Dialect, rows: SearchRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const batch = rows.slice(i, i + 200);
    if (dialect === 'postgres') {
      await db
        .insertInto('record_search')
        .values(batch.map((r) => ({ id: r.id, patient_id: r.patientId, source_type: r.sourceType, source_id: r.sourceId, title: r.title, body: r.body })))
        .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ title: eb.ref('excluded.title'), body: eb.ref('excluded.body') })))
        .execute();
    } else {
      await sql`insert into record_search (patient_key, title, body, id, patient_id, source_type, source_id) values ${sql.join(
        batch.map((r) => sql`(${patientKey(r.patientId)}, ${r.title}, ${r.body}, ${r.id}, ${r.patientId}, ${r.sourceType}, ${r.sourceId})`),
      )}`.execute(db);
    }
  }
}

/** Replaces one row's words (a document renamed). */
export async function reindexSearchRow(db: Queryable, dialect: Dialect, row: SearchRow): Promise<void> {
  if (dialect === 'sqlite') await sql`delete from record_search where id = ${row.id}`.execute(db);
  await indexSearchRows(db, dialect, [row]);
}

export async function readSearchBody(db: Queryable, id: string): Promise<string | null> {
  const r = await sql<{ body: string }>`select body from record_search where id = ${id}`.execute(db);
  return r.rows[0]?.body ?? null;
}

export async function searchPatient(db: Queryable, dialect: Dialect, patientId: string, query: string, limit = 25): Promise<SearchHit[]> {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  if (dialect === 'postgres') {
    const tsq = terms.map((w) => `${w}:*`).join(' & ');
    const r = await sql<{ source_type: 'document' | 'item'; source_id: string; title: string; snippet: string }>`
      select s.source_type, s.source_id, s.title,
        ts_headline('english', s.body, q.q, ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=30, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "`}) as snippet
      from (
        select id, source_type, source_id, title, body, ts_rank(tsv, to_tsquery('english', ${tsq})) as rank
        from record_search
        where patient_id = ${patientId} and tsv @@ to_tsquery('english', ${tsq})
        order by rank desc, id
        limit ${limit}
      ) s, (select to_tsquery('english', ${tsq}) as q) q
      order by s.rank desc, s.id`.execute(db);
    return r.rows.map((x) => ({ sourceType: x.source_type, sourceId: x.source_id, title: x.title, snippet: x.snippet }));
  }
  const match = `patient_key : ${patientKey(patientId)} AND ${terms.map((w) => `"${w}"*`).join(' AND ')}`;
  const r = await sql<{ source_type: 'document' | 'item'; source_id: string; title: string; snippet: string }>`
    select source_type, source_id, title,
      snippet(record_search, 2, ${MARK_START}, ${MARK_END}, ' … ', 24) as snippet
    from record_search
    where record_search match ${match} and patient_id = ${patientId}
    order by bm25(record_search, 0.0, 5.0, 1.0), id
    limit ${limit}`.execute(db);
  return r.rows.map((x) => ({ sourceType: x.source_type, sourceId: x.source_id, title: x.title, snippet: x.snippet }));
}
