import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addHelper, type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { pageText, page as parsePage } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// A doctor's opinion that came through a share link waits for the person: the case page
// says so and links to it; the opinion's own page says who sent it and when, with the
// buttons to accept it or set it aside, and brings the person back there.

forEachDialect('doctors’ opinions that wait for the person', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let caseId: string;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    caseId = await buildCase(t.deps, user);
  });
  after(() => t.close());

  const statusOf = async (id: string) =>
    (await t.deps.db.selectFrom('opinions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  test('the case page: no alert without a waiting doctor’s opinion; one alert linking to each', async () => {
    // The person's own opinion, and a set-aside doctor's one, never wait.
    await buildOpinion(t.deps, user, caseId, { doctorName: 'Dr. Own Entry' });
    await buildOpinion(t.deps, user, caseId, { doctorName: 'Dr. Set Aside', status: 'discarded', source: 'doctor' });
    let page = pageText((await user.agent.get(`/cases/${caseId}`)).body);
    assert.doesNotMatch(page, /sent you an opinion|wait for you/);

    const first = await buildOpinion(t.deps, user, caseId, {
      doctorName: 'Dr. Maria Lopez',
      status: 'pending',
      source: 'doctor',
    });
    let res = await user.agent.get(`/cases/${caseId}`);
    page = pageText(res.body);
    assert.match(page, /A doctor sent you an opinion/);
    assert.match(page, /Read the opinion from Dr\. Maria Lopez, sent on November 27, 2026/);
    assert.ok(parsePage(res.body).has(`a[href="/cases/${caseId}/opinions/${first}"]`));
    assert.doesNotMatch(page, /Dr\. Set Aside|Dr\. Own Entry/);

    t.clock.advance(60 * 60 * 1000);
    const second = await buildOpinion(t.deps, user, caseId, {
      doctorName: 'Dr. Ken Adams',
      status: 'pending',
      source: 'doctor',
    });
    res = await user.agent.get(`/cases/${caseId}`);
    page = pageText(res.body);
    assert.match(page, /2 opinions from doctors wait for you/);
    assert.ok(page.indexOf('Dr. Maria Lopez') < page.indexOf('Dr. Ken Adams'), 'oldest first');
    assert.ok(parsePage(res.body).has(`a[href="/cases/${caseId}/opinions/${second}"]`));

    // A helper of the patient sees it too; a stranger sees nothing of it.
    const helper = await buildUser(t);
    await addHelper(t.deps, user.patientId, helper, user.userId);
    assert.match(pageText((await helper.agent.get(`/cases/${caseId}`)).body), /2 opinions from doctors wait for you/);
    const stranger = await buildUser(t);
    const theirs = await stranger.agent.get(`/cases/${caseId}`);
    assert.equal(theirs.statusCode, 404);
    assert.doesNotMatch(theirs.body, /Maria Lopez/);

    // Accepting one from its page brings the person back to it; the case page then lists the other only.
    const opinion = await user.agent.get(`/cases/${caseId}/opinions/${first}`);
    const text = pageText(opinion.body);
    assert.match(
      text,
      /Dr\. Maria Lopez sent this opinion through your share link on November 27, 2026\. Read it, then add it to your case or set it aside\./,
    );
    assert.match(text, /Accept into my case/);
    assert.match(text, /Set this opinion aside/);
    const accepted = await user.agent.post(`/cases/${caseId}/opinions/${first}/status`, {
      status: 'accepted',
      back: 'opinion',
    });
    assert.equal(accepted.statusCode, 303);
    assert.equal(accepted.headers.location, `/cases/${caseId}/opinions/${first}`);
    assert.equal(await statusOf(first), 'accepted');
    const after = pageText((await user.agent.get(accepted.headers.location as string)).body);
    assert.match(after, /The opinion is part of your case now\./);
    assert.doesNotMatch(after, /sent this opinion through your share link/);
    page = pageText((await user.agent.get(`/cases/${caseId}`)).body);
    assert.match(page, /A doctor sent you an opinion/);
    assert.doesNotMatch(page, /Read the opinion from Dr\. Maria Lopez/);

    // Setting the other aside: back on its page, with the way to bring it back; no alert left.
    const aside = await user.agent.post(`/cases/${caseId}/opinions/${second}/status`, {
      status: 'discarded',
      back: 'opinion',
    });
    assert.equal(aside.headers.location, `/cases/${caseId}/opinions/${second}`);
    assert.equal(await statusOf(second), 'discarded');
    const asidePage = pageText((await user.agent.get(`/cases/${caseId}/opinions/${second}`)).body);
    assert.match(asidePage, /This opinion is set aside/);
    assert.match(asidePage, /Bring it back/);
    assert.doesNotMatch(pageText((await user.agent.get(`/cases/${caseId}`)).body), /sent you an opinion|wait for you/);
  });

  test('the dashboard marks each case where a doctor’s opinion waits', async () => {
    const quiet = await buildCase(t.deps, user, { title: 'Quiet case' });
    const busy = await buildCase(t.deps, user, { title: 'Busy case' });
    await buildOpinion(t.deps, user, busy, { doctorName: 'Dr. Waiting', status: 'pending', source: 'doctor' });
    await buildOpinion(t.deps, user, quiet, { doctorName: 'Dr. Own', status: 'accepted', source: 'person' });
    const res = await user.agent.get('/dashboard');
    assert.equal(res.statusCode, 200);
    assert.ok(parsePage(res.body).has(`a[href="/cases/${busy}/opinions"]`));
    assert.doesNotMatch(res.body, new RegExp(`href="/cases/${quiet}/opinions"`));
    assert.match(pageText(res.body), /A doctor’s opinion waits for you Read what the doctor sent for Busy case/);
    const other = await buildUser(t);
    assert.doesNotMatch((await other.agent.get('/dashboard')).body, /waits for you/);
  });

  test('the way back is a fixed choice: anything else goes to the list', async () => {
    const id = await buildOpinion(t.deps, user, caseId, {
      doctorName: 'Dr. Redirect',
      status: 'pending',
      source: 'doctor',
    });
    const res = await user.agent.post(`/cases/${caseId}/opinions/${id}/status`, {
      status: 'accepted',
      back: 'https://evil.example/',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/cases/${caseId}/opinions`);
  });
});
