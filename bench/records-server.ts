// A server in its own process for the records benchmarks, so its memory can be measured
// apart from the client. Env: DATA_DIR, CASES (how many patients, each with a case).
// Prints "listening <port>" and then one JSON line with the API token and the case ids.
import { createUserWithOwnProfile } from '../src/features/accounts/accounts-store.ts';
import { insertCase } from '../src/features/cases/cases-store.ts';
import { insertPatientWithMembership } from '../src/platform/auth/access-store.ts';
import { createApiToken } from '../src/platform/auth/sessions.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServer } from '../src/server.ts';

const config = {
  ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATA_DIR: process.env.DATA_DIR! }),
  passwordHashing: { memoryCost: 1024, timeCost: 1 },
};
const { app, deps } = await createServer(config);
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const now = deps.clock.now().toISOString();
const { userId, patientId } = await createUserWithOwnProfile(deps.db, now, {
  email: 'bench@example.com',
  displayName: 'Bench',
  passwordHash: 'x',
});
const { token } = await createApiToken(deps.db, deps.clock, userId, 'bench');
const caseIds: string[] = [];
for (let i = 0; i < Number(process.env.CASES ?? '1'); i++) {
  // Each case for another person, so an import is never a duplicate of the one before.
  const pid =
    i === 0
      ? patientId
      : (
          await insertPatientWithMembership(
            deps.db,
            now,
            userId,
            { displayName: `Bench ${i}`, dateOfBirth: null, zip: null, selfUserId: null },
            { role: 'helper', relationship: 'parent', consentMethod: 'signed_authorization', consentNote: null },
          )
        ).patientId;
  caseIds.push(
    await insertCase(deps.db, now, userId, {
      patientId: pid,
      diagnosisStatus: 'diagnosed',
      diagnosis: 'Bench',
      urgency: 'not_said',
    } as never),
  );
}
process.stdout.write(`${JSON.stringify({ token, caseIds })}\nlistening ${port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
