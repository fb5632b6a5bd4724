import type { ComponentChildren } from 'preact';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import {
  Alert,
  Csrf,
  ErrorSummary,
  formatDate,
  Radios,
  Select,
  Textarea,
  TextInput,
} from '../../platform/ui/components.tsx';
import { FlashAlert, PageShell } from '../../platform/ui/layout.tsx';
import type { FormState, FormValues, PageContext } from '../../platform/ui/page-context.ts';
import { StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import {
  GOALS,
  LIMITS,
  type OpinionRecord,
  opinionStaleFields,
  PLAN_CATEGORIES,
  type QuestionRef,
} from '../opinions/opinions.ts';
import { type DocumentRecord, formatBytes, kindKey } from '../records/documents.ts';
import type { CoverSummary } from './packet.ts';
import { CoverSummaryView } from './packet-views.tsx';
import type { ShareRecord } from './shares.ts';

// The consulting doctor's pages. Their own frame: no navigation, no account, nothing that
// leads into the patient's account.

const goalKey = (g: string) => `opinions.goal.${g}` as MessageKey;
const categoryKey = (c: string) => `opinions.category.${c}` as MessageKey;
const INLINE = new Set(['pdf', 'jpeg', 'png']);

export function DoctorLayout({
  ctx,
  title,
  children,
}: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
}) {
  const t = ctx.t;
  const head = (
    <>
      <meta name="robots" content="noindex, nofollow" />
      <meta name="referrer" content="no-referrer" />
    </>
  );
  return (
    <PageShell ctx={ctx} title={title} head={head}>
      <header class="usa-header usa-header--basic">
        <div class="usa-nav-container">
          <div class="usa-navbar">
            <div class="usa-logo">
              <em class="usa-logo__text">{t('app.name')}</em>
            </div>
          </div>
        </div>
      </header>
      <main id="main-content" class="grid-container padding-bottom-5" tabIndex={-1}>
        <FlashAlert ctx={ctx} />
        {children}
      </main>
      <footer class="usa-footer usa-footer--slim">
        <div class="usa-footer__primary-section">
          <div class="grid-container padding-y-2">
            <p class="so-footer-notice">{t('sharing.doctor.footer')}</p>
          </div>
        </div>
      </footer>
    </PageShell>
  );
}

