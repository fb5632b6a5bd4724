import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import SQLite from 'better-sqlite3';
import type { Config } from '../../src/platform/config.ts';
import { keyFingerprint } from '../../src/platform/keys.ts';
import { describeDatabase, StartupError } from '../../src/platform/storage/startup.ts';
import { createServer } from '../../src/server.ts';
import { type BuiltUser, buildCase, buildUser } from '../builders/index.ts';
import { buildDocument } from '../builders/records.ts';
import { api } from '../helpers/agent.ts';
import { adminQuery, ageFiles, emptyDatabase, snapshotFiles } from '../helpers/databases.ts';
import { buildTestApp, forEachDialect, type TestApp } from '../helpers/test-app.ts';

// Issue 13, item 0: a start against the wrong database, or with a missing or wrong key,
// must stop with a plain message and leave every document where it was. Before this, the
// start-up sweep deleted every document file older than an hour when DATABASE_URL pointed
// at a new, empty database, and a missing key was silently replaced by a new one.

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/** The tables of a database, to prove a refused start created nothing in it. */
async function tablesIn(database: Config['database']): Promise<string[]> {
  if (database.kind === 'sqlite') {
    if (!fs.existsSync(database.file)) return [];
    const db = new SQLite(database.file, { readonly: true });
    try {
      return (db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      );
    } finally {
      db.close();
    }
  }
  const r = await adminQuery(
    `select table_name from information_schema.tables where table_schema = '${database.schema}'`,
  );
  return r.rows.map((x: { table_name: string }) => x.table_name);
}

function refusal(pattern: RegExp[]): (e: unknown) => boolean {
  return (e: unknown) => {
    assert.ok(e instanceof StartupError, `a StartupError, not ${(e as Error)?.stack}`);
    for (const p of pattern) assert.match(e.message, p);
    assert.doesNotMatch(e.message, /\n\s+at /, 'no stack trace in the message');
    return true;
  };
}

const escapeRe = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

