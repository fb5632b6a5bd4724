import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildIcd10Index, type Icd10Index, normalizeCode } from '../../src/features/codes/icd10.ts';
import {
  loadIcd10,
  parseCsvLine,
  parseOrderFile,
  readIcd10Files,
  readShipped,
  restoreLastCharacter,
} from '../../src/features/codes/icd10-data.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

let index: Icd10Index;
before(async () => {
  index = await loadIcd10();
});

describe('codes in any usual form', () => {
  const cases: [string, string | null][] = [
    ['C50.912', 'C50.912'],
    ['c50912', 'C50.912'],
    [' C50.9 ', 'C50.9'],
    ['c509', 'C50.9'],
    ['I10', 'I10'],
    ['s72.001a', 'S72.001A'],
    ['M48.40XA', 'M48.40XA'],
    ['C5', null],
    ['50.9', null],
    ['breast', null],
    ['C50.91234', null],
    ['qa0', 'QA0'],
    ['afib', null],
    ['', null],
  ];
  for (const [input, want] of cases)
    test(`${JSON.stringify(input)} -> ${want}`, () => assert.equal(normalizeCode(input), want));
});

describe('the shipped files', () => {
  test('FY2024 (order file) loads whole, with the cut-off 7th character restored and no code twice', async () => {
    const shipped = await readShipped();
    const fy2024 = shipped.releases.find((r) => r.year === 2024)!;
    assert.equal(fy2024.format, 'order');
    assert.equal(fy2024.rows.length, 97296);
    assert.equal(shipped.dropped.length, 0);
    assert.equal(new Set(fy2024.rows.map((r) => r.code)).size, 97296);
    assert.equal(fy2024.rows.filter((r) => r.billable).length, 74044);
    assert.equal(shipped.categories.length, 1918);
    assert.equal(shipped.sections.length, 297);
    assert.equal(shipped.chapters.length, 22);
    assert.equal(
      shipped.chapters[3]!.description,
      'Endocrine, nutritional and metabolic diseases (E00-E89)',
      'quoted CSV fields',
    );
  });

  test('FY2027 (codes file) is the current year: its 74,879 billable codes, the headers above them, and the codes FY2024 had that it dropped', async () => {
    const shipped = await readShipped();
    const fy2027 = shipped.releases.find((r) => r.year === 2027)!;
    assert.equal(fy2027.format, 'codes');
    assert.equal(fy2027.rows.length, 74879);
    assert.ok(fy2027.rows.every((r) => r.billable));
    assert.deepEqual(fy2027.rows[0], {
      code: 'A00.0',
      billable: true,
      description: 'Cholera due to Vibrio cholerae 01, biovar cholerae',
    });
    const files = await readIcd10Files();
    assert.equal(files.year, 2027);
    assert.deepEqual(files.years, [2024, 2027]);
    const current = files.rows.filter((r) => !r.retired);
    assert.equal(current.filter((r) => r.billable).length, 74879, 'every FY2027 code, billable');
    assert.equal(current.length, 98189, 'with the 23,310 headers FY2024 names above FY2027 codes');
    assert.equal(files.retiredCount, 41);
    assert.equal(new Set(files.rows.map((r) => r.code)).size, files.rows.length, 'no code twice');
    // Headers come just before their first code (tabular order).
    const at = (code: string) => files.rows.findIndex((r) => r.code === code);
    assert.ok(at('C50') < at('C50.9') && at('C50.9') < at('C50.91') && at('C50.91') < at('C50.911'));
  });

  test('restoring the 7th character, rule by rule', () => {
    const rows = [
      { code: 'S72.001', billable: false, description: 'Fracture of unspecified part of neck of right femur' },
      {
        code: 'S72.001',
        billable: true,
        description: 'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
      },
      {
        code: 'S72.001',
        billable: true,
        description:
          'Fracture of unspecified part of neck of right femur, initial encounter for open fracture type IIIA, IIIB, or IIIC',
      },
      {
        code: 'S72.001',
        billable: true,
        description:
          'Fracture of unspecified part of neck of right femur, subsequent encounter for open fracture type I or II with nonunion',
      },
      { code: 'S72.001', billable: true, description: 'Fracture of unspecified part of neck of right femur, sequela' },
      { code: 'O30.00', billable: false, description: 'Twin pregnancy' },
      { code: 'O36.5930', billable: true, description: 'not cut, left alone' },
      {
        code: 'O36.593',
        billable: false,
        description: 'Maternal care for known or suspected poor fetal growth, third trimester',
      },
      {
        code: 'O36.593',
        billable: true,
        description: 'Maternal care for known or suspected poor fetal growth, third trimester, fetus 3',
      },
      {
        code: 'O36.593',
        billable: true,
        description: 'Maternal care for known or suspected poor fetal growth, third trimester, other fetus',
      },
      {
        code: 'M48.40X',
        billable: true,
        description: 'Fatigue fracture of vertebra, site unspecified, sequela of fracture',
      },
      { code: 'H40.111', billable: false, description: 'Primary open-angle glaucoma, right eye' },
      { code: 'H40.111', billable: true, description: 'Primary open-angle glaucoma, right eye, moderate stage' },
      { code: 'Q99.999', billable: true, description: 'Made-up code one' },
      { code: 'Q99.999', billable: true, description: 'Made-up code two' },
    ];
    const r = restoreLastCharacter(rows);
    assert.deepEqual(
      r.rows.map((x) => x.code),
      [
        'S72.001',
        'S72.001A',
        'S72.001C',
        'S72.001M',
        'S72.001S',
        'O30.00',
        'O36.5930',
        'O36.593',
        'O36.5933',
        'O36.5939',
        'M48.40XS',
        'H40.111',
        'H40.1112',
      ],
    );
    assert.deepEqual(
      r.dropped.map((x) => x.description),
      ['Made-up code one', 'Made-up code two'],
      'what cannot be worked out is dropped, not guessed',
    );
  });

  test('CSV lines with quotes and commas', () => {
    assert.deepEqual(parseCsvLine('4,"Endocrine, nutritional ""and"" metabolic",x'), [
      '4',
      'Endocrine, nutritional "and" metabolic',
      'x',
    ]);
    assert.deepEqual(
      parseOrderFile('order\tcode\tvalid\tshort\tlong\tvocab\n00001\tA00\t0\tCholera\tCholera\tICD10CM\n'),
      [{ code: 'A00', billable: false, description: 'Cholera' }],
    );
  });
});

