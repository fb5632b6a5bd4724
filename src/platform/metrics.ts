import client from 'prom-client';

/**
 * Prometheus metrics (ADR 0021), served at /metrics only when METRICS=true. One registry
 * per app (not prom-client's global one), so several apps in one process (tests) do not
 * mix. Labels are route patterns, methods and status codes: never a URL, an id or a name.
 * Other parts add their own through `registry` or `gauge` (the job queue's depth, say).
 */
export interface Metrics {
  enabled: boolean;
  registry: client.Registry;
  /** A request answered: route is the pattern (/cases/:caseId), never the URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  /** Bytes of one document stored (plaintext size), or a failed upload. */
  observeUpload(result: 'stored' | 'failed', bytes: number): void;
  /** A gauge read when Prometheus scrapes (e.g. jobs waiting). */
  gauge(name: string, help: string, read: () => number | Promise<number>, labels?: Record<string, string>): void;
}

export function createMetrics(enabled: boolean): Metrics {
  const registry = new client.Registry();
  if (!enabled) {
    return { enabled, registry, observeRequest() {}, observeUpload() {}, gauge() {} };
  }
  client.collectDefaultMetrics({ register: registry, prefix: 'second_opinion_' });
  const requests = new client.Counter({
    name: 'second_opinion_http_requests_total',
    help: 'Requests answered, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new client.Histogram({
    name: 'second_opinion_http_request_duration_seconds',
    help: 'Time to answer a request, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const uploadBytes = new client.Counter({
    name: 'second_opinion_upload_bytes_total',
    help: 'Bytes of documents stored (before encryption).',
    registers: [registry],
  });
  const uploads = new client.Counter({
    name: 'second_opinion_uploads_total',
    help: 'Document uploads by result (stored, failed).',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  return {
    enabled,
    registry,
    observeRequest(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      latency.observe({ method, route }, seconds);
    },
    observeUpload(result, bytes) {
      uploads.inc({ result });
      if (result === 'stored') uploadBytes.inc(bytes);
    },
    gauge(name, help, read, labels) {
      new client.Gauge({
        name,
        help,
        registers: [registry],
        labelNames: Object.keys(labels ?? {}),
        async collect() {
          const v = await read();
          if (labels) this.set(labels, v);
          else this.set(v);
        },
      });
    },
  };
}
