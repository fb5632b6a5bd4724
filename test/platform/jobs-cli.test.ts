import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { enqueueImport } from '../../src/features/records/imports-job.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { startJobs } from '../../src/server.ts';
import { buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { buildTestApp } from '../helpers/test-app.ts';

// The two ways jobs run: inside `serve` (the default) and in a `second-opinion worker`
// process of their own. The worker is the real command (bin/second-opinion.mjs) on the same
// data folder. SQLite here; the same queue on PostgreSQL across processes is in
// jobs-processes.test.ts (the command cannot be pointed at a test's own schema).

const BIN = path.resolve(import.meta.dirname, '../../bin/second-opinion.mjs');
const BUNDLE = fs.readFileSync(
  path.resolve(import.meta.dirname, '../fixtures/fhir/synthea/uscore_bundle_patient_85.json'),
);
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('serve runs jobs in its own process by default; JOBS_IN_PROCESS=false turns that off', () => {
  assert.equal(loadConfig({}).jobs.inProcess, true);
  assert.equal(loadConfig({ JOBS_IN_PROCESS: 'false' }).jobs.inProcess, false);
  assert.equal(loadConfig({}).jobs.importMemoryMb, 256);
});

test('the in-process worker of the app picks up a queued import and finishes it', async () => {
  const t = await buildTestApp('sqlite');
  try {
    const u = await buildUser(t);
    const caseId = await buildCase(t.deps, u);
    const documentId = await buildDocument(t, u, caseId, { content: BUNDLE });
    await t.deps.db.updateTable('documents').set({ detected_type: 'fhir' }).where('id', '=', documentId).execute();
    startJobs(t.deps);
    const jobId = await enqueueImport(t.deps, t.deps.db, documentId, u.userId);
    let state = '';
    for (let i = 0; i < 300 && state !== 'done' && state !== 'failed'; i++) {
      await wait(100);
      state = (await t.deps.jobs.get(jobId))?.state ?? '';
    }
    assert.equal(state, 'done');
  } finally {
    await t.close();
  }
});

test('second-opinion worker runs queued jobs with no web server, and stops on SIGTERM', async () => {
  const t = await buildTestApp('sqlite');
  const dataDir = t.dataDir;
  const u = await buildUser(t);
  const caseId = await buildCase(t.deps, u);
  const documentId = await buildDocument(t, u, caseId, { content: BUNDLE });
  await t.deps.db.updateTable('documents').set({ detected_type: 'fhir' }).where('id', '=', documentId).execute();
  const jobId = await enqueueImport(t.deps, t.deps.db, documentId, u.userId);
  // Closed, not removed: the worker uses the same folder, database and key.
  await t.app.close();
  const child = spawn(process.execPath, [BIN, 'worker'], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', NODE_ENV: 'test' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const db = openDatabase(loadConfig({ DATA_DIR: dataDir }).database);
  try {
    let job: { state: string; result: string | null } | undefined;
    for (let i = 0; i < 600; i++) {
      job = await db.db.selectFrom('jobs').select(['state', 'result']).where('id', '=', jobId).executeTakeFirst();
      if (job?.state === 'done' || job?.state === 'failed') break;
      await wait(100);
    }
    assert.equal(job?.state, 'done', out);
    assert.ok(JSON.parse(job!.result!).itemsAdded > 50);
    assert.match(out, /Second Opinion worker is running/);
    assert.doesNotMatch(out, /listening|Server listening/i, 'no web server');
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
