import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { printable, wrapLines } from '../../src/platform/pdf/text.ts';

const fonts = async () => {
  const pdf = await PDFDocument.create();
  return { pdf, helvetica: await pdf.embedFont(StandardFonts.Helvetica) };
};

test('printable keeps what the font draws, plains what it can, and never throws', async () => {
  const { pdf, helvetica } = await fonts();
  assert.equal(printable(helvetica, 'José Müller'), 'José Müller');
  // Curly quotes and dashes are in the font: kept. A minus sign and a thin space are not.
  assert.equal(
    printable(helvetica, 'Dr. O\u2019Brien \u2014 \u201cstage 2\u201d\u2026'),
    'Dr. O\u2019Brien \u2014 \u201cstage 2\u201d\u2026',
  );
  assert.equal(printable(helvetica, 'PSA \u2212 0.2\u2009ng'), 'PSA - 0.2 ng');
  // Latin letters outside WinAnsi lose their marks; other scripts become "?".
  assert.equal(printable(helvetica, 'Łódź Őrs'), '?ódz Ors');
  assert.equal(printable(helvetica, '王'), '?');
  assert.equal(printable(helvetica, 'line one\nline two\ttab'), 'line one\nline two tab');
  // Whatever comes out can be drawn.
  const page = pdf.addPage();
  page.drawText(printable(helvetica, 'Łódź 王 Őrs \u2603'), { x: 10, y: 10, size: 10, font: helvetica });
});

test('wrapLines fits the width, keeps blank lines, and cuts words longer than a line', async () => {
  const { helvetica } = await fonts();
  const width = helvetica.widthOfTextAtSize('the quick brown', 12);
  const lines = wrapLines(helvetica, 'the quick brown fox jumps over the lazy dog', 12, width);
  assert.deepEqual(lines, ['the quick brown', 'fox jumps over', 'the lazy dog']);
  assert.deepEqual(wrapLines(helvetica, 'one\n\ntwo', 12, width), ['one', '', 'two']);
  assert.deepEqual(wrapLines(helvetica, '', 12, width), ['']);
  const long = 'https://example.org/a/very/long/address/that/does/not/fit';
  const cut = wrapLines(helvetica, long, 12, width);
  assert.ok(cut.length > 1);
  assert.equal(cut.join(''), long);
  for (const l of cut) assert.ok(helvetica.widthOfTextAtSize(l, 12) <= width, l);
});
