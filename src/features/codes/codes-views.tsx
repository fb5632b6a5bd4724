import { Layout } from '../../platform/ui/layout.tsx';
import type { PageContext } from '../../platform/ui/page-context.ts';

export interface CodeSearchView {
  query: string;
  year: number | null;
  total: number;
  partial: boolean;
  ignoredWords: string[];
  /** The typed code, when an earlier year had it and the current one does not. */
  retired: { code: string; description: string } | null;
  /** The typed code, when no year we have lists it. */
  unknownCode: string | null;
  results: {
    code: string;
    description: string;
    billable: boolean;
    category: string;
    section: string | null;
    chapter: string | null;
  }[];
}

/** A plain search page: works without JavaScript, opened from the opinion form. */
export function CodeSearchPage({
  ctx,
  q,
  result,
  year,
}: {
  ctx: PageContext;
  q: string;
  result: CodeSearchView | null;
  year: number | null;
}) {
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      title={t('codes.title')}
      nav="dashboard"
      crumbs={[[t('dashboard.title'), '/dashboard'], [t('codes.title')]]}
    >
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
      {result?.retired ? (
        <div class="usa-alert usa-alert--info usa-alert--slim margin-y-2" role="status">
          <div class="usa-alert__body">
            <p class="usa-alert__text">
              <span class="so-code">{result.retired.code}</span> {result.retired.description}. {t('codes.retiredFound')}
            </p>
          </div>
        </div>
      ) : null}
      {result?.unknownCode ? <p role="status">{t('codes.unknownCode', { code: result.unknownCode })}</p> : null}
      {result && result.ignoredWords.length > 0 && result.results.length > 0 ? (
        <p>{t('codes.ignored', { words: result.ignoredWords.join(', ') })}</p>
      ) : null}
      {result ? (
        result.results.length === 0 ? (
          result.unknownCode || result.retired ? null : (
            <p role="status">{t('codes.none', { q: result.query })}</p>
          )
        ) : (
          <>
            <p role="status">{t('codes.count', { shown: result.results.length, total: result.total })}</p>
            {result.partial ? <p>{t('codes.partial')}</p> : null}
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
      <p class="so-meta margin-top-4">
        {year ? t('codes.aboutYear', { year, from: year - 1, to: year }) : null} {t('codes.notAdvice')}
      </p>
    </Layout>
  );
}
