import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { loadConfig, type StorageConfig } from '../src/platform/config.ts';
import { type BlobStore, createBlobStore } from '../src/platform/storage/blob-store.ts';
import { createS3BlobStore } from '../src/platform/storage/s3-store.ts';

// One large document stored through the S3 driver (to s3rver, a real S3 API from npm, in
// its own process) against the local driver, in the same run (ADR 0019). Both seal the
// bytes the same way; the difference is where they go. Also: how much this process's
// memory grows during the S3 upload (multipart parts are buffered: about 2 × 8 MiB).
//
// BENCH_STORAGE_BYTES sets the size (default 1 GiB). The source is generated in memory, so
// the numbers are the store's, not a disk read's.

const here = path.dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;

function source(bytes: number): Readable {
  const block = crypto.randomBytes(MiB);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) return void this.push(null);
      const n = Math.min(MiB, bytes - sent);
      sent += n;
      // A fresh copy each time, as a socket would hand over new buffers.
      this.push(Buffer.from(block.subarray(0, n)));
    },
  });
}

function startS3(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'servers/s3-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited early (${code})`)));
  });
}

async function timeWrite(store: BlobStore, bytes: number): Promise<{ seconds: number; peakRssGrowthMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  const p = await store.write(source(bytes), { maxBytes: bytes + 1, idleMs: 60_000 });
  await store.commit(p);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (p.size !== bytes) throw new Error(`stored ${p.size} bytes, expected ${bytes}`);
  return { seconds, peakRssGrowthMb: (peak - base) / MiB };
}

export async function run(): Promise<void> {
  const bytes = Number(process.env.BENCH_STORAGE_BYTES ?? 1024 * MiB);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-bench-storage-'));
  const s3 = await startS3();
  const key = crypto.randomBytes(32);
  const settings = loadConfig({
    STORAGE_URL: 's3://bench/docs',
    S3_ENDPOINT: `http://127.0.0.1:${s3.port}`,
    S3_FORCE_PATH_STYLE: 'true',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  }).storage as Extract<StorageConfig, { kind: 's3' }>;
  const remote = createS3BlobStore({ settings, wrapKey: key });
  const local = createBlobStore({ root: dir, wrapKey: key });
  try {
    await local.init();
    await remote.init();
    // Local first, then S3, then local again: a machine that gets busier or quieter during
    // the run shows up as a difference between the two local runs.
    const l1 = await timeWrite(local, bytes);
    const r = await timeWrite(remote, bytes);
    const l2 = await timeWrite(local, bytes);
    const localS = (l1.seconds + l2.seconds) / 2;
    const mb = bytes / MiB;
    console.log(`size: ${mb.toFixed(0)} MiB`);
    console.log(
      `local driver:  ${l1.seconds.toFixed(1)} s and ${l2.seconds.toFixed(1)} s (${(mb / localS).toFixed(0)} MiB/s)`,
    );
    console.log(
      `S3 driver:     ${r.seconds.toFixed(1)} s (${(mb / r.seconds).toFixed(0)} MiB/s) to s3rver on loopback`,
    );
    console.log(`ratio S3/local throughput: ${(localS / r.seconds).toFixed(2)} (target >= 0.5)`);
    console.log(`RSS growth during the S3 upload: ${r.peakRssGrowthMb.toFixed(0)} MB (target < 100 MB)`);
  } finally {
    await remote.close();
    s3.child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
