import path from 'node:path';
import type { Config } from '../config.ts';
import { type BlobStore, createBlobStore } from './blob-store.ts';

export { type BlobHandle, type BlobStore, BlobIntegrityError, BlobWriteError, type PendingBlob, type StoredBlob } from './blob-store.ts';

/**
 * The document store of an installation: encrypted files under DATA_DIR/documents, each
 * document's key wrapped by the instance's document key. Made once, by createDeps (the
 * composition root), and reached through deps.blobs. This is where a second driver (S3,
 * issue 14) will be chosen from the config.
 */
export function createDocumentStore(config: Pick<Config, 'dataDir'>, documentWrapKey: Buffer): BlobStore {
  return createBlobStore({ root: path.join(config.dataDir, 'documents'), wrapKey: documentWrapKey });
}
