import fc from 'fast-check';

// Requests derived from the app's own OpenAPI document (ADR 0013): for each operation, its
// path, its query parameters and its JSON body schema. Most values fit the schema, so the
// request gets past validation into the handler and the database; some are replaced by
// junk, so the refusals are exercised too. Ids are mostly real ones, so requests reach
// real rows, signed in as their owner.

type Schema = { [k: string]: any };

export interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body: Schema | undefined;
  /** Marked `security: []`: anyone may call it, and a wrong password there is a 401. */
  open: boolean;
}

export function operationsOf(doc: { paths: Record<string, Record<string, Schema>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as { in: string; name: string; schema: Schema }[];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema,
        open: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
  return ops;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
  /** Sent this many times at once: duplicate concurrent writes. */
  repeat: number;
}

/** Real ids by kind, from the fixtures the test built. `any` is every id together. */
export interface KnownIds {
  byParam: Record<string, string[]>;
  any: string[];
}

// ---------- hostile building blocks ----------

/** encodeURIComponent that does not throw: a lone surrogate goes out as its (invalid) UTF-8 bytes. */
export function enc(s: string): string {
  return [...s]
    .map((ch) => {
      const c = ch.charCodeAt(0);
      if (ch.length !== 1 || c < 0xd800 || c > 0xdfff) return encodeURIComponent(ch);
      const bytes = [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
      return bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    })
    .join('');
}

const NASTY_TEXT = [
  '\u0000',
  'a\u0000b',
  'x\u0007\u001b[31my',
  '\u202efdp.exe',
  'left\u2066right\u2069',
  '\ud800',
  'end\udfff',
  '\uffff\ufeff',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00',
  '%',
  "' or 1=1 --",
  '"; drop table users; --',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, sent as plain text on purpose
  '${jndi:ldap://x}',
  '\r\nSet-Cookie: x=y',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  '',
  ' ',
  '\t\n',
  '0000-00-00',
  '2026-02-30',
  '9999-12-31',
  '1899-12-31',
  '24:61',
  'null',
  '__proto__',
  'constructor',
  '😀'.repeat(60),
  'é'.normalize('NFD').repeat(100),
];

const nasty = fc.constantFrom(...NASTY_TEXT);
/** Text that has broken storage or display somewhere: controls, bidi, traversal, odd dates. */
export const hostileText = nasty;
const huge = fc.integer({ min: 2_000, max: 200_000 }).map((n) => 'x'.repeat(n));
const junkString = fc.oneof(nasty, fc.string({ unit: 'binary', maxLength: 40 }), huge, fc.string({ maxLength: 40 }));

function nested(levels: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: junkString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -0, 2 ** 53 + 1, 0.1) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.object({ maxDepth: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom(nested(40), nested(200)) },
);

/** Ids no row has: traversal, undecodable escapes, NUL, very long. */
export const idJunk = fc.oneof(
  fc.constantFrom(
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '..',
    '.',
    '%2E%2E%2F%2E%2E',
    '..%5C..%5Cwindows',
    '%00',
    'abc%00def',
    '%E2%80%AE',
    '%zz',
    '%',
    '%C0%AE%C0%AE',
    '%FF%FE',
    '%ED%A0%80',
    'null',
    '0',
    '-1',
    `${'a'.repeat(5_000)}`,
    '%20',
    'a%2Fb',
    '%3Cscript%3E',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(enc),
);

// ---------- values from a JSON schema ----------

const isoDay = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

function stringFor(s: Schema, name: string, ids: KnownIds): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 60, 60);
  const plain = fc.string({ minLength: min, maxLength: Math.max(min, max) });
  // Typed text with the characters that used to break storage, still within the schema's length.
  const hostile = nasty.filter((v) => v.length >= min && (s.maxLength === undefined || v.length <= s.maxLength));
  const options: fc.Arbitrary<string>[] = [plain, hostile];
  if (s.format === 'email') options.push(fc.emailAddress(), fc.constantFrom('a@b', 'x@example.com\u0000'));
  if (typeof s.pattern === 'string') {
    try {
      options.push(fc.stringMatching(new RegExp(s.pattern)));
    } catch {
      // A pattern this engine cannot read: the other options still fit the length.
    }
  }
  if (/(Id|^a|^b|^id)$/.test(name) && ids.any.length) {
    const exact = ids.byParam[name] ?? ids.any;
    return fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...exact) },
      { weight: 2, arbitrary: fc.constantFrom(...ids.any) },
      { weight: 1, arbitrary: fc.oneof(...options) },
    );
  }
  if (/(On|Date|date|By|From|To|dateOfBirth)$/.test(name)) {
    return fc.oneof({ weight: 6, arbitrary: isoDay }, { weight: 1, arbitrary: fc.oneof(...options) });
  }
  if (/[tT]ime$/.test(name)) {
    const hhmm = fc
      .tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    return fc.oneof({ weight: 6, arbitrary: hhmm }, { weight: 1, arbitrary: fc.oneof(...options) });
  }
  return fc.oneof({ weight: 5, arbitrary: plain }, { weight: 2, arbitrary: hostile }, ...options.slice(2));
}

