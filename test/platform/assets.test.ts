import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';
import { Agent } from '../helpers/agent.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';

// Static assets through @fastify/static (issue 17 item 4): precompressed copies chosen by
// Accept-Encoding, ETags and 304s, a year of immutable caching for fingerprinted URLs and
// an hour for the rest. Assets do not touch the database, so SQLite alone is enough.

let t: TestApp;
let urls: Record<string, string>;

before(async () => {
  t = await buildTestApp('sqlite');
  const page = await new Agent(t.app).get('/');
  urls = {
    css: /href="(\/assets\/uswds\/css\/uswds\.min\.css\?v=[^"]+)"/.exec(page.body)![1]!,
    appJs: /src="(\/assets\/app\.js\?v=[^"]+)"/.exec(page.body)![1]!,
  };
});
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

test('the browser gets the brotli copy, else the gzip one, else the file itself: the same bytes', async () => {
  const br = await get(urls.appJs!, { 'accept-encoding': 'br, gzip' });
  const gz = await get(urls.appJs!, { 'accept-encoding': 'gzip' });
  const plain = await get(urls.appJs!, { 'accept-encoding': 'identity' });
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.match(String(br.headers.vary), /accept-encoding/i);
  assert.match(String(plain.headers['content-type']), /javascript/);
  assert.ok(plain.rawPayload.length > 1000, 'the bundled script is there');
  assert.deepEqual(zlib.brotliDecompressSync(br.rawPayload), plain.rawPayload);
  assert.deepEqual(zlib.gunzipSync(gz.rawPayload), plain.rawPayload);
  assert.ok(br.rawPayload.length < plain.rawPayload.length / 2);
});

test('fingerprinted files are immutable for a year, and an ETag gets a 304', async () => {
  const first = await get(urls.css!, { 'accept-encoding': 'br' });
  assert.equal(first.statusCode, 200);
  assert.equal(first.headers['cache-control'], 'public, max-age=31536000, immutable');
  const etag = String(first.headers.etag);
  assert.ok(etag.length > 2);
  const again = await get(urls.css!, { 'accept-encoding': 'br', 'if-none-match': etag });
  assert.equal(again.statusCode, 304);
  assert.equal(again.rawPayload.length, 0);
});

test('fonts and icons come from the design system, cached an hour; unknown or escaping paths: 404', async () => {
  const font = await get('/assets/uswds/fonts/source-sans-pro/sourcesanspro-regular-webfont.woff2');
  assert.equal(font.statusCode, 200);
  assert.equal(font.headers['cache-control'], 'public, max-age=3600');
  const icon = await get('/assets/uswds/img/usa-icons/close.svg');
  assert.equal(icon.statusCode, 200);
  assert.match(String(icon.headers['content-type']), /svg/);
  for (const url of [
    '/assets/nothing-here.js',
    '/assets/uswds/../../package.json',
    '/assets/uswds/fonts/../../../package.json',
    '/assets/%2e%2e/%2e%2e/package.json',
  ]) {
    const res = await get(url);
    assert.equal(res.statusCode, 404, url);
    assert.notEqual(res.headers['cache-control'], 'public, max-age=3600', `${url}: a miss is not cached`);
  }
});
