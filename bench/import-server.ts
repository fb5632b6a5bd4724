// A server for the "import under load" bench, in its own process, running background jobs
// in-process as `serve` does. Env: DATA_DIR. Prints one JSON line (API token, three case
// ids) and "listening <port>". A line "store FILE" on stdin stores FILE as a FHIR document
// of the third case and queues its records.import job, as an upload route that hands the
// reading to a job would; it answers with one line {"jobId": ...}.
import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { createUserWithOwnProfile } from '../src/features/accounts/accounts-store.ts';
import { insertCase } from '../src/features/cases/cases-store.ts';
import { insertBlob, insertDocument } from '../src/features/records/documents-store.ts';
import { enqueueImport } from '../src/features/records/imports-job.ts';
import { insertPatientWithMembership } from '../src/platform/auth/access-store.ts';
import { createApiToken } from '../src/platform/auth/sessions.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServer, startJobs } from '../src/server.ts';

const env = { NODE_ENV: 'production', LOG_LEVEL: 'silent', DATA_DIR: process.env.DATA_DIR! } as const;
const config = { ...loadConfig(env), passwordHashing: { memoryCost: 1024, timeCost: 1 } };
const { app, deps } = await createServer(config);
await app.listen({ port: 0, host: '127.0.0.1' });
startJobs(deps);
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const now = deps.clock.now().toISOString();
const { userId, patientId } = await createUserWithOwnProfile(deps.db, now, {
  email: 'bench@example.com',
  displayName: 'Bench',
  passwordHash: 'x',
});
const { token } = await createApiToken(deps.db, deps.clock, userId, 'bench');
// Three cases, each of another person, so no import is a duplicate of the one before:
// [0] the page the bench requests, [1] the upload route's import, [2] the job's import.
const helper = {
  role: 'helper',
  relationship: 'parent',
  consentMethod: 'signed_authorization',
  consentNote: null,
} as const;
const person = async (displayName: string) =>
  (
    await insertPatientWithMembership(
      deps.db,
      now,
      userId,
      { displayName, dateOfBirth: null, zip: null, selfUserId: null },
      helper,
    )
  ).patientId;
const other = { patientId: await person('Bench Two') };
const third = { patientId: await person('Bench Three') };
const newCase = (pid: string) =>
  insertCase(deps.db, now, userId, {
    patientId: pid,
    diagnosisStatus: 'diagnosed',
    diagnosis: 'Bench',
    urgency: 'not_said',
  } as never);
const caseIds = [await newCase(patientId), await newCase(other.patientId), await newCase(third.patientId)];

async function store(file: string): Promise<string> {
  const at = deps.clock.now().toISOString();
  const pending = await deps.blobs.write(Readable.from(fs.createReadStream(file)), {
    maxBytes: config.maxUploadBytes,
    idleMs: 60_000,
  });
  await deps.blobs.commit(pending);
  const blob = {
    id: pending.id,
    patient_id: third.patientId,
    sha256: pending.sha256,
    size_bytes: pending.size,
    wrapped_key: pending.wrappedKey,
    storage_key: pending.storageKey,
    created_at: at,
  };
  return deps.db.transaction().execute(async (trx) => {
    await insertBlob(trx, blob);
    const documentId = await insertDocument(trx, at, userId, {
      caseId: caseIds[2]!,
      patientId: third.patientId,
      blobId: pending.id,
      title: 'Portal export',
      kind: 'other',
      documentDate: null,
      provider: null,
      originalName: 'portal-export.json',
      mediaType: 'application/fhir+json',
      detectedType: 'fhir',
      pageCount: null,
      textStatus: 'extracted',
      details: {},
    });
    return enqueueImport(deps, trx, documentId, userId);
  });
}

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const m = /^store (.+)$/.exec(line.trim());
  if (!m) return;
  store(m[1]!).then(
    (jobId) => process.stdout.write(`${JSON.stringify({ jobId })}\n`),
    (e: Error) => process.stdout.write(`${JSON.stringify({ error: e.message })}\n`),
  );
});
process.stdout.write(`${JSON.stringify({ token, caseIds })}\nlistening ${port}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));

// BENCH_TRACE=1: print the event loop's longest pause of each half second (to find what blocks).
if (process.env.BENCH_TRACE) {
  const { monitorEventLoopDelay } = await import('node:perf_hooks');
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const t0 = Date.now();
  setInterval(() => {
    if (h.max / 1e6 > 100)
      process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)} s] loop paused ${(h.max / 1e6).toFixed(0)} ms\n`);
    h.reset();
  }, 500).unref();
}
