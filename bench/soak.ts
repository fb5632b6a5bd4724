import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { createUserWithOwnProfile } from '../src/features/accounts/accounts-store.ts';
import { insertCase } from '../src/features/cases/cases-store.ts';
import { createApiToken, createSession } from '../src/platform/auth/sessions.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createServer } from '../src/server.ts';
import { fmt, percentile, startServerProcess } from './lib.ts';

// Soak (issue 13 item 7): simulated people using the app the way families do, for a long
// time, against the app in its own process. Printed per minute: requests, errors, p50 and
// p99, the server's RSS and open file descriptors, so growth with history shows. Then an
// overload: far more connections than the machine can serve, to see the app shed load with
// 503 + Retry-After and recover, instead of timing out.
//
// SOAK_USERS (200), SOAK_CONCURRENCY (50), SOAK_MINUTES (10), SOAK_OVERLOAD (500 connections),
// SOAK_OVERLOAD_SECONDS (60). The first minute is the warm-up: growth is measured after it.

const USERS = Number(process.env.SOAK_USERS ?? 200);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 50);
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const OVERLOAD = Number(process.env.SOAK_OVERLOAD ?? 500);
const OVERLOAD_SECONDS = Number(process.env.SOAK_OVERLOAD_SECONDS ?? 60);

interface Person {
  token: string;
  cookie: string;
  caseId: string;
}

async function seed(dataDir: string): Promise<Person[]> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const { app, deps } = await createServer(config);
  const now = new Date().toISOString();
  const people: Person[] = [];
  for (let i = 0; i < USERS; i++) {
    const { userId, patientId } = await createUserWithOwnProfile(deps.db, now, {
      email: `soak-${i}@example.com`,
      displayName: `Soak Person ${i}`,
      passwordHash: 'x',
    });
    const caseId = await insertCase(deps.db, now, userId, {
      patientId,
      title: `Case of person ${i}`,
      diagnosisStatus: 'diagnosed',
      diagnosis: 'Invasive ductal carcinoma of the left breast',
      proposedTreatment: 'Lumpectomy followed by radiation',
      doctorName: 'Dr. Example Surgeon',
      urgency: 'within_weeks',
      toldOn: '2026-11-01',
    });
    const { token } = await createApiToken(deps.db, deps.clock, userId, 'soak');
    const session = await createSession(deps.db, deps.clock, userId, 24 * 30);
    people.push({ token, cookie: `so_session=${session.token}`, caseId });
  }
  await app.close();
  return people;
}

/** One visit: what a person does in a sitting (reads a few pages, adds a question or a task). */
function visit(p: Person, n: number): { method: string; path: string; body?: unknown; page?: boolean }[] {
  const c = `/api/v1/cases/${p.caseId}`;
  const steps: { method: string; path: string; body?: unknown; page?: boolean }[] = [
    { method: 'GET', path: '/dashboard', page: true },
    { method: 'GET', path: `/cases/${p.caseId}`, page: true },
    { method: 'GET', path: c },
    { method: 'GET', path: `${c}/questions` },
    { method: 'POST', path: `${c}/questions`, body: { text: `Question number ${n}: how long is it safe to wait?` } },
    { method: 'GET', path: `/cases/${p.caseId}/questions`, page: true },
    { method: 'GET', path: `${c}/tasks` },
    { method: 'GET', path: `${c}/timeline` },
  ];
  if (n % 3 === 0) steps.push({ method: 'POST', path: `${c}/tasks`, body: { title: `Call the clinic (${n})` } });
  if (n % 5 === 0) steps.push({ method: 'GET', path: `/cases/${p.caseId}/tasks`, page: true });
  return steps;
}

