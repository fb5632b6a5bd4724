import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { AuditFacts } from './audit/audit.ts';
import { appendAuditEntries } from './audit/audit-store.ts';
import { createPasswordHasher, type PasswordHasher } from './auth/passwords.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import {
  checkDatabase,
  type DatabaseHandle,
  type Db,
  type Dialect,
  migrateToLatest,
  openDatabase,
  type Tx,
} from './db/database.ts';
import { createHealth, type Health } from './health.ts';
import { createJobQueue, type JobQueue } from './jobs/queue.ts';
import { deriveKeys, type Keys } from './keys.ts';
import { createMailer, type Mailer } from './mail.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { type BlobStore, createDocumentStore } from './storage/index.ts';
import { checkWritable, openInstance } from './storage/startup.ts';

/**
 * The composition root: everything the app needs, made once from the config. Routes get
 * these through `deps`; tests build the same thing with substitutes (a fixed clock, a
 * memory mailer) instead of reaching into modules.
 */
export interface Deps {
  config: Config;
  db: Db;
  dialect: Dialect;
  clock: Clock;
  keys: Keys;
  /** The encrypted document store (ADR 0140); the only one, shared by every feature. */
  blobs: BlobStore;
  /** This installation's id, the same in the database and in the document storage (ADR 0008). */
  installationId: string;
  passwords: PasswordHasher;
  mailer: Mailer;
  /** Readiness checks for /health/ready; database and storage are in it, others add theirs (ADR 0021). */
  health: Health;
  /** Prometheus metrics (no-ops unless METRICS=true); others add gauges through it (ADR 0021). */
  metrics: Metrics;
  /** Background jobs, kept in the database (ADR 0022); handlers are registered by server.ts. */
  jobs: JobQueue;
  close(): Promise<void>;
}

export interface DepsOverrides {
  clock?: Clock;
  mailer?: Mailer;
  database?: DatabaseHandle;
  /** How old a stored file no row knows must be before the start-up sweep quarantines it (default 1 hour). */
  orphanGraceMs?: number;
}

/**
 * Opens the installation: the folders must be writable, then the database, then the key
 * and the storage are checked against it (storage/startup.ts) before anything is written.
 * A start that must not go on throws StartupError with a message for the operator.
 */
export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  // Before the database opens: SQLite would otherwise fail on a read-only folder with its own words.
  await checkWritable(config);
  const handle = overrides.database ?? openDatabase(config.database);
  let opened;
  try {
    opened = await openInstance({
      config,
      db: handle.db,
      dialect: handle.dialect,
      makeStore: (wrapKey) => createDocumentStore(config, wrapKey),
      migrate: () => migrateToLatest(handle.db, handle.schema),
    });
  } catch (e) {
    if (!overrides.database) await handle.close();
    throw e;
  }
  const metrics = createMetrics(config.metrics);
  const blobs = metrics.enabled ? countUploads(opened.store, metrics) : opened.store;
  const health = createHealth();
  health.add({ name: 'database', check: () => checkDatabase(handle.db) });
  health.add({ name: 'storage', check: () => blobs.ping() });
  const clock = overrides.clock ?? systemClock;
  const jobs = createJobQueue({ db: handle.db, dialect: handle.dialect, clock });
  return {
    config,
    db: handle.db,
    dialect: handle.dialect,
    clock,
    keys: deriveKeys(opened.instanceKey),
    blobs,
    health,
    metrics,
    installationId: opened.installationId,
    passwords: createPasswordHasher(config.passwordHashing),
    mailer: overrides.mailer ?? createMailer(config.smtpUrl, config.mailFrom),
    jobs,
    close: async () => {
      // Running jobs finish (or go back to the queue) before their storage and database close.
      await jobs.stop(config.jobs.stopTimeoutMs);
      await opened.store.close();
      await handle.close();
    },
  };
}

