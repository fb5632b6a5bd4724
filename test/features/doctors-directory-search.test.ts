import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { loadCancerCenters } from '../../src/features/doctors/cancer-centers.ts';
import { cancerCenterFor, rankByDistance, readPageQuery } from '../../src/features/doctors/directory.ts';
import { importNppes, importNucc } from '../../src/features/doctors/directory-import.ts';
import { boundingBox, milesBetween } from '../../src/platform/geo.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { fieldValue, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures');

/** Copies of one real fixture row (an orthopaedic surgeon in Kearney, NE) moved to other ZIPs. */
function kearneyVariants(variants: Array<{ npi: string; zip: string; last: string }>): string {
  const lines = fs.readFileSync(path.join(FIXTURES, 'nppes-slice.csv'), 'utf8').split('\n');
  const base = lines[1]!;
  return [
    lines[0],
    ...variants.map((v) =>
      base.replace('1679576722', v.npi).replaceAll('688472944.0', `${v.zip}0000.0`).replace('WIEBE', v.last),
    ),
  ].join('\n');
}

describe('distance rules', () => {
  const kearney = { lat: 40.7136, lon: -99.0779 };
  test('the haversine distance matches known ZIP center distances', () => {
    assert.ok(Math.abs(milesBetween(kearney, { lat: 40.9219, lon: -98.3411 }) - 41) < 1);
    assert.equal(milesBetween(kearney, kearney), 0);
  });
  test('the box holds every point within the radius', () => {
    const box = boundingBox(kearney, 50);
    const east = {
      lat: kearney.lat,
      lon: kearney.lon + 50 / (69.17 * Math.cos((kearney.lat * Math.PI) / 180)) - 0.001,
    };
    assert.ok(milesBetween(kearney, east) < 50 && east.lon <= box.maxLon);
  });
  test('ranking drops corners of the box, sorts nearest first and pages by 20', () => {
    const rows = Array.from({ length: 45 }, (_, i) => ({
      name: `P${i}`,
      latitude: kearney.lat + i * 0.01,
      longitude: kearney.lon,
    }));
    rows.push({ name: 'corner', latitude: kearney.lat + 0.7, longitude: kearney.lon + 0.9 });
    const page1 = rankByDistance(rows, kearney, 50, 1);
    assert.equal(page1.total, 45, 'the corner point is outside 50 miles');
    assert.equal(page1.results.length, 20);
    assert.equal(page1.results[0]!.name, 'P0');
    assert.equal(rankByDistance(rows, kearney, 50, 3).results.length, 5);
  });
});

describe('reading the search page query', () => {
  test('opened without a search: the patient’s ZIP is offered, nothing is refused', () => {
    const q = readPageQuery({}, '60614');
    assert.equal(q.searched, false);
    assert.deepEqual(q.values, { specialty: '', near: '60614' });
    assert.deepEqual(q.errors, {});
    assert.equal(q.query?.radiusMiles, 25);
  });
  test('a search is read as typed; a bad radius and a long text are refused with the field named', () => {
    const ok = readPageQuery({ specialty: 'oncology', near: '68847', radiusMiles: '50', page: '2' }, '60614');
    assert.equal(ok.searched, true);
    assert.deepEqual(ok.query, { specialty: 'oncology', near: '68847', radiusMiles: 50, page: 2 });
    const bad = readPageQuery({ specialty: '', near: '123', radiusMiles: '7' }, null);
    assert.equal(bad.query, null);
    assert.equal(bad.errors.radiusMiles, 'directory.errors.radius');
    assert.equal(bad.errors.specialty, 'directory.errors.specialty');
    assert.equal(bad.errors.near, 'directory.errors.zip');
    const long = readPageQuery({ specialty: 'x'.repeat(500), near: '68847' }, null);
    assert.equal(long.values.specialty.length, 200, 'text is cut before anything else reads it');
    assert.equal(long.errors.specialty, 'errors.tooLong');
  });
});

describe('marking NCI-designated cancer centers', () => {
  const centers = loadCancerCenters().centers;
  const org = (organization: string, city: string, state: string) => ({
    kind: 'organization' as const,
    organization,
    city,
    state,
  });
  test('an organization with the center’s name, city and state is marked', () => {
    assert.equal(cancerCenterFor(org('DUKE CANCER INSTITUTE', 'DURHAM', 'NC'), centers)?.name, 'Duke Cancer Institute');
    assert.equal(
      cancerCenterFor(org('The University of Chicago Comprehensive Cancer Center', 'CHICAGO', 'IL'), centers)
        ?.designation,
      'Comprehensive',
    );
  });
  test('a near name, another city, or a person is not marked', () => {
    assert.equal(cancerCenterFor(org('DUKE CANCER INSTITUTE', 'RALEIGH', 'NC'), centers), null);
    assert.equal(cancerCenterFor(org('DUKE CANCER INSTITUTE PHARMACY', 'DURHAM', 'NC'), centers), null);
    assert.equal(
      cancerCenterFor({ kind: 'person', organization: 'DUKE CANCER INSTITUTE', city: 'DURHAM', state: 'NC' }, centers),
      null,
    );
  });
});

