import type { ComponentChildren } from 'preact';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import {
  Alert,
  Csrf,
  ErrorSummary,
  formatDate,
  MemorableDate,
  PostButton,
  Radios,
  Select,
  Textarea,
  TextInput,
} from '../../platform/ui/components.tsx';
import type { FormState, FormValues, PageContext } from '../../platform/ui/page-context.ts';
import { StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import {
  type FormRows,
  GIVEN_HOW,
  GOALS,
  LIMITS,
  type OpinionRecord,
  opinionLabel,
  opinionStaleFields,
  PLAN_CATEGORIES,
  type QuestionRef,
  URGENCIES,
} from './opinions.ts';

export const categoryKey = (c: string) => `opinions.category.${c}` as MessageKey;
export const goalKey = (g: string) => `opinions.goal.${g}` as MessageKey;
export const givenHowKey = (g: string) => `opinions.givenHow.${g}` as MessageKey;
export const urgencyKey = (u: string) => `cases.urgency.${u}` as MessageKey;

// ---------- small parts ----------

/** A text field whose label is already translated (row labels with numbers, questions). */
function Field(props: {
  ctx: PageContext;
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  multiline?: boolean;
  maxLength: number;
  attrs?: Record<string, string>;
  width?: 'md' | 'lg';
}) {
  const { ctx, form, name } = props;
  const error = form.errors[name];
  const described =
    [props.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id: name,
    name,
    maxLength: props.maxLength,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': described,
  };
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label${error ? ' usa-label--error' : ''}`} for={name}>
        {props.label} <span class="usa-hint">{ctx.t('form.optional')}</span>
      </label>
      {props.hint ? (
        <div class="usa-hint" id={`${name}-hint`}>
          {props.hint}
        </div>
      ) : null}
      {error ? (
        <span class="usa-error-message" id={`${name}-error`} role="alert">
          {ctx.t(error)}
        </span>
      ) : null}
      {props.multiline ? (
        <textarea class={`usa-textarea${error ? ' usa-input--error' : ''}`} rows={3} {...common}>
          {form.values[name] ?? ''}
        </textarea>
      ) : (
        <input
          class={`usa-input${error ? ' usa-input--error' : ''}${props.width ? ` usa-input--${props.width}` : ''}`}
          type="text"
          value={form.values[name] ?? ''}
          {...common}
          {...(props.attrs ?? {})}
        />
      )}
    </div>
  );
}

function Section(props: { id: string; title: string; children: ComponentChildren; intro?: string }) {
  return (
    <fieldset class="usa-fieldset so-form-section" aria-labelledby={`${props.id}-legend`}>
      <legend class="usa-legend usa-legend--large" id={`${props.id}-legend`}>
        {props.title}
      </legend>
      {props.intro ? <p class="usa-hint">{props.intro}</p> : null}
      {props.children}
    </fieldset>
  );
}

export function StatusTag({ ctx, o, isFirst }: { ctx: PageContext; o: OpinionRecord; isFirst: boolean }) {
  const t = ctx.t;
  return (
    <>
      {isFirst ? <span class="so-status so-status--done">{t('opinions.firstTag')}</span> : null}{' '}
      {o.status === 'pending' ? (
        <span class="so-status so-status--in-progress">{t('opinions.status.pending')}</span>
      ) : null}
      {o.status === 'discarded' ? <span class="so-status">{t('opinions.status.discarded')}</span> : null}
      {o.source === 'doctor' ? <span class="so-status">{t('opinions.source.doctor')}</span> : null}
    </>
  );
}

export function diagnosisText(ctx: PageContext, o: OpinionRecord): string {
  return o.diagnoses.length
    ? o.diagnoses.map((d) => (d.code ? `${d.text} (${d.code})` : d.text)).join('; ')
    : ctx.t('opinions.view.noDiagnosis');
}

export function planText(ctx: PageContext, o: OpinionRecord): string {
  return o.plan.length
    ? o.plan.map((p) => `${ctx.t(categoryKey(p.category))}${p.details ? `: ${p.details}` : ''}`).join('; ')
    : ctx.t('opinions.view.noPlan');
}

// ---------- the list (step 8) ----------

export function OpinionsPage({
  ctx,
  c,
  opinions,
  firstId,
}: {
  ctx: PageContext;
  c: CaseContext;
  opinions: OpinionRecord[];
  firstId: string | null;
}) {
  const t = ctx.t;
  const accepted = opinions.filter((o) => o.status === 'accepted');
  return (
    <StepLayout ctx={ctx} c={c} title={t('opinions.title')}>
      <h1>{t('opinions.title')}</h1>
      <p class="usa-intro">{t('opinions.intro')}</p>
      <p>
        <a class="usa-button" href={`/cases/${c.id}/opinions/new`}>
          {accepted.length === 0 ? t('opinions.addFirst') : t('opinions.add')}
        </a>
        {accepted.length >= 2 ? (
          <a class="usa-button usa-button--outline" href={`/cases/${c.id}/compare`}>
            {t('opinions.compareLink')}
          </a>
        ) : null}
      </p>
      {opinions.length === 0 ? (
        <div class="usa-summary-box" role="region" aria-labelledby="none-heading">
          <div class="usa-summary-box__body">
            <h2 class="usa-summary-box__heading" id="none-heading">
              {t('opinions.empty.heading')}
            </h2>
            <div class="usa-summary-box__text">
              <p>{t('opinions.empty.text')}</p>
            </div>
          </div>
        </div>
      ) : (
        <ul class="so-card-list">
          {opinions.map((o) => (
            <li>
              <h2 class="margin-top-0">
                <a href={`/cases/${c.id}/opinions/${o.id}`}>{opinionLabel(o)}</a>
              </h2>
              <p class="so-meta margin-y-05">
                {formatDate(ctx, o.givenOn)}
                {o.givenHow ? ` · ${t(givenHowKey(o.givenHow))}` : ''}{' '}
                <StatusTag ctx={ctx} o={o} isFirst={o.id === firstId} />
              </p>
              <dl class="so-key-facts">
                <dt>{t('compare.topic.diagnosis')}</dt>
                <dd>{diagnosisText(ctx, o)}</dd>
                <dt>{t('compare.topic.plan')}</dt>
                <dd>{planText(ctx, o)}</dd>
              </dl>
              {o.status === 'pending' ? (
                <div class="margin-top-2">
                  <p>{t('opinions.pendingExplain')}</p>
                  <PostButton
                    ctx={ctx}
                    action={`/cases/${c.id}/opinions/${o.id}/status`}
                    fields={{ status: 'accepted' }}
                    label={t('opinions.accept')}
                  />
                  <PostButton
                    ctx={ctx}
                    action={`/cases/${c.id}/opinions/${o.id}/status`}
                    fields={{ status: 'discarded' }}
                    label={t('opinions.discard')}
                    variant="outline"
                  />
                </div>
              ) : null}
              {o.status === 'discarded' ? (
                <div class="margin-top-2">
                  <p>{t('opinions.discardedExplain')}</p>
                  <PostButton
                    ctx={ctx}
                    action={`/cases/${c.id}/opinions/${o.id}/status`}
                    fields={{ status: 'accepted' }}
                    label={t('opinions.restore')}
                    variant="outline"
                  />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {accepted.length === 1 ? (
        <Alert type="info" slim>
          <p>{t('opinions.oneSoFar')}</p>
        </Alert>
      ) : null}
    </StepLayout>
  );
}

// ---------- one opinion ----------

export function OpinionPage({
  ctx,
  c,
  o,
  isFirst,
  number,
  describe,
}: {
  ctx: PageContext;
  c: CaseContext;
  o: OpinionRecord;
  isFirst: boolean;
  number: number;
  describe: (code: string) => string | null;
}) {
  const t = ctx.t;
  const title = number > 0 ? t('compare.opinionN', { n: number, doctor: opinionLabel(o) }) : opinionLabel(o);
  const row = (label: MessageKey, value: string | null | undefined) =>
    value ? (
      <>
        <dt>{t(label)}</dt>
        <dd class="so-pre">{value}</dd>
      </>
    ) : null;
  return (
    <StepLayout ctx={ctx} c={c} title={title} crumbs={[[t('opinions.title'), `/cases/${c.id}/opinions`]]}>
      <h1>{title}</h1>
      <p class="so-meta">
        <StatusTag ctx={ctx} o={o} isFirst={isFirst} />
      </p>
      {o.status === 'pending' ? (
        <Alert type="info" heading={t('opinions.pendingNotice.heading')}>
          <p>
            {o.source === 'doctor'
              ? t('opinions.pendingNotice.fromDoctor', { doctor: o.doctorName, date: formatDate(ctx, o.createdAt) })
              : t('opinions.pendingNotice.other')}
          </p>
          <div class="so-no-print">
            <PostButton
              ctx={ctx}
              action={`/cases/${c.id}/opinions/${o.id}/status`}
              fields={{ status: 'accepted', back: 'opinion' }}
              label={t('opinions.accept')}
            />
            <PostButton
              ctx={ctx}
              action={`/cases/${c.id}/opinions/${o.id}/status`}
              fields={{ status: 'discarded', back: 'opinion' }}
              label={t('opinions.discard')}
              variant="outline"
            />
          </div>
        </Alert>
      ) : null}
      {o.status === 'discarded' ? (
        <Alert type="info" slim>
          <p>{t('opinions.discardedExplain')}</p>
          <div class="so-no-print">
            <PostButton
              ctx={ctx}
              action={`/cases/${c.id}/opinions/${o.id}/status`}
              fields={{ status: 'accepted', back: 'opinion' }}
              label={t('opinions.restore')}
              variant="outline"
            />
          </div>
        </Alert>
      ) : null}
      <dl class="so-key-facts">
        {row('opinions.field.doctorName', o.doctorName)}
        {row('opinions.field.doctorSpecialty', o.doctorSpecialty)}
        {row('opinions.field.doctorPractice', o.doctorPractice)}
        {row('opinions.field.doctorNpi', o.doctorNpi)}
        {row('opinions.field.givenOn', formatDate(ctx, o.givenOn))}
        {row('opinions.field.givenHow', o.givenHow ? t(givenHowKey(o.givenHow)) : null)}
      </dl>
      <h2>{t('compare.topic.diagnosis')}</h2>
      {o.diagnoses.length === 0 ? (
        <p>{t('opinions.view.noDiagnosis')}</p>
      ) : (
        <ul class="usa-list">
          {o.diagnoses.map((d) => (
            <li>
              {d.text}
              {d.code ? (
                <span class="so-meta">
                  {' '}
                  · {t('opinions.view.code')} <span class="so-code">{d.code}</span>
                  {describe(d.code) && describe(d.code) !== d.text ? ` (${describe(d.code)})` : ''}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <dl class="so-key-facts">
        {row('compare.topic.stage', o.stageStatus)}
        {row('compare.topic.prognosis', o.prognosis)}
        {row('compare.topic.goal', o.goal ? t(goalKey(o.goal)) : null)}
      </dl>
      <h2>{t('compare.topic.plan')}</h2>
      {o.plan.length === 0 ? (
        <p>{t('opinions.view.noPlan')}</p>
      ) : (
        <ol class="usa-list">
          {o.plan.map((p) => (
            <li>
              <strong>{t(categoryKey(p.category))}</strong>
              {p.details ? `: ${p.details}` : ''}
            </li>
          ))}
        </ol>
      )}
      <dl class="so-key-facts">
        {row('compare.topic.urgency', o.urgency ? t(urgencyKey(o.urgency)) : null)}
        {row('compare.topic.options', o.optionsDiscussed)}
        {row('compare.topic.tests', o.furtherTests)}
        {row('compare.topic.trials', o.trials)}
      </dl>
      <h2>{t('opinions.answers.heading')}</h2>
      {o.answers.length === 0 ? (
        <p>{t('opinions.view.noAnswers')}</p>
      ) : (
        <dl class="so-qa">
          {o.answers.map((a) => (
            <>
              <dt>{a.question}</dt>
              <dd class="so-pre">{a.answer ?? t('opinions.view.noAnswer')}</dd>
            </>
          ))}
        </dl>
      )}
      {o.notes ? (
        <>
          <h2>{t('opinions.field.notes')}</h2>
          <p class="so-pre">{o.notes}</p>
        </>
      ) : null}
      <p class="margin-top-3 so-no-print">
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/opinions/${o.id}/edit`}>
          {t('opinions.edit')}
        </a>
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/compare`}>
          {t('opinions.compareLink')}
        </a>
        <a class="usa-button usa-button--outline" href="#" data-print hidden>
          {t('form.print')}
        </a>
      </p>
      {o.status === 'accepted' ? (
        <div class="margin-top-3 so-no-print">
          <p>{t('opinions.discardExplain')}</p>
          <PostButton
            ctx={ctx}
            action={`/cases/${c.id}/opinions/${o.id}/status`}
            fields={{ status: 'discarded', back: 'opinion' }}
            label={t('opinions.discard')}
            variant="secondary"
            confirm={t('opinions.discardConfirm')}
          />
        </div>
      ) : null}
    </StepLayout>
  );
}

// ---------- the form ----------

export function OpinionFormPage({
  ctx,
  c,
  form,
  questions,
  rows,
  opinion,
  prefilled,
  stale,
}: {
  ctx: PageContext;
  c: CaseContext;
  form: FormState;
  questions: QuestionRef[];
  rows: FormRows;
  opinion: OpinionRecord | null;
  prefilled: boolean;
  /** The opinion as saved now, when someone saved it while this person was editing. */
  stale?: FormValues;
}) {
  const t = ctx.t;
  const title = opinion ? t('opinions.editTitle', { doctor: opinion.doctorName }) : t('opinions.newTitle');
  const action = opinion ? `/cases/${c.id}/opinions/${opinion.id}/edit` : `/cases/${c.id}/opinions/new`;
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  return (
    <StepLayout ctx={ctx} c={c} title={title} crumbs={[[t('opinions.title'), `/cases/${c.id}/opinions`]]}>
      <div class="grid-row">
        <div class="grid-col-12 desktop:grid-col-10">
          <h1>{title}</h1>
          <p>{t('opinions.form.intro')}</p>
          {prefilled ? (
            <Alert type="info" slim>
              <p>{t('opinions.form.prefilled')}</p>
            </Alert>
          ) : null}
          {stale ? (
            <StaleNotice ctx={ctx} fields={opinionStaleFields(t, (iso) => formatDate(ctx, iso), stale, form.values)} />
          ) : null}
          <ErrorSummary ctx={ctx} form={form} />
          <form class="usa-form usa-form--large so-wide-form" method="post" action={action} novalidate>
            <Csrf ctx={ctx} />
            <VersionField version={form.values.version} />
            <Section id="doctor" title={t('opinions.form.doctor')}>
              <TextInput
                ctx={ctx}
                form={form}
                name="doctorName"
                label="opinions.field.doctorName"
                hint="opinions.field.doctorNameHint"
                required
                maxLength={LIMITS.name}
              />
              <TextInput
                ctx={ctx}
                form={form}
                name="doctorSpecialty"
                label="opinions.field.doctorSpecialty"
                hint="opinions.field.doctorSpecialtyHint"
                maxLength={LIMITS.specialty}
              />
              <TextInput
                ctx={ctx}
                form={form}
                name="doctorPractice"
                label="opinions.field.doctorPractice"
                hint="opinions.field.doctorPracticeHint"
                maxLength={LIMITS.practice}
              />
              <TextInput
                ctx={ctx}
                form={form}
                name="doctorNpi"
                label="opinions.field.doctorNpi"
                hint="opinions.field.doctorNpiHint"
                inputMode="numeric"
                maxLength={12}
                width="md"
              />
              <MemorableDate ctx={ctx} form={form} name="givenOn" legend="opinions.field.givenOn" required />
              <Radios
                ctx={ctx}
                form={form}
                name="givenHow"
                legend="opinions.field.givenHow"
                choices={GIVEN_HOW.map((g) => ({ value: g, label: givenHowKey(g) }))}
              />
            </Section>

            <Section id="diagnosis" title={t('opinions.form.diagnosis')} intro={t('opinions.form.diagnosisIntro')}>
              {range(rows.diagnoses).map((i) => (
                <div class="so-row" role="group" aria-labelledby={`dx${i}-title`}>
                  <p class="so-row-title" id={`dx${i}-title`}>
                    {t('opinions.form.diagnosisN', { n: i + 1 })}
                  </p>
                  <Field
                    ctx={ctx}
                    form={form}
                    name={`dx${i}_text`}
                    label={t('opinions.field.dxText')}
                    maxLength={LIMITS.diagnosisText}
                  />
                  <Field
                    ctx={ctx}
                    form={form}
                    name={`dx${i}_code`}
                    label={t('opinions.field.dxCode')}
                    hint={t('opinions.field.dxCodeHint')}
                    maxLength={100}
                    width="lg"
                    attrs={{ 'data-icd10': `dx${i}_text`, autocomplete: 'off', spellcheck: 'false' }}
                  />
                </div>
              ))}
              <p>
                <a href="/codes/icd10" target="_blank" rel="noopener">
                  {t('opinions.form.lookUpCode')}
                </a>
              </p>
              <TextInput
                ctx={ctx}
                form={form}
                name="stageStatus"
                label="opinions.field.stageStatus"
                hint="opinions.field.stageStatusHint"
                maxLength={LIMITS.shortText}
              />
              <Textarea
                ctx={ctx}
                form={form}
                name="prognosis"
                label="opinions.field.prognosis"
                hint="opinions.field.prognosisHint"
                maxLength={LIMITS.longText}
                rows={3}
              />
            </Section>

            <Section id="plan" title={t('opinions.form.plan')} intro={t('opinions.form.planIntro')}>
              <Radios
                ctx={ctx}
                form={form}
                name="goal"
                legend="opinions.field.goal"
                hint="opinions.field.goalHint"
                choices={GOALS.map((g) => ({ value: g, label: goalKey(g) }))}
              />
              {range(rows.plan).map((i) => (
                <div class="so-row" role="group" aria-labelledby={`plan${i}-title`}>
                  <p class="so-row-title" id={`plan${i}-title`}>
                    {i === 0 ? t('opinions.form.planMain') : t('opinions.form.planN', { n: i + 1 })}
                  </p>
                  <Select
                    ctx={ctx}
                    form={form}
                    name={`plan${i}_category`}
                    label="opinions.field.planCategory"
                    choices={PLAN_CATEGORIES.map((p) => ({ value: p, label: categoryKey(p) }))}
                  />
                  <Field
                    ctx={ctx}
                    form={form}
                    name={`plan${i}_details`}
                    label={t('opinions.field.planDetails')}
                    hint={t('opinions.field.planDetailsHint')}
                    maxLength={LIMITS.shortText}
                  />
                </div>
              ))}
              <Textarea
                ctx={ctx}
                form={form}
                name="optionsDiscussed"
                label="opinions.field.optionsDiscussed"
                hint="opinions.field.optionsDiscussedHint"
                maxLength={LIMITS.longText}
                rows={3}
              />
              <Radios
                ctx={ctx}
                form={form}
                name="urgency"
                legend="opinions.field.urgency"
                choices={URGENCIES.map((u) => ({ value: u, label: urgencyKey(u) }))}
              />
              <Textarea
                ctx={ctx}
                form={form}
                name="furtherTests"
                label="opinions.field.furtherTests"
                hint="opinions.field.furtherTestsHint"
                maxLength={LIMITS.longText}
                rows={3}
              />
              <Textarea
                ctx={ctx}
                form={form}
                name="trials"
                label="opinions.field.trials"
                hint="opinions.field.trialsHint"
                maxLength={LIMITS.longText}
                rows={3}
              />
            </Section>

            <Section
              id="answers"
              title={t('opinions.answers.heading')}
              intro={questions.length ? t('opinions.form.answersIntro') : t('opinions.form.answersIntroNone')}
            >
              {questions.map((q, i) => (
                <>
                  <input type="hidden" name={`cq${i}_id`} value={q.id} />
                  <input type="hidden" name={`cq${i}_text`} value={q.text} />
                  <Field
                    ctx={ctx}
                    form={form}
                    name={`cq${i}_answer`}
                    label={q.text}
                    multiline
                    maxLength={LIMITS.longText}
                  />
                </>
              ))}
              {range(rows.freeAnswers).map((i) => (
                <div class="so-row" role="group" aria-labelledby={`qa${i}-title`}>
                  <p class="so-row-title" id={`qa${i}-title`}>
                    {t('opinions.form.questionN', { n: i + 1 })}
                  </p>
                  <Field
                    ctx={ctx}
                    form={form}
                    name={`qa${i}_question`}
                    label={t('opinions.field.question')}
                    maxLength={LIMITS.question}
                  />
                  <Field
                    ctx={ctx}
                    form={form}
                    name={`qa${i}_answer`}
                    label={t('opinions.field.answer')}
                    multiline
                    maxLength={LIMITS.longText}
                  />
                </div>
              ))}
            </Section>

            <Section id="notes" title={t('opinions.field.notes')}>
              <Textarea
                ctx={ctx}
                form={form}
                name="notes"
                label="opinions.field.notesLabel"
                hint="opinions.field.notesHint"
                maxLength={LIMITS.longText}
                rows={4}
              />
            </Section>

            <div class="so-form-actions">
              <button class="usa-button" type="submit">
                {t('opinions.form.save')}
              </button>
              <button class="usa-button usa-button--outline" type="submit" name="intent" value="more">
                {t('opinions.form.moreRows')}
              </button>
              <a
                class="usa-button usa-button--unstyled margin-left-2"
                href={opinion ? `/cases/${c.id}/opinions/${opinion.id}` : `/cases/${c.id}/opinions`}
              >
                {t('form.cancel')}
              </a>
            </div>
          </form>
        </div>
      </div>
    </StepLayout>
  );
}
