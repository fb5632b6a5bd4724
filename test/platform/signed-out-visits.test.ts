import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { safeLocalPath } from '../../src/platform/http/context.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { Agent, api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 18 item 4: a page visited signed out sends the person to sign in and back to that
// page afterwards, with the same answer for every address (a real case, a made-up case, a
// typo), so a visitor learns nothing about what exists. Only a signed-in person without
// access sees "Page not found". The `next` value can never lead to another site.

describe('safeLocalPath: where sign-in may send someone back to', () => {
  test('keeps paths on this site, with their query', () => {
    assert.equal(safeLocalPath('/cases/abc'), '/cases/abc');
    assert.equal(
      safeLocalPath('/cases/abc/records?tab=letters&x=%2F%2Fsafe'),
      '/cases/abc/records?tab=letters&x=%2F%2Fsafe',
    );
  });
  test('refuses anything that could leave the site, and falls back', () => {
    for (const bad of [
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/ /evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'evil.example',
      '/cases//evil',
      '',
      `/${'a'.repeat(2001)}`,
      undefined,
      ['/cases'],
    ]) {
      assert.equal(safeLocalPath(bad), '/dashboard', JSON.stringify(bad));
    }
    assert.equal(safeLocalPath('//evil.example', ''), '');
  });
});

forEachDialect('signed-out visits', (dialect) => {
  let t: TestApp;
  let owner: BuiltUser;
  let stranger: BuiltUser;
  let caseId: string;

  before(async () => {
    t = await buildTestApp(dialect);
    owner = await buildUser(t, { displayName: 'Marta Owner' });
    stranger = await buildUser(t);
    caseId = await buildCase(t.deps, owner, { diagnosis: 'Marker diagnosis' });
  });
  after(() => t.close());

  test('every page address answers a visitor the same way: sign in, then back', async () => {
    const addresses = [
      `/cases/${caseId}`,
      `/cases/${randomUUID()}`,
      '/cases/not-an-id',
      `/cases/${caseId}/records?tab=letters`,
      '/no-such-page',
      '/patients',
      '/settings',
    ];
    for (const address of addresses) {
      const res = await new Agent(t.app).get(address);
      assert.equal(res.statusCode, 303, address);
      assert.equal(res.headers.location, `/sign-in?next=${encodeURIComponent(address)}`, address);
      assert.equal(res.body, '', `${address}: nothing else in the answer`);
    }
    // A form sent signed out (an old tab) goes to sign in too, and changes nothing.
    const post = await new Agent(t.app).post(`/cases/${caseId}/archive`, {});
    assert.equal(post.statusCode, 303);
    assert.equal(post.headers.location, '/sign-in');
    const row = await t.deps.db
      .selectFrom('cases')
      .select('archived_at')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(row.archived_at, null);
  });

  test('after signing in the person lands on the page they asked for', async () => {
    const visitor = new Agent(t.app);
    const first = await visitor.get(`/cases/${caseId}`);
    const signIn = await visitor.get(String(first.headers.location));
    assert.equal(signIn.statusCode, 200);
    assert.match(signIn.body, new RegExp(`name="next" value="/cases/${caseId}"`));
    const done = await visitor.post('/sign-in', {
      email: owner.email,
      password: owner.password,
      next: `/cases/${caseId}`,
    });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, `/cases/${caseId}`);
    const page = await visitor.get(`/cases/${caseId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Marker diagnosis/);
  });

  test('signed in without access: "Page not found", the same for a real and a made-up case', async () => {
    const real = await stranger.agent.get(`/cases/${caseId}`);
    const madeUp = await stranger.agent.get(`/cases/${randomUUID()}`);
    assert.equal(real.statusCode, 404);
    assert.equal(madeUp.statusCode, 404);
    assert.match(real.body, /Page not found/);
    assert.doesNotMatch(real.body, /Marker diagnosis|Marta Owner/);
  });

  test('open-redirect attempts through next end on the dashboard', async () => {
    for (const next of [
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example/',
      '/\t/evil.example',
      'javascript:alert(1)',
    ]) {
      const res = await new Agent(t.app).post('/sign-in', { email: owner.email, password: owner.password, next });
      assert.equal(res.statusCode, 303, next);
      assert.equal(res.headers.location, '/dashboard', next);
    }
    // Already signed in, the sign-in page forwards to next: the same rule holds.
    const signedIn = await owner.agent.get(`/sign-in?next=${encodeURIComponent('//evil.example/')}`);
    assert.equal(signedIn.headers.location, '/dashboard');
    // And the redirect the app makes itself never carries an unsafe address.
    const odd = await new Agent(t.app).get('//evil.example/x');
    assert.ok(!String(odd.headers.location ?? '').includes('evil.example'), String(odd.headers.location));
  });

  test('the API keeps its JSON answers: 404 for patient data, 401 for the rest', async () => {
    const patient = await api(t.app).get(`/api/v1/cases/${caseId}`);
    assert.equal(patient.statusCode, 404);
    assert.equal(patient.json().error.code, 'not_found');
    const list = await api(t.app).get('/api/v1/cases');
    assert.equal(list.statusCode, 401);
    const unknown = await api(t.app).get('/api/v1/no-such-thing');
    assert.equal(unknown.statusCode, 404);
  });

  test('the doctor’s link pages are never sent to sign in', async () => {
    const res = await new Agent(t.app).get(`/s/${'A'.repeat(43)}`);
    assert.equal(res.statusCode, 404);
    const deeper = await new Agent(t.app).get('/s/x/y/z');
    assert.equal(deeper.statusCode, 404);
  });
});
