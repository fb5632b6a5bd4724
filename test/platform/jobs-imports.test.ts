import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { bundleResources, fhirPatients, fhirToItems } from '../../src/features/records/imports.ts';
import { readFhirText } from '../../src/features/records/imports-stream.ts';
import { readPortalFileInThread, stopImportThreads } from '../../src/features/records/imports-thread.ts';

// Imports off the event loop (issue 13 item 1): a FHIR bundle is read entry by entry with
// the same result as reading it whole, in a worker thread whose memory is bounded; a file
// that needs more is refused in plain words and the server goes on.

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/fhir');
const bundles = fs
  .readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, text: fs.readFileSync(path.join(FIXTURES, f), 'utf8') }));

/** The reading the app did before: the whole file at once. */
function wholeRead(text: string) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'json_malformed' };
  }
  const b = bundleResources(parsed);
  if (!b.ok) return { ok: false, reason: 'json_not_fhir' };
  const r = fhirToItems(b.resources);
  return { ok: true, items: r.items, skipped: r.skipped, patients: fhirPatients(b.resources) };
}

const comparable = (r: ReturnType<typeof readFhirText>) =>
  r.ok ? { ok: true, items: r.items, skipped: r.skipped, patients: r.patients } : { ok: false, reason: r.reason };

after(() => stopImportThreads());

test('entry by entry gives the same items, counts and patients as the whole-file reading', () => {
  assert.ok(bundles.length >= 4);
  for (const b of bundles) {
    const streamed = readFhirText(b.text);
    assert.deepEqual(comparable(streamed), wholeRead(b.text), b.name);
    assert.ok(streamed.ok && streamed.items.length > 0, `${b.name} has items`);
  }
});

test('a medication named by reference is found even when its Medication comes later in the bundle', () => {
  const bundle = {
    resourceType: 'Bundle',
    entry: [
      {
        resource: {
          resourceType: 'MedicationRequest',
          authoredOn: '2026-01-02',
          medicationReference: { reference: 'Medication/m1' },
        },
      },
      { resource: { resourceType: 'Condition', code: { text: 'Asthma' } } },
      { resource: { resourceType: 'Medication', id: 'm1', code: { text: 'Albuterol inhaler' } } },
    ],
  };
  const r = readFhirText(JSON.stringify(bundle));
  assert.ok(r.ok);
  assert.deepEqual(
    r.items.map((i) => i.display),
    ['Albuterol inhaler', 'Asthma'],
  );
  assert.deepEqual(comparable(r), wholeRead(JSON.stringify(bundle)));
});

test('damaged, odd and non-bundle JSON is judged exactly as before', () => {
  const small = bundles.find((b) => b.name.includes('mcode'))!.text;
  const cases = [
    '',
    '   ',
    '[]',
    '{}',
    'null',
    '{"resourceType":"Bundle"}',
    '{"resourceType":"Bundle","entry":{}}',
    '{"resourceType":"Bundle","entry":[]}',
    '{"resourceType":"Bundle","entry":[1,null,"x",[]]}',
    '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Condition",' +
      '"code":{"text":"A \\"quoted\\" \\\\ name"}}}]}',
    '{"resourceType":"Bundle","entry":[]} trailing',
    '{"resourceType":"Bundle","entry":[{"resource":{}},]}',
    '{"resourceType":"Bundle","entry":[tru]}',
    '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"Condition","code":{"text":"x"}}}],"entry":[]}',
    '{"resourceType":"Condition","code":{"text":"one resource"}}',
    '{"resourceType":"List","entry":[{"item":{"reference":"Condition/1"}}]}',
    '{"entry":[{"resource":{"resourceType":"Condition","code":{"text":"x"}}}],"resourceType":"Bundle"}',
    small.slice(0, small.length - 3),
    small.replace('"entry"', '"entry" '),
  ];
  for (const text of cases)
    assert.deepEqual(comparable(readFhirText(text)), wholeRead(text), JSON.stringify(text).slice(0, 80));
});

