import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import type { FastifyInstance } from 'fastify';

// Assets are read (or built) once at start, compressed once with brotli and gzip, and
// served from memory with a content hash in the URL, so browsers keep them for a year
// and the server never compresses the same bytes twice.

interface Asset {
  type: string;
  raw: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  etag: string;
}

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

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function makeAsset(raw: Buffer, type: string): Asset {
  const compressible = !type.startsWith('font/') && type !== 'image/png';
  return {
    type,
    raw,
    br: compressible ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }) : undefined,
    gzip: compressible ? zlib.gzipSync(raw, { level: 9 }) : undefined,
    etag: `"${crypto.createHash('sha256').update(raw).digest('base64url').slice(0, 16)}"`,
  };
}

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

export interface AssetStore {
  urls: AssetUrls;
  register(app: FastifyInstance): void;
  /** Bytes a browser would download for these URLs with the given encoding (for the benchmark). */
  sizeOf(url: string, encoding: 'br' | 'gzip' | 'identity'): number | undefined;
}

export async function loadAssets(): Promise<AssetStore> {
  const pinned = new Map<string, Asset>();
  const add = (urlPath: string, raw: Buffer, type: string) => {
    const a = makeAsset(raw, type);
    pinned.set(urlPath, a);
    return `${urlPath}?v=${a.etag.slice(1, 9)}`;
  };
  // The USWDS stylesheet keeps its place under /assets/uswds/css so its relative
  // ../fonts and ../img references resolve to the lazily served files below.
  const urls: AssetUrls = {
    uswdsCss: add('/assets/uswds/css/uswds.min.css', fs.readFileSync(path.join(uswdsDist, 'css/uswds.min.css')), TYPES['.css']!),
    uswdsInitJs: add('/assets/uswds/js/uswds-init.min.js', fs.readFileSync(path.join(uswdsDist, 'js/uswds-init.min.js')), TYPES['.js']!),
    uswdsJs: add('/assets/uswds/js/uswds.min.js', fs.readFileSync(path.join(uswdsDist, 'js/uswds.min.js')), TYPES['.js']!),
    appCss: add('/assets/app.css', fs.readFileSync(path.join(srcDir, 'platform/ui/app.css')), TYPES['.css']!),
    appJs: add('/assets/app.js', await buildClientJs(), TYPES['.js']!),
  };

  // Fonts and icons: only files a page actually asks for are read, then kept.
  const lazy = new Map<string, Asset>();
  const lazyAsset = (rel: string): Asset | undefined => {
    if (!/^(fonts|img)\/[A-Za-z0-9_\-./]+$/.test(rel) || rel.includes('..')) return undefined;
    const cached = lazy.get(rel);
    if (cached) return cached;
    const type = TYPES[path.extname(rel)];
    if (!type) return undefined;
    const file = path.join(uswdsDist, rel);
    if (!fs.existsSync(file)) return undefined;
    const a = makeAsset(fs.readFileSync(file), type);
    lazy.set(rel, a);
    return a;
  };

  const find = (urlPath: string): Asset | undefined =>
    pinned.get(urlPath) ?? (urlPath.startsWith('/assets/uswds/') ? lazyAsset(urlPath.slice('/assets/uswds/'.length)) : undefined);

  return {
    urls,
    sizeOf(url, encoding) {
      const a = find(url.split('?')[0]!);
      if (!a) return undefined;
      if (encoding === 'br') return (a.br ?? a.raw).length;
      if (encoding === 'gzip') return (a.gzip ?? a.raw).length;
      return a.raw.length;
    },
    register(app) {
      app.get('/assets/*', { config: { access: 'public', compress: false } as never, logLevel: 'warn' }, async (req, reply) => {
        const urlPath = req.url.split('?')[0]!;
        const a = find(urlPath);
        if (!a) return reply.code(404).type('text/plain').send('Not found');
        const versioned = req.url.includes('?v=');
        reply.header('Cache-Control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
        reply.header('ETag', a.etag);
        reply.header('Vary', 'Accept-Encoding');
        reply.type(a.type);
        if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
        const accept = String(req.headers['accept-encoding'] ?? '');
        if (a.br && /\bbr\b/.test(accept)) return reply.header('Content-Encoding', 'br').send(a.br);
        if (a.gzip && /\bgzip\b/.test(accept)) return reply.header('Content-Encoding', 'gzip').send(a.gzip);
        return reply.send(a.raw);
      });
    },
  };
}
