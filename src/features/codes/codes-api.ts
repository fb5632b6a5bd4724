import { z } from 'zod';
import type { CodeSearchView } from './codes-views.tsx';
import type { CodeInfo, Icd10Index } from './icd10.ts';
import { normalizeCode } from './icd10.ts';

// The code look-up's API shapes (they also write the OpenAPI document) and the one search
// that the API, the autocomplete and the page all answer from. Pure: the index comes in.

const hitOut = z.object({
  code: z.string().describe('With the dot, e.g. "C50.912"'),
  description: z.string(),
  billable: z
    .boolean()
    .describe('True for a code that can go on a claim; false for a heading that has more specific codes under it'),
  category: z.string().describe('The 3-character category, no dot, e.g. "C50"'),
  section: z.string().nullable().describe('The section range, e.g. "C50" or "I30-I5A"'),
  chapter: z.string().nullable().describe('The chapter number, e.g. "2" (Neoplasms)'),
});

const retiredOut = z
  .object({
    lastYear: z.number().int().describe('The last fiscal year whose list has the code'),
    goneBy: z
      .number()
      .int()
      .describe('The first later year we have whose list no longer has it (the exact year when goneBy = lastYear + 1)'),
  })
  .nullable();

export const codeOut = hitOut.extend({
  title: z.string().describe('The official title alone'),
  description: z
    .string()
    .describe('The title, and for a retired code when it stopped being used, e.g. "(no longer used since FY2026)"'),
  retired: retiredOut.describe('Null for a code of the current year'),
  year: z
    .number()
    .int()
    .nullable()
    .describe('The fiscal year of the list in use (FY2027 = codes for services from 2026-10-01)'),
});

export const searchOut = z.object({
  query: z.string(),
  year: z.number().int().nullable().describe('The fiscal year of the list searched'),
  total: z.number().int().describe('How many codes matched in all'),
  partial: z.boolean().describe('No code had every word: these have all but one'),
  ignoredWords: z.array(z.string()).describe('Typed words that no code title uses, left out of the search'),
  retired: z
    .object({ code: z.string(), description: z.string() })
    .nullable()
    .describe('The typed code, if an earlier year had it and the current year does not'),
  results: z.array(hitOut),
});

// q may be empty for the schema so that a visitor who is not signed in gets 401 (the
// access check runs after validation); the handler then asks for words.
export const codeQuery = z.object({
  q: z.string().trim().max(200, 'errors.tooLong').default(''),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const codeParams = z.object({ code: z.string().max(20) });

export const searchDescription =
  'Searches the current ICD-10-CM year (FY2027 as shipped, or a newer year loaded with ' +
  '`second-opinion import icd10cm`) with its chapters, sections and categories. ' +
  'Everyday names are understood through a sourced list (heart attack, mini-stroke, slipped disc, ' +
  'high blood pressure, renal/kidney, hepatic/liver ...). ' +
  'Every word must match; when no code has them all, codes with all but one are shown (`partial`), ' +
  'and words no code uses are left out (`ignoredWords`). ' +
  'Ranking: the exact code first, then codes under a typed code, then billable codes, the plain unspecified ' +
  'code of a condition before its rarer combinations, then common conditions. ' +
  'Codes that earlier years had and the current year deleted are never offered; ' +
  'typing one whole returns it in `retired`.';

export function presentCode(index: Icd10Index, info: CodeInfo): z.infer<typeof codeOut> {
  return {
    code: info.code,
    title: info.title,
    description: info.description,
    billable: info.billable,
    category: info.category,
    section: info.section,
    chapter: info.chapter,
    retired: info.retired,
    year: index.year,
  };
}

/** One search, as the page shows it; the API and the autocomplete send parts of it. */
export function searchCodes(index: Icd10Index, q: string, limit: number): CodeSearchView {
  const r = index.search(q, { limit });
  // A code typed whole that an earlier year had: say so, but do not offer it for a new entry.
  const exact = normalizeCode(q);
  const info = exact ? index.lookup(exact) : null;
  return {
    query: q,
    year: index.year,
    total: r.total,
    partial: r.partial ?? false,
    ignoredWords: r.ignored ?? [],
    retired: info?.retired ? { code: info.code, description: info.description } : null,
    unknownCode: exact !== null && info === null && r.total === 0 ? exact : null,
    results: r.hits.map((hit) => {
      const p = index.place(hit.code);
      const category = p?.category ?? hit.code.slice(0, 3);
      return { ...hit, category, section: p?.section ?? null, chapter: p?.chapter ?? null };
    }),
  };
}

export function presentSearch(v: CodeSearchView): z.infer<typeof searchOut> {
  const { query, year, total, partial, ignoredWords, retired, results } = v;
  return { query, year, total, partial, ignoredWords, retired, results };
}

/** Each operation's schema: tags, summary, params, body and answers (also the OpenAPI document). */
export const ops = {
  /** GET /api/v1/codes/icd10 */
  getIcd10: {
    tags: ['codes'],
    summary:
      'Find ICD-10-CM codes by plain words ("heart attack", "slipped disc", "breast cancer left"), ' +
      'partial words ("hypert") or code ("C50.9", "c509")',
    description: searchDescription,
    querystring: codeQuery,
    response: { 200: searchOut },
  },
  /** GET /api/v1/codes/icd10/:code */
  getIcd102: {
    tags: ['codes'],
    summary: 'One ICD-10-CM code: its title, place in the classification, and whether it is still used',
    description:
      'Knows every code of the current year and the codes earlier years had (marked `retired`). ' +
      '404 when no year we have lists the code.',
    params: codeParams,
    response: { 200: codeOut },
  },
};
