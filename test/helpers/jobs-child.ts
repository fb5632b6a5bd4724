// A worker in its own process, for the job queue's kill -9 test. Env: DATABASE (JSON of
// config.database), LEASE_MS. Runs one job kind, 'p.slow': it reports progress, then waits
// for STEP_MS before each of STEPS steps, and returns this process's pid. Prints one line
// "ready" once its loop is running.

import { systemClock } from '../../src/platform/clock.ts';
import { migrateToLatest, openDatabase } from '../../src/platform/db/database.ts';
import { createJobQueue } from '../../src/platform/jobs/queue.ts';

const handle = openDatabase(JSON.parse(process.env.DATABASE!));
await migrateToLatest(handle.db, handle.schema);
const jobs = createJobQueue({
  db: handle.db,
  dialect: handle.dialect,
  clock: systemClock,
  leaseMs: Number(process.env.LEASE_MS),
});
const steps = Number(process.env.STEPS ?? 10);
jobs.register('p.slow', async (_p, ctx) => {
  for (let i = 1; i <= steps; i++) {
    await new Promise((r) => setTimeout(r, Number(process.env.STEP_MS ?? 100)));
    await ctx.progress(i, steps);
  }
  return { pid: process.pid };
});
jobs.start({ pollMs: 50 });
process.stdout.write('ready\n');
process.on(
  'SIGTERM',
  () =>
    void jobs
      .stop(5000)
      .then(() => handle.close())
      .then(() => process.exit(0)),
);
