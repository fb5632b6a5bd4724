import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// The opinions, comparison and decision API, through app.inject, on both databases.

interface Opinion {
  id: string;
  isFirst: boolean;
  status: string;
  diagnoses: { text: string; code: string | null; codeDescription: string | null }[];
  plan: { category: string; details: string | null }[];
  answers: { questionId: string | null; question: string; answer: string | null }[];
  doctorName: string;
  givenOn: string;
}
interface Pair {
  a: string;
  b: string;
  vsFirst: boolean;
  diagnosis: string;
  treatment: string;
  goal: string;
  urgency: string;
  impact: string;
  differSignificantly: boolean;
  suggested: { diagnosis: string; treatment: string; impact: string };
  confirmed: { diagnosis: string | null; treatment: string | null; impact: string | null };
  basis: { diagnosis: string; treatment: string };
  diagnosisFromCodes: boolean;
  verdict: {
    headline: string;
    differentOn: string[];
    thirdOpinion: boolean;
    diagnosis: { level: string; suggested: string; basis: string; confirmed: string | null; by: string };
    treatment: { level: string; suggested: string; basis: string; confirmed: string | null; by: string };
  };
  headline: string;
  explanation: { diagnosis: string; treatment: string };
}
interface ComparisonBody {
  status: string;
  missing: string[];
  message: string;
  firstOpinionId: string | null;
  pairs: Pair[];
  anyDifferSignificantly: boolean;
  firstTwoDiffer: boolean;
}

const first = {
  doctorName: 'Dr. Ada Lovelace',
  doctorSpecialty: 'Breast surgeon',
  givenOn: '2026-10-01',
  givenHow: 'visit',
  diagnoses: [{ text: 'Breast cancer, left', code: 'C50.912' }],
  goal: 'cure',
  plan: [{ category: 'surgery', details: 'Mastectomy' }],
  urgency: 'within_weeks',
  answers: [{ question: 'Is it curable?', answer: 'Yes, most likely.' }],
};

