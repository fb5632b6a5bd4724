import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ICD10_MORE_WORD_FORMS, ICD10_SYNONYMS, ICD10_WORD_FORMS } from '../../src/content/icd10-synonyms.ts';
import { LETTER_SENTENCES } from '../../src/content/letters.ts';
import { CASE_KINDS, CHECKLISTS } from '../../src/content/records.ts';
import { SPECIALTY_RANGES } from '../../src/content/specialists.ts';
import type { SourcedItem } from '../../src/content/types.ts';
import { loadIcd10 } from '../../src/features/codes/icd10-data.ts';
import { words } from '../../src/features/codes/icd10-words.ts';
import { categoryOrdinal, specialtyFor } from '../../src/features/opinions/guidance.ts';
import { allContentEntries } from '../../src/platform/content/report.ts';
import { en } from '../../src/platform/i18n/messages/en.ts';
import { buildPlan } from '../builders/doctors-tasks.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { buildRecordRequest, buildSpecimenRequest } from '../builders/records.ts';
import { type FakeCtGov, startFakeCtGov } from '../features/trials-fake-server.ts';
import { Agent, api } from '../helpers/agent.ts';
import { decode, pageText } from '../helpers/html.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';

// Every sourced item's trigger, proved: scenarios walk the app (one SQLite app; the views do
// not depend on the database) and read which items each page marks with data-content (the
// shared components in platform/ui/sourced.tsx), or, for the letters and the code search,
// the letter's words and the search's answers. Conditional items are checked both ways
// (shown when their condition holds, absent when it does not). The last test fails for any
// item in src/content that no scenario showed: a new item needs a scenario.

const shown = new Map<string, Set<string>>();
const problems: string[] = [];
const ITEMS = new Map(allContentEntries().map((e) => [e.id, e.item]));

/** The ids a page marks, checking that each marked item's words are on the page too. */
function marked(scenario: string, html: string): Set<string> {
  const ids = new Set<string>();
  for (const m of html.matchAll(/data-content="([^"]*)"/g))
    for (const id of decode(m[1]!).split(' ').filter(Boolean)) ids.add(id);
  const text = pageText(html);
  for (const id of ids) {
    const item = ITEMS.get(id);
    if (!item) problems.push(`${scenario}: marks ${id}, which is not a content item`);
    else if (
      typeof item.text === 'string' &&
      !text.includes(en[item.text as keyof typeof en].replace(/\s+/g, ' ').trim())
    )
      problems.push(`${scenario}: marks ${id} but its words are not on the page`);
    (shown.get(id) ?? shown.set(id, new Set()).get(id)!).add(scenario);
  }
  return ids;
}

function see(scenario: string, id: string): void {
  (shown.get(id) ?? shown.set(id, new Set()).get(id)!).add(scenario);
}

const idsOf = (items: readonly { id: string }[]) => items.map((i) => i.id);
function has(ids: Set<string>, want: readonly string[], scenario: string) {
  const missing = want.filter((w) => !ids.has(w));
  assert.deepEqual(missing, [], `${scenario}: should show`);
}
function hasNot(ids: Set<string>, never: readonly string[], scenario: string) {
  const there = never.filter((w) => ids.has(w));
  assert.deepEqual(there, [], `${scenario}: must not show`);
}

/** A message with its placeholders as "anything", to find it in a letter. */
const pattern = (key: string) =>
  new RegExp(en[key as keyof typeof en].replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '.+?'));

let t: TestApp;
let fake: FakeCtGov;
let me: BuiltUser;
const page = async (scenario: string, url: string) => {
  const res = await me.agent.get(url);
  assert.equal(res.statusCode, 200, `${scenario}: ${url} answered ${res.statusCode}`);
  return { html: res.body, ids: marked(scenario, res.body) };
};

before(async () => {
  fake = await startFakeCtGov();
  t = await buildTestApp('sqlite', { env: { CLINICALTRIALS_URL: fake.url } });
  me = await buildUser(t);
});
after(async () => {
  await t.close();
  await fake.close();
});

