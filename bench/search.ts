import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createUserWithOwnProfile } from '../src/features/accounts/accounts-store.ts';
import { insertCase } from '../src/features/cases/cases-store.ts';
import {
  documentSearchRow,
  indexSearchRows,
  insertBlob,
  insertDocument,
  insertItems,
} from '../src/features/records/documents-store.ts';
import type { ImportedItem } from '../src/features/records/imports.ts';
import { searchPatient } from '../src/features/records/search-store.ts';
import { insertPatientWithMembership } from '../src/platform/auth/access-store.ts';
import { createApiToken } from '../src/platform/auth/sessions.ts';
import { type Config, loadConfig } from '../src/platform/config.ts';
import { createServer } from '../src/server.ts';

// Search across a patient's records: 2,000 documents (a few KB of text each) and 1,000
// structured items for the patient, among 3 other patients' records, on SQLite (FTS5) and,
// when BENCH_POSTGRES_URL or TEST_POSTGRES_URL is set, PostgreSQL (tsvector + GIN).
// Prints p50 / p95 / max for the query alone and for the whole API request. Target: p95
// under 100 ms. The baseline in the same run is the plainest audited API request.

const WORDS = (
  'biopsy carcinoma ductal invasive lobular margin lymph node sentinel axillary mammogram ultrasound mri ct pet scan contrast lesion mass nodule ' +
  'benign malignant grade stage tumor marker estrogen progesterone receptor her2 ki67 oncotype brca mutation germline somatic chemotherapy radiation ' +
  'mastectomy lumpectomy reconstruction surgeon oncologist radiologist pathologist follow up appointment prescription tamoxifen letrozole anastrozole ' +
  'metformin lisinopril atorvastatin aspirin hemoglobin glucose creatinine potassium sodium platelet white blood cell count liver kidney function ' +
  'blood pressure heart rate weight height temperature echocardiogram ejection fraction valve stenosis regurgitation catheterization angiogram stent ' +
  'knee hip shoulder fracture arthroscopy meniscus ligament physical therapy spine lumbar cervical disc herniation neurology seizure migraine stroke ' +
  'allergy penicillin sulfa latex vaccine influenza pneumococcal covid tetanus discharge summary admission history physical exam assessment plan'
).split(' ');

// Real records mix a few very common words with many rarer ones (names of drugs, tests,
// places). 3,000 made-up rare words stand in for those.
const RARE = Array.from({ length: 3000 }, (_, i) => `zx${(i * 7919).toString(36)}ol`);

function sentence(rand: () => number, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    // Half common words (skewed: the first ones much more often), half rare ones.
    out.push(
      rand() < 0.5 ? WORDS[Math.floor(rand() * rand() * WORDS.length)]! : RARE[Math.floor(rand() * RARE.length)]!,
    );
  }
  return out.join(' ');
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
  return `p50 ${at(50).toFixed(1)} ms, p95 ${at(95).toFixed(1)} ms, max ${s[s.length - 1]!.toFixed(1)} ms`;
}