function serverStats(pid: number): { rssMb: number; fds: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { rssMb: rssKb / 1024, fds: fs.readdirSync(`/proc/${pid}/fd`).length };
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-soak-'));
  try {
    console.log(`seeding ${USERS} people, each with a case…`);
    const people = await seed(dataDir);
    const server = await startServerProcess('servers/app-server.ts', { DATA_DIR: dataDir });
    const base = `http://127.0.0.1:${server.port}`;
    const pid = server.child.pid!;
    try {
      const endAt = Date.now() + MINUTES * 60_000;
      const minutes: { latencies: number[]; errors: number; requests: number }[] = [];
      const errorsSeen = new Map<string, number>();
      let visits = 0;

      const one = async (p: Person, step: ReturnType<typeof visit>[number]) => {
        const started = performance.now();
        const headers: Record<string, string> = step.page
          ? { cookie: p.cookie }
          : { authorization: `Bearer ${p.token}` };
        if (step.body) headers['content-type'] = 'application/json';
        let status = 0;
        try {
          const res = await fetch(base + step.path, {
            method: step.method,
            headers,
            body: step.body ? JSON.stringify(step.body) : undefined,
            redirect: 'manual',
          });
          await res.arrayBuffer();
          status = res.status;
        } catch {
          status = -1;
        }
        const m = Math.floor((Date.now() - (endAt - MINUTES * 60_000)) / 60_000);
        const bucket = (minutes[m] ??= { latencies: [], errors: 0, requests: 0 });
        bucket.requests++;
        bucket.latencies.push(performance.now() - started);
        if (status < 200 || status >= 400) {
          bucket.errors++;
          const key = `${step.method} ${step.path.replace(/[0-9a-f-]{36}/g, ':id')} → ${status}`;
          errorsSeen.set(key, (errorsSeen.get(key) ?? 0) + 1);
        }
      };

      const stats: { rssMb: number; fds: number }[] = [];
      const sampler = setInterval(() => stats.push(serverStats(pid)), 60_000);
      stats.push(serverStats(pid));
      const worker = async () => {
        while (Date.now() < endAt) {
          const p = people[Math.floor(Math.random() * people.length)]!;
          const n = visits++;
          for (const step of visit(p, n)) {
            if (Date.now() >= endAt) break;
            await one(p, step);
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      clearInterval(sampler);
      stats.push(serverStats(pid));

      console.log(`${USERS} people, ${CONCURRENCY} at a time, ${MINUTES} min, ${visits} visits`);
      console.log('minute  requests  errors   p50 ms   p99 ms   RSS MB   open fds');
      minutes.forEach((b, i) => {
        const s = stats[Math.min(i + 1, stats.length - 1)]!;
        console.log(
          `${String(i + 1).padStart(6)}  ${String(b.requests).padStart(8)}  ${String(b.errors).padStart(6)}  ${fmt(percentile(b.latencies, 50)).padStart(7)}  ${fmt(percentile(b.latencies, 99)).padStart(7)}  ${fmt(s.rssMb).padStart(7)}  ${String(s.fds).padStart(9)}`,
        );
      });
      const afterWarmUp = stats[Math.min(1, stats.length - 1)]!;
      const last = stats.at(-1)!;
      const totalErrors = minutes.reduce((a, b) => a + b.errors, 0);
      const first = minutes[Math.min(1, minutes.length - 1)]!;
      const lastMinute = minutes.at(-1)!;
      console.log(`errors: ${totalErrors} (target 0)`);
      for (const [k, v] of errorsSeen) console.log(`  ${v} × ${k}`);
      console.log(
        `RSS growth after the warm-up: ${fmt(((last.rssMb - afterWarmUp.rssMb) / afterWarmUp.rssMb) * 100)}% (target < 10%)`,
      );
      console.log(`open file descriptors: ${afterWarmUp.fds} after the warm-up, ${last.fds} at the end (target: flat)`);
      console.log(
        `p50 last minute / p50 after warm-up: ${fmt(percentile(lastMinute.latencies, 50) / percentile(first.latencies, 50), 2)} (target ≈ 1: no slowdown as cases grow)`,
      );

      // Overload: many more connections than two cores can serve.
      console.log(`\noverload: ${OVERLOAD} connections for ${OVERLOAD_SECONDS} s on the dashboard`);
      const p0 = people[0]!;
      const overload = autocannon({
        url: `${base}/dashboard`,
        connections: OVERLOAD,
        duration: OVERLOAD_SECONDS,
        timeout: 30,
        headers: { cookie: p0.cookie },
      });
      // Half-way through, a person's own request: shed (503 with Retry-After) or served.
      await new Promise((r) => setTimeout(r, (OVERLOAD_SECONDS * 1000) / 2));
      const during = await fetch(`${base}/dashboard`, { headers: { cookie: p0.cookie }, redirect: 'manual' }).catch(
        () => null,
      );
      const over = await overload;
      const by = over.statusCodeStats;
      const shed = by['503']?.count ?? 0;
      console.log(
        `answered ${over.requests.total}, 2xx ${over['2xx']}, 503 (shed) ${shed}, timeouts ${over.timeouts}, errors ${over.errors}, p99 ${over.latency.p99} ms`,
      );
      console.log(
        `a request in the middle: ${during ? `${during.status}${during.status === 503 ? `, Retry-After ${during.headers.get('retry-after')}` : ''}` : 'no answer'}`,
      );
      await new Promise((r) => setTimeout(r, 2000));
      const probe = await fetch(`${base}/dashboard`, { headers: { cookie: p0.cookie }, redirect: 'manual' });
      console.log(`after the overload the dashboard answers ${probe.status} (target 200: recovered)`);
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
