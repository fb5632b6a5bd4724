import fsp from 'node:fs/promises';
import type { Deps } from '../../platform/deps.ts';
import { documentStore } from '../../platform/storage/index.ts';
import type { DocumentSource } from './documents.ts';
import { getBlobRow, getDocument, listDocuments } from './documents-store.ts';

// What other features may do with documents, given as functions of deps so
// features/index.ts can hand them to, say, the records packet. These do NOT check who is
// asking and do NOT audit: the caller has already decided access (a member of the case,
// a valid share link) and records its own audit entry in its own transaction.

/** The decrypted bytes of a document as a stream; each chunk is verified before it is released. */
export async function openDocumentStream(deps: Deps, documentId: string, range?: { start: number; end: number }) {
  const document = await getDocument(deps.db, documentId);
  if (!document) throw new Error(`no document ${documentId}`);
  const row = await getBlobRow(deps.db, document.blobId);
  if (!row) throw new Error(`document ${documentId} has no stored file`);
  const store = documentStore(deps);
  const handle = store.handleFor(row);
  // Fail before any header is sent if the file is missing, rather than mid-download.
  await fsp.access(handle.path);
  return { document, stream: store.createReadStream(handle, range) };
}

export function createDocumentSource(deps: Deps): DocumentSource {
  return {
    listDocuments: (caseId) => listDocuments(deps.db, caseId),
    getDocument: (documentId) => getDocument(deps.db, documentId),
    openDocumentStream: (documentId, range) => openDocumentStream(deps, documentId, range),
  };
}
