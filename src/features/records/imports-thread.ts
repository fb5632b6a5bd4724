import { Worker } from 'node:worker_threads';
import type { CcdaError, CcdaImport } from './imports-ccda.ts';
import type { FhirRead } from './imports-stream.ts';

// Reading a C-CDA or FHIR file (parse and map to items) in a worker thread of its own, so
// a 35 MB bundle never blocks the requests of everyone else, with the memory it may use
// bounded (IMPORT_MEMORY_MB, default 256 MB). A file that needs more is refused in plain
// words; the worker dies, the server does not. ADR 0023.

export const DEFAULT_IMPORT_MEMORY_MB = 256;

export type PortalRead =
  | ({ kind: 'fhir' } & FhirRead)
  | { kind: 'ccda'; ok: true; ccda: CcdaImport }
  | { kind: 'ccda'; ok: false; reason: CcdaError['reason'] }
  | { kind: 'fhir' | 'ccda'; ok: false; reason: 'text_encoding' | 'import_memory' };

export interface ThreadOptions {
  memoryMb: number;
  /** Entries read so far, of how many (FHIR bundles only). */
  onProgress?: (done: number, total: number) => void;
}

type FromWorker = { type: 'progress'; done: number; total: number } | { type: 'done'; read: PortalRead };

// Starting a thread and loading the readers takes most of a second; one is kept started
// and waiting (idle, it holds a few MB), and replaced after each file. A thread is never
// used twice: each file gets the whole memory limit and nothing left by the one before.
let spare: { worker: Worker; memoryMb: number; dead: boolean } | null = null;

function startThread(memoryMb: number): { worker: Worker; memoryMb: number; dead: boolean } {
  const worker = new Worker(new URL('./imports-worker.mjs', import.meta.url), {
    // The young generation is part of the bound too; V8 needs a few MB of it to work.
    resourceLimits: {
      maxOldGenerationSizeMb: memoryMb,
      maxYoungGenerationSizeMb: Math.min(32, Math.max(4, memoryMb / 8)),
    },
    stdout: false,
    stderr: false,
  });
  const t = { worker, memoryMb, dead: false };
  // While it waits, it must not keep the process alive, and its failure is nobody's business.
  worker.unref();
  const onGone = () => {
    t.dead = true;
    if (spare === t) spare = null;
  };
  worker.on('error', onGone);
  worker.on('exit', onGone);
  return t;
}

function takeThread(memoryMb: number): Worker {
  let t = spare;
  spare = null;
  if (t && (t.dead || t.memoryMb !== memoryMb)) {
    void t.worker.terminate();
    t = null;
  }
  t ??= startThread(memoryMb);
  // The next file's thread starts now, while this one works.
  spare = startThread(memoryMb);
  t.worker.ref();
  return t.worker;
}

export function readPortalFileInThread(kind: 'fhir' | 'ccda', data: Buffer, opts: ThreadOptions): Promise<PortalRead> {
  // A copy the thread owns (moved, not copied again): the caller's buffer may be pooled.
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return new Promise((resolve, reject) => {
    const worker = takeThread(opts.memoryMb);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'progress') opts.onProgress?.(m.done, m.total);
      else finish(() => resolve(m.read));
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(() => resolve({ kind, ok: false, reason: 'import_memory' }));
      else finish(() => reject(err));
    });
    worker.on('exit', (code) =>
      finish(() => reject(new Error(`The import thread stopped (exit code ${code}) before it answered`))),
    );
    worker.postMessage({ kind, bytes: copy.buffer }, [copy.buffer]);
  });
}

/** Stops the waiting thread (tests and shutdown; a waiting thread never keeps the process alive anyway). */
export async function stopImportThreads(): Promise<void> {
  const t = spare;
  spare = null;
  if (t) await t.worker.terminate();
}
