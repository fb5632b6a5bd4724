import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  cleanFileName,
  contentDisposition,
  downloadName,
  titleFromFileName,
} from '../../src/features/records/documents.ts';
import { isUnsafeZipPath } from '../../src/features/records/documents-analyse.ts';
import { decodeText, detectType, xmlRootName } from '../../src/features/records/documents-detect.ts';
import { fixture } from '../helpers/records.ts';

// What a file is, from its bytes: each allowed kind, and the look-alikes that are refused.

const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const jpeg = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const tiff = (() => {
  const b = Buffer.alloc(64);
  b.write('II', 0, 'latin1');
  b.writeUInt16LE(42, 2);
  b.writeUInt32LE(8, 4);
  b.writeUInt16LE(1, 8);
  b.writeUInt16LE(256, 10);
  b.writeUInt16LE(3, 12);
  b.writeUInt32LE(1, 14);
  b.writeUInt16LE(1, 18);
  return b;
})();

describe('type from content', () => {
  const cases: [string, () => Buffer, string | null, string | null][] = [
    ['PDF', () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), 'pdf', null],
    ['PNG', () => png, 'png', null],
    ['JPEG', () => jpeg, 'jpeg', null],
    ['TIFF', () => tiff, 'tiff', null],
    ['DICOM (also a TIFF inside: DICOM wins)', () => fixture('dicom/CT_small.dcm'), 'dicom', null],
    ['DICOM MR', () => fixture('dicom/MR_small.dcm'), 'dicom', null],
    ['ZIP', () => Buffer.from('504b0304140000000000000000000000000000000000000000000000000000', 'hex'), 'zip', null],
    ['C-CDA', () => fixture('ccda/Documents/CCD/CCD 2/CCD.xml'), 'ccda', null],
    ['FHIR bundle', () => fixture('fhir/mcode/TrialMatching_Patient01.json'), 'fhir', null],
    ['plain text with a BOM', () => Buffer.from('\ufeffBlood pressure log: 150/95'), 'text', null],
    ['Windows program', () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 1)]), null, 'not_allowed'],
    ['GIF', () => Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), null, 'not_allowed'],
    ['UTF-16 text', () => Buffer.from('\ufeffhello', 'utf16le'), null, 'text_encoding'],
    ['binary noise', () => Buffer.from([0, 1, 2, 3, 250, 251, 252, 0, 0, 7]), null, 'not_allowed'],
    ['empty', () => Buffer.alloc(0), null, 'empty'],
    [
      'XML with a DOCTYPE',
      () => Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
      null,
      'xml_doctype',
    ],
    ['other XML', () => Buffer.from('<?xml version="1.0"?><rss/>'), null, 'xml_not_ccda'],
    ['JSON that is not FHIR', () => Buffer.from('{"a": 1}'), null, 'json_not_fhir'],
    ['a saved web page', () => Buffer.from('<!doctype html><html><body>Results</body></html>'), null, 'html'],
    [
      'XHTML',
      () => Buffer.from('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'),
      null,
      'html',
    ],
    ['a piece of a web page', () => Buffer.from('<table><tr><td>Potassium</td></tr></table>'), null, 'html'],
    ['XML without a declaration', () => Buffer.from('<rss version="2.0"><channel/></rss>'), null, 'xml_not_ccda'],
    ['plain text starting with "<"', () => Buffer.from('<3 Thank you for the visit'), 'text', null],
    ['notes under a heading in angle brackets', () => Buffer.from('<Lab notes> potassium 4.1'), 'text', null],
  ];
  for (const [name, bytes, type, reason] of cases) {
    test(name, async () => {
      const d = await detectType(bytes(), true);
      if (type) assert.deepEqual(d.ok && d.type, type);
      else if (reason) assert.deepEqual(!d.ok && d.reason, reason);
      else assert.equal(d.ok, false, 'refused');
    });
  }

  test('a long XML prolog leaves the decision to the whole file', async () => {
    const head = Buffer.from(`<?xml version="1.0"?><!--${'x'.repeat(70_000)}`);
    const d = await detectType(head.subarray(0, 65_536), false);
    assert.ok(d.ok && d.type === 'ccda');
    assert.equal(xmlRootName('<?xml version="1.0"?><!-- a --><rss>'), 'rss');
    assert.equal(xmlRootName('<?xml version="1.0"?><!-- unfinished'), null);
  });

  test('a multi-byte character cut at the end of the first bytes is forgiven', () => {
    const s = Buffer.from('café');
    assert.equal(decodeText(s.subarray(0, s.length - 1), false), 'caf');
    assert.equal(decodeText(s.subarray(0, s.length - 1), true), null);
  });
});

describe('names', () => {
  const unsafe = ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'C:\\x', '..\\..\\x', 'a\0b'];
  const safe = ['DICOMDIR', 'disc/77654033/CR1/6154', 'a..b/c', 'notes..txt'];
  for (const n of unsafe) test(`unsafe ZIP path ${JSON.stringify(n)}`, () => assert.equal(isUnsafeZipPath(n), true));
  for (const n of safe) test(`safe ZIP path ${JSON.stringify(n)}`, () => assert.equal(isUnsafeZipPath(n), false));

  test('file names are cleaned, titled, given the right extension and a safe header', () => {
    assert.equal(cleanFileName('C:\\Users\\rosa\\Biopsy "final".pdf'), 'Biopsy final.pdf');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName(''), 'document');
    assert.equal(titleFromFileName('biopsy_report-2026.pdf'), 'biopsy report 2026');
    assert.equal(downloadName({ originalName: 'IMG0001', detectedType: 'dicom' }), 'IMG0001.dcm');
    assert.equal(downloadName({ originalName: 'scan.JPEG', detectedType: 'jpeg' }), 'scan.JPEG');
    assert.equal(
      contentDisposition('Résumé "x".pdf'),
      `attachment; filename="R_sum_ _x_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22x%22.pdf`,
    );
  });
});
