import { allFeatures, startupTasks } from './features/index.ts';
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
  const app = await buildApp(deps, { features: allFeatures(), logger });
  try {
    // The features' own once-at-start work (older portal imports checked, ADR 0146): here,
    // not inside route registration, and before the app answers anyone.
    await startupTasks(deps, app.log);
  } catch (e) {
    await app.close();
    throw e;
  }
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

/** Starts listening and stops cleanly on SIGINT/SIGTERM: in-flight requests finish, the database closes. */
export async function serve(config: Config): Promise<App> {
  // Files this process makes (database, documents, keys) are readable by its user only.
  process.umask(0o077);
  const { app } = await createServer(config, {}, loggerOptions(config.logLevel));
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ url: config.baseUrl, database: config.database.kind }, 'Second Opinion is running');
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return app;
}
