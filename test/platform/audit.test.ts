import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { main } from '../../src/cli.ts';
import { verifyAuditChain } from '../../src/platform/audit/audit-store.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { api } from '../helpers/agent.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

forEachDialect('the audit log', (dialect) => {
  let t: TestApp;
  let me: BuiltUser;
  before(async () => {
    t = await buildTestApp(dialect);
    me = await buildUser(t);
  });
  after(() => t.close());

  test('reads and writes of patient data are recorded with actor, action, object, time and address', async () => {
    const caseId = await buildCase(t.deps, me);
    await me.agent.get(`/cases/${caseId}`);
    await api(t.app, me.apiToken).get(`/api/v1/cases/${caseId}`);
    const rows = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', caseId)
      .orderBy('seq')
      .execute();
    assert.equal(rows.length, 2);
    assert.deepEqual(
      rows.map((r) => [r.action, r.actor_id, r.patient_id, r.object_type, r.via]),
      [
        ['case.view', me.userId, me.patientId, 'case', 'web'],
        ['case.view', me.userId, me.patientId, 'case', 'api'],
      ],
    );
    assert.equal(rows[0]!.ip, '127.0.0.1');
    assert.equal(rows[0]!.at, t.clock.now().toISOString());
  });

  test('entries hold ids, never names or medical words', async () => {
    await buildCase(t.deps, me, { diagnosis: 'Pancreatic adenocarcinoma' });
    await me.agent.get('/dashboard');
    const rows = await t.deps.db.selectFrom('audit_log').selectAll().execute();
    const text = JSON.stringify(rows);
    assert.ok(!text.includes('Pancreatic'));
    assert.ok(!text.includes(me.displayName));
    assert.ok(!text.includes(me.email));
  });

  test('the audit entry and the act commit together: a failed act leaves no entry', async () => {
    const before = await t.deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    // An id that exists nowhere: the handler throws 404 inside the transaction.
    await me.agent.post('/cases/does-not-exist/archive');
    const afterHead = await t.deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    assert.equal(Number(afterHead.seq), Number(before.seq));
  });

  test('concurrent requests never fork the chain', async () => {
    const caseId = await buildCase(t.deps, me);
    await Promise.all(Array.from({ length: 25 }, () => api(t.app, me.apiToken).get(`/api/v1/cases/${caseId}`)));
    assert.deepEqual(await verifyAuditChain(t.deps.db), {
      ok: true,
      entries: Number((await t.deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow()).seq),
    });
  });

  test('changing any past entry, or removing the newest, is detected', async () => {
    const caseId = await buildCase(t.deps, me);
    for (let i = 0; i < 3; i++) await me.agent.get(`/cases/${caseId}`);
    assert.equal((await verifyAuditChain(t.deps.db)).ok, true);
    const victim = await t.deps.db
      .selectFrom('audit_log')
      .select(['seq', 'actor_id'])
      .where('object_id', '=', caseId)
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await t.deps.db
      .updateTable('audit_log')
      .set({ actor_id: 'someone-innocent' })
      .where('seq', '=', victim.seq)
      .execute();
    const broken = await verifyAuditChain(t.deps.db);
    assert.equal(broken.ok, false);
    assert.equal(!broken.ok && broken.at.seq, Number(victim.seq));
    await t.deps.db.updateTable('audit_log').set({ actor_id: victim.actor_id }).where('seq', '=', victim.seq).execute();
    assert.equal((await verifyAuditChain(t.deps.db)).ok, true);
    const last = await t.deps.db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').executeTakeFirstOrThrow();
    await t.deps.db.deleteFrom('audit_log').where('seq', '=', last.seq).execute();
    assert.equal((await verifyAuditChain(t.deps.db)).ok, false);
    await t.deps.db.insertInto('audit_log').values(last).execute();
    assert.equal((await verifyAuditChain(t.deps.db)).ok, true);
  });

  if (dialect === 'sqlite') {
    test('`second-opinion audit verify` exits 0 when intact and 1 when changed', async () => {
      const env = { ...process.env };
      process.env.DATA_DIR = t.dataDir;
      process.env.DATABASE_URL = t.config.database.kind === 'sqlite' ? `sqlite:${t.config.database.file}` : '';
      const out: string[] = [];
      try {
        assert.equal(
          await main(
            ['audit', 'verify'],
            (s) => out.push(s),
            (s) => out.push(s),
          ),
          0,
          out.join('\n'),
        );
        assert.match(out.join('\n'), /intact/);
        await t.deps.db.updateTable('audit_log').set({ action: 'case.update' }).where('seq', '=', 1).execute();
        assert.equal(
          await main(
            ['audit', 'verify'],
            (s) => out.push(s),
            (s) => out.push(s),
          ),
          1,
        );
        assert.match(out.join('\n'), /has been changed: the problem is at entry 1/);
      } finally {
        process.env = env;
      }
    });
  }
});
