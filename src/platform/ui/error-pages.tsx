import type { MessageKey } from '../i18n/i18n.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/** One page for every error a person can meet, in plain words with a way forward. */
export function ErrorPage({ ctx, status, messageKey }: { ctx: PageContext; status: number; messageKey: MessageKey }) {
  const t = ctx.t;
  const heading: MessageKey =
    status === 404
      ? 'errorPage.notFound.title'
      : status === 403
        ? 'errorPage.csrf.title'
        : status === 413
          ? 'errorPage.tooLarge.title'
          : status === 429
            ? 'errorPage.tooMany.title'
            : status >= 500
              ? 'errorPage.server.title'
              : 'errorPage.generic.title';
  return (
    <Layout ctx={ctx} title={t(heading)}>
      <div class="usa-prose margin-y-4">
        <h1>{t(heading)}</h1>
        <p>{t(messageKey)}</p>
        {status === 404 ? (
          <>
            <p>{t('errorPage.notFound.help')}</p>
            {ctx.user ? null : (
              <p>
                <a href="/sign-in">{t('errorPage.notFound.signIn')}</a>
              </p>
            )}
          </>
        ) : null}
        {status === 403 ? (
          <ol>
            <li>{t('errorPage.csrf.step1')}</li>
            <li>{t('errorPage.csrf.step2')}</li>
            <li>{t('errorPage.csrf.step3')}</li>
          </ol>
        ) : null}
        {status >= 500 ? <p>{t('errorPage.server.help')}</p> : null}
        <p>
          <a class="usa-button" href={ctx.user ? '/dashboard' : '/'}>
            {t(ctx.user ? 'errorPage.toDashboard' : 'errorPage.toHome')}
          </a>
        </p>
      </div>
    </Layout>
  );
}
