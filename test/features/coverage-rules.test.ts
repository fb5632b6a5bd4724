import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { COVERAGE_RULE_LIST } from '../../src/content/coverage.ts';
import {
  appealRules,
  buildCallScript,
  caseFacts,
  coverageStepStatus,
  explainCoverage,
  looksLikeSurgery,
  maskMemberId,
  normalisePriorAuth,
  PLAN_GROUPS,
  PLAN_TYPES,
  type PlanType,
  priorAuthSchema,
  type ScriptFacts,
} from '../../src/features/coverage/coverage.ts';
import { en } from '../../src/platform/i18n/messages/en.ts';

const noCase = { surgeryProposed: false, urgent: false };
const ids = (plan: PlanType, facts = noCase) => explainCoverage(plan, facts).map((r) => r.id);

describe('what applies to each plan', () => {
  // Each row: a plan, rules that must apply, rules that must not. The "must not" column is
  // what keeps one program's rule (Medicare's third opinion, Medicaid's no-cost rule) from
  // being promised to people on another.
  const table: { plan: PlanType; has: string[]; not: string[] }[] = [
    {
      plan: 'original_medicare',
      has: ['coverage.medicare.part-b-surgery', 'coverage.medicare.part-b-third', 'coverage.medicare.part-b-cost', 'coverage.medicare.part-b-diagnostic', 'coverage.accepts-medicare'],
      not: ['coverage.medicaid.managed-care-no-cost', 'coverage.appeal.private-plans', 'coverage.advantage.hmo'],
    },
    {
      plan: 'medicare_advantage_hmo',
      has: ['coverage.advantage.network-or-referral', 'coverage.advantage.hmo', 'coverage.advantage.referral-not-prior-auth', 'coverage.managed-care'],
      not: ['coverage.medicare.part-b-third', 'coverage.advantage.ppo', 'coverage.appeal.private-plans'],
    },
    {
      plan: 'medicare_advantage_ppo',
      has: ['coverage.advantage.ppo', 'coverage.ppo-simplest', 'coverage.advantage.referral-not-prior-auth'],
      not: ['coverage.advantage.hmo', 'coverage.medicare.part-b-third'],
    },
    { plan: 'private_ppo', has: ['coverage.ppo-simplest', 'coverage.state-law', 'coverage.appeal.private-plans', 'coverage.outside-plan'], not: ['coverage.managed-care'] },
    { plan: 'private_hmo', has: ['coverage.managed-care', 'coverage.state-law', 'coverage.appeal.private-plans'], not: ['coverage.ppo-simplest'] },
    { plan: 'private_epo', has: ['coverage.managed-care', 'coverage.appeal.private-plans'], not: ['coverage.ppo-simplest'] },
    { plan: 'private_pos', has: ['coverage.managed-care', 'coverage.appeal.private-plans'], not: ['coverage.medicare.part-b-cost'] },
    { plan: 'medicaid_ffs', has: ['coverage.accepts-medicaid', 'coverage.call-first'], not: ['coverage.medicaid.managed-care-no-cost', 'coverage.appeal.private-plans'] },
    { plan: 'medicaid_managed_care', has: ['coverage.medicaid.managed-care-no-cost', 'coverage.managed-care', 'coverage.accepts-medicaid'], not: ['coverage.appeal.private-plans'] },
    { plan: 'tricare', has: ['coverage.call-first', 'coverage.repeat-tests'], not: ['coverage.medicare.part-b-third', 'coverage.medicaid.managed-care-no-cost', 'coverage.appeal.private-plans'] },
    { plan: 'va', has: ['coverage.call-first'], not: ['coverage.medicare.part-b-third', 'coverage.state-law'] },
    { plan: 'uninsured', has: ['coverage.uninsured.self-pay-price', 'coverage.uninsured.financial-help'], not: ['coverage.call-first', 'coverage.appeal.ask'] },
    { plan: 'not_sure', has: ['coverage.call-first', 'coverage.managed-care', 'coverage.ppo-simplest'], not: ['coverage.medicare.part-b-third', 'coverage.medicaid.managed-care-no-cost'] },
  ];

  test('the table covers every plan type', () => {
    assert.deepEqual(table.map((r) => r.plan).sort(), [...PLAN_TYPES].sort());
  });

  for (const row of table) {
    test(row.plan, () => {
      const got = ids(row.plan);
      for (const id of row.has) assert.ok(got.includes(id), `${row.plan} should include ${id}`);
      for (const id of row.not) assert.ok(!got.includes(id), `${row.plan} must not include ${id}`);
      assert.equal(new Set(got).size, got.length, 'no rule twice');
    });
  }

  test('the plan form lists each plan type exactly once', () => {
    assert.deepEqual(PLAN_GROUPS.flatMap((g) => g.plans).sort(), [...PLAN_TYPES].sort());
  });

  test('every rule has a source, a review date and words in the catalogue', () => {
    for (const r of COVERAGE_RULE_LIST) {
      assert.match(r.source.url, /^https?:\/\/\S+$/, r.id);
      assert.ok(r.source.title.length > 5, r.id);
      assert.match(r.reviewed, /^\d{4}-\d{2}-\d{2}$/, r.id);
      assert.ok(en[r.text].length > 20, r.id);
    }
  });

  test('a proposed surgery moves Medicare’s surgery rule to the top, marked as matching the case', () => {
    const withSurgery = explainCoverage('original_medicare', { surgeryProposed: true, urgent: false });
    assert.equal(withSurgery[0]!.id, 'coverage.medicare.part-b-surgery');
    assert.equal(withSurgery[0]!.matchesCase, true);
    assert.ok(withSurgery.slice(1).every((r) => !r.matchesCase));
    assert.equal(explainCoverage('original_medicare', noCase)[0]!.id, 'coverage.call-first');
  });

  test('appeal rules: private plans get the 180-day rule, the uninsured get none', () => {
    assert.deepEqual(
      appealRules('private_hmo').map((r) => r.id),
      ['coverage.appeal.ask', 'coverage.appeal.private-plans'],
    );
    assert.deepEqual(
      appealRules('original_medicare').map((r) => r.id),
      ['coverage.appeal.ask'],
    );
    assert.deepEqual(appealRules('uninsured'), []);
  });
});

