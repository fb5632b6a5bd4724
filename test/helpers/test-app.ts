import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'node:test';
import pg from 'pg';
import { fixedClock } from '../../src/platform/clock.ts';
import { type Config, loadConfig } from '../../src/platform/config.ts';
import type { Deps } from '../../src/platform/deps.ts';
import type { App } from '../../src/platform/http/app.ts';
import { memoryMailer } from '../../src/platform/mail.ts';
import { createServer } from '../../src/server.ts';

export type DialectName = 'sqlite' | 'postgres';

const PG_URL = process.env.TEST_POSTGRES_URL;

/**
 * Runs a suite once per database. SQLite always; PostgreSQL when TEST_POSTGRES_URL is set,
 * and otherwise reported as skipped with the reason (never silently passed).
 */
export function forEachDialect(name: string, fn: (dialect: DialectName) => void): void {
  describe(`${name} [sqlite]`, () => fn('sqlite'));
  if (PG_URL) describe(`${name} [postgres]`, () => fn('postgres'));
  else
    describe(`${name} [postgres]`, {
      skip: 'TEST_POSTGRES_URL is not set, so the PostgreSQL run was not done',
    }, () => {});
}

export interface TestApp {
  app: App;
  deps: Deps;
  config: Config;
  clock: ReturnType<typeof fixedClock>;
  mailer: ReturnType<typeof memoryMailer>;
  dataDir: string;
  close(): Promise<void>;
}

export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  // Cheap hashing keeps the suite quick; production costs are covered by the config test.
  return { ...config, passwordHashing: { memoryCost: 1024, timeCost: 1 } };
}

/** A whole app on a fresh database: a temp SQLite file, or a fresh PostgreSQL schema. */
export async function buildTestApp(
  dialect: DialectName,
  opts: { env?: Record<string, string>; logger?: Record<string, unknown> } = {},
): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-test-'));
  let config = testConfig(dataDir, opts.env);
  let dropSchema = async () => {};
  if (dialect === 'postgres') {
    if (!PG_URL) throw new Error('TEST_POSTGRES_URL is not set');
    const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    config = { ...config, database: { kind: 'postgres', url: PG_URL, schema } };
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    };
  }
  const clock = fixedClock('2026-11-27T15:00:00.000Z');
  const mailer = memoryMailer();
  const { app, deps } = await createServer(config, { clock, mailer }, opts.logger ?? false);
  return {
    app,
    deps,
    config,
    clock,
    mailer,
    dataDir,
    async close() {
      await app.close();
      await dropSchema();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
