import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { verifyAuditChain } from '../../src/platform/audit/audit-store.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { forEachDialect } from '../helpers/test-app.ts';

// kill -9 of the server in the middle of a burst of form writes, several times, then start
// again (issue 13 item 6): every write the server acknowledged is there and whole, nothing
// half-written is there, and the audit chain still verifies from its first entry.

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.resolve(here, '../helpers/crash-child.ts');
const PG_URL = process.env.TEST_POSTGRES_URL;
const ROUNDS = 3;
const WRITES = 400;
const AT_ONCE = 8;

interface Ready {
  port: number;
  pid: number;
  token: string;
  caseId: string;
}

const children = new Set<ChildProcess>();

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not start within 60 s')), 60_000);
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, ready: JSON.parse(line) as Ready });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited early (${code})`));
    });
  });
}

function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

// Whatever happens, no server is left running when the file ends.
after(async () => {
  await Promise.all([...children].map(killHard));
});

/** One JSON write; resolves with the status, or 'broken' when the server died under it. */
function post(ready: Ready, url: string, body: unknown): Promise<number | 'broken'> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: ready.port,
        method: 'POST',
        path: url,
        headers: {
          authorization: `Bearer ${ready.token}`,
          'content-type': 'application/json',
          'content-length': data.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve('broken'));
      },
    );
    req.on('error', () => resolve('broken'));
    req.setTimeout(30_000, () => req.destroy());
    req.end(data);
  });
}

forEachDialect('kill -9 during a burst of form writes', (dialect) => {
  let dataDir: string;
  const env: Record<string, string> = {};
  let schema: string | null = null;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-kill-writes-'));
    env.DATA_DIR = dataDir;
    if (dialect === 'postgres') {
      schema = `t_kill_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`create schema ${schema}`);
      await c.end();
      Object.assign(env, { DATABASE_URL: PG_URL!, PG_SCHEMA: schema });
    }
  });

  after(async () => {
    await Promise.all([...children].map(killHard));
    if (schema) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('acknowledged writes survive whole, nothing is half there, the audit chain verifies', async () => {
    const acknowledged = new Set<string>();
    const sent = new Set<string>();
    let first = await startChild(env);
    const { token, caseId } = first.ready;
    let ready = first.ready;
    let child = first.child;

    for (let round = 0; round < ROUNDS; round++) {
      const queue = Array.from({ length: WRITES }, (_, i) => i);
      const worker = async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          const text = `Burst r${round} q${i}: is it safe to wait?`;
          sent.add(text);
          const status = await post(ready, `/api/v1/cases/${caseId}/questions`, { text });
          if (status === 201) acknowledged.add(text);
          if (status === 'broken') return;
        }
      };
      const ackedBefore = acknowledged.size;
      const burst = Promise.all(Array.from({ length: AT_ONCE }, worker));
      // Kill at a random moment once writes are flowing (a busy machine can take seconds to
      // answer the first one), so every round cuts some writes off mid-way.
      const flowing = Date.now() + 30_000;
      while (acknowledged.size === ackedBefore && Date.now() < flowing) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 10 + Math.floor(Math.random() * 120)));
      await killHard(child);
      await burst;
      first = await startChild({ ...env, SO_TOKEN: token, SO_CASE: caseId });
      ready = first.ready;
      child = first.child;
    }
    await killHard(child);

    assert.ok(acknowledged.size > 0, 'some writes were answered before a kill');
    assert.ok(acknowledged.size < sent.size, 'some writes were cut off by a kill');

    const handle = openDatabase(
      dialect === 'postgres'
        ? { kind: 'postgres', url: PG_URL!, schema: schema! }
        : { kind: 'sqlite', file: path.join(dataDir, 'second-opinion.db') },
    );
    try {
      const rows = await handle.db
        .selectFrom('case_questions')
        .select(['text'])
        .where('case_id', '=', caseId)
        .execute();
      const texts = rows.map((r) => r.text ?? '').filter((x) => x.startsWith('Burst'));
      for (const text of acknowledged) assert.ok(texts.includes(text), `acknowledged write kept: ${text}`);
      for (const text of texts) assert.ok(sent.has(text), `whole, as sent: ${text}`);
      assert.equal(new Set(texts).size, texts.length, 'no write stored twice');
      const chain = await verifyAuditChain(handle.db);
      assert.equal(chain.ok, true, 'the audit chain verifies');
      if (dialect === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db);
        assert.equal(check.rows[0]?.integrity_check, 'ok');
      }
    } finally {
      await handle.close();
    }
  });
});
