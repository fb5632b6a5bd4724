// The household's clock decides "today"; pin it so the fixed test clock means the same day everywhere.
process.env.TZ = 'UTC';

import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { checkedValue, fieldValue, pageText } from '../helpers/html.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

const MEMBER_ID = 'QZX9087612345';

forEachDialect('coverage: plan, rules, call script, call log, prior authorization', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  let caseId: string;

  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t, { displayName: 'Rosa Parks' });
  });
  after(() => t.close());
  beforeEach(async () => {
    t.clock.set('2026-11-27T15:00:00.000Z');
    caseId = await buildCase(t.deps, me, { urgency: 'within_weeks', proposedTreatment: 'Lumpectomy (surgery)' });
  });

  const tasks = (kind?: string) => {
    let q = t.deps.db.selectFrom('tasks').selectAll().where('case_id', '=', caseId);
    if (kind) q = q.where('kind', '=', kind);
    return q.execute();
  };
  const calls = () => t.deps.db.selectFrom('coverage_calls').selectAll().where('case_id', '=', caseId).execute();
  const plan = () =>
    t.deps.db.selectFrom('coverage_plans').selectAll().where('case_id', '=', caseId).executeTakeFirst();

  test('a new case starts with the plan question; bad input is refused with field messages, typed values kept, nothing saved', async () => {
    const start = await me.agent.get(`/cases/${caseId}/coverage`);
    assert.equal(start.statusCode, 200);
    assert.match(pageText(start.body), /First, tell us about the plan/);

    const res = await me.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: '',
      insurer: 'Acme Health',
      memberId: 'ABC#123',
      planPhone: '12',
    });
    assert.equal(res.statusCode, 400);
    const text = pageText(res.body);
    assert.match(text, /Please fix 3 thing\(s\) on this page/);
    assert.match(text, /Choose the kind of coverage\./);
    assert.match(text, /Use only the letters, numbers and dashes on the card\./);
    assert.match(text, /Enter a phone number with at least 7 digits/);
    assert.equal(fieldValue(res.body, 'insurer'), 'Acme Health');
    assert.equal(fieldValue(res.body, 'memberId'), 'ABC#123');
    assert.equal(await plan(), undefined);
    assert.deepEqual(await tasks(), []);
  });

  test('saving a Medicare Advantage HMO shows its sourced rules, hides most of the member ID, and adds a call task', async () => {
    const res = await me.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: 'medicare_advantage_hmo',
      insurer: 'Acme Health',
      memberId: MEMBER_ID,
      planPhone: '1-800-555-0100',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/cases/${caseId}/coverage`);

    const page = await me.agent.get(`/cases/${caseId}/coverage`);
    const text = pageText(page.body);
    assert.match(text, /The plan is saved/);
    assert.match(text, /Medicare Advantage HMO/);
    assert.match(text, /must cover all that Original Medicare covers/);
    assert.match(
      page.body,
      /href="https:\/\/www\.ecfr\.gov\/current\/title-42\/chapter-IV\/subchapter-B\/part-422\/subpart-C\/section-422\.101"/,
    );
    assert.match(text, /You may need to use doctors in its network\. You may need a referral to see a specialist\./);
    assert.match(text, /within 60 days of the date on that letter/);
    assert.ok(
      !text.includes('Medicare Part B helps pay'),
      'Original Medicare rules are not shown to an Advantage plan',
    );
    assert.ok(!text.includes('180 days'), 'the job-based plans’ appeal window is not shown to an Advantage plan');
    assert.ok(!/medicare\.org\/articles|medicareinteractive|uhcprovider/.test(page.body), 'no secondary sources');
    assert.match(
      text,
      /Approval first \(prior authorization\)/,
      'an Advantage plan can need an approval: the box is there',
    );
    assert.ok(!page.body.includes(MEMBER_ID), 'the full member ID is not on the overview');
    assert.match(text, /••••2345/);

    const [task] = await tasks('call_plan');
    assert.equal(task!.title, 'Call Acme Health about coverage for a second opinion');
    assert.equal(task!.due_on, '2026-11-30');
    assert.equal(task!.step, 'coverage');

    // Saving again with the same kind of plan does not pile up call tasks.
    await me.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: 'medicare_advantage_hmo',
      insurer: 'Acme Health Plus',
    });
    assert.equal((await tasks('call_plan')).length, 1);
    assert.equal((await plan())!.member_id, null, 'a cleared member ID is cleared');
  });

  test('Original Medicare and a proposed surgery: Part B second and third opinions, the surgery rule first', async () => {
    await me.agent.post(`/cases/${caseId}/coverage/plan`, { planType: 'original_medicare' });
    const page = await me.agent.get(`/cases/${caseId}/coverage`);
    const text = pageText(page.body);
    const surgery = text.indexOf('Medicare Part B helps pay for a second opinion before surgery');
    const third = text.indexOf(
      'If the second opinion is different from the first one, Part B also helps pay for a third opinion',
    );
    assert.ok(surgery > 0 && third > surgery, 'both rules shown, the one matching the case first');
    assert.match(text, /This matches your case/);
    assert.match(text, /major procedure that is not surgery/);
    assert.match(text, /Original Medicare has no network/);
    assert.match(text, /does not need to approve the visit first/);
    assert.match(text, /accepts Medicare assignment/);
    assert.match(text, /You have 120 days from the day you get the notice/);
    assert.match(text, /You pay 20% of the Medicare-approved amount/);
    assert.match(page.body, /href="https:\/\/www\.medicare\.gov\/coverage\/second-surgical-opinions"/);
    assert.match(
      page.body,
      /href="https:\/\/www\.cms\.gov\/Regulations-and-Guidance\/Guidance\/Manuals\/Downloads\/bp102c15\.pdf"/,
    );
    // No insurer to call and no approval to track for the visit.
    assert.ok(!text.includes('call your plan before you book'), text);
    assert.ok(
      !/Approval first \(prior authorization\) Some plans/.test(text),
      'no prior-authorization box for Original Medicare',
    );
    assert.ok(!text.includes('180 days'));
    const [task] = await tasks('call_plan');
    assert.equal(task!.title, 'Call the office of the second doctor. Ask: do you accept Medicare assignment?');
  });

  test('Original Medicare: the call script is for the second doctor’s office, with 1-800-MEDICARE, and the step is done after that call', async () => {
    await me.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: 'original_medicare',
      memberId: '1EG4-TE5-MK73',
      planPhone: '1-800-555-0100',
    });
    const script = pageText((await me.agent.get(`/cases/${caseId}/coverage/script`)).body);
    assert.ok(!script.includes('Number to call: 1-800-555-0100'), 'no plan member line for Original Medicare');
    assert.match(script, /Call the office of the doctor who will give the second opinion/);
    assert.match(script, /1-800-MEDICARE \(1-800-633-4227\)/);
    assert.match(script, /The Medicare number is 1EG4-TE5-MK73/);
    assert.match(script, /Does the doctor accept Medicare assignment\?/);
    assert.ok(
      !/Does the plan pay|in your network|referral from my primary care doctor|approve the visit first\? How/.test(
        script,
      ),
      script,
    );

    const stepOf = async () => {
      const res = await api(t.app, me.apiToken).get(`/api/v1/cases/${caseId}`);
      return (JSON.parse(res.body) as { steps: { slug: string; status: string }[] }).steps.find(
        (s) => s.slug === 'coverage',
      )!.status;
    };
    assert.equal(await stepOf(), 'in_progress');
    await me.agent.post(`/cases/${caseId}/coverage/calls/new`, {
      calledOn: '2026-11-27',
      organization: 'Dr. Lee’s office',
      summary: 'They accept assignment. Visit booked.',
    });
    assert.equal(await stepOf(), 'done', 'no prior-authorization entry is needed for Original Medicare');
  });

  test('the call script is made for the plan and the case, shows the full member ID, and can be printed', async () => {
    await me.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: 'medicaid_managed_care',
      insurer: 'County Care',
      memberId: MEMBER_ID,
      planPhone: '1-800-555-0199',
    });
    const res = await me.agent.get(`/cases/${caseId}/coverage/script`);
    assert.equal(res.statusCode, 200);
    const text = pageText(res.body);
    assert.match(text, /Number to call: 1-800-555-0199/);
    assert.match(text, new RegExp(`The member ID is ${MEMBER_ID}`));
    assert.match(text, /This is about: Ductal carcinoma of the left breast/);
    assert.match(text, /The doctor suggested: Lumpectomy \(surgery\)/);
    assert.match(text, /Medicaid plans must give a second opinion at no cost to me/);
    assert.match(text, /will you arrange one outside it/);
    assert.match(text, /Is there a cancer center in the network/);
    assert.match(text, /What is the reference number for this call/);
    assert.match(res.body, /data-print/);
  });

  test('the uninsured get the self-pay and financial-help rules and a billing-office script', async () => {
    await me.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: 'uninsured',
      insurer: 'ignored',
      memberId: 'IGNORED1',
    });
    const saved = (await plan())!;
    assert.equal(saved.insurer, null);
    assert.equal(saved.member_id, null);
    const body = (await me.agent.get(`/cases/${caseId}/coverage`)).body;
    const text = pageText(body);
    assert.match(text, /set price that you pay yourself/);
    assert.match(text, /Nonprofit hospitals must have a written plan to help patients who cannot pay/);
    assert.match(text, /written Good Faith Estimate of the cost/);
    assert.match(text, /If you book at least 3 workdays ahead, you get it within 1 workday/);
    assert.match(text, /If the bill is \$400 or more above it, you can dispute the bill/);
    assert.match(
      body,
      /href="https:\/\/www\.ecfr\.gov\/current\/title-45\/subtitle-A\/subchapter-B\/part-149\/subpart-G\/section-149\.610"/,
    );
    assert.ok(
      !text.includes('Approval first (prior authorization) Some plans'),
      'no prior authorization section without a plan',
    );
    const script = pageText((await me.agent.get(`/cases/${caseId}/coverage/script`)).body);
    assert.match(script, /Call the billing office/);
    assert.match(script, /Do you have a financial assistance program/);
    assert.match(script, /Please send me a written Good Faith Estimate of the cost/);
    const [task] = await tasks('call_plan');
    assert.match(task!.title, /self-pay price/);
  });

  test('a failed call-log save brings the whole form back filled, and saves nothing', async () => {
    const typed = {
      calledOn__month: '11',
      calledOn__day: '27',
      calledOn__year: '2026',
      calledTime: '2:35 pm',
      organization: 'Acme member services',
      spokeWith: 'Dana at extension 4',
      referenceNumber: 'REF-55521',
      summary: '',
      followUp: 'Call back about the approval',
      followUpOn__month: '11',
      followUpOn__day: '20',
      followUpOn__year: '2026',
    };
    const res = await me.agent.post(`/cases/${caseId}/coverage/calls/new`, typed);
    assert.equal(res.statusCode, 400);
    const text = pageText(res.body);
    assert.match(text, /Write what they said, even a few words\./);
    for (const f of ['calledTime', 'organization', 'spokeWith', 'referenceNumber', 'followUp'] as const) {
      assert.equal(fieldValue(res.body, f), typed[f], `${f} is kept`);
    }
    assert.equal(fieldValue(res.body, 'calledOn__day'), '27');
    assert.deepEqual(await calls(), []);

    // Now with a summary, but the follow-up date has passed: refused with the reason, still all kept.
    const again = await me.agent.post(`/cases/${caseId}/coverage/calls/new`, {
      ...typed,
      summary: 'They need a referral first.',
    });
    assert.equal(again.statusCode, 400);
    assert.match(pageText(again.body), /This date has already passed\. Enter today or a later date\./);
    assert.equal(fieldValue(again.body, 'summary'), 'They need a referral first.');
    assert.equal(fieldValue(again.body, 'followUpOn__day'), '20');
    assert.deepEqual(await calls(), []);

    // A call cannot have happened tomorrow.
    const future = await me.agent.post(`/cases/${caseId}/coverage/calls/new`, {
      ...typed,
      summary: 'x',
      calledOn__day: '28',
      followUpOn__day: '',
      followUpOn__month: '',
      followUpOn__year: '',
    });
    assert.equal(future.statusCode, 400);
    assert.match(pageText(future.body), /This date is in the future/);
    assert.deepEqual(await calls(), []);
  });

  test('a saved call lands in the log, completes the call task, and its follow-up date becomes a task', async () => {
    await me.agent.post(`/cases/${caseId}/coverage/plan`, { planType: 'private_hmo', insurer: 'Acme Health' });
    const form = await me.agent.get(`/cases/${caseId}/coverage/calls/new`);
    assert.equal(fieldValue(form.body, 'organization'), 'Acme Health', 'the plan is suggested as whom you called');
    assert.equal(fieldValue(form.body, 'calledOn__day'), '27', 'today is filled in');
    assert.match(form.body, /data-draft="coverage-call-/);

    const res = await me.agent.post(`/cases/${caseId}/coverage/calls/new`, {
      calledOn: '2026-11-27',
      calledTime: '14:05',
      organization: 'Acme member services',
      spokeWith: 'Dana',
      referenceNumber: 'REF-55521',
      summary: 'A referral is needed. Approval first too.',
      followUp: 'Check on the approval',
      followUpOn: '2026-12-04',
    });
    assert.equal(res.statusCode, 303);
    const page = await me.agent.get(`/cases/${caseId}/coverage`);
    const text = pageText(page.body);
    assert.match(text, /The call is saved in the log\. The follow-up is on your task list\./);
    assert.match(text, /November 27, 2026 at 2:05 PM/);
    assert.match(text, /REF-55521/);
    assert.match(text, /A referral is needed\. Approval first too\./);
    assert.match(page.body, /data-draft-clear="coverage-call-/, 'the saved page tells the browser to drop its draft');

    const [callTask] = await tasks('call_plan');
    assert.ok(callTask!.done_at, 'calling the plan is done');
    const [follow] = await tasks('call_follow_up');
    assert.equal(follow!.due_on, '2026-12-04');
    assert.equal(follow!.source_type, 'coverage_call');
    assert.match(follow!.title, /Check on the approval/);
  });

  test('prior authorization: approved needs its number; a denial shows how to appeal and adds a dated task', async () => {
    const noPlan = await me.agent.get(`/cases/${caseId}/coverage/prior-auth`);
    assert.equal(noPlan.statusCode, 303, 'without a plan, the plan comes first');
    assert.equal(noPlan.headers.location, `/cases/${caseId}/coverage/plan`);
    await me.agent.post(`/cases/${caseId}/coverage/plan`, { planType: 'private_ppo', insurer: 'Acme' });
    const form = await me.agent.get(`/cases/${caseId}/coverage/prior-auth`);
    assert.equal(form.statusCode, 200);
    assert.equal(checkedValue(form.body, 'status'), 'unknown');

    const noNumber = await me.agent.post(`/cases/${caseId}/coverage/prior-auth`, {
      status: 'approved',
      expiresOn: '2027-01-31',
    });
    assert.equal(noNumber.statusCode, 400);
    assert.match(pageText(noNumber.body), /Write the approval number/);
    assert.equal(checkedValue(noNumber.body, 'status'), 'approved');
    assert.equal((await plan())!.prior_auth_status, 'unknown');

    const pastAppeal = await me.agent.post(`/cases/${caseId}/coverage/prior-auth`, {
      status: 'denied',
      appealBy: '2026-11-01',
      notes: 'Not medically needed, they said',
    });
    assert.equal(pastAppeal.statusCode, 400);
    assert.match(pageText(pastAppeal.body), /This date has already passed/);
    assert.equal(fieldValue(pastAppeal.body, 'notes'), 'Not medically needed, they said');
    assert.equal((await plan())!.prior_auth_status, 'unknown');

    const denied = await me.agent.post(`/cases/${caseId}/coverage/prior-auth`, {
      status: 'denied',
      appealBy: '2027-05-20',
      number: 'SHOULD-BE-DROPPED',
    });
    assert.equal(denied.statusCode, 303);
    const saved = (await plan())!;
    assert.equal(saved.prior_auth_status, 'denied');
    assert.equal(saved.prior_auth_number, null, 'a denial keeps no approval number');
    const text = pageText((await me.agent.get(`/cases/${caseId}/coverage`)).body);
    assert.match(text, /The plan said no\. What you can do/);
    assert.match(text, /you have 180 days after the denial to appeal/);
    const [appeal] = await tasks('prior_auth_appeal');
    assert.equal(appeal!.due_on, '2027-05-20');

    const approved = await me.agent.post(`/cases/${caseId}/coverage/prior-auth`, {
      status: 'approved',
      number: 'PA-7781',
      expiresOn: '2027-01-31',
    });
    assert.equal(approved.statusCode, 303);
    assert.ok((await tasks('prior_auth_appeal'))[0]!.done_at, 'the appeal task is closed once approved');
    assert.equal((await tasks('prior_auth_ends'))[0]!.due_on, '2027-01-31');
    const page = pageText((await me.agent.get(`/cases/${caseId}/coverage`)).body);
    assert.match(page, /Approval number: PA-7781/);
    assert.match(page, /Good until January 31, 2027/);
  });

  test('a job-based plan: the state rule is shown with the self-funded (ERISA) rule, and the script asks which kind of plan it is', async () => {
    await me.agent.post(`/cases/${caseId}/coverage/plan`, { planType: 'private_pos', insurer: 'Acme' });
    const page = await me.agent.get(`/cases/${caseId}/coverage`);
    const text = pageText(page.body);
    const state = text.indexOf('Your state may have its own insurance laws');
    const erisa = text.indexOf('This is called a self-funded plan');
    assert.ok(state > 0 && erisa > state, 'the ERISA rule follows the state rule');
    assert.match(text, /You need a referral from your primary care doctor to see a specialist/);
    assert.match(page.body, /href="https:\/\/www\.healthcare\.gov\/choose-a-plan\/plan-types\/"/);
    assert.ok(
      !/Medicare|Medicaid/.test(text.slice(text.indexOf('What applies to this plan'), text.indexOf('Call script'))),
      'no Medicare or Medicaid fact for a job-based plan',
    );
    const script = pageText((await me.agent.get(`/cases/${caseId}/coverage/script`)).body);
    assert.match(script, /Is this plan self-funded by my employer\?/);
  });

  test('Medicaid through a health plan, denied: the box gives the plan appeal (60 days) and the state fair hearing (120 days), not the 180-day rule', async () => {
    await me.agent.post(`/cases/${caseId}/coverage/plan`, {
      planType: 'medicaid_managed_care',
      insurer: 'County Care',
    });
    await me.agent.post(`/cases/${caseId}/coverage/prior-auth`, { status: 'denied' });
    const page = await me.agent.get(`/cases/${caseId}/coverage`);
    const text = pageText(page.body);
    const box = text.slice(text.indexOf('The plan said no. What you can do'));
    assert.match(box, /You have 60 days from the date on its notice/);
    assert.match(box, /You have 120 days from the date on the plan’s appeal decision/);
    assert.ok(!text.includes('180 days'));
    assert.match(page.body, /section-438\.402"/);
    assert.match(page.body, /section-438\.408"/);
  });

  test('the journey step: not started, in progress, done', async () => {
    const stepOf = async () => {
      const res = await api(t.app, me.apiToken).get(`/api/v1/cases/${caseId}`);
      return (JSON.parse(res.body) as { steps: { slug: string; status: string }[] }).steps.find(
        (s) => s.slug === 'coverage',
      )!.status;
    };
    assert.equal(await stepOf(), 'not_started');
    await me.agent.post(`/cases/${caseId}/coverage/plan`, { planType: 'private_ppo' });
    assert.equal(await stepOf(), 'in_progress');
    await me.agent.post(`/cases/${caseId}/coverage/calls/new`, {
      calledOn: '2026-11-27',
      summary: 'No approval needed.',
    });
    assert.equal(await stepOf(), 'in_progress');
    await me.agent.post(`/cases/${caseId}/coverage/prior-auth`, { status: 'not_needed' });
    assert.equal(await stepOf(), 'done');
    assert.match(pageText((await me.agent.get(`/cases/${caseId}`)).body), /4\. Check your insurance .*Done/);
  });

  describe('the API', () => {
    test('PUT validates like the form, then GET gives the rules with their sources and the script', async () => {
      const client = api(t.app, me.apiToken);
      const bad = await client.put(`/api/v1/cases/${caseId}/coverage`, {
        planType: 'gold-plated',
        memberId: 'no spaces allowed?',
      });
      assert.equal(bad.statusCode, 400);
      const err = JSON.parse(bad.body) as { error: { code: string; fields: Record<string, string> } };
      assert.equal(err.error.code, 'invalid');
      assert.equal(err.error.fields.planType, 'Choose the kind of coverage.');
      assert.equal(err.error.fields.memberId, 'Use only the letters, numbers and dashes on the card.');
      assert.equal(await plan(), undefined);

      const pastAppeal = await client.put(`/api/v1/cases/${caseId}/coverage`, {
        planType: 'private_hmo',
        priorAuth: { status: 'denied', appealBy: '2026-01-01' },
      });
      assert.equal(pastAppeal.statusCode, 400);
      assert.match(JSON.parse(pastAppeal.body).error.fields['priorAuth.appealBy'], /already passed/);
      assert.equal(await plan(), undefined, 'nothing saved when part of the request is refused');

      const ok = await client.put(`/api/v1/cases/${caseId}/coverage`, {
        planType: 'original_medicare',
        memberId: MEMBER_ID,
        priorAuth: { status: 'requested', requestedOn: '2026-11-25' },
      });
      assert.equal(ok.statusCode, 200);
      const body = JSON.parse(ok.body) as {
        plan: { planType: string; memberId: string; priorAuth: { status: string } };
        rules: { id: string; text: string; source: { url: string }; reviewed: string; matchesCase: boolean }[];
        callScript: { questions: string[] };
        stepStatus: string;
      };
      assert.equal(body.plan.planType, 'original_medicare');
      assert.equal(body.plan.memberId, MEMBER_ID);
      assert.equal(body.plan.priorAuth.status, 'requested');
      const third = body.rules.find((r) => r.id === 'coverage.medicare.part-b-third')!;
      assert.match(
        third.text,
        /^If the second opinion is different from the first one, Part B also helps pay for a third opinion/,
      );
      assert.equal(third.source.url, 'https://www.medicare.gov/coverage/second-surgical-opinions');
      assert.ok(body.rules.every((r) => r.source.url.startsWith('http') && /^\d{4}-\d{2}-\d{2}$/.test(r.reviewed)));
      assert.ok(body.callScript.questions.some((q) => q.includes('Medicare assignment')));
      // A written-down approval that is still pending keeps the step open, even for Original Medicare.
      assert.equal(body.stepStatus, 'in_progress');
      assert.equal((await tasks('prior_auth_check'))[0]!.due_on, '2026-12-02');

      const got = JSON.parse((await client.get(`/api/v1/cases/${caseId}/coverage`)).body);
      assert.deepEqual(got, body);
    });

    test('calls: POST refuses past follow-ups and future calls; GET lists newest first', async () => {
      const client = api(t.app, me.apiToken);
      const past = await client.post(`/api/v1/cases/${caseId}/coverage/calls`, {
        calledOn: '2026-11-27',
        summary: 'x',
        followUpOn: '2026-11-26',
      });
      assert.equal(past.statusCode, 400);
      assert.match(JSON.parse(past.body).error.fields.followUpOn, /already passed/);
      const missing = await client.post(`/api/v1/cases/${caseId}/coverage/calls`, { calledOn: '2026-11-27' });
      assert.equal(missing.statusCode, 400);
      assert.equal(JSON.parse(missing.body).error.fields.summary, 'Write what they said, even a few words.');
      assert.deepEqual(await calls(), []);

      const first = await client.post(`/api/v1/cases/${caseId}/coverage/calls`, {
        calledOn: '2026-11-20',
        calledTime: '9:00 am',
        summary: 'Older call',
      });
      assert.equal(first.statusCode, 201);
      assert.equal(JSON.parse(first.body).calledTime, '09:00');
      await client.post(`/api/v1/cases/${caseId}/coverage/calls`, {
        calledOn: '2026-11-27',
        summary: 'Newer call',
        referenceNumber: 'R-1',
      });
      const list = JSON.parse((await client.get(`/api/v1/cases/${caseId}/coverage/calls`)).body) as {
        calls: { summary: string }[];
      };
      assert.deepEqual(
        list.calls.map((c) => c.summary),
        ['Newer call', 'Older call'],
      );
    });
  });
});

forEachDialect('coverage: the member ID never reaches the logs or the audit trail', (dialect) => {
  let t: TestApp;
  const lines: string[] = [];

  before(async () => {
    const stream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    t = await buildTestApp(dialect, { logger: { level: 'trace', stream } });
  });
  after(() => t.close());

  test('pages, API and errors leave no trace of it', async () => {
    const me = await buildUser(t);
    const caseId = await buildCase(t.deps, me);
    await me.agent.post(`/cases/${caseId}/coverage/plan`, { planType: 'private_ppo', memberId: MEMBER_ID });
    await me.agent.post(`/cases/${caseId}/coverage/plan`, { planType: '', memberId: MEMBER_ID }); // a failed save
    await me.agent.get(`/cases/${caseId}/coverage/script`);
    await api(t.app, me.apiToken).put(`/api/v1/cases/${caseId}/coverage`, {
      planType: 'private_ppo',
      memberId: MEMBER_ID,
    });
    await api(t.app, me.apiToken).put(`/api/v1/cases/${caseId}/coverage`, { planType: 'nope', memberId: MEMBER_ID });
    await api(t.app, me.apiToken).get(`/api/v1/cases/${caseId}/coverage`);
    assert.ok(lines.length > 5, 'the logger was listening');
    assert.deepEqual(
      lines.filter((l) => l.includes(MEMBER_ID)),
      [],
    );
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().execute();
    assert.ok(audit.some((a) => a.action === 'coverage.plan.save'));
    assert.ok(!JSON.stringify(audit).includes(MEMBER_ID));
  });
});
