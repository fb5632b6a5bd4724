import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { registerAccounts } from '../../src/features/accounts/accounts-routes.ts';
import { createCasesFeature } from '../../src/features/cases/cases-routes.ts';
import { loadIcd10 } from '../../src/features/codes/icd10-data.ts';
import { createOpinionsFeature } from '../../src/features/opinions/opinions-routes.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { createDeps } from '../../src/platform/deps.ts';
import { type App, buildApp } from '../../src/platform/http/app.ts';
import { memoryMailer } from '../../src/platform/mail.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { fieldValue, page } from '../helpers/html.ts';
import { type TestApp, testConfig } from '../helpers/test-app.ts';

// The providers the composition root injects: the case's questions (questions feature)
// and the plan type (coverage feature). Here they are stand-ins, so the opinions feature
// is shown to use them. SQLite only: nothing here depends on the database.

let t: TestApp;
let user: BuiltUser;
let caseId: string;
const QUESTIONS = [
  { id: 'q-goal', text: 'What is the goal of treatment?' },
  { id: 'q-trials', text: 'Do you know of any clinical trials for my condition?' },
];

before(async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-test-'));
  const config = testConfig(dataDir);
  const clock = fixedClock('2026-11-27T15:00:00.000Z');
  const mailer = memoryMailer();
  const deps = await createDeps(config, { clock, mailer });
  const app: App = await buildApp(deps, {
    features: [
      registerAccounts,
      createCasesFeature(),
      createOpinionsFeature({
        icd10: loadIcd10,
        questions: async () => QUESTIONS,
        coveragePlan: async () => 'original_medicare',
      }),
    ],
  });
  t = {
    app,
    deps,
    config,
    clock,
    mailer,
    dataDir,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  user = await buildUser(t);
  caseId = await buildCase(t.deps, user);
});
after(() => t.close());

test('the form asks each of the case’s questions, and answers are stored against them', async () => {
  let res = await user.agent.get(`/cases/${caseId}/opinions/new`);
  assert.match(page(res.body).text('label[for="cq0_answer"]'), /^What is the goal of treatment\?/);
  assert.equal(fieldValue(res.body, 'cq1_id'), 'q-trials');
  res = await user.agent.post(`/cases/${caseId}/opinions/new`, {
    doctorName: 'Dr. Q',
    givenOn__year: '2026',
    givenOn__month: '11',
    givenOn__day: '1',
    cq0_id: 'q-goal',
    cq0_text: 'What is the goal of treatment?',
    cq0_answer: 'To cure it.',
    cq1_id: 'q-trials',
    cq1_text: 'Do you know of any clinical trials for my condition?',
    cq1_answer: '',
    qa0_question: 'Can I keep working?',
    qa0_answer: 'Yes, part time.',
  });
  assert.equal(res.statusCode, 303);
  const rows = await t.deps.db
    .selectFrom('opinion_answers')
    .select(['question_id', 'question_text', 'answer'])
    .orderBy('position')
    .execute();
  assert.deepEqual(rows, [
    { question_id: 'q-goal', question_text: 'What is the goal of treatment?', answer: 'To cure it.' },
    { question_id: null, question_text: 'Can I keep working?', answer: 'Yes, part time.' },
  ]);
  // Editing shows the answer back under its question.
  const id = /opinions\/([^/]+)$/.exec(String(res.headers.location))![1]!;
  res = await user.agent.get(`/cases/${caseId}/opinions/${id}/edit`);
  assert.match(res.body, /id="cq0_answer"[^>]*>To cure it\.<\/textarea>/);
});

test('the comparison has a row per question, and coverage facts for the person’s plan', async () => {
  await buildOpinion(t.deps, user, caseId, {
    doctorName: 'Dr. R',
    givenOn: '2026-11-10',
    plan: [{ category: 'watchful_waiting', details: null }],
    answers: [{ questionId: 'q-goal', question: 'What is the goal of treatment?', answer: 'Control it for now.' }],
  });
  const res = await user.agent.get(`/cases/${caseId}/compare`);
  assert.equal(res.statusCode, 200);
  assert.ok(page(res.body).texts('th[scope="row"]').includes('What is the goal of treatment?'));
  assert.match(res.body, /Control it for now\./);
  assert.match(res.body, /What your insurance says about a third opinion/);
  assert.match(res.body, /Original Medicare \(Part B\) helps pay for a third opinion/);
  assert.match(res.body, /surgery or another big procedure/);
  assert.doesNotMatch(res.body, /Medicaid managed care plans must/, 'only the facts for this plan');
  assert.doesNotMatch(res.body, /Medicare Advantage plan must cover/, 'only the facts for this plan');
});

test('opinions that only refine each other: no third-opinion box, no Part B line, no "third or fourth"', async () => {
  const other = await buildCase(t.deps, user);
  await buildOpinion(t.deps, user, other, {
    givenOn: '2026-11-01',
    diagnoses: [{ text: 'Breast cancer', code: 'C50.9' }],
    plan: [{ category: 'surgery', details: 'Lumpectomy' }],
  });
  await buildOpinion(t.deps, user, other, {
    givenOn: '2026-11-10',
    diagnoses: [{ text: 'Breast cancer, left', code: 'C50.912' }],
    plan: [
      { category: 'surgery', details: 'Lumpectomy' },
      { category: 'radiation', details: null },
    ],
  });
  const res = await user.agent.get(`/cases/${other}/compare`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /No disagreement found\. One opinion adds to the other/);
  assert.match(res.body, /Same condition, more detail \(refined\)/);
  assert.match(res.body, /Same main treatment\. One plan adds something/);
  for (const never of [
    /helps pay for a third opinion/,
    /a third, or even a fourth, opinion/,
    /It makes sense to get another opinion/,
    /What your insurance says/,
  ])
    assert.doesNotMatch(res.body, never);
  // Still offered, without any coverage claim.
  assert.match(res.body, /You can always ask for another opinion/);
});

test('Original Medicare, one medicine against another: the doctors disagree, but the Part B surgery rule is not claimed', async () => {
  const other = await buildCase(t.deps, user);
  const dx = [{ text: 'Atrial fibrillation', code: 'I48.91' }];
  await buildOpinion(t.deps, user, other, {
    givenOn: '2026-11-01',
    diagnoses: dx,
    plan: [{ category: 'medication', details: 'Metoprolol' }],
  });
  await buildOpinion(t.deps, user, other, {
    givenOn: '2026-11-10',
    diagnoses: dx,
    plan: [{ category: 'medication', details: 'Diltiazem' }],
  });
  const res = await user.agent.get(`/cases/${other}/compare`);
  assert.match(res.body, /The doctors do not agree on the treatment\./);
  assert.match(res.body, /It makes sense to get another opinion/);
  assert.doesNotMatch(res.body, /helps pay for a third opinion/);
  assert.doesNotMatch(
    res.body,
    /What your insurance says about a third opinion/,
    'no coverage heading over an empty list',
  );
});
