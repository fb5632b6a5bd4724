import { allFeatures, allJobs } from './features/index.ts';
import type { Config } from './platform/config.ts';
import { createDeps, type Deps, type DepsOverrides } from './platform/deps.ts';
import { type App, buildApp } from './platform/http/app.ts';
import { startupSweeps } from './platform/storage/startup.ts';

const HOUR = 60 * 60 * 1000;

/**
 * Builds the whole app from a config: the one composition root that tests and `serve`
 * share. The checks of createDeps pass first (storage and database belong together, the
 * key fits); only then do the start-up sweeps tidy what crashes left behind.
 */
export async function createServer(config: Config, overrides: DepsOverrides = {}, logger: boolean | Record<string, unknown> = false): Promise<{ app: App; deps: Deps }> {
  const deps = await createDeps(config, overrides);
  let swept;
  try {
    swept = await startupSweeps(deps.db, deps.blobs, overrides.orphanGraceMs ?? HOUR);
  } catch (e) {
    await deps.close();
    throw e;
  }
  // Handlers first: a process that only runs jobs (`worker`) registers the same ones.
  for (const register of allJobs()) register(deps);
  const app = await buildApp(deps, { features: allFeatures(), logger });
  // Only the error's name and code: its message may hold a value from a person's record.
  deps.jobs.setErrorReporter((err, what) =>
    app.log.error({ err: errorFacts(err) }, `background jobs: ${what} failed`),
  );
  // Counts only: nothing about a person or a document goes into the log.
  if (swept.quarantined > 0) app.log.warn({ quarantined: swept.quarantined }, 'stored files that no document uses were moved to documents/quarantine; second-opinion verify reports them');
  return { app, deps };
}

export function loggerOptions(level: string): Record<string, unknown> {
  return {
    level,
    // Belt and braces: even if a later change logs a request object, these never appear.
    redact: ['req.headers.cookie', 'req.headers.authorization', 'headers.cookie', 'headers.authorization', 'body', 'req.body'],
  };
}

function errorFacts(err: unknown): { name: string; code?: string } {
  const e = err as { name?: unknown; code?: unknown };
  const name = typeof e?.name === 'string' ? e.name : 'Error';
  return typeof e?.code === 'string' ? { name, code: e.code } : { name };
}

/** Finished jobs stay visible on their status page this long, then their rows are removed. */
const KEEP_FINISHED_JOBS_MS = 14 * 24 * 60 * 60 * 1000;

/** Runs background jobs in this process until the app closes (deps.close stops them). */
export function startJobs(deps: Deps): void {
  deps.jobs.start({ concurrency: deps.config.jobs.concurrency, keepFinishedMs: KEEP_FINISHED_JOBS_MS });
}

/**
 * Starts listening and stops cleanly on SIGINT/SIGTERM: in-flight requests finish, then
 * running jobs (up to a timeout, after which they go back to the queue), then the database
 * closes. Jobs run here too unless JOBS_IN_PROCESS=false.
 */
export async function serve(config: Config): Promise<App> {
  // Files this process makes (database, documents, keys) are readable by its user only.
  process.umask(0o077);
  const { app, deps } = await createServer(config, {}, loggerOptions(config.logLevel));
  await app.listen({ port: config.port, host: config.host });
  if (config.jobs.inProcess) startJobs(deps);
  const facts = { url: config.baseUrl, database: config.database.kind, jobs: config.jobs.inProcess };
  app.log.info(facts, 'Second Opinion is running');
  stopOnSignals(app);
  return app;
}

/**
 * `second-opinion worker`: background jobs only, no web server. It builds the same app as
 * `serve` (same checks at start, same job handlers) but never listens.
 */
export async function work(config: Config): Promise<App> {
  process.umask(0o077);
  const { app, deps } = await createServer(config, {}, loggerOptions(config.logLevel));
  await app.ready();
  startJobs(deps);
  const facts = { database: config.database.kind, kinds: deps.jobs.kinds(), concurrency: config.jobs.concurrency };
  app.log.info(facts, 'Second Opinion worker is running');
  stopOnSignals(app);
  return app;
}

function stopOnSignals(app: App): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Requests, then jobs (up to config.jobs.stopTimeoutMs), then the database.
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
