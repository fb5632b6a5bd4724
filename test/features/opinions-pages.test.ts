import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { fieldValue, isChecked, page, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// The pages a person uses, as a browser without JavaScript would: forms posted, redirects
// followed, what the page says checked.

const date = (name: string, y: string, m: string, d: string) => ({
  [`${name}__year`]: y,
  [`${name}__month`]: m,
  [`${name}__day`]: d,
});
const shownValue = (html: string, name: string) => fieldValue(html, name) ?? undefined;

forEachDialect('opinion, comparison and decision pages', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let caseId: string;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    caseId = await buildCase(t.deps, user, {
      doctorName: 'Dr. Ada Lovelace',
      doctorSpecialty: 'Breast surgeon',
      diagnosis: 'Breast cancer, left',
      proposedTreatment: 'Mastectomy',
      toldOn: '2026-10-01',
      urgency: 'right_away',
    });
  });
  after(() => t.close());

  const opinionCount = async () =>
    (await t.deps.db.selectFrom('opinions').select('id').where('case_id', '=', caseId).execute()).length;

  test('the step page starts empty and offers the first opinion', async () => {
    const res = await user.agent.get(`/cases/${caseId}/opinions`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /No opinions yet/);
    assert.match(res.body, /Write down the first opinion/);
    const casePage = await user.agent.get(`/cases/${caseId}`);
    assert.ok(page(casePage.body).has(`a[href="/cases/${caseId}/opinions"]`), 'step 8 is linked from the case');
    assert.ok(page(casePage.body).has(`a[href="/cases/${caseId}/decision"]`), 'step 9 is linked from the case');
  });

  test('the first opinion’s form starts from what the person told us', async () => {
    const res = await user.agent.get(`/cases/${caseId}/opinions/new`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /We filled in what you told us/);
    assert.equal(shownValue(res.body, 'doctorName'), 'Dr. Ada Lovelace');
    assert.equal(shownValue(res.body, 'doctorSpecialty'), 'Breast surgeon');
    assert.equal(shownValue(res.body, 'dx0_text'), 'Breast cancer, left');
    assert.equal(shownValue(res.body, 'plan0_details'), 'Mastectomy');
    assert.equal(shownValue(res.body, 'givenOn__year'), '2026');
    assert.ok(isChecked(res.body, 'urgency', 'right_away'), 'urgency carried over from the case');
    // The code field is a plain text box the autocomplete can enhance.
    assert.ok(page(res.body).has('input[name="dx0_code"][data-icd10="dx0_text"]'));
  });

  test('bad input: plain errors linked to the fields, typed values kept, a code suggested, nothing saved', async () => {
    const res = await user.agent.post(`/cases/${caseId}/opinions/new`, {
      doctorName: '',
      dx0_text: 'Breast cancer',
      dx0_code: 'breast cancer left',
      dx1_text: 'Spread',
      dx1_code: 'C50.99',
      plan0_details: 'Lumpectomy',
      notes: 'x'.repeat(4001),
      ...date('givenOn', '', '', ''),
    });
    assert.equal(res.statusCode, 400);
    for (const field of ['doctorName', 'givenOn', 'dx0_code', 'dx1_code', 'plan0_category', 'notes'])
      assert.ok(page(res.body).has(`a[href="#${field}"]`), field);
    assert.match(res.body, /Write the doctor’s name/);
    assert.match(res.body, /Enter the date the doctor gave this opinion/);
    assert.match(
      res.body,
      /is not a code\. Codes that match these words: C50\.912 \(Malignant neoplasm of unspecified site of left female breast\)/,
    );
    assert.match(res.body, /We do not know the code C50\.99\. Did you mean: C50\.9 /);
    assert.match(res.body, /too long/);
    assert.equal(shownValue(res.body, 'dx0_text'), 'Breast cancer');
    assert.equal(shownValue(res.body, 'plan0_details'), 'Lumpectomy');
    assert.equal(await opinionCount(), 0);
  });

  test('"Add more rows" works without JavaScript and keeps what was typed', async () => {
    const res = await user.agent.post(`/cases/${caseId}/opinions/new`, {
      intent: 'more',
      doctorName: 'Dr. Typed',
      dx0_text: 'a',
      dx1_text: 'b',
      dx2_text: 'c',
    });
    assert.equal(res.statusCode, 200);
    assert.equal(shownValue(res.body, 'doctorName'), 'Dr. Typed');
    assert.ok(page(res.body).has('[name="dx6_text"]'));
    assert.doesNotMatch(res.body, /usa-error-message/);
    assert.equal(await opinionCount(), 0);
  });

  let firstId: string;
  let secondId: string;

  test('two opinions saved through the form; one opinion cannot be compared yet', async () => {
    let res = await user.agent.post(`/cases/${caseId}/opinions/new`, {
      doctorName: 'Dr. Ada Lovelace',
      doctorSpecialty: 'Breast surgeon',
      ...date('givenOn', '2026', '10', '1'),
      givenHow: 'visit',
      dx0_text: 'Breast cancer, left',
      dx0_code: 'c50912',
      goal: 'cure',
      plan0_category: 'surgery',
      plan0_details: 'Mastectomy',
      urgency: 'right_away',
      qa0_question: 'Is it curable?',
      qa0_answer: 'Yes, very likely.',
    });
    assert.equal(res.statusCode, 303, res.body.slice(0, 3000));
    firstId = /opinions\/([^/]+)$/.exec(String(res.headers.location))![1]!;
    res = await user.agent.get(String(res.headers.location));
    assert.match(res.body, /The opinion is saved/);
    assert.match(res.body, /C50\.912/);
    assert.match(res.body, /Is it curable\?/);

    res = await user.agent.get(`/cases/${caseId}/compare`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Only one opinion is written down/);
    assert.match(res.body, /Meyer/, 'the studies are cited even before there is a comparison');

    res = await user.agent.post(`/cases/${caseId}/opinions/new`, {
      doctorName: 'Dr. Grace Hopper',
      doctorSpecialty: 'Oncologist',
      ...date('givenOn', '2026', '10', '15'),
      dx0_text: 'Breast cancer, left',
      dx0_code: 'C50.912',
      goal: 'cure',
      plan0_category: 'watchful_waiting',
      plan0_details: 'Scans every 3 months',
      urgency: 'no_rush',
      qa0_question: 'Is it curable?',
      qa0_answer: 'Yes.',
    });
    assert.equal(res.statusCode, 303);
    secondId = /opinions\/([^/]+)$/.exec(String(res.headers.location))![1]!;
    assert.equal(await opinionCount(), 2);
  });

  test('the side-by-side page: words for agreement, the studies cited, a third opinion offered with coverage facts', async () => {
    const res = await user.agent.get(`/cases/${caseId}/compare`);
    assert.equal(res.statusCode, 200);
    const body = res.body;
    assert.match(body, /Opinion 1: Dr\. Ada Lovelace \(Breast surgeon\)/);
    assert.match(body, /Opinion 2: Dr\. Grace Hopper \(Oncologist\)/);
    assert.match(body, /Same diagnosis/);
    assert.match(body, /Different treatment/);
    assert.match(body, /Differs from opinion 1/);
    assert.ok(
      page(body).has('[data-label="Opinion 2: Dr. Grace Hopper (Oncologist)"]'),
      'cells are labelled for the stacked phone layout',
    );
    // The verdict's headline, on the card and on the pair, and the box that only a disagreement shows.
    assert.deepEqual(page(body).texts('.so-headline--differs').slice(0, 1), [
      'The doctors do not agree on the treatment.',
    ]);
    assert.match(body, /It makes sense to get another opinion/);
    assert.match(body, /a third, or even a fourth, opinion/);
    assert.match(body, /Original Medicare \(Part B\) helps pay for a third opinion/);
    assert.match(
      pageText(body),
      /Different treatment \(our suggestion\) The main treatment is a different kind\./,
      'the label and its explanation, together',
    );
    assert.ok(page(body).has('a[href="https://www.medicare.gov/coverage/second-surgical-opinions"]'));
    assert.match(
      body,
      /A breast cancer team: a cancer doctor \(oncologist\) and a breast surgeon/,
      'who might help, from the code range C50',
    );
    assert.match(body, /Meyer, Singh, Graber/);
    assert.match(body, /Van Such et al/);
    assert.ok(page(body).has('a[href="https://pubmed.ncbi.nlm.nih.gov/28374457/"]'));
    assert.match(body, /Is it curable\?/, 'a row for the question asked of both');
    assert.ok(page(body).has(`form[action="/cases/${caseId}/compare/third-opinion"]`));
  });

  test('the person corrects the treatment rating; the page says so', async () => {
    let res = await user.agent.post(`/cases/${caseId}/compare/confirm`, {
      a: firstId,
      b: secondId,
      diagnosis: '',
      treatment: 'refined',
      impact: 'moderate',
    });
    assert.equal(res.statusCode, 303);
    const rows = await t.deps.db
      .selectFrom('comparison_overrides')
      .select(['axis', 'value'])
      .where('case_id', '=', caseId)
      .orderBy('axis')
      .execute();
    assert.deepEqual(rows, [
      { axis: 'impact', value: 'moderate' },
      { axis: 'treatment', value: 'refined' },
    ]);
    res = await user.agent.get(`/cases/${caseId}/compare`);
    assert.match(res.body, /You chose this\. Our rules had said: Different treatment\./);
    assert.doesNotMatch(
      res.body,
      /The main treatment is the same kind, but a different one/,
      'no rule reason for a level the rules did not give',
    );
    // Corrected to "refined", the pair no longer disagrees: no third-opinion box, no Part B line.
    assert.match(res.body, /No disagreement found/);
    assert.doesNotMatch(res.body, /helps pay for a third opinion/);
    assert.doesNotMatch(res.body, /a third, or even a fourth, opinion/);
    // A pair that is not this case's is refused and changes nothing.
    res = await user.agent.post(`/cases/${caseId}/compare/confirm`, {
      a: firstId,
      b: 'someone-else',
      treatment: 'same',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(
      (await t.deps.db.selectFrom('comparison_overrides').select('id').where('case_id', '=', caseId).execute()).length,
      2,
    );
  });

  test('"Start looking for a third opinion" adds one task and goes to the doctors step', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await user.agent.post(`/cases/${caseId}/compare/third-opinion`);
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/cases/${caseId}/doctors`);
    }
    const tasks = await t.deps.db
      .selectFrom('tasks')
      .select(['step', 'kind', 'title', 'due_on', 'done_at'])
      .where('case_id', '=', caseId)
      .execute();
    assert.deepEqual(tasks, [
      {
        step: 'doctors',
        kind: 'find_third_opinion',
        title: 'Find a doctor for a third opinion',
        due_on: '2026-12-04',
        done_at: null,
      },
    ]);
    const doctors = await user.agent.get(`/cases/${caseId}/doctors`);
    assert.equal(doctors.statusCode, 200, 'the doctors step is there to land on');
  });

  test('setting an opinion aside and bringing it back', async () => {
    let res = await user.agent.post(`/cases/${caseId}/opinions/${secondId}/status`, { status: 'discarded' });
    assert.equal(res.statusCode, 303);
    res = await user.agent.get(`/cases/${caseId}/opinions`);
    assert.match(res.body, /Set aside/);
    res = await user.agent.get(`/cases/${caseId}/compare`);
    assert.match(res.body, /Only one opinion is written down/);
    res = await user.agent.post(`/cases/${caseId}/opinions/${secondId}/status`, { status: 'nonsense' });
    assert.equal(res.statusCode, 400);
    res = await user.agent.post(`/cases/${caseId}/opinions/${secondId}/status`, { status: 'accepted' });
    assert.equal(res.statusCode, 303);
    const row = await t.deps.db
      .selectFrom('opinions')
      .select('status')
      .where('id', '=', secondId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'accepted');
  });

  test('editing an opinion: the form holds what was saved; changes are kept', async () => {
    let res = await user.agent.get(`/cases/${caseId}/opinions/${secondId}/edit`);
    assert.equal(res.statusCode, 200);
    assert.equal(shownValue(res.body, 'doctorName'), 'Dr. Grace Hopper');
    assert.equal(shownValue(res.body, 'dx0_code'), 'C50.912');
    assert.equal(shownValue(res.body, 'qa0_question'), 'Is it curable?');
    res = await user.agent.post(`/cases/${caseId}/opinions/${secondId}/edit`, {
      doctorName: 'Dr. Grace Hopper',
      ...date('givenOn', '2026', '10', '15'),
      dx0_text: 'Breast cancer, left',
      dx0_code: 'C50.912',
      plan0_category: 'surgery',
      plan0_details: 'Lumpectomy',
      plan1_category: 'radiation',
    });
    assert.equal(res.statusCode, 303);
    const plan = await t.deps.db
      .selectFrom('opinion_plan_items')
      .select(['category', 'details'])
      .where('opinion_id', '=', secondId)
      .orderBy('position')
      .execute();
    assert.deepEqual(plan, [
      { category: 'surgery', details: 'Lumpectomy' },
      { category: 'radiation', details: null },
    ]);
    assert.equal((await user.agent.get(`/cases/${caseId}/opinions/no-such-opinion/edit`)).statusCode, 404);
  });

  test('the decision: refused without what was decided; then recorded, the case decided, the summary printed and as PDF', async () => {
    let res = await user.agent.get(`/cases/${caseId}/decision`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Write down your decision/);
    res = await user.agent.post(`/cases/${caseId}/decision`, {
      choice: '',
      ...date('decidedOn', '2026', '11', '2'),
      [`followed_${secondId}`]: 'yes',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Write what you decided/);
    assert.ok(page(res.body).has(`input[name="followed_${secondId}"][checked]`), 'ticked box kept');
    res = await user.agent.post(`/cases/${caseId}/decision`, {
      choice: 'x',
      ...date('decidedOn', '2026', '11', '2'),
      followed_forged: 'yes',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Choose only opinions that are part of this case/);
    let status = (
      await t.deps.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()
    ).status;
    assert.equal(status, 'open');

    res = await user.agent.post(`/cases/${caseId}/decision`, {
      choice: 'Lumpectomy and radiation at City Hospital',
      reasons: 'It keeps the breast, and the second doctor explained it well.',
      helpers: 'My daughter Ana',
      [`followed_${secondId}`]: 'yes',
      ...date('decidedOn', '2026', '11', '2'),
    });
    assert.equal(res.statusCode, 303);
    status = (await t.deps.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow())
      .status;
    assert.equal(status, 'decided');
    res = await user.agent.get(`/cases/${caseId}/decision`);
    assert.match(res.body, /Your decision is saved/);
    assert.match(res.body, /Opinion 2: Dr\. Grace Hopper/);
    assert.match((await user.agent.get(`/cases/${caseId}`)).body, /Decision made/);

    res = await user.agent.get(`/cases/${caseId}/decision/summary`);
    assert.equal(res.statusCode, 200);
    for (const want of [
      /The question/,
      /Opinion 1: Dr\. Ada Lovelace/,
      /Where the doctors agreed and differed/,
      /Lumpectomy and radiation at City Hospital/,
      /It keeps the breast/,
    ])
      assert.match(res.body, want);
    assert.match(res.body, /data-print/);
    // The summary says what the compare page says: the same headline and explanation, from one decision.
    const compare = (await user.agent.get(`/cases/${caseId}/compare`)).body;
    const headline = page(compare).text('.so-headline');
    assert.equal(
      headline,
      'No disagreement found. One opinion adds to the other, or gives more detail.',
      'the corrected pair only refines',
    );
    assert.ok(res.body.includes(headline), 'the summary page has the compare page’s headline');
    assert.match(res.body, /You chose this\. Our rules had said: Different treatment\./);

    res = await user.agent.get(`/cases/${caseId}/decision/summary.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['cache-control'], 'no-store');
    const pdf = await getDocumentProxy(new Uint8Array(res.rawPayload));
    const { text } = await extractText(pdf, { mergePages: true });
    for (const want of [
      'Dr. Ada Lovelace',
      'Dr. Grace Hopper',
      'Lumpectomy and radiation at City Hospital',
      'My daughter Ana',
      'Meyer et al. 2015',
    ])
      assert.ok(text.includes(want), `PDF has ${want}`);
    const flat = text.replace(/\s+/g, ' ');
    assert.ok(flat.includes(headline), 'the PDF has the same headline');
    assert.ok(flat.includes('You chose this. Our rules had said: Different treatment.'), 'and the same explanation');
  });

  test('reopening keeps the decision and opens the case', async () => {
    const res = await user.agent.post(`/cases/${caseId}/decision`, { intent: 'reopen' });
    assert.equal(res.statusCode, 303);
    const status = (
      await t.deps.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()
    ).status;
    assert.equal(status, 'open');
    assert.equal(
      (await t.deps.db.selectFrom('decisions').select('id').where('case_id', '=', caseId).execute()).length,
      1,
    );
  });

  test('an opinion a doctor wrote waits for the person, then joins the comparison', async () => {
    const pending = await buildOpinion(t.deps, user, caseId, {
      doctorName: 'Dr. Pending Doctor',
      givenOn: '2026-11-05',
      status: 'pending',
      source: 'doctor',
    });
    let res = await user.agent.get(`/cases/${caseId}/opinions`);
    assert.match(res.body, /Dr\. Pending Doctor/);
    assert.match(res.body, /Waiting for you to accept it/);
    assert.match(res.body, /Written by the doctor/);
    res = await user.agent.get(`/cases/${caseId}/compare`);
    assert.doesNotMatch(res.body, /Dr\. Pending Doctor/, 'not compared while pending');
    res = await user.agent.post(`/cases/${caseId}/opinions/${pending}/status`, { status: 'accepted' });
    assert.equal(res.statusCode, 303);
    res = await user.agent.get(`/cases/${caseId}/compare`);
    assert.match(res.body, /Opinion 3: Dr\. Pending Doctor/);
  });

  test('an unknown opinion id is 404, to read or to change', async () => {
    assert.equal((await user.agent.get(`/cases/${caseId}/opinions/not-an-id`)).statusCode, 404);
    assert.equal(
      (await user.agent.post(`/cases/${caseId}/opinions/not-an-id/status`, { status: 'accepted' })).statusCode,
      404,
    );
  });

  test('the code lookup page works by words and by code', async () => {
    let res = await user.agent.get('/codes/icd10?q=a-fib');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /I48\.91/);
    res = await user.agent.get('/codes/icd10?q=C50.9');
    assert.match(res.body, /C50\.9<\/span>/);
    res = await user.agent.get('/codes/icd10/suggest?q=heart%20failure');
    assert.equal(res.statusCode, 200);
    assert.equal((JSON.parse(res.body) as { results: { code: string }[] }).results[0]!.code, 'I50.9');
  });
});
