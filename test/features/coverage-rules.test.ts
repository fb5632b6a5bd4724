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
  tracksPriorAuth,
} from '../../src/features/coverage/coverage.ts';
import { en } from '../../src/platform/i18n/messages/en.ts';

const noCase = { surgeryProposed: false, urgent: false };
const ids = (plan: PlanType, facts = noCase) => explainCoverage(plan, facts).map((r) => r.id);

describe('what applies to each plan', () => {
  // Each row: a plan, rules that must apply, rules that must not. The "must not" column is
  // what keeps one program's rule (Medicare's third opinion, Medicaid's no-cost rule, a
  // job-based plan's 180-day appeal) from being promised to people on another.
  const table: { plan: PlanType; has: string[]; not: string[] }[] = [
    {
      plan: 'original_medicare',
      has: [
        'coverage.medicare.no-network',
        'coverage.medicare.no-prior-auth',
        'coverage.medicare.part-b-surgery',
        'coverage.medicare.part-b-procedures',
        'coverage.medicare.part-b-third',
        'coverage.medicare.part-b-cost',
        'coverage.accepts-medicare',
        'coverage.medicare.assignment',
        'coverage.appeal.original-medicare',
      ],
      // No insurer to call, no network, no approval, and no other program's appeal.
      not: [
        'coverage.call-first',
        'coverage.managed-care',
        'coverage.advantage.network-or-referral',
        'coverage.medicaid.managed-care-no-cost',
        'coverage.appeal.ask',
        'coverage.appeal.private-plans',
        'coverage.appeal.medicare-advantage',
        'coverage.state-law',
        'coverage.self-pay.good-faith-estimate',
      ],
    },
    {
      plan: 'medicare_advantage_hmo',
      has: [
        'coverage.advantage.covers-original',
        'coverage.advantage.network-or-referral',
        'coverage.managed-care',
        'coverage.appeal.medicare-advantage',
      ],
      not: [
        'coverage.medicare.part-b-third',
        'coverage.medicare.no-network',
        'coverage.medicare.no-prior-auth',
        'coverage.advantage.ppo',
        'coverage.appeal.private-plans',
        'coverage.appeal.ask',
        'coverage.appeal.original-medicare',
        'coverage.state-law',
      ],
    },
    {
      plan: 'medicare_advantage_ppo',
      has: [
        'coverage.advantage.covers-original',
        'coverage.advantage.ppo',
        'coverage.ppo-simplest',
        'coverage.appeal.medicare-advantage',
      ],
      not: [
        'coverage.medicare.part-b-third',
        'coverage.medicare.no-prior-auth',
        'coverage.private.ppo-out-of-network',
        'coverage.appeal.private-plans',
        'coverage.state-law',
      ],
    },
    {
      plan: 'private_ppo',
      has: [
        'coverage.ppo-simplest',
        'coverage.private.ppo-out-of-network',
        'coverage.state-law',
        'coverage.appeal.private-plans',
        'coverage.outside-plan',
        'coverage.self-pay.good-faith-estimate',
      ],
      not: ['coverage.managed-care', 'coverage.advantage.ppo', 'coverage.medicare.part-b-cost'],
    },
    {
      plan: 'private_hmo',
      has: [
        'coverage.private.hmo-network',
        'coverage.managed-care',
        'coverage.state-law',
        'coverage.appeal.private-plans',
      ],
      not: ['coverage.ppo-simplest', 'coverage.private.pos-referral'],
    },
    {
      plan: 'private_epo',
      has: ['coverage.private.epo-network', 'coverage.managed-care', 'coverage.appeal.private-plans'],
      not: ['coverage.ppo-simplest', 'coverage.private.hmo-network'],
    },
    {
      plan: 'private_pos',
      has: ['coverage.private.pos-referral', 'coverage.managed-care', 'coverage.appeal.private-plans'],
      not: ['coverage.medicare.part-b-cost', 'coverage.private.epo-network', 'coverage.appeal.medicaid-plan'],
    },
    {
      plan: 'medicaid_ffs',
      has: ['coverage.accepts-medicaid', 'coverage.call-first', 'coverage.appeal.medicaid-fair-hearing'],
      // The second-opinion rule and the plan appeal are managed care's, not fee-for-service's.
      not: [
        'coverage.medicaid.managed-care-no-cost',
        'coverage.appeal.medicaid-plan',
        'coverage.appeal.private-plans',
        'coverage.appeal.ask',
        'coverage.managed-care',
      ],
    },
    {
      plan: 'medicaid_managed_care',
      has: [
        'coverage.medicaid.managed-care-no-cost',
        'coverage.managed-care',
        'coverage.accepts-medicaid',
        'coverage.appeal.medicaid-plan',
        'coverage.appeal.medicaid-plan-fair-hearing',
      ],
      not: [
        'coverage.appeal.private-plans',
        'coverage.appeal.ask',
        'coverage.appeal.medicaid-fair-hearing',
        'coverage.state-law',
      ],
    },
    {
      plan: 'tricare',
      has: ['coverage.call-first', 'coverage.repeat-tests'],
      not: [
        'coverage.medicare.part-b-third',
        'coverage.medicaid.managed-care-no-cost',
        'coverage.appeal.private-plans',
        'coverage.appeal.ask',
        'coverage.state-law',
      ],
    },
    {
      plan: 'va',
      has: ['coverage.call-first'],
      not: ['coverage.medicare.part-b-third', 'coverage.state-law', 'coverage.appeal.ask'],
    },
    {
      plan: 'uninsured',
      has: [
        'coverage.uninsured.self-pay-price',
        'coverage.self-pay.good-faith-estimate',
        'coverage.self-pay.good-faith-dispute',
        'coverage.uninsured.financial-help',
      ],
      not: ['coverage.call-first', 'coverage.appeal.ask', 'coverage.repeat-tests'],
    },
    {
      plan: 'not_sure',
      has: ['coverage.call-first', 'coverage.managed-care', 'coverage.ppo-simplest'],
      not: [
        'coverage.medicare.part-b-third',
        'coverage.medicaid.managed-care-no-cost',
        'coverage.appeal.private-plans',
        'coverage.appeal.medicare-advantage',
        'coverage.state-law',
      ],
    },
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

  // The program a rule belongs to, read from its id, and the plans allowed to see it.
  const PRIVATE_PLANS: PlanType[] = ['private_ppo', 'private_hmo', 'private_epo', 'private_pos'];
  const owners: [RegExp, PlanType[]][] = [
    [/^coverage\.medicare\.|^coverage\.accepts-medicare$|^coverage\.appeal\.original-medicare$/, ['original_medicare']],
    [
      /^coverage\.advantage\.|^coverage\.appeal\.medicare-advantage$/,
      ['medicare_advantage_hmo', 'medicare_advantage_ppo'],
    ],
    [/^coverage\.medicaid\.|^coverage\.appeal\.medicaid-plan/, ['medicaid_managed_care']],
    [/^coverage\.appeal\.medicaid-fair-hearing$/, ['medicaid_ffs']],
    [/^coverage\.private\.|^coverage\.state-law|^coverage\.appeal\.private-plans$/, PRIVATE_PLANS],
  ];

  test('a program’s own rule is shown only for that program: never a Medicare fact for a job-based plan, or the other way round', () => {
    for (const plan of PLAN_TYPES) {
      for (const id of ids(plan)) {
        for (const [pattern, allowed] of owners) {
          if (pattern.test(id)) assert.ok(allowed.includes(plan), `${id} must not be shown for ${plan}`);
        }
      }
    }
    // And every program's rules are reachable: each pattern matches some rule that is shown.
    for (const [pattern, allowed] of owners)
      assert.ok(
        allowed.some((plan) => ids(plan).some((id) => pattern.test(id))),
        String(pattern),
      );
  });

  test('wherever a state rule is shown, the self-funded (ERISA) rule is shown right after it', () => {
    let seen = 0;
    for (const plan of PLAN_TYPES) {
      const got = ids(plan);
      const i = got.indexOf('coverage.state-law');
      if (i < 0) {
        assert.ok(!got.includes('coverage.state-law.self-funded'), plan);
        continue;
      }
      seen++;
      assert.equal(got[i + 1], 'coverage.state-law.self-funded', plan);
    }
    assert.equal(seen, PRIVATE_PLANS.length);
  });

  test('the Good Faith Estimate and its $400 dispute rule come together, and only where paying yourself is an option', () => {
    for (const plan of PLAN_TYPES) {
      const got = ids(plan);
      assert.equal(
        got.includes('coverage.self-pay.good-faith-estimate'),
        got.includes('coverage.self-pay.good-faith-dispute'),
        plan,
      );
      if (got.includes('coverage.self-pay.good-faith-estimate'))
        assert.ok(plan === 'uninsured' || PRIVATE_PLANS.includes(plan), plan);
    }
    assert.ok(ids('uninsured').includes('coverage.self-pay.good-faith-estimate'));
  });

  test('Medicare’s third opinion is stated as a condition: only when the first two opinions differ', () => {
    const text = en['content.coverage.partBThird'];
    assert.match(text, /^If the second opinion is different from the first/);
    assert.ok(!/confirmatory/i.test(text), 'no confirmatory consultation: no official source for it was found');
  });

  test('Part B covers surgery and major procedures, both the ones that test and the ones that treat', () => {
    assert.match(en['content.coverage.partBSurgery'], /before surgery/);
    const procedures = en['content.coverage.partBProcedures'];
    assert.match(procedures, /not surgery/);
    assert.match(procedures, /test/);
    assert.match(procedures, /treatment/);
  });

  test('Original Medicare: no network, no approval first, and the numbers people need (120 days to appeal)', () => {
    assert.match(en['content.coverage.originalNoNetwork'], /no network/);
    assert.match(en['content.coverage.originalNoApproval'], /does not need to approve the visit first/);
    assert.match(en['content.coverage.appealOriginalMedicare'], /120 days/);
    assert.match(en['content.coverage.medicareAssignment'], /Medicare assignment/);
  });

  test('each appeal rule carries its program’s own deadline and its own source', () => {
    const cases: [string, RegExp, RegExp][] = [
      ['content.coverage.appealOriginalMedicare', /120 days/, /medicare\.gov/],
      ['content.coverage.appealAdvantage', /60 days/, /cms\.gov/],
      ['content.coverage.appealMedicaidPlan', /60 days/, /ecfr\.gov.*section-438\.402$/],
      ['content.coverage.fairHearingMedicaidPlan', /120 days/, /ecfr\.gov.*section-438\.408$/],
      ['content.coverage.fairHearingMedicaid', /90 days/, /ecfr\.gov.*section-431\.221$/],
      ['content.coverage.appealPrivate', /180 days/, /healthcare\.gov/],
    ];
    for (const [key, deadline, url] of cases) {
      assert.match(en[key as keyof typeof en], deadline, key);
      const rule = COVERAGE_RULE_LIST.find((r) => r.text === key);
      assert.ok(rule, key);
      assert.match(rule.source.url, url, key);
    }
  });

  test('the plan form lists each plan type exactly once', () => {
    assert.deepEqual(PLAN_GROUPS.flatMap((g) => g.plans).sort(), [...PLAN_TYPES].sort());
  });

  test('every rule has a source, a review date, a trigger and words in the catalogue; every rule is shown for some plan', () => {
    const shown = new Set(PLAN_TYPES.flatMap((p) => ids(p)));
    for (const r of COVERAGE_RULE_LIST) {
      assert.match(r.source.url, /^https:\/\/\S+$/, r.id);
      assert.ok(r.source.title.length > 5, r.id);
      assert.match(r.reviewed, /^\d{4}-\d{2}-\d{2}$/, r.id);
      assert.ok(r.trigger.startsWith('coverage page'), r.id);
      assert.ok(en[r.text].length > 20, r.id);
      assert.ok(shown.has(r.id), `${r.id} is shown for no plan`);
    }
  });

  test('no coverage fact cites a secondary summary where the program’s own page says it', () => {
    const secondary =
      /medicareinteractive\.org|medicare\.org\/articles|uhcprovider\.com|cancer\.gov\/cancertopics\/wyntk/;
    for (const r of COVERAGE_RULE_LIST) assert.ok(!secondary.test(r.source.url), `${r.id}: ${r.source.url}`);
  });

  test('a proposed surgery moves Medicare’s surgery rule to the top, marked as matching the case', () => {
    const withSurgery = explainCoverage('original_medicare', { surgeryProposed: true, urgent: false });
    assert.equal(withSurgery[0]!.id, 'coverage.medicare.part-b-surgery');
    assert.equal(withSurgery[0]!.matchesCase, true);
    assert.ok(withSurgery.slice(1).every((r) => !r.matchesCase));
    assert.equal(explainCoverage('original_medicare', noCase)[0]!.id, 'coverage.medicare.no-network');
    // Nothing is marked for a plan that has no surgery rule.
    assert.ok(explainCoverage('private_hmo', { surgeryProposed: true, urgent: false }).every((r) => !r.matchesCase));
  });

  test('appeal rules: each program gets its own, the uninsured get none', () => {
    const appeal = (p: PlanType) => appealRules(p).map((r) => r.id);
    assert.deepEqual(appeal('private_hmo'), ['coverage.appeal.ask', 'coverage.appeal.private-plans']);
    assert.deepEqual(appeal('original_medicare'), ['coverage.appeal.original-medicare']);
    assert.deepEqual(appeal('medicare_advantage_hmo'), ['coverage.appeal.medicare-advantage']);
    assert.deepEqual(appeal('medicaid_managed_care'), [
      'coverage.appeal.medicaid-plan',
      'coverage.appeal.medicaid-plan-fair-hearing',
    ]);
    assert.deepEqual(appeal('medicaid_ffs'), ['coverage.appeal.medicaid-fair-hearing']);
    assert.deepEqual(appeal('tricare'), []);
    assert.deepEqual(appealRules('uninsured'), []);
  });

  test('the approval (prior authorization) box: never without insurance, not for Original Medicare unless one was written down', () => {
    const pa = (status: 'unknown' | 'requested' | 'denied') => ({
      status,
      number: null,
      requestedOn: null,
      expiresOn: null,
      appealBy: null,
      notes: null,
    });
    assert.equal(tracksPriorAuth({ planType: 'original_medicare', priorAuth: pa('unknown') }), false);
    assert.equal(tracksPriorAuth({ planType: 'original_medicare', priorAuth: pa('requested') }), true);
    assert.equal(tracksPriorAuth({ planType: 'uninsured', priorAuth: pa('denied') }), false);
    for (const p of PLAN_TYPES.filter((x) => x !== 'original_medicare' && x !== 'uninsured'))
      assert.equal(tracksPriorAuth({ planType: p, priorAuth: pa('unknown') }), true, p);
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
  for (const [text, expected] of cases)
    test(`"${text}" ${expected ? 'reads' : 'does not read'} as surgery`, () =>
      assert.equal(looksLikeSurgery(text), expected));

  test('urgency comes from what the doctor said', () => {
    assert.deepEqual(caseFacts({ proposedTreatment: 'Mastectomy', urgency: 'right_away' }), {
      surgeryProposed: true,
      urgent: true,
    });
    assert.deepEqual(caseFacts({ proposedTreatment: null, urgency: 'within_weeks' }), {
      surgeryProposed: false,
      urgent: false,
    });
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
      has: [
        'coverage.script.q.referral',
        'coverage.script.q.priorAuth',
        'coverage.script.q.network',
        'coverage.script.q.stateRule',
        'coverage.script.q.thirdOpinion',
      ],
      not: ['coverage.script.q.selfPayPrice', 'coverage.script.q.medicaidNoCost', 'coverage.script.q.outOfNetworkCost'],
    },
    {
      name: 'PPO: asks the out-of-network price',
      plan: 'private_ppo',
      has: ['coverage.script.q.outOfNetworkCost'],
      not: ['coverage.script.q.referralAndAuth'],
    },
    {
      name: 'Medicare Advantage: a referral does not replace approval',
      plan: 'medicare_advantage_hmo',
      has: ['coverage.script.q.referralAndAuth', 'coverage.script.q.referral'],
      not: ['coverage.script.q.stateRule'],
    },
    {
      name: 'Medicare Advantage with surgery: asks the plan about a second opinion before surgery',
      plan: 'medicare_advantage_ppo',
      facts: { surgeryProposed: true },
      has: ['coverage.script.q.medicareSurgery', 'coverage.script.q.outOfNetworkCost'],
      not: ['coverage.script.q.medicareAssignment'],
    },
    {
      name: 'Medicaid managed care: the federal no-cost rule, and outside the network',
      plan: 'medicaid_managed_care',
      has: ['coverage.script.q.medicaidNoCost', 'coverage.script.q.medicaidOutside', 'coverage.script.q.doctorAccepts'],
      not: ['coverage.script.q.stateRule', 'coverage.script.q.selfFunded'],
    },
    {
      name: 'Medicaid paid by the state: the state office, no network questions',
      plan: 'medicaid_ffs',
      has: ['coverage.script.q.doctorAccepts', 'coverage.script.q.covered'],
      not: ['coverage.script.q.network', 'coverage.script.q.referral', 'coverage.script.q.medicaidNoCost'],
    },
    {
      name: 'job-based plans: the state rule, and whether the plan is self-funded (ERISA)',
      plan: 'private_epo',
      has: ['coverage.script.q.stateRule', 'coverage.script.q.selfFunded'],
      not: ['coverage.script.q.medicareAssignment'],
    },
    {
      name: 'uninsured: price, what it includes, financial help, paying over time',
      plan: 'uninsured',
      has: [
        'coverage.script.openUninsured',
        'coverage.script.q.selfPayPrice',
        'coverage.script.q.goodFaithEstimate',
        'coverage.script.q.financialHelp',
        'coverage.script.q.howToApply',
        'coverage.script.q.paymentPlan',
      ],
      not: ['coverage.script.q.covered', 'coverage.script.memberIdFromCard', 'coverage.script.q.thirdOpinion'],
    },
    {
      name: 'urgent: say so and ask for a quick decision',
      plan: 'tricare',
      facts: { urgent: true },
      has: ['coverage.script.urgent', 'coverage.script.q.fast'],
      not: [],
    },
    {
      name: 'cancer: ask about a cancer center',
      plan: 'va',
      facts: { cancer: true },
      has: ['coverage.script.q.cancerCenter'],
      not: [],
    },
    {
      name: 'a member ID is read out when known',
      plan: 'private_pos',
      facts: { memberId: 'A1' },
      has: ['coverage.script.memberId'],
      not: ['coverage.script.memberIdFromCard'],
    },
    {
      name: 'without one, the card is read',
      plan: 'private_pos',
      has: ['coverage.script.memberIdFromCard'],
      not: ['coverage.script.memberId'],
    },
  ];

  for (const row of table) {
    test(row.name, () => {
      const got = keys(row.plan, row.facts);
      for (const k of row.has) assert.ok(got.includes(k), `should include ${k}`);
      for (const k of row.not) assert.ok(!got.includes(k), `must not include ${k}`);
      for (const k of got) assert.ok(k in en, `${k} is in the catalogue`);
    });
  }

  test('every call to a plan or a billing office ends by asking for a name and a reference number', () => {
    for (const plan of PLAN_TYPES.filter((p) => p !== 'original_medicare')) {
      const s = buildCallScript(plan, facts);
      assert.deepEqual(
        s.closing.map((l) => l.key),
        ['coverage.script.close.name', 'coverage.script.close.reference', 'coverage.script.close.next'],
        plan,
      );
    }
  });

  describe('Original Medicare: the call goes to the second doctor’s office, not to an insurer', () => {
    const script = (f: Partial<ScriptFacts> = {}) => buildCallScript('original_medicare', { ...facts, ...f });
    const all = (s: ReturnType<typeof script>) =>
      [...s.opening, ...s.questions, ...s.closing].map((l) => l.key as string);

    test('whom: the doctor’s office, and 1-800-MEDICARE (1-800-633-4227) for anything else', () => {
      const s = script();
      assert.equal(s.whom, 'coverage.script.whom.medicare');
      const whom = en[s.whom];
      assert.match(whom, /office of the doctor who will give the second opinion/);
      assert.match(whom, /1-800-MEDICARE \(1-800-633-4227\)/);
      assert.ok(!/\b(insurer|insurance company|your plan)\b/i.test(whom), whom);
    });

    test('asks about Medicare assignment; never about a network, a referral, an approval or "the plan"', () => {
      const keys = all(script({ surgeryProposed: true, cancer: true }));
      assert.equal(script().questions[0]!.key, 'coverage.script.q.medicareAssignment');
      assert.ok(keys.includes('coverage.script.openDoctorOffice'));
      for (const k of [
        'coverage.script.q.network',
        'coverage.script.q.referral',
        'coverage.script.q.priorAuth',
        'coverage.script.q.referralAndAuth',
        'coverage.script.q.covered',
        'coverage.script.q.medicareSurgery',
        'coverage.script.q.inWriting',
        'coverage.script.open',
        'coverage.script.close.reference',
      ]) {
        assert.ok(!keys.includes(k), `must not include ${k}`);
      }
      for (const k of keys) assert.ok(k in en, `${k} is in the catalogue`);
      assert.match(en['coverage.script.q.medicareAssignment'], /accept Medicare assignment/);
    });

    test('the Medicare number is read out when known, otherwise taken from the card; urgency asks for the first day', () => {
      assert.deepEqual(script({ memberId: '1EG4-TE5-MK73' }).opening[1], {
        key: 'coverage.script.medicareNumber',
        vars: { number: '1EG4-TE5-MK73' },
      });
      assert.equal(script().opening[1]!.key, 'coverage.script.medicareNumberFromCard');
      assert.ok(all(script({ urgent: true })).includes('coverage.script.q.soonest'));
      assert.ok(!all(script()).includes('coverage.script.q.soonest'));
      assert.deepEqual(
        script().closing.map((l) => l.key),
        ['coverage.script.close.name', 'coverage.script.close.appointment', 'coverage.script.close.next'],
      );
    });
  });

  test('Medicaid paid by the state is a call to the state office', () => {
    assert.equal(buildCallScript('medicaid_ffs', facts).whom, 'coverage.script.whom.medicaidState');
    assert.equal(buildCallScript('medicaid_managed_care', facts).whom, 'coverage.script.whom.plan');
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
    const all = {
      number: 'N1',
      requestedOn: '2026-11-01',
      expiresOn: '2027-01-01',
      appealBy: '2027-02-01',
      notes: 'n',
    };
    assert.deepEqual(normalisePriorAuth({ status: 'denied', ...all }), {
      status: 'denied',
      number: undefined,
      requestedOn: '2026-11-01',
      expiresOn: undefined,
      appealBy: '2027-02-01',
      notes: 'n',
    });
    assert.deepEqual(normalisePriorAuth({ status: 'approved', ...all }), {
      status: 'approved',
      number: 'N1',
      requestedOn: '2026-11-01',
      expiresOn: '2027-01-01',
      appealBy: undefined,
      notes: 'n',
    });
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
    [
      'a plan, no call',
      { plan: { planType: 'private_ppo', priorAuth: pa('not_needed') }, callCount: 0 },
      'in_progress',
    ],
    [
      'called, approval unknown',
      { plan: { planType: 'private_ppo', priorAuth: pa('unknown') }, callCount: 1 },
      'in_progress',
    ],
    [
      'called, approval pending',
      { plan: { planType: 'private_hmo', priorAuth: pa('requested') }, callCount: 2 },
      'in_progress',
    ],
    ['called, denied', { plan: { planType: 'private_hmo', priorAuth: pa('denied') }, callCount: 2 }, 'in_progress'],
    ['called, not needed', { plan: { planType: 'private_ppo', priorAuth: pa('not_needed') }, callCount: 1 }, 'done'],
    ['called, approved', { plan: { planType: 'private_hmo', priorAuth: pa('approved') }, callCount: 1 }, 'done'],
    ['uninsured and called', { plan: { planType: 'uninsured', priorAuth: pa('unknown') }, callCount: 1 }, 'done'],
    // Original Medicare approves no second-opinion visit first: the call to the doctor's office is enough.
    [
      'Original Medicare, called, no approval entry',
      { plan: { planType: 'original_medicare', priorAuth: pa('unknown') }, callCount: 1 },
      'done',
    ],
    [
      'Original Medicare, not called yet',
      { plan: { planType: 'original_medicare', priorAuth: pa('unknown') }, callCount: 0 },
      'in_progress',
    ],
    [
      'Original Medicare, an approval written down and still pending',
      { plan: { planType: 'original_medicare', priorAuth: pa('requested') }, callCount: 1 },
      'in_progress',
    ],
    [
      'Original Medicare, an approval written down and denied',
      { plan: { planType: 'original_medicare', priorAuth: pa('denied') }, callCount: 1 },
      'in_progress',
    ],
    // Only Original Medicare: a Medicare Advantage plan can still need an approval.
    [
      'Medicare Advantage, called, approval unknown',
      { plan: { planType: 'medicare_advantage_ppo', priorAuth: pa('unknown') }, callCount: 1 },
      'in_progress',
    ],
    [
      'Medicaid, called, approval unknown',
      { plan: { planType: 'medicaid_ffs', priorAuth: pa('unknown') }, callCount: 1 },
      'in_progress',
    ],
  ];
  for (const [name, input, expected] of table)
    test(`step: ${name} → ${expected}`, () => assert.equal(coverageStepStatus(input), expected));

  test('member IDs are masked to their last four characters', () => {
    assert.equal(maskMemberId('XYZ 1234 5678'), '••••5678');
    assert.equal(maskMemberId('123'), '••••');
    assert.equal(maskMemberId(null), null);
  });
});