/** The store, counting the bytes it stores for /metrics; everything else passes through. */
function countUploads(store: BlobStore, metrics: Metrics): BlobStore {
  return {
    ...store,
    async write(source, opts) {
      try {
        return await store.write(source, opts);
      } catch (e) {
        metrics.observeUpload('failed', 0);
        throw e;
      }
    },
    async commit(p) {
      await store.commit(p);
      metrics.observeUpload('stored', p.size);
    },
  };
}

/** What a handler's transaction can do: query, and record who did what. */
export interface Work {
  trx: Tx;
  audit(entry: {
    action: string;
    patientId: string | null;
    objectType?: string | null;
    objectId?: string | null;
  }): Promise<void>;
}

const opened = new WeakMap<FastifyRequest, number>();

/** How many transactions this request has opened so far (tests count them: ADR 0014). */
export function transactionsOpened(req: FastifyRequest): number {
  return opened.get(req) ?? 0;
}

/**
 * One request, one transaction (ADR 0014): what a person does commits whole or not at all,
 * and an answer never reflects half of it. Under test a second transaction in one request
 * is a bug in the route and fails loudly; elsewhere it is logged (route only) and the request goes on.
 */
function countTransaction(deps: Deps, req: FastifyRequest): void {
  const n = (opened.get(req) ?? 0) + 1;
  opened.set(req, n);
  if (n > 1 && deps.config.env === 'test') {
    throw new Error(`${req.method} ${req.routeOptions?.url ?? req.url} opened a second transaction in one request`);
  }
  if (n > 1)
    req.log.warn({ route: req.routeOptions?.url, transactions: n }, 'a request opened more than one transaction');
}

/**
 * How hard a commit must try to reach the disk. Changes people make ('full') are flushed
 * before the request answers. Page views ('relaxed') only add audit entries: they are safe
 * if the app crashes, and on a power cut at most the last moments of view entries are lost,
 * never a person's data and never the chain's consistency (ADR 0007). This is what keeps
 * every page view from waiting on an fsync.
 */
export type Durability = 'full' | 'relaxed';

/**
 * Runs fn in one database transaction with an audit recorder bound to the request, so
 * the act and its audit entry commit together or not at all. GET requests commit
 * 'relaxed', everything else 'full', unless told otherwise.
 */
export function transact<T>(
  deps: Deps,
  req: FastifyRequest,
  fn: (w: Work) => Promise<T>,
  durability?: Durability,
): Promise<T> {
  countTransaction(deps, req);
  const level = durability ?? (req.method === 'GET' || req.method === 'HEAD' ? 'relaxed' : 'full');
  if (deps.dialect === 'sqlite') {
    // The pragma cannot change inside a transaction, so reserve the connection, set it, then begin.
    return deps.db.connection().execute(async (conn) => {
      await sql.raw(`pragma synchronous = ${level === 'full' ? 'FULL' : 'NORMAL'}`).execute(conn);
      return conn.transaction().execute((trx) => run(trx));
    });
  }
  return deps.db.transaction().execute(async (trx) => {
    if (level === 'relaxed') await sql`set local synchronous_commit = off`.execute(trx);
    return run(trx);
  });

  async function run(trx: Tx): Promise<T> {
    // Entries wait until the handler is done and are then written together, still inside
    // this transaction: a handler that fails leaves no entry, as before. (A handler that
    // lists the audit log reads it before recording its own visit, so nothing is missed.)
    const pending: AuditFacts[] = [];
    const result = await fn({
      trx,
      audit: async (e) => {
        const actor = req.actor;
        pending.push({
          at: deps.clock.now().toISOString(),
          actorType: actor.kind === 'user' ? 'user' : 'anonymous',
          actorId: actor.kind === 'user' ? actor.userId : null,
          action: e.action,
          patientId: e.patientId,
          objectType: e.objectType ?? null,
          objectId: e.objectId ?? null,
          ip: req.ip,
          via: actor.kind === 'user' ? (actor.via === 'token' ? 'api' : 'web') : 'web',
        });
      },
    });
    await appendAuditEntries(trx, pending);
    return result;
  }
}
