import path from 'node:path';
import type { Config } from '../config.ts';
import { type BlobStore, createBlobStore } from './blob-store.ts';
import { createS3BlobStore } from './s3-store.ts';

export {
  type BlobHandle,
  BlobIntegrityError,
  type BlobStore,
  BlobWriteError,
  type PendingBlob,
  type StoredBlob,
} from './blob-store.ts';

/**
 * The document store of an installation, chosen from the config (ADR 0019): encrypted
 * files under DATA_DIR/documents, or the same sealed files in an S3-compatible bucket
 * (STORAGE_URL=s3://...). Either way each document's key is wrapped by the instance's
 * document key. Made once, by createDeps (the composition root), and reached through
 * deps.blobs; the storage commands make their own through here too.
 */
export function createDocumentStore(config: Pick<Config, 'dataDir' | 'storage'>, documentWrapKey: Buffer): BlobStore {
  if (config.storage.kind === 's3') return createS3BlobStore({ settings: config.storage, wrapKey: documentWrapKey });
  return createBlobStore({ root: path.join(config.dataDir, 'documents'), wrapKey: documentWrapKey });
}