forEachDialect('searching the specialist directory', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  const search = (qs: string) => api(t.app, me.apiToken).get(`/api/v1/doctors?${qs}`);
  type Body = {
    directoryLoaded: boolean;
    total: number;
    taxonomyCodes: string[];
    results: Array<{
      npi: string;
      name: string;
      distanceMiles: number;
      specialty: string | null;
      phone: string | null;
      address: string;
      postalCode: string;
      credential: string | null;
    }>;
  };

  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t, { displayName: 'Rosa Parks' });
  });
  after(() => t.close());

  test('before any import, the answer says the directory is not loaded', async () => {
    const res = await search('specialty=207X00000X&near=68847');
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as Body;
    assert.equal(body.directoryLoaded, false);
    assert.equal(body.total, 0);
  });

  test('search by specialty words and radius gives the right providers, nearest first', async () => {
    await importNppes(t.deps.db, path.join(FIXTURES, 'nppes-slice.csv'));
    await importNucc(t.deps.db, path.join(FIXTURES, 'nucc-made-up.csv'));
    await importNppes(
      t.deps.db,
      Readable.from([
        kearneyVariants([
          { npi: '1000000001', zip: '68801', last: 'ISLAND' },
          { npi: '1000000002', zip: '68845', last: 'NEARBY' },
          { npi: '1000000003', zip: '68502', last: 'LINCOLN' },
        ]),
      ]),
    );
    const res = await search('specialty=orthopaedic&near=68847&radiusMiles=50');
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as Body;
    assert.equal(body.directoryLoaded, true);
    assert.deepEqual(body.taxonomyCodes, ['207X00000X']);
    assert.deepEqual(
      body.results.map((r) => r.npi),
      ['1679576722', '1000000002', '1000000001'],
    );
    assert.deepEqual(
      body.results.map((r) => r.distanceMiles),
      [...body.results.map((r) => r.distanceMiles)].sort((a, b) => a - b),
    );
    const first = body.results[0]!;
    assert.equal(first.name, 'DAVID A WIEBE');
    assert.equal(first.credential, 'M.D.');
    assert.equal(first.specialty, 'Orthopaedic Surgery Physician');
    assert.equal(first.phone, '3088652512');
    assert.equal(first.address, '3500 CENTRAL AVE');
    assert.equal(first.distanceMiles, 0);
    // Lincoln is 125 miles away, past the widest radius (100), so it never shows.
    const wide = JSON.parse((await search('specialty=207X00000X&near=68847&radiusMiles=100')).body) as Body;
    assert.equal(wide.total, 3);
    const narrow = JSON.parse((await search('specialty=207X00000X&near=68847&radiusMiles=10')).body) as Body;
    assert.deepEqual(
      narrow.results.map((r) => r.npi),
      ['1679576722', '1000000002'],
    );
  });

  test('an organization that is an NCI-designated center is marked in the results', async () => {
    // A made-up copy of a real organization row, renamed and moved to Durham, NC.
    const lines = fs.readFileSync(path.join(FIXTURES, 'nppes-slice.csv'), 'utf8').split('\n');
    const row = lines.find((l) => l.startsWith('1497758544,'))!;
    const cells = parse(row)[0] as string[];
    const header = lines[0]!.split(',');
    const set = (col: string, v: string) => {
      cells[header.indexOf(col)] = v;
    };
    cells[0] = '1000000009';
    set('Provider Organization Name (Legal Business Name)', 'DUKE CANCER INSTITUTE');
    set('Provider Business Practice Location Address City Name', 'DURHAM');
    set('Provider Business Practice Location Address Postal Code', '277100000.0');
    const quoted = cells.map((c) => `"${c.replaceAll('"', '""')}"`).join(',');
    await importNppes(t.deps.db, Readable.from([[lines[0], quoted].join('\n')]));
    const body = JSON.parse((await search('specialty=251G00000X&near=27710&radiusMiles=10')).body) as {
      results: Array<{ npi: string; cancerCenter: { name: string; designation: string } | null }>;
    };
    assert.deepEqual(
      body.results.map((r) => [r.npi, r.cancerCenter?.name ?? null]),
      [['1000000009', 'Duke Cancer Institute']],
    );
  });

  test('no match nearby gives an empty list, not an error', async () => {
    const body = JSON.parse((await search('specialty=cardiovascular&near=68847&radiusMiles=10')).body) as Body;
    assert.equal(body.directoryLoaded, true);
    assert.equal(body.total, 0);
    assert.deepEqual(body.results, []);
  });

  test('bad input gets plain errors', async () => {
    for (const [qs, field, message] of [
      ['specialty=heart&near=6884', 'near', 'Type a ZIP code with 5 numbers.'],
      ['specialty=heart&near=68847&radiusMiles=30', 'radiusMiles', 'Choose 10, 25, 50 or 100 miles.'],
      ['specialty=&near=68847', 'specialty', 'Type a specialty, such as heart or cancer.'],
      ['specialty=heart&near=00000', 'near', 'We could not find that ZIP code. Check the numbers.'],
    ] as const) {
      const res = await search(qs);
      assert.equal(res.statusCode, 400, qs);
      assert.ok(res.body.includes(message), `${qs}: ${res.body}`);
      assert.ok(res.body.includes(field), `${qs}: ${res.body}`);
    }
  });

  test('only signed-in users can search', async () => {
    assert.equal((await api(t.app).get('/api/v1/doctors?specialty=207X00000X&near=68847')).statusCode, 401);
  });
});

