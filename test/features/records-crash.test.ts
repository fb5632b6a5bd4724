import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../../src/platform/config.ts';
import { createDeps, type Deps } from '../../src/platform/deps.ts';
import { knownStorageKeys } from '../../src/platform/storage/catalog.ts';
import { forEachDialect } from '../helpers/test-app.ts';

// kill -9 while uploads are in flight, several times, then start again: no partial
// document is ever visible, leftovers are cleaned, and every stored document decrypts to
// the fingerprint recorded for it.

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.resolve(here, '../helpers/crash-child.ts');
const PG_URL = process.env.TEST_POSTGRES_URL;

interface Ready {
  port: number;
  pid: number;
  token: string;
  caseId: string;
}

// Every child this file starts, so none outlives the test: the `after` hook kills them, and
// so does the process's exit handler if the runner gives up first. A child left running
// holds its stdout pipe open and the test process would never exit (a hung CI job).
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** Rejects after `ms` with a message naming what was awaited, so no wait can hang. */
function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const START_MS = 90_000;
const UPLOAD_MS = 60_000;
const EXIT_MS = 15_000;

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env, SO_WATCH_STDIN: '1' },
    // stdin is a pipe the child watches: when this process dies, however it dies, the pipe
    // closes and the child exits too.
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const ready = new Promise<{ child: ChildProcess; ready: Ready }>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ready: JSON.parse(line) as Ready });
    });
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
  // A child that never says it is ready is killed, not left behind.
  return within(START_MS, 'child server start', ready).catch(async (err: unknown) => {
    await killHard(child);
    throw err;
  });
}

async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await within(EXIT_MS, `child ${child.pid} exit after SIGKILL`, exited);
}

/**
 * Streams a multipart upload slowly; resolves with the status, 'broken' when the server died,
 * or 'timeout' when nothing ended it within UPLOAD_MS (the request is then destroyed).
 */
function slowUpload(
  ready: Ready,
  content: Buffer,
  filename: string,
  pieceBytes: number,
  pauseMs: number,
): Promise<number | 'broken' | 'timeout'> {
  const boundary = `----crash${crypto.randomBytes(6).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (v: number | 'broken' | 'timeout') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(v);
    };
    const timer = setTimeout(() => {
      settle('timeout');
      req.destroy();
    }, UPLOAD_MS);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: ready.port,
        method: 'POST',
        path: `/api/v1/cases/${ready.caseId}/documents`,
        headers: {
          authorization: `Bearer ${ready.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + content.length + tail.length,
          accept: 'application/json',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => settle(res.statusCode ?? 0));
        res.on('error', () => settle('broken'));
      },
    );
    req.on('error', () => settle('broken'));
    req.write(head);
    let at = 0;
    const next = () => {
      if (req.destroyed) return;
      if (at >= content.length) {
        req.end(tail);
        return;
      }
      req.write(content.subarray(at, at + pieceBytes));
      at += pieceBytes;
      setTimeout(next, pauseMs);
    };
    next();
  });
}

const png = (bytes: number) =>
  Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), crypto.randomBytes(bytes)]);
const text = (n: number) => Buffer.from(`Lab result ${n} ${crypto.randomUUID()}\n`.repeat(50));