describe('reading the case', () => {
  const cases: [string | null, boolean][] = [
    ['Mastectomy', true],
    ['Lumpectomy and radiation', true],
    ['Surgery to remove the gallbladder', true],
    ['knee replacement', true],
    ['an operation next week', true],
    ['Coronary bypass', true],
    ['Chemotherapy', false],
    ['Watchful waiting', false],
    ['New blood pressure medicine', false],
    [null, false],
    ['', false],
  ];
  for (const [text, expected] of cases) test(`"${text}" ${expected ? 'reads' : 'does not read'} as surgery`, () => assert.equal(looksLikeSurgery(text), expected));

  test('urgency comes from what the doctor said', () => {
    assert.deepEqual(caseFacts({ proposedTreatment: 'Mastectomy', urgency: 'right_away' }), { surgeryProposed: true, urgent: true });
    assert.deepEqual(caseFacts({ proposedTreatment: null, urgency: 'within_weeks' }), { surgeryProposed: false, urgent: false });
  });
});

describe('the call script', () => {
  const facts: ScriptFacts = {
    surgeryProposed: false,
    urgent: false,
    patientName: 'Rosa',
    insurer: 'Acme',
    memberId: null,
    about: 'breast cancer',
    proposedTreatment: null,
    cancer: false,
  };
  const keys = (plan: PlanType, f: Partial<ScriptFacts> = {}) => {
    const s = buildCallScript(plan, { ...facts, ...f });
    return [...s.opening, ...s.questions, ...s.closing].map((l) => l.key as string);
  };

  const table: { name: string; plan: PlanType; facts?: Partial<ScriptFacts>; has: string[]; not: string[] }[] = [
    {
      name: 'HMO: referral, approval, network',
      plan: 'private_hmo',
      has: ['coverage.script.q.referral', 'coverage.script.q.priorAuth', 'coverage.script.q.network', 'coverage.script.q.stateRule', 'coverage.script.q.thirdOpinion'],
      not: ['coverage.script.q.selfPayPrice', 'coverage.script.q.medicaidNoCost', 'coverage.script.q.outOfNetworkCost'],
    },
    { name: 'PPO: asks the out-of-network price', plan: 'private_ppo', has: ['coverage.script.q.outOfNetworkCost'], not: ['coverage.script.q.referralAndAuth'] },
    {
      name: 'Medicare Advantage: a referral does not replace approval',
      plan: 'medicare_advantage_hmo',
      has: ['coverage.script.q.referralAndAuth', 'coverage.script.q.referral'],
      not: ['coverage.script.q.stateRule'],
    },
    {
      name: 'Original Medicare with surgery: the surgery question, no network questions',
      plan: 'original_medicare',
      facts: { surgeryProposed: true },
      has: ['coverage.script.q.medicareSurgery', 'coverage.script.q.doctorAccepts', 'coverage.script.q.thirdOpinion'],
      not: ['coverage.script.q.network', 'coverage.script.q.referral'],
    },
    {
      name: 'Medicaid managed care: the federal no-cost rule, and outside the network',
      plan: 'medicaid_managed_care',
      has: ['coverage.script.q.medicaidNoCost', 'coverage.script.q.medicaidOutside', 'coverage.script.q.doctorAccepts'],
      not: ['coverage.script.q.stateRule'],
    },
    {
      name: 'uninsured: price, what it includes, financial help, paying over time',
      plan: 'uninsured',
      has: ['coverage.script.openUninsured', 'coverage.script.q.selfPayPrice', 'coverage.script.q.financialHelp', 'coverage.script.q.howToApply', 'coverage.script.q.paymentPlan'],
      not: ['coverage.script.q.covered', 'coverage.script.memberIdFromCard', 'coverage.script.q.thirdOpinion'],
    },
    { name: 'urgent: say so and ask for a quick decision', plan: 'tricare', facts: { urgent: true }, has: ['coverage.script.urgent', 'coverage.script.q.fast'], not: [] },
    { name: 'cancer: ask about a cancer center', plan: 'va', facts: { cancer: true }, has: ['coverage.script.q.cancerCenter'], not: [] },
    { name: 'a member ID is read out when known', plan: 'private_pos', facts: { memberId: 'A1' }, has: ['coverage.script.memberId'], not: ['coverage.script.memberIdFromCard'] },
    { name: 'without one, the card is read', plan: 'private_pos', has: ['coverage.script.memberIdFromCard'], not: ['coverage.script.memberId'] },
  ];

  for (const row of table) {
    test(row.name, () => {
      const got = keys(row.plan, row.facts);
      for (const k of row.has) assert.ok(got.includes(k), `should include ${k}`);
      for (const k of row.not) assert.ok(!got.includes(k), `must not include ${k}`);
      for (const k of got) assert.ok(k in en, `${k} is in the catalogue`);
    });
  }

  test('every script ends by asking for a name and a reference number', () => {
    for (const plan of PLAN_TYPES) {
      const s = buildCallScript(plan, facts);
      assert.deepEqual(
        s.closing.map((l) => l.key),
        ['coverage.script.close.name', 'coverage.script.close.reference', 'coverage.script.close.next'],
      );
    }
  });
});