forEachDialect('the directory page under a case', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let caseId: string;
  const page = (qs = '') => me.agent.get(`/cases/${caseId}/doctors/directory${qs ? `?${qs}` : ''}`);

  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t, { displayName: 'Rosa Parks' });
    await t.deps.db.updateTable('patients').set({ zip: '68845' }).where('id', '=', me.patientId).execute();
    caseId = await buildCase(t.deps, me);
  });
  after(() => t.close());

  test('before an import the page explains how to load the list, with its source, and the read is audited', async () => {
    const res = await page();
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /The list of doctors is not set up yet/);
    assert.match(text, /second-opinion import nppes FILE\.csv/);
    assert.ok(res.body.includes('https://download.cms.gov/nppes/NPI_Files.html'));
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'doctors.directory.view')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.object_id, caseId);
  });

  test('the find page links to the search', async () => {
    const res = await me.agent.get(`/cases/${caseId}/doctors/find`);
    assert.ok(res.body.includes(`/cases/${caseId}/doctors/directory`));
  });

  test('the ZIP starts as the patient’s; results show name, specialty, address, phone, NPI and distance; save pre-fills the doctor form', async () => {
    await importNppes(t.deps.db, path.join(FIXTURES, 'nppes-slice.csv'));
    await importNucc(t.deps.db, path.join(FIXTURES, 'nucc-made-up.csv'));
    assert.equal(fieldValue((await page()).body, 'near'), '68845');
    const res = await page('specialty=orthopaedic&near=68845&radiusMiles=25');
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /1 found, nearest first\./);
    assert.match(text, /DAVID A WIEBE, M\.D\./);
    assert.match(text, /Orthopaedic Surgery Physician/);
    assert.match(text, /3500 CENTRAL AVE, KEARNEY, NE 68847/);
    assert.match(text, /Phone: 308-865-2512/);
    assert.match(text, /NPI number: 1679576722/);
    assert.match(text, /About 3\.\d miles away/);
    const form = await me.agent.get(
      `/cases/${caseId}/doctors/new?name=${encodeURIComponent('DAVID A WIEBE, M.D.')}&phone=308-865-2512&npi=1679576722&specialty=Orthopaedic`,
    );
    assert.equal(fieldValue(form.body, 'name'), 'DAVID A WIEBE, M.D.');
    assert.equal(fieldValue(form.body, 'phone'), '308-865-2512');
    assert.match(form.body, /NPI 1679576722, from the national list of doctors\./);
  });

  test('saving keeps the NPI on the doctor only when it is in the directory', async () => {
    const form = await me.agent.get(`/cases/${caseId}/doctors/new?name=X&npi=1679576722`);
    assert.match(form.body, /name="npi" value="1679576722"/);
    const ok = await me.agent.post(`/cases/${caseId}/doctors/new`, {
      name: 'DAVID A WIEBE, M.D.',
      inNetwork: 'unknown',
      npi: '1679576722',
    });
    assert.equal(ok.statusCode, 303);
    const made = await me.agent.post(`/cases/${caseId}/doctors/new`, {
      name: 'Dr. Made Up',
      inNetwork: 'unknown',
      npi: '1234567893',
    });
    assert.equal(made.statusCode, 303);
    const rows = await t.deps.db
      .selectFrom('doctor_candidates')
      .select(['name', 'npi', 'source'])
      .where('case_id', '=', caseId)
      .orderBy('name')
      .execute();
    assert.deepEqual(rows, [
      { name: 'DAVID A WIEBE, M.D.', npi: '1679576722', source: 'nppes' },
      { name: 'Dr. Made Up', npi: null, source: 'manual' },
    ]);
  });

  test('no one nearby: the page says so and offers a wider distance', async () => {
    const res = await page('specialty=cardiovascular&near=68847&radiusMiles=10');
    assert.equal(res.statusCode, 200);
    assert.match(pageText(res.body), /No one was found within 10 miles/);
    assert.ok(res.body.includes('radiusMiles=25'));
  });

  test('bad ZIP and bad distance get plain errors on the page', async () => {
    const res = await page('specialty=heart&near=123&radiusMiles=30');
    assert.equal(res.statusCode, 400);
    const text = pageText(res.body);
    assert.match(text, /Type a ZIP code with 5 numbers\./);
    assert.match(text, /Choose 10, 25, 50 or 100 miles\./);
  });
});
