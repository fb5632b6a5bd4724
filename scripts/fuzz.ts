// `npm run fuzz`: the fuzz tests (test/fuzz/: every API operation and every page route) with
// more requests each than `npm test` sends. FUZZ_RUNS sets the count (default 200), FUZZ_SEED another seed (a
// failure prints the seed and the request that failed, so it can be run again). Set
// TEST_POSTGRES_URL to fuzz PostgreSQL as well as SQLite.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '200' };
console.log(
  `fuzzing every API operation and page route: ${env.FUZZ_RUNS} requests each, seed ${env.FUZZ_SEED ?? 'fixed'}`,
);
if (!env.TEST_POSTGRES_URL) console.log('TEST_POSTGRES_URL is not set: SQLite only');
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=1',
    '--test-timeout=0',
    'test/fuzz/openapi.test.ts',
    'test/fuzz/pages.test.ts',
    ...process.argv.slice(2),
  ],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
process.exitCode = r.status ?? 1;
