import { h } from 'preact';
import { z } from 'zod';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { sendPage } from '../../platform/http/context.ts';
import { invalid } from '../../platform/http/errors.ts';
import type { Icd10Index } from './icd10.ts';
import { CodeSearchPage } from './codes-views.tsx';

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

// q may be empty for the schema so that a visitor who is not signed in gets 401 (the
// access check runs after validation); the handler then asks for words.
export const codeQuery = z.object({
  q: z.string().trim().max(200, 'errors.tooLong').default(''),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export function createCodesFeature(opts: { icd10: () => Promise<Icd10Index> }): FeatureRegistrar {
  return (app, _deps, ui) => {
    // A listening server loads the code set right away, so the first person to search does
    // not wait for it; in-process tests (app.inject) never listen and load only if they search.
    app.addHook('onListen', async () => {
      void opts.icd10().catch(() => {});
    });

    const present = (index: Icd10Index, q: string, limit: number) => {
      const r = index.search(q, { limit });
      return {
        query: q,
        total: r.total,
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
          summary: 'Find ICD-10-CM codes by plain words ("breast cancer left", "a-fib"), partial words ("hypert") or code ("C50.9", "c509")',
          description:
            'Searches the full ICD-10-CM code list (FY2024, 97,296 codes) with FY2026 chapters, sections and categories. ' +
            'Every word must match (abbreviations such as CHF, COPD, MI and a-fib are understood). Ranking: the exact code first, ' +
            'then codes that start with what was typed, then billable codes and common conditions, then closer titles.',
          querystring: codeQuery,
          response: { 200: z.object({ query: z.string(), total: z.number().int().describe('How many codes matched in all'), results: z.array(hitOut) }) },
        },
      },
      async (req) => {
        if (!req.query.q) throw invalid({ q: 'codes.errors.query' });
        return present(await opts.icd10(), req.query.q, req.query.limit);
      },
    );

    // For the autocomplete on the opinion form: same answer, read with the page's session
    // cookie (the /api paths take bearer tokens only).
    app.get('/codes/icd10/suggest', { config: { access: 'user' } }, async (req, reply) => {
      const parsed = codeQuery.safeParse(req.query);
      reply.header('Cache-Control', 'no-store');
      if (!parsed.success || !parsed.data.q) return { query: '', total: 0, results: [] };
      return present(await opts.icd10(), parsed.data.q, Math.min(parsed.data.limit, 12));
    });

    app.get('/codes/icd10', { config: { access: 'user' } }, async (req, reply) => {
      const parsed = codeQuery.safeParse(req.query);
      const q = typeof (req.query as { q?: unknown }).q === 'string' ? String((req.query as { q: string }).q).slice(0, 200) : '';
      const result = parsed.success && parsed.data.q ? present(await opts.icd10(), parsed.data.q, 25) : null;
      return sendPage(reply, h(CodeSearchPage, { ctx: ui.page(req), q, result }));
    });
  };
}
