import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { createSession } from '../../src/platform/auth/sessions.ts';
import { COOKIE } from '../../src/platform/http/context.ts';
import { Agent } from '../helpers/agent.ts';
import { forEachDialect } from '../helpers/test-app.ts';
import { enc, hostileText, idJunk } from './openapi-requests.ts';
import { buildFuzzWorld, type FuzzWorld } from './world.ts';

// Issue 13 item 2 (ADR 0013), for pages: page routes are not in the OpenAPI document, so
// this walks the app's own route table. Each page route, called by the signed-in owner of a
// real case with real or hostile ids, junk query strings and form posts made of the field
// names its own page shows (filled with real choices, plain text or hostile text), never
// answers 5xx. Same seed and counts as the API fuzz (FUZZ_RUNS, FUZZ_SEED).

const RUNS = Math.max(1, Math.round(Number(process.env.FUZZ_RUNS ?? 6) / 3));
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);

// Routes that end the session or the account run last, so the others run signed in.
const ENDS_SESSION = /sign-out|delete|password|revoke/;
const QUERY_KEYS = [
  'q',
  'page',
  'next',
  'year',
  'kind',
  'status',
  'from',
  'tab',
  'view',
  'sort',
  'doctorId',
  'documentIds',
];

interface Route {
  method: 'GET' | 'POST';
  url: string;
}

/** The names and offered values of every field in the page's forms. */
function formFields(html: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  const tag = /<(input|select|textarea|option)\b([^>]*)>/g;
  let current = '';
  for (const m of html.matchAll(tag)) {
    const attrs = m[2]!;
    const name = /\bname="([^"]+)"/.exec(attrs)?.[1];
    const value = /\bvalue="([^"]*)"/
      .exec(attrs)?.[1]
      ?.replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"');
    if (name && name !== '_csrf') {
      current = name;
      if (!fields.has(name)) fields.set(name, []);
    }
    const key = name ?? (m[1] === 'option' ? current : '');
    if (key && key !== '_csrf' && value !== undefined && value !== '') fields.get(key)?.push(value);
  }
  return fields;
}