test('property: any cut or changed byte of a real bundle is judged as the whole-file reading judges it', () => {
  const text = bundles.find((b) => b.name.includes('mcode'))!.text;
  fc.assert(
    fc.property(fc.nat(text.length), fc.constantFrom('', '}', ']', '"', ',', '\\', ' ', '{', 'x'), (at, put) => {
      const changed = text.slice(0, at) + put + text.slice(at + 1);
      assert.deepEqual(comparable(readFhirText(changed)), wholeRead(changed));
    }),
    { seed: 1408, numRuns: 300 },
  );
});

/** A bundle of n copies of a fixture's entries, renamed so none is a duplicate. */
function bigBundle(minBytes: number): Buffer {
  const base = JSON.parse(bundles.find((b) => b.name.includes('355'))!.text) as { entry: unknown[] };
  const parts: string[] = [];
  let size = 0;
  for (let copy = 0; size < minBytes; copy++) {
    for (const e of base.entry) {
      const s = JSON.stringify(e).replace(/"display":"/g, `"display":"${copy} `);
      parts.push(s);
      size += s.length + 1;
    }
  }
  return Buffer.from(`{"resourceType":"Bundle","type":"collection","entry":[${parts.join(',')}]}`);
}

test('in a worker thread: the same result, progress reported, and the event loop stays free', async () => {
  const b = bundles.find((x) => x.name.includes('355'))!;
  const seen: number[] = [];
  const r = await readPortalFileInThread('fhir', Buffer.from(b.text), {
    memoryMb: 256,
    onProgress: (done) => seen.push(done),
  });
  assert.ok(r.ok && r.kind === 'fhir');
  assert.deepEqual({ ok: true, items: r.items, skipped: r.skipped, patients: r.patients }, wholeRead(b.text));
  assert.ok(seen.length >= 2 && seen.at(-1) === r.entries, 'progress up to the last entry');

  // While a 20 MB bundle is read, timers in this thread keep firing on time.
  const big = bigBundle(20 * 1024 * 1024);
  let worst = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  const read = await readPortalFileInThread('fhir', big, { memoryMb: 512 });
  const took = performance.now() - started;
  clearInterval(tick);
  assert.ok(read.ok && read.kind === 'fhir' && read.items.length > 5_000, 'read the big bundle');
  // Reading it whole here took seconds; in the thread only the copy and the answer's
  // arrival touch this thread. Generous bound: the machine is shared.
  assert.ok(
    worst < Math.max(400, took / 4),
    `longest pause of this thread ${worst.toFixed(0)} ms of ${took.toFixed(0)} ms`,
  );
});

test('a file that needs more memory than allowed is refused in plain words; the process goes on', async () => {
  const big = bigBundle(24 * 1024 * 1024);
  const r = await readPortalFileInThread('fhir', big, { memoryMb: 32 });
  assert.deepEqual(r, { kind: 'fhir', ok: false, reason: 'import_memory' });
  // And the next file is read normally.
  const b = bundles.find((x) => x.name.includes('85'))!;
  const ok = await readPortalFileInThread('fhir', Buffer.from(b.text), { memoryMb: 256 });
  assert.equal(ok.ok, true);
});

test('C-CDA in the thread: items, or the refusal reason as before', async () => {
  const dir = path.resolve(import.meta.dirname, '../fixtures/ccda');
  const file = fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.xml'))
    : undefined;
  if (file) {
    const r = await readPortalFileInThread('ccda', fs.readFileSync(path.join(dir, file)), { memoryMb: 256 });
    assert.ok(r.ok && r.kind === 'ccda', `read ${file}`);
  }
  const doctype = await readPortalFileInThread(
    'ccda',
    Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><ClinicalDocument/>'),
    {
      memoryMb: 256,
    },
  );
  assert.deepEqual(doctype, { kind: 'ccda', ok: false, reason: 'xml_doctype' });
  const latin = await readPortalFileInThread('fhir', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { memoryMb: 256 });
  assert.deepEqual(latin, { kind: 'fhir', ok: false, reason: 'text_encoding' });
});
