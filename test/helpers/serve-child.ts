// A real server in its own process with the shutdown handling of `serve` (installShutdown),
// for the SIGTERM test. Env: DATA_DIR, SHUTDOWN_TIMEOUT_SECONDS, optional SO_TOKEN + SO_CASE
// (to reuse the account of an earlier run). Prints one JSON line when ready.
import { createUserWithOwnProfile } from '../../src/features/accounts/accounts-store.ts';
import { insertCase } from '../../src/features/cases/cases-store.ts';
import { createApiToken } from '../../src/platform/auth/sessions.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createServer, installShutdown } from '../../src/server.ts';

const env = process.env;
let config = loadConfig({
  NODE_ENV: 'test',
  LOG_LEVEL: env.CHILD_LOG_LEVEL ?? 'silent',
  DATA_DIR: env.DATA_DIR!,
  SHUTDOWN_TIMEOUT_SECONDS: env.SHUTDOWN_TIMEOUT_SECONDS ?? '10',
});
config = { ...config, passwordHashing: { memoryCost: 1024, timeCost: 1 } };

const { app, deps } = await createServer(config, {}, env.CHILD_LOG_LEVEL ? { level: env.CHILD_LOG_LEVEL } : false);
installShutdown(app, deps, config.shutdownTimeoutSeconds * 1000);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

let setup = { token: env.SO_TOKEN ?? '', caseId: env.SO_CASE ?? '' };
if (!setup.token) {
  const now = deps.clock.now().toISOString();
  const { userId, patientId } = await createUserWithOwnProfile(deps.db, now, {
    email: `shutdown-${process.pid}@example.com`,
    displayName: 'Shutdown Test',
    passwordHash: await deps.passwords.hash('correct horse battery staple'),
  });
  const { token } = await createApiToken(deps.db, deps.clock, userId, 'shutdown');
  const caseId = await insertCase(deps.db, now, userId, {
    patientId,
    diagnosisStatus: 'diagnosed',
    diagnosis: 'Test',
    urgency: 'not_said',
  } as never);
  setup = { token, caseId };
}
process.stdout.write(`${JSON.stringify({ ready: true, port, pid: process.pid, ...setup })}\n`);
