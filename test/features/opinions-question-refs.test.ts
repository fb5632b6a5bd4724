import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { foreignQuestionRefs } from '../../src/features/opinions/opinions.ts';
import { listQuestions, removeQuestion } from '../../src/features/questions/questions-store.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { buildQuestionList } from '../builders/questions.ts';
import { api } from '../helpers/agent.ts';
import { page } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 13: an opinion's answers may point only at questions of the same case, through the
// API and the pages; anything else is a plain 400 and changes nothing.

describe('foreignQuestionRefs', () => {
  test('free questions and allowed ids pass; any other id is named by its index', () => {
    const allowed = new Set(['q1', 'q2']);
    assert.deepEqual(
      foreignQuestionRefs([{ questionId: 'q1' }, { questionId: null }, {}, { questionId: 'q2' }], allowed),
      [],
    );
    assert.deepEqual(
      foreignQuestionRefs([{ questionId: 'q1' }, { questionId: 'other-case' }, { questionId: 'q3' }], allowed),
      [1, 2],
    );
  });
});

forEachDialect('answers point only at the case’s own questions', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let caseId: string;
  let otherCase: string;
  let mine: string;
  let theirs: string;
  let client: ReturnType<typeof api>;
  const base = { doctorName: 'Dr. Ada Lovelace', givenOn: '2026-10-01' };

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    caseId = await buildCase(t.deps, user);
    // Another person's case, with its own questions: their ids must never be usable here.
    const stranger = await buildUser(t, { email: 'stranger@example.com' });
    otherCase = await buildCase(t.deps, stranger);
    mine = (await buildQuestionList(t.deps, user, caseId)).questionId;
    theirs = (await buildQuestionList(t.deps, stranger, otherCase)).questionId;
    client = api(t.app, user.apiToken);
  });
  after(() => t.close());

  const answersStored = async () =>
    (
      await t.deps.db
        .selectFrom('opinion_answers')
        .innerJoin('opinions', 'opinions.id', 'opinion_answers.opinion_id')
        .select(['question_id'])
        .where('opinions.case_id', '=', caseId)
        .execute()
    ).map((r) => r.question_id);
  const opinionsStored = async () =>
    (await t.deps.db.selectFrom('opinions').select('id').where('case_id', '=', caseId).execute()).length;

  test('API: a question of another case, or an id that is no question, is 400 with the field named; nothing saved', async () => {
    for (const questionId of [theirs, 'not-a-question-id']) {
      const res = await client.post(`/api/v1/cases/${caseId}/opinions`, {
        ...base,
        answers: [
          { question: 'Is it curable?', answer: 'Yes' },
          { questionId, question: 'Borrowed', answer: 'x' },
        ],
      });
      assert.equal(res.statusCode, 400, res.body);
      const err = (JSON.parse(res.body) as { error: { code: string; message: string; fields: Record<string, string> } })
        .error;
      assert.equal(err.code, 'invalid');
      assert.match(err.fields['answers.1.questionId']!, /not on this case’s list/);
      assert.equal(Object.keys(err.fields).length, 1);
    }
    assert.equal(await opinionsStored(), 0);
  });

  test('API: the case’s own question is accepted', async () => {
    const res = await client.post(`/api/v1/cases/${caseId}/opinions`, {
      ...base,
      answers: [{ questionId: mine, question: 'Mine', answer: 'Yes' }],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(await answersStored(), [mine]);
  });

  test('API PATCH: new answers to another case’s question are refused, the opinion unchanged; kept answers stay valid after the question is removed', async () => {
    const id = (
      JSON.parse((await client.get(`/api/v1/cases/${caseId}/opinions`)).body) as { opinions: { id: string }[] }
    ).opinions[0]!.id;
    let res = await client.patch(`/api/v1/cases/${caseId}/opinions/${id}`, {
      answers: [{ questionId: theirs, question: 'Borrowed', answer: 'x' }],
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(await answersStored(), [mine], 'unchanged');
    // The question is taken off the case's list; the answer given to it stays, and other edits still work.
    await removeQuestion(t.deps.db, caseId, mine, user.userId, t.deps.clock.now().toISOString());
    assert.ok(!(await listQuestions(t.deps.db, caseId)).some((q) => q.id === mine));
    res = await client.patch(`/api/v1/cases/${caseId}/opinions/${id}`, { notes: 'Asked about trials too.' });
    assert.equal(res.statusCode, 200, res.body);
    res = await client.patch(`/api/v1/cases/${caseId}/opinions/${id}`, {
      answers: [{ questionId: mine, question: 'Mine', answer: 'Still yes' }],
    });
    assert.equal(res.statusCode, 200, 'a removed question of this same case is still this case’s');
    assert.deepEqual(await answersStored(), [mine]);
  });

  test('page: a form whose hidden question id was changed to another case’s is 400, says so plainly, and saves nothing', async () => {
    const before = await opinionsStored();
    const res = await user.agent.post(`/cases/${caseId}/opinions/new`, {
      doctorName: 'Dr. Grace Hopper',
      givenOn__year: '2026',
      givenOn__month: '10',
      givenOn__day: '15',
      cq0_id: theirs,
      cq0_text: 'Borrowed question',
      cq0_answer: 'An answer',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /data-error-summary/);
    assert.ok(page(res.body).has('a[href="#cq0_answer"]'), 'the summary links to the answer box');
    assert.match(res.body, /This answer belongs to a question that is not on this case’s list/);
    assert.ok(!res.body.includes(theirs), 'the other case’s id is not echoed back into the form');
    assert.equal(await opinionsStored(), before);
  });

  test('page edit: the same refusal; the opinion is unchanged', async () => {
    const id = await buildOpinion(t.deps, user, caseId, { answers: [] });
    const res = await user.agent.post(`/cases/${caseId}/opinions/${id}/edit`, {
      doctorName: 'Dr. Changed',
      givenOn__year: '2026',
      givenOn__month: '10',
      givenOn__day: '15',
      cq0_id: 'made-up-id',
      cq0_text: 'Made up',
      cq0_answer: 'An answer',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /not on this case’s list/);
    const row = await t.deps.db
      .selectFrom('opinions')
      .select('doctor_name')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.doctor_name, 'Dr. Grace Hopper');
  });
});
