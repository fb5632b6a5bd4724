import { sql } from 'kysely';
import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { SharesTable } from '../../platform/db/schema.ts';
import type { AccessAction, AccessLogEntry, ShareRecord, ShareScope } from './shares.ts';

// Share links, what each shares, code sessions and the access log.

function toRecord(r: SharesTable, documentIds: string[]): ShareRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    patientId: r.patient_id,
    doctorName: r.doctor_name,
    doctorEmail: r.doctor_email,
    doctorPractice: r.doctor_practice,
    scope: r.scope as ShareScope,
    expiresAt: r.expires_at,
    hasCode: r.code_hash !== null,
    failedAttempts: Number(r.failed_attempts),
    lockedAt: r.locked_at,
    revokedAt: r.revoked_at,
    createdAt: r.created_at,
    documentIds,
  };
}

async function documentIdsOf(db: Queryable, shareIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (shareIds.length === 0) return out;
  const rows = await db
    .selectFrom('share_documents')
    .select(['share_id', 'document_id'])
    .where('share_id', 'in', shareIds)
    .orderBy('share_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.set(r.share_id, [...(out.get(r.share_id) ?? []), r.document_id]);
  return out;
}

export interface NewShare {
  caseId: string;
  patientId: string;
  tokenHash: string;
  doctorName: string;
  doctorEmail: string | null;
  doctorPractice: string | null;
  scope: ShareScope;
  expiresAt: string;
  codeHash: string | null;
  documentIds: string[];
  createdBy: string;
}

export async function insertShare(db: Queryable, now: string, s: NewShare): Promise<string> {
  const id = newId();
  await db
    .insertInto('shares')
    .values({
      id,
      case_id: s.caseId,
      patient_id: s.patientId,
      token_hash: s.tokenHash,
      doctor_name: s.doctorName,
      doctor_email: s.doctorEmail,
      doctor_practice: s.doctorPractice,
      scope: s.scope,
      expires_at: s.expiresAt,
      code_hash: s.codeHash,
      failed_attempts: 0,
      locked_at: null,
      revoked_at: null,
      revoked_by: null,
      created_by: s.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (s.documentIds.length) {
    await db
      .insertInto('share_documents')
      .values(s.documentIds.map((document_id, position) => ({ share_id: id, document_id, position })))
      .execute();
  }
  return id;
}

/** The case's links, newest first. */
export async function listShares(db: Queryable, caseId: string): Promise<ShareRecord[]> {
  const rows = await db
    .selectFrom('shares')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const docs = await documentIdsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRecord(r, docs.get(r.id) ?? []));
}

/** One link, only if it belongs to this case (a foreign id looks the same as an unknown one). */
export async function findShare(db: Queryable, shareId: string, caseId?: string): Promise<ShareRecord | null> {
  let q = db.selectFrom('shares').selectAll().where('id', '=', shareId);
  if (caseId) q = q.where('case_id', '=', caseId);
  const row = await q.executeTakeFirst();
  if (!row) return null;
  return toRecord(row, (await documentIdsOf(db, [row.id])).get(row.id) ?? []);
}

/**
 * The row behind a link token's hash, with the stored hashes the caller compares. One
 * query, whatever the link's state: documentIds is left empty (see shareDocumentIds) so a
 * dead link costs the same as an unknown one.
 */
export async function findShareByTokenHash(
  db: Queryable,
  tokenHash: string,
): Promise<{ share: ShareRecord; tokenHash: string; codeHash: string | null } | null> {
  const row = await db.selectFrom('shares').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row) return null;
  return { share: toRecord(row, []), tokenHash: row.token_hash, codeHash: row.code_hash };
}

export async function shareDocumentIds(db: Queryable, shareId: string): Promise<string[]> {
  return (await documentIdsOf(db, [shareId])).get(shareId) ?? [];
}

export async function revokeShare(db: Queryable, shareId: string, userId: string, now: string): Promise<void> {
  await db
    .updateTable('shares')
    .set({ revoked_at: now, revoked_by: userId, updated_at: now })
    .where('id', '=', shareId)
    .where('revoked_at', 'is', null)
    .execute();
  // A revoked link must not keep anyone in through a code session.
  await db.deleteFrom('share_sessions').where('share_id', '=', shareId).execute();
}

export async function unlockShare(db: Queryable, shareId: string, now: string): Promise<void> {
  await db
    .updateTable('shares')
    .set({ locked_at: null, failed_attempts: 0, updated_at: now })
    .where('id', '=', shareId)
    .execute();
}

/**
 * Counts one wrong code, in one statement so two guesses at once cannot both slip under
 * the limit; locks the link at the limit. Returns whether it is locked now, and the count.
 */
export async function recordFailedCode(
  db: Queryable,
  shareId: string,
  maxFailures: number,
  now: string,
): Promise<{ locked: boolean; failures: number }> {
  await db
    .updateTable('shares')
    .set({ failed_attempts: sql`failed_attempts + 1`, updated_at: now })
    .where('id', '=', shareId)
    .execute();
  const row = await db
    .selectFrom('shares')
    .select(['failed_attempts', 'locked_at'])
    .where('id', '=', shareId)
    .executeTakeFirstOrThrow();
  const failures = Number(row.failed_attempts);
  if (failures >= maxFailures && !row.locked_at) {
    await db.updateTable('shares').set({ locked_at: now }).where('id', '=', shareId).execute();
    return { locked: true, failures };
  }
  return { locked: !!row.locked_at, failures };
}

export async function clearFailedCodes(db: Queryable, shareId: string, now: string): Promise<void> {
  await db.updateTable('shares').set({ failed_attempts: 0, updated_at: now }).where('id', '=', shareId).execute();
}

// ---------- code sessions ----------

export async function insertShareSession(
  db: Queryable,
  shareId: string,
  tokenHash: string,
  now: string,
  expiresAt: string,
): Promise<void> {
  // Ended sessions open nothing; clear them as new ones are made, so the table holds only
  // the live ones without a clean-up job.
  await deleteEndedShareSessions(db, now);
  await db
    .insertInto('share_sessions')
    .values({ id: newId(), share_id: shareId, token_hash: tokenHash, expires_at: expiresAt, created_at: now })
    .execute();
}

/** Deletes every code session that has ended (of any link). Returns how many. */
export async function deleteEndedShareSessions(db: Queryable, now: string): Promise<number> {
  const res = await db.deleteFrom('share_sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Whether this cookie's hash opens this share now. A session of another share opens nothing here. */
export async function shareSessionValid(
  db: Queryable,
  shareId: string,
  tokenHash: string,
  now: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('share_sessions')
    .select(['share_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return !!row && row.share_id === shareId && row.expires_at > now;
}

// ---------- the access log ----------

export async function logAccess(
  db: Queryable,
  e: {
    shareId: string;
    at: string;
    auditSeq: number;
    action: AccessAction;
    objectId?: string | null;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('share_access_log')
    .values({
      id: newId(),
      share_id: e.shareId,
      at: e.at,
      audit_seq: e.auditSeq,
      action: e.action,
      object_id: e.objectId ?? null,
      ip: e.ip,
      user_agent: e.userAgent,
    })
    .execute();
}

/** The log of every link of a case, newest first (capped: the page shows the recent past). */
export async function listAccessLog(db: Queryable, caseId: string, limit = 500): Promise<AccessLogEntry[]> {
  const rows = await db
    .selectFrom('share_access_log as l')
    .innerJoin('shares as s', 's.id', 'l.share_id')
    .selectAll('l')
    .where('s.case_id', '=', caseId)
    .orderBy('l.audit_seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    shareId: r.share_id,
    at: r.at,
    action: r.action as AccessAction,
    objectId: r.object_id,
    ip: r.ip,
    userAgent: r.user_agent,
  }));
}

// ---------- the doctor's opinion ----------

/**
 * The opinion a link's doctor wrote, if any. Reads only the id by the share_id column the
 * opinions table keeps for this feature; the opinion itself is read through the opinions
 * provider.
 */
export async function opinionIdForShare(db: Queryable, shareId: string): Promise<string | null> {
  const row = await db
    .selectFrom('opinions')
    .select('id')
    .where('share_id', '=', shareId)
    .orderBy('created_at')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Opinions that doctors wrote through this case's links and that still wait for the person. */
export async function pendingSharedOpinions(
  db: Queryable,
  caseId: string,
): Promise<{ id: string; shareId: string; doctorName: string }[]> {
  const rows = await db
    .selectFrom('opinions')
    .select(['id', 'share_id', 'doctor_name'])
    .where('case_id', '=', caseId)
    .where('status', '=', 'pending')
    .where('share_id', 'is not', null)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({ id: r.id, shareId: r.share_id!, doctorName: r.doctor_name }));
}

/** Step 7: not started with no link; in progress once a link exists; done once a doctor's opinion came back through one. */
export async function sharingStepStatus(
  db: Queryable,
  caseId: string,
): Promise<'not_started' | 'in_progress' | 'done'> {
  const any = await db.selectFrom('shares').select('id').where('case_id', '=', caseId).limit(1).executeTakeFirst();
  if (!any) return 'not_started';
  const back = await db
    .selectFrom('opinions')
    .select('id')
    .where('case_id', '=', caseId)
    .where('share_id', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return back ? 'done' : 'in_progress';
}
