import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { runImport } from '../../src/cli.ts';
import { fiveDigitZip, importNppes } from '../../src/features/doctors/directory-import.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');
const NPPES = path.join(FIXTURES, 'nppes-slice.csv');
const NUCC = path.join(FIXTURES, 'nucc-made-up.csv');

describe('reading NPPES numbers', () => {
  test('ZIP+4 and spreadsheet-damaged ZIPs become five digits', () => {
    assert.equal(fiveDigitZip('688472944.0'), '68847');
    assert.equal(fiveDigitZip('13069.0'), '13069');
    // A Connecticut ZIP that lost its leading zero in a spreadsheet.
    assert.equal(fiveDigitZip('61051208.0'), '06105');
    assert.equal(fiveDigitZip('1234'), '01234');
    assert.equal(fiveDigitZip('ABCDE'), null);
    assert.equal(fiveDigitZip('123'), null);
  });
});

forEachDialect('importing the specialist directory', (dialect) => {
  let t: TestApp;
  const out: string[] = [];
  const err: string[] = [];

  before(async () => {
    t = await buildTestApp(dialect);
  });
  after(() => t.close());

  const providers = () => t.deps.db.selectFrom('directory_providers').selectAll().orderBy('npi').execute();

  test('the NPPES slice loads active providers with a practice address, with progress', async () => {
    const code = await runImport(
      t.deps.db,
      'nppes',
      NPPES,
      (s) => out.push(s),
      (s) => err.push(s),
      10,
    );
    assert.equal(code, 0);
    const rows = await providers();
    // 40 rows: 3 deactivated without reactivation are left out; 1659374601 was reactivated.
    assert.equal(rows.length, 37);
    assert.ok(!rows.some((r) => r.npi === '1306849450'), 'a deactivated NPI is not listed');
    assert.ok(
      rows.some((r) => r.npi === '1659374601'),
      'a reactivated NPI is listed',
    );
    const wiebe = rows.find((r) => r.npi === '1679576722')!;
    assert.equal(wiebe.name, 'DAVID A WIEBE');
    assert.equal(wiebe.credential, 'M.D.');
    assert.equal(wiebe.taxonomy_code, '207X00000X');
    assert.equal(wiebe.postal_code, '68847');
    assert.equal(wiebe.phone, '3088652512');
    assert.equal(wiebe.address_line1, '3500 CENTRAL AVE');
    assert.ok(Math.abs(wiebe.latitude! - 40.71) < 0.1, 'the ZIP centroid is stored');
    const org = rows.find((r) => r.npi === '1497758544')!;
    assert.equal(org.entity_type, '2');
    assert.equal(org.organization, org.name);
    const multi = rows.find((r) => r.npi === '1114920162')!;
    assert.equal(multi.other_taxonomy_codes?.split(' ').length, 2);
    assert.ok(
      out.some((l) => l.startsWith('Working: 10 rows read')),
      'progress is printed every N rows',
    );
    assert.match(out.at(-1)!, /^Done\. 40 rows read: 37 kept, 3 left out .*, 0 could not be read\./);
  });

  test('running the same import again changes nothing and adds no duplicates', async () => {
    const before = await providers();
    const code = await runImport(
      t.deps.db,
      'nppes',
      NPPES,
      () => {},
      () => {},
    );
    assert.equal(code, 0);
    const again = await providers();
    assert.equal(again.length, before.length);
    assert.deepEqual(
      again.map((r) => [r.npi, r.name, r.postal_code, r.taxonomy_code]),
      before.map((r) => [r.npi, r.name, r.postal_code, r.taxonomy_code]),
    );
  });

  test('a newer file updates a provider in place', async () => {
    const lines = fs.readFileSync(NPPES, 'utf8').split('\n');
    const changed = [lines[0], lines[1]!.replace('3500 CENTRAL AVE', '9 NEW ROAD')].join('\n');
    const s = await importNppes(t.deps.db, Readable.from([changed]));
    assert.equal(s.kept, 1);
    const row = await t.deps.db
      .selectFrom('directory_providers')
      .selectAll()
      .where('npi', '=', '1679576722')
      .executeTakeFirstOrThrow();
    assert.equal(row.address_line1, '9 NEW ROAD');
    assert.equal((await providers()).length, 37);
  });

  test('bad rows are counted and skipped with a plain message; good rows still load', async () => {
    const lines = fs.readFileSync(NPPES, 'utf8').split('\n');
    const header = lines[0]!;
    const width = header.split(',').length;
    const good = lines[2]!; // 1588667638
    const shortRow = '1234567890,1.0,,,';
    const strayQuote = `1234567891,1.0,,,A "BAD" NAME${',x'.repeat(width - 5)}`;
    const badNpi = good.replace('1588667638', '15886');
    const badZip = good.replace('1588667638', '1999999999').replaceAll('322044736.0', 'NOTAZIP');
    const problems: string[] = [];
    await t.deps.db.deleteFrom('directory_providers').execute();
    const s = await importNppes(
      t.deps.db,
      Readable.from([[header, shortRow, badNpi, badZip, strayQuote, good].join('\n')]),
      { onProblem: (m) => problems.push(m) },
    );
    assert.deepEqual({ rows: s.rows, kept: s.kept, bad: s.bad }, { rows: 5, kept: 1, bad: 4 });
    assert.equal(problems.length, 4);
    assert.ok(
      problems.some((m) => /^Row near line 5 skipped: it could not be read as CSV \(Invalid Opening Quote/.test(m)),
      problems.join('\n'),
    );
    const rest = problems.filter((m) => !m.startsWith('Row near'));
    assert.match(rest[0]!, new RegExp(`^Row 2 skipped: it has 5 columns, not ${width}\\.$`));
    assert.match(rest[1]!, /^Row 3 skipped: the NPI is not 10 digits\.$/);
    assert.match(rest[2]!, /^Row 4 skipped: NPI 1999999999: the practice ZIP code cannot be read\.$/);
    assert.deepEqual(
      (await providers()).map((r) => r.npi),
      ['1588667638'],
    );
  });

  test('a file that is not NPPES stops with a plain message and exit code 1', async () => {
    const messages: string[] = [];
    const code = await runImport(
      t.deps.db,
      'nppes',
      NUCC,
      () => {},
      (m) => messages.push(m),
    );
    assert.equal(code, 1);
    assert.match(messages[0]!, /does not look like an NPPES file/);
  });

  test('the NUCC file loads code, grouping, classification, specialization and display name; again is idempotent', async () => {
    const lines: string[] = [];
    assert.equal(
      await runImport(
        t.deps.db,
        'nucc',
        NUCC,
        (s) => lines.push(s),
        () => {},
      ),
      0,
    );
    assert.equal(
      await runImport(
        t.deps.db,
        'nucc',
        NUCC,
        (s) => lines.push(s),
        () => {},
      ),
      0,
    );
    const rows = await t.deps.db.selectFrom('directory_taxonomies').selectAll().orderBy('code').execute();
    assert.equal(rows.length, 6);
    const cardio = rows.find((r) => r.code === '207RC0000X')!;
    assert.deepEqual(cardio, {
      code: '207RC0000X',
      grouping: 'Allopathic & Osteopathic Physicians',
      classification: 'Internal Medicine',
      specialization: 'Cardiovascular Disease',
      display_name: 'Cardiovascular Disease Physician',
    });
    assert.equal(rows.find((r) => r.code === '207R00000X')!.specialization, null);
    assert.match(lines.at(-1)!, /^Done\. 6 rows read: 6 kept/);
  });
});
