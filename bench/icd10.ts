import { performance } from 'node:perf_hooks';
import { buildIcd10Index, type Icd10Row, parseQuery, words } from '../src/features/codes/icd10.ts';
import { readIcd10Files, readShipped } from '../src/features/codes/icd10-data.ts';
import { buildUser } from '../test/builders/index.ts';
import { buildTestApp } from '../test/helpers/test-app.ts';
import { buildIcd10Index as buildIndexBefore0169 } from './baseline/icd10-0160.ts';
import { percentile } from './lib.ts';

// ICD-10-CM search: server-side time per query over the whole code set (target p95 <= 5 ms),
// against a plain linear scan (Array.filter over the same rows, same query words) and
// against the index as it was before ADR 0169 (FY2024 rows, no synonyms list, no
// title-cost ranking; frozen copy in bench/baseline/), all run beside it in the same process.

/** What people type: whole words, abbreviations, codes, and every prefix of a few as they type. */
const TYPED = ['breast cancer left', 'heart failure', 'atrial fibrillation', 'copd'];
const QUERIES = [
  'breast cancer left',
  'breast cancer',
  'heart failure',
  'a-fib',
  'afib',
  'CHF',
  'COPD',
  'MI',
  'heart attack',
  'stroke',
  'C50.9',
  'c509',
  'C50.912',
  'I48',
  'i50.9',
  'E11.9',
  'J44.9',
  'S72.001A',
  'c5',
  'z',
  'hypert',
  'diab mell',
  'type 2 diabetes',
  'lung cancer',
  'prostate cancer',
  'colon cancer',
  'kidney disease',
  'ckd stage 3',
  'high blood pressure',
  'broken hip',
  'hip fracture',
  'fracture',
  'pain',
  'chronic pain',
  'alzheimer',
  'dementia',
  'parkinson',
  'multiple sclerosis',
  'pneumonia',
  'pulmonary embolism',
  'dvt',
  'gerd',
  'depression',
  'anxiety',
  'melanoma',
  'lymphoma',
  'leukemia',
  'pancreatic cancer',
  'ovarian cancer',
  'thyroid cancer',
  'aortic stenosis',
  'mitral valve',
  'coronary artery disease',
  'cad',
  'angina',
  'osteoarthritis knee',
  'rheumatoid arthritis',
  'osteoporosis',
  'back pain',
  'migraine',
  'epilepsy',
  'sleep apnea',
  'obesity',
  'anemia',
  'gallstones',
  'appendicitis',
  'hernia',
  'macular degeneration',
  'glaucoma',
  'cataract',
  'hearing loss',
  'unspecified',
  'left',
  'malignant neoplasm of',
  'slipped disc',
  'mini-stroke',
  'sugar diabetes',
  'kidney failure',
  'renal failure',
  'blood clot in the leg',
  'my dad had a heart attack',
  'cancer that spread to the liver',
  'ringing in the ears',
  'pnemonia',
  'breast zebraword',
  ...TYPED.flatMap((q) =>
    Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)).filter((p) => p.trim().length > 0),
  ),
];

/** The baseline: every row, every query word as a substring (synonyms expanded the same way). */
function linearSearch(rows: { row: Icd10Row; lower: string }[], q: string, limit: number): Icd10Row[] {
  const groups = parseQuery(q).map((alts) => alts.map((tokens) => tokens.map((t) => t.replace(/\*$/, ''))));
  const found = rows.filter(({ lower }) =>
    groups.every((alts) => alts.some((tokens) => tokens.every((t) => lower.includes(t)))),
  );
  const compact = q.toUpperCase().replace('.', '');
  const byCode = /^[A-Z][0-9]/.test(compact)
    ? rows.filter(({ row }) => row.code.replace('.', '').startsWith(compact))
    : [];
  return [...byCode, ...found]
    .sort((a, b) => Number(b.row.billable) - Number(a.row.billable))
    .slice(0, limit)
    .map((r) => r.row);
}

async function measure(
  label: string,
  fn: (q: string) => unknown,
  rounds: number,
): Promise<{ p50: number; p95: number; max: number }> {
  for (const q of QUERIES) await fn(q); // warm up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      const t0 = performance.now();
      await fn(q);
      times.push(performance.now() - t0);
    }
  }
  const out = { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
  console.log(
    `  ${label.padEnd(36)} n=${times.length}  p50 ${out.p50.toFixed(3)} ms  p95 ${out.p95.toFixed(3)} ms  max ${out.max.toFixed(2)} ms`,
  );
  return out;
}

export async function run(): Promise<void> {
  console.log('ICD-10-CM search (server time per query)');
  const t0 = performance.now();
  const files = await readIcd10Files();
  const index = buildIcd10Index(files.rows, files.categories, files.sections, files.chapters, {
    year: files.year,
    years: files.years,
  });
  console.log(
    `  load + index: ${Math.round(performance.now() - t0)} ms for ${index.size} codes of FY${index.year} (+${index.retiredCount} retired); heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`,
  );
  const lowered = files.rows.map((row) => ({ row, lower: ` ${words(row.description, true).join(' ')}` }));

  const indexed = await measure(`index.search (${QUERIES.length} queries)`, (q) => index.search(q, { limit: 10 }), 20);
  const baseline = await measure('baseline: Array.filter linear scan', (q) => linearSearch(lowered, q, 10), 3);
  console.log(`  p95 target <= 5 ms: ${indexed.p95 <= 5 ? 'met' : 'NOT met'} (${indexed.p95.toFixed(3)} ms)`);
  console.log(
    `  ratio baseline/index: p50 ${(baseline.p50 / indexed.p50).toFixed(1)}x, p95 ${(baseline.p95 / indexed.p95).toFixed(1)}x`,
  );

  // The index before ADR 0169, on the FY2024 rows it was built for.
  const t1 = performance.now();
  const fy2024 = (await readShipped()).releases.find((r) => r.year === 2024)!;
  const before = buildIndexBefore0169(fy2024.rows, files.categories, files.sections, files.chapters);
  console.log(`  index before ADR 0169: ${Math.round(performance.now() - t1)} ms to build for ${before.size} codes`);
  const old = await measure('index before ADR 0169 (same queries)', (q) => before.search(q, { limit: 10 }), 20);
  console.log(
    `  ratio now/before (time per query, lower is faster): p50 ${(indexed.p50 / old.p50).toFixed(2)}x, p95 ${(indexed.p95 / old.p95).toFixed(2)}x`,
  );

  // The whole request as the server sees it: bearer token check, validation, search, JSON.
  const t = await buildTestApp('sqlite');
  try {
    const user = await buildUser(t);
    const headers = { authorization: `Bearer ${user.apiToken}`, accept: 'application/json' };
    const http = await measure(
      'GET /api/v1/codes/icd10 (app.inject)',
      async (q) => {
        const res = await t.app.inject({
          method: 'GET',
          url: `/api/v1/codes/icd10?q=${encodeURIComponent(q)}`,
          headers,
        });
        if (res.statusCode !== 200) throw new Error(`status ${res.statusCode} for ${q}`);
      },
      5,
    );
    console.log(`  request p95 (includes Fastify, token lookup, JSON): ${http.p95.toFixed(3)} ms`);
  } finally {
    await t.close();
  }
}
