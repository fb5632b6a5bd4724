import type { Queryable } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { DocumentSource } from './documents.ts';
import { getBlobRow, getDocument, listDocuments } from './documents-store.ts';

// What other features may do with documents, given as functions of deps so
// features/index.ts can hand them to, say, the records packet. These do NOT check who is
// asking and do NOT audit: the caller has already decided access (a member of the case,
// a valid share link) and records its own audit entry in its own transaction, which it
// passes as db (on SQLite a query on another connection inside it would wait on itself).

/** The decrypted bytes of a document as a stream; each chunk is verified before it is released. */
export async function openDocumentStream(
  deps: Deps,
  db: Queryable,
  documentId: string,
  range?: { start: number; end: number },
) {
  const document = await getDocument(db, documentId);
  if (!document) throw new Error(`no document ${documentId}`);
  return { document, stream: await openBlobStream(deps, db, document.id, document.blobId, range) };
}

/** The stream for a document already read (its id only names it in errors). */
export async function openBlobStream(
  deps: Deps,
  db: Queryable,
  documentId: string,
  blobId: string,
  range?: { start: number; end: number },
) {
  const row = await getBlobRow(db, blobId);
  if (!row) throw new Error(`document ${documentId} has no stored file`);
  // Fail before any header is sent if the file is missing, rather than mid-download.
  if (!(await deps.blobs.exists(row.storage_key)))
    throw new Error(`the stored file of document ${documentId} is missing`);
  return deps.blobs.createReadStream(deps.blobs.handleFor(row), range);
}

export function createDocumentSource(deps: Deps): DocumentSource {
  return {
    listDocuments: (db, caseId) => listDocuments(db, caseId),
    getDocument: (db, documentId) => getDocument(db, documentId),
    openDocumentStream: (db, documentId, range) => openDocumentStream(deps, db, documentId, range),
  };
}