forEachDialect('every page route under fuzzing', (dialect) => {
  let world: FuzzWorld;
  let routes: Route[];
  const statuses: number[] = [];

  before(async () => {
    world = await buildFuzzWorld(dialect);
    routes = world.t.app.routeTable
      .filter((r): r is Route & typeof r => r.method === 'GET' || r.method === 'POST')
      .filter(
        (r) =>
          !r.url.startsWith('/api/') && !r.url.startsWith('/assets') && r.url !== '/healthz' && !r.url.includes('*'),
      )
      .map((r) => ({ method: r.method as Route['method'], url: r.url }))
      .sort((x, y) => Number(ENDS_SESSION.test(x.url)) - Number(ENDS_SESSION.test(y.url)));
  });
  after(() => world.close());

  /** A fresh session each route: one that signs out must not leave the next signed out. */
  async function signedIn(): Promise<{ agent: Agent; session: string }> {
    const { token } = await createSession(
      world.t.deps.db,
      world.t.deps.clock,
      world.user.userId,
      world.t.deps.config.sessionIdleHours,
    );
    const agent = new Agent(world.t.app);
    agent.setCookie(COOKIE.session, token);
    return { agent, session: token };
  }

  const realPath = (url: string) =>
    url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(world.ids.byParam[name]?.[0] ?? 'no-such-id'));

  function requests(route: Route, fields: Map<string, string[]>) {
    const names = [...fields.keys()];
    const pathArb = fc
      .tuple(
        ...[...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => {
          const real = world.ids.byParam[m[1]!];
          return real?.length
            ? fc.oneof(
                { weight: 8, arbitrary: fc.constantFrom(...real.map(encodeURIComponent)) },
                { weight: 2, arbitrary: idJunk },
              )
            : idJunk;
        }),
      )
      .map((values) => {
        let i = 0;
        return route.url.replace(/:([A-Za-z]+)/g, () => values[i++]!);
      });
    const queryArb = fc
      .array(fc.tuple(fc.constantFrom(...QUERY_KEYS), fc.oneof(fc.string({ maxLength: 20 }), hostileText)), {
        maxLength: 3,
      })
      .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${enc(v)}`).join('&')}` : ''));
    const value = (name: string) =>
      fc.oneof(
        ...(fields.get(name)?.length ? [{ weight: 5, arbitrary: fc.constantFrom(...fields.get(name)!) }] : []),
        { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 2, arbitrary: hostileText },
      );
    const formArb = names.length
      ? fc.record(
          Object.fromEntries(
            names.map((n) => [
              n,
              fc.oneof(
                { weight: 4, arbitrary: value(n) },
                { weight: 1, arbitrary: fc.array(value(n), { maxLength: 3 }) },
              ),
            ]),
          ),
          { requiredKeys: [] },
        )
      : fc.dictionary(
          fc.constantFrom('title', 'text', 'name', 'intent', 'action', 'notes'),
          fc.oneof(fc.string({ maxLength: 20 }), hostileText),
          { maxKeys: 3 },
        );
    return fc.record({
      path: pathArb,
      query: queryArb,
      form: route.method === 'POST' ? formArb : fc.constant({}),
      csrf: fc.oneof(
        { weight: 9, arbitrary: fc.constant('valid') },
        { weight: 1, arbitrary: fc.constantFrom('', 'x', '\u0000') },
      ),
      // Raw bytes a browser would never send: undecodable escapes, NUL, empty pairs.
      rawTail: fc.option(
        fc.constantFrom('&title=%FF%FE', '&text=%zz', '&name=%', '&notes=%00', '&&=&', '&%E2%80%AE=1'),
        {
          freq: 6,
        },
      ),
      type: fc.oneof(
        { weight: 9, arbitrary: fc.constant('application/x-www-form-urlencoded') },
        { weight: 1, arbitrary: fc.constantFrom('multipart/form-data', 'application/json', 'text/plain') },
      ),
    });
  }

  test(`each page route, ${RUNS} requests (seed ${SEED}): no 5xx`, async (ctx) => {
    for (const [i, route] of routes.entries()) {
      await ctx.test(`${route.method} ${route.url}`, async () => {
        const { agent, session } = await signedIn();
        const token = await agent.csrfToken();
        const page = routes.some((r) => r.method === 'GET' && r.url === route.url)
          ? await agent.get(realPath(route.url))
          : null;
        const fields = page && page.statusCode === 200 ? formFields(page.body) : new Map<string, string[]>();
        await fc.assert(
          fc.asyncProperty(requests(route, fields), async (r) => {
            const url = `${r.path}${r.query}`;
            let res;
            if (route.method === 'GET') res = await agent.get(url);
            else {
              const body = new URLSearchParams();
              if (r.csrf === 'valid') body.append('_csrf', token);
              else body.append('_csrf', r.csrf);
              for (const [k, v] of Object.entries(r.form))
                for (const one of Array.isArray(v) ? v : [v]) body.append(k, String(one));
              res = await world.t.app.inject({
                method: 'POST',
                url,
                payload:
                  r.type === 'application/json'
                    ? JSON.stringify(Object.fromEntries(body))
                    : `${body.toString()}${r.rawTail ?? ''}`,
                headers: { 'content-type': r.type, accept: 'text/html', cookie: `${COOKIE.session}=${session}` },
              });
            }
            statuses.push(res.statusCode);
            if (res.statusCode >= 500)
              throw new Error(`answered ${res.statusCode} to ${route.method} ${url.slice(0, 200)}`);
          }),
          { seed: SEED + i, numRuns: RUNS, includeErrorInReport: true },
        );
      });
    }
  });

  test('page requests did real work: most answered 2xx or 3xx', (ctx) => {
    const ok = statuses.filter((s) => s < 400).length;
    ctx.diagnostic(`${statuses.length} answers, ${ok} below 400, over ${routes.length} routes`);
    assert.ok(routes.length >= 50, `only ${routes.length} page routes`);
    assert.ok(ok >= statuses.length / 4, `only ${ok} of ${statuses.length} answers were below 400`);
  });
});
