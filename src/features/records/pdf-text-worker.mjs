// Reads a PDF's page count and text off the main thread, so a large or hostile PDF never
// stalls the server. Plain JavaScript on purpose: worker threads do not inherit the tsx
// loader the app runs under. Messages: { id, data: ArrayBuffer, maxChars } ->
// { id, ok: true, pages, text } | { id, ok: false }.
import { parentPort } from 'node:worker_threads';
import { extractText, getDocumentProxy } from 'unpdf';

parentPort.on('message', async ({ id, data, maxChars }) => {
  let pdf;
  try {
    pdf = await getDocumentProxy(new Uint8Array(data), { verbosity: 0 });
    const pages = pdf.numPages;
    const { text } = await extractText(pdf, { mergePages: true });
    const clean = String(text).replace(/\s+/g, ' ').trim();
    parentPort.postMessage({ id, ok: true, pages, text: clean.length > maxChars ? clean.slice(0, maxChars) : clean });
  } catch {
    parentPort.postMessage({ id, ok: false });
  } finally {
    if (pdf) await pdf.destroy().catch(() => {});
  }
});
