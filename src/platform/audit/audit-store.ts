import { sql } from 'kysely';
import type { Queryable, Tx } from '../db/database.ts';
import type { AuditLogTable } from '../db/schema.ts';
import { type AuditFacts, type ChainedEntry, type ChainProblem, hashEntry, verifyChain } from './audit.ts';

/**
 * Appends entries, in order. Must run inside the transaction that does the audited act, so
 * the act and its record commit together or not at all. A page that shows six patients'
 * cases audits six reads: writing them in one go (three statements, not eighteen) was a
 * fifth of the dashboard's time.
 */
export async function appendAuditEntries(trx: Tx, list: readonly AuditFacts[]): Promise<number[]> {
  if (list.length === 0) return [];
  // Bumping the head first locks its row on PostgreSQL until commit: appends from
  // other processes wait here instead of forking the chain.
  const head = await trx
    .updateTable('audit_head')
    .set({ seq: sql`seq + ${list.length}` })
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let seq = Number(head.seq) - list.length;
  let prev = head.hash;
  const rows = list.map((facts) => {
    seq += 1;
    const hash = hashEntry(seq, prev, facts);
    const row = {
      seq,
      at: facts.at,
      actor_type: facts.actorType,
      actor_id: facts.actorId,
      action: facts.action,
      patient_id: facts.patientId,
      object_type: facts.objectType,
      object_id: facts.objectId,
      ip: facts.ip,
      via: facts.via,
      prev_hash: prev,
      hash,
    };
    prev = hash;
    return row;
  });
  // Keeps each statement well under SQLite's limit on bound values.
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + 500))
      .execute();
  await trx.updateTable('audit_head').set({ hash: prev }).where('id', '=', 1).execute();
  return rows.map((r) => r.seq);
}

/** Appends one entry now (see appendAuditEntries) and returns its number in the chain. */
export async function appendAudit(trx: Tx, facts: AuditFacts): Promise<number> {
  const [seq] = await appendAuditEntries(trx, [facts]);
  return seq!;
}

export function toEntry(r: AuditLogTable): ChainedEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    action: r.action,
    patientId: r.patient_id,
    objectType: r.object_type,
    objectId: r.object_id,
    ip: r.ip,
    via: r.via,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export interface AuditListItem extends ChainedEntry {
  actorName: string | null;
}

export async function listAuditForPatient(
  db: Queryable,
  patientId: string,
  opts: { limit: number; beforeSeq?: number },
): Promise<AuditListItem[]> {
  let q = db
    .selectFrom('audit_log')
    .leftJoin('users', (j) => j.onRef('users.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'user'))
    .selectAll('audit_log')
    .select('users.display_name as actor_name')
    .where('audit_log.patient_id', '=', patientId)
    .orderBy('audit_log.seq', 'desc')
    .limit(opts.limit);
  if (opts.beforeSeq) q = q.where('audit_log.seq', '<', opts.beforeSeq);
  const rows = await q.execute();
  return rows.map((r) => ({ ...toEntry(r), actorName: r.actor_name ?? null }));
}

/** Walks the whole chain in pages so memory stays flat however long the log grows. */
export async function verifyAuditChain(
  db: Queryable,
): Promise<{ ok: true; entries: number } | { ok: false; at: ChainProblem; entries: number }> {
  const pageSize = 5000;
  let last = { seq: 0, hash: '0'.repeat(64) };
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', last.seq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    const result = verifyChain(rows.map(toEntry), last);
    if (!result.ok) return { ok: false, at: result.at, entries: count };
    last = result.last;
    count += rows.length;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirst();
  if (!head || Number(head.seq) !== last.seq || head.hash !== last.hash) {
    // Entries were removed from the end (or the head was edited).
    return { ok: false, at: { seq: last.seq + 1, problem: 'gap' }, entries: count };
  }
  return { ok: true, entries: count };
}
