import { sql } from 'kysely';
import { CASE_KINDS, type CaseKind, checklistFor } from '../../content/records.ts';
import { newId } from '../../platform/auth/tokens.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { type ChecklistRow, ITEM_STATUSES, type ItemStatus, statusAfterLink, statusAfterRequest } from './checklist.ts';
import { inCase } from './documents-filter.ts';

export async function getChecklistKind(db: Queryable, caseId: string): Promise<CaseKind | null> {
  const r = await db
    .selectFrom('record_checklists')
    .select('case_kind')
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return r && (CASE_KINDS as readonly string[]).includes(r.case_kind) ? (r.case_kind as CaseKind) : null;
}

export async function setChecklistKind(db: Queryable, caseId: string, kind: CaseKind, now: string): Promise<void> {
  await db
    .insertInto('record_checklists')
    .values({ case_id: caseId, case_kind: kind, updated_at: now })
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ case_kind: kind, updated_at: now }))
    .execute();
}

/** Every change of an item's status raises its version by one (ADR 0016). */
const bump = sql<number>`version + 1`;

export async function getStatuses(db: Queryable, caseId: string): Promise<Map<string, ItemStatus>> {
  return new Map([...(await getItemStates(db, caseId))].map(([k, v]) => [k, v.status]));
}

/** Each set item's status and version. */
export async function getItemStates(
  db: Queryable,
  caseId: string,
): Promise<Map<string, { status: ItemStatus; version: number }>> {
  const rows = await db
    .selectFrom('record_checklist_items')
    .select(['item_key', 'status', 'version'])
    .where('case_id', '=', caseId)
    .execute();
  return new Map(
    rows
      .filter((r) => (ITEM_STATUSES as readonly string[]).includes(r.status))
      .map((r) => [r.item_key, { status: r.status as ItemStatus, version: Number(r.version ?? 1) }]),
  );
}

/** Sets a status whatever it was (a request sent, a document linked, the API without versions). */
export async function setStatus(
  db: Queryable,
  caseId: string,
  key: string,
  status: ItemStatus,
  userId: string,
  now: string,
): Promise<void> {
  await db
    .insertInto('record_checklist_items')
    .values({ id: newId(), case_id: caseId, item_key: key, status, updated_by: userId, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['case_id', 'item_key']).doUpdateSet({
        status,
        updated_by: userId,
        updated_at: now,
        // Named with its table: in an upsert, PostgreSQL also sees the proposed row ("excluded").
        version: sql<number>`record_checklist_items.version + 1`,
      }),
    )
    .execute();
}

/**
 * Sets a status made from `version` of the item (0: nobody had set it): false, and nothing
 * written, when someone changed it since (ADR 0016).
 */
export async function setStatusAt(
  db: Queryable,
  caseId: string,
  key: string,
  status: ItemStatus,
  userId: string,
  now: string,
  version: number,
): Promise<boolean> {
  if (version === 0) {
    const r = await db
      .insertInto('record_checklist_items')
      .values({ id: newId(), case_id: caseId, item_key: key, status, updated_by: userId, updated_at: now })
      .onConflict((oc) => oc.columns(['case_id', 'item_key']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('record_checklist_items')
    .set({ status, updated_by: userId, updated_at: now, version: bump })
    .where('case_id', '=', caseId)
    .where('item_key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Items named in a request that was sent become "requested" (unless already further along). */
export async function markItemsRequested(
  db: Queryable,
  caseId: string,
  keys: string[],
  userId: string,
  now: string,
): Promise<void> {
  const current = await getStatuses(db, caseId);
  for (const key of keys) {
    const before = current.get(key) ?? 'needed';
    const after = statusAfterRequest(before);
    if (after !== before || !current.has(key)) await setStatus(db, caseId, key, after, userId, now);
  }
}

export async function listLinks(
  db: Queryable,
  caseId: string,
): Promise<{ itemKey: string; documentId: string; title: string }[]> {
  const rows = await db
    .selectFrom('record_checklist_links as l')
    .innerJoin('documents as d', 'd.id', 'l.document_id')
    .select(['l.item_key', 'l.document_id', 'd.title'])
    .where('l.case_id', '=', caseId)
    .where((eb) => inCase(eb, 'd'))
    .orderBy('d.created_at')
    .execute();
  return rows.map((r) => ({ itemKey: r.item_key, documentId: r.document_id, title: r.title }));
}

/** Sets which checklist items a document counts for; linked items become "received". */
export async function setDocumentLinks(
  db: Queryable,
  caseId: string,
  documentId: string,
  keys: string[],
  userId: string,
  now: string,
): Promise<void> {
  await db
    .deleteFrom('record_checklist_links')
    .where('case_id', '=', caseId)
    .where('document_id', '=', documentId)
    .execute();
  const current = await getStatuses(db, caseId);
  for (const key of [...new Set(keys)]) {
    await db
      .insertInto('record_checklist_links')
      .values({ id: newId(), case_id: caseId, item_key: key, document_id: documentId, created_at: now })
      .execute();
    const before = current.get(key) ?? 'needed';
    const after = statusAfterLink(before);
    if (after !== before) await setStatus(db, caseId, key, after, userId, now);
  }
}

export async function loadChecklist(db: Queryable, caseId: string, kind: CaseKind): Promise<ChecklistRow[]> {
  const states = await getItemStates(db, caseId);
  const links = await listLinks(db, caseId);
  return checklistFor(kind).map((item) => ({
    item,
    status: states.get(item.key)?.status ?? 'needed',
    version: states.get(item.key)?.version ?? 0,
    documents: links.filter((l) => l.itemKey === item.key).map((l) => ({ id: l.documentId, title: l.title })),
  }));
}