forEachDialect('a crash at any moment leaves whole documents or nothing', (dialect) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-crash-'));
  const schema = `crash_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const env: Record<string, string> = { DATA_DIR: dataDir };
  let ids: { token: string; caseId: string } | null = null;
  let checker: Deps | null = null;

  before(async () => {
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`create schema ${schema}`);
      await c.end();
      Object.assign(env, { DATABASE_URL: PG_URL!, PG_SCHEMA: schema });
    }
  });
  after(async () => {
    // Kill first: a failed or timed-out test must not leave a server running.
    await Promise.allSettled([...children].map((c) => killHard(c)));
    await checker?.close();
    if (dialect === 'postgres') {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('kill -9 during uploads, four times; then restart and check every document', { timeout: 300_000 }, async () => {
    const statuses: (number | 'broken' | 'timeout')[] = [];
    for (let round = 0; round < 4; round++) {
      const { child, ready } = await startChild({
        ...env,
        ...(ids ? { SO_TOKEN: ids.token, SO_CASE: ids.caseId } : {}),
      });
      ids ??= { token: ready.token, caseId: ready.caseId };
      const r = { ...ready, ...ids };
      // One upload that surely finishes before the kill, however busy the machine is.
      assert.equal(await slowUpload(r, text(round * 10), `done-${round}.txt`, 65536, 0), 201);
      // Small files that may finish, and big slow ones that are cut by the kill.
      const inflight = [
        slowUpload(r, text(round * 10 + 1), `note-${round}-a.txt`, 4096, 1),
        slowUpload(r, png(3 * 1024 * 1024), `scan-${round}.png`, 32 * 1024, 8),
        slowUpload(r, text(round * 10 + 2), `note-${round}-b.txt`, 1024, 2),
        slowUpload(r, png(200 * 1024), `small-${round}.png`, 16 * 1024, 1),
      ];
      // A different moment each round: early, middle, late.
      await new Promise((res) => setTimeout(res, [150, 400, 700, 250][round]));
      await killHard(child);
      statuses.push(...(await Promise.all(inflight)));
    }
    assert.ok(statuses.includes('broken'), 'some uploads must have been cut by the kill');
    assert.ok(!statuses.includes('timeout'), 'every upload ended: answered, or cut by the kill');

    // The temp folder holds what the killed processes were writing.
    const tmpDir = path.join(dataDir, 'documents', 'tmp');
    const leftovers = fs.readdirSync(tmpDir);

    // Restart: the app cleans up on start.
    const { child, ready } = await startChild({ ...env, SO_TOKEN: ids!.token, SO_CASE: ids!.caseId });
    try {
      assert.deepEqual(
        fs.readdirSync(tmpDir),
        [],
        `temp files from dead processes are removed at start (there were ${leftovers.length})`,
      );
      // The restarted server still takes uploads.
      const ok = await slowUpload({ ...ready, ...ids! }, text(999), 'after-restart.txt', 65536, 0);
      assert.equal(ok, 201);
    } finally {
      await killHard(child);
    }

    let config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
    });
    if (config.database.kind === 'postgres') config = { ...config, database: { ...config.database, schema } };
    checker = await createDeps(config);
    const store = checker.blobs;
    const docs = await checker.db
      .selectFrom('documents as d')
      .innerJoin('record_blobs as b', 'b.id', 'd.blob_id')
      .select(['d.id as documentId', 'b.id', 'b.sha256', 'b.size_bytes', 'b.wrapped_key', 'b.storage_key'])
      .execute();
    assert.ok(docs.length >= 5, `uploads that finished before the kills are all there (${docs.length})`);
    for (const d of docs) {
      const got = await store.digest(store.handleFor(d));
      assert.equal(got.sha256, d.sha256, `document ${d.documentId} decrypts to its recorded fingerprint`);
      assert.equal(got.size, Number(d.size_bytes));
    }
    // Every blob row has its file; files without a row (renamed, then killed before the
    // commit) are removed by the sweep, and nothing the database knows is touched.
    const rows = await checker.db.selectFrom('record_blobs').select('storage_key').execute();
    for (const r of rows) assert.ok(fs.existsSync(path.join(dataDir, 'documents', r.storage_key)));
    await store.sweepOrphans((keys) => knownStorageKeys(checker!.db, keys), 0);
    const blobDir = path.join(dataDir, 'documents', 'blobs');
    const onDisk = fs
      .readdirSync(blobDir)
      .flatMap((p) => fs.readdirSync(path.join(blobDir, p)).map((n) => `blobs/${p}/${n}`));
    assert.deepEqual(onDisk.sort(), rows.map((r) => r.storage_key).sort());
  });
});
