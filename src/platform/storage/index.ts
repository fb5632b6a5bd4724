import path from 'node:path';
import type { Deps } from '../deps.ts';
import { type BlobStore, createBlobStore } from './blob-store.ts';

export { type BlobHandle, type BlobStore, BlobIntegrityError, BlobWriteError, type PendingBlob } from './blob-store.ts';

const stores = new WeakMap<Deps, BlobStore>();

/**
 * The document store of this app instance: DATA_DIR/documents, keys wrapped by the
 * instance's document key. One per Deps, so every feature shares it.
 */
export function documentStore(deps: Deps): BlobStore {
  let s = stores.get(deps);
  if (!s) {
    s = createBlobStore({ root: path.join(deps.config.dataDir, 'documents'), wrapKey: deps.keys.documentWrapKey });
    stores.set(deps, s);
  }
  return s;
}
