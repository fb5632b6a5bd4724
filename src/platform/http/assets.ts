import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import fastifyStatic from '@fastify/static';
import * as esbuild from 'esbuild';
import type { FastifyInstance } from 'fastify';

// Assets are served by @fastify/static (issue 17 item 4). At start, the stylesheets and
// scripts (the app's own script is bundled here) are written once, with brotli and gzip
// copies beside them, into a folder named by their content hash; the plugin then serves
// the precompressed copy a browser accepts, with an ETag and 304s. Page URLs carry the
// content hash (?v=), so those answers are cached for a year as immutable. Fonts and
// icons are served straight from the USWDS package.

export interface AssetUrls {
  uswdsCss: string;
  appCss: string;
  uswdsInitJs: string;
  uswdsJs: string;
  appJs: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const srcDir = path.resolve(here, '../..');
const require = createRequire(import.meta.url);
// @uswds/uswds hides its package.json from require.resolve; its main file is dist/js/uswds.min.js.
const uswdsDist = path.resolve(path.dirname(require.resolve('@uswds/uswds')), '..');

const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';
const HOUR = 'public, max-age=3600';

async function buildClientJs(): Promise<Buffer> {
  const out = await esbuild.build({
    entryPoints: [path.join(srcDir, 'client/app.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    write: false,
    logLevel: 'silent',
  });
  return Buffer.from(out.outputFiles[0]!.contents);
}

const hashOf = (b: Buffer) => crypto.createHash('sha256').update(b).digest('base64url');

/**
 * Writes the files and their compressed copies into a folder named by their hash, unless
 * an earlier start (or another process) did: the folder is filled under a temporary name
 * and renamed, so a process never serves a half-written one.
 */
function writeOnce(files: Map<string, Buffer>): string {
  const all = crypto.createHash('sha256');
  for (const [rel, raw] of files) all.update(rel).update(raw);
  const dir = path.join(os.tmpdir(), `second-opinion-assets-${all.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(path.join(dir, '.complete'))) return dir;
  const temp = `${dir}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  for (const [rel, raw] of files) {
    const file = path.join(temp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, raw);
    const quality = { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 };
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(raw, { params: quality }));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(raw, { level: 9 }));
  }
  fs.writeFileSync(path.join(temp, '.complete'), '');
  try {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(temp, dir);
  } catch {
    // Another process finished first with the same bytes: use its folder.
    fs.rmSync(temp, { recursive: true, force: true });
  }
  return dir;
}

export interface AssetStore {
  urls: AssetUrls;
  register(app: FastifyInstance): Promise<void>;
}

export async function loadAssets(): Promise<AssetStore> {
  const files = new Map<string, Buffer>();
  const urls: Record<string, string> = {};
  const add = (name: keyof AssetUrls, rel: string, raw: Buffer) => {
    files.set(rel, raw);
    urls[name] = `/assets/${rel}?v=${hashOf(raw).slice(0, 8)}`;
  };
  // The USWDS stylesheet keeps its place under /assets/uswds/css so its relative
  // ../fonts and ../img references resolve to the package's files below.
  add('uswdsCss', 'uswds/css/uswds.min.css', fs.readFileSync(path.join(uswdsDist, 'css/uswds.min.css')));
  add('uswdsInitJs', 'uswds/js/uswds-init.min.js', fs.readFileSync(path.join(uswdsDist, 'js/uswds-init.min.js')));
  add('uswdsJs', 'uswds/js/uswds.min.js', fs.readFileSync(path.join(uswdsDist, 'js/uswds.min.js')));
  add('appCss', 'app.css', fs.readFileSync(path.join(srcDir, 'platform/ui/app.css')));
  add('appJs', 'app.js', await buildClientJs());
  const root = writeOnce(files);

  return {
    urls: urls as unknown as AssetUrls,
    async register(app) {
      await app.register(async (scope) => {
        // A path the plugin refuses (.., odd spellings) looks like any unknown file: 404.
        scope.setErrorHandler((err: { statusCode?: number }, _req, reply) => {
          if (err.statusCode && err.statusCode < 500) return reply.callNotFound();
          throw err;
        });
        // Versioned URLs name exact bytes; anything else may change with an upgrade.
        scope.addHook('onSend', async (req, reply, payload) => {
          if (reply.statusCode < 400) reply.header('Cache-Control', req.url.includes('?v=') ? YEAR_IMMUTABLE : HOUR);
          return payload;
        });
        const common = { cacheControl: false, logLevel: 'warn' as const, index: false as const, wildcard: true };
        await scope.register(fastifyStatic, { ...common, root, prefix: '/assets/', preCompressed: true });
        for (const dir of ['fonts', 'img']) {
          await scope.register(fastifyStatic, {
            ...common,
            root: path.join(uswdsDist, dir),
            prefix: `/assets/uswds/${dir}/`,
            decorateReply: false,
          });
        }
      });
    },
  };
}
