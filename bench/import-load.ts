import { type ChildProcess, execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, percentile } from './lib.ts';

// "Import under load" (issue 13, item 1): the p99 of a page request while a large FHIR
// import runs, against the same request's p99 with the server idle, in the same run. The
// bundle is made here from the Synthea files in /work/shared/data (or the test fixtures),
// one patient, entries copied with changed names until it is BENCH_IMPORT_MB (default 35)
// megabytes; nothing big is committed. Target: ratio <= 4.
//
// The request is GET /api/v1/cases/{caseId} (database read, access check, audit entry,
// JSON), 4 at a time, from this process. Two imports are measured: through the upload route
// (curl, as a browser would send it) and as a records.import job (bench/import-server.ts).

const here = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = ['/work/shared/data/fhir/synthea', path.resolve(here, '../test/fixtures/fhir/synthea')];
const CONCURRENCY = 4;
const IDLE_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

type Json = Record<string, any>;

/** A one-patient bundle of at least `bytes`, written to `file`; returns its entry count. */
function makeBundle(file: string, bytes: number): { entries: number; size: number } {
  const dir = SOURCES.find((d) => fs.existsSync(d));
  if (!dir) throw new Error(`No Synthea bundles found in ${SOURCES.join(' or ')}`);
  const bundles = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Json);
  const patient = bundles.flatMap((b) => b.entry ?? []).find((e: Json) => e.resource?.resourceType === 'Patient');
  // Every clinical entry of every file, without their own Patient (one person per file, ADR 0146).
  const pool: string[] = bundles
    .flatMap((b) => b.entry ?? [])
    .filter((e: Json) => e.resource && e.resource.resourceType !== 'Patient')
    .map((e: Json) => JSON.stringify(e));
  const fd = fs.openSync(file, 'w');
  const head = `{"resourceType":"Bundle","type":"collection","entry":[${JSON.stringify(patient)}`;
  fs.writeSync(fd, head);
  let size = head.length;
  let entries = 1;
  for (let copy = 0; size < bytes; copy++) {
    for (const e of pool) {
      // Changed names make every copy new facts, so none is dropped as a duplicate.
      const s = `,${e.replace(/"(display|text)":"/g, `"$1":"#${copy} `)}`;
      fs.writeSync(fd, s);
      size += Buffer.byteLength(s);
      entries++;
      if (size >= bytes) break;
    }
  }
  fs.writeSync(fd, ']}');
  fs.closeSync(fd);
  return { entries, size: size + 2 };
}

interface Server {
  child: ChildProcess;
  port: number;
  token: string;
  caseIds: string[];
  /** Stores a file as a FHIR document of the third case and queues its import job. */
  storeForJob(file: string): Promise<string>;
}

function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'import-server.ts')], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const waiting: ((line: string) => void)[] = [];
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      let nl = out.indexOf('\n');
      while (nl >= 0) {
        const line = out.slice(0, nl);
        out = out.slice(nl + 1);
        nl = out.indexOf('\n');
        const m = /^listening (\d+)$/.exec(line);
        if (m) {
          resolve({
            child,
            port: Number(m[1]),
            ...info!,
            storeForJob: (file) =>
              new Promise((res, rej) => {
                waiting.push((l) => {
                  const r = JSON.parse(l) as { jobId?: string; error?: string };
                  if (r.jobId) res(r.jobId);
                  else rej(new Error(r.error));
                });
                child.stdin!.write(`store ${file}\n`);
              }),
          });
        } else if (line.startsWith('{"token"')) info = JSON.parse(line);
        else if (line.startsWith('{')) waiting.shift()?.(line);
      }
    });
    let info: { token: string; caseIds: string[] } | undefined;
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

/** Requests the page, CONCURRENCY at a time, until `until()` says stop; returns each latency in ms. */
async function load(url: string, token: string, until: () => boolean): Promise<{ ms: number[]; errors: number }> {
  const ms: number[] = [];
  let errors = 0;
  const one = async () => {
    while (!until()) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      ms.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, one));
  return { ms, errors };
}

const summary = (ms: number[]) =>
  `${ms.length} requests, p50 ${fmt(percentile(ms, 50))} ms, p99 ${fmt(percentile(ms, 99))} ms, ` +
  `max ${fmt(Math.max(...ms))} ms`;

