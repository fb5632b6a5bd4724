import { Writable } from 'node:stream';

/**
 * Log lines for a person at a terminal (ADR 0021). Pino writes one JSON object per line;
 * when stdout is a terminal they go through this stream and come out as
 *
 *   14:03:07.412 INFO  request method=GET route=/cases/:caseId status=200 ms=12
 *
 * and otherwise stay JSON, for a log collector. (pino-pretty would do the same with a
 * worker thread and a dependency; these few lines are enough for what the app logs.)
 * What is logged is decided elsewhere (route patterns, counts, ids): nothing here adds data.
 */

const LEVELS: Record<number, [string, string]> = {
  10: ['TRACE', '\x1b[90m'],
  20: ['DEBUG', '\x1b[36m'],
  30: ['INFO ', '\x1b[32m'],
  40: ['WARN ', '\x1b[33m'],
  50: ['ERROR', '\x1b[31m'],
  60: ['FATAL', '\x1b[35m'],
};
const RESET = '\x1b[0m';
const SKIP = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'reqId']);

function show(v: unknown): string {
  if (typeof v === 'string') return /[\s="]/.test(v) || v === '' ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

/** One JSON log line as a readable line; anything that is not JSON passes through unchanged. */
export function prettyLine(line: string, color: boolean): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  if (!o || typeof o !== 'object') return line;
  const t = typeof o.time === 'number' ? new Date(o.time).toISOString().slice(11, 23) : '';
  const [name, c] = LEVELS[o.level as number] ?? [String(o.level ?? '').padEnd(5), ''];
  const level = color ? `${c}${name}${RESET}` : name;
  const rest = Object.entries(o)
    .filter(([k]) => !SKIP.has(k))
    .map(([k, v]) => {
      if (k === 'err' && v && typeof v === 'object' && typeof (v as { stack?: unknown }).stack === 'string') {
        return `\n    ${(v as { stack: string }).stack.replace(/\n/g, '\n    ')}`;
      }
      return `${k}=${show(v)}`;
    });
  return [t, level, o.msg ?? '', ...rest].filter((x) => x !== '').join(' ');
}

export function prettyStream(out: NodeJS.WritableStream & { isTTY?: boolean }): Writable {
  const color = !!out.isTTY && !process.env.NO_COLOR;
  let partial = '';
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      if (lines.length) out.write(`${lines.map((l) => prettyLine(l, color)).join('\n')}\n`);
      done();
    },
    final(done) {
      if (partial) out.write(`${prettyLine(partial, color)}\n`);
      done();
    },
  });
}
