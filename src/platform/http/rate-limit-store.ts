import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import { sql } from 'kysely';
import { sha256Hex } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import { later } from '../dates.ts';
import type { Db } from '../db/database.ts';

// @fastify/rate-limit keeps its counts in process memory unless given a store. With two
// app processes behind a load balancer each would allow the full limit, so a guesser
// would get twice the tries. This store keeps the counts in the database every process
// shares (ADR 0018): one upsert per limited request, atomic on SQLite and PostgreSQL.

type Result = { current: number; ttl: number };

/** Rows whose window ended are deleted about once in this many hits. */
const PRUNE_ONE_IN = 100;

/** A fixed window per route and caller: the first hit starts it, and it ends `timeWindow` ms later. */
export async function countHit(db: Db, clock: Clock, bucketName: string, timeWindow: number): Promise<Result> {
  const now = clock.now();
  const nowIso = now.toISOString();
  const resetsAt = later(now, timeWindow).toISOString();
  const bucket = sha256Hex(bucketName);
  const ended = sql<boolean>`rate_limits.resets_at <= ${nowIso}`;
  const row = await db
    .insertInto('rate_limits')
    .values({ bucket, hits: 1, resets_at: resetsAt })
    .onConflict((oc) =>
      // Both sides read the row as it was before this statement, so an ended window
      // starts again at 1 and a live one counts up, in one step for every process.
      oc.column('bucket').doUpdateSet({
        hits: sql<number>`case when ${ended} then 1 else rate_limits.hits + 1 end`,
        resets_at: sql<string>`case when ${ended} then ${resetsAt} else rate_limits.resets_at end`,
      }),
    )
    .returning(['hits', 'resets_at'])
    .executeTakeFirstOrThrow();
  if (Math.random() * PRUNE_ONE_IN < 1) await db.deleteFrom('rate_limits').where('resets_at', '<=', nowIso).execute();
  return { current: Number(row.hits), ttl: Math.max(0, Date.parse(row.resets_at) - now.getTime()) };
}

/**
 * The store class the plugin makes once (`new Store(options)`) and then a child of for
 * each limited route, so each route counts on its own, as the built-in store does.
 */
export function databaseRateLimitStore(db: Db, clock: Clock): FastifyRateLimitStoreCtor {
  class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly #route: string;
    constructor(_options?: unknown, route = '*') {
      this.#route = route;
    }
    incr(key: string, callback: (error: Error | null, result?: Result) => void, timeWindow: number): void {
      countHit(db, clock, `${this.#route} ${key}`, timeWindow).then(
        (r) => callback(null, r),
        (e: Error) => callback(e),
      );
    }
    child(routeOptions: { routeInfo?: { method?: string | string[]; url?: string }; path?: string }) {
      const info = routeOptions.routeInfo;
      const method = Array.isArray(info?.method) ? info.method.join(',') : (info?.method ?? '');
      return new DatabaseRateLimitStore(undefined, `${method} ${info?.url ?? routeOptions.path ?? ''}`);
    }
  }
  return DatabaseRateLimitStore as unknown as FastifyRateLimitStoreCtor;
}
