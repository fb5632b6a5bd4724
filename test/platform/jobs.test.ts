import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fixedClock, systemClock } from '../../src/platform/clock.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/platform/db/database.ts';
import { readJobMetrics } from '../../src/platform/jobs/metrics.ts';
import {
  createJobQueue,
  GENERAL_JOB_ERROR,
  JobError,
  type JobQueue,
  PermanentJobError,
  type QueueOptions,
} from '../../src/platform/jobs/queue.ts';
import { emptyDatabase } from '../helpers/databases.ts';
import { type DialectName, forEachDialect } from '../helpers/test-app.ts';

// The job queue on each database: run, retry with backoff, give up after N tries, survive a
// restart and a dead worker, and never hand one job to two workers.

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachDialect('job queue', (dialect: DialectName) => {
  let database: Awaited<ReturnType<typeof emptyDatabase>>;
  const handles: DatabaseHandle[] = [];
  const open = async () => {
    const h = openDatabase(database.database);
    handles.push(h);
    await migrateToLatest(h.db, h.schema);
    return h;
  };
  const queue = (h: DatabaseHandle, opts: Partial<QueueOptions> = {}): JobQueue =>
    createJobQueue({ db: h.db, dialect: h.dialect, clock: systemClock, ...opts });

  before(async () => {
    database = await emptyDatabase(dialect);
  });
  after(async () => {
    for (const h of handles) await h.close();
    await database.drop();
  });

  test('a queued job runs once, reports progress and keeps its result', async () => {
    const h = await open();
    const q = queue(h);
    const seen: unknown[] = [];
    q.register<{ n: number }>('t.double', async (p, ctx) => {
      seen.push(p);
      await ctx.progress(1, 2);
      const mid = await q.get(ctx.id);
      assert.equal(mid?.state, 'running');
      assert.deepEqual(mid?.progress, { done: 1, total: 2 });
      await ctx.progress(2);
      return { doubled: p.n * 2 };
    });
    const { id, created } = await q.enqueue('t.double', { n: 21 }, { ownerUserId: 'u1' });
    assert.equal(created, true);
    assert.equal((await q.get(id))?.state, 'queued');
    assert.equal(await q.runNext(), true);
    assert.equal(await q.runNext(), false, 'nothing else to run');
    const job = await q.get(id);
    assert.equal(job?.state, 'done');
    assert.deepEqual(job?.result, { doubled: 42 });
    assert.deepEqual(job?.progress, { done: 2, total: 2 });
    assert.equal(job?.attempts, 1);
    assert.equal(job?.ownerUserId, 'u1');
    assert.ok(job?.finishedAt);
    assert.deepEqual(seen, [{ n: 21 }]);
  });

  test('the same idempotency key gives back the first job, even inside a transaction', async () => {
    const h = await open();
    const q = queue(h);
    const a = await q.enqueue('t.key', { x: 1 }, { key: 'doc-1' });
    const b = await q.enqueue('t.key', { x: 2 }, { key: 'doc-1' });
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    assert.equal(b.id, a.id);
    // In a transaction a duplicate must not spoil it (PostgreSQL aborts on a unique error).
    const c = await h.db.transaction().execute(async (trx) => {
      const again = await q.enqueue('t.key', { x: 3 }, { key: 'doc-1', db: trx });
      const other = await q.enqueue('t.key', { x: 4 }, { key: 'doc-2', db: trx });
      return { again, other };
    });
    assert.equal(c.again.id, a.id);
    assert.equal(c.other.created, true);
    // Another kind with the same key is another job.
    assert.equal((await q.enqueue('t.other', {}, { key: 'doc-1' })).created, true);
    const rows = await h.db.selectFrom('jobs').select(['payload']).where('kind', '=', 't.key').execute();
    assert.deepEqual(rows.map((r) => JSON.parse(r.payload).x).sort(), [1, 4]);
  });

  test('a job queued in a transaction that rolls back does not exist', async () => {
    const h = await open();
    const q = queue(h);
    let id = '';
    await assert.rejects(
      h.db.transaction().execute(async (trx) => {
        id = (await q.enqueue('t.rollback', {}, { db: trx })).id;
        throw new Error('the request failed');
      }),
    );
    assert.equal(await q.get(id), null);
  });

  test('a failing job is tried again after a doubling wait, then succeeds', async () => {
    const h = await open();
    const clock = fixedClock('2026-12-08T10:00:00.000Z');
    const q = queue(h, { clock });
    let calls = 0;
    q.register(
      't.flaky',
      async () => {
        calls++;
        if (calls < 3) throw new JobError('The server did not answer.', { retry: true });
        return 'ok';
      },
      { backoffMs: 1000 },
    );
    const { id } = await q.enqueue('t.flaky', {});
    assert.equal(await q.runNext(), true);
    let job = await q.get(id);
    assert.equal(job?.state, 'queued');
    assert.equal(job?.lastError, 'The server did not answer.');
    assert.equal(job?.runAfter, '2026-12-08T10:00:01.000Z', 'first wait: 1 s');
    assert.equal(await q.runNext(), false, 'not before the wait is over');
    clock.advance(1000);
    assert.equal(await q.runNext(), true);
    job = await q.get(id);
    assert.equal(job?.runAfter, '2026-12-08T10:00:03.000Z', 'second wait: 2 s');
    clock.advance(1999);
    assert.equal(await q.runNext(), false);
    clock.advance(1);
    assert.equal(await q.runNext(), true);
    job = await q.get(id);
    assert.equal(job?.state, 'done');
    assert.equal(job?.attempts, 3);
    assert.equal(job?.lastError, null);
    assert.equal(calls, 3);
  });

  test('a job that always fails stops after N tries, visible as failed, and is never run again', async () => {
    const h = await open();
    const clock = fixedClock('2026-12-08T10:00:00.000Z');
    const errors: string[] = [];
    const q = queue(h, { clock, onError: (e) => errors.push((e as Error).name) });
    let calls = 0;
    q.register(
      't.broken',
      async () => {
        calls++;
        throw new TypeError('secret value 123-45-6789 in a message');
      },
      { maxAttempts: 3, backoffMs: 10 },
    );
    const { id } = await q.enqueue('t.broken', {});
    for (let i = 0; i < 10; i++) {
      await q.runNext();
      clock.advance(60_000);
    }
    const job = await q.get(id);
    assert.equal(calls, 3);
    assert.equal(job?.state, 'failed');
    assert.equal(job?.attempts, 3);
    // The person reads plain words; the error's own text (it might hold anything) is not kept.
    assert.equal(job?.lastError, GENERAL_JOB_ERROR);
    assert.ok(!JSON.stringify(await h.db.selectFrom('jobs').selectAll().execute()).includes('6789'));
    assert.deepEqual(errors, ['TypeError', 'TypeError', 'TypeError']);
    assert.equal((await q.stats()).failed >= 1, true);
  });

  test('a refused input fails at once with its message', async () => {
    const h = await open();
    const q = queue(h);
    let calls = 0;
    q.register('t.refused', async () => {
      calls++;
      throw new PermanentJobError('This file is not a health record export.');
    });
    const { id } = await q.enqueue('t.refused', {});
    await q.runNext();
    assert.equal(await q.runNext(), false);
    const job = await q.get(id);
    assert.equal(job?.state, 'failed');
    assert.equal(job?.lastError, 'This file is not a health record export.');
    assert.equal(calls, 1);
  });

  test('jobs survive a restart, and a dead worker’s job is taken over when its lease runs out', async () => {
    // A clock of our own: the lease runs out when the test says, however slow the machine.
    const clock = fixedClock('2026-12-08T10:00:00.000Z');
    const first = await open();
    const q1 = queue(first, { clock });
    const waiting = await q1.enqueue('t.resume', { n: 1 });
    const held = await q1.enqueue('t.resume', { n: 2 });
    // What kill -9 leaves behind: a job marked running by a process that no longer exists.
    await first.db
      .updateTable('jobs')
      .set({ state: 'running', attempts: 1, locked_by: 'dead-host:1:x', locked_until: '2026-12-08T10:05:00.000Z' })
      .where('id', '=', held.id)
      .execute();
    await first.close();
    handles.splice(handles.indexOf(first), 1);

    const second = await open();
    const q2 = queue(second, { clock });
    const ran: number[] = [];
    q2.register<{ n: number }>('t.resume', async (p) => {
      ran.push(p.n);
    });
    assert.equal(await q2.runNext(), true);
    assert.equal(await q2.runNext(), false, 'the held job waits for its lease to run out');
    clock.advance(4 * 60_000);
    assert.equal(await q2.runNext(), false, 'still within the lease');
    clock.advance(60_001);
    assert.equal(await q2.runNext(), true);
    assert.deepEqual(ran, [1, 2]);
    assert.equal((await q2.get(waiting.id))?.state, 'done');
    const taken = await q2.get(held.id);
    assert.equal(taken?.state, 'done');
    assert.equal(taken?.attempts, 2, 'the try that died counts');
  });

  test('a job whose last try died is marked failed, not run again', async () => {
    const h = await open();
    const q = queue(h);
    let calls = 0;
    q.register('t.lastdied', async () => void calls++, { maxAttempts: 2 });
    const { id } = await q.enqueue('t.lastdied', {});
    await h.db
      .updateTable('jobs')
      .set({
        state: 'running',
        attempts: 2,
        locked_by: 'dead',
        locked_until: new Date(Date.now() - 1000).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    assert.equal(await q.runNext(), true);
    const job = await q.get(id);
    assert.equal(job?.state, 'failed');
    assert.equal(calls, 0);
    assert.match(job?.lastError ?? '', /2 tries/);
  });

  test('two workers (two connections) never run one job twice', async () => {
    const a = await open();
    const b = await open();
    const qa = queue(a);
    const qb = queue(b);
    const runs = new Map<number, string[]>();
    const handler = (who: string) => async (p: { n: number }) => {
      runs.set(p.n, [...(runs.get(p.n) ?? []), who]);
      await wait(2);
    };
    qa.register('t.race', handler('a'));
    qb.register('t.race', handler('b'));
    await a.db.deleteFrom('jobs').execute();
    const N = 40;
    for (let n = 0; n < N; n++) await qa.enqueue('t.race', { n });
    qa.start({ concurrency: 2, pollMs: 20 });
    qb.start({ concurrency: 2, pollMs: 20 });
    const deadline = Date.now() + 20_000;
    while ((await qa.stats()).done < N && Date.now() < deadline) await wait(50);
    await Promise.all([qa.stop(), qb.stop()]);
    assert.equal(runs.size, N, 'every job ran');
    for (const [n, who] of runs) assert.equal(who.length, 1, `job ${n} ran ${who.length} times (${who.join(', ')})`);
    const by = new Set([...runs.values()].flat());
    assert.ok(by.has('a') && by.has('b'), 'both workers took jobs');
    const stats = await qa.stats();
    assert.equal(stats.done, N);
    assert.equal(stats.queued, 0);
    assert.equal(stats.running, 0);
  });

  test('stop hands a job that outlives the timeout back to the queue, this try not counted', async () => {
    const h = await open();
    const q = queue(h);
    let release: () => void = () => {};
    let started = false;
    q.register('t.slow', (_p, ctx) => {
      started = true;
      return new Promise<void>((resolve) => {
        release = resolve;
        ctx.signal.addEventListener('abort', () => resolve());
      });
    });
    const { id } = await q.enqueue('t.slow', {});
    q.start({ pollMs: 10 });
    while (!started) await wait(10);
    assert.equal(q.active(), 1);
    await q.stop(100);
    release();
    const job = await q.get(id);
    assert.equal(job?.state, 'queued');
    assert.equal(job?.attempts, 0);
    // The next worker does it from the start.
    const again = queue(h);
    again.register('t.slow', async () => 'finished');
    assert.equal(await again.runNext(), true);
    assert.equal((await again.get(id))?.state, 'done');
  });

  test('stats count jobs by state and the age of the oldest waiting one; prune removes old finished jobs', async () => {
    const h = await open();
    const clock = fixedClock('2026-12-08T10:00:00.000Z');
    const q = queue(h, { clock });
    q.register('t.stats', async () => 'ok');
    await h.db.deleteFrom('jobs').execute();
    await q.enqueue('t.stats', {});
    clock.advance(30_000);
    await q.enqueue('t.stats', {});
    let s = await q.stats();
    assert.equal(s.queued, 2);
    assert.equal(s.oldestQueuedSeconds, 30);
    await q.runNext();
    s = await q.stats();
    assert.deepEqual(
      { queued: s.queued, done: s.done, failed: s.failed, running: s.running },
      { queued: 1, done: 1, failed: 0, running: 0 },
    );
    assert.equal(await q.prune(60_000), 0, 'too recent');
    clock.advance(120_000);
    assert.equal(await q.prune(60_000), 1);
    assert.equal((await q.stats()).done, 0);
  });
});

forEachDialect('job queue metrics', (dialect: DialectName) => {
  test('depth, failures and this process’s totals, for /metrics', async () => {
    const database = await emptyDatabase(dialect);
    const h = openDatabase(database.database);
    try {
      await migrateToLatest(h.db, h.schema);
      const clock = fixedClock('2026-12-08T10:00:00.000Z');
      const q = createJobQueue({ db: h.db, dialect: h.dialect, clock });
      q.register('m.ok', async () => 'fine');
      q.register(
        'm.bad',
        async () => {
          throw new JobError('Not today.', { retry: true });
        },
        { maxAttempts: 2, backoffMs: 1 },
      );
      await q.enqueue('m.ok', {});
      await q.enqueue('m.bad', {});
      await q.enqueue('m.ok', {}, { delayMs: 60_000 });
      clock.advance(10_000);
      const before = Object.fromEntries((await readJobMetrics(q)).map((m) => [m.name, m.value]));
      assert.equal(before.second_opinion_jobs_queued, 3);
      assert.equal(before.second_opinion_jobs_oldest_queued_seconds, 10);
      for (let i = 0; i < 4; i++) {
        await q.runNext();
        clock.advance(1000);
      }
      const m = Object.fromEntries((await readJobMetrics(q)).map((x) => [x.name, x.value]));
      assert.equal(m.second_opinion_jobs_queued, 1, 'the delayed one still waits');
      assert.equal(m.second_opinion_jobs_failed, 1);
      assert.equal(m.second_opinion_jobs_done_total, 1);
      assert.equal(m.second_opinion_jobs_failed_total, 1);
      assert.equal(m.second_opinion_job_tries_failed_total, 2);
      assert.equal(m.second_opinion_jobs_running, 0);
    } finally {
      await h.close();
      await database.drop();
    }
  });
});