forEachDialect('start-up checks: database, storage and key belong together', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;
  let caseId: string;
  const docs: { id: string; content: Buffer }[] = [];
  let documentsDir: string;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    caseId = await buildCase(t.deps, user);
    for (let i = 0; i < 3; i++) {
      // Text (the search index keeps it), different each time.
      const content = Buffer.from(`Clinic note ${i}: ${crypto.randomBytes(1500 + i).toString('hex')}`);
      docs.push({ id: await buildDocument(t, user, caseId, { content }), content });
    }
    documentsDir = path.join(t.dataDir, 'documents');
    // As on a real installation: every file is well past the sweep's one-hour grace.
    ageFiles(documentsDir, 3);
  });
  after(() => t.close());

  const startWith = (over: Partial<Config>) => createServer({ ...t.config, ...over }, { clock: t.clock });

  async function stillServesEveryDocument() {
    for (const d of docs) {
      const res = await api(t.app, user.apiToken).get(`/api/v1/documents/${d.id}/content`);
      assert.equal(res.statusCode, 200);
      assert.equal(sha(res.rawPayload), sha(d.content));
    }
  }

  test('the first start wrote one installation id to both sides and the key fingerprint to the database', async () => {
    const meta = new Map(
      (await t.deps.db.selectFrom('instance_meta').select(['name', 'value']).execute()).map((r) => [r.name, r.value]),
    );
    const marker = JSON.parse(fs.readFileSync(path.join(documentsDir, 'installation.json'), 'utf8')) as {
      installationId: string;
    };
    assert.match(meta.get('installation_id')!, /^[0-9a-f-]{36}$/);
    assert.equal(marker.installationId, meta.get('installation_id'));
    assert.equal(t.deps.installationId, marker.installationId);
    const key = Buffer.from(fs.readFileSync(path.join(t.dataDir, 'keys', 'instance.key'), 'utf8').trim(), 'base64');
    assert.equal(meta.get('key_fingerprint'), keyFingerprint(key));
    assert.equal((fs.statSync(path.join(t.dataDir, 'keys', 'instance.key')).mode & 0o777).toString(8), '600');
  });

  test('a start against a new, empty database with this DATA_DIR is refused and no file is removed', async () => {
    const before = snapshotFiles(t.dataDir);
    const other = await emptyDatabase(dialect);
    try {
      await assert.rejects(
        startWith({ database: other.database }),
        refusal([
          /do not belong together/,
          escapeRe(describeDatabase(other.database)),
          escapeRe(documentsDir),
          /DATABASE_URL points at the wrong database/,
          /No document was changed or removed/,
        ]),
      );
      assert.deepEqual(
        snapshotFiles(t.dataDir),
        before,
        'every file is still there, unchanged, and nothing was quarantined',
      );
      assert.deepEqual(await tablesIn(other.database), [], 'nothing was created in the wrong database either');
      await stillServesEveryDocument();
    } finally {
      await other.drop();
    }
  });

  test('the right database with a new, empty DATA_DIR is refused too, and makes no key there', async () => {
    const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-empty-'));
    const database = t.config.database;
    const metaBefore = await t.deps.db.selectFrom('instance_meta').selectAll().orderBy('name').execute();
    try {
      await assert.rejects(
        startWith({ dataDir: emptyDir, database }),
        refusal([
          /lists 3 documents/,
          /DATA_DIR points at the wrong folder/,
          escapeRe(path.join(emptyDir, 'documents')),
        ]),
      );
      assert.ok(!fs.existsSync(path.join(emptyDir, 'keys', 'instance.key')), 'no new key was made');
      assert.ok(
        !fs.existsSync(path.join(emptyDir, 'documents', 'installation.json')),
        'the new folder was not claimed',
      );
      assert.deepEqual(await t.deps.db.selectFrom('instance_meta').selectAll().orderBy('name').execute(), metaBefore);
    } finally {
      fs.rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  test('a wrong instance key is refused (INSTANCE_KEY or key file), and nothing changes', async () => {
    const before = snapshotFiles(t.dataDir);
    const wrong = crypto.randomBytes(32).toString('base64');
    await assert.rejects(
      startWith({ instanceKeyBase64: wrong }),
      refusal([
        /not the one this database was set up with/,
        /INSTANCE_KEY setting/,
        escapeRe(describeDatabase(t.config.database)),
      ]),
    );
    // The same with a replaced key file, in a copy of the data folder.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'so-copy-'));
    try {
      fs.cpSync(path.join(t.dataDir, 'documents'), path.join(copy, 'documents'), {
        recursive: true,
        preserveTimestamps: true,
      });
      fs.mkdirSync(path.join(copy, 'keys'));
      fs.writeFileSync(path.join(copy, 'keys', 'instance.key'), `${wrong}\n`, { mode: 0o600 });
      await assert.rejects(
        startWith({ dataDir: copy, database: t.config.database }),
        refusal([/not the one/, escapeRe(path.join(copy, 'keys', 'instance.key'))]),
      );
      assert.equal(
        fs.readFileSync(path.join(copy, 'keys', 'instance.key'), 'utf8'),
        `${wrong}\n`,
        'the key file is left alone',
      );
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
    assert.deepEqual(snapshotFiles(t.dataDir), before);
    await stillServesEveryDocument();
  });

  test('a missing key is refused; no new key is made while the database holds documents', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'so-copy-'));
    try {
      fs.cpSync(path.join(t.dataDir, 'documents'), path.join(copy, 'documents'), {
        recursive: true,
        preserveTimestamps: true,
      });
      const before = snapshotFiles(copy);
      await assert.rejects(
        startWith({ dataDir: copy, database: t.config.database }),
        refusal([/instance key is missing/, /holds 3 documents/, /a new key was not made/]),
      );
      assert.ok(!fs.existsSync(path.join(copy, 'keys', 'instance.key')), 'no key file was written');
      assert.deepEqual(snapshotFiles(copy), before);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  test('a damaged installation marker stops the start; it is never read as "no marker"', async () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'so-copy-'));
    try {
      fs.cpSync(t.dataDir, copy, {
        recursive: true,
        preserveTimestamps: true,
        filter: (src) => !src.endsWith('.db') && !src.includes('.db-'),
      });
      fs.writeFileSync(path.join(copy, 'documents', 'installation.json'), '{"installationId": ');
      const before = snapshotFiles(copy);
      await assert.rejects(
        startWith({ dataDir: copy, database: t.config.database }),
        refusal([/could not read the documents folder/, /installation\.json/, /is damaged/]),
      );
      assert.deepEqual(snapshotFiles(copy), before);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  test('two installations mixed up: refused, naming both ids', async () => {
    const other = await buildTestApp(dialect);
    try {
      await assert.rejects(
        startWith({ dataDir: other.dataDir, database: t.config.database, instanceKeyBase64: undefined }),
        refusal([
          escapeRe(`installation ${t.deps.installationId}`),
          escapeRe(`installation ${other.deps.installationId}`),
          escapeRe(path.join(other.dataDir, 'documents')),
        ]),
      );
    } finally {
      await other.close();
    }
  });

  test('an orphaned file is moved to quarantine at start, not deleted; documents are untouched', async () => {
    // A whole file whose transaction never committed (a crash between the rename and the commit).
    const pending = await t.deps.blobs.write(Readable.from([crypto.randomBytes(5000)]), {
      maxBytes: 1e6,
      idleMs: 5000,
    });
    await t.deps.blobs.commit(pending);
    const sealed = fs.readFileSync(path.join(documentsDir, pending.storageKey));
    ageFiles(path.join(documentsDir, 'blobs'), 2);
    const known = [...snapshotFiles(path.join(documentsDir, 'blobs'))].filter(
      ([k]) => `blobs/${k}` !== pending.storageKey,
    );
    const { app } = await startWith({});
    try {
      assert.ok(!fs.existsSync(path.join(documentsDir, pending.storageKey)), 'gone from the store');
      assert.ok(
        fs.readFileSync(path.join(documentsDir, 'quarantine', pending.storageKey)).equals(sealed),
        'kept, byte for byte, in quarantine',
      );
      assert.deepEqual(
        [...snapshotFiles(path.join(documentsDir, 'blobs'))],
        known,
        'every document file is where it was',
      );
      await stillServesEveryDocument();
    } finally {
      await app.close();
    }
  });
});

forEachDialect('start-up checks: installations made before installation ids', (dialect) => {
  let t: TestApp;
  let user: BuiltUser;

  before(async () => {
    t = await buildTestApp(dialect);
    user = await buildUser(t);
    const caseId = await buildCase(t.deps, user);
    await buildDocument(t, user, caseId);
    ageFiles(path.join(t.dataDir, 'documents'), 3);
    // As an installation of the previous version: no ids, no fingerprint.
    await t.deps.db.deleteFrom('instance_meta').execute();
    fs.rmSync(path.join(t.dataDir, 'documents', 'installation.json'));
  });
  after(() => t.close());

  test('with a key that opens its documents: adopted, and the same id written to both sides', async () => {
    const wrong = crypto.randomBytes(32).toString('base64');
    await assert.rejects(
      createServer({ ...t.config, instanceKeyBase64: wrong }),
      refusal([/not the one this database was set up with/]),
    );
    assert.equal(
      (await t.deps.db.selectFrom('instance_meta').selectAll().execute()).length,
      0,
      'a refused start records nothing',
    );

    const { app, deps } = await createServer(t.config, { clock: t.clock });
    try {
      const meta = new Map(
        (await deps.db.selectFrom('instance_meta').select(['name', 'value']).execute()).map((r) => [r.name, r.value]),
      );
      assert.equal(meta.get('installation_id'), deps.installationId);
      assert.ok(meta.get('key_fingerprint'));
      const marker = JSON.parse(fs.readFileSync(path.join(t.dataDir, 'documents', 'installation.json'), 'utf8')) as {
        installationId: string;
      };
      assert.equal(marker.installationId, deps.installationId);
      const rows = await deps.db.selectFrom('record_blobs').selectAll().execute();
      assert.equal(rows.length, 1);
      assert.equal((await deps.blobs.digest(deps.blobs.handleFor(rows[0]!))).sha256, rows[0]!.sha256);
    } finally {
      await app.close();
    }
  });
});