describe('search quality over the whole code set', () => {
  // [query, code expected first, or a code expected in the first five]
  const first: [string, string][] = [
    ['C50.9', 'C50.9'],
    ['c509', 'C50.9'],
    ['C50.912', 'C50.912'],
    ['s72.001a', 'S72.001A'],
    ['i10', 'I10'],
    ['breast cancer left', 'C50.912'],
    ['heart failure', 'I50.9'],
    ['a-fib', 'I48.91'],
    ['afib', 'I48.91'],
    ['AF', 'I48.91'],
    ['CHF', 'I50.9'],
    ['MI', 'I21.9'],
    ['heart attack', 'I21.9'],
    ['high blood pressure', 'I10'],
    ['hypertension', 'I10'],
    ['colon cancer', 'C18.9'],
    ['prostate cancer', 'C61'],
    ['gerd', 'K21.9'],
    ['alzheimer', 'G30.9'],
    ["alzheimer's disease", 'G30.9'],
  ];
  for (const [q, code] of first) {
    test(`"${q}" finds ${code} first`, () => {
      const r = index.search(q, { limit: 5 });
      assert.equal(r.hits[0]?.code, code, JSON.stringify(r.hits.map((h) => h.code)));
    });
  }
  const top5: [string, string][] = [
    ['COPD', 'J44.9'],
    ['type 2 diabetes', 'E11.9'],
    ['diab mell type 2', 'E11.9'],
    ['lung cancer', 'C34.90'],
    ['stroke', 'I63.9'],
    ['hypert', 'I10'],
    ['kidney disease', 'N18.9'],
    ['pulmonary embolism', 'I26.99'],
    ['broken hip', 'S72.009A'],
    ['chronic kidney disease stage 3', 'N18.30'],
  ];
  for (const [q, code] of top5) {
    test(`"${q}" finds ${code} among the first five`, () => {
      const hits = index.search(q, { limit: 5 }).hits.map((h) => h.code);
      assert.ok(hits.includes(code), JSON.stringify(hits));
    });
  }

  test('every known word must match; a word no code uses is left out and named; nonsense alone finds nothing', () => {
    assert.equal(index.search('zebraword').total, 0);
    const r = index.search('breast zebraword', { limit: 5 });
    assert.deepEqual(r.ignored, ['zebraword']);
    assert.ok(
      r.hits.every((h) => /breast/i.test(h.description)),
      JSON.stringify(r.hits),
    );
    assert.equal(index.search('').total, 0);
    assert.equal(index.search('the of and').total, 0);
  });

  test('a typo one letter off is read as the word it is near', () => {
    assert.equal(index.search('pnemonia', { limit: 1 }).hits[0]?.code, 'J18.9');
    assert.equal(index.search('diabetis', { limit: 3 }).hits[0]?.code, 'E11.9');
  });

  test('no code has every word: codes with all but one, marked partial', () => {
    const r = index.search('emphysema kidney', { limit: 5 });
    assert.equal(r.partial, true);
    assert.ok(r.hits.length > 0);
    assert.equal(index.search('heart attack', { limit: 5 }).partial, undefined);
  });

  test('a stage or grade no code title has does not hide the condition', () => {
    const r = index.search('lung cancer stage 4', { limit: 5 });
    assert.equal(r.partial, true);
    assert.equal(r.hits[0]?.code, 'C34.90');
    assert.equal(index.search('stage 2 breast cancer', { limit: 5 }).hits[0]?.code, 'C50.919');
    assert.equal(
      index.search('kidney disease stage 3', { limit: 5 }).hits[0]?.code,
      'N18.30',
      'a stage the titles do have still counts',
    );
  });

  test('a code prefix lists the codes under it, in order', () => {
    const r = index.search('c50', { limit: 3 });
    assert.deepEqual(
      r.hits.map((h) => h.code),
      ['C50', 'C50.0', 'C50.01'],
    );
    assert.equal(r.total, index.search('C50', { limit: 50 }).total);
    assert.ok(r.total > 50);
  });

  test('limits are respected', () => {
    assert.equal(index.search('fracture', { limit: 50 }).hits.length, 50);
    assert.equal(index.search('fracture', { limit: 500 }).hits.length, 50);
    assert.equal(index.search('fracture', { limit: 0 }).hits.length, 1);
  });
});