export function valueFor(s: Schema | undefined, name: string, ids: KnownIds, depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 6) return fc.anything({ maxDepth: 1 });
  const alts = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (alts) return fc.oneof(...alts.map((a) => valueFor(a, name, ids, depth + 1)));
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if ('const' in s) return fc.constant(s.const);
  if (Array.isArray(s.type))
    return fc.oneof(...(s.type as string[]).map((type) => valueFor({ ...s, type }, name, ids, depth + 1)));
  switch (s.type) {
    case 'string':
      return stringFor(s, name, ids);
    case 'integer': {
      const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -5);
      return fc.integer({ min, max: Math.max(min, s.maximum ?? 500) });
    }
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(field(s.items, name.replace(/s$/, ''), ids, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)),
      });
    case 'object': {
      const props = (s.properties ?? {}) as Record<string, Schema>;
      const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, field(p, k, ids, depth + 1)]));
      const required = ((s.required ?? []) as string[]).filter((k) => k in props);
      return fc.record(model, { requiredKeys: required });
    }
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

/** A field's value: nearly always one its schema allows, sometimes junk. */
const field = (s: Schema | undefined, name: string, ids: KnownIds, depth: number) =>
  fc.oneof({ weight: 12, arbitrary: valueFor(s, name, ids, depth) }, { weight: 1, arbitrary: junkValue });

// ---------- whole requests ----------

const INVALID_UTF8 = [
  Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]),
  Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]),
  Buffer.from([0xc0, 0xaf, 0x00, 0x7b]),
];

const rawJunkBody = fc.oneof(
  fc.constantFrom<string | Buffer>(
    ...INVALID_UTF8,
    '',
    '{',
    '{"a":',
    'null',
    '[]',
    '"x"',
    '123',
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{"x":1}}}',
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=----x',
  'application/xml',
  'application/json; charset=latin1',
  'application/json; charset=utf-8',
  'image/png',
  '',
];

const acceptHeader = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('text/html', '*/*', 'application/xml', 'text/calendar', 'application/pdf', ''),
  },
);

const ifMatch = fc.constantFrom(
  '"1"',
  'W/"1"',
  '*',
  '"abc"',
  '"99999999999999999999"',
  '""',
  '"-1"',
  'garbage',
  '"1", "2"',
);
const range = fc.constantFrom(
  'bytes=0-0',
  'bytes=-1',
  'bytes=9999999-',
  'bytes=abc',
  'bytes=5-1',
  'bytes=0-1,3-4',
  'items=0-1',
);

/** A file for the upload operation: small, with names that have fooled file systems and people. */
const uploadBody = fc
  .record({
    name: fc.oneof(
      fc.constantFrom(
        'report.pdf',
        '\u202efdp.exe',
        '../../x.txt',
        'a\u0000b.txt',
        'con',
        '',
        '.',
        '"q".txt',
        'é'.repeat(300),
      ),
      fc.string({ maxLength: 30 }),
    ),
    content: fc.oneof(
      fc.constantFrom(
        'Blood count normal.\n',
        '<?xml version="1.0"?><ClinicalDocument/>',
        '{"resourceType":"Bundle","entry":[{}]}',
        '%PDF-1.4\n%%EOF',
        'PK\u0003\u0004junk',
        '<html></html>',
      ),
      fc.string({ unit: 'binary', maxLength: 300 }),
    ),
    broken: fc.oneof(
      { weight: 4, arbitrary: fc.constant('none') },
      { weight: 1, arbitrary: fc.constantFrom('truncated', 'no-end', 'bad-header') },
    ),
  })
  .map(({ name, content, broken }) => {
    const boundary = '----fuzz-boundary';
    const head = `Content-Disposition: form-data; name="file"; filename="${name}"`;
    const end = `\r\n--${boundary}--\r\n`;
    let body = `--${boundary}\r\n${head}\r\nContent-Type: application/octet-stream\r\n\r\n${content}${end}`;
    if (broken === 'truncated') body = body.slice(0, Math.floor(body.length / 2));
    if (broken === 'no-end') body = body.replace(end, '');
    if (broken === 'bad-header') body = body.replace('Content-Disposition: form-data;', 'Content-Disposition');
    return { payload: Buffer.from(body, 'utf8'), contentType: `multipart/form-data; boundary=${boundary}` };
  });

