import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { verifyAuditChain } from '../../src/platform/audit/audit-store.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildOpinion } from '../builders/opinions.ts';
import { api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 13: 8 simultaneous PUT /api/v1/cases/{caseId}/comparison for the same pair gave
// 6 x 500 (insert, then the unique index refused the others). The person's answer is now
// an upsert: every writer gets 200, one row per pair and axis remains, and it holds one of
// the values sent. Run on both databases.

forEachDialect('comparison corrections under concurrent writers', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let caseId: string;
  let a: string;
  let b: string;
  let client: ReturnType<typeof api>;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    caseId = await buildCase(t.deps, user);
    a = await buildOpinion(t.deps, user, caseId, { givenOn: '2026-10-01' });
    b = await buildOpinion(t.deps, user, caseId, {
      givenOn: '2026-10-15',
      plan: [{ category: 'watchful_waiting', details: null }],
    });
    client = api(t.app, user.apiToken);
  });
  after(() => t.close());

  const rows = () =>
    t.deps.db
      .selectFrom('comparison_overrides')
      .select(['axis', 'value', 'opinion_low_id', 'opinion_high_id'])
      .where('case_id', '=', caseId)
      .execute();

  for (let round = 0; round < 3; round++) {
    test(`round ${round + 1}: 8 writers at once on one pair, both ways round: no 5xx, one row per axis`, async () => {
      const values = ['same', 'refined', 'different'] as const;
      const impacts = ['none', 'minor', 'moderate', 'major'] as const;
      const sent = Array.from({ length: 8 }, (_, i) => ({
        // Half of them name the pair the other way round: it is still the same pair.
        a: i % 2 === 0 ? a : b,
        b: i % 2 === 0 ? b : a,
        treatment: values[(i + round) % 3]!,
        impact: impacts[(i + round) % 4]!,
      }));
      const answers = await Promise.all(sent.map((body) => client.put(`/api/v1/cases/${caseId}/comparison`, body)));
      assert.deepEqual(
        answers.map((r) => r.statusCode),
        Array(8).fill(200),
        answers.map((r) => r.body.slice(0, 200)).join('\n'),
      );
      const stored = await rows();
      assert.deepEqual(stored.map((r) => r.axis).sort(), ['impact', 'treatment'], 'one row per axis of the pair');
      const [low, high] = a < b ? [a, b] : [b, a];
      assert.ok(stored.every((r) => r.opinion_low_id === low && r.opinion_high_id === high));
      const treatment = stored.find((r) => r.axis === 'treatment')!.value;
      assert.ok(
        sent.some((s) => s.treatment === treatment),
        `the stored answer ${treatment} is one that was sent`,
      );
      // What the API reads back is what is stored.
      const c = JSON.parse((await client.get(`/api/v1/cases/${caseId}/comparison`)).body) as {
        pairs: { confirmed: { treatment: string | null } }[];
      };
      assert.equal(c.pairs[0]!.confirmed.treatment, treatment);
    });
  }

  test('writers that clear and set at once: no 5xx, and at most one row per axis', async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => ({ a, b, diagnosis: i % 2 === 0 ? null : 'different' }));
    const answers = await Promise.all(bodies.map((body) => client.put(`/api/v1/cases/${caseId}/comparison`, body)));
    assert.ok(
      answers.every((r) => r.statusCode === 200),
      answers.map((r) => `${r.statusCode} ${r.body.slice(0, 120)}`).join('\n'),
    );
    const dx = (await rows()).filter((r) => r.axis === 'diagnosis');
    assert.ok(dx.length <= 1);
  });

  test('every write was audited, and the audit chain is whole', async () => {
    const audited = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'object_id'])
      .where('action', '=', 'comparison.confirm')
      .where('object_id', '=', caseId)
      .execute();
    assert.equal(audited.length, 3 * 8 + 8);
    assert.equal((await verifyAuditChain(t.deps.db)).ok, true);
  });
});