/** One page for an unknown, expired, revoked or locked link: it must not say which. */
export function LinkUnavailablePage({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  return (
    <DoctorLayout ctx={ctx} title={t('sharing.unavailable.title')}>
      <div class="usa-prose margin-y-4">
        <h1>{t('sharing.unavailable.title')}</h1>
        <p>{t('sharing.unavailable.text')}</p>
        <p>{t('sharing.unavailable.help')}</p>
      </div>
    </DoctorLayout>
  );
}

export function CodePage({
  ctx,
  token,
  form,
  triesLeft,
}: {
  ctx: PageContext;
  token: string;
  form: FormState;
  triesLeft?: number;
}) {
  const t = ctx.t;
  const title = t('sharing.code.title');
  return (
    <DoctorLayout ctx={ctx} title={title}>
      <div class="usa-prose margin-y-4">
        <h1>{title}</h1>
        <p>{t('sharing.code.intro')}</p>
        <ErrorSummary ctx={ctx} form={form} />
        {triesLeft !== undefined ? (
          <Alert type="warning" slim>
            <p>{t('sharing.code.triesLeft', { n: triesLeft })}</p>
          </Alert>
        ) : null}
        <form class="usa-form" method="post" action={`/s/${token}/code`} novalidate>
          <Csrf ctx={ctx} />
          <TextInput
            ctx={ctx}
            form={form}
            name="code"
            label="sharing.code.label"
            hint="sharing.code.hint"
            required
            autocomplete="off"
            maxLength={32}
            width="md"
          />
          <button class="usa-button" type="submit">
            {t('sharing.code.submit')}
          </button>
        </form>
      </div>
    </DoctorLayout>
  );
}

export function DoctorViewPage({
  ctx,
  token,
  share,
  cover,
  documents,
  opinion,
}: {
  ctx: PageContext;
  token: string;
  share: ShareRecord;
  cover: CoverSummary;
  documents: DocumentRecord[];
  opinion: OpinionRecord | null;
}) {
  const t = ctx.t;
  const title = t('sharing.doctor.title', { patient: cover.patient.name });
  return (
    <DoctorLayout ctx={ctx} title={title}>
      <h1 class="margin-top-3">{title}</h1>
      <p>{t('sharing.doctor.intro', { doctor: share.doctorName, date: formatDate(ctx, share.expiresAt) })}</p>
      <p class="so-no-print">
        <a class="usa-button" href={`/s/${token}/opinion`}>
          {opinion
            ? opinion.status === 'pending'
              ? t('sharing.doctor.changeOpinion')
              : t('sharing.doctor.seeOpinion')
            : t('sharing.doctor.writeOpinion')}
        </a>
      </p>
      {opinion && opinion.status !== 'pending' ? (
        <Alert type="info" slim>
          <p>{t('sharing.doctor.received')}</p>
        </Alert>
      ) : null}

      <section aria-labelledby="cover-heading">
        <h2 id="cover-heading">{t('sharing.doctor.cover')}</h2>
        <CoverSummaryView cover={cover} t={t} lang={ctx.lang} headingLevel={2} />
      </section>

      <section aria-labelledby="docs-heading">
        <h2 id="docs-heading">{t('sharing.doctor.documents', { n: documents.length })}</h2>
        {share.scope === 'packet' ? (
          <p class="so-no-print">
            <a class="usa-button usa-button--outline" href={`/s/${token}/packet?format=pdf`}>
              {t('sharing.doctor.packetPdf')}
            </a>
            <a class="usa-button usa-button--outline" href={`/s/${token}/packet?format=zip`}>
              {t('sharing.doctor.packetZip')}
            </a>
          </p>
        ) : null}
        <table class="usa-table usa-table--borderless usa-table--stacked">
          <caption class="usa-sr-only">{t('sharing.doctor.documents', { n: documents.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sharing.doctor.docTitle')}</th>
              <th scope="col">{t('sharing.doctor.docKind')}</th>
              <th scope="col">{t('sharing.doctor.docDate')}</th>
              <th scope="col">{t('sharing.doctor.docSource')}</th>
              <th scope="col">{t('sharing.doctor.docSize')}</th>
              <th scope="col">
                <span class="usa-sr-only">{t('sharing.doctor.docActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr>
                <th scope="row" data-label={t('sharing.doctor.docTitle')}>
                  {d.title}
                </th>
                <td data-label={t('sharing.doctor.docKind')}>{t(kindKey(d.kind))}</td>
                <td data-label={t('sharing.doctor.docDate')}>
                  {d.documentDate ? formatDate(ctx, d.documentDate) : ''}
                </td>
                <td data-label={t('sharing.doctor.docSource')}>{d.provider ?? ''}</td>
                <td data-label={t('sharing.doctor.docSize')}>
                  {d.pageCount ? t('sharing.doctor.pages', { n: d.pageCount }) : formatBytes(d.sizeBytes)}
                </td>
                <td data-label={t('sharing.doctor.docActions')} class="so-no-print">
                  {INLINE.has(d.detectedType) ? (
                    <a href={`/s/${token}/documents/${d.id}`} target="_blank" rel="noopener noreferrer">
                      {t('sharing.doctor.view')}
                      <span class="usa-sr-only"> {d.title}</span>
                    </a>
                  ) : null}{' '}
                  <a href={`/s/${token}/documents/${d.id}/download`}>
                    {t('sharing.doctor.download')}
                    <span class="usa-sr-only"> {d.title}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </DoctorLayout>
  );
}

export function DoctorOpinionPage({
  ctx,
  token,
  c,
  questions,
  form,
  editing,
  closed,
  rows,
  stale,
}: {
  ctx: PageContext;
  token: string;
  c: CaseContext;
  questions: QuestionRef[];
  form: FormState;
  editing: boolean;
  closed: boolean;
  rows: { diagnoses: number; plan: number };
  /** The opinion as saved now, when it changed after this form was filled from it. */
  stale?: FormValues;
}) {
  const t = ctx.t;
  const title = t(editing ? 'sharing.opinion.editTitle' : 'sharing.opinion.title', { patient: c.patientName });
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  if (closed) {
    return (
      <DoctorLayout ctx={ctx} title={title}>
        <div class="usa-prose margin-y-4">
          <h1>{title}</h1>
          <ErrorSummary ctx={ctx} form={form} />
          <p>{t('sharing.doctor.received')}</p>
          <p>
            <a href={`/s/${token}`}>{t('sharing.opinion.back')}</a>
          </p>
        </div>
      </DoctorLayout>
    );
  }
  return (
    <DoctorLayout ctx={ctx} title={title}>
      <h1 class="margin-top-3">{title}</h1>
      <p>{t('sharing.opinion.intro')}</p>
      {stale ? (
        <StaleNotice ctx={ctx} fields={opinionStaleFields(t, (iso) => formatDate(ctx, iso), stale, form.values)} />
      ) : null}
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large so-wide-form" method="post" action={`/s/${token}/opinion`} novalidate>
        <Csrf ctx={ctx} />
        <VersionField version={form.values.version} />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large">{t('sharing.opinion.diagnosis')}</legend>
          {range(rows.diagnoses).map((i) => (
            <div class="so-row" role="group" aria-labelledby={`dx${i}-title`}>
              <p class="so-row-title" id={`dx${i}-title`}>
                {t('sharing.opinion.diagnosisN', { n: i + 1 })}
              </p>
              <TextInput
                ctx={ctx}
                form={form}
                name={`dx${i}_text`}
                label="sharing.opinion.dxText"
                maxLength={LIMITS.diagnosisText}
              />
              <TextInput
                ctx={ctx}
                form={form}
                name={`dx${i}_code`}
                label="sharing.opinion.dxCode"
                hint="sharing.opinion.codeHint"
                maxLength={12}
                width="md"
              />
            </div>
          ))}
          <TextInput
            ctx={ctx}
            form={form}
            name="stageStatus"
            label="sharing.opinion.stage"
            maxLength={LIMITS.shortText}
          />
          <Textarea
            ctx={ctx}
            form={form}
            name="prognosis"
            label="sharing.opinion.prognosis"
            maxLength={LIMITS.longText}
            rows={3}
          />
        </fieldset>
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large">{t('sharing.opinion.treatment')}</legend>
          <Radios
            ctx={ctx}
            form={form}
            name="goal"
            legend="sharing.opinion.goal"
            choices={GOALS.map((g) => ({ value: g, label: goalKey(g) }))}
          />
          <Textarea
            ctx={ctx}
            form={form}
            name="optionsDiscussed"
            label="sharing.opinion.options"
            maxLength={LIMITS.longText}
            rows={3}
          />
          {range(rows.plan).map((i) => (
            <div class="so-row" role="group" aria-labelledby={`plan${i}-title`}>
              <p class="so-row-title" id={`plan${i}-title`}>
                {i === 0 ? t('sharing.opinion.planMain') : t('sharing.opinion.planN', { n: i + 1 })}
              </p>
              <Select
                ctx={ctx}
                form={form}
                name={`plan${i}_category`}
                label="sharing.opinion.planCategory"
                choices={PLAN_CATEGORIES.map((p) => ({ value: p, label: categoryKey(p) }))}
              />
              <TextInput
                ctx={ctx}
                form={form}
                name={`plan${i}_details`}
                label="sharing.opinion.planDetails"
                maxLength={LIMITS.shortText}
              />
            </div>
          ))}
          <Textarea
            ctx={ctx}
            form={form}
            name="furtherTests"
            label="sharing.opinion.furtherTests"
            maxLength={LIMITS.longText}
            rows={3}
          />
          <Textarea
            ctx={ctx}
            form={form}
            name="trials"
            label="sharing.opinion.trials"
            maxLength={LIMITS.longText}
            rows={3}
          />
        </fieldset>
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large">{t('sharing.opinion.answers')}</legend>
          {questions.length === 0 ? <p>{t('sharing.doctor.noQuestions')}</p> : null}
          {questions.map((q, i) => (
            <div class="usa-form-group">
              <label class="usa-label" for={`cq${i}_answer`}>
                {q.text} <span class="usa-hint">{t('form.optional')}</span>
              </label>
              {form.errors[`cq${i}_answer`] ? (
                <span class="usa-error-message" id={`cq${i}_answer-error`} role="alert">
                  {t(form.errors[`cq${i}_answer`]!)}
                </span>
              ) : null}
              <textarea
                class="usa-textarea"
                id={`cq${i}_answer`}
                name={`cq${i}_answer`}
                rows={3}
                maxLength={LIMITS.longText}
                aria-describedby={form.errors[`cq${i}_answer`] ? `cq${i}_answer-error` : undefined}
              >
                {form.values[`cq${i}_answer`] ?? ''}
              </textarea>
            </div>
          ))}
          <Textarea
            ctx={ctx}
            form={form}
            name="notes"
            label="sharing.opinion.notes"
            maxLength={LIMITS.longText}
            rows={4}
          />
        </fieldset>
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large">{t('sharing.opinion.you')}</legend>
          <TextInput
            ctx={ctx}
            form={form}
            name="doctorName"
            label="sharing.opinion.name"
            required
            maxLength={LIMITS.name}
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="doctorSpecialty"
            label="sharing.opinion.specialty"
            maxLength={LIMITS.specialty}
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="doctorNpi"
            label="sharing.opinion.npi"
            hint="sharing.opinion.npiHint"
            inputMode="numeric"
            maxLength={12}
            width="md"
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="doctorPractice"
            label="sharing.opinion.contact"
            hint="sharing.opinion.contactHint"
            maxLength={LIMITS.practice}
          />
        </fieldset>
        <div class="so-form-actions">
          <button class="usa-button" type="submit">
            {t(editing ? 'sharing.opinion.saveChanges' : 'sharing.opinion.send')}
          </button>
          <a class="usa-button usa-button--unstyled margin-left-2" href={`/s/${token}`}>
            {t('sharing.opinion.back')}
          </a>
        </div>
      </form>
    </DoctorLayout>
  );
}