function encodeForm(v: unknown): string {
  if (v === null || typeof v !== 'object') return `value=${enc(String(v))}`;
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${enc(k)}=${enc(typeof x === 'string' ? x : (JSON.stringify(x) ?? ''))}`)
    .join('&');
}

function shorten(v: string | Buffer | undefined): string {
  if (v === undefined) return '(none)';
  const s = typeof v === 'string' ? v : `<${v.length} bytes> ${v.toString('latin1')}`;
  return s.length > 300 ? `${JSON.stringify(s.slice(0, 300))}… (${s.length} chars)` : JSON.stringify(s);
}

/** Every hostile and ordinary request for one operation, with a short description when one fails. */
export function requestsFor(op: Operation, ids: KnownIds, token: string): fc.Arbitrary<FuzzRequest> {
  const pathValue = (name: string) => {
    const real = ids.byParam[name];
    return real?.length
      ? fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...real.map(encodeURIComponent)) },
          { weight: 2, arbitrary: idJunk },
        )
      : idJunk;
  };
  const pathArb = fc.tuple(...op.pathParams.map(pathValue)).map((values) => {
    let url = op.path;
    op.pathParams.forEach((name, i) => {
      url = url.replace(`{${name}}`, values[i]!);
    });
    return url;
  });
  const queryPart = (q: Operation['query'][number]) =>
    fc.option(
      fc.oneof(
        {
          weight: 6,
          arbitrary: valueFor(q.schema, q.name, ids).map(
            (v) => `${q.name}=${enc(Array.isArray(v) ? v.join(',') : String(v))}`,
          ),
        },
        { weight: 1, arbitrary: junkString.map((v) => `${q.name}=${enc(v)}`) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            `${q.name}=%zz`,
            `${q.name}=%00`,
            `${q.name}=a&${q.name}=b`,
            `${q.name}[]=1`,
            `${q.name}[a]=1`,
            q.name,
          ),
        },
      ),
      { freq: 2 },
    );
  const extraQuery = fc.option(
    fc.constantFrom('__proto__[x]=1', 'constructor[prototype][x]=1', '%00=1', '&&&', 'x=%E2%80%AE'),
    { freq: 8 },
  );
  const queryArb = fc.tuple(fc.tuple(...op.query.map(queryPart)), extraQuery).map(([parts, extra]) => {
    const all = [...parts, extra].filter((p): p is string => p !== null);
    return all.length ? `?${all.join('&')}` : '';
  });
  const write = op.method !== 'GET' && op.method !== 'DELETE';
  // A DELETE may carry a body Fastify parses; a GET's is never read.
  const noBody: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> =
    op.method === 'DELETE'
      ? fc.oneof(
          { weight: 6, arbitrary: fc.constant({}) },
          { weight: 1, arbitrary: rawJunkBody.map((payload) => ({ payload, contentType: 'application/json' })) },
        )
      : fc.constant({});
  const bodyArb: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> = !write
    ? noBody
    : op.body
      ? fc.oneof(
          {
            weight: 12,
            arbitrary: valueFor(op.body, 'body', ids).map((v) => ({
              payload: JSON.stringify(v),
              contentType: 'application/json',
            })),
          },
          {
            weight: 1,
            arbitrary: junkValue.map((v) => ({
              payload: JSON.stringify(v) ?? 'null',
              contentType: 'application/json',
            })),
          },
          { weight: 1, arbitrary: rawJunkBody.map((payload) => ({ payload, contentType: 'application/json' })) },
          {
            weight: 2,
            arbitrary: fc
              .tuple(valueFor(op.body, 'body', ids), fc.constantFrom(...CONTENT_TYPES))
              .map(([v, contentType]) => ({
                payload: contentType.includes('urlencoded') ? encodeForm(v) : JSON.stringify(v),
                contentType,
              })),
          },
        )
      : fc.oneof(
          { weight: 6, arbitrary: uploadBody },
          { weight: 1, arbitrary: rawJunkBody.map((payload) => ({ payload, contentType: 'application/json' })) },
          {
            weight: 1,
            arbitrary: fc.constantFrom(...CONTENT_TYPES).map((contentType) => ({ payload: 'junk', contentType })),
          },
        );
  return fc
    .record({
      path: pathArb,
      query: queryArb,
      body: bodyArb,
      accept: acceptHeader,
      ifMatch: fc.option(ifMatch, { freq: 6 }),
      range: op.method === 'GET' ? fc.option(range, { freq: 6 }) : fc.constant(null),
      repeat: write
        ? fc.oneof({ weight: 5, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(4) })
        : fc.constant(1),
      // Now and then a method the path does not have, or one that only asks about it.
      method: fc.oneof(
        { weight: 15, arbitrary: fc.constant(op.method) },
        { weight: 1, arbitrary: fc.constantFrom('HEAD', 'OPTIONS') },
      ),
    })
    .map(({ path, query, body, accept, ifMatch: im, range: r, repeat, method }) => {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (accept) headers.accept = accept;
      if (body.contentType) headers['content-type'] = body.contentType;
      if (im) headers['if-match'] = im;
      if (r) headers.range = r;
      const req: FuzzRequest = {
        method,
        url: `${path}${query}`,
        headers,
        repeat,
        ...(body.payload !== undefined ? { payload: body.payload } : {}),
      };
      return Object.assign(req, {
        [fc.toStringMethod]: () =>
          [
            `${method} ${req.url.length > 300 ? `${req.url.slice(0, 300)}…` : req.url} ×${repeat}`,
            JSON.stringify({ ...headers, authorization: 'Bearer …' }),
            `body ${shorten(req.payload)}`,
          ].join(' '),
      });
    });
}