describe('prior authorization and the step', () => {
  test('an approval needs its number; every problem is reported at once', () => {
    const r = priorAuthSchema.safeParse({ status: 'approved', expiresOn: 'not a date' });
    assert.equal(r.success, false);
    const paths = r.error!.issues.map((i) => i.path.join('.')).sort();
    assert.deepEqual(paths, ['expiresOn', 'number']);
  });

  test('each status keeps only what belongs to it', () => {
    const all = { number: 'N1', requestedOn: '2026-11-01', expiresOn: '2027-01-01', appealBy: '2027-02-01', notes: 'n' };
    assert.deepEqual(normalisePriorAuth({ status: 'denied', ...all }), { status: 'denied', number: undefined, requestedOn: '2026-11-01', expiresOn: undefined, appealBy: '2027-02-01', notes: 'n' });
    assert.deepEqual(normalisePriorAuth({ status: 'approved', ...all }), { status: 'approved', number: 'N1', requestedOn: '2026-11-01', expiresOn: '2027-01-01', appealBy: undefined, notes: 'n' });
    assert.deepEqual(normalisePriorAuth({ status: 'not_needed', ...all }), {
      status: 'not_needed',
      number: undefined,
      requestedOn: undefined,
      expiresOn: undefined,
      appealBy: undefined,
      notes: 'n',
    });
  });

  const pa = (status: 'unknown' | 'not_needed' | 'requested' | 'approved' | 'denied') => ({
    status,
    number: null,
    requestedOn: null,
    expiresOn: null,
    appealBy: null,
    notes: null,
  });
  const table: [string, Parameters<typeof coverageStepStatus>[0], string][] = [
    ['nothing yet', { plan: null, callCount: 0 }, 'not_started'],
    ['a call but no plan', { plan: null, callCount: 1 }, 'in_progress'],
    ['a plan, no call', { plan: { planType: 'private_ppo', priorAuth: pa('not_needed') }, callCount: 0 }, 'in_progress'],
    ['called, approval unknown', { plan: { planType: 'private_ppo', priorAuth: pa('unknown') }, callCount: 1 }, 'in_progress'],
    ['called, approval pending', { plan: { planType: 'private_hmo', priorAuth: pa('requested') }, callCount: 2 }, 'in_progress'],
    ['called, denied', { plan: { planType: 'private_hmo', priorAuth: pa('denied') }, callCount: 2 }, 'in_progress'],
    ['called, not needed', { plan: { planType: 'private_ppo', priorAuth: pa('not_needed') }, callCount: 1 }, 'done'],
    ['called, approved', { plan: { planType: 'private_hmo', priorAuth: pa('approved') }, callCount: 1 }, 'done'],
    ['uninsured and called', { plan: { planType: 'uninsured', priorAuth: pa('unknown') }, callCount: 1 }, 'done'],
  ];
  for (const [name, input, expected] of table) test(`step: ${name} → ${expected}`, () => assert.equal(coverageStepStatus(input), expected));

  test('member IDs are masked to their last four characters', () => {
    assert.equal(maskMemberId('XYZ 1234 5678'), '••••5678');
    assert.equal(maskMemberId('123'), '••••');
    assert.equal(maskMemberId(null), null);
  });
});
