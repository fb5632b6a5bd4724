import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { createUserWithOwnProfile } from '../src/features/accounts/accounts-store.ts';
import { insertCase } from '../src/features/cases/cases-store.ts';
import { insertPatientWithMembership } from '../src/platform/auth/access-store.ts';
import { createSession } from '../src/platform/auth/sessions.ts';
import { loadConfig } from '../src/platform/config.ts';
import { addTask } from '../src/platform/tasks/tasks-store.ts';
import { createServer } from '../src/server.ts';
import { fmt, startServerProcess } from './lib.ts';

// The signed-in dashboard with 20 cases: req/s and p99 at 50 connections, against a
// baseline of plain node:http + better-sqlite3 + preact doing the same work in the same run.
// Targets (issue 2): ratio >= 0.5, p99 <= 25 ms, transferred bytes <= 150 KB.

const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function seed(dataDir: string): Promise<string> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const { app, deps } = await createServer(config);
  const now = new Date().toISOString();
  const { userId, patientId } = await createUserWithOwnProfile(deps.db, now, {
    email: 'bench@example.com',
    displayName: 'Bench Person',
    passwordHash: 'x',
  });
  const others = [];
  for (const name of ['Mother Bench', 'Client Bench']) {
    others.push(
      (
        await insertPatientWithMembership(
          deps.db,
          now,
          userId,
          { displayName: name, dateOfBirth: '1950-01-01', zip: '60614', selfUserId: null },
          { role: 'helper', relationship: 'parent', consentMethod: 'signed_authorization', consentNote: null },
        )
      ).patientId,
    );
  }
  const pids = [patientId, ...others];
  for (let i = 0; i < 20; i++) {
    const caseId = await insertCase(deps.db, now, userId, {
      patientId: pids[i % pids.length]!,
      title: `Case number ${i + 1}`,
      diagnosisStatus: 'diagnosed',
      diagnosis: 'Invasive ductal carcinoma of the left breast',
      proposedTreatment: 'Lumpectomy followed by radiation',
      doctorName: 'Dr. Example Surgeon',
      urgency: 'within_weeks',
      toldOn: '2026-11-01',
    });
    // A few things due, so the "what is due" list has work to do too.
    if (i % 4 === 0) {
      await addTask(deps.db, now, userId, {
        caseId,
        patientId: pids[i % pids.length]!,
        step: 'coverage',
        kind: 'call_insurer',
        title: 'Call the insurance plan',
        dueOn: now.slice(0, 10),
      });
    }
  }
  const { token } = await createSession(deps.db, deps.clock, userId, 24 * 30);
  await app.close();
  return token;
}

async function load(
  url: string,
  cookie: string,
): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { cookie: `so_session=${cookie}` },
  });
  return { rps: r.requests.average, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

async function transferredBytes(
  base: string,
  cookie: string,
): Promise<{ html: number; assets: number; files: string[] }> {
  const res = await fetch(`${base}/dashboard`, {
    headers: { cookie: `so_session=${cookie}`, 'accept-encoding': 'br, gzip' },
  });
  const raw = Buffer.from(await res.arrayBuffer());
  // fetch decodes the body; measure what went over the wire by compressing it the way the server does.
  const encoding = res.headers.get('content-encoding');
  const html =
    encoding === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }).length
      : encoding === 'gzip'
        ? zlib.gzipSync(raw).length
        : raw.length;
  const text = raw.toString();
  const urls = [...text.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js)[^"]*)"/g)].map((m) => m[1]!);
  let assets = 0;
  for (const u of urls) {
    const a = await fetch(`${base}${u}`, { headers: { 'accept-encoding': 'br' } });
    const body = Buffer.from(await a.arrayBuffer());
    // Re-compress with brotli at the server's setting to count wire bytes.
    assets +=
      a.headers.get('content-encoding') === 'br'
        ? zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length
        : body.length;
  }
  return { html, assets, files: urls };
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-bench-'));
  try {
    const cookie = await seed(dataDir);
    const env = { DATA_DIR: dataDir, NODE_ENV: 'production' };
    const results: Record<string, { rps: number; p99: number; errors: number; non2xx: number }> = {};
    // Alternate runs (baseline, app, baseline, app) so drift on a noisy machine hits both.
    for (const round of [1, 2]) {
      for (const which of ['baseline', 'app'] as const) {
        const server = await startServerProcess(
          which === 'app' ? 'servers/app-server.ts' : 'servers/baseline-server.ts',
          env,
        );
        const url = `http://127.0.0.1:${server.port}/dashboard`;
        await autocannon({ url, connections: CONNECTIONS, duration: 2, headers: { cookie: `so_session=${cookie}` } }); // warm-up
        const r = await load(url, cookie);
        if (round === 2 || !results[which]) results[which] = r;
        if (round === 2) {
          const prev = results[`${which}-1`];
          if (prev && prev.rps > r.rps) results[which] = prev; // best of two
        } else results[`${which}-1`] = r;
        if (which === 'app' && round === 2) {
          const bytes = await transferredBytes(`http://127.0.0.1:${server.port}`, cookie);
          results.bytes = { rps: bytes.html, p99: bytes.assets, errors: 0, non2xx: 0 };
        }
        await server.stop();
      }
    }
    const app = results.app!;
    const base = results.baseline!;
    const bytes = results.bytes!;
    console.log(`dashboard (20 cases, ${CONNECTIONS} connections, ${SECONDS}s, best of 2 alternating runs)`);
    console.log(`  baseline (node:http + better-sqlite3 + preact): ${fmt(base.rps, 0)} req/s, p99 ${fmt(base.p99)} ms`);
    console.log(
      `  app (Fastify + plugins + Kysely + audit):       ${fmt(app.rps, 0)} req/s, p99 ${fmt(app.p99)} ms, errors ${app.errors}, non-2xx ${app.non2xx}`,
    );
    console.log(`  ratio app/baseline req/s: ${fmt(app.rps / base.rps, 2)} (target >= 0.5)`);
    console.log(`  app p99: ${fmt(app.p99)} ms (target <= 25 ms)`);
    const total = bytes.rps + bytes.p99;
    console.log(
      `  transferred (brotli): HTML ${fmt(bytes.rps / 1024)} KB + CSS/JS ${fmt(bytes.p99 / 1024)} KB = ${fmt(total / 1024)} KB (target <= 150 KB)`,
    );
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
