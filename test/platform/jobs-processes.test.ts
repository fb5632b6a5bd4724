import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { systemClock } from '../../src/platform/clock.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../../src/platform/db/database.ts';
import { createJobQueue, type JobQueue } from '../../src/platform/jobs/queue.ts';
import { emptyDatabase } from '../helpers/databases.ts';
import { forEachDialect } from '../helpers/test-app.ts';

// Jobs across real processes: a worker killed with SIGKILL in the middle of a job leaves it
// to another process, which finishes it once the dead one's lease runs out; SIGTERM hands
// an unfinished job back at once. Nothing runs twice at the same time.

const CHILD = path.resolve(import.meta.dirname, '../helpers/jobs-child.ts');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startWorker(database: unknown, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, DATABASE: JSON.stringify(database), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited early (${code})`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<void>((r) =>
    child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', () => r()),
  );

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await wait(50);
  }
}

forEachDialect('jobs across processes', (dialect) => {
  let database: Awaited<ReturnType<typeof emptyDatabase>>;
  let handle: DatabaseHandle;
  let q: JobQueue;
  const children: ChildProcess[] = [];

  before(async () => {
    database = await emptyDatabase(dialect);
    handle = openDatabase(database.database);
    await migrateToLatest(handle.db, handle.schema);
    q = createJobQueue({ db: handle.db, dialect: handle.dialect, clock: systemClock });
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await handle.close();
    await database.drop();
  });

  test('kill -9 of the worker mid-job: another process takes the job over and finishes it', async () => {
    const { id } = await q.enqueue('p.slow', {});
    const first = await startWorker(database.database, { LEASE_MS: '1500', STEP_MS: '300', STEPS: '20' });
    children.push(first);
    await until('the first worker to make progress', async () => ((await q.get(id))?.progress.done ?? 0) >= 2);
    first.kill('SIGKILL');
    await exited(first);
    const held = await q.get(id);
    assert.equal(held?.state, 'running', 'the dead worker still holds it, until its lease runs out');

    const second = await startWorker(database.database, { LEASE_MS: '1500', STEP_MS: '20', STEPS: '20' });
    children.push(second);
    const done = await until('the job to finish', async () => {
      const j = await q.get(id);
      return j?.state === 'done' ? j : null;
    });
    assert.deepEqual(done.result, { pid: second.pid });
    assert.equal(done.attempts, 2, 'the killed try counts');
    assert.deepEqual(done.progress, { done: 20, total: 20 });
    second.kill('SIGTERM');
    await exited(second);
  });

  test('SIGTERM with a job running past the stop timeout hands it back; the next worker starts it again', async () => {
    const { id } = await q.enqueue('p.slow', {});
    // Each step longer than the 5 s the worker waits on SIGTERM.
    const first = await startWorker(database.database, { LEASE_MS: '60000', STEP_MS: '6000', STEPS: '2' });
    children.push(first);
    await until('the job to start', async () => (await q.get(id))?.state === 'running');
    first.kill('SIGTERM');
    await exited(first);
    const back = await q.get(id);
    assert.equal(back?.state, 'queued', 'handed back, not left to a lease that would take a minute');
    assert.equal(back?.attempts, 0, 'that try is not counted');

    const second = await startWorker(database.database, { LEASE_MS: '60000', STEP_MS: '10', STEPS: '2' });
    children.push(second);
    const done = await until('the job to finish', async () => {
      const j = await q.get(id);
      return j?.state === 'done' ? j : null;
    });
    assert.deepEqual(done.result, { pid: second.pid });
    assert.equal(done.attempts, 1);
    second.kill('SIGTERM');
    await exited(second);
  });
});
