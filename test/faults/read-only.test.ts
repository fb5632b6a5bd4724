import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { forEachDialect } from '../helpers/test-app.ts';

// Issue 13, item 5: a data folder or documents folder the app cannot write stops the start
// with a plain message (and exit code 1), not a stack trace or 500s on the first upload.
// Run through the real command line, as an operator would. Permission bits do not bind
// root, so under root the command runs as the unprivileged user "nobody" (65534).

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(here, '../../bin/second-opinion.mjs');
const PG_URL = process.env.TEST_POSTGRES_URL;
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

function serve(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: os.tmpdir(),
        LOG_LEVEL: 'silent',
        PORT: String(40000 + Math.floor(Math.random() * 20000)),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // If it started after all, that is a failure: stop it and report what it said.
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

/** A folder the child can use but not write (owned by it under root, mode 0555). */
function readOnlyFolder(p: string): void {
  fs.mkdirSync(p, { recursive: true });
  if (asRoot) fs.chownSync(p, NOBODY, NOBODY);
  fs.chmodSync(p, 0o555);
}

function writableFolder(p: string): void {
  fs.mkdirSync(p, { recursive: true, mode: 0o700 });
  if (asRoot) fs.chownSync(p, NOBODY, NOBODY);
}

forEachDialect('a folder the app cannot write stops the start with a plain message', (dialect) => {
  let base: string;
  const dbEnv = (): Record<string, string> => (dialect === 'postgres' ? { DATABASE_URL: PG_URL! } : {});

  before(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'so-ro-'));
    fs.chmodSync(base, 0o755);
  });
  after(() => {
    fs.chmodSync(base, 0o755);
    for (const d of fs.readdirSync(base)) fs.chmodSync(path.join(base, d), 0o755);
    fs.rmSync(base, { recursive: true, force: true });
  });

  test('the data folder', async () => {
    const dataDir = path.join(base, `data-${dialect}`);
    readOnlyFolder(dataDir);
    const r = await serve({ DATA_DIR: dataDir, ...dbEnv() });
    assert.equal(r.code, 1, `exit code 1 (stderr: ${r.stderr})`);
    assert.match(r.stderr, /Second Opinion did not start: it cannot write to the folder/);
    assert.ok(r.stderr.includes(dataDir), 'names the folder');
    assert.match(r.stderr, /not allowed to write there|read-only/);
    assert.match(r.stderr, /Make the folder writable/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.deepEqual(fs.readdirSync(dataDir), [], 'nothing was made there');
  });

  test('the documents folder inside a writable data folder', async () => {
    const dataDir = path.join(base, `docs-${dialect}`);
    writableFolder(dataDir);
    readOnlyFolder(path.join(dataDir, 'documents'));
    const r = await serve({ DATA_DIR: dataDir, ...dbEnv() });
    assert.equal(r.code, 1, `exit code 1 (stderr: ${r.stderr})`);
    assert.ok(r.stderr.includes(path.join(dataDir, 'documents')), `names the documents folder: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(
      !fs.existsSync(path.join(dataDir, 'keys', 'instance.key')),
      'no key was made for an installation that did not start',
    );
  });
});
