import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';
import yazl from 'yazl';
import { runIcd10Import } from '../../src/cli.ts';
import { listReleases } from '../../src/features/codes/codes-store.ts';
import { createIcd10Source, readShipped, type Shipped } from '../../src/features/codes/icd10-data.ts';
import type { Release } from '../../src/features/codes/icd10-releases.ts';
import { codesFile, orderFile, writeTempFile } from '../builders/codes.ts';
import { type BuiltUser, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// `second-opinion import icd10cm FILE` on both databases: small made-up years in both CMS
// layouts against a small made-up "shipped" pair of years, then the real shipped years
// with a made-up FY2028 to show the running app moves to the newest year.

const FY2024: Release = {
  year: 2024,
  format: 'order',
  rows: [
    { code: 'X10', billable: false, description: 'Widget disease' },
    { code: 'X10.0', billable: true, description: 'Widget disease of the left knob' },
    { code: 'X10.9', billable: true, description: 'Widget disease, unspecified' },
    { code: 'X11', billable: false, description: 'Widgetry of knobs' },
    { code: 'X11.1', billable: true, description: 'Widgetry of knobs, right' },
  ],
};
const FY2027: Release = {
  year: 2027,
  format: 'codes',
  rows: [
    { code: 'X10.0', billable: true, description: 'Widget disease of the left knob' },
    { code: 'X10.9', billable: true, description: 'Widget disease, unspecified' },
    { code: 'X11.1', billable: true, description: 'Widgetry of knobs, right' },
  ],
};
const tinyShipped = async () => [FY2024, FY2027];
const shippedFiles = async (): Promise<Shipped> => ({
  releases: [FY2024, FY2027],
  dropped: [],
  categories: [],
  sections: [],
  chapters: [],
});

/** FY2028: one code renamed, one deleted, one added. */
const FY2028_CODES = codesFile([
  ['X100', 'Widget disease of the left knob'],
  ['X109', 'Widget disease, not otherwise named'],
  ['X112', 'Widgetry of knobs, left'],
]);

forEachDialect('import icd10cm', (dialect) => {
  let t: TestApp;
  const out: string[] = [];
  const err: string[] = [];
  const run = async (file: string, opts: { year?: number; allowLargeChange?: boolean } = {}) => {
    out.length = 0;
    err.length = 0;
    return runIcd10Import(
      t.deps.db,
      file,
      { ...opts, shipped: tinyShipped, now: () => t.clock.now().toISOString() },
      (s) => out.push(s),
      (s) => err.push(s),
    );
  };
  before(async () => {
    t = await buildTestApp(dialect);
  });
  after(() => t.close());

  test('a codes file: loaded, with counts against the year before; the app moves to it after its next look', async () => {
    const source = createIcd10Source({ shipped: shippedFiles });
    source.attach(t.deps.db, t.clock);
    assert.equal((await source.get()).year, 2027, 'nothing imported yet: the shipped years');

    assert.equal(await run(writeTempFile('icd10cm_codes_2028.txt', FY2028_CODES)), 0, err.join('\n'));
    assert.match(out.join('\n'), /Loaded ICD-10-CM FY2028 \(codes file: 3 codes, 3 billable\)/);
    assert.match(out.join('\n'), /Compared with FY2027: 1 added, 1 deleted, 1 changed/);
    assert.match(out.join('\n'), /The app now uses FY2028/);
    const stored = await listReleases(t.deps.db);
    assert.deepEqual(
      stored.map((r) => [r.year, r.format, r.codeCount, r.added, r.deleted, r.changed, r.comparedWith]),
      [[2028, 'codes', 3, 1, 1, 1, 2027]],
    );

    assert.equal((await source.get()).year, 2027, 'within a minute of its last look, a process keeps its index');
    t.clock.advance(61_000);
    const index = await source.get();
    assert.equal(index.year, 2028);
    assert.deepEqual(index.years, [2024, 2027, 2028]);
    assert.equal(index.lookup('X11.2')?.title, 'Widgetry of knobs, left');
    assert.equal(index.lookup('X10.9')?.title, 'Widget disease, not otherwise named');
    const gone = index.lookup('X11.1')!;
    assert.deepEqual(gone.retired, { lastYear: 2027, goneBy: 2028 });
    assert.equal(gone.description, 'Widgetry of knobs, right (no longer used since FY2028)');
    assert.equal(
      index
        .search('widgetry')
        .hits.map((h) => h.code)
        .includes('X11.1'),
      false,
      'not offered for a new entry',
    );
    assert.equal(index.lookup('X11')?.billable, false, 'the header, borrowed from FY2024');
  });

  test('the same file again changes nothing', async () => {
    const before = await listReleases(t.deps.db);
    t.clock.advance(1000);
    assert.equal(await run(writeTempFile('icd10cm_codes_2028.txt', FY2028_CODES)), 0);
    assert.match(out.join('\n'), /already loaded from this same file\. Nothing changed\./);
    assert.deepEqual(await listReleases(t.deps.db), before);
  });

  test('an order file for the same year replaces it (the April update), gzipped or in the CMS zip', async () => {
    const order = orderFile([
      ['X10', false, 'Widget disease'],
      ['X100', true, 'Widget disease of the left knob'],
      ['X109', true, 'Widget disease, not otherwise named'],
      ['X11', false, 'Widgetry of knobs'],
      ['X112', true, 'Widgetry of knobs, left'],
      ['X113', true, 'Widgetry of knobs, bilateral'],
    ]);
    assert.equal(await run(writeTempFile('icd10cm_order_2028.txt.gz', zlib.gzipSync(order))), 0, err.join('\n'));
    assert.match(
      out.join('\n'),
      /Loaded ICD-10-CM FY2028 \(order file: 6 codes, 4 billable\), replacing the FY2028 file loaded/,
    );
    assert.match(out.join('\n'), /Compared with FY2027: 2 added, 1 deleted, 1 changed/);
    const [r] = await listReleases(t.deps.db);
    assert.equal(r!.format, 'order');
    assert.equal(r!.codeCount, 6);

    // CMS ships both files in one zip: the order file is read.
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(codesFile([['X100', 'Codes-file title']])), 'Code Descriptions/icd10cm_codes_2029.txt');
    const order2029 = orderFile([
      ['X10', false, 'Widget disease'],
      ['X100', true, 'Widget disease of the left knob'],
      ['X109', true, 'Widget disease, not otherwise named'],
      ['X11', false, 'Widgetry of knobs'],
      ['X112', true, 'Widgetry of knobs, left'],
      ['X113', true, 'Widgetry of knobs, both sides'],
    ]);
    zip.addBuffer(Buffer.from(order2029), 'Code Descriptions/icd10cm_order_2029.txt');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const c of zip.outputStream) chunks.push(c as Buffer);
    assert.equal(
      await run(writeTempFile('2029-code-descriptions-tabular-order.zip', Buffer.concat(chunks))),
      0,
      err.join('\n'),
    );
    assert.match(out.join('\n'), /FY2029 \(order file: 6 codes/);
    assert.match(out.join('\n'), /Compared with FY2028: 0 added, 0 deleted, 1 changed/);
  });

  test('an earlier year is kept as history and makes "no longer used since" exact; the newest stays in use', async () => {
    const fy2026 = codesFile([
      ['X100', 'Widget disease of the left knob'],
      ['X109', 'Widget disease, unspecified'],
      ['X111', 'Widgetry of knobs, right'],
    ]);
    assert.equal(await run(writeTempFile('icd10cm-codes-2026.txt', fy2026)), 0, err.join('\n'));
    assert.match(out.join('\n'), /Compared with FY2024/);
    assert.match(out.join('\n'), /FY2029 stays the year in use/);
  });

  test('bad input: a broken line, no year, a file of another kind, a year that cannot be; nothing changes', async () => {
    const before = await listReleases(t.deps.db);
    const broken = `${FY2028_CODES}garbage that is not a code\r\nX10    \r\n`;
    assert.equal(await run(writeTempFile('icd10cm_codes_2030.txt', broken)), 1);
    assert.match(err.join('\n'), /2 lines that cannot be read, so nothing was loaded/);
    assert.match(err.join('\n'), /Line 4: it is not a code followed by its title/);
    assert.match(err.join('\n'), /Line 5: .*X10 has no title|Line 5/);

    assert.equal(await run(writeTempFile('codes.txt', FY2028_CODES)), 1);
    assert.match(err.join('\n'), /does not say which year it is for\. Add --year/);

    assert.equal(await run(writeTempFile('npidata.csv', 'NPI,Entity Type Code\n1234567890,1\n')), 1);
    assert.match(err.join('\n'), /not a CMS ICD-10-CM order file or codes file/);

    assert.equal(await run(writeTempFile('codes.txt', FY2028_CODES), { year: 1999 }), 1);
    assert.match(err.join('\n'), /1999 is not an ICD-10-CM fiscal year/);

    assert.deepEqual(await listReleases(t.deps.db), before);
  });

  test('a file that would remove more than a tenth of the codes (a download cut short) is stopped unless asked', async () => {
    const many = (n: number) =>
      Array.from(
        { length: n },
        (_, i) =>
          [`Y${String(10 + Math.floor(i / 10)).padStart(2, '0')}${i % 10}`, `Made-up code ${i}`] as [string, string],
      );
    assert.equal(await run(writeTempFile('icd10cm_codes_2031.txt', codesFile(many(200)))), 0, err.join('\n'));
    const before = await listReleases(t.deps.db);
    assert.equal(await run(writeTempFile('icd10cm_codes_2032.txt', codesFile(many(100)))), 1);
    assert.match(err.join('\n'), /would remove 100 of the 200 codes of FY2031/);
    assert.deepEqual(await listReleases(t.deps.db), before);
    assert.equal(
      await run(writeTempFile('icd10cm_codes_2032.txt', codesFile(many(100))), { allowLargeChange: true }),
      0,
    );
  });
});

