import type { PageContext } from './page-context.ts';

/** One field of a record, as saved now and as the person typed it. */
export interface StaleField {
  label: string;
  saved: string;
  yours: string;
}

/**
 * Shown above a form when someone else saved the same record while this person was
 * editing it (ADR 0016). Nothing was saved; both versions are side by side, and the form
 * below keeps what the person typed, ready to save again over the newer version.
 */
export function StaleNotice({ ctx, fields }: { ctx: PageContext; fields: StaleField[] }) {
  const t = ctx.t;
  const changed = fields.filter((f) => f.saved !== f.yours);
  return (
    <div class="usa-alert usa-alert--warning margin-bottom-3" role="alert" id="stale">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{t('stale.heading')}</h2>
        <p class="usa-alert__text">{t('stale.text')}</p>
        {changed.length > 0 ? (
          <table class="usa-table usa-table--borderless usa-table--stacked margin-top-2">
            <caption class="usa-sr-only">{t('stale.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('stale.field')}</th>
                <th scope="col">{t('stale.saved')}</th>
                <th scope="col">{t('stale.yours')}</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((f) => (
                <tr>
                  <th scope="row" data-label={t('stale.field')}>
                    {f.label}
                  </th>
                  <td data-label={t('stale.saved')}>{f.saved || t('stale.empty')}</td>
                  <td data-label={t('stale.yours')}>{f.yours || t('stale.empty')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </div>
  );
}

/** The version the form was filled from, sent back on save. */
export function VersionField({ version }: { version: number | string | undefined }) {
  return version === undefined || version === '' ? null : (
    <input type="hidden" name="version" value={String(version)} />
  );
}
