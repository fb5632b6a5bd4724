import type { FastifyRequest } from 'fastify';
import { appendAudit } from './audit/audit-store.ts';
import { createPasswordHasher, type PasswordHasher } from './auth/passwords.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type Db, type DatabaseHandle, type Dialect, migrateToLatest, openDatabase, type Tx } from './db/database.ts';
import { deriveKeys, type Keys, loadOrCreateInstanceKey } from './keys.ts';
import { createMailer, type Mailer } from './mail.ts';

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
  passwords: PasswordHasher;
  mailer: Mailer;
  close(): Promise<void>;
}

export interface DepsOverrides {
  clock?: Clock;
  mailer?: Mailer;
  database?: DatabaseHandle;
}

export async function createDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const keys = deriveKeys(loadOrCreateInstanceKey(config.dataDir, config.instanceKeyBase64));
  const handle = overrides.database ?? openDatabase(config.database);
  await migrateToLatest(handle.db, config.database.kind === 'postgres' ? config.database.schema : undefined);
  return {
    config,
    db: handle.db,
    dialect: handle.dialect,
    clock: overrides.clock ?? systemClock,
    keys,
    passwords: createPasswordHasher(config.passwordHashing),
    mailer: overrides.mailer ?? createMailer(config.smtpUrl, config.mailFrom),
    close: () => handle.close(),
  };
}

/** What a handler's transaction can do: query, and record who did what. */
export interface Work {
  trx: Tx;
  audit(entry: { action: string; patientId: string | null; objectType?: string | null; objectId?: string | null }): Promise<void>;
}

/**
 * Runs fn in one database transaction with an audit recorder bound to the request, so
 * the act and its audit entry commit together or not at all.
 */
export function transact<T>(deps: Deps, req: FastifyRequest, fn: (w: Work) => Promise<T>): Promise<T> {
  return deps.db.transaction().execute((trx) =>
    fn({
      trx,
      audit: async (e) => {
        const actor = req.actor;
        await appendAudit(trx, {
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
    }),
  );
}
