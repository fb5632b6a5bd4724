import { Worker } from 'node:worker_threads';

// PDF text and page count from a worker thread (pdf-text-worker.mjs). One worker, one PDF at
// a time; a PDF that takes longer than the time limit (a hostile or broken file) costs the
// worker, which is replaced, and the file is kept with its text marked unreadable.

export type PdfText = { ok: true; pages: number; text: string } | { ok: false };

let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 0;

function getWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./pdf-text-worker.mjs', import.meta.url));
    // Never keeps the process alive on its own.
    worker.unref();
    const w = worker;
    w.on('error', () => {
      if (worker === w) worker = null;
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
    });
  }
  return worker;
}

function runOne(data: Buffer, maxChars: number, timeoutMs: number): Promise<PdfText> {
  return new Promise((resolve) => {
    const w = getWorker();
    const id = ++nextId;
    const copy = new Uint8Array(data.length);
    copy.set(data);
    const done = (r: PdfText) => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('exit', onExit);
      resolve(r);
    };
    const onMessage = (m: { id: number } & PdfText) => {
      if (m.id === id) done(m.ok ? { ok: true, pages: m.pages, text: m.text } : { ok: false });
    };
    const onExit = () => done({ ok: false });
    const timer = setTimeout(() => {
      // Forget it at once, so the next PDF gets a fresh worker.
      if (worker === w) worker = null;
      void w.terminate();
      done({ ok: false });
    }, timeoutMs);
    w.on('message', onMessage);
    w.on('exit', onExit);
    w.postMessage({ id, data: copy.buffer, maxChars }, [copy.buffer]);
  });
}

export function readPdfText(data: Buffer, opts: { maxChars: number; timeoutMs: number }): Promise<PdfText> {
  const result = queue.then(() => runOne(data, opts.maxChars, opts.timeoutMs));
  queue = result.catch(() => {});
  return result;
}