describe('the home page and the second-opinion check', () => {
  test('home page (signed out): asking is normal, no permission from the doctor, then the plan rule', async () => {
    const res = await new Agent(t.app).get('/');
    const ids = marked('home page', res.body);
    has(ids, ['reassure.routine', 'reassure.noPermission', 'reassure.planRules'], 'home');
    hasNot(ids, ['reassure.yourChoice'], 'home');
  });

  const answersFor = async (
    answers: Record<string, string | string[]>,
    caseOver: Parameters<typeof buildCase>[2] = {},
  ) => {
    const caseId = await buildCase(t.deps, me, caseOver);
    for (const [q, a] of Object.entries(answers)) {
      const res = await me.agent.post(`/cases/${caseId}/assessment/${q}`, { [q]: a });
      assert.ok(res.statusCode === 303 || res.statusCode === 302, `answer ${q}: ${res.statusCode}`);
    }
    if (answers.emergency !== 'yes')
      assert.equal((await me.agent.post(`/cases/${caseId}/assessment/review`)).statusCode, 303, 'check finished');
    return caseId;
  };

  test('start page and the emergency question', async () => {
    const caseId = await buildCase(t.deps, me);
    const intro = await page('check: start page', `/cases/${caseId}/assessment`);
    has(
      intro.ids,
      ['reassure.routine', 'reassure.noPermission', 'reassure.planRules', 'reassure.yourChoice', 'study.changes'],
      'check start',
    );
    const q = await page('check: emergency question', `/cases/${caseId}/assessment/emergency`);
    has(
      q.ids,
      idsOf(t.deps ? (await import('../../src/content/emergency.ts')).EMERGENCY_SIGNS : []),
      'emergency question',
    );
  });

  test('an emergency: call 911, do not wait, 988, the signs; nothing about reasons', async () => {
    const { EMERGENCY_ACTIONS, EMERGENCY_SIGNS } = await import('../../src/content/emergency.ts');
    const caseId = await answersFor({ emergency: 'yes' });
    const r = await page('check result: emergency', `/cases/${caseId}/assessment/result`);
    has(r.ids, [...idsOf(EMERGENCY_ACTIONS), ...idsOf(EMERGENCY_SIGNS)], 'emergency result');
    hasNot(r.ids, ['serious_diagnosis', 'fast.askDoctor'], 'emergency result');
  });

  test('every reason, and the waiting and fast-opinion guidance only when the doctor wants to start soon', async () => {
    const { REASONS } = await import('../../src/content/reasons.ts');
    const { WAITING_GUIDANCE, FAST_OPINION_TIPS } = await import('../../src/content/waiting.ts');
    const { NEXT_STEPS } = await import('../../src/content/next-steps.ts');
    const base = { emergency: 'no', working: 'not_helping', listens: 'dismissed', feeling: 'yes' };
    const urgent = await answersFor({
      ...base,
      diagnosis: 'serious',
      treatment: ['surgery', 'side_effects', 'costly', 'several_options'],
      urgency: 'right_away',
    });
    const a = await page('check result: serious, right away', `/cases/${urgent}/assessment/result`);
    has(
      a.ids,
      [
        ...idsOf(WAITING_GUIDANCE),
        ...idsOf(FAST_OPINION_TIPS),
        ...idsOf(NEXT_STEPS),
        'emergency.dontWait',
        'serious_diagnosis',
        'surgery',
        'side_effects',
        'costly',
        'several_options',
        'not_working',
        'dismissed',
        'feels_wrong',
      ],
      'urgent',
    );
    hasNot(a.ids, ['emergency.call', 'rare_or_unclear', 'no_diagnosis', 'unsure'], 'urgent');

    const weeks = await answersFor({
      emergency: 'no',
      diagnosis: 'unclear',
      treatment: ['none'],
      working: 'not_started',
      listens: 'not_sure',
      feeling: 'not_sure',
      urgency: 'within_weeks',
    });
    const b = await page('check result: unclear, within weeks', `/cases/${weeks}/assessment/result`);
    has(b.ids, [...idsOf(WAITING_GUIDANCE), 'rare_or_unclear', 'unsure'], 'within weeks');
    hasNot(b.ids, idsOf(FAST_OPINION_TIPS), 'within weeks: no fast-opinion tips');

    const calm = await answersFor({
      emergency: 'no',
      diagnosis: 'none',
      treatment: ['none'],
      working: 'helping',
      listens: 'yes',
      feeling: 'no',
      urgency: 'no_rush',
    });
    const c = await page('check result: no diagnosis, no rush', `/cases/${calm}/assessment/result`);
    has(c.ids, ['no_diagnosis', 'study.changes'], 'no rush');
    hasNot(
      c.ids,
      [...idsOf(WAITING_GUIDANCE), ...idsOf(FAST_OPINION_TIPS), 'emergency.dontWait'],
      'no rush: no urgency guidance',
    );
    assert.ok(
      REASONS.every((r) => shown.has(r.id)),
      'every reason was shown',
    );
  });

  test('the case page warns about urgency only when the doctor wants to start right away', async () => {
    const { URGENCY_NOTES } = await import('../../src/content/urgency.ts');
    const urgent = await page(
      'case page: right away',
      `/cases/${await buildCase(t.deps, me, { urgency: 'right_away' })}`,
    );
    has(urgent.ids, idsOf(URGENCY_NOTES), 'case right away');
    const calm = await page('case page: no rush', `/cases/${await buildCase(t.deps, me, { urgency: 'no_rush' })}`);
    hasNot(calm.ids, idsOf(URGENCY_NOTES), 'case no rush');
  });
});

