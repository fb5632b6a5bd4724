import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

// A stand-in for ClinicalTrials.gov (API v2) for tests and e2e: this machine has no
// internet, and tests must not depend on a live service. It serves the stored fixture
// JSON. The condition words pick the answer, so the app under test needs no back door:
//   "melanoma" → the stored melanoma search page; "lung" → the NSCLC page;
//   "nothing" → no studies; "broken" → HTTP 500; "garbled" → not JSON; "slow" → never answers;
//   anything else → a page of the full study records (places and contacts).

export const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/clinicaltrials');
export const readFixture = (file: string): unknown => JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8'));

/** The full records served for any other condition, in this order. */
export const FULL_RECORDS = [
  'get_nct02576665_20260811.json',
  'NCT06171568.json',
  'NCT03475563.json',
  'NCT02210780.json',
  'NCT00973089.json',
];

export interface FakeCtGov {
  /** The API root to put in CLINICALTRIALS_URL. */
  url: string;
  /** Every request's path and query, oldest first. */
  requests: URL[];
  close(): Promise<void>;
}

export async function startFakeCtGov(): Promise<FakeCtGov> {
  const requests: URL[] = [];
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(url);
    if (url.pathname !== '/api/v2/studies') {
      res.writeHead(404).end();
      return;
    }
    const cond = (url.searchParams.get('query.cond') ?? '').toLowerCase();
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (cond.includes('broken')) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    else if (cond.includes('garbled'))
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"studies": [ {"protocolSe');
    else if (cond.includes('slow')) hanging.add(res);
    else if (cond.includes('nothing')) json({ studies: [], totalCount: 0 });
    else if (cond.includes('melanoma')) json(readFixture('search_melanoma_recruiting_limit3_20260811.json'));
    else if (cond.includes('lung')) json(readFixture('search_nsclc_egfr_l858r_20260811.json'));
    else json({ studies: FULL_RECORDS.map(readFixture), totalCount: 57 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/api/v2`,
    requests,
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
