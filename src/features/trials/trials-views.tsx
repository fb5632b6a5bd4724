import { TRIAL_NOTES, TRIAL_PHASES } from '../../content/trials.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { Alert, ErrorSummary, PostButton, Radios, TextInput } from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { SourcedList } from '../../platform/ui/sourced.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { ageLine, phaseKey, RADIUS_CHOICES, statusKey, type TrialSummary } from './trials.ts';

/** How many places one study lists on the page before "and N more". */
const PLACES_SHOWN = 5;

export interface TrialsResult {
  condition: string;
  total: number;
  trials: TrialSummary[];
}

export function TrialsPage(props: {
  ctx: PageContext;
  c: CaseContext;
  form: FormState;
  result: TrialsResult | null;
  failure: MessageKey | null;
  canAsk: boolean;
}) {
  const { ctx, c, form, result, failure } = props;
  const t = ctx.t;
  return (
    <StepLayout ctx={ctx} c={c} title={t('trials.title')}>
      <h1>{t('trials.title')}</h1>
      <p class="usa-intro">{t('trials.intro')}</p>
      <section aria-labelledby="trials-about" class="usa-summary-box margin-y-3">
        <div class="usa-summary-box__body">
          <h2 id="trials-about" class="usa-summary-box__heading">
            {t('trials.about.heading')}
          </h2>
          <SourcedList ctx={ctx} items={[...TRIAL_NOTES]} />
        </div>
      </section>

      <ErrorSummary ctx={ctx} form={form} />
      <form method="get" action={`/cases/${c.id}/trials`} class="usa-form usa-form--large so-no-print" novalidate>
        <TextInput
          ctx={ctx}
          form={form}
          name="condition"
          label="trials.field.condition"
          hint="trials.field.conditionHint"
          maxLength={200}
          required
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="near"
          label="trials.field.near"
          hint="trials.field.nearHint"
          inputMode="numeric"
          autocomplete="postal-code"
          maxLength={5}
          width="sm"
        />
        <Radios
          ctx={ctx}
          form={form}
          name="radiusMiles"
          legend="trials.field.radius"
          required
          choices={RADIUS_CHOICES.map((m) => ({ value: String(m), text: t('trials.radius.miles', { miles: m }) }))}
        />
        <button class="usa-button margin-top-3" type="submit">
          {t('trials.submit')}
        </button>
      </form>

      {failure ? (
        <div class="margin-top-4">
          <Alert type="warning" role="alert">
            <p>{t(failure)}</p>
          </Alert>
        </div>
      ) : null}
      {result ? (
        <TrialsList
          ctx={ctx}
          result={result}
          ask={
            props.canAsk
              ? {
                  action: `/cases/${c.id}/trials/ask`,
                  questions: `/cases/${c.id}/questions`,
                  search: {
                    condition: form.values.condition ?? '',
                    near: form.values.near ?? '',
                    radiusMiles: form.values.radiusMiles ?? '',
                  },
                }
              : null
          }
        />
      ) : null}
    </StepLayout>
  );
}

/** Where "Save to ask my doctor" posts, and the search to come back to. */
interface AskTarget {
  action: string;
  questions: string;
  search: Record<string, string>;
}

function TrialsList({ ctx, result, ask }: { ctx: PageContext; result: TrialsResult; ask: AskTarget | null }) {
  const t = ctx.t;
  if (result.trials.length === 0) {
    return (
      <p role="status" class="margin-top-4">
        {t('trials.none', { condition: result.condition })}
      </p>
    );
  }
  return (
    <section aria-labelledby="trials-results" class="margin-top-4">
      <h2 id="trials-results">{t('trials.resultsHeading')}</h2>
      <p role="status">
        {result.total > result.trials.length
          ? t('trials.count', { total: result.total, shown: result.trials.length })
          : t('trials.countAll', { total: result.total })}
      </p>
      {ask ? (
        <p class="so-no-print">
          <a href={ask.questions}>{t('trials.ask.seeList')}</a>
        </p>
      ) : null}
      <ul class="usa-card-group so-trials">
        {result.trials.map((trial) => (
          <TrialCard ctx={ctx} trial={trial} ask={ask} />
        ))}
      </ul>
      <section aria-labelledby="trials-phases" class="margin-top-4">
        <h2 id="trials-phases">{t('trials.phasesHeading')}</h2>
        <SourcedList ctx={ctx} items={Object.values(TRIAL_PHASES)} />
      </section>
    </section>
  );
}