describe('questions to ask', () => {
  test('the list fits the case: surgery, cancer, no diagnosis, a long-term illness, a medicine, cost, urgency', async () => {
    const { QUESTION_BANK } = await import('../../src/content/question-bank.ts');
    const cases: [string, Parameters<typeof buildCase>[2], string[], string[]][] = [
      [
        'cancer, surgery, right away',
        { diagnosis: 'Breast cancer', proposedTreatment: 'Mastectomy', urgency: 'right_away' },
        ['q.diagnosis', 'q.cancer.slides', 'q.surgery.risks', 'q.timing.wait'],
        ['q.diagnosis.unknown', 'q.nodx.worse'],
      ],
      [
        'no diagnosis, no rush',
        {
          diagnosisStatus: 'no_diagnosis',
          diagnosis: null,
          symptoms: 'Tired all the time',
          proposedTreatment: '',
          urgency: 'no_rush',
        } as never,
        ['q.diagnosis.unknown', 'q.nodx.worse'],
        ['q.diagnosis', 'q.cancer.slides', 'q.surgery.risks', 'q.timing.wait'],
      ],
      [
        'long-term illness on a medicine',
        { diagnosis: 'Type 2 diabetes, long-term', proposedTreatment: 'Metformin tablets daily', urgency: 'no_rush' },
        ['q.chronic.working', 'q.med.sideEffects'],
        ['q.cancer.slides'],
      ],
    ];
    for (const [name, over, want, never] of cases) {
      const caseId = await buildCase(t.deps, me, over);
      const p = await page(`questions: ${name}`, `/cases/${caseId}/questions`);
      // The person's list (every other bank question can be added from "More questions" below it).
      const list = marked(
        `questions: ${name}`,
        [...p.html.matchAll(/<li id="q-[\s\S]*?<\/li>/g)].map((m) => m[0]).join(''),
      );
      has(list, want, name);
      hasNot(list, never, name);
    }
    // Cost comes from the check's answer "a costly treatment".
    const costly = await buildCase(t.deps, me, { urgency: 'no_rush' });
    for (const [q, a] of Object.entries({
      emergency: 'no',
      diagnosis: 'serious',
      treatment: 'costly',
      working: 'not_started',
      listens: 'yes',
      feeling: 'no',
      urgency: 'no_rush',
    }))
      await me.agent.post(`/cases/${costly}/assessment/${q}`, { [q]: a });
    await me.agent.post(`/cases/${costly}/assessment/review`);
    const cost = await page('questions: costly treatment', `/cases/${costly}/questions`);
    has(
      marked('questions: costly', [...cost.html.matchAll(/<li id="q-[\s\S]*?<\/li>/g)].map((m) => m[0]).join('')),
      ['q.cost.howMuch', 'q.cost.approval', 'q.cost.lower'],
      'costly',
    );
    assert.ok(QUESTION_BANK.length > 30);
  });
});

describe('coverage (step 4), per plan type', () => {
  const plans = [
    'original_medicare',
    'medicare_advantage_hmo',
    'medicare_advantage_ppo',
    'private_ppo',
    'private_hmo',
    'private_epo',
    'private_pos',
    'medicaid_ffs',
    'medicaid_managed_care',
    'tricare',
    'va',
    'uninsured',
    'not_sure',
  ];
  test('each plan type shows its own rules and never another program’s', async () => {
    const got = new Map<string, Set<string>>();
    for (const planType of plans) {
      const caseId = await buildCase(t.deps, me, { proposedTreatment: 'Knee replacement surgery' });
      await buildPlan(t.deps, me, caseId, { planType: planType as never });
      got.set(planType, (await page(`coverage: ${planType}`, `/cases/${caseId}/coverage`)).ids);
    }
    const om = got.get('original_medicare')!;
    has(
      om,
      [
        'coverage.medicare.no-network',
        'coverage.medicare.no-prior-auth',
        'coverage.medicare.part-b-surgery',
        'coverage.medicare.part-b-third',
        'coverage.appeal.original-medicare',
      ],
      'Original Medicare',
    );
    hasNot(
      om,
      [
        'coverage.call-first',
        'coverage.state-law',
        'coverage.advantage.covers-original',
        'coverage.appeal.private-plans',
      ],
      'Original Medicare',
    );
    has(
      got.get('private_pos')!,
      ['coverage.private.pos-referral', 'coverage.state-law', 'coverage.state-law.self-funded'],
      'POS',
    );
    hasNot(got.get('private_pos')!, ['coverage.medicare.no-network', 'coverage.medicaid.managed-care-no-cost'], 'POS');
    has(
      got.get('medicare_advantage_ppo')!,
      ['coverage.advantage.covers-original', 'coverage.advantage.ppo', 'coverage.appeal.medicare-advantage'],
      'MA PPO',
    );
    hasNot(got.get('medicare_advantage_hmo')!, ['coverage.advantage.ppo', 'coverage.state-law'], 'MA HMO');
    has(
      got.get('medicaid_managed_care')!,
      ['coverage.medicaid.managed-care-no-cost', 'coverage.appeal.medicaid-plan-fair-hearing'],
      'Medicaid plan',
    );
    hasNot(got.get('medicaid_ffs')!, ['coverage.medicaid.managed-care-no-cost'], 'Medicaid FFS');
    has(
      got.get('uninsured')!,
      [
        'coverage.uninsured.self-pay-price',
        'coverage.self-pay.good-faith-estimate',
        'coverage.uninsured.financial-help',
      ],
      'uninsured',
    );
    hasNot(got.get('uninsured')!, ['coverage.call-first', 'coverage.medicare.part-b-third'], 'uninsured');
    // A state rule never appears without the self-funded plan rule.
    for (const [plan, ids] of got)
      if (ids.has('coverage.state-law')) assert.ok(ids.has('coverage.state-law.self-funded'), plan);
  });
});

describe('doctors (step 5)', () => {
  test('the main page, the referral letter, and "Find a doctor" with and without cancer', async () => {
    const cancer = await buildCase(t.deps, me, { diagnosis: 'Breast cancer' });
    const main = await page('doctors: main page', `/cases/${cancer}/doctors`);
    has(main.ids, ['paths.no-permission'], 'doctors main');
    await me.agent.post(`/cases/${cancer}/doctors/path`, { path: 'referral' });
    await page('doctors: referral letter', `/cases/${cancer}/doctors/referral`);
    await me.agent.post(`/cases/${cancer}/doctors/path`, { path: 'own' });
    await page('doctors: main page, on your own', `/cases/${cancer}/doctors`);
    const find = await page('doctors: find, cancer', `/cases/${cancer}/doctors/find`);
    has(
      find.ids,
      ['paths.cancer-help-line', 'paths.cancer-centers', 'paths.teaching-hospitals', 'paths.groups'],
      'find, cancer',
    );
    const heart = await buildCase(t.deps, me, {
      diagnosis: 'Heart valve disease',
      proposedTreatment: 'Valve replacement',
    });
    const find2 = await page('doctors: find, not cancer', `/cases/${heart}/doctors/find`);
    hasNot(find2.ids, ['paths.cancer-help-line', 'paths.cancer-centers'], 'find, not cancer');
    const asked = await page('doctors: find, centers asked for', `/cases/${heart}/doctors/find?centers=1`);
    has(asked.ids, ['paths.cancer-centers'], 'centers asked for');
  });
});

describe('records (step 6)', () => {
  test('the records page, the checklist for every kind of case, and the request and specimen forms', async () => {
    const caseId = await buildCase(t.deps, me);
    has((await page('records page', `/cases/${caseId}/records`)).ids, ['records.images'], 'records page');
    for (const kind of CASE_KINDS) {
      await me.agent.post(`/cases/${caseId}/records/checklist`, { intent: 'kind', caseKind: kind });
      const p = await page(`records checklist: ${kind}`, `/cases/${caseId}/records/checklist`);
      has(p.ids, idsOf(CHECKLISTS[kind]), `checklist ${kind}`);
      const others = Object.values(CHECKLISTS)
        .flat()
        .filter((i) => !CHECKLISTS[kind].includes(i));
      hasNot(p.ids, idsOf(others), `checklist ${kind}`);
    }
    const { ACCESS_FACTS, FEE_FACTS, SPECIMEN_FACTS, AUTHORIZATION_FACTS } = await import(
      '../../src/content/records.ts'
    );
    const form = await page('records request form', `/cases/${caseId}/records/requests/new`);
    has(form.ids, [...idsOf(ACCESS_FACTS), ...idsOf(FEE_FACTS), 'access.enforcement'], 'request form');
    const spec = await page('specimen request form', `/cases/${caseId}/records/specimens/new`);
    has(spec.ids, idsOf(SPECIMEN_FACTS), 'specimen form');
    const specimenId = await buildSpecimenRequest(t, me, caseId);
    has(
      (await page('specimen request page', `/cases/${caseId}/records/specimens/${specimenId}`)).ids,
      idsOf(SPECIMEN_FACTS),
      'specimen page',
    );
    // An authorization (paper copies to someone else) gets its own facts; a request for me does not.
    const toMe = await buildRecordRequest(t, me, caseId, { format: 'paper', delivery: 'me' });
    const auth = await buildRecordRequest(t, me, caseId, {
      format: 'paper',
      delivery: 'third_party',
      recipientName: 'Dr. Hopper',
      recipientAddress: '2 Main St, Boston',
    });
    const a = await page('records request page: for me', `/cases/${caseId}/records/requests/${toMe}`);
    hasNot(a.ids, idsOf(AUTHORIZATION_FACTS), 'request for me');
    const b = await page('records request page: authorization', `/cases/${caseId}/records/requests/${auth}`);
    has(b.ids, idsOf(AUTHORIZATION_FACTS), 'authorization');
  });

  test('each kind of letter carries its own legal sentences and none of another kind’s', async () => {
    const L = LETTER_SENTENCES;
    const caseId = await buildCase(t.deps, me);
    const kinds: [string, Parameters<typeof buildRecordRequest>[3], (keyof typeof L)[]][] = [
      [
        'for me',
        { format: 'electronic', delivery: 'me' },
        ['subject', 'opening', 'deadline', 'fees', 'cures', 'representative'],
      ],
      [
        'directive',
        {
          format: 'electronic',
          delivery: 'third_party',
          recipientName: 'Dr. Hopper',
          recipientAddress: '2 Main St, Boston',
        },
        [
          'subjectDirective',
          'openingDirective',
          'signedDirective',
          'ehrOnly',
          'deadline',
          'feesThirdParty',
          'representative',
        ],
      ],
      [
        'authorization',
        {
          format: 'paper',
          delivery: 'third_party',
          recipientName: 'Dr. Hopper',
          recipientAddress: '2 Main St, Boston',
        },
        [
          'subjectAuthorization',
          'recipient',
          'purpose',
          'expires',
          'revoke',
          'condition',
          'redisclose',
          'feesThirdParty',
          'representative',
        ],
      ],
    ];
    for (const [name, over, want] of kinds) {
      const id = await buildRecordRequest(t, me, caseId, over);
      const res = await me.agent.get(`/cases/${caseId}/records/requests/${id}/letter`);
      assert.equal(res.statusCode, 200);
      const letter = pageText(/<article[\s\S]*?<\/article>/.exec(res.body)![0]);
      for (const [k, item] of Object.entries(L) as [keyof typeof L, SourcedItem][]) {
        const inLetter = pattern(item.text).test(letter);
        if (want.includes(k)) {
          assert.ok(inLetter, `${name} letter should say ${item.id}`);
          see(`letter: ${name}`, item.id);
        } else assert.ok(!inLetter, `${name} letter must not say ${item.id}`);
      }
    }
  });
});

describe('comparing opinions (step 9)', () => {
  let icd: Awaited<ReturnType<typeof loadIcd10>>;
  before(async () => {
    icd = await loadIcd10();
  });

  /** A real code whose narrowest row in the table is this row. */
  function codeFor(row: (typeof SPECIALTY_RANGES)[number]): string {
    const lo = categoryOrdinal(row.from)!;
    const hi = categoryOrdinal(row.to)!;
    const letters = [row.from[0]!, row.to[0]!];
    const candidates: string[] = [];
    for (const l of new Set(letters))
      for (let n = 0; n < 100; n++) candidates.push(`${l}${String(n).padStart(2, '0')}`);
    for (const cat of candidates.filter((c) => specialtyFor(c) === row)) {
      for (const hit of icd.search(cat, { limit: 5 }).hits) {
        const place = icd.place(hit.code);
        const n = place ? categoryOrdinal(place.category) : null;
        if (place && n !== null && n >= lo && n <= hi && specialtyFor(place.category) === row) return hit.code;
      }
    }
    throw new Error(`no code found for ${row.id}`);
  }

  test('who might help: every row of the code-range table, marked only for the diagnoses that fall in it', async () => {
    const caseId = await buildCase(t.deps, me);
    const codes = SPECIALTY_RANGES.map((r) => ({ text: r.id, code: codeFor(r) }));
    await buildOpinion(t.deps, me, caseId, { diagnoses: codes.slice(0, 1) });
    await buildOpinion(t.deps, me, caseId, { diagnoses: codes.slice(1) });
    const p = await page('compare: every code range', `/cases/${caseId}/compare`);
    has(p.ids, idsOf(SPECIALTY_RANGES), 'every range');

    const narrow = await buildCase(t.deps, me);
    await buildOpinion(t.deps, me, narrow, { diagnoses: [{ text: 'Breast cancer, left', code: 'C50.912' }] });
    await buildOpinion(t.deps, me, narrow, { diagnoses: [{ text: 'Fibrocystic breast', code: 'N60.19' }] });
    const q = await page('compare: breast cancer against a breast disorder', `/cases/${narrow}/compare`);
    has(q.ids, ['who.breastCancer', 'who.breast', 'third.cancerCenter'], 'breast pair');
    hasNot(q.ids, ['who.cancer', 'who.uroCancer', 'who.femaleGenital'], 'breast pair');
  });

  test('third-opinion facts only when opinions differ, and coverage facts for the person’s plan type', async () => {
    const { STUDY_FACTS, THIRD_OPINION_FACTS, COVERAGE_FACTS: C } = await import('../../src/content/third-opinion.ts');
    const differ = async (plan: string | null) => {
      const caseId = await buildCase(t.deps, me, { diagnosis: 'Knee pain' });
      if (plan) await buildPlan(t.deps, me, caseId, { planType: plan as never });
      await buildOpinion(t.deps, me, caseId, {
        diagnoses: [{ text: 'Osteoarthritis of the knee', code: 'M17.11' }],
        plan: [{ category: 'surgery', details: 'Knee replacement' }],
      });
      await buildOpinion(t.deps, me, caseId, {
        diagnoses: [{ text: 'Gout', code: 'M10.9' }],
        plan: [{ category: 'medication', details: 'Colchicine' }],
      });
      return (await page(`compare: different, plan ${plan ?? 'not known'}`, `/cases/${caseId}/compare`)).ids;
    };
    const om = await differ('original_medicare');
    has(
      om,
      [
        ...idsOf(STUDY_FACTS),
        ...idsOf(THIRD_OPINION_FACTS),
        C.partBThird.id,
        C.partBThirdScope.id,
        C.partBNotCosmetic.id,
      ],
      'Original Medicare, different',
    );
    hasNot(om, [C.advantageSame.id, C.medicaid.id, C.askFirst.id], 'Original Medicare, different');
    has(await differ('medicare_advantage_hmo'), [C.advantageSame.id, C.advantageRules.id, C.askFirst.id], 'MA');
    has(await differ('medicaid_managed_care'), [C.medicaid.id, C.askFirst.id], 'Medicaid plan');
    has(
      await differ(null),
      [C.askFirst.id, C.partBThird.id, C.advantageSame.id, C.advantageRules.id, C.medicaid.id],
      'plan not known',
    );
    hasNot(
      await differ('uninsured'),
      Object.values(C).map((f) => f.id),
      'no plan',
    );

    const refined = await buildCase(t.deps, me);
    await buildPlan(t.deps, me, refined, { planType: 'original_medicare' });
    await buildOpinion(t.deps, me, refined, { diagnoses: [{ text: 'Breast cancer', code: 'C50.919' }] });
    await buildOpinion(t.deps, me, refined, { diagnoses: [{ text: 'Breast cancer, left', code: 'C50.912' }] });
    const same = await page('compare: refined only', `/cases/${refined}/compare`);
    has(same.ids, idsOf(STUDY_FACTS), 'refined');
    hasNot(
      same.ids,
      [...idsOf(THIRD_OPINION_FACTS), ...Object.values(C).map((f) => f.id), 'third.cancerCenter'],
      'refined: no third-opinion facts',
    );
  });

  test('code search: each synonym group and word form finds codes with the words it stands for', async () => {
    const client = api(t.app, me.apiToken);
    const failures: string[] = [];
    const finds = async (typed: string, titleWords: string[][]) => {
      const res = await client.get(`/api/v1/codes/icd10?q=${encodeURIComponent(typed)}&limit=5`);
      const hits = (res.json() as { results: { description: string }[] }).results;
      return hits.some((h) => {
        const title = ` ${words(h.description).join(' ')} `;
        return titleWords.some((ws) => ws.every((w) => title.includes(` ${w}`)));
      });
    };
    // A synonym group: its first phrase finds titles with the words it stands for.
    for (const g of ICD10_SYNONYMS) {
      if (await finds(g.said[0]!, [...g.means.map((m) => words(m)), ...(g.replace ? [] : [words(g.said[0]!)])]))
        see('code search API', g.id);
      else failures.push(`${g.id}: "${g.said[0]}"`);
    }
    // A word form: one of its forms finds titles that use one of the forms (a form that a
    // synonym group also reads, "tumor", is found through that group's words instead).
    for (const g of [...ICD10_WORD_FORMS, ...ICD10_MORE_WORD_FORMS]) {
      let ok = false;
      for (const f of g.forms)
        if (
          !ok &&
          (await finds(
            f,
            g.forms.map((x) => words(x)),
          ))
        )
          ok = true;
      if (ok) see('code search API', g.id);
      else failures.push(`${g.id}: ${g.forms.join(', ')}`);
    }
    assert.deepEqual(failures, []);
  });
});

describe('clinical trials', () => {
  test('what a trial is, always; what the phases mean, when a search finds trials', async () => {
    const { TRIAL_NOTES, TRIAL_PHASES } = await import('../../src/content/trials.ts');
    const caseId = await buildCase(t.deps, me);
    const empty = await page('trials: no search yet', `/cases/${caseId}/trials`);
    has(empty.ids, idsOf(TRIAL_NOTES), 'trials page');
    hasNot(empty.ids, idsOf(Object.values(TRIAL_PHASES)), 'trials page before a search');
    const found = await page(
      'trials: a search with results',
      `/cases/${caseId}/trials?condition=breast+cancer&near=60614&radiusMiles=50`,
    );
    has(found.ids, idsOf(Object.values(TRIAL_PHASES)), 'trials results');
  });
});

describe('the meta-test', () => {
  test('every item has a trigger and a review date, marks agree with the words shown, and every item was shown by some scenario', () => {
    const noTrigger = [...ITEMS]
      .filter(([, it]) => typeof it.trigger !== 'string' || (it.trigger as string).length < 15)
      .map(([id]) => id);
    assert.deepEqual(noTrigger, [], 'items without a plain-words trigger');
    const noDate = [...ITEMS]
      .filter(([, it]) => typeof it.reviewed !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(it.reviewed as string))
      .map(([id]) => id);
    assert.deepEqual(noDate, [], 'items without a reviewed date');
    assert.deepEqual(problems, [], 'marks without their words, or marks of unknown ids');
    const untested = [...ITEMS.keys()].filter((id) => !shown.has(id));
    assert.deepEqual(untested, [], 'items no scenario showed: add a scenario for each');
  });
});
