import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { extractText, getDocumentProxy } from 'unpdf';
import { listQuestionsForCase } from '../../src/features/questions/questions-store.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { fieldValue, isChecked, mainOf, page as parsePage, textOf } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Questions to ask, as a person uses them without JavaScript (every change is a form
// post), and through the API.

interface ApiQuestion {
  id: string;
  text: string;
  bankId: string | null;
  topic: string | null;
  source: { url: string } | null;
  own: boolean;
  important: boolean;
  position: number;
  removed: boolean;
  answers: { doctorId: string; doctorName: string; answer: string }[];
}
interface ApiList {
  ready: boolean;
  questions: ApiQuestion[];
  removed: ApiQuestion[];
  doctors: { id: string; name: string }[];
  suggestions: { bankId: string; fitsCase: boolean }[];
}

forEachDialect('questions to ask', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
  });
  after(() => t.close());

  const list = async (caseId: string): Promise<ApiList> => {
    const res = await api(t.app, user.apiToken).get(`/api/v1/cases/${caseId}/questions`);
    assert.equal(res.statusCode, 200, res.body);
    return JSON.parse(res.body) as ApiList;
  };
  const stepStatus = async (caseId: string) => {
    const res = await api(t.app, user.apiToken).get(`/api/v1/cases/${caseId}`);
    return (JSON.parse(res.body) as { steps: { slug: string; status: string }[] }).steps.find(
      (s) => s.slug === 'questions',
    )?.status;
  };

  test('the list is made from the case the first time it is opened, and only once', async () => {
    const caseId = await buildCase(t.deps, user, {
      diagnosis: 'Breast cancer, stage 2',
      proposedTreatment: 'Mastectomy',
      urgency: 'right_away',
    });
    assert.equal(await stepStatus(caseId), 'not_started');
    const page = await user.agent.get(`/cases/${caseId}/questions`);
    assert.equal(page.statusCode, 200);
    const text = textOf(mainOf(page.body));
    for (const q of [
      'What is my diagnosis? Can you write it down for me?',
      'What more can you tell me about this illness?',
      'How far along is my illness? Does it have a stage?',
      'Can this be treated? Can it be cured?',
      'What is likely to happen to me, with treatment and without it?',
      'What is the goal of treatment',
      'What are all my treatment choices?',
      'Do you agree with the plan my first doctor suggested?',
      'Where should I get treatment, and why there?',
      'Are there any clinical trials I could join?',
      'How can I handle my symptoms during and after treatment',
      'What could happen if I do not have the surgery?',
      'Should another lab look at my biopsy slides',
      'How long is it safe to wait before I start treatment?',
    ]) {
      assert.ok(text.includes(q), `missing: ${q}`);
    }
    const l = await list(caseId);
    assert.ok(!l.questions.some((q) => q.topic === 'no_diagnosis'), 'no "no diagnosis" questions on a diagnosed case');
    assert.ok(
      l.questions.every((q) => q.source?.url.startsWith('http')),
      'each suggested question shows its source',
    );
    assert.deepEqual(
      l.questions.map((q) => q.position),
      l.questions.map((_, i) => i + 1),
    );
    assert.equal(await stepStatus(caseId), 'in_progress');
    // Opening again makes nothing new.
    await user.agent.get(`/cases/${caseId}/questions`);
    assert.equal((await list(caseId)).questions.length, l.questions.length);
    const generated = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', caseId)
      .where('action', '=', 'questions.generate')
      .execute();
    assert.equal(generated.length, 1);
  });

  test('a case with no diagnosis gets questions about finding the cause', async () => {
    const caseId = await buildCase(t.deps, user, {
      diagnosisStatus: 'no_diagnosis',
      diagnosis: undefined,
      symptoms: 'Dizzy spells',
      proposedTreatment: 'Rest',
      urgency: 'no_rush',
    });
    const l = await list(caseId);
    const texts = l.questions.map((q) => q.text);
    assert.ok(texts.includes('What do you think is causing my symptoms?'));
    assert.ok(texts.includes('What have we ruled out so far, and how?'));
    assert.ok(!texts.includes('What is my diagnosis? Can you write it down for me?'));
    assert.ok(!l.questions.some((q) => q.topic === 'surgery'));
  });

  test('add, change, reorder, mark, remove and put back — all with plain form posts', async () => {
    const caseId = await buildCase(t.deps, user, {
      diagnosis: 'Heart failure',
      proposedTreatment: 'New medicine',
      urgency: 'no_rush',
    });
    const base = `/cases/${caseId}/questions`;
    const a = user.agent;
    await a.get(base);
    const before = await list(caseId);

    // Add one of our own, marked most important.
    let res = await a.post(base, { intent: 'add', text: 'Can my daughter join the visit by phone?', important: '1' });
    assert.equal(res.statusCode, 303);
    let after = await list(caseId);
    const mine = after.questions.at(-1)!;
    assert.equal(mine.text, 'Can my daughter join the visit by phone?');
    assert.equal(mine.own, true);
    assert.equal(mine.important, true);
    assert.equal(res.headers.location, `${base}#q-${mine.id}`);
    const page = await a.get(base);
    assert.match(textOf(mainOf(page.body)), /Most important Can my daughter join the visit by phone\?/);

    // A blank question: a message, what was typed kept, nothing added.
    res = await a.post(base, { intent: 'add', text: '   ', important: '1' });
    assert.equal(res.statusCode, 400);
    assert.match(textOf(res.body), /Please fix 1 thing\(s\) on this page Write your question\./);
    assert.ok(isChecked(res.body, 'important', '1'));
    res = await a.post(base, { intent: 'add', text: 'y'.repeat(501) });
    assert.equal(res.statusCode, 400);
    assert.ok(
      parsePage(res.body).texts('textarea').includes('y'.repeat(501)),
      'the long text comes back to be shortened',
    );
    assert.equal((await list(caseId)).questions.length, after.questions.length);

    // Move our question up one place, and the first one down.
    res = await a.post(base, { intent: 'up', questionId: mine.id });
    assert.equal(res.statusCode, 303);
    after = await list(caseId);
    assert.equal(after.questions.at(-2)!.id, mine.id);
    const first = after.questions[0]!.id;
    await a.post(base, { intent: 'down', questionId: first });
    assert.equal((await list(caseId)).questions[1]!.id, first);
    // The first one cannot go up: nothing changes.
    const order = (await list(caseId)).questions.map((q) => q.id);
    await a.post(base, { intent: 'up', questionId: order[0]! });
    assert.deepEqual(
      (await list(caseId)).questions.map((q) => q.id),
      order,
    );

    // Mark and unmark.
    await a.post(base, { intent: 'mark', questionId: first });
    assert.equal((await list(caseId)).questions.find((q) => q.id === first)!.important, true);
    await a.post(base, { intent: 'unmark', questionId: first });
    assert.equal((await list(caseId)).questions.find((q) => q.id === first)!.important, false);

    // Change the words of a suggested question: its source no longer applies.
    const edit = await a.get(`${base}/${first}`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /What is my diagnosis\? Can you write it down for me\?<\/textarea>/);
    res = await a.post(`${base}/${first}`, { text: '' });
    assert.equal(res.statusCode, 400);
    assert.match(textOf(res.body), /Write your question\./);
    res = await a.post(`${base}/${first}`, { text: 'What is the name of my illness, in plain words?', important: '1' });
    assert.equal(res.statusCode, 303);
    const changed = (await list(caseId)).questions.find((q) => q.id === first)!;
    assert.equal(changed.text, 'What is the name of my illness, in plain words?');
    assert.equal(changed.source, null);
    assert.equal(changed.important, true);
    assert.match(textOf(mainOf((await a.get(base)).body)), /Changed by you/);

    // Remove a suggested question and our own; our own is listed apart, to put back.
    const trials = (await list(caseId)).questions.find((q) => q.bankId === 'q.trials')!;
    await a.post(base, { intent: 'remove', questionId: trials.id });
    await a.post(base, { intent: 'remove', questionId: mine.id });
    after = await list(caseId);
    assert.ok(!after.questions.some((q) => q.id === trials.id || q.id === mine.id));
    assert.deepEqual(after.removed.map((q) => q.id).sort(), [trials.id, mine.id].sort());
    assert.ok(after.suggestions.some((s) => s.bankId === 'q.trials' && s.fitsCase));
    const withRemoved = await a.get(base);
    assert.match(
      textOf(mainOf(withRemoved.body)),
      /Questions you took off your list Can my daughter join the visit by phone\? Put back on my list/,
    );
    res = await a.post(base, { intent: 'restore', questionId: mine.id });
    assert.equal(res.statusCode, 303);
    // A removed suggested question comes back from the suggestions, at the end.
    await a.post(base, { intent: 'addBank', bankId: 'q.trials' });
    after = await list(caseId);
    assert.deepEqual(
      after.questions.slice(-2).map((q) => q.id),
      [mine.id, trials.id],
    );
    assert.equal(after.removed.length, 0);
    assert.equal(after.questions.length, before.questions.length + 1);
    // A question for another kind of case can be added too.
    await a.post(base, { intent: 'addBank', bankId: 'q.cancer.slides' });
    assert.equal((await list(caseId)).questions.at(-1)!.bankId, 'q.cancer.slides');

    // Nonsense is refused and changes nothing.
    res = await a.post(base, { intent: 'addBank', bankId: 'q.made-up' });
    assert.equal(res.statusCode, 400);
    res = await a.post(base, { intent: 'explode' });
    assert.equal(res.statusCode, 400);
    assert.match(textOf(res.body), /We did not understand that/);

    // The list is ready: step 3 done; and back to in progress.
    res = await a.post(base, { intent: 'ready' });
    assert.equal(res.statusCode, 303);
    assert.equal(await stepStatus(caseId), 'done');
    assert.match(textOf(mainOf((await a.get(base)).body)), /You marked this list ready on November 27, 2026/);
    await a.post(base, { intent: 'notReady' });
    assert.equal(await stepStatus(caseId), 'in_progress');

    // What the opinions step will be given: the list in order, without removed ones.
    const forOpinions = await listQuestionsForCase(t.deps.db, caseId);
    const now = await list(caseId);
    assert.deepEqual(
      forOpinions,
      now.questions.map((q) => ({ id: q.id, text: q.text })),
    );
  });

  test('a question of another case is never found through this one', async () => {
    const caseA = await buildCase(t.deps, user);
    const caseB = await buildCase(t.deps, user);
    const qB = (await list(caseB)).questions[0]!.id;
    await list(caseA);
    assert.equal(
      (await user.agent.post(`/cases/${caseA}/questions`, { intent: 'remove', questionId: qB })).statusCode,
      404,
    );
    assert.equal((await user.agent.get(`/cases/${caseA}/questions/${qB}`)).statusCode, 404);
    assert.equal(
      (await api(t.app, user.apiToken).patch(`/api/v1/cases/${caseA}/questions/${qB}`, { important: true })).statusCode,
      404,
    );
    assert.equal((await api(t.app, user.apiToken).delete(`/api/v1/cases/${caseA}/questions/${qB}`)).statusCode, 404);
    assert.equal((await list(caseB)).questions[0]!.important, false);
    assert.equal((await list(caseB)).removed.length, 0);
  });

  test('doctors’ answers: added per doctor, kept when a save fails, shown with the question', async () => {
    const caseId = await buildCase(t.deps, user, { doctorName: 'Dr. Ada Lovelace' });
    const base = `/cases/${caseId}/questions`;
    const a = user.agent;
    const index = await a.get(`${base}/answers`);
    assert.equal(index.statusCode, 200);
    assert.equal(fieldValue(index.body, 'name'), 'Dr. Ada Lovelace', 'the first doctor’s name is offered');

    let res = await a.post(`${base}/answers`, { name: ' ' });
    assert.equal(res.statusCode, 400);
    assert.match(textOf(res.body), /Write the doctor’s name\./);

    res = await a.post(`${base}/answers`, { name: 'Dr. Grace Hopper' });
    assert.equal(res.statusCode, 303);
    const doctorId = String(res.headers.location).split('/').at(-1)!;
    assert.equal(res.headers.location, `${base}/answers/${doctorId}`);

    const l = await list(caseId);
    const [q1, q2] = l.questions;
    const form = await a.get(`${base}/answers/${doctorId}`);
    assert.equal(form.statusCode, 200);
    assert.match(parsePage(form.body).text(`label[for="answer-${q1!.id}"]`), /^1\. What is my diagnosis/);

    // One answer too long: nothing is saved, and both typed answers come back.
    res = await a.post(`${base}/answers/${doctorId}`, {
      [`answer-${q1!.id}`]: 'Early stage, found on a scan.',
      [`answer-${q2!.id}`]: 'z'.repeat(4001),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Early stage, found on a scan\.<\/textarea>/);
    assert.match(textOf(res.body), /This is too long/);
    assert.ok((await list(caseId)).questions.every((q) => q.answers.length === 0));

    res = await a.post(`${base}/answers/${doctorId}`, {
      [`answer-${q1!.id}`]: 'Early stage, found on a scan.',
      [`answer-${q2!.id}`]: '',
    });
    assert.equal(res.statusCode, 303);
    const saved = await list(caseId);
    assert.deepEqual(
      saved.questions[0]!.answers.map((x) => [x.doctorName, x.answer]),
      [['Dr. Grace Hopper', 'Early stage, found on a scan.']],
    );
    assert.equal(saved.questions[1]!.answers.length, 0, 'an empty box is no answer');
    assert.match(
      textOf(mainOf((await a.get(`${base}/answers`)).body)),
      /What is my diagnosis\? Can you write it down for me\? Dr\. Grace Hopper Early stage, found on a scan\./,
    );
    assert.match(textOf(mainOf((await a.get(base)).body)), /Answered by: Dr\. Grace Hopper/);
    // Another doctor's answer sits beside the first (doctors are listed in the order they were added).
    t.clock.advance(60_000);
    const second = JSON.parse(
      (await api(t.app, user.apiToken).post(`/api/v1/cases/${caseId}/questions/doctors`, { name: 'Dr. Second' })).body,
    ) as { id: string };
    res = await api(t.app, user.apiToken).put(`/api/v1/cases/${caseId}/questions/${q1!.id}/answers/${second.id}`, {
      answer: 'Agrees with the first.',
    });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      (await list(caseId)).questions[0]!.answers.map((x) => x.doctorName),
      ['Dr. Grace Hopper', 'Dr. Second'],
    );
    assert.equal((await a.get(`${base}/answers/not-a-doctor`)).statusCode, 404);
  });

  test('the large-print sheet and the PDF: most important first, room to write', async () => {
    const caseId = await buildCase(t.deps, user, {
      diagnosis: 'Prostate cancer',
      proposedTreatment: 'Surgery',
      title: 'Dad’s prostate',
    });
    const base = `/cases/${caseId}/questions`;
    await user.agent.get(base);
    const l = await list(caseId);
    const important = l.questions[4]!;
    await user.agent.post(base, { intent: 'mark', questionId: important.id });
    await user.agent.post(base, { intent: 'add', text: 'Naïve question — with “quotes” and 漢字?' });

    const sheet = await user.agent.get(`${base}/print`);
    assert.equal(sheet.statusCode, 200);
    const text = textOf(mainOf(sheet.body));
    assert.match(text, /Questions to ask the doctor For: .* About: Dad’s prostate Doctor: Date:/);
    assert.ok(text.indexOf('Most important questions') < text.indexOf(important.text));
    assert.ok(text.indexOf(important.text) < text.indexOf('Other questions'));
    assert.equal(parsePage(sheet.body).all('.so-sheet__lines').length, l.questions.length + 1);

    const pdf = await user.agent.get(`${base}/sheet.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['content-disposition'], 'attachment; filename="questions-to-ask.pdf"');
    assert.equal(pdf.headers['cache-control'], 'no-store');
    const doc = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
    const { totalPages, text: pages } = await extractText(doc, { mergePages: false });
    assert.ok(totalPages >= 3, `a sheet with room to write runs to several pages, got ${totalPages}`);
    const all = pages.join('\n');
    assert.match(pages[0]!, /Questions to ask the doctor/);
    assert.match(pages[0]!, /Most important questions/);
    assert.match(pages[0]!, new RegExp(`1\\. ${important.text.slice(0, 20).replace(/[?.()]/g, '\\$&')}`));
    assert.match(all, /Other questions/);
    assert.match(
      all,
      /Naïve question — with “quotes” and \?\?\?/,
      'characters the font lacks become "?" instead of failing',
    );
    assert.match(pages.at(-1)!, new RegExp(`Page ${totalPages} of ${totalPages}`));
    for (const q of l.questions)
      assert.ok(all.replace(/\s+/g, ' ').includes(q.text.slice(0, 25)), `PDF lacks: ${q.text}`);
  });

  test('the API: add, change, move, remove, put back, mark ready; bad input is refused and changes nothing', async () => {
    const caseId = await buildCase(t.deps, user);
    const client = api(t.app, user.apiToken);
    const url = `/api/v1/cases/${caseId}/questions`;
    const start = await list(caseId);

    let res = await client.post(url, { text: 'Who do I call at night?', important: true });
    assert.equal(res.statusCode, 201);
    const mine = JSON.parse(res.body) as ApiQuestion;
    assert.equal(mine.position, start.questions.length + 1);
    assert.equal(mine.important, true);

    for (const bad of [
      {},
      { text: '' },
      { text: 'a', bankId: 'q.trials' },
      { bankId: 'nope' },
      { text: 'x'.repeat(501) },
    ]) {
      res = await client.post(url, bad);
      assert.equal(res.statusCode, 400, JSON.stringify(bad));
      assert.equal(JSON.parse(res.body).error.code, 'invalid');
    }
    assert.equal((await list(caseId)).questions.length, start.questions.length + 1);

    res = await client.patch(`${url}/${mine.id}`, { position: 1, text: 'Who do I call at night or on weekends?' });
    assert.equal(res.statusCode, 200);
    let l = await list(caseId);
    assert.equal(l.questions[0]!.id, mine.id);
    assert.equal(l.questions[0]!.text, 'Who do I call at night or on weekends?');
    assert.deepEqual(
      l.questions.map((q) => q.position),
      l.questions.map((_, i) => i + 1),
    );

    res = await client.patch(`${url}/${mine.id}`, { position: 0 });
    assert.equal(res.statusCode, 400);
    assert.equal(JSON.parse(res.body).error.fields.position, 'Give a place in the list, from 1 up.');

    res = await client.delete(`${url}/${mine.id}`);
    assert.equal(res.statusCode, 204);
    l = await list(caseId);
    assert.equal(l.removed[0]!.id, mine.id);
    res = await client.patch(`${url}/${mine.id}`, { important: false });
    assert.equal(res.statusCode, 400, 'a removed question is put back before it is changed');
    res = await client.patch(`${url}/${mine.id}`, { removed: false });
    assert.equal(res.statusCode, 200);
    assert.equal(JSON.parse(res.body).position, start.questions.length + 1, 'put back at the end');

    res = await client.post(url, { bankId: 'q.surgery.risks' });
    assert.equal(res.statusCode, 201);
    assert.equal(
      JSON.parse(res.body).source.url,
      'https://www.medicare.gov/what-medicare-covers/what-part-b-covers/get-a-second-opinion-before-surgery',
    );

    res = await client.put(`${url}/ready`, { ready: true });
    assert.equal(res.statusCode, 200);
    assert.equal(JSON.parse(res.body).ready, true);
    assert.equal(await stepStatus(caseId), 'done');
    res = await client.put(`${url}/ready`, {});
    assert.equal(res.statusCode, 400);

    res = await client.post(`${url}/doctors`, { name: '' });
    assert.equal(res.statusCode, 400);
    assert.equal(JSON.parse(res.body).error.fields.name, 'Write the doctor’s name.');
    assert.equal((await list(caseId)).doctors.length, 0);
  });
});