describe('the command line', () => {
  test('import icd10cm without a file, or with a bad --year, says how to use it', async () => {
    const { main } = await import('../../src/cli.ts');
    const errs: string[] = [];
    assert.equal(
      await main(
        ['import', 'icd10cm'],
        () => {},
        (s) => errs.push(s),
      ),
      2,
    );
    assert.match(errs.join('\n'), /import icd10cm FILE \[--year YYYY\]/);
    const file = writeTempFile('codes.txt', FY2028_CODES);
    assert.equal(
      await main(
        ['import', 'icd10cm', file, '--year', 'next'],
        () => {},
        (s) => errs.push(s),
      ),
      2,
    );
    assert.match(errs.join('\n'), /--year must be a year such as 2028/);
    fs.rmSync(file);
  });
});

forEachDialect('the running app and a newer year (real FY2027 + a made-up FY2028)', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
  });
  after(() => t.close());

  test('search, lookup and the page move to FY2028 within a minute; a code FY2028 dropped is shown as no longer used', async () => {
    const get = async (url: string) => {
      const res = await api(t.app, user.apiToken).get(url);
      return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, any> };
    };
    assert.equal((await get('/api/v1/codes/icd10?q=heart%20attack')).body.year, 2027);

    const fy2027 = (await readShipped()).releases.find((r) => r.year === 2027)!;
    const lines = fy2027.rows
      .filter((r) => r.code !== 'A00.1')
      .map(
        (r) =>
          [
            r.code.replace('.', ''),
            r.code === 'A00.0' ? 'Cholera due to Vibrio cholerae 01, biovar cholerae (renamed)' : r.description,
          ] as [string, string],
      );
    lines.push(['U09A1', 'Zorblaxitis, a made-up condition for this test']);
    const out: string[] = [];
    const err: string[] = [];
    assert.equal(
      await runIcd10Import(
        t.deps.db,
        writeTempFile('icd10cm_codes_2028.txt', codesFile(lines)),
        {},
        (s) => out.push(s),
        (s) => err.push(s),
      ),
      0,
      err.join('\n'),
    );
    assert.match(out.join('\n'), /Compared with FY2027: 1 added, 1 deleted, 1 changed/);

    t.clock.advance(61_000);
    const found = await get('/api/v1/codes/icd10?q=zorblaxitis');
    assert.equal(found.body.year, 2028);
    assert.equal(found.body.results[0].code, 'U09.A1');
    assert.equal(found.body.results[0].chapter, '22', 'a new code still has its chapter');

    const gone = await get('/api/v1/codes/icd10/a001');
    assert.equal(gone.status, 200);
    assert.deepEqual(gone.body.retired, { lastYear: 2027, goneBy: 2028 });
    assert.equal(
      gone.body.description,
      'Cholera due to Vibrio cholerae 01, biovar eltor (no longer used since FY2028)',
    );
    const search = await get('/api/v1/codes/icd10?q=A00.1');
    assert.deepEqual(search.body.results, []);
    assert.equal(search.body.retired.code, 'A00.1');

    const page = await user.agent.get('/codes/icd10?q=A00.1');
    assert.match(page.body, /no longer used since FY2028/);
    assert.match(page.body, /ICD-10-CM list for FY2028/);
  });
});