function TrialCard({ ctx, trial, ask }: { ctx: PageContext; trial: TrialSummary; ask: AskTarget | null }) {
  const t = ctx.t;
  const ages = ageLine(trial.eligibility);
  const sex = trial.eligibility.sex;
  const places = trial.locations.slice(0, PLACES_SHOWN);
  const headingId = `trial-${trial.nctId}`;
  return (
    <li class="usa-card tablet:grid-col-12" data-trial={trial.nctId}>
      <article class="usa-card__container" aria-labelledby={headingId}>
        <div class="usa-card__header">
          <h3 class="usa-card__heading" id={headingId}>
            {trial.title}
          </h3>
          <p class="so-meta margin-0">{trial.nctId}</p>
        </div>
        <div class="usa-card__body">
          <dl>
            <dt>{t('trials.status')}</dt>
            <dd>{t(statusKey(trial.status))}</dd>
            <dt>{t('trials.phase')}</dt>
            <dd>{trial.phases.length ? trial.phases.map((p) => t(phaseKey(p))).join(', ') : t('trials.phaseNone')}</dd>
            {trial.conditions.length ? (
              <>
                <dt>{t('trials.conditions')}</dt>
                <dd>{trial.conditions.join('; ')}</dd>
              </>
            ) : null}
            {trial.interventions.length ? (
              <>
                <dt>{t('trials.interventions')}</dt>
                <dd>{trial.interventions.join('; ')}</dd>
              </>
            ) : null}
            <dt>{t('trials.who')}</dt>
            <dd>
              {t(ages.key, ages.vars)}. {sex ? `${t(`trials.sex.${sex}`)}.` : ''}{' '}
              {trial.eligibility.healthyVolunteers === null
                ? ''
                : t(trial.eligibility.healthyVolunteers ? 'trials.healthy.yes' : 'trials.healthy.no')}
            </dd>
            {trial.sponsor ? (
              <>
                <dt>{t('trials.sponsor')}</dt>
                <dd>{trial.sponsor}</dd>
              </>
            ) : null}
            <dt>{t('trials.places')}</dt>
            <dd>
              {places.length === 0 ? (
                t('trials.noPlaces')
              ) : (
                <ul class="usa-list margin-0">
                  {places.map((l) => (
                    <li>
                      {[l.facility, [l.city, l.state, l.zip].filter(Boolean).join(', '), l.country]
                        .filter(Boolean)
                        .join(' — ')}
                      {l.distanceMiles !== null ? ` (${t('trials.distance', { miles: l.distanceMiles })})` : ''}
                    </li>
                  ))}
                </ul>
              )}
              {trial.locations.length > places.length ? (
                <p class="margin-0">{t('trials.morePlaces', { count: trial.locations.length - places.length })}</p>
              ) : null}
            </dd>
            {trial.contacts.length ? (
              <>
                <dt>{t('trials.contacts')}</dt>
                <dd>
                  <ul class="usa-list margin-0">
                    {trial.contacts.map((p) => (
                      <li>
                        {[p.name, p.phone].filter(Boolean).join(', ')}
                        {p.email ? (
                          <>
                            {p.name || p.phone ? ', ' : ''}
                            <a href={`mailto:${p.email}`}>{p.email}</a>
                          </>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
          </dl>
        </div>
        <div class="usa-card__footer">
          <p class="margin-0">
            <a href={trial.url}>{t('trials.moreOnSite', { id: trial.nctId })}</a>
          </p>
          {ask ? (
            <div class="margin-top-2 so-no-print">
              <PostButton
                ctx={ctx}
                action={ask.action}
                label={t('trials.ask.button')}
                variant="outline"
                fields={{ nctId: trial.nctId, title: trial.title, ...ask.search }}
              />
            </div>
          ) : null}
        </div>
      </article>
    </li>
  );
}
