import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { isChecked, mainOf, textOf } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// The second-opinion check as a person uses it: one question per page, plain form posts
// (no JavaScript), a review page and a result; and the same through the JSON API.

forEachDialect('the second-opinion check', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
  });
  after(() => t.close());

  const savedAnswers = async (caseId: string) => {
    const res = await api(t.app, user.apiToken).get(`/api/v1/cases/${caseId}/assessment`);
    assert.equal(res.statusCode, 200);
    return JSON.parse(res.body) as {
      answers: Record<string, unknown>;
      complete: boolean;
      completedAt: string | null;
      result: null | { level: string; reasons: { id: string; source: { url: string } }[] };
    };
  };

  test('walking it page by page: a doctor urging immediate surgery for something serious', async () => {
    // The seed article's first scenario, as the case page records it.
    const caseId = await buildCase(t.deps, user, {
      diagnosis: 'Breast cancer',
      proposedTreatment: 'Mastectomy next week',
      urgency: 'right_away',
    });
    const a = user.agent;
    const base = `/cases/${caseId}/assessment`;

    const intro = await a.get(base);
    assert.equal(intro.statusCode, 200);
    assert.match(intro.body, new RegExp(`href="${base}/emergency"[^>]*>\\s*Start the check`));
    const introText = textOf(mainOf(intro.body));
    assert.match(introText, /You do not need your doctor’s permission to get a second opinion\./);
    assert.match(introText, /some health plans need a referral or an approval before they pay for the visit/);
    assert.doesNotMatch(introText, /ask anyone|anyone’s permission/);

    const first = await a.get(`${base}/emergency`);
    assert.match(first.body, /<legend[^>]*>\s*<h1[^>]*>Is any of these happening right now\?<\/h1>/);
    assert.match(textOf(first.body), /Question 1 of 7/);
    assert.match(textOf(first.body), /Trouble breathing/);
    assert.match(first.body, new RegExp(`href="${base}"[^>]*>Back<`), 'the first question goes back to the start');

    let res = await a.post(`${base}/emergency`, { emergency: 'no' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${base}/diagnosis`);

    const second = await a.get(`${base}/diagnosis`);
    assert.match(second.body, new RegExp(`href="${base}/emergency"[^>]*>Back<`));
    assert.ok(isChecked(second.body, 'emergency', 'no') === false);
    res = await a.post(`${base}/diagnosis`, { diagnosis: 'serious' });
    assert.equal(res.headers.location, `${base}/treatment`);

    // The case said "Mastectomy": surgery is ticked already, and the page says why.
    const treatment = await a.get(`${base}/treatment`);
    assert.ok(isChecked(treatment.body, 'treatment', 'surgery'));
    assert.ok(!isChecked(treatment.body, 'treatment', 'costly'));
    assert.match(textOf(treatment.body), /We filled this in from what you told us about the case/);
    res = await a.post(`${base}/treatment`, { treatment: ['surgery', 'several_options'] });
    assert.equal(res.headers.location, `${base}/working`);

    for (const [id, value, next] of [
      ['working', 'not_started', 'listens'],
      ['listens', 'yes', 'feeling'],
      ['feeling', 'not_sure', 'urgency'],
    ] as const) {
      res = await a.post(`${base}/${id}`, { [id]: value });
      assert.equal(res.headers.location, `${base}/${next}`, id);
    }
    const urgency = await a.get(`${base}/urgency`);
    assert.ok(isChecked(urgency.body, 'urgency', 'right_away'), 'urgency comes from the case');
    res = await a.post(`${base}/urgency`, { urgency: 'right_away' });
    assert.equal(res.headers.location, `${base}/review`);

    const review = await a.get(`${base}/review`);
    const reviewText = textOf(mainOf(review.body));
    assert.match(reviewText, /It is serious, or it will change my life/);
    assert.match(reviewText, /It is surgery, or another big procedure; The doctor said there is more than one choice/);
    assert.match(review.body, new RegExp(`href="${base}/feeling\\?returnTo=review"`));
    assert.equal((await savedAnswers(caseId)).completedAt, null, 'not complete until the person asks for the result');

    res = await a.post(`${base}/review`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${base}/result`);

    const result = await a.get(`${base}/result`);
    assert.equal(result.statusCode, 200);
    const main = mainOf(result.body);
    const text = textOf(main);
    assert.match(main, /<h1[^>]*>A second opinion is a good idea<\/h1>/);
    // The doctor wants to start right away: how long is it safe to wait, and how to be quick.
    assert.match(text, /How long is it safe to wait before I start treatment\?/);
    assert.match(text, /How to get a second opinion quickly/);
    assert.match(text, /Some large hospitals can give a second opinion from your records/);
    assert.match(text, /Do not wait for a second opinion when you need emergency care/);
    assert.ok(
      text.indexOf('The doctor wants to start soon') < text.indexOf('Why a second opinion fits your answers'),
      'time matters most: it comes first',
    );
    // Routine, and no permission needed, said plainly.
    assert.match(text, /Getting a second opinion is a normal part of medical care/);
    assert.match(text, /You do not need your doctor’s permission to get a second opinion\./);
    assert.match(text, /HMO and POS plans, Medicare Advantage HMOs and many Medicaid plans often do\./);
    assert.doesNotMatch(text, /ask anyone|anyone’s permission/);
    // How long is safe is the doctor's to say: no general "a few weeks is fine".
    assert.match(text, /How long it is safe to wait depends on the illness and on you/);
    assert.doesNotMatch(text, /few weeks|several weeks/);
    // Each reason with its source.
    for (const title of [
      'A serious or life-changing diagnosis',
      'Surgery was suggested',
      'There is more than one way to treat it',
      'You are not sure about what you were told',
    ]) {
      assert.match(text, new RegExp(title));
    }
    assert.match(
      main,
      /href="https:\/\/www\.medicare\.gov\/what-medicare-covers\/what-part-b-covers\/get-a-second-opinion-before-surgery"/,
    );
    // Next steps link to the steps this install has; the questions step is one of them.
    assert.match(main, new RegExp(`href="/cases/${caseId}/questions"`));
    assert.doesNotMatch(text, /Get emergency care now/);

    // The case page now shows step 2 as done.
    const casePage = textOf(mainOf((await a.get(`/cases/${caseId}`)).body));
    assert.match(
      casePage,
      /2\. Should I get a second opinion\? A short check of the reasons, and how soon to act\. Done/,
    );
    // A task to ask how long it is safe to wait, due tomorrow.
    const tasks = await t.deps.db
      .selectFrom('tasks')
      .select(['kind', 'due_on', 'step'])
      .where('case_id', '=', caseId)
      .execute();
    assert.deepEqual(tasks, [{ kind: 'ask_how_long_to_wait', due_on: '2026-11-28', step: 'assessment' }]);
    // Finishing again does not add a second one.
    await a.post(`${base}/review`);
    assert.equal((await t.deps.db.selectFrom('tasks').select('id').where('case_id', '=', caseId).execute()).length, 1);
    const saved = await savedAnswers(caseId);
    assert.equal(saved.complete, true);
    assert.equal(saved.completedAt, '2026-11-27T15:00:00.000Z');
    assert.equal(saved.result?.level, 'recommended');
  });

  test('an emergency answer goes straight to "get emergency care now", before anything else', async () => {
    const caseId = await buildCase(t.deps, user, { urgency: 'no_rush' });
    const base = `/cases/${caseId}/assessment`;
    const res = await user.agent.post(`${base}/emergency`, { emergency: 'yes' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `${base}/result`);
    const page = await user.agent.get(`${base}/result`);
    assert.equal(page.statusCode, 200);
    const main = mainOf(page.body);
    // After the breadcrumbs, the very first thing in the page is the emergency alert.
    const afterCrumbs = main.slice(main.indexOf('</nav>') + 6).trimStart();
    assert.match(
      afterCrumbs,
      /^<div class="usa-alert usa-alert--error so-emergency[^"]*" role="alert"[^>]*><div class="usa-alert__body"><h1[^>]*>Get emergency care now<\/h1><p[^>]*>(<span data-content="emergency.call">)?Call 911 now, or go to the nearest emergency room\./,
    );
    const text = textOf(afterCrumbs);
    assert.ok(text.indexOf('Call 911') < text.indexOf('Asking is normal'));
    assert.match(text, /call or text 988/);
    assert.match(text, /Later, when you are safe/);
    assert.match(page.body, new RegExp(`href="${base}/diagnosis">Finish the check later`));
    // Not done: the rest of the check is still to answer.
    const casePage = textOf(mainOf((await user.agent.get(`/cases/${caseId}`)).body));
    assert.match(casePage, /how soon to act\. In progress/);
  });

  test('the seed article’s second scenario: a reassuring doctor, but something still feels wrong', async () => {
    const caseId = await buildCase(t.deps, user, {
      proposedTreatment: 'Ibuprofen, come back in six months',
      urgency: 'no_rush',
    });
    const res = await api(t.app, user.apiToken).put(`/api/v1/cases/${caseId}/assessment`, {
      emergency: 'no',
      diagnosis: 'minor',
      treatment: ['none'],
      working: 'not_started',
      listens: 'yes',
      feeling: 'yes',
      urgency: 'no_rush',
    });
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body);
    assert.equal(body.complete, true);
    assert.equal(body.result.level, 'recommended');
    assert.deepEqual(
      body.result.reasons.map((r: { id: string }) => r.id),
      ['feels_wrong'],
    );
    assert.match(body.result.reasons[0].text, /you still feel that something is not right/);
    assert.match(body.result.reasons[0].source.url, /^https:\/\/www\.aarp\.org\//);
    assert.equal(body.result.askHowLong, false);
    assert.equal(
      (await t.deps.db.selectFrom('tasks').select('id').where('case_id', '=', caseId).execute()).length,
      0,
      'no rush: no task to ask',
    );
    const page = textOf(mainOf((await user.agent.get(`/cases/${caseId}/assessment/result`)).body));
    assert.match(page, /You still feel that something is wrong/);
    assert.doesNotMatch(page, /The doctor wants to start soon/);
  });

  test('bad answers: a plain message, what was ticked is kept, nothing is saved', async () => {
    const caseId = await buildCase(t.deps, user, { proposedTreatment: 'Chemotherapy' });
    const base = `/cases/${caseId}/assessment`;
    let res = await user.agent.post(`${base}/diagnosis`, { diagnosis: '' });
    assert.equal(res.statusCode, 400);
    assert.match(textOf(res.body), /Please fix 1 thing\(s\) on this page Choose what the doctor told you\./);
    assert.match(res.body, /aria-invalid|usa-form-group--error/);

    res = await user.agent.post(`${base}/treatment`, { treatment: ['none', 'costly'] });
    assert.equal(res.statusCode, 400);
    assert.match(textOf(res.body), /You chose “None of these” and another answer/);
    assert.ok(
      isChecked(res.body, 'treatment', 'none') && isChecked(res.body, 'treatment', 'costly'),
      'both boxes stay ticked',
    );

    res = await user.agent.post(`${base}/urgency`, { urgency: 'tomorrow' });
    assert.equal(res.statusCode, 400);
    assert.deepEqual((await savedAnswers(caseId)).answers, {}, 'nothing was saved');
  });

  test('the result waits for every answer; the review lists what is missing', async () => {
    const caseId = await buildCase(t.deps, user);
    const base = `/cases/${caseId}/assessment`;
    await user.agent.post(`${base}/emergency`, { emergency: 'no' });
    await user.agent.post(`${base}/diagnosis`, { diagnosis: 'unclear' });
    const early = await user.agent.get(`${base}/result`);
    assert.equal(early.statusCode, 303);
    assert.equal(early.headers.location, `${base}/treatment`);
    const res = await user.agent.post(`${base}/review`);
    assert.equal(res.statusCode, 400);
    assert.match(textOf(res.body), /Please fix 5 thing\(s\)/);
    assert.match(res.body, /href="#treatment"/);
    assert.equal((await savedAnswers(caseId)).completedAt, null);
    // Changing an answer from the review goes back to the review.
    const change = await user.agent.post(`${base}/diagnosis`, { diagnosis: 'none', returnTo: 'review' });
    assert.equal(change.headers.location, `${base}/review`);
    assert.equal((await savedAnswers(caseId)).answers.diagnosis, 'none');
    const intro = await user.agent.get(base);
    assert.match(intro.body, new RegExp(`href="${base}/treatment"[^>]*>\\s*Continue the check`));
  });

  test('the API: answers in, result out; half an answer set is refused and changes nothing', async () => {
    const caseId = await buildCase(t.deps, user, {
      diagnosisStatus: 'no_diagnosis',
      diagnosis: undefined,
      symptoms: 'Tired for months',
      proposedTreatment: 'More blood tests',
      urgency: 'not_said',
    });
    const client = api(t.app, user.apiToken);
    const fresh = JSON.parse((await client.get(`/api/v1/cases/${caseId}/assessment`)).body);
    assert.deepEqual(fresh.answers, {});
    assert.deepEqual(fresh.suggested, { diagnosis: 'none', urgency: 'not_said' });
    assert.equal(fresh.result, null);

    let res = await client.put(`/api/v1/cases/${caseId}/assessment`, { emergency: 'no', diagnosis: 'none' });
    assert.equal(res.statusCode, 400);
    const err = JSON.parse(res.body).error;
    assert.equal(err.code, 'invalid');
    assert.equal(err.fields.treatment, 'Choose at least one, or choose “None of these”.');
    assert.equal(err.fields.urgency, 'Choose how soon the doctor wants to start.');
    assert.deepEqual(JSON.parse((await client.get(`/api/v1/cases/${caseId}/assessment`)).body).answers, {});

    res = await client.put(`/api/v1/cases/${caseId}/assessment`, { emergency: 'maybe' });
    assert.equal(res.statusCode, 400);
    assert.equal(JSON.parse(res.body).error.fields.emergency, 'Choose yes or no.');

    res = await client.put(`/api/v1/cases/${caseId}/assessment`, { emergency: 'yes' });
    assert.equal(res.statusCode, 200);
    let body = JSON.parse(res.body);
    assert.equal(body.result.level, 'emergency');
    assert.equal(body.complete, false);

    res = await client.put(`/api/v1/cases/${caseId}/assessment`, {
      emergency: 'no',
      diagnosis: 'none',
      treatment: ['none'],
      working: 'not_started',
      listens: 'dismissed',
      feeling: 'yes',
      urgency: 'not_said',
    });
    body = JSON.parse(res.body);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      body.result.reasons.map((r: { id: string }) => r.id),
      ['no_diagnosis', 'dismissed', 'feels_wrong'],
    );
    assert.equal(body.result.askHowLong, true);
    assert.deepEqual(body.suggested, {}, 'nothing left to suggest once answered');
    const tasks = await t.deps.db
      .selectFrom('tasks')
      .select(['kind', 'due_on'])
      .where('case_id', '=', caseId)
      .execute();
    assert.deepEqual(
      tasks,
      [{ kind: 'ask_how_long_to_wait', due_on: '2026-12-04' }],
      'the doctor did not say how soon: ask within a week',
    );
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('object_id', '=', caseId).execute();
    assert.ok(audit.some((r) => r.action === 'assessment.complete'));
    assert.ok(audit.some((r) => r.action === 'assessment.view'));
  });
});