describe('ranking rules on a tiny code set', () => {
  const tiny = buildIcd10Index([
    { code: 'X10', billable: false, description: 'Widget disease' },
    { code: 'X10.0', billable: true, description: 'Widget disease of the left knob, other' },
    { code: 'X10.9', billable: true, description: 'Widget disease, unspecified' },
    { code: 'X11', billable: true, description: 'Widgetry of knobs' },
  ]);
  test('billable before a heading; closer titles first', () => {
    assert.deepEqual(
      tiny.search('widget disease').hits.map((h) => h.code),
      ['X10.9', 'X10.0', 'X10'],
    );
  });
  test('partial words match', () => {
    assert.deepEqual(
      tiny.search('widg kno').hits.map((h) => h.code),
      ['X11', 'X10.0'],
    );
  });
  test('the exact code comes first, then the codes under it', () => {
    assert.deepEqual(
      tiny.search('x10').hits.map((h) => h.code),
      ['X10', 'X10.0', 'X10.9'],
    );
  });
});

describe('a word the plain code does not repeat (ADR 0124)', () => {
  const set = buildIcd10Index([
    {
      code: 'Y10.0',
      billable: true,
      description: 'Unilateral ocular gadgetosis with sprocket fragments following implant',
    },
    { code: 'Y10.9', billable: true, description: 'Gadgetosis, unspecified' },
    { code: 'Y20.0', billable: true, description: 'Gadget neoplasm of the sprocket with other cog fragments' },
    { code: 'Y21.9', billable: true, description: 'Gadget neoplasm, unspecified' },
    { code: 'Y30.0', billable: true, description: 'Severe gadgetism with sprocket fragments following implant' },
    { code: 'Y30.9', billable: true, description: 'Gadgetism, unspecified' },
    { code: 'Y40.1', billable: true, description: 'Cogitis of knob with sprocket fragments following implant' },
    { code: 'Y40.9', billable: true, description: 'Cogitis, site unspecified' },
  ]);
  const first = (q: string) => set.search(q, { limit: 5 }).hits.map((h) => h.code);
  test('the plain code comes before a rare combination when the extra word is about the condition itself', () => {
    assert.deepEqual(first('gadgetosis ocular'), ['Y10.9', 'Y10.0']);
  });
  test('a word the code’s own category never uses is not left out', () => {
    assert.deepEqual(first('sprocket gadget neoplasm'), ['Y20.0']);
  });
  test('words that pick a kind, a place the plain code leaves open, and a word being typed are kept', () => {
    assert.deepEqual(first('severe gadgetism'), ['Y30.0']);
    assert.deepEqual(first('cogitis knob'), ['Y40.1']);
    assert.deepEqual(first('gadgetosis ocu'), ['Y10.0'], 'no title has "ocu" whole: still being typed');
  });
  test('the comparison’s guess (not relaxed) never takes a code that lacks a word', () => {
    assert.deepEqual(
      set.search('gadgetosis ocular', { relaxed: false }).hits.map((h) => h.code),
      ['Y10.0'],
    );
  });
});

