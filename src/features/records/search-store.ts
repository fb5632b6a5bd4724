import { sql } from 'kysely';
import type { Dialect, Queryable } from '../../platform/db/database.ts';
import { heldOrRemoved } from './documents-filter.ts';

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
        .values(
          batch.map((r) => ({
            id: r.id,
            patient_id: r.patientId,
            source_type: r.sourceType,
            source_id: r.sourceId,
            title: r.title,
            body: r.body,
          })),
        )
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({ title: eb.ref('excluded.title'), body: eb.ref('excluded.body') })),
        )
        .execute();
    } else {
      await sql`insert into record_search (patient_key, title, body, id, patient_id, source_type, source_id) values ${sql.join(
        batch.map(
          (r) =>
            sql`(${patientKey(r.patientId)}, ${r.title}, ${r.body}, ${r.id}, ${r.patientId}, ${r.sourceType}, ${r.sourceId})`,
        ),
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

/** The part of a word both engines' stemmers are likely to keep ("allergies" -> "allerg"). */
export function stemPrefix(word: string): string {
  return word.length <= 4 ? word : word.slice(0, Math.max(4, word.length - 3));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Marks the search words in a piece of text (at word starts), for the page to highlight. */
export function markTerms(text: string, terms: string[]): string {
  if (!text || terms.length === 0) return text;
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}])(${terms.map((t) => escapeRe(stemPrefix(t))).join('|')})[\\p{L}\\p{N}]*`,
    'giu',
  );
  return text.replace(re, (m) => `${MARK_START}${m}${MARK_END}`);
}

const SNIPPET = 240;

/**
 * Ids of a patient's removed documents, of older imports held for review because they name
 * someone else (ADR 0146), and of the items read from them (ids are unique across both).
 * Filtered in the query, before the limit, so these matches never crowd out the ones shown.
 */
const removedSources = (patientId: string) =>
  sql`select d.id from documents d where d.patient_id = ${patientId} and ${heldOrRemoved('d')}
      union all
      select ri.id from record_items ri join documents rd on rd.id = ri.document_id
      where rd.patient_id = ${patientId} and ${heldOrRemoved('rd')}`;

interface RawHit {
  source_type: 'document' | 'item';
  source_id: string;
  patient_id: string;
  title: string;
  around: string | null;
}

/**
 * Ranked matches for one patient, at most `limit`. Snippets are cut around the first place
 * the longest word occurs, for the rows shown only: a snippet per match costs more than the
 * search itself.
 */
export async function searchPatient(
  db: Queryable,
  dialect: Dialect,
  patientId: string,
  query: string,
  limit = 25,
): Promise<SearchHit[]> {
  const terms = searchTerms(query);
  if (terms.length === 0) return [];
  const needle = stemPrefix([...terms].sort((a, b) => b.length - a.length)[0]!);
  let rows: RawHit[];
  if (dialect === 'postgres') {
    const tsq = terms.map((w) => `${w}:*`).join(' & ');
    const r = await sql<RawHit>`
      select s.source_type, s.source_id, s.patient_id, s.title,
        substr(s.body, greatest(1, strpos(lower(s.body), ${needle}) - 80), ${SNIPPET}) as around
      from (
        select id, ts_rank(tsv, q) as rank
        from record_search, to_tsquery('english', ${tsq}) q
        where patient_id = ${patientId} and tsv @@ q and source_id not in (${removedSources(patientId)})
        order by rank desc, id
        limit ${limit}
      ) top
      join record_search s on s.id = top.id
      order by top.rank desc, top.id`.execute(db);
    rows = r.rows;
  } else {
    // patient_key in the MATCH narrows to this patient inside the index; patient_id is
    // checked again below on the rows returned. Ranking touches only the index (rowid,
    // bm25); the row's other columns are read for the rows shown.
    const match = `patient_key : ${patientKey(patientId)} AND ${terms.map((w) => `"${w}"*`).join(' AND ')}`;
    const top = await sql<{ rowid: number }>`
      select rowid from record_search where record_search match ${match} and source_id not in (${removedSources(patientId)})
      order by bm25(record_search, 0.0, 5.0, 1.0), rowid
      limit ${limit}`.execute(db);
    const ids = top.rows.map((r) => Number(r.rowid));
    if (ids.length === 0) return [];
    const r = await sql<RawHit & { rowid: number }>`
      select rowid, source_type, source_id, patient_id, title,
        substr(body, max(1, instr(lower(body), ${needle}) - 80), ${SNIPPET}) as around
      from record_search where rowid in (${sql.join(ids)})`.execute(db);
    const byRow = new Map(r.rows.map((x) => [Number(x.rowid), x]));
    rows = ids.map((id) => byRow.get(id)).filter((x): x is RawHit & { rowid: number } => !!x);
  }
  return rows
    .filter((x) => x.patient_id === patientId)
    .map((x) => {
      const around = (x.around ?? '').trim();
      return {
        sourceType: x.source_type,
        sourceId: x.source_id,
        title: x.title,
        snippet: around ? `… ${markTerms(around, terms)} …` : '',
      };
    });
}
