import type { CaseContext } from '../../platform/case-context.ts';
import {
  Alert,
  Csrf,
  ErrorSummary,
  formatDate,
  MemorableDate,
  PostButton,
  Textarea,
  TextInput,
} from '../../platform/ui/components.tsx';
import type { FormState, FormValues, PageContext } from '../../platform/ui/page-context.ts';
import { StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import type { Comparison } from './comparison.ts';
import { DECISION_LIMITS, type DecisionRecord, type SummaryDoc } from './decision.ts';
import { type OpinionRecord, opinionLabel } from './opinions.ts';

function SummaryLinks({ ctx, c }: { ctx: PageContext; c: CaseContext }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="share-heading" class="margin-top-4">
      <h2 id="share-heading">{t('decision.share.heading')}</h2>
      <p>{t('decision.share.intro')}</p>
      <p>
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/decision/summary`}>
          {t('decision.share.page')}
        </a>
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/decision/summary.pdf`}>
          {t('decision.share.pdf')}
        </a>
      </p>
    </section>
  );
}

export function DecisionPage({
  ctx,
  c,
  opinions,
  comparison,
  decision,
  form,
  editing,
  stale,
}: {
  ctx: PageContext;
  c: CaseContext;
  opinions: OpinionRecord[];
  comparison: Comparison;
  decision: DecisionRecord | null;
  form: FormState;
  editing: boolean;
  /** The decision as saved now (the form's fields), when someone saved while this person was typing. */
  stale?: FormValues;
}) {
  const t = ctx.t;
  const labelOf = (id: string) => {
    const i = opinions.findIndex((o) => o.id === id);
    return i >= 0 ? t('compare.opinionN', { n: i + 1, doctor: opinionLabel(opinions[i]!) }) : t('decision.opinionGone');
  };
  const followedError = form.errors.followed;
  const followedText = (v: FormValues) =>
    opinions
      .filter((o) => v[`followed_${o.id}`])
      .map((o) => labelOf(o.id))
      .join('; ');
  const staleFields = stale
    ? [
        { label: t('decision.field.choice'), saved: stale.choice ?? '', yours: form.values.choice ?? '' },
        { label: t('decision.field.reasons'), saved: stale.reasons ?? '', yours: form.values.reasons ?? '' },
        { label: t('decision.field.followed'), saved: followedText(stale), yours: followedText(form.values) },
        { label: t('decision.field.helpers'), saved: stale.helpers ?? '', yours: form.values.helpers ?? '' },
        {
          label: t('decision.field.decidedOn'),
          saved: formatDate(ctx, stale.decidedOn),
          yours: formatDate(ctx, form.values.decidedOn),
        },
      ]
    : null;
  return (
    <StepLayout ctx={ctx} c={c} title={t('decision.title')}>
      <h1>{t('decision.title')}</h1>
      {comparison.status === 'ready' ? (
        <p class="usa-intro">
          {t('decision.compared', { count: opinions.length })}{' '}
          <a href={`/cases/${c.id}/compare`}>{t('decision.seeComparison')}</a>
        </p>
      ) : (
        <Alert type="info" slim>
          <p>
            {opinions.length === 0 ? t('compare.missing.none') : t('compare.missing.another_opinion')}{' '}
            <a href={`/cases/${c.id}/opinions`}>{t('decision.toOpinions')}</a>
          </p>
        </Alert>
      )}
      {comparison.anyDifferSignificantly ? (
        <Alert type="warning" slim>
          <p>
            {t('decision.differWarning')}{' '}
            <a href={`/cases/${c.id}/compare#third-heading`}>{t('decision.differLink')}</a>
          </p>
        </Alert>
      ) : null}
      <p>{t('decision.yours')}</p>

      {decision && !editing ? (
        <section aria-labelledby="decided-heading">
          <h2 id="decided-heading">{t('decision.recorded.heading')}</h2>
          <dl class="so-key-facts">
            <dt>{t('decision.field.decidedOn')}</dt>
            <dd>{formatDate(ctx, decision.decidedOn)}</dd>
            <dt>{t('decision.field.choice')}</dt>
            <dd class="so-pre">{decision.choice}</dd>
            <dt>{t('decision.field.reasons')}</dt>
            <dd class="so-pre">{decision.reasons ?? t('opinions.view.notRecorded')}</dd>
            <dt>{t('decision.field.followed')}</dt>
            <dd>
              {decision.followedOpinionIds.length
                ? decision.followedOpinionIds.map(labelOf).join('; ')
                : t('decision.followedNone')}
            </dd>
            <dt>{t('decision.field.helpers')}</dt>
            <dd>{decision.helpers ?? t('opinions.view.notRecorded')}</dd>
          </dl>
          <p class="margin-top-2 so-no-print">
            <a class="usa-button usa-button--outline" href={`/cases/${c.id}/decision?change=1`}>
              {t('decision.change')}
            </a>
          </p>
          <div class="so-no-print">
            <p>{t('decision.reopenExplain')}</p>
            <PostButton
              ctx={ctx}
              action={`/cases/${c.id}/decision`}
              fields={{ intent: 'reopen' }}
              label={t('decision.reopen')}
              variant="secondary"
              confirm={t('decision.reopenConfirm')}
            />
          </div>
        </section>
      ) : (
        <section aria-labelledby="form-heading">
          <h2 id="form-heading">{t('decision.form.heading')}</h2>
          {staleFields ? <StaleNotice ctx={ctx} fields={staleFields} /> : null}
          <ErrorSummary ctx={ctx} form={form} />
          <form class="usa-form usa-form--large" method="post" action={`/cases/${c.id}/decision`} novalidate>
            <Csrf ctx={ctx} />
            <VersionField version={form.values.version} />
            <Textarea
              ctx={ctx}
              form={form}
              name="choice"
              label="decision.field.choice"
              hint="decision.field.choiceHint"
              required
              maxLength={DECISION_LIMITS.choice}
              rows={3}
            />
            <Textarea
              ctx={ctx}
              form={form}
              name="reasons"
              label="decision.field.reasons"
              hint="decision.field.reasonsHint"
              maxLength={DECISION_LIMITS.reasons}
              rows={4}
            />
            {opinions.length > 0 ? (
              <div class={`usa-form-group${followedError ? ' usa-form-group--error' : ''}`}>
                <fieldset class="usa-fieldset" aria-describedby={followedError ? 'followed-error' : 'followed-hint'}>
                  <legend class="usa-legend">
                    {t('decision.field.followed')} <span class="usa-hint">{t('form.optional')}</span>
                  </legend>
                  <span class="usa-hint" id="followed-hint">
                    {t('decision.field.followedHint')}
                  </span>
                  {followedError ? (
                    <span class="usa-error-message" id="followed-error" role="alert">
                      {t(followedError)}
                    </span>
                  ) : null}
                  {opinions.map((o, i) => (
                    <div class="usa-checkbox">
                      <input
                        class="usa-checkbox__input"
                        id={i === 0 ? 'followed' : `followed-${o.id}`}
                        type="checkbox"
                        name={`followed_${o.id}`}
                        value="yes"
                        checked={!!form.values[`followed_${o.id}`]}
                      />
                      <label class="usa-checkbox__label" for={i === 0 ? 'followed' : `followed-${o.id}`}>
                        {labelOf(o.id)}
                      </label>
                    </div>
                  ))}
                </fieldset>
              </div>
            ) : null}
            <TextInput
              ctx={ctx}
              form={form}
              name="helpers"
              label="decision.field.helpers"
              hint="decision.field.helpersHint"
              maxLength={DECISION_LIMITS.helpers}
            />
            <MemorableDate ctx={ctx} form={form} name="decidedOn" legend="decision.field.decidedOn" required />
            <button class="usa-button" type="submit">
              {t('decision.form.save')}
            </button>
            {decision ? (
              <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${c.id}/decision`}>
                {t('form.cancel')}
              </a>
            ) : null}
          </form>
        </section>
      )}
      <SummaryLinks ctx={ctx} c={c} />
    </StepLayout>
  );
}

/** The summary for family and the treating doctor: made to be printed. */
export function SummaryPage({ ctx, c, doc }: { ctx: PageContext; c: CaseContext; doc: SummaryDoc }) {
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('summary.pageTitle')}
      crumbs={[[t('decision.title'), `/cases/${c.id}/decision`]]}
    >
      <article class="so-summary">
        <h1>{doc.title}</h1>
        <p class="usa-intro">{doc.subtitle}</p>
        <p class="so-no-print">
          <a class="usa-button" href="#" data-print hidden>
            {t('form.print')}
          </a>
          <a class="usa-button usa-button--outline" href={`/cases/${c.id}/decision/summary.pdf`}>
            {t('decision.share.pdf')}
          </a>
        </p>
        {doc.sections.map((s, i) => (
          <section aria-labelledby={`summary-${i}`}>
            <h2 id={`summary-${i}`}>{s.heading}</h2>
            {s.paragraphs.map((p) => (
              <p class="so-pre">{p}</p>
            ))}
            {s.facts?.length ? (
              <dl class="so-key-facts">
                {s.facts.map(([label, value]) => (
                  <>
                    <dt>{label}</dt>
                    <dd class="so-pre">{value}</dd>
                  </>
                ))}
              </dl>
            ) : null}
          </section>
        ))}
        <p class="so-meta margin-top-4">{doc.footer}</p>
      </article>
    </StepLayout>
  );
}
