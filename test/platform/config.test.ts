import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/platform/config.ts';

test('defaults give a working single-machine setup', () => {
  const c = loadConfig({});
  assert.equal(c.port, 3000);
  assert.equal(c.baseUrl, 'http://localhost:3000');
  assert.equal(c.database.kind, 'sqlite');
  assert.equal(c.database.kind === 'sqlite' && c.database.file, path.resolve('data/second-opinion.db'));
  assert.equal(c.secureCookies, false);
  assert.equal(c.maxUploadBytes, 2 * 1024 ** 3);
  // Production password hashing follows OWASP's argon2id minimum (19 MiB, 2 passes).
  assert.deepEqual(c.passwordHashing, { memoryCost: 19456, timeCost: 2 });
});

test('a bad value stops start-up with a message naming the variable', () => {
  for (const [env, name] of [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ BASE_URL: 'not a url' }, 'BASE_URL'],
    [{ INSTANCE_KEY: 'short' }, 'INSTANCE_KEY'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
  ] as const) {
    assert.throws(
      () => loadConfig(env),
      (e: unknown) => e instanceof ConfigError && e.message.includes(`${name}:`),
      `expected an error naming ${name}`,
    );
  }
});

test('empty values mean "use the default"', () => {
  assert.equal(loadConfig({ PORT: '' }).port, 3000);
});

test('https BASE_URL turns on Secure cookies; PostgreSQL and explicit SQLite URLs are understood', () => {
  assert.equal(loadConfig({ BASE_URL: 'https://so.example.org/' }).secureCookies, true);
  assert.equal(loadConfig({ BASE_URL: 'https://so.example.org/' }).baseUrl, 'https://so.example.org');
  assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database, {
    kind: 'postgres',
    url: 'postgres://u@h:5432/db',
  });
  assert.deepEqual(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.db' }).database, { kind: 'sqlite', file: '/tmp/x.db' });
});
