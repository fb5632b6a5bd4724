import type { Deps } from './deps.ts';
import type { App } from './http/app.ts';

/**
 * /health/live, /health/ready and (with METRICS=true) /metrics (ADR 0021). Public, like
 * /healthz: they say nothing about anyone. The reverse proxy in the README keeps /metrics
 * to the inside network anyway. None of them is logged per request or counted in metrics.
 */
export function registerHealthRoutes(app: App, deps: Deps): void {
  const quiet = { config: { access: 'public' as const, metrics: false }, logLevel: 'warn' as const };

  // The process answers: nothing else is checked, so a slow database never gets a
  // healthy process restarted.
  app.get('/health/live', quiet, async (_req, reply) =>
    reply.header('Cache-Control', 'no-store').send({ status: 'ok' }),
  );

  app.get('/health/ready', quiet, async (_req, reply) => {
    const r = await deps.health.run();
    const checks = Object.fromEntries(r.checks.map((c) => [c.name, c.ok ? 'ok' : `failed: ${c.problem}`]));
    const status = deps.health.draining ? 'shutting down' : r.ready ? 'ready' : 'not ready';
    return reply
      .code(r.ready ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send({ status, checks });
  });

  if (deps.metrics.enabled) {
    app.get('/metrics', quiet, async (_req, reply) => {
      const body = await deps.metrics.registry.metrics();
      return reply
        .header('Content-Type', deps.metrics.registry.contentType)
        .header('Cache-Control', 'no-store')
        .send(body);
    });
  }
}
