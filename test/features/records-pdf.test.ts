import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { readPdfText } from '../../src/features/records/pdf-text.ts';
import { makePdf } from '../helpers/records.ts';

describe('PDF text is read off the main thread, with a time limit', () => {
  test('text and page count of a normal PDF', async () => {
    const r = await readPdfText(await makePdf(['Estrogen receptor positive']), { maxChars: 1000, timeoutMs: 30_000 });
    assert.deepEqual(r, { ok: true, pages: 1, text: 'Estrogen receptor positive' });
  });

  test('a PDF that takes too long is given up; the next one is read by a fresh worker', async () => {
    // 300 pages of text take far longer than 1 ms to read, however fast the machine.
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    for (let i = 0; i < 300; i++)
      doc.addPage().drawText(`Page ${i} of a very long report`, { x: 50, y: 700, size: 12, font });
    const slow = await readPdfText(Buffer.from(await doc.save()), { maxChars: 1000, timeoutMs: 1 });
    assert.deepEqual(slow, { ok: false });
    const after = await readPdfText(await makePdf(['Second try works']), { maxChars: 1000, timeoutMs: 30_000 });
    assert.equal(after.ok && after.text, 'Second try works');
  });

  test('garbage is "not readable", and the text is cut to the limit', async () => {
    assert.deepEqual(await readPdfText(Buffer.from('%PDF-1.4 nothing here'), { maxChars: 1000, timeoutMs: 30_000 }), {
      ok: false,
    });
    const long = await readPdfText(await makePdf(['abcdefghij klmnopqrst']), { maxChars: 5, timeoutMs: 30_000 });
    assert.equal(long.ok && long.text, 'abcde');
  });
});
