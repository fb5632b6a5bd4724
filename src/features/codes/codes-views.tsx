import { Layout } from '../../platform/ui/layout.tsx';
import type { PageContext } from '../../platform/ui/page-context.ts';

export interface CodeSearchView {
  query: string;
  total: number;
  results: { code: string; description: string; billable: boolean }[];
}

/** A plain search page: works without JavaScript, opened from the opinion form. */
export function CodeSearchPage({ ctx, q, result }: { ctx: PageContext; q: string; result: CodeSearchView | null }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('codes.title')} nav="dashboard" crumbs={[[t('dashboard.title'), '/dashboard'], [t('codes.title')]]}>
      <h1>{t('codes.title')}</h1>
      <p>{t('codes.intro')}</p>
      <form class="usa-search usa-search--big margin-y-3" role="search" method="get" action="/codes/icd10">
        <label class="usa-sr-only" for="q">
          {t('codes.searchLabel')}
        </label>
        <input class="usa-input" id="q" type="search" name="q" value={q} maxLength={200} />
        <button class="usa-button" type="submit">
          <span class="usa-search__submit-text">{t('codes.search')}</span>
        </button>
      </form>
      <p class="usa-hint">{t('codes.hint')}</p>
      {result ? (
        result.results.length === 0 ? (
          <p role="status">{t('codes.none', { q: result.query })}</p>
        ) : (
          <>
            <p role="status">{t('codes.count', { shown: result.results.length, total: result.total })}</p>
            <table class="usa-table usa-table--borderless usa-table--stacked">
              <caption class="usa-sr-only">{t('codes.caption', { q: result.query })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('codes.col.code')}</th>
                  <th scope="col">{t('codes.col.description')}</th>
                  <th scope="col">{t('codes.col.kind')}</th>
                </tr>
              </thead>
              <tbody>
                {result.results.map((r) => (
                  <tr>
                    <th scope="row" data-label={t('codes.col.code')}>
                      <span class="so-code">{r.code}</span>
                    </th>
                    <td data-label={t('codes.col.description')}>{r.description}</td>
                    <td data-label={t('codes.col.kind')}>{r.billable ? t('codes.billable') : t('codes.heading')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )
      ) : null}
      <p class="so-meta margin-top-4">{t('codes.about')}</p>
    </Layout>
  );
}