describe('lookup, place, suggest, guess', () => {
  test('lookup gives the code with its category, section and chapter', () => {
    const info = index.lookup('c50912')!;
    assert.equal(info.code, 'C50.912');
    assert.equal(info.billable, true);
    assert.equal(info.category, 'C50');
    assert.equal(info.section, 'C50');
    assert.equal(info.chapter, '2');
    assert.equal(info.chapterDescription, 'Neoplasms (C00-D49)');
    assert.equal(index.lookup('C50.99'), null);
    assert.equal(index.lookup('nonsense'), null);
  });
  test('place knows the category of codes newer than the full list', () => {
    assert.deepEqual(index.place('QA0.1'), { code: 'QA0.1', category: 'QA0', section: 'QA0', chapter: '17' });
    assert.equal(index.place('U99.9'), null);
  });
  test('suggest: the nearest known codes, or a word search', () => {
    assert.deepEqual(
      index.suggest('C50.99').map((h) => h.code),
      ['C50.9', 'C50.911', 'C50.912'],
    );
    assert.equal(index.suggest('C5O.912')[0]!.code, 'C50.912', 'letter O typed for zero');
    assert.equal(index.suggest('heart failure')[0]!.code, 'I50.9');
  });
  test('guess: the likely code for words, or null', () => {
    assert.equal(index.guess('breast cancer stage 2')?.category, 'C50');
    assert.equal(index.guess('invasive lobular breast cancer, left')?.category, 'C50');
    assert.equal(index.guess('zorblax'), null);
  });
});

