import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleResources, fhirToItems } from '../src/features/records/imports.ts';

// Upload + hash + encrypt + store of one big file through the real API (server in its own
// process, curl as the client), against `sha256sum` + `cp` (+ fsync of the copy, as the app
// fsyncs too) of the same file on the same disk, in the same run. Also: the server's peak
// memory growth during the upload, and import speed of the largest Synthea bundle.
//
// BENCH_UPLOAD_BYTES sets the file size (default 2 GiB, the default upload limit).

const here = path.dirname(fileURLToPath(import.meta.url));
const SYNTHEA = path.resolve(here, '../test/fixtures/fhir/synthea/uscore_bundle_patient_355.json');

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function startServer(
  dataDir: string,
  cases: number,
): Promise<{ child: ChildProcess; port: number; token: string; caseIds: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'records-server.ts')], {
    env: { ...process.env, DATA_DIR: dataDir, CASES: String(cases) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        const info = JSON.parse(out.split('\n').find((l) => l.startsWith('{'))!) as {
          token: string;
          caseIds: string[];
        };
        resolve({ child, port: Number(m[1]), ...info });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((r) => {
    child.once('exit', () => r());
    child.kill('SIGTERM');
  });
}

/** Runs curl as the client (its own process, like a browser) and returns seconds and the JSON answer. */
function curlUpload(
  port: number,
  token: string,
  caseId: string,
  file: string,
  name: string,
  query = '',
): { seconds: number; body: any } {
  const t0 = process.hrtime.bigint();
  const out = execFileSync(
    'curl',
    [
      '-sS',
      '-H',
      `Authorization: Bearer ${token}`,
      '-H',
      'Accept: application/json',
      '-F',
      `file=@${file};filename=${name}`,
      `http://127.0.0.1:${port}/api/v1/cases/${caseId}/documents${query}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  ).toString();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { seconds, body: JSON.parse(out) };
}

function timed(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

export async function run(): Promise<void> {
  const bytes = Number(process.env.BENCH_UPLOAD_BYTES ?? 2 * 1024 ** 3);
  // Same disk as the app's data folder: both live under one temporary folder.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'so-bench-upload-'));
  const file = path.join(work, 'scan.dcm');
  const dataDir = path.join(work, 'data');
  try {
    // A DICOM preamble (so the upload is accepted as an imaging file), then incompressible bytes.
    const block = crypto.randomBytes(64 * 1024 * 1024);
    const fd = fs.openSync(file, 'w');
    const head = Buffer.alloc(132);
    head.write('DICM', 128, 'latin1');
    fs.writeSync(fd, head);
    let written = head.length;
    while (written < bytes) {
      const n = Math.min(block.length, bytes - written);
      fs.writeSync(fd, block, 0, n);
      written += n;
    }
    fs.closeSync(fd);
    console.log(`file: ${(bytes / 1024 ** 3).toFixed(2)} GiB of random bytes (DICOM preamble)`);

    // Baseline: hash, copy, and make the copy durable, like the app does.
    const copy = path.join(work, 'copy.dcm');
    const baselines: number[] = [];
    for (let i = 0; i < 2; i++) {
      fs.rmSync(copy, { force: true });
      baselines.push(
        timed(() => {
          execFileSync('sha256sum', [file]);
          execFileSync('cp', [file, copy]);
          execFileSync('sync', [copy]);
        }),
      );
    }
    fs.rmSync(copy, { force: true });
    const baseline = Math.min(...baselines);

    const server = await startServer(dataDir, 6);
    try {
      const pid = server.child.pid!;
      const before = rssKb(pid, 'VmRSS');
      // Reset the kernel's peak-RSS mark (VmHWM), so what it holds afterwards is the upload's own peak.
      let hwmReset = true;
      try {
        fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
      } catch {
        hwmReset = false;
      }
      // Also sample from a second process (curl blocks this one) in case the reset is not allowed.
      const watcher = spawn(
        'sh',
        ['-c', `while kill -0 ${pid} 2>/dev/null; do grep VmRSS /proc/${pid}/status; sleep 0.05; done`],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      let watched = '';
      watcher.stdout!.on('data', (d: Buffer) => (watched += d.toString()));
      const up = curlUpload(server.port, server.token, server.caseIds[0]!, file, 'scan.dcm');
      watcher.kill();
      let peak = hwmReset ? rssKb(pid, 'VmHWM') : before;
      for (const m of watched.matchAll(/VmRSS:\s+(\d+) kB/g)) peak = Math.max(peak, Number(m[1]));
      const result = up.body.results?.[0];
      if (result?.status !== 'stored') throw new Error(`upload was not stored: ${JSON.stringify(up.body)}`);
      const ratio = baseline / up.seconds;
      console.log(
        `baseline sha256sum + cp + fsync: ${baseline.toFixed(2)} s (${(bytes / 1024 ** 2 / baseline).toFixed(0)} MB/s)`,
      );
      console.log(
        `upload + hash + encrypt + store:  ${up.seconds.toFixed(2)} s (${(bytes / 1024 ** 2 / up.seconds).toFixed(0)} MB/s)`,
      );
      console.log(`ratio (baseline time / upload time): ${ratio.toFixed(2)}  (target >= 0.5)`);
      console.log(
        `server RSS before ${(before / 1024).toFixed(0)} MB, peak during upload ${(peak / 1024).toFixed(0)} MB${hwmReset ? ' (kernel peak mark, reset before the upload)' : ' (sampled every 50 ms)'}: growth ${((peak - before) / 1024).toFixed(1)} MB (target < 100 MB)`,
      );

      // Import: the largest Synthea bundle, end to end through the API, into fresh patients.
      const bundle = fs.readFileSync(SYNTHEA);
      const parsed = bundleResources(JSON.parse(bundle.toString('utf8')));
      const t0 = process.hrtime.bigint();
      const pure = fhirToItems(parsed.ok ? parsed.resources : []);
      const pureSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
      const bundleFile = path.join(work, 'bundle.json');
      fs.writeFileSync(bundleFile, bundle);
      let items = 0;
      let seconds = 0;
      for (const caseId of server.caseIds.slice(1)) {
        // The bundle's made-up patient is not the bench's: say it is the right person (ADR 0146).
        const r = curlUpload(server.port, server.token, caseId, bundleFile, 'synthea.json', '?confirmPatient=true');
        if (r.body.results?.[0]?.status !== 'stored')
          throw new Error(`import was not stored: ${JSON.stringify(r.body).slice(0, 300)}`);
        items += r.body.results?.[0]?.itemsAdded ?? 0;
        seconds += r.seconds;
      }
      console.log(
        `import of ${path.basename(SYNTHEA)} (${(bundle.length / 1024).toFixed(0)} KB, ${pure.items.length} items): ${(items / seconds).toFixed(0)} items/s end to end (upload, parse, store, index; ${server.caseIds.length - 1} runs); conversion alone ${(pure.items.length / pureSeconds).toFixed(0)} items/s`,
      );
    } finally {
      await stop(server.child);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
