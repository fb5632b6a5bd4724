import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIcd10Index, type Icd10Row } from '../../src/features/codes/icd10.ts';
import { combineFiles, retiredNote, type Shipped } from '../../src/features/codes/icd10-data.ts';
import {
  combineReleases,
  detectFormat,
  diffYears,
  fullYear,
  parseCmsFile,
  type Release,
  yearFromFileName,
} from '../../src/features/codes/icd10-releases.ts';
import { titleProfile } from '../../src/features/codes/icd10-words.ts';
import { codesFile, orderFile } from '../builders/codes.ts';

// ICD-10-CM years: reading CMS files in both layouts, putting years together, retired
// codes, and what changed between two years. Small made-up files, in the exact layouts.

describe('reading a CMS file', () => {
  test('the order layout: order number, code, billable flag, short and long title', () => {
    const text = orderFile([
      ['X10', false, 'Widget disease'],
      ['X100', true, 'Widget disease of the left knob'],
      ['X109', true, 'Widget disease, unspecified'],
    ]);
    assert.equal(detectFormat(text), 'order');
    const parsed = parseCmsFile(text)!;
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows, [
      { code: 'X10', billable: false, description: 'Widget disease' },
      { code: 'X10.0', billable: true, description: 'Widget disease of the left knob' },
      { code: 'X10.9', billable: true, description: 'Widget disease, unspecified' },
    ]);
  });

  test('the codes layout: code and long title, billable codes only (CRLF line ends as CMS ships them)', () => {
    const text = codesFile([
      ['X100', 'Widget disease of the left knob'],
      ['X11AB', 'Widgetry of knobs, bilateral'],
    ]);
    assert.equal(detectFormat(text), 'codes');
    assert.deepEqual(parseCmsFile(text)!.rows, [
      { code: 'X10.0', billable: true, description: 'Widget disease of the left knob' },
      { code: 'X11.AB', billable: true, description: 'Widgetry of knobs, bilateral' },
    ]);
  });

  test('the shipped FY2027 first line reads as CMS wrote it', () => {
    assert.deepEqual(parseCmsFile('A000    Cholera due to Vibrio cholerae 01, biovar cholerae\r\n')!.rows, [
      { code: 'A00.0', billable: true, description: 'Cholera due to Vibrio cholerae 01, biovar cholerae' },
    ]);
  });

  test('anything else is not a CMS file', () => {
    assert.equal(parseCmsFile('order\tcode\tvalid\n'), null);
    assert.equal(parseCmsFile('NPI,Entity Type Code\n1234567890,1\n'), null);
    assert.equal(parseCmsFile(''), null);
  });

  test('every bad line is found, with its line number; nothing is guessed', () => {
    const text = [
      orderFile([['X10', false, 'Widget disease']]).trimEnd(),
      '00002 X100    1 Widget disease of the left knob                              ',
      '00003 X101    1 Short                                                        Widget, with a long title',
      '00003 X102    1 Short                                                        Order number not going up',
      'garbage line',
      '00005 X101    1 Short                                                        Listed twice',
    ].join('\r\n');
    const parsed = parseCmsFile(text)!;
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [2, 4, 5, 6],
    );
    assert.match(parsed.problems[0]!.reason, /no title/);
    assert.match(parsed.problems[1]!.reason, /order number/);
    assert.match(parsed.problems[3]!.reason, /listed twice/);
  });

  test('a billable code with codes under it is refused', () => {
    const parsed = parseCmsFile(
      codesFile([
        ['X10', 'Widget'],
        ['X100', 'Widget, left'],
      ]),
    )!;
    assert.match(parsed.problems[0]!.reason, /X10 is marked billable but X10.0 sits under it/);
  });

  test('the year from a CMS or CDC file name', () => {
    assert.equal(yearFromFileName('icd10cm_order_2028.txt'), 2028);
    assert.equal(yearFromFileName('/downloads/icd10cm_codes_2029.txt'), 2029);
    assert.equal(yearFromFileName('icd10cm-order-2026.txt'), 2026);
    assert.equal(
      yearFromFileName('icd10cm-order-April-1-2026.txt'),
      2026,
      'the April update belongs to the fiscal year it falls in',
    );
    assert.equal(yearFromFileName('2028-code-descriptions-tabular-order.zip'), 2028);
    assert.equal(yearFromFileName('codes.txt'), null);
  });
});

