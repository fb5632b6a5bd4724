// autocannon ships no types; only what bench/ uses is described.
declare module 'autocannon' {
  interface Result {
    requests: { average: number; total: number };
    latency: { p99: number; p50: number };
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
  }
  function autocannon(opts: {
    url: string;
    connections?: number;
    duration?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    headers?: Record<string, string>;
  }): Promise<Result>;
  export default autocannon;
}
