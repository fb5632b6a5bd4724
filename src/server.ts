import { allFeatures, allJobs, startupTasks } from './features/index.ts';
import type { Config } from './platform/config.ts';
import { createDeps, type Deps, type DepsOverrides } from './platform/deps.ts';
import { type App, buildApp } from './platform/http/app.ts';
import { prettyStream } from './platform/logging.ts';
import { startupSweeps } from './platform/storage/startup.ts';

const HOUR = 60 * 60 * 1000;

/**
 * Builds the whole app from a config: the one composition root that tests and `serve`
 * share. The checks of createDeps pass first (storage and database belong together, the
 * key fits); only then do the start-up sweeps tidy what crashes left behind.
 */
export async function createServer(
  config: Config,
  overrides: DepsOverrides = {},
  logger: boolean | Record<string, unknown> = false,
): Promise<{ app: App; deps: Deps }> {
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
  deps.jobs.setErrorReporter((err, what) => app.log.error({ err: errorFacts(err) }, `background jobs: ${what} failed`));
  try {
    // The features' own once-at-start work (older portal imports checked, ADR 0146): here,
    // not inside route registration, and before the app answers anyone.
    await startupTasks(deps, app.log);
  } catch (e) {
    await app.close();
    throw e;
  }
  // Counts only: nothing about a person or a document goes into the log.
  if (swept.quarantined > 0)
    app.log.warn(
      { quarantined: swept.quarantined },
      'stored files that no document uses were moved to documents/quarantine; second-opinion verify reports them',
    );
  return { app, deps };
}

/** Pino options: JSON lines, or readable lines when stdout is a terminal (ADR 0021). */
export function loggerOptions(level: string, out: NodeJS.WriteStream = process.stdout): Record<string, unknown> {
  return {
    level,
    ...(out.isTTY ? { stream: prettyStream(out) } : {}),
    // Belt and braces: even if a later change logs a request object, these never appear.
    redact: [
      'req.headers.cookie',
      'req.headers.authorization',
      'headers.cookie',
      'headers.authorization',
      'body',
      'req.body',
    ],
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
 * Stops cleanly on SIGTERM/SIGINT (ADR 0021): /health/ready turns 503 so the load balancer
 * looks elsewhere, the server stops accepting connections (requests arriving on open ones
 * get 503), requests and uploads in flight finish, then the database and storage close
 * (onClose hooks, where a job runner also stops) and the process exits 0. If something is
 * still running after the timeout it exits 1, so the cut is visible to whoever stopped it.
 */
export function installShutdown(
  app: App,
  deps: Deps,
  timeoutMs: number,
  exit: (code: number) => void = process.exit,
): void {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    deps.health.draining = true;
    const timeoutSeconds = timeoutMs / 1000;
    app.log.info({ signal, timeoutSeconds }, 'shutting down: no new requests, waiting for those in flight');
    const timer = setTimeout(() => {
      app.log.warn({ timeoutSeconds }, 'requests were still running at the shutdown timeout; stopping anyway');
      exit(1);
    }, timeoutMs);
    timer.unref();
    // A keep-alive connection whose request finishes after close() began is idle only
    // then; closed as soon as it is, instead of after the 72 s keep-alive timeout.
    const idle = setInterval(() => app.server.closeIdleConnections(), 100);
    idle.unref();
    try {
      await app.close();
      clearTimeout(timer);
      clearInterval(idle);
      app.log.info('stopped cleanly');
      exit(0);
    } catch (e) {
      app.log.error({ err: { type: (e as Error).name, message: (e as Error).message } }, 'shutdown failed');
      exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Starts listening; stops cleanly on SIGINT/SIGTERM (installShutdown). Background jobs run
 * here too unless JOBS_IN_PROCESS=false.
 */
export async function serve(config: Config): Promise<App> {
  // Files this process makes (database, documents, keys) are readable by its user only.
  process.umask(0o077);
  const { app, deps } = await createServer(config, {}, loggerOptions(config.logLevel));
  installShutdown(app, deps, config.shutdownTimeoutSeconds * 1000);
  await app.listen({ port: config.port, host: config.host });
  if (config.jobs.inProcess) startJobs(deps);
  const facts = {
    url: config.baseUrl,
    database: config.database.kind,
    storage: config.storage.kind,
    jobs: config.jobs.inProcess,
  };
  app.log.info(facts, 'Second Opinion is running');
  return app;
}

/**
 * `second-opinion worker`: background jobs only, no web server. It builds the same app as
 * `serve` (same checks at start, same job handlers) but never listens.
 */
export async function work(config: Config): Promise<App> {
  process.umask(0o077);
  const { app, deps } = await createServer(config, {}, loggerOptions(config.logLevel));
  installShutdown(app, deps, config.shutdownTimeoutSeconds * 1000);
  await app.ready();
  startJobs(deps);
  const facts = { database: config.database.kind, kinds: deps.jobs.kinds(), concurrency: config.jobs.concurrency };
  app.log.info(facts, 'Second Opinion worker is running');
  return app;
}