describe('years together', () => {
  const fy2024: Release = {
    year: 2024,
    format: 'order',
    rows: [
      { code: 'X10', billable: false, description: 'Widget disease' },
      { code: 'X10.0', billable: true, description: 'Widget disease of the left knob' },
      { code: 'X10.9', billable: true, description: 'Widget disease, unspecified' },
      { code: 'X11', billable: true, description: 'Widgetry of knobs' },
      { code: 'X12', billable: true, description: 'Gadget fever' },
    ],
  };
  const fy2027: Release = {
    year: 2027,
    format: 'codes',
    rows: [
      { code: 'X10.0', billable: true, description: 'Widget disease of the left knob' },
      { code: 'X10.9', billable: true, description: 'Widget disease, unspecified' },
      { code: 'X11.1', billable: true, description: 'Widgetry of knobs, right' },
      { code: 'X13.1', billable: true, description: 'Sprocket syndrome, mild' },
    ],
  };

  test('a codes-format year borrows the headers above its codes from the nearest year that lists them, and invents none', () => {
    assert.deepEqual(
      fullYear(fy2027, [fy2024, fy2027]).map((r) => `${r.code}${r.billable ? '' : ' (header)'}`),
      ['X10 (header)', 'X10.0', 'X10.9', 'X11 (header)', 'X11.1', 'X13.1'],
      'X11 was billable in FY2024 and is a header now; X13 is listed in no year, so it is left out',
    );
  });

  test('the newest year is current; codes only earlier years had are kept as retired, with what we know of when', () => {
    const c = combineReleases([fy2024, fy2027]);
    assert.equal(c.year, 2027);
    assert.deepEqual(c.years, [2024, 2027]);
    const retired = c.rows.filter((r) => r.retired);
    assert.deepEqual(
      retired.map((r) => [r.code, r.retired]),
      [['X12', { lastYear: 2024, goneBy: 2027 }]],
    );
    assert.equal(
      retiredNote(retired[0]!.retired!),
      '(no longer used: listed in FY2024, not in FY2027)',
      'FY2025 and FY2026 are unknown: no exact year',
    );
    const withFy2028 = combineReleases([
      fy2024,
      fy2027,
      { year: 2028, format: 'codes', rows: fy2027.rows.filter((r) => r.code !== 'X13.1') },
    ]);
    const x13 = withFy2028.rows.find((r) => r.code === 'X13.1')!;
    assert.deepEqual(x13.retired, { lastYear: 2027, goneBy: 2028 });
    assert.equal(retiredNote(x13.retired!), '(no longer used since FY2028)');
  });

  test('added, deleted and changed between two years (a new title or billable flag is a change)', () => {
    const before: Icd10Row[] = [
      { code: 'A1', billable: true, description: 'One' },
      { code: 'A2', billable: true, description: 'Two' },
      { code: 'A3', billable: true, description: 'Three' },
    ];
    const after: Icd10Row[] = [
      { code: 'A1', billable: true, description: 'One' },
      { code: 'A2', billable: true, description: 'Two, renamed' },
      { code: 'A3', billable: false, description: 'Three' },
      { code: 'A4', billable: true, description: 'Four' },
      { code: 'A0', billable: true, description: 'Retired', retired: { lastYear: 2020, goneBy: 2021 } },
    ];
    const d = diffYears(before, after);
    assert.deepEqual([d.added, d.deleted, d.changed], [1, 0, 2]);
    assert.deepEqual(diffYears(after, before).examples.deleted, ['A4']);
  });

  test('an index of the years: a retired code is found by lookup, marked, and never offered by search or suggest', () => {
    const shipped: Shipped = { releases: [fy2024, fy2027], dropped: [], categories: [], sections: [], chapters: [] };
    const f = combineFiles(shipped);
    const index = buildIcd10Index(f.rows, [], [], [], { year: f.year, years: f.years, describeRetired: retiredNote });
    assert.equal(index.year, 2027);
    assert.equal(index.size, 6);
    assert.equal(index.retiredCount, 1);
    const x12 = index.lookup('x12')!;
    assert.equal(x12.title, 'Gadget fever');
    assert.equal(x12.description, 'Gadget fever (no longer used: listed in FY2024, not in FY2027)');
    assert.deepEqual(x12.retired, { lastYear: 2024, goneBy: 2027 });
    assert.equal(index.lookup('X10.9')!.retired, null);
    assert.equal(index.search('gadget').total, 0);
    assert.equal(index.search('X12').total, 0);
    assert.ok(!index.suggest('X12.5').some((h) => h.code === 'X12'));
    assert.equal(index.place('X12')?.category, 'X12', 'a retired code still has its place, for comparing opinions');
    assert.equal(index.lookup('X99'), null, 'a code no year has');
  });
});

describe('reading a code title', () => {
  test('what a title adds costs; what it rules out or leaves unknown does not', () => {
    const cost = (t: string) => titleProfile(t).cost;
    assert.equal(cost('Heart failure, unspecified'), 20);
    assert.ok(titleProfile('Heart failure, unspecified').unspecified);
    // "without ..." costs a little (3), once; its words do not.
    assert.equal(cost('Type 2 diabetes mellitus without complications'), cost('Type 2 diabetes mellitus') + 3);
    // A list under "without" runs over commas; a new detail after a comma ends it.
    const dementia = titleProfile(
      'Unspecified dementia, unspecified severity, without behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety',
    );
    assert.ok(dementia.words.find((w) => w.word === 'anxiety')!.negated);
    const ra = titleProfile('Rheumatoid arthritis without rheumatoid factor, unspecified knee');
    assert.ok(ra.words.find((w) => w.word === 'factor')!.negated);
    assert.ok(!ra.words.find((w) => w.word === 'knee')!.negated);
    // "not specified as primary or secondary" is a detail not known: free, and the word is not asserted.
    const liver = titleProfile('Malignant neoplasm of liver, not specified as primary or secondary');
    assert.ok(liver.unspecified);
    assert.ok(liver.words.find((w) => w.word === 'secondary')!.negated);
    // Parentheses and brackets are optional words or other names.
    assert.equal(cost('Essential (primary) hypertension'), cost('Hypertension'));
    // A rarer setting costs more than a plain word: a history, a pregnancy.
    assert.ok(
      cost('Personal history of malignant neoplasm of breast') > cost('Malignant neoplasm of right female breast'),
    );
  });
});
