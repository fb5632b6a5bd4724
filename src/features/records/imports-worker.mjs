// The import's worker thread (imports-thread.ts keeps one ready, with its memory limit, and
// uses each for one file only). Plain JavaScript so it starts the same under
// `node --import tsx` and under the second-opinion command, which registers tsx only in the
// main thread: it registers tsx itself and loads the TypeScript readers before the file
// arrives. Input: one { kind, bytes } message. Output: progress messages, then one
// { type: 'done', read } message.
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../../../tsconfig.json', import.meta.url)) });

const [{ decodeText }, { readFhirText }, { CcdaError, ccdaToItems }] = await Promise.all([
  import('./documents-detect.ts'),
  import('./imports-stream.ts'),
  import('./imports-ccda.ts'),
]);

parentPort.once('message', ({ kind, bytes }) => {
  let text = decodeText(Buffer.from(bytes), true);
  let read;
  if (text === null) {
    read = { kind, ok: false, reason: 'text_encoding' };
  } else if (kind === 'fhir') {
    const progress = (done, total) => parentPort.postMessage({ type: 'progress', done, total });
    read = { kind, ...readFhirText(text, progress) };
  } else {
    try {
      read = { kind, ok: true, ccda: ccdaToItems(text) };
    } catch (e) {
      read = { kind, ok: false, reason: e instanceof CcdaError ? e.reason : 'xml_damaged' };
    }
  }
  text = null;
  parentPort.postMessage({ type: 'done', read });
});