forEachDialect('opinions API', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let caseId: string;
  let client: ReturnType<typeof api>;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    caseId = await buildCase(t.deps, user);
    client = api(t.app, user.apiToken);
  });
  after(() => t.close());

  const post = async (body: unknown) => client.post(`/api/v1/cases/${caseId}/opinions`, body);
  const count = async () =>
    (await t.deps.db.selectFrom('opinions').select('id').where('case_id', '=', caseId).execute()).length;
  const comparison = async (id = caseId) =>
    JSON.parse((await client.get(`/api/v1/cases/${id}/comparison`)).body) as ComparisonBody;

  test('with no opinions the comparison says what is missing instead of failing', async () => {
    const res = await client.get(`/api/v1/cases/${caseId}/comparison`);
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body) as ComparisonBody;
    assert.equal(body.status, 'needs_more_opinions');
    assert.deepEqual(body.missing, ['first_opinion', 'another_opinion']);
    assert.match(body.message, /No opinions are written down yet/);
  });

  test('records the first opinion; codes are normalised and described', async () => {
    const res = await post({ ...first, diagnoses: [{ text: 'Breast cancer, left', code: ' c50912 ' }] });
    assert.equal(res.statusCode, 201, res.body);
    const o = JSON.parse(res.body) as Opinion;
    assert.equal(o.isFirst, true);
    assert.equal(o.status, 'accepted');
    assert.deepEqual(o.diagnoses, [
      {
        text: 'Breast cancer, left',
        code: 'C50.912',
        codeDescription: 'Malignant neoplasm of unspecified site of left female breast',
      },
    ]);
    assert.deepEqual(o.answers, [{ questionId: null, question: 'Is it curable?', answer: 'Yes, most likely.' }]);
    const c = await comparison();
    assert.deepEqual(c.missing, ['another_opinion']);
    assert.match(c.message, /Only one opinion/);
  });

  test('a code alone gets its title as the diagnosis text', async () => {
    const other = await buildCase(t.deps, user);
    const res = await client.post(`/api/v1/cases/${other}/opinions`, {
      doctorName: 'Dr. B',
      givenOn: '2026-10-02',
      diagnoses: [{ code: 'I48.91' }],
    });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal((JSON.parse(res.body) as Opinion).diagnoses[0]!.text, 'Unspecified atrial fibrillation');
  });

  test('bad input is refused in plain words and changes nothing', async () => {
    const before = await count();
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['no doctor', { ...first, doctorName: '  ' }, 'doctorName', /doctor’s name/],
      ['no date', { ...first, givenOn: undefined }, 'givenOn', /date the doctor gave/],
      ['a date that does not exist', { ...first, givenOn: '2026-02-30' }, 'givenOn', /real date/],
      ['a date in the future', { ...first, givenOn: '2027-01-01' }, 'givenOn', /future/],
      [
        'an unknown code, with a suggestion',
        { ...first, diagnoses: [{ text: 'x', code: 'C50.99' }] },
        'diagnoses.0.code',
        /do not know the code C50\.99\. Did you mean: C50\.9 /,
      ],
      [
        'a code from nowhere',
        { ...first, diagnoses: [{ text: 'x', code: 'Z99.999' }] },
        'diagnoses.0.code',
        /Did you mean: Z99/,
      ],
      [
        'words where a code goes',
        { ...first, diagnoses: [{ text: 'x', code: 'breast cancer left' }] },
        'diagnoses.0.code',
        /not a diagnosis code/,
      ],
      [
        'a diagnosis with neither words nor code',
        { ...first, diagnoses: [{ text: '' }] },
        'diagnoses.0.text',
        /what the doctor called it/,
      ],
      [
        'a plan item without a kind',
        { ...first, plan: [{ details: 'something' }] },
        'plan.0.category',
        /kind of treatment/,
      ],
      [
        'an unknown kind of treatment',
        { ...first, plan: [{ category: 'magic' }] },
        'plan.0.category',
        /kind of treatment/,
      ],
      ['a bad NPI', { ...first, doctorNpi: '1234567890' }, 'doctorNpi', /NPI is a number with 10 digits/],
      ['a text that is too long', { ...first, notes: 'x'.repeat(4001) }, 'notes', /too long/],
      [
        'a diagnosis that is too long',
        { ...first, diagnoses: [{ text: 'x'.repeat(501) }] },
        'diagnoses.0.text',
        /too long/,
      ],
      [
        'too many diagnoses',
        { ...first, diagnoses: Array.from({ length: 11 }, () => ({ text: 'x' })) },
        'diagnoses',
        /too many/,
      ],
    ];
    for (const [name, body, field, message] of cases) {
      const res = await post(body);
      assert.equal(res.statusCode, 400, `${name}: ${res.body}`);
      const err = (JSON.parse(res.body) as { error: { code: string; fields: Record<string, string> } }).error;
      assert.equal(err.code, 'invalid', name);
      assert.ok(err.fields[field], `${name}: expected field ${field} in ${JSON.stringify(err.fields)}`);
      assert.match(err.fields[field]!, message, name);
    }
    assert.equal(await count(), before, 'nothing was saved');
  });

  test('a valid NPI is accepted', async () => {
    const other = await buildCase(t.deps, user);
    const res = await client.post(`/api/v1/cases/${other}/opinions`, {
      doctorName: 'Dr. N',
      givenOn: '2026-10-02',
      doctorNpi: '1234567893',
    });
    assert.equal(res.statusCode, 201, res.body);
  });

  let second: string;
  let third: string;

  test('three opinions: each later one against the first, and every pair', async () => {
    second = (
      JSON.parse(
        (
          await post({
            doctorName: 'Dr. Grace Hopper',
            doctorSpecialty: 'Oncologist',
            givenOn: '2026-10-15',
            diagnoses: [{ text: 'Invasive ductal carcinoma, left breast', code: 'C50.412' }],
            goal: 'cure',
            plan: [{ category: 'surgery', details: 'Lumpectomy' }, { category: 'radiation' }],
            urgency: 'within_weeks',
          })
        ).body,
      ) as Opinion
    ).id;
    third = (
      JSON.parse(
        (
          await post({
            doctorName: 'Dr. Barbara Liskov',
            givenOn: '2026-10-20',
            diagnoses: [{ text: 'Benign breast cyst' }],
            plan: [{ category: 'watchful_waiting', details: 'Ultrasound in 6 months' }],
            urgency: 'no_rush',
          })
        ).body,
      ) as Opinion
    ).id;
    const c = await comparison();
    assert.equal(c.status, 'ready');
    const firstId = c.firstOpinionId!;
    assert.deepEqual(
      c.pairs.map((p) => [p.a, p.b, p.vsFirst]),
      [
        [firstId, second, true],
        [firstId, third, true],
        [second, third, false],
      ],
    );
    const [p12, p13, p23] = c.pairs as [Pair, Pair, Pair];
    assert.deepEqual([p12.diagnosis, p12.basis.diagnosis, p12.diagnosisFromCodes], ['refined', 'same_category', true]);
    // Mastectomy vs lumpectomy with radiation: which surgery differs.
    assert.deepEqual([p12.treatment, p12.basis.treatment], ['different', 'different_main_treatment']);
    assert.equal(p12.goal, 'agree');
    assert.equal(p12.urgency, 'agree');
    assert.equal(p12.impact, 'major');
    assert.equal(p12.differSignificantly, true);
    // The one decision, and its words: the headline and each explanation agree with the levels.
    assert.deepEqual(
      [p12.verdict.headline, p12.verdict.differentOn, p12.verdict.thirdOpinion],
      ['differs', ['treatment'], true],
    );
    assert.deepEqual(p12.verdict.diagnosis, {
      level: 'refined',
      suggested: 'refined',
      basis: 'same_category',
      confirmed: null,
      by: 'rules',
    });
    assert.equal(p12.headline, 'The doctors do not agree on the treatment.');
    assert.match(
      p12.explanation.diagnosis,
      /^Same condition, more detail \(refined\)\. Both codes are in the same group of diagnoses\. \(our suggestion\)$/,
    );
    assert.match(
      p12.explanation.treatment,
      /^Different treatment\. The main treatment is the same kind, but a different one\./,
    );
    assert.equal(c.firstTwoDiffer, true);
    assert.deepEqual(
      [p13.diagnosis, p13.treatment, p13.urgency, p13.goal],
      ['different', 'different', 'differ', 'unknown'],
    );
    assert.equal(p13.diagnosisFromCodes, false);
    assert.equal(p13.differSignificantly, true);
    assert.equal(p23.differSignificantly, true);
    assert.equal(c.anyDifferSignificantly, true);
    assert.deepEqual(p12.confirmed, { diagnosis: null, treatment: null, impact: null });
  });

  test('the person corrects a suggestion; it is kept and can be undone', async () => {
    const firstId = (await comparison()).firstOpinionId!;
    // Asked the other way round: the same pair.
    let res = await client.put(`/api/v1/cases/${caseId}/comparison`, {
      a: second,
      b: firstId,
      treatment: 'same',
      impact: 'minor',
    });
    assert.equal(res.statusCode, 200, res.body);
    let p12 = (JSON.parse(res.body) as ComparisonBody).pairs[0]!;
    assert.deepEqual(p12.confirmed, { diagnosis: null, treatment: 'same', impact: 'minor' });
    assert.equal(p12.treatment, 'same');
    assert.equal(p12.suggested.treatment, 'different');
    assert.equal(p12.impact, 'minor');
    assert.equal(p12.differSignificantly, false);
    // The explanation says the person chose it, and what the rules had said; never the rules' reason for another level.
    assert.deepEqual([p12.verdict.treatment.by, p12.verdict.headline], ['corrected', 'refines']);
    assert.equal(
      p12.explanation.treatment,
      'Same treatment plan. You chose this. Our rules had said: Different treatment. (your answer)',
    );
    // Read back later: still there.
    p12 = (await comparison()).pairs[0]!;
    assert.equal(p12.confirmed.treatment, 'same');
    res = await client.put(`/api/v1/cases/${caseId}/comparison`, {
      a: firstId,
      b: second,
      treatment: null,
      impact: null,
    });
    p12 = (JSON.parse(res.body) as ComparisonBody).pairs[0]!;
    assert.deepEqual(p12.confirmed, { diagnosis: null, treatment: null, impact: null });
    assert.equal(p12.differSignificantly, true);
  });

  test('corrections for opinions of another case, or nonsense values, are refused', async () => {
    const other = await buildCase(t.deps, user);
    const foreign = (
      JSON.parse(
        (await client.post(`/api/v1/cases/${other}/opinions`, { doctorName: 'Dr. F', givenOn: '2026-10-02' })).body,
      ) as Opinion
    ).id;
    let res = await client.put(`/api/v1/cases/${caseId}/comparison`, { a: second, b: foreign, diagnosis: 'same' });
    assert.equal(res.statusCode, 400);
    res = await client.put(`/api/v1/cases/${caseId}/comparison`, { a: second, b: third, diagnosis: 'maybe' });
    assert.equal(res.statusCode, 400);
    res = await client.put(`/api/v1/cases/${caseId}/comparison`, { a: second, b: second, diagnosis: 'same' });
    assert.equal(res.statusCode, 400);
    assert.equal(
      (await t.deps.db.selectFrom('comparison_overrides').selectAll().where('case_id', '=', caseId).execute()).length,
      0,
    );
  });

  test('list, read one, change one; a foreign opinion id is 404', async () => {
    const list = JSON.parse((await client.get(`/api/v1/cases/${caseId}/opinions`)).body) as {
      firstOpinionId: string;
      opinions: Opinion[];
    };
    assert.deepEqual(
      list.opinions.map((o) => o.doctorName),
      ['Dr. Ada Lovelace', 'Dr. Grace Hopper', 'Dr. Barbara Liskov'],
    );
    const one = await client.get(`/api/v1/cases/${caseId}/opinions/${third}`);
    assert.equal(one.statusCode, 200);
    const patched = await client.patch(`/api/v1/cases/${caseId}/opinions/${third}`, {
      diagnoses: [{ text: 'Breast cancer', code: 'C50.919' }],
      goal: 'cure',
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const o = JSON.parse(patched.body) as Opinion;
    assert.equal(o.diagnoses[0]!.code, 'C50.919');
    assert.equal(o.doctorName, 'Dr. Barbara Liskov', 'fields not sent are kept');
    assert.equal(o.plan[0]!.category, 'watchful_waiting');
    const bad = await client.patch(`/api/v1/cases/${caseId}/opinions/${third}`, {
      diagnoses: [{ text: 'x', code: 'C50.99' }],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(
      (JSON.parse((await client.get(`/api/v1/cases/${caseId}/opinions/${third}`)).body) as Opinion).diagnoses[0]!.code,
      'C50.919',
      'unchanged',
    );
    const other = await buildCase(t.deps, user);
    assert.equal((await client.get(`/api/v1/cases/${other}/opinions/${third}`)).statusCode, 404);
    assert.equal((await client.patch(`/api/v1/cases/${other}/opinions/${third}`, { notes: 'x' })).statusCode, 404);
  });

  test('setting an opinion aside takes it out of the comparison; bringing it back restores it', async () => {
    let res = await client.patch(`/api/v1/cases/${caseId}/opinions/${third}`, { status: 'discarded' });
    assert.equal(res.statusCode, 200);
    assert.equal((await comparison()).pairs.length, 1);
    res = await client.patch(`/api/v1/cases/${caseId}/opinions/${third}`, { status: 'pending' });
    assert.equal(res.statusCode, 400);
    res = await client.patch(`/api/v1/cases/${caseId}/opinions/${third}`, { status: 'accepted' });
    assert.equal((await comparison()).pairs.length, 3);
  });

  test('the decision: recorded, the case becomes decided, taken back, open again', async () => {
    const caseStatus = async () =>
      (await t.deps.db.selectFrom('cases').select('status').where('id', '=', caseId).executeTakeFirstOrThrow()).status;
    let res = await client.get(`/api/v1/cases/${caseId}/decision`);
    assert.deepEqual(JSON.parse(res.body), { caseStatus: 'open', decision: null });
    res = await client.put(`/api/v1/cases/${caseId}/decision`, {
      decidedOn: '2026-11-01',
      choice: 'x',
      followedOpinionIds: ['not-an-opinion'],
    });
    assert.equal(res.statusCode, 400);
    res = await client.put(`/api/v1/cases/${caseId}/decision`, { decidedOn: '2026-11-01', choice: '' });
    assert.equal(res.statusCode, 400);
    assert.equal(await caseStatus(), 'open', 'refused input changed nothing');
    res = await client.put(`/api/v1/cases/${caseId}/decision`, {
      decidedOn: '2026-11-01',
      choice: 'Lumpectomy and radiation at City Hospital',
      reasons: 'Keeps the breast; two doctors agree on the diagnosis.',
      helpers: 'My daughter',
      followedOpinionIds: [second],
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = JSON.parse(res.body) as {
      caseStatus: string;
      decision: { followedOpinionIds: string[]; choice: string };
    };
    assert.equal(body.caseStatus, 'decided');
    assert.deepEqual(body.decision.followedOpinionIds, [second]);
    assert.equal(await caseStatus(), 'decided');
    const caseApi = JSON.parse((await client.get(`/api/v1/cases/${caseId}`)).body) as {
      status: string;
      steps: { slug: string; status: string }[];
    };
    assert.equal(caseApi.status, 'decided');
    assert.equal(caseApi.steps.find((s) => s.slug === 'decision')!.status, 'done');
    assert.equal(caseApi.steps.find((s) => s.slug === 'opinions')!.status, 'done');
    // Changing it keeps one decision.
    res = await client.put(`/api/v1/cases/${caseId}/decision`, {
      decidedOn: '2026-11-02',
      choice: 'Changed',
      followedOpinionIds: [],
    });
    assert.equal(
      (JSON.parse(res.body) as { decision: { followedOpinionIds: string[] } }).decision.followedOpinionIds.length,
      0,
    );
    res = await client.delete(`/api/v1/cases/${caseId}/decision`);
    assert.deepEqual(JSON.parse(res.body), { caseStatus: 'open', decision: null });
    assert.equal(await caseStatus(), 'open');
    const rows = await t.deps.db
      .selectFrom('decisions')
      .select(['withdrawn_at'])
      .where('case_id', '=', caseId)
      .execute();
    assert.equal(rows.length, 1, 'the withdrawn decision is kept');
    assert.notEqual(rows[0]!.withdrawn_at, null);
  });

  test('every read and write was audited with ids only', async () => {
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'object_type', 'object_id'])
      .where('patient_id', '=', user.patientId)
      .execute();
    const actions = new Set(rows.map((r) => r.action));
    for (const a of [
      'opinion.create',
      'opinion.list',
      'opinion.view',
      'opinion.update',
      'opinion.discard',
      'opinion.accept',
      'comparison.view',
      'comparison.confirm',
      'decision.record',
      'decision.withdraw',
      'decision.view',
    ]) {
      assert.ok(actions.has(a), `missing audit action ${a}`);
    }
    const text = JSON.stringify(rows);
    assert.ok(!text.includes('Lovelace') && !text.includes('cancer'), 'no names or medical words in the audit log');
  });

  test('step statuses follow the opinions', async () => {
    const fresh = await buildCase(t.deps, user);
    const steps = async () => {
      const body = JSON.parse((await client.get(`/api/v1/cases/${fresh}`)).body) as {
        steps: { slug: string; status: string }[];
      };
      return [
        body.steps.find((s) => s.slug === 'opinions')!.status,
        body.steps.find((s) => s.slug === 'decision')!.status,
      ];
    };
    assert.deepEqual(await steps(), ['not_started', 'not_started']);
    await client.post(`/api/v1/cases/${fresh}/opinions`, { doctorName: 'Dr. A', givenOn: '2026-10-01' });
    assert.deepEqual(await steps(), ['in_progress', 'not_started']);
    await client.post(`/api/v1/cases/${fresh}/opinions`, { doctorName: 'Dr. B', givenOn: '2026-10-02' });
    assert.deepEqual(await steps(), ['done', 'in_progress']);
  });
});
