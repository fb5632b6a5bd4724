import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error s3rver ships no types
import S3rver from 's3rver';

/**
 * A real S3 API (s3rver, from npm) on a random loopback port with its own temp folder,
 * for tests and benches. The S3 driver talks to it exactly as to AWS S3 or MinIO.
 * Known limits of s3rver 3.7.1, so tests stay inside them: it does not check SigV4
 * signatures (only that the access key exists), cannot list or abort multipart uploads,
 * and a list that is cut short (more keys than MaxKeys) answers 500 on Node 17+ (its
 * continuation token uses DES, which OpenSSL 3 no longer offers). S3RVER_LOG=1 shows its log.
 */
export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** Environment for the app: STORAGE_URL and the rest (prefix: a folder inside the bucket). */
  env(prefix?: string): Record<string, string>;
  /** Where s3rver keeps the objects on disk (to look at what the store really holds). */
  dir: string;
  close(): Promise<void>;
}

export async function startS3Server(bucket = 'so-docs'): Promise<S3TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: !process.env.S3RVER_LOG,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  });
  const addr = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${addr.port}`;
  return {
    endpoint,
    bucket,
    dir,
    env: (prefix = '') => ({
      STORAGE_URL: `s3://${bucket}${prefix ? `/${prefix}` : ''}`,
      S3_ENDPOINT: endpoint,
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    }),
    async close() {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
