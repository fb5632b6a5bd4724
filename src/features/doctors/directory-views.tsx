import type { CaseContext } from '../../platform/case-context.ts';
import { ErrorSummary, TextInput } from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { SourceNote } from '../../platform/ui/sourced.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { NPPES_SOURCE, RADII } from './directory.ts';

export interface DirectoryHit {
  npi: string;
  name: string;
  credential: string | null;
  specialty: string | null;
  address: string;
  city: string;
  state: string;
  postalCode: string;
  phone: string | null;
  distanceMiles: number;
  cancerCenter: { name: string; designation: 'Comprehensive' | 'Clinical'; url: string } | null;
}

const phoneText = (p: string) => (/^\d{10}$/.test(p) ? `${p.slice(0, 3)}-${p.slice(3, 6)}-${p.slice(6)}` : p);

export function DirectoryPage(props: {
  ctx: PageContext;
  c: CaseContext;
  form: FormState;
  loaded: boolean;
  searched: boolean;
  radiusMiles: number;
  page: number;
  total: number;
  pageSize: number;
  hits: DirectoryHit[];
}) {
  const { ctx, c, form } = props;
  const t = ctx.t;
  const base = `/cases/${c.id}/doctors/directory`;
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const link = (changes: Record<string, string>) =>
    `${base}?${new URLSearchParams({ specialty: form.values.specialty ?? '', near: form.values.near ?? '', radiusMiles: String(props.radiusMiles), ...changes }).toString()}`;
  const wider = RADII.find((r) => r > props.radiusMiles);
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('directory.title')}
      crumbs={[
        [t('doctors.title'), `/cases/${c.id}/doctors`],
        [t('doctors.find.title'), `/cases/${c.id}/doctors/find`],
      ]}
    >
      <h1>{t('directory.title')}</h1>
      <p class="usa-intro">
        {t('directory.intro')} <SourceNote ctx={ctx} source={NPPES_SOURCE} />
      </p>
      {!props.loaded ? (
        <section aria-labelledby="empty-heading" class="usa-alert usa-alert--info">
          <div class="usa-alert__body">
            <h2 class="usa-alert__heading" id="empty-heading">
              {t('directory.empty.heading')}
            </h2>
            <p>{t('directory.empty.body')}</p>
            <p>{t('directory.empty.command')}</p>
            <p>
              <a href={NPPES_SOURCE.url}>{t('directory.empty.download')}</a>
            </p>
          </div>
        </section>
      ) : (
        <>
          <ErrorSummary ctx={ctx} form={form} />
          <form method="get" action={base} class="usa-form so-no-print" role="search">
            <TextInput
              ctx={ctx}
              form={form}
              name="specialty"
              label="directory.specialty"
              hint="directory.specialtyHint"
              type="search"
              maxLength={120}
              required
            />
            <TextInput
              ctx={ctx}
              form={form}
              name="near"
              label="directory.near"
              hint="directory.nearHint"
              inputMode="numeric"
              autocomplete="postal-code"
              maxLength={5}
              width="sm"
              required
            />
            <label class="usa-label" for="radiusMiles">
              {t('directory.radius')}
            </label>
            <select class="usa-select" id="radiusMiles" name="radiusMiles">
              {RADII.map((r) => (
                <option value={String(r)} selected={r === props.radiusMiles}>
                  {t('directory.radiusOption', { miles: r })}
                </option>
              ))}
            </select>
            <button type="submit" class="usa-button margin-top-2">
              {t('directory.submit')}
            </button>
          </form>
          {props.searched ? (
            <section aria-labelledby="results-heading" class="margin-top-4">
              <div role="status">
                <h2 id="results-heading">
                  {props.total === 0
                    ? t('directory.none', { miles: props.radiusMiles })
                    : t('directory.count', { count: props.total })}
                </h2>
              </div>
              {props.total === 0 && wider ? (
                <p>
                  <a href={link({ radiusMiles: String(wider), page: '1' })}>{t('directory.wider', { miles: wider })}</a>
                </p>
              ) : null}
              {props.total > 0 ? <p class="so-meta">{t('directory.distanceNote')}</p> : null}
              <ul class="so-card-list">
                {props.hits.map((d) => (
                  <li data-npi={d.npi}>
                    <h3 class="margin-top-0">{d.credential ? `${d.name}, ${d.credential}` : d.name}</h3>
                    {d.specialty ? <p class="margin-y-05">{d.specialty}</p> : null}
                    {d.cancerCenter ? (
                      <p class="margin-y-05">
                        <strong>
                          {t('directory.cancerCenter', {
                            kind: t(`doctors.centers.designation.${d.cancerCenter.designation}` as const),
                          })}
                        </strong>{' '}
                        <SourceNote
                          ctx={ctx}
                          source={{
                            title: 'National Cancer Institute: NCI-Designated Cancer Centers',
                            url: d.cancerCenter.url,
                          }}
                        />
                      </p>
                    ) : null}
                    <p class="margin-y-05">{`${d.address}, ${d.city}, ${d.state} ${d.postalCode}`}</p>
                    {d.phone ? <p class="margin-y-05">{t('directory.phone', { phone: phoneText(d.phone) })}</p> : null}
                    <p class="margin-y-05">{t('directory.distance', { miles: d.distanceMiles })}</p>
                    <p class="margin-y-05 so-meta">{t('directory.npi', { npi: d.npi })}</p>
                    <form method="get" action={`/cases/${c.id}/doctors/new`} class="so-no-print">
                      <input type="hidden" name="name" value={d.credential ? `${d.name}, ${d.credential}` : d.name} />
                      <input type="hidden" name="specialty" value={d.specialty ?? ''} />
                      <input
                        type="hidden"
                        name="address"
                        value={`${d.address}, ${d.city}, ${d.state} ${d.postalCode}`}
                      />
                      <input type="hidden" name="phone" value={d.phone ? phoneText(d.phone) : ''} />
                      <input type="hidden" name="npi" value={d.npi} />
                      <button type="submit" class="usa-button usa-button--outline">
                        {t('directory.save')}
                        <span class="usa-sr-only">: {d.name}</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
              {pages > 1 ? (
                <nav aria-label={t('directory.pageOf', { page: props.page, pages })} class="so-no-print">
                  <p>{t('directory.pageOf', { page: props.page, pages })}</p>
                  {props.page > 1 ? (
                    <a href={link({ page: String(props.page - 1) })}>{t('directory.previous')}</a>
                  ) : null}{' '}
                  {props.page < pages ? (
                    <a href={link({ page: String(props.page + 1) })}>{t('directory.next')}</a>
                  ) : null}
                </nav>
              ) : null}
            </section>
          ) : null}
        </>
      )}
    </StepLayout>
  );
}
