import crypto from 'node:crypto';
import os from 'node:os';
import { type RawBuilder, sql } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Db, Dialect, Queryable } from '../db/database.ts';
import type { JobsTable } from '../db/schema.ts';

// Background jobs kept as table rows (ADR 0022). A job is queued inside the caller's
// transaction if it likes, so the work and the row that asks for it commit together. A
// worker claims one job at a time with a lease; a worker that dies lets its lease run out
// and another takes the job over. Delivery is at least once: a handler must be safe to run
// again on the same payload (a claim is exclusive, but a worker stalled past its lease can
// lose the job to another while it still runs).

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobView {
  id: string;
  kind: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  progress: { done: number; total: number | null };
  /** Plain words for the person who started the job. */
  lastError: string | null;
  result: unknown;
  ownerUserId: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  runAfter: string;
}

export interface JobContext {
  id: string;
  /** 1 for the first try. */
  attempt: number;
  /** Aborted when the worker stops before the job finishes; the job goes back to the queue. */
  signal: AbortSignal;
  /** Saves how far the job has got, for its status page; also renews the worker's lease. */
  progress(done: number, total?: number | null): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: handlers of different kinds share one registry; each kind types its own payload
export type JobHandler<P = any> = (payload: P, ctx: JobContext) => Promise<unknown>;

export interface HandlerOptions {
  /** Tries before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** Wait before the second try; doubled each time (default 5 s). */
  backoffMs?: number;
  /** The longest wait between tries (default 10 minutes). */
  maxBackoffMs?: number;
}

/**
 * Thrown by a handler to tell the person what went wrong, in plain words. Other errors are
 * not shown (their text may hold anything, a value from the database included): the person
 * reads a general sentence and the log gets the error's name only.
 */
export class JobError extends Error {
  override name = 'JobError';
  /** False when trying again cannot help (the input is refused): the job fails at once. */
  readonly retry: boolean;
  constructor(message: string, opts: { retry: boolean }) {
    super(message);
    this.retry = opts.retry;
  }
}

/** A JobError that is not tried again. */
export class PermanentJobError extends JobError {
  override name = 'PermanentJobError';
  constructor(message: string) {
    super(message, { retry: false });
  }
}

export interface EnqueueOptions {
  /** The same kind and key is the same job: queuing it again returns the first one. */
  key?: string;
  /** Who may see the job's status page. */
  ownerUserId?: string | null;
  maxAttempts?: number;
  /** Queue inside this transaction (the job exists only if it commits). */
  db?: Queryable;
  /** Do not start before this many milliseconds from now. */
  delayMs?: number;
}

export interface QueueStats {
  queued: number;
  running: number;
  done: number;
  failed: number;
  /** Age of the oldest job still waiting to run, 0 when none waits. */
  oldestQueuedSeconds: number;
}

export interface JobCounters {
  /** Jobs this process finished. */
  done: number;
  /** Jobs this process marked failed (no tries left, or refused input). */
  failed: number;
  /** Tries that threw, retried or not. */
  failedTries: number;
}

export interface StartOptions {
  /** Jobs run at the same time in this process (default 1: heavy work is heavy). */
  concurrency?: number;
  /** How often an idle worker looks for new jobs (default 1 s); a job queued here wakes it at once. */
  pollMs?: number;
  /** When set, finished jobs older than this are removed once an hour. */
  keepFinishedMs?: number;
}

export interface JobQueue {
  readonly dialect: Dialect;
  register<P>(kind: string, handler: JobHandler<P>, opts?: HandlerOptions): void;
  kinds(): string[];
  enqueue(kind: string, payload: unknown, opts?: EnqueueOptions): Promise<{ id: string; created: boolean }>;
  get(id: string, db?: Queryable): Promise<JobView | null>;
  /** Claims and runs one job; false when there was none to run. */
  runNext(workerId?: string): Promise<boolean>;
  start(opts?: StartOptions): void;
  /** Stops claiming, waits for running jobs up to the timeout, then hands the rest back to the queue. */
  stop(timeoutMs?: number): Promise<void>;
  /** How many jobs this process is running now. */
  active(): number;
  stats(): Promise<QueueStats>;
  /** Removes finished jobs (done or failed) finished before the cutoff; returns how many. */
  prune(olderThanMs: number): Promise<number>;
  /** What this process has seen since it started: for counters in /metrics (metrics.ts). */
  counters(): JobCounters;
  /** Where failures of the loop and of handlers are told (the app's log, once it exists). */
  setErrorReporter(fn: (err: unknown, what: string) => void): void;
}

export interface QueueOptions {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  /** How long a claim holds a job without news from its worker (default 5 minutes). */
  leaseMs?: number;
  /** Told about failures the loop itself hits (the database gone away); never about payloads. */
  onError?: (err: unknown, what: string) => void;
}

type Row = JobsTable;

const DEFAULTS = { maxAttempts: 5, backoffMs: 5_000, maxBackoffMs: 10 * 60_000 };
const ERROR_MAX_CHARS = 500;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

export function toView(r: Row): JobView {
  return {
    id: r.id,
    kind: r.kind,
    state: r.state as JobState,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    progress: { done: Number(r.progress_done), total: r.progress_total === null ? null : Number(r.progress_total) },
    lastError: r.last_error,
    result: r.result === null ? null : JSON.parse(r.result),
    ownerUserId: r.owner_user_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
    runAfter: r.run_after,
  };
}

/** Wait before try number `attempt + 1`: doubles each time, up to the cap. */
export function backoffDelay(attempt: number, opts: Required<HandlerOptions>): number {
  return Math.min(opts.maxBackoffMs, opts.backoffMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * The queue, shared by both databases; only claiming differs (TableJobQueue subclasses).
 */
abstract class TableJobQueue implements JobQueue {
  readonly dialect: Dialect;
  protected readonly db: Db;
  protected readonly clock: Clock;
  private readonly leaseMs: number;
  private onError: (err: unknown, what: string) => void;
  private readonly handlers = new Map<string, { fn: JobHandler; opts: Required<HandlerOptions> }>();
  private readonly inFlight = new Map<string, { workerId: string; abort: AbortController; done: Promise<void> }>();
  private loops: Promise<void>[] = [];
  private stopping = false;
  private wakers = new Set<() => void>();
  private pruner: NodeJS.Timeout | undefined;
  private readonly tally: JobCounters = { done: 0, failed: 0, failedTries: 0 };

  constructor(opts: QueueOptions) {
    this.db = opts.db;
    this.dialect = opts.dialect;
    this.clock = opts.clock;
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.onError = opts.onError ?? (() => {});
  }

  /** The claim: one runnable job of these kinds, marked running for this worker, or none. */
  protected abstract claimSql(kinds: string[], workerId: string, now: string, until: string): RawBuilder<Row>;

  register<P>(kind: string, handler: JobHandler<P>, opts: HandlerOptions = {}): void {
    if (this.handlers.has(kind)) throw new Error(`A handler for job kind "${kind}" is already registered`);
    this.handlers.set(kind, { fn: handler as JobHandler, opts: { ...DEFAULTS, ...opts } });
  }

  kinds(): string[] {
    return [...this.handlers.keys()];
  }

  counters(): JobCounters {
    return { ...this.tally };
  }

  setErrorReporter(fn: (err: unknown, what: string) => void): void {
    this.onError = fn;
  }

  private iso(offsetMs = 0): string {
    return new Date(this.clock.now().getTime() + offsetMs).toISOString();
  }

  async enqueue(kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<{ id: string; created: boolean }> {
    const db = opts.db ?? this.db;
    const now = this.iso();
    const id = crypto.randomUUID();
    const maxAttempts = opts.maxAttempts ?? this.handlers.get(kind)?.opts.maxAttempts ?? DEFAULTS.maxAttempts;
    // ON CONFLICT rather than catching the unique error: on PostgreSQL an error would spoil
    // the caller's whole transaction.
    await db
      .insertInto('jobs')
      .values({
        id,
        kind,
        payload: JSON.stringify(payload ?? null),
        idempotency_key: opts.key ?? null,
        state: 'queued',
        attempts: 0,
        max_attempts: maxAttempts,
        run_after: this.iso(opts.delayMs ?? 0),
        locked_by: null,
        locked_until: null,
        progress_done: 0,
        progress_total: null,
        last_error: null,
        result: null,
        owner_user_id: opts.ownerUserId ?? null,
        created_at: now,
        updated_at: now,
        finished_at: null,
      })
      .onConflict((oc) => oc.columns(['kind', 'idempotency_key']).doNothing())
      .execute();
    if (opts.key === undefined) {
      this.wake();
      return { id, created: true };
    }
    const existing = await db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', kind)
      .where('idempotency_key', '=', opts.key)
      .executeTakeFirstOrThrow();
    if (existing.id === id) this.wake();
    return { id: existing.id, created: existing.id === id };
  }

  async get(id: string, db: Queryable = this.db): Promise<JobView | null> {
    const r = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toView(r) : null;
  }

  async runNext(workerId = newWorkerId()): Promise<boolean> {
    const kinds = this.kinds();
    if (kinds.length === 0) return false;
    const result = await this.claimSql(kinds, workerId, this.iso(), this.iso(this.leaseMs)).execute(this.db);
    const row = result.rows[0];
    if (!row) return false;
    const handler = this.handlers.get(row.kind)!;
    const attempt = Number(row.attempts);
    if (attempt > Number(row.max_attempts)) {
      // Its last try never finished (the process running it stopped): no more tries.
      await this.finish(row.id, workerId, {
        state: 'failed',
        last_error: row.last_error ?? `The job stopped after ${row.max_attempts} tries.`,
      });
      return true;
    }
    const abort = new AbortController();
    const done = this.execute(row, handler, attempt, workerId, abort.signal);
    this.inFlight.set(row.id, { workerId, abort, done });
    try {
      await done;
    } finally {
      this.inFlight.delete(row.id);
    }
    return true;
  }

  private async execute(
    row: Row,
    handler: { fn: JobHandler; opts: Required<HandlerOptions> },
    attempt: number,
    workerId: string,
    signal: AbortSignal,
  ): Promise<void> {
    const renew = () =>
      this.db
        .updateTable('jobs')
        .set({ locked_until: this.iso(this.leaseMs), updated_at: this.iso() })
        .where('id', '=', row.id)
        .where('locked_by', '=', workerId)
        .execute();
    // A long job without progress reports still keeps its lease while this process lives.
    const heartbeat = setInterval(
      () => void renew().catch((e) => this.onError(e, 'renewing a job lease')),
      Math.max(50, this.leaseMs / 3),
    );
    heartbeat.unref();
    const ctx: JobContext = {
      id: row.id,
      attempt,
      signal,
      // Reports are written one after another, in order, even when the handler does not
      // wait for them (a thread's progress events); the job's end waits for the last one.
      progress: (done, total) => {
        const write = () =>
          this.db
            .updateTable('jobs')
            .set({
              progress_done: done,
              ...(total !== undefined ? { progress_total: total } : {}),
              locked_until: this.iso(this.leaseMs),
              updated_at: this.iso(),
            })
            .where('id', '=', row.id)
            .where('locked_by', '=', workerId)
            .execute();
        const next = reports.then(write).then(() => {});
        reports = next.catch((e) => this.onError(e, 'saving job progress'));
        return next;
      },
    };
    let reports: Promise<void> = Promise.resolve();
    try {
      const out = await handler.fn(JSON.parse(row.payload), ctx);
      await reports;
      clearInterval(heartbeat);
      if (signal.aborted) return; // handed back by stop(); the result is not recorded
      await this.finish(row.id, workerId, {
        state: 'done',
        result: out === undefined ? null : JSON.stringify(out),
        last_error: null,
      });
    } catch (err) {
      clearInterval(heartbeat);
      if (signal.aborted) return;
      this.tally.failedTries++;
      const message = plainError(err);
      if (!(err instanceof JobError)) this.onError(err, `running a ${row.kind} job`);
      const permanent = err instanceof JobError && !err.retry;
      if (permanent || attempt >= Number(row.max_attempts)) {
        await this.finish(row.id, workerId, { state: 'failed', last_error: message });
      } else {
        await this.db
          .updateTable('jobs')
          .set({
            state: 'queued',
            locked_by: null,
            locked_until: null,
            last_error: message,
            run_after: this.iso(backoffDelay(attempt, handler.opts)),
            updated_at: this.iso(),
          })
          .where('id', '=', row.id)
          .where('locked_by', '=', workerId)
          .execute();
      }
    }
  }

  private async finish(
    id: string,
    workerId: string,
    set: { state: 'done' | 'failed'; result?: string | null; last_error: string | null },
  ): Promise<void> {
    const now = this.iso();
    // Only the worker that holds the job records its end: one that lost its lease says nothing.
    this.tally[set.state]++;
    await this.db
      .updateTable('jobs')
      .set({ ...set, locked_by: null, locked_until: null, finished_at: now, updated_at: now })
      .where('id', '=', id)
      .where('locked_by', '=', workerId)
      .execute();
  }

  private wake(): void {
    for (const w of this.wakers) w();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.wakers.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  start(opts: StartOptions = {}): void {
    if (this.loops.length > 0) return;
    this.stopping = false;
    const pollMs = opts.pollMs ?? 1000;
    const base = newWorkerId();
    for (let i = 0; i < (opts.concurrency ?? 1); i++) this.loops.push(this.loop(`${base}:${i}`, pollMs));
    const keep = opts.keepFinishedMs;
    if (keep !== undefined) {
      this.pruner = setInterval(
        () => void this.prune(keep).catch((e) => this.onError(e, 'removing old finished jobs')),
        PRUNE_EVERY_MS,
      );
      this.pruner.unref();
    }
  }

  private async loop(workerId: string, pollMs: number): Promise<void> {
    while (!this.stopping) {
      let ran = false;
      try {
        ran = await this.runNext(workerId);
      } catch (e) {
        // The database went away or the like: wait, then try again; the jobs are safe in their rows.
        if (!this.stopping) this.onError(e, 'claiming a job');
      }
      if (!ran && !this.stopping) await this.sleep(pollMs);
    }
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.pruner);
    this.wake();
    const all = Promise.all(this.loops);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      all.then(() => false),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      // Out of time: hand every job still running here back to the queue, this try not
      // counted, so another worker (or this one after a restart) does it from the start.
      for (const [id, j] of this.inFlight) {
        j.abort.abort();
        await this.db
          .updateTable('jobs')
          .set((eb) => ({
            state: 'queued',
            attempts: eb('attempts', '-', 1),
            locked_by: null,
            locked_until: null,
            run_after: this.iso(),
            updated_at: this.iso(),
          }))
          .where('id', '=', id)
          .where('locked_by', '=', j.workerId)
          .execute()
          .catch((e) => this.onError(e, 'handing a job back'));
      }
    }
    this.loops = [];
  }

  active(): number {
    return this.inFlight.size;
  }

  async stats(): Promise<QueueStats> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const by = Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    const oldest = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('created_at').as('at'))
      .where('state', '=', 'queued')
      .executeTakeFirst();
    const at = oldest?.at ? Date.parse(String(oldest.at)) : null;
    return {
      queued: by.queued ?? 0,
      running: by.running ?? 0,
      done: by.done ?? 0,
      failed: by.failed ?? 0,
      oldestQueuedSeconds: at === null ? 0 : Math.max(0, (this.clock.now().getTime() - at) / 1000),
    };
  }

  async prune(olderThanMs: number): Promise<number> {
    const r = await this.db
      .deleteFrom('jobs')
      .where('state', 'in', ['done', 'failed'])
      .where('finished_at', '<', this.iso(-olderThanMs))
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}

const runnable = (kinds: string[], now: string) => sql`kind in (${sql.join(kinds)})
  and ((state = 'queued' and run_after <= ${now}) or (state = 'running' and locked_until < ${now}))`;

/** SQLite: one writer at a time, so a single UPDATE ... RETURNING claims atomically, across processes too. */
class SqliteJobQueue extends TableJobQueue {
  protected claimSql(kinds: string[], workerId: string, now: string, until: string): RawBuilder<Row> {
    return sql<Row>`update jobs set state = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = ${until}, updated_at = ${now}
      where id = (select id from jobs where ${runnable(kinds, now)} order by run_after, created_at limit 1)
      returning *`;
  }
}

/**
 * PostgreSQL: FOR UPDATE SKIP LOCKED, so workers in several processes each take a different
 * row without waiting on one another (the technique pg-boss and graphile-worker use too).
 */
class PostgresJobQueue extends TableJobQueue {
  protected claimSql(kinds: string[], workerId: string, now: string, until: string): RawBuilder<Row> {
    return sql<Row>`update jobs set state = 'running', attempts = attempts + 1, locked_by = ${workerId},
        locked_until = ${until}, updated_at = ${now}
      where id = (select id from jobs where ${runnable(kinds, now)}
        order by run_after, created_at limit 1 for update skip locked)
      returning *`;
  }
}

export function createJobQueue(opts: QueueOptions): JobQueue {
  return opts.dialect === 'postgres' ? new PostgresJobQueue(opts) : new SqliteJobQueue(opts);
}

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

export const GENERAL_JOB_ERROR = 'Something went wrong while working on this. It is tried again a few times.';

/** What the person is told: a JobError's own words, one line, clipped; never a stack. */
function plainError(err: unknown): string {
  if (!(err instanceof JobError)) return GENERAL_JOB_ERROR;
  const line = err.message.replace(/\s+/g, ' ').trim() || GENERAL_JOB_ERROR;
  return line.length > ERROR_MAX_CHARS ? `${line.slice(0, ERROR_MAX_CHARS - 1)}…` : line;
}
