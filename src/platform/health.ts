/**
 * Readiness checks (ADR 0021): each part the app needs to serve people (the database, the
 * document storage, and later the job queue) registers a check here. `/health/ready`
 * runs them all; a load balancer sends traffic only while every one passes. The list is
 * open: the composition root adds the database and storage; a queue adds its own.
 * Answers carry check names and short, fixed reasons: never a value from the database.
 */

export interface HealthCheck {
  name: string;
  /** Throws (or times out) when the part cannot be used. */
  check(): Promise<void>;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  ms: number;
  /** For a failed check: the error's class and code only (no message: it could hold data). */
  problem?: string;
}

export interface Health {
  add(check: HealthCheck): void;
  /** Set when the process is shutting down: ready answers 503 so traffic goes elsewhere. */
  draining: boolean;
  run(): Promise<{ ready: boolean; checks: CheckResult[] }>;
}

export function createHealth(opts: { timeoutMs?: number } = {}): Health {
  const checks: HealthCheck[] = [];
  const timeoutMs = opts.timeoutMs ?? 3000;
  const one = async (c: HealthCheck): Promise<CheckResult> => {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        c.check(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { name: 'Timeout' })), timeoutMs);
        }),
      ]);
      return { name: c.name, ok: true, ms: Math.round(performance.now() - started) };
    } catch (e) {
      const err = e as { name?: string; code?: unknown };
      const code = typeof err?.code === 'string' && /^[A-Za-z0-9_]{1,40}$/.test(err.code) ? ` ${err.code}` : '';
      return {
        name: c.name,
        ok: false,
        ms: Math.round(performance.now() - started),
        problem: `${err?.name ?? 'Error'}${code}`,
      };
    } finally {
      clearTimeout(timer);
    }
  };
  const health: Health = {
    draining: false,
    add(check) {
      if (checks.some((c) => c.name === check.name))
        throw new Error(`a health check named ${check.name} is already there`);
      checks.push(check);
    },
    async run() {
      const results = await Promise.all(checks.map(one));
      return { ready: !health.draining && results.every((r) => r.ok), checks: results };
    },
  };
  return health;
}