export async function run(): Promise<void> {
  const megabytes = Number(process.env.BENCH_IMPORT_MB ?? 35);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'so-bench-import-'));
  const file = path.join(work, 'big-bundle.json');
  try {
    const made = makeBundle(file, megabytes * 1024 * 1024);
    console.log(
      `bundle: ${fmt(made.size / 1024 / 1024)} MB, ${made.entries.toLocaleString('en-US')} entries, one patient`,
    );
    const server = await startServer(path.join(work, 'data'));
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const url = `${base}/api/v1/cases/${server.caseIds[0]}`;
      // Warm-up: the first requests compile and fill caches, and the app loads its code
      // lists in the background just after it starts. Then the idle measurement.
      let end = Date.now() + 10_000;
      await load(url, server.token, () => Date.now() > end);
      end = Date.now() + IDLE_SECONDS * 1000;
      const idle = await load(url, server.token, () => Date.now() > end);
      console.log(`idle:                       ${summary(idle.ms)}${idle.errors ? `, ${idle.errors} errors` : ''}`);
      const idleP99 = percentile(idle.ms, 99);

      // 1. Through the upload route, as it is wired today: the file is read in a worker
      // thread, then its items are saved in the upload's one transaction.
      let importing = true;
      const t0 = performance.now();
      const upload = new Promise<{ seconds: number; body: string }>((resolve, reject) => {
        execFile(
          'curl',
          [
            '-sS',
            '-H',
            `Authorization: Bearer ${server.token}`,
            '-H',
            'Accept: application/json',
            '-F',
            `file=@${file};filename=portal-export.json`,
            `${base}/api/v1/cases/${server.caseIds[1]}/documents?confirmPatient=true`,
          ],
          { maxBuffer: 16 * 1024 * 1024 },
          (err, stdout) => (err ? reject(err) : resolve({ seconds: (performance.now() - t0) / 1000, body: stdout })),
        );
      }).finally(() => {
        importing = false;
      });
      const busy = await load(url, server.token, () => !importing);
      const up = await upload;
      const result = (JSON.parse(up.body) as Json).results?.[0];
      console.log(`during the upload route:    ${summary(busy.ms)}${busy.errors ? `, ${busy.errors} errors` : ''}`);
      console.log(
        `  import: ${result?.status ?? 'no answer'}${result?.reason ? ` (${result.reason})` : ''}, ` +
          `${result?.itemsAdded ?? 0} items added, ${up.seconds.toFixed(1)} s end to end`,
      );
      console.log(`  p99 ratio (during / idle): ${(percentile(busy.ms, 99) / idleP99).toFixed(2)}  (target <= 4)`);

      // 2. As a records.import job run by the in-process worker: read in a worker thread,
      // items saved a few hundred per transaction.
      const t1 = performance.now();
      const jobId = await server.storeForJob(file);
      let job: Json = {};
      let jobRunning = true;
      const poll = (async () => {
        while (jobRunning) {
          await new Promise((r) => setTimeout(r, 250));
          const res = await fetch(`${base}/api/v1/jobs/${jobId}`, {
            headers: { authorization: `Bearer ${server.token}` },
          });
          job = (await res.json()) as Json;
          if (job.state === 'done' || job.state === 'failed') jobRunning = false;
        }
      })();
      const busyJob = await load(url, server.token, () => !jobRunning);
      await poll;
      const jobSeconds = (performance.now() - t1) / 1000;
      console.log(
        `during the import job:      ${summary(busyJob.ms)}${busyJob.errors ? `, ${busyJob.errors} errors` : ''}`,
      );
      console.log(
        `  job: ${job.state}${job.error ? ` (${job.error})` : ''}, ${job.result?.itemsAdded ?? 0} items added, ` +
          `${jobSeconds.toFixed(1)} s from storing the file to done`,
      );
      console.log(`  p99 ratio (during / idle): ${(percentile(busyJob.ms, 99) / idleP99).toFixed(2)}  (target <= 4)`);
    } finally {
      await new Promise<void>((r) => {
        server.child.once('exit', () => r());
        server.child.kill('SIGTERM');
      });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
