import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../../src/platform/config.ts';
import type { DialectName } from './test-app.ts';

const PG_URL = process.env.TEST_POSTGRES_URL;

/** Another, empty database of the same kind: a new SQLite file, or a new PostgreSQL schema. */
export async function emptyDatabase(
  dialect: DialectName,
): Promise<{ database: Config['database']; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-db-'));
    return {
      database: { kind: 'sqlite', file: path.join(dir, 'other.db') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!PG_URL) throw new Error('TEST_POSTGRES_URL is not set');
  const schema = `t_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`create schema ${schema}`);
  return {
    database: { kind: 'postgres', url: PG_URL, schema },
    drop: async () => void (await adminQuery(`drop schema ${schema} cascade`)),
  };
}

/** A whole new PostgreSQL database (for restores), dropped afterwards. */
export async function emptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `so_restore_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      // A pool that was just closed lets go of its connections a moment later; forcing them
      // off before then reaches a client that is still closing, as an error nobody handles.
      for (let i = 0; i < 50; i++) {
        const r = await adminQuery(`select count(*)::int as n from pg_stat_activity where datname = '${name}'`);
        if (r.rows[0].n === 0) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

export async function adminQuery(text: string, url = PG_URL): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

/** Every file under a folder with its SHA-256, to prove nothing was removed or changed. */
export function snapshotFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** Makes every stored document file look old, as on a real installation (the sweep's grace is an hour). */
export function ageFiles(dir: string, hours: number): void {
  const then = new Date(Date.now() - hours * 3600_000);
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else fs.utimesSync(p, then, then);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
}
