import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Config } from '../../src/platform/config.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { createBackup, restoreBackup } from '../../src/platform/storage/backup.ts';
import { backupCommand, restoreCommand } from '../../src/platform/storage/commands.ts';
import { createServer } from '../../src/server.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { api } from '../helpers/agent.ts';
import { adminQuery, emptyDatabase, emptyPostgresDatabase, snapshotFiles } from '../helpers/databases.ts';
import { apiUpload } from '../helpers/records.ts';
import { buildTestApp, forEachDialect, type TestApp, testConfig } from '../helpers/test-app.ts';

// Issue 13, item 4: a backup is one archive, right while the app runs and takes uploads;
// a restore refuses a folder that is not empty, checks every file, and the restored app
// serves the same rows and the same document bytes.

const here = path.dirname(fileURLToPath(import.meta.url));
const CHILD = path.resolve(here, '../helpers/crash-child.ts');
const PG_URL = process.env.TEST_POSTGRES_URL;
const PASSPHRASE = 'four words are plenty here';
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const quiet = () => {};

function capture() {
  const lines: string[] = [];
  return { lines, print: (s: string) => lines.push(s), text: () => lines.join('\n') };
}

/** Every row of every table, as sorted JSON lines: two databases compared exactly. */
async function allRows(deps: Deps): Promise<Map<string, string[]>> {
  const tables =
    deps.dialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(
            deps.db,
          )
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(
            deps.db,
          )
        ).rows.map((r) => r.name);
  const out = new Map<string, string[]>();
  for (const t of tables) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)}`.execute(deps.db)).rows;
    out.set(t, rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).sort());
  }
  return out;
}

/** Where a restore's database goes: the folder for SQLite; a new database for PostgreSQL. */
async function restoreTarget(
  dialect: 'sqlite' | 'postgres',
  base: Config,
): Promise<{ config: Config; drop(): Promise<void> }> {
  if (dialect === 'sqlite') return { config: base, drop: async () => {} };
  const db = await emptyPostgresDatabase();
  return { config: { ...base, database: { kind: 'postgres', url: db.url } }, drop: db.drop };
}

forEachDialect('backup and restore', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let caseId: string;
  const uploaded = new Map<string, Buffer>();
  let work: string;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    caseId = await buildCase(t.deps, user);
    for (let i = 0; i < 3; i++) {
      const content = Buffer.from(`Visit note ${i}\n${crypto.randomBytes(40_000 + i).toString('base64')}`);
      const { results } = await apiUpload(t, user, caseId, [{ filename: `note-${i}.txt`, content }]);
      assert.equal(results[0]?.status, 'stored');
      uploaded.set(results[0]!.documentId!, content);
    }
    const pdfLike = Buffer.from(`Imaging report\n${'x'.repeat(200_000)}`);
    uploaded.set(await buildDocument(t, user, caseId, { content: pdfLike }), pdfLike);
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'so-backup-test-'));
  });
  after(async () => {
    await t.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  test('backup --include-key, then restore into a new folder: identical rows and identical document bytes', async () => {
    const file = path.join(work, 'full.zip');
    const b = capture();
    assert.equal(
      await backupCommand(t.config, [file, '--include-key'], b.print, b.print, { BACKUP_PASSPHRASE: PASSPHRASE }),
      0,
      b.text(),
    );
    assert.match(b.text(), /4 document files/);
    assert.match(b.text(), /instance key is in it, locked with your passphrase/);
    assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600', 'the archive is readable by its owner only');

    const target = await restoreTarget(dialect, t.config);
    const dir = path.join(work, 'restored');
    try {
      const r = capture();
      assert.equal(
        await restoreCommand(target.config, [file, '--data-dir', dir], r.print, r.print, {
          BACKUP_PASSPHRASE: PASSPHRASE,
        }),
        0,
        r.text(),
      );
      assert.match(r.text(), /Every file matched the SHA-256/);
      assert.match(r.text(), /OK {3}Documents: 4 stored files checked, each opens and matches its recorded SHA-256/);

      const restoredConfig: Config = {
        ...t.config,
        dataDir: dir,
        database:
          dialect === 'sqlite'
            ? { kind: 'sqlite', file: path.join(dir, 'second-opinion.db') }
            : {
                kind: 'postgres',
                url: (target.config.database as { url: string }).url,
                schema: (t.config.database as { schema: string }).schema,
              },
      };
      const restored = await createServer(restoredConfig, { clock: t.clock });
      try {
        assert.equal(restored.deps.installationId, t.deps.installationId, 'the same installation');
        // Row by row, before anyone uses the restored app (a request adds audit entries).
        assert.deepEqual(await allRows(restored.deps), await allRows(t.deps));
        // The key came back: the same token signs in, and every document is byte for byte the same.
        for (const [id, content] of uploaded) {
          const res = await api(restored.app, user.apiToken).get(`/api/v1/documents/${id}/content`);
          assert.equal(res.statusCode, 200);
          assert.ok(res.rawPayload.equals(content), `document ${id} is identical`);
        }
        assert.equal((fs.statSync(path.join(dir, 'keys', 'instance.key')).mode & 0o777).toString(8), '600');
      } finally {
        await restored.app.close();
      }
      if (dialect === 'postgres') {
        // With amcheck installed, verify also checks every index (the restore database is ours to change).
        await adminQuery('create extension if not exists amcheck', (target.config.database as { url: string }).url);
        const { verifyCommand } = await import('../../src/platform/storage/commands.ts');
        const v = capture();
        assert.equal(await verifyCommand(restoredConfig, [], v.print, v.print), 0, v.text());
        assert.match(v.text(), /indexes checked \(amcheck\)/);
      }
    } finally {
      await target.drop();
    }
  });

  test('restore refuses a folder that is not empty, and a database that is not empty, changing neither', async () => {
    const file = path.join(work, 'plain.zip');
    assert.equal(await backupCommand(t.config, [file], quiet, quiet, {}), 0);
    const dir = path.join(work, 'not-empty');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const r = capture();
    assert.equal(await restoreCommand(t.config, [file, '--data-dir', dir], r.print, r.print, {}), 1);
    assert.match(r.text(), /Nothing was restored: the folder .* is not empty/);
    assert.deepEqual([...snapshotFiles(dir).keys()], ['notes.txt']);

    if (dialect === 'postgres') {
      // Into the very database the backup came from: it holds tables, so it is refused.
      const before = await allRows(t.deps);
      const r2 = capture();
      assert.equal(
        await restoreCommand(t.config, [file, '--data-dir', path.join(work, 'pg-refused')], r2.print, r2.print, {}),
        1,
      );
      assert.match(r2.text(), /already holds tables/);
      assert.ok(!fs.existsSync(path.join(work, 'pg-refused')));
      assert.deepEqual(await allRows(t.deps), before);
    }
  });

  test('a damaged archive, a wrong passphrase and an existing backup file are refused in plain words', async () => {
    const file = path.join(work, 'keyed.zip');
    assert.equal(
      await backupCommand(t.config, [file, '--include-key'], quiet, quiet, { BACKUP_PASSPHRASE: PASSPHRASE }),
      0,
    );
    const again = capture();
    assert.equal(await backupCommand(t.config, [file], again.print, again.print, {}), 1);
    assert.match(again.text(), /already exists/);

    const target = await restoreTarget(dialect, t.config);
    try {
      const wrong = capture();
      assert.equal(
        await restoreCommand(
          target.config,
          [file, '--data-dir', path.join(work, 'wrong-pass')],
          wrong.print,
          wrong.print,
          { BACKUP_PASSPHRASE: 'not the passphrase at all' },
        ),
        1,
      );
      assert.match(wrong.text(), /the passphrase does not open the instance key/);
      assert.ok(!fs.existsSync(path.join(work, 'wrong-pass')), 'nothing was written');

      // One flipped byte inside a stored document file (a backup without the key: no passphrase to wait for).
      const row = await t.deps.db
        .selectFrom('record_blobs')
        .select('storage_key')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      const sealed = fs.readFileSync(path.join(t.dataDir, 'documents', row.storage_key));
      const archive = fs.readFileSync(path.join(work, 'plain.zip'));
      const at = archive.indexOf(sealed.subarray(1000, 1064));
      assert.ok(at > 0, 'the document file is stored as it is in the archive');
      archive[at + 10]! ^= 0xff;
      const bad = path.join(work, 'damaged.zip');
      fs.writeFileSync(bad, archive);
      const d = capture();
      const dir = path.join(work, 'from-damaged');
      assert.equal(await restoreCommand(target.config, [bad, '--data-dir', dir], d.print, d.print, {}), 1);
      assert.match(
        d.text(),
        new RegExp(`The backup is damaged: documents/${row.storage_key} does not match the SHA-256`),
      );
      assert.ok(!fs.existsSync(dir), 'the half-restored folder was removed');
      if (dialect === 'postgres') {
        const n = await adminQuery(
          `select count(*)::int as n from information_schema.tables where table_schema = '${(t.config.database as { schema: string }).schema}'`,
          (target.config.database as { url: string }).url,
        );
        assert.equal(n.rows[0].n, 0, 'the database was not restored from a damaged archive');
      }
    } finally {
      await target.drop();
    }
  });

  test('a document file missing from the folder stops the backup: never a backup with a hole in it', async () => {
    const row = await t.deps.db
      .selectFrom('record_blobs')
      .select('storage_key')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const stored = path.join(t.dataDir, 'documents', row.storage_key);
    const aside = `${stored}.aside`;
    fs.renameSync(stored, aside);
    try {
      const r = capture();
      const file = path.join(work, 'with-a-hole.zip');
      assert.equal(await backupCommand(t.config, [file], r.print, r.print, {}), 1);
      assert.match(r.text(), /The backup was not made: 1 document file the database lists is missing/);
      assert.match(r.text(), /second-opinion verify/);
      assert.ok(!fs.existsSync(file));
      assert.deepEqual(
        fs.readdirSync(work).filter((n) => n.includes('partial')),
        [],
      );
    } finally {
      fs.renameSync(aside, stored);
    }
  });

  if (dialect === 'postgres') {
    test('an installation in the usual "public" schema restores into a new database (whose "public" already exists)', async () => {
      const source = await emptyPostgresDatabase();
      const target = await emptyPostgresDatabase();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-public-'));
      const restoredDir = path.join(work, 'public-restored');
      try {
        const config: Config = { ...testConfig(dir), database: { kind: 'postgres', url: source.url } };
        const { app, deps } = await createServer(config, { clock: t.clock });
        let id: string;
        const content = Buffer.from(`Discharge summary\n${crypto.randomBytes(30_000).toString('hex')}`);
        let tokenUser: BuiltUser;
        try {
          const like = { ...t, app, deps, config, dataDir: dir };
          tokenUser = await buildUser(like);
          id = await buildDocument(like, tokenUser, await buildCase(deps, tokenUser), { content });
        } finally {
          await app.close();
        }
        const file = path.join(work, 'public.zip');
        assert.equal(await backupCommand(config, [file], quiet, quiet, {}), 0);
        const r = await restoreBackup({
          config: { ...config, database: { kind: 'postgres', url: target.url } },
          file,
          dataDir: restoredDir,
          passphrase: async () => assert.fail('no key in it'),
          out: quiet,
        });
        assert.deepEqual(r.config.database, { kind: 'postgres', url: target.url });
        fs.mkdirSync(path.join(restoredDir, 'keys'));
        fs.copyFileSync(path.join(dir, 'keys', 'instance.key'), path.join(restoredDir, 'keys', 'instance.key'));
        const restored = await createServer(r.config, { clock: t.clock });
        try {
          const res = await api(restored.app, tokenUser.apiToken).get(`/api/v1/documents/${id}/content`);
          assert.equal(res.statusCode, 200);
          assert.ok(res.rawPayload.equals(content));
        } finally {
          await restored.app.close();
        }
      } finally {
        await source.drop();
        await target.drop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('without pg_dump on PATH: a plain message on how to back PostgreSQL up, and no file', async () => {
      const saved = process.env.PATH;
      process.env.PATH = path.join(work, 'no-tools-here');
      try {
        const r = capture();
        const file = path.join(work, 'no-pg-dump.zip');
        assert.equal(await backupCommand(t.config, [file], r.print, r.print, {}), 1);
        assert.match(r.text(), /pg_dump is not installed on this computer/);
        assert.match(r.text(), /apt-get install postgresql-client/);
        assert.ok(!fs.existsSync(file));
        assert.deepEqual(
          fs.readdirSync(work).filter((n) => n.includes('partial')),
          [],
        );
      } finally {
        process.env.PATH = saved;
      }
    });
  }
});

// ---------- while the app runs and takes uploads ----------

interface Ready {
  port: number;
  pid: number;
  token: string;
  caseId: string;
}

function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; ready: Ready }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const line = buf.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, ready: JSON.parse(line) as Ready });
    });
    child.once('exit', (code) => reject(new Error(`child exited early (${code})`)));
  });
}

function upload(ready: Ready, filename: string, content: Buffer): Promise<number> {
  const boundary = `----b${crypto.randomBytes(6).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = Buffer.concat([head, content, tail]);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: ready.port,
        method: 'POST',
        path: `/api/v1/cases/${ready.caseId}/documents`,
        headers: {
          authorization: `Bearer ${ready.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': body.length,
          accept: 'application/json',
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

forEachDialect('a backup taken while the app takes uploads', (dialect) => {
  let dataDir: string;
  let config: Config;
  let dropDb = async () => {};
  let child: ChildProcess | null = null;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-live-'));
    config = testConfig(dataDir);
    if (dialect === 'postgres') {
      const db = await emptyDatabase('postgres');
      config = { ...config, database: db.database };
      dropDb = db.drop;
    }
  });
  after(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await dropDb();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('restores hash-exact: every document it holds is whole, and nothing committed before it began is missing', async () => {
    const env: Record<string, string> = { DATA_DIR: dataDir };
    if (config.database.kind === 'postgres')
      Object.assign(env, { DATABASE_URL: PG_URL!, PG_SCHEMA: config.database.schema! });
    const started = await startChild(env);
    child = started.child;
    const ready = started.ready;

    const sent = new Map<string, string>();
    let n = 0;
    const send = async () => {
      const name = `upload-${n++}.txt`;
      const content = Buffer.from(
        `Lab result ${name}\n${crypto.randomBytes(20_000 + Math.floor(Math.random() * 200_000)).toString('base64')}`,
      );
      sent.set(name, sha(content));
      assert.equal(await upload(ready, name, content), 201);
      return name;
    };
    // Some documents first, then the backup while three uploaders keep going.
    for (let i = 0; i < 4; i++) await send();
    const committedBefore = new Set(sent.keys());
    let backingUp = true;
    const finishedDuring: string[] = [];
    const workers = Array.from({ length: 3 }, async () => {
      while (backingUp) finishedDuring.push(await send());
    });
    const file = path.join(dataDir, '..', `${path.basename(dataDir)}-live.zip`);
    try {
      await createBackup({
        config,
        file,
        includeKey: false,
        passphrase: async () => assert.fail('no passphrase without --include-key'),
        out: quiet,
      });
    } finally {
      backingUp = false;
    }
    await Promise.all(workers);
    assert.ok(finishedDuring.length > 0, 'uploads finished while the backup was being made');
    child.kill('SIGKILL');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-live-restored-'));
    const target =
      dialect === 'sqlite'
        ? { config, drop: async () => {} }
        : await (async () => {
            const db = await emptyPostgresDatabase();
            return { config: { ...config, database: { kind: 'postgres' as const, url: db.url } }, drop: db.drop };
          })();
    try {
      const r = await restoreBackup({
        config: target.config,
        file,
        dataDir: dir,
        passphrase: async () => assert.fail('the key is not in this backup'),
        out: quiet,
      });
      assert.equal(r.keyRestored, false);
      // As an operator would: the key kept apart from the backup goes back in by hand.
      fs.mkdirSync(path.join(dir, 'keys'), { mode: 0o700 });
      fs.copyFileSync(path.join(dataDir, 'keys', 'instance.key'), path.join(dir, 'keys', 'instance.key'));
      const restored = await createServer(r.config);
      try {
        const docs = await restored.deps.db.selectFrom('documents').select(['id', 'original_name']).execute();
        const names = new Set(docs.map((d) => d.original_name));
        for (const name of committedBefore)
          assert.ok(names.has(name), `${name}, stored before the backup began, is in it`);
        assert.ok(docs.length >= committedBefore.size && docs.length <= sent.size);
        for (const d of docs) {
          const res = await api(restored.app, ready.token).get(`/api/v1/documents/${d.id}/content`);
          assert.equal(res.statusCode, 200);
          assert.equal(
            sha(res.rawPayload),
            sent.get(d.original_name),
            `${d.original_name} is byte for byte what was uploaded`,
          );
        }
        // And no file without its row, nor a row without its file.
        const blobs = await restored.deps.db.selectFrom('record_blobs').select('storage_key').execute();
        assert.deepEqual(
          [...snapshotFiles(path.join(dir, 'documents', 'blobs')).keys()].map((k) => `blobs/${k}`).sort(),
          blobs.map((b) => b.storage_key).sort(),
        );
      } finally {
        await restored.app.close();
      }
    } finally {
      await target.drop();
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(file, { force: true });
    }
  });
});
