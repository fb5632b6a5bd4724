import { h } from 'preact';
import { z } from 'zod';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { sendPage } from '../../platform/http/context.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import type { CodeInfo, Icd10Index } from './icd10.ts';
import { normalizeCode } from './icd10.ts';
import type { Icd10Source } from './icd10-data.ts';
import { CodeSearchPage, type CodeSearchView } from './codes-views.tsx';

// ICD-10-CM lookup. The code set is public reference data, but the search sits behind
// sign-in like everything else: what someone searches for says something about them.
// No audit entries: nothing here reads or writes a person's data.

const hitOut = z.object({
  code: z.string().describe('With the dot, e.g. "C50.912"'),
  description: z.string(),
  billable: z.boolean().describe('True for a code that can go on a claim; false for a heading that has more specific codes under it'),
  category: z.string().describe('The 3-character category, no dot, e.g. "C50"'),
  section: z.string().nullable().describe('The section range, e.g. "C50" or "I30-I5A"'),
  chapter: z.string().nullable().describe('The chapter number, e.g. "2" (Neoplasms)'),
});

const retiredOut = z
  .object({
    lastYear: z.number().int().describe('The last fiscal year whose list has the code'),
    goneBy: z.number().int().describe('The first later year we have whose list no longer has it (the exact year when goneBy = lastYear + 1)'),
  })
  .nullable();

const codeOut = hitOut.extend({
  title: z.string().describe('The official title alone'),
  description: z.string().describe('The title, and for a retired code when it stopped being used, e.g. "(no longer used since FY2026)"'),
  retired: retiredOut.describe('Null for a code of the current year'),
  year: z.number().int().nullable().describe('The fiscal year of the list in use (FY2027 = codes for services from 2026-10-01)'),
});

// q may be empty for the schema so that a visitor who is not signed in gets 401 (the
// access check runs after validation); the handler then asks for words.
export const codeQuery = z.object({
  q: z.string().trim().max(200, 'errors.tooLong').default(''),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

const codeParams = z.object({ code: z.string().max(20) });

function presentCode(index: Icd10Index, info: CodeInfo): z.infer<typeof codeOut> {
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

export function createCodesFeature(opts: { icd10: () => Promise<Icd10Index>; source?: Icd10Source }): FeatureRegistrar {
  return (app, deps, ui) => {
    // The app's own database may hold a newer year loaded with `import icd10cm`.
    opts.source?.attach(deps.db, deps.clock);
    // A listening server loads the code set right away, so the first person to search does
    // not wait for it; in-process tests (app.inject) never listen and load only if they search.
    app.addHook('onListen', async () => {
      void opts.icd10().catch(() => {});
    });

    const present = (index: Icd10Index, q: string, limit: number): CodeSearchView => {
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
          return { ...hit, category: p?.category ?? hit.code.slice(0, 3), section: p?.section ?? null, chapter: p?.chapter ?? null };
        }),
      };
    };

    app.get(
      '/api/v1/codes/icd10',
      {
        config: { access: 'user' },
        schema: {
          tags: ['codes'],
          summary: 'Find ICD-10-CM codes by plain words ("heart attack", "slipped disc", "breast cancer left"), partial words ("hypert") or code ("C50.9", "c509")',
          description:
            'Searches the current ICD-10-CM year (FY2027 as shipped, or a newer year loaded with `second-opinion import icd10cm`) with its chapters, sections and categories. ' +
            'Everyday names are understood through a sourced list (heart attack, mini-stroke, slipped disc, high blood pressure, renal/kidney, hepatic/liver ...). ' +
            'Every word must match; when no code has them all, codes with all but one are shown (`partial`), and words no code uses are left out (`ignoredWords`). ' +
            'Ranking: the exact code first, then codes under a typed code, then billable codes, the plain unspecified code of a condition before its rarer combinations, then common conditions. ' +
            'Codes that earlier years had and the current year deleted are never offered; typing one whole returns it in `retired`.',
          querystring: codeQuery,
          response: {
            200: z.object({
              query: z.string(),
              year: z.number().int().nullable().describe('The fiscal year of the list searched'),
              total: z.number().int().describe('How many codes matched in all'),
              partial: z.boolean().describe('No code had every word: these have all but one'),
              ignoredWords: z.array(z.string()).describe('Typed words that no code title uses, left out of the search'),
              retired: z.object({ code: z.string(), description: z.string() }).nullable().describe('The typed code, if an earlier year had it and the current year does not'),
              results: z.array(hitOut),
            }),
          },
        },
      },
      async (req) => {
        if (!req.query.q) throw invalid({ q: 'codes.errors.query' });
        const view = present(await opts.icd10(), req.query.q, req.query.limit);
        return { query: view.query, year: view.year, total: view.total, partial: view.partial, ignoredWords: view.ignoredWords, retired: view.retired, results: view.results };
      },
    );

    app.get(
      '/api/v1/codes/icd10/:code',
      {
        config: { access: 'user' },
        schema: {
          tags: ['codes'],
          summary: 'One ICD-10-CM code: its title, place in the classification, and whether it is still used',
          description: 'Knows every code of the current year and the codes earlier years had (marked `retired`). 404 when no year we have lists the code.',
          params: codeParams,
          response: { 200: codeOut },
        },
      },
      async (req) => {
        const norm = normalizeCode(req.params.code);
        if (!norm) throw invalid({ code: 'codes.errors.code' });
        const index = await opts.icd10();
        const info = index.lookup(norm);
        if (!info) throw notFound();
        return presentCode(index, info);
      },
    );

    // For the autocomplete on the opinion form: same answer, read with the page's session
    // cookie (the /api paths take bearer tokens only).
    app.get('/codes/icd10/suggest', { config: { access: 'user' } }, async (req, reply) => {
      const parsed = codeQuery.safeParse(req.query);
      reply.header('Cache-Control', 'no-store');
      if (!parsed.success || !parsed.data.q) return { query: '', total: 0, results: [] };
      const view = present(await opts.icd10(), parsed.data.q, Math.min(parsed.data.limit, 12));
      return { query: view.query, year: view.year, total: view.total, results: view.results };
    });

    app.get('/codes/icd10', { config: { access: 'user' } }, async (req, reply) => {
      const parsed = codeQuery.safeParse(req.query);
      const q = typeof (req.query as { q?: unknown }).q === 'string' ? String((req.query as { q: string }).q).slice(0, 200) : '';
      const index = await opts.icd10();
      const result = parsed.success && parsed.data.q ? present(index, parsed.data.q, 25) : null;
      return sendPage(reply, h(CodeSearchPage, { ctx: ui.page(req), q, result, year: index.year }));
    });
  };
}