forEachDialect('GET /api/v1/codes/icd10', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
  });
  after(() => t.close());

  test('signed in: results with their place in the classification', async () => {
    const res = await api(t.app, user.apiToken).get('/api/v1/codes/icd10?q=breast%20cancer%20left&limit=3');
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as {
      total: number;
      results: { code: string; billable: boolean; category: string; section: string; chapter: string }[];
    };
    assert.equal(body.results.length, 3);
    assert.deepEqual(body.results[0], {
      code: 'C50.912',
      description: 'Malignant neoplasm of unspecified site of left female breast',
      billable: true,
      category: 'C50',
      section: 'C50',
      chapter: '2',
    });
    assert.ok(body.total >= 3);
  });
  test('one code: its title and place; a code only an earlier year had, marked; a code no year has, 404; not a code, 400', async () => {
    const get = (url: string) => api(t.app, user.apiToken).get(url);
    const now = JSON.parse((await get('/api/v1/codes/icd10/i10')).body) as Record<string, unknown>;
    assert.equal(now.code, 'I10');
    assert.equal(now.title, 'Essential (primary) hypertension');
    assert.equal(now.retired, null);
    assert.equal(now.year, 2027);
    const old = JSON.parse((await get('/api/v1/codes/icd10/S30.1XXA')).body) as Record<string, unknown>;
    assert.deepEqual(old.retired, { lastYear: 2024, goneBy: 2027 });
    assert.equal(
      old.description,
      'Contusion of abdominal wall, initial encounter (no longer used: listed in FY2024, not in FY2027)',
    );
    const none = await get('/api/v1/codes/icd10/C99.9');
    assert.equal(none.statusCode, 404);
    assert.equal(JSON.parse(none.body).error.code, 'not_found');
    const bad = await get('/api/v1/codes/icd10/banana');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /This is not an ICD-10-CM code/);
  });

  test('an opinion may carry a code an earlier year had (shown as no longer used); a code no year has is refused and nothing is saved', async () => {
    const caseId = await buildCase(t.deps, user);
    const post = (body: unknown) => api(t.app, user.apiToken).post(`/api/v1/cases/${caseId}/opinions`, body);
    const ok = await post({
      doctorName: 'Dr. Old Report',
      givenOn: '2023-11-01',
      diagnoses: [{ text: 'Bruised belly', code: 'S30.1XXA' }],
    });
    assert.equal(ok.statusCode, 201, ok.body);
    const saved = JSON.parse(ok.body) as { diagnoses: { code: string; codeDescription: string }[] };
    assert.equal(saved.diagnoses[0]!.code, 'S30.1XXA');
    assert.match(saved.diagnoses[0]!.codeDescription, /\(no longer used: listed in FY2024, not in FY2027\)$/);
    const refused = await post({
      doctorName: 'Dr. Typo',
      givenOn: '2026-11-01',
      diagnoses: [{ text: 'Something', code: 'C99.9' }],
    });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /We do not know the code C99\.9/);
    const list = JSON.parse((await api(t.app, user.apiToken).get(`/api/v1/cases/${caseId}/opinions`)).body) as
      | unknown[]
      | { opinions: unknown[] };
    const opinions = Array.isArray(list) ? list : list.opinions;
    assert.equal(opinions.length, 1, 'the refused opinion changed nothing');
  });

  test('not signed in: 401; no words: a plain 400', async () => {
    assert.equal((await api(t.app).get('/api/v1/codes/icd10?q=heart')).statusCode, 401);
    const res = await api(t.app, user.apiToken).get('/api/v1/codes/icd10?q=%20');
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Type words or a code/);
    assert.equal((await api(t.app, user.apiToken).get(`/api/v1/codes/icd10?q=${'x'.repeat(201)}`)).statusCode, 400);
  });
  test('the OpenAPI document describes the search and the comparison', async () => {
    const doc = JSON.parse((await api(t.app).get('/api/openapi.json')).body) as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    assert.ok(doc.paths['/api/v1/codes/icd10']?.get);
    const cmp = doc.paths['/api/v1/cases/{caseId}/comparison']!;
    assert.match(cmp.get!.description!, /Meyer et al\. 2015/);
    assert.ok(cmp.put);
    assert.ok(doc.paths['/api/v1/cases/{caseId}/opinions']?.post);
    assert.ok(doc.paths['/api/v1/cases/{caseId}/opinions/{opinionId}']?.patch);
    assert.ok(doc.paths['/api/v1/cases/{caseId}/decision']?.put);
  });
});
