// A real server in its own process, for the crash test: it is killed with SIGKILL while
// uploads are in flight, then started again on the same data folder and database.
// Env: DATA_DIR, optional DATABASE_URL + PG_SCHEMA. Prints one JSON line when ready.

import { createUserWithOwnProfile } from '../../src/features/accounts/accounts-store.ts';
import { insertCase } from '../../src/features/cases/cases-store.ts';
import { createApiToken } from '../../src/platform/auth/sessions.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createServer } from '../../src/server.ts';

const env = process.env;

// With SO_WATCH_STDIN=1 the parent keeps our stdin open; when it dies (test failed, timed
// out, runner killed) the pipe closes and this server goes too, so no orphan keeps a port,
// a database or CI busy. Opt-in: a parent that spawns us with stdin 'ignore' would end it at once.
if (env.SO_WATCH_STDIN === '1') {
  process.stdin.on('end', () => process.exit(1));
  process.stdin.on('error', () => process.exit(1));
  process.stdin.resume();
}
let config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  DATA_DIR: env.DATA_DIR!,
  ...(env.DATABASE_URL ? { DATABASE_URL: env.DATABASE_URL } : {}),
});
if (config.database.kind === 'postgres' && env.PG_SCHEMA)
  config = { ...config, database: { ...config.database, schema: env.PG_SCHEMA } };
config = { ...config, passwordHashing: { memoryCost: 1024, timeCost: 1 } };

const { app, deps } = await createServer(config);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

let setup = { token: env.SO_TOKEN ?? '', caseId: env.SO_CASE ?? '' };
if (!setup.token) {
  const now = deps.clock.now().toISOString();
  const { userId, patientId } = await createUserWithOwnProfile(deps.db, now, {
    email: `crash-${process.pid}@example.com`,
    displayName: 'Crash Test',
    passwordHash: await deps.passwords.hash('correct horse battery staple'),
  });
  const { token } = await createApiToken(deps.db, deps.clock, userId, 'crash');
  const caseId = await insertCase(deps.db, now, userId, {
    patientId,
    diagnosisStatus: 'diagnosed',
    diagnosis: 'Test',
    urgency: 'not_said',
  } as never);
  setup = { token, caseId };
}
process.stdout.write(`${JSON.stringify({ ready: true, port, pid: process.pid, ...setup })}\n`);