async function benchOne(label: string, config: Config): Promise<void> {
  const { app, deps } = await createServer(config);
  try {
    const now = deps.clock.now().toISOString();
    const { userId, patientId } = await createUserWithOwnProfile(deps.db, now, {
      email: 'search@example.com',
      displayName: 'Search',
      passwordHash: 'x',
    });
    const { token } = await createApiToken(deps.db, deps.clock, userId, 'bench');
    const others: string[] = [];
    for (let i = 0; i < 3; i++) {
      others.push(
        (
          await insertPatientWithMembership(
            deps.db,
            now,
            userId,
            { displayName: `Other ${i}`, dateOfBirth: null, zip: null, selfUserId: null },
            { role: 'helper', relationship: 'parent', consentMethod: 'signed_authorization', consentNote: null },
          )
        ).patientId,
      );
    }
    const rand = seeded(42);
    const t0 = Date.now();
    let caseId = '';
    for (const [p, count] of [[patientId, 2000], ...others.map((o) => [o, 700] as const)] as [string, number][]) {
      const cid = await insertCase(deps.db, now, userId, {
        patientId: p,
        diagnosisStatus: 'diagnosed',
        diagnosis: 'Bench',
        urgency: 'not_said',
      } as never);
      if (p === patientId) caseId = cid;
      for (let b = 0; b < count; b += 100) {
        await deps.db.transaction().execute(async (trx) => {
          const rows = [];
          for (let i = b; i < Math.min(count, b + 100); i++) {
            const blobId = crypto.randomUUID();
            await insertBlob(trx, {
              id: blobId,
              patient_id: p,
              sha256: crypto.randomBytes(32).toString('hex'),
              size_bytes: 1,
              wrapped_key: 'x',
              storage_key: `blobs/bench/${blobId}`,
              created_at: now,
            });
            const doc = {
              caseId: cid,
              patientId: p,
              blobId,
              title: `Report ${i}: ${sentence(rand, 4)}`,
              kind: 'other' as const,
              documentDate: null,
              provider: 'Bench Hospital',
              originalName: `report-${i}.pdf`,
              mediaType: 'application/pdf',
              detectedType: 'pdf' as const,
              pageCount: 2,
              textStatus: 'extracted' as const,
              details: {},
            };
            const id = await insertDocument(trx, now, userId, doc);
            // 300 to 800 words of text per document.
            rows.push(documentSearchRow({ id, ...doc }, sentence(rand, 300 + Math.floor(rand() * 500))));
          }
          await indexSearchRows(trx, deps.dialect, rows);
        });
      }
    }
    // 1,000 structured items for the patient.
    const docRow = await deps.db
      .selectFrom('documents')
      .select('id')
      .where('patient_id', '=', patientId)
      .executeTakeFirstOrThrow();
    const items: ImportedItem[] = Array.from({ length: 1000 }, (_, i) => ({
      category: 'lab',
      codeSystem: 'LOINC',
      code: String(i),
      display: `${sentence(rand, 2)} ${i}`,
      value: `${(rand() * 100).toFixed(1)} mg/dL`,
      status: 'final',
      startedOn: '2025-01-01',
      endedOn: null,
      place: null,
    }));
    await deps.db.transaction().execute(async (trx) => {
      const rows = await insertItems(trx, now, patientId, docRow.id, items);
      await indexSearchRows(trx, deps.dialect, rows);
    });
    console.log(`${label}: indexed 4,100 documents and 1,000 items in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    // A quarter broad (a common word: matches nearly every document), the rest narrower:
    // a rare word, the start of one, or two words together.
    const queries = Array.from({ length: 200 }, (_, i) => {
      const common = WORDS[Math.floor(rand() * WORDS.length)]!;
      const rare = RARE[Math.floor(rand() * RARE.length)]!;
      return [common, rare, rare.slice(0, 5), `${common} ${rare}`][i % 4]!;
    });
    // Warm up, then measure.
    for (const q of queries.slice(0, 10)) await searchPatient(deps.db, deps.dialect, patientId, q);
    const store: number[] = [];
    const broad: number[] = [];
    let hits = 0;
    for (const [i, q] of queries.entries()) {
      const s = process.hrtime.bigint();
      hits += (await searchPatient(deps.db, deps.dialect, patientId, q)).length;
      const ms = Number(process.hrtime.bigint() - s) / 1e6;
      store.push(ms);
      if (i % 4 === 0) broad.push(ms);
    }
    const apiMs: number[] = [];
    for (const q of queries) {
      const s = process.hrtime.bigint();
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/cases/${caseId}/records/search?q=${encodeURIComponent(q)}`,
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.statusCode !== 200) throw new Error(`search failed: ${res.statusCode} ${res.body}`);
      apiMs.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    // Baseline in the same run: the lightest authenticated, audited API request (one case),
    // so the search's own cost can be read off the difference.
    const plain: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s = process.hrtime.bigint();
      await app.inject({
        method: 'GET',
        url: `/api/v1/cases/${caseId}`,
        headers: { authorization: `Bearer ${token}` },
      });
      plain.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
    console.log(
      `${label}: query alone  ${stats(store)} (${(hits / queries.length).toFixed(1)} hits per query, 25 at most)`,
    );
    console.log(`${label}: query alone, broad words only (match nearly all 2,000): ${stats(broad)}`);
    console.log(`${label}: API request  ${stats(apiMs)}  (target p95 < 100 ms)`);
    console.log(`${label}: baseline GET /api/v1/cases/{caseId}: ${stats(plain)}`);
  } finally {
    await app.close();
  }
}

export async function run(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-bench-search-'));
  try {
    const base = {
      ...loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', DATA_DIR: dataDir }),
      passwordHashing: { memoryCost: 1024, timeCost: 1 },
    };
    await benchOne('sqlite', base);
    const url = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
    if (!url) {
      console.log('postgres: skipped (set BENCH_POSTGRES_URL or TEST_POSTGRES_URL to run it)');
      return;
    }
    const schema = `bench_search_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      // Its own data folder: a folder already bound to the SQLite run's database is refused (ADR 0008).
      await benchOne('postgres', {
        ...base,
        dataDir: path.join(dataDir, 'postgres'),
        database: { kind: 'postgres', url, schema },
      });
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
