import type { ComponentChildren } from 'preact';
import { EMERGENCY_ACTIONS, EMERGENCY_SIGNS } from '../../content/emergency.ts';
import { NEXT_STEPS } from '../../content/next-steps.ts';
import { findReason } from '../../content/reasons.ts';
import { REASSURANCE, STUDY_FINDINGS } from '../../content/reassurance.ts';
import type { SourcedItem } from '../../content/types.ts';
import { FAST_OPINION_TIPS, WAITING_GUIDANCE } from '../../content/waiting.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary } from '../../platform/ui/components.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { ContentText, SourcedText, SourceNote } from '../../platform/ui/sourced.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { type Answers, type AssessmentResult, QUESTION_IDS, QUESTIONS, type QuestionId } from './assessment.ts';

const questionKey = (id: QuestionId) => `assessment.q.${id}` as MessageKey;
const choiceKey = (id: QuestionId, choice: string) => `assessment.q.${id}.${choice}` as MessageKey;
/** Some choices carry an example under the label. */
const CHOICE_HINTS: Partial<Record<string, MessageKey>> = {
  'diagnosis.serious': 'assessment.q.diagnosis.serious.hint',
  'diagnosis.minor': 'assessment.q.diagnosis.minor.hint',
};

export const assessmentBase = (caseId: string) => `/cases/${caseId}/assessment`;
export const questionHref = (caseId: string, id: QuestionId, returnTo?: 'review') =>
  `${assessmentBase(caseId)}/${id}${returnTo ? `?returnTo=${returnTo}` : ''}`;

/** A fact in a paragraph, with its source beside it. */
function Fact({ ctx, item, class: cls }: { ctx: PageContext; item: SourcedItem; class?: string }) {
  return (
    <p class={cls}>
      <SourcedText ctx={ctx} item={item} />
    </p>
  );
}

function Reassurance({ ctx }: { ctx: PageContext }) {
  return (
    <div class="usa-summary-box margin-y-3" role="region" aria-labelledby="routine-heading">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="routine-heading">
          {ctx.t('assessment.result.routineHeading')}
        </h2>
        <div class="usa-summary-box__text">
          {REASSURANCE.map((item) => (
            <Fact ctx={ctx} item={item} />
          ))}
        </div>
      </div>
    </div>
  );
}

export function AssessmentIntroPage({
  ctx,
  c,
  answers,
  completed,
}: {
  ctx: PageContext;
  c: CaseContext;
  answers: Partial<Answers>;
  completed: boolean;
}) {
  const t = ctx.t;
  const started = Object.keys(answers).length > 0;
  const firstOpen = QUESTION_IDS.find((id) => answers[id] === undefined);
  return (
    <StepLayout ctx={ctx} c={c} title={t('assessment.title')}>
      <h1>{t('assessment.title')}</h1>
      <p class="usa-intro">{t('assessment.intro')}</p>
      <p>{t('assessment.introTime')}</p>
      <p>{t('assessment.notAdvice')}</p>
      <p class="so-no-print">
        {completed ? (
          <>
            <a class="usa-button" href={`${assessmentBase(c.id)}/result`}>
              {t('assessment.seeResult')}
            </a>
            <a class="usa-button usa-button--outline" href={`${assessmentBase(c.id)}/review`}>
              {t('assessment.changeAnswers')}
            </a>
          </>
        ) : (
          <a
            class="usa-button usa-button--big"
            href={questionHref(c.id, started && firstOpen ? firstOpen : 'emergency')}
          >
            {started ? t('assessment.continue') : t('assessment.start')}
          </a>
        )}
        {!completed && started && !firstOpen ? (
          <a class="usa-button usa-button--outline" href={`${assessmentBase(c.id)}/review`}>
            {t('assessment.review.title')}
          </a>
        ) : null}
      </p>
      <Reassurance ctx={ctx} />
      <h2>{t('assessment.whyAsk')}</h2>
      {STUDY_FINDINGS.map((item) => (
        <Fact ctx={ctx} item={item} />
      ))}
    </StepLayout>
  );
}

/** The values a question page shows: the saved or pre-filled answer, or what was just posted. */
export function ChoiceQuestion({ ctx, id, form }: { ctx: PageContext; id: QuestionId; form: FormState }) {
  const t = ctx.t;
  const q = QUESTIONS.find((x) => x.id === id)!;
  const error = form.errors[id];
  const current = new Set((form.values[id] ?? '').split(',').filter(Boolean));
  const type = q.multiple ? 'checkbox' : 'radio';
  const hintIds =
    [id === 'emergency' || q.multiple ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') ||
    undefined;
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={hintIds}>
        <legend class="usa-legend usa-legend--large">
          <h1 class="margin-0">{t(questionKey(id))}</h1>
        </legend>
        {id === 'emergency' ? (
          <div class="usa-hint so-hint-strong" id={`${id}-hint`}>
            <p>{t('assessment.q.emergency.hint')}</p>
            <ul class="usa-list">
              {EMERGENCY_SIGNS.map((s) => (
                <li>
                  <ContentText ctx={ctx} item={s} />
                </li>
              ))}
            </ul>
            <p>
              <SourceNote ctx={ctx} source={EMERGENCY_SIGNS[0]!.source} />
            </p>
          </div>
        ) : q.multiple ? (
          <div class="usa-hint" id={`${id}-hint`}>
            {t('assessment.chooseAll')}
          </div>
        ) : null}
        {error ? (
          <span class="usa-error-message" id={`${id}-error`} role="alert">
            {t(error)}
          </span>
        ) : null}
        {q.choices.map((choice, i) => {
          const inputId = i === 0 ? id : `${id}-${choice}`;
          const hint = CHOICE_HINTS[`${id}.${choice}`];
          return (
            <div class={`usa-${type}`}>
              <input
                class={`usa-${type}__input usa-${type}__input--tile`}
                id={inputId}
                type={type}
                name={id}
                value={choice}
                checked={current.has(choice)}
              />
              <label class={`usa-${type}__label`} for={inputId}>
                {t(choiceKey(id, choice))}
                {hint ? <span class={`usa-${type}__label-description`}>{t(hint)}</span> : null}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

export function AssessmentQuestionPage(props: {
  ctx: PageContext;
  c: CaseContext;
  id: QuestionId;
  form: FormState;
  prefilled: boolean;
  backHref: string;
  returnTo: 'review' | null;
}) {
  const { ctx, c, id, form } = props;
  const t = ctx.t;
  const n = QUESTION_IDS.indexOf(id) + 1;
  const action = questionHref(c.id, id);
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={`${t(questionKey(id))} (${t('assessment.progress', { n, total: QUESTION_IDS.length })})`}
      crumbs={[[t('assessment.title'), assessmentBase(c.id)]]}
    >
      <p class="margin-top-2">
        <a class="usa-link" href={props.backHref}>
          {t('assessment.back')}
        </a>
      </p>
      <p class="so-meta margin-bottom-1">{t('assessment.progress', { n, total: QUESTION_IDS.length })}</p>
      <ErrorSummary ctx={ctx} form={form} />
      {props.prefilled ? (
        <div class="usa-alert usa-alert--info usa-alert--slim usa-alert--no-icon margin-bottom-2">
          <div class="usa-alert__body">
            <p class="usa-alert__text">{t('assessment.prefilled')}</p>
          </div>
        </div>
      ) : null}
      <form class="usa-form usa-form--large" method="post" action={action} novalidate>
        <Csrf ctx={ctx} />
        {props.returnTo ? <input type="hidden" name="returnTo" value={props.returnTo} /> : null}
        <ChoiceQuestion ctx={ctx} id={id} form={form} />
        <button class="usa-button usa-button--big margin-top-3" type="submit">
          {props.returnTo ? t('assessment.saveAndReview') : t('assessment.next')}
        </button>
      </form>
    </StepLayout>
  );
}

export function answerText(ctx: PageContext, id: QuestionId, answers: Partial<Answers>): string | null {
  const v = answers[id];
  if (v === undefined) return null;
  const list = Array.isArray(v) ? v : [v];
  if (list.length === 0) return null;
  return list.map((choice) => ctx.t(choiceKey(id, choice))).join('; ');
}

export function AssessmentReviewPage({
  ctx,
  c,
  answers,
  form,
}: {
  ctx: PageContext;
  c: CaseContext;
  answers: Partial<Answers>;
  form: FormState;
}) {
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('assessment.review.title')}
      crumbs={[[t('assessment.title'), assessmentBase(c.id)]]}
    >
      <h1>{t('assessment.review.title')}</h1>
      <p>{t('assessment.review.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <dl class="so-answers">
        {QUESTION_IDS.map((id) => {
          const text = answerText(ctx, id, answers);
          return (
            <div class={`so-answers__row${form.errors[id] ? ' usa-form-group--error' : ''}`} id={id}>
              <dt>{t(questionKey(id))}</dt>
              <dd>
                {text ?? <strong>{t('assessment.review.notAnswered')}</strong>}{' '}
                <a class="so-no-print" href={questionHref(c.id, id, 'review')}>
                  {t('assessment.review.change')}
                  <span class="usa-sr-only">
                    {' '}
                    {t('assessment.review.changeLabel', { question: t(questionKey(id)) })}
                  </span>
                </a>
              </dd>
            </div>
          );
        })}
      </dl>
      <form method="post" action={`${assessmentBase(c.id)}/review`} class="margin-top-3">
        <Csrf ctx={ctx} />
        <button class="usa-button usa-button--big" type="submit">
          {t('assessment.review.submit')}
        </button>
      </form>
    </StepLayout>
  );
}

function EmergencyFirst({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  return (
    <>
      <div class="usa-alert usa-alert--error so-emergency margin-top-2" role="alert" aria-labelledby="result-heading">
        <div class="usa-alert__body">
          <h1 class="usa-alert__heading so-result-heading" id="result-heading">
            {t('assessment.result.level.emergency')}
          </h1>
          {EMERGENCY_ACTIONS.map((item, i) => (
            <Fact ctx={ctx} item={item} class={i === 0 ? 'usa-alert__text so-emergency-call' : 'usa-alert__text'} />
          ))}
        </div>
      </div>
      <h2>{t('assessment.result.emergencySigns')}</h2>
      <ul class="usa-list">
        {EMERGENCY_SIGNS.map((s) => (
          <li>
            <ContentText ctx={ctx} item={s} />
          </li>
        ))}
      </ul>
      <p>
        <SourceNote ctx={ctx} source={EMERGENCY_SIGNS[0]!.source} />
      </p>
    </>
  );
}

function UrgentSection({ ctx, result }: { ctx: PageContext; result: AssessmentResult }) {
  const t = ctx.t;
  return (
    <section class="usa-alert usa-alert--warning so-emergency margin-y-3" aria-labelledby="urgent-heading">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading" id="urgent-heading">
          {result.fastOpinion ? t('assessment.result.urgentHeading') : t('assessment.result.askHeading')}
        </h2>
        <Fact ctx={ctx} item={EMERGENCY_ACTIONS[1]!} class="usa-alert__text" />
        {result.fastOpinion ? <h3>{t('assessment.result.askHeading')}</h3> : null}
        {WAITING_GUIDANCE.map((item) => (
          <Fact ctx={ctx} item={item} class="usa-alert__text" />
        ))}
        {result.fastOpinion ? (
          <>
            <h3>{t('assessment.result.fastHeading')}</h3>
            <ul class="usa-list">
              {FAST_OPINION_TIPS.map((item) => (
                <li>
                  <SourcedText ctx={ctx} item={item} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </section>
  );
}

export function AssessmentResultPage({
  ctx,
  c,
  result,
  linkedSteps,
  nextQuestion,
}: {
  ctx: PageContext;
  c: CaseContext;
  result: AssessmentResult;
  /** Journey steps that have pages; other next steps are shown without a link. */
  linkedSteps: readonly string[];
  /** Where to carry on when the check is not finished (after an emergency answer). */
  nextQuestion: QuestionId | null;
}) {
  const t = ctx.t;
  const level = result.level;
  const title = t(`assessment.result.level.${level}` as MessageKey);
  const caseTitle = c.title || t('cases.untitledNoDiagnosis');
  // In an emergency nothing may come before "get care now", not even the case's name, so
  // this page builds its own frame instead of the usual step layout.
  const Frame = result.emergency
    ? (p: { children: ComponentChildren }) => (
        <Layout
          ctx={ctx}
          title={`${title} - ${caseTitle}`}
          nav="dashboard"
          crumbs={[
            [t('dashboard.title'), '/dashboard'],
            [caseTitle, `/cases/${c.id}`],
            [t('assessment.title'), assessmentBase(c.id)],
            [title],
          ]}
        >
          {p.children}
          <p class="margin-top-5 so-no-print">
            <a href={`/cases/${c.id}`}>{t('step.backToCase')}</a>
          </p>
        </Layout>
      )
    : (p: { children: ComponentChildren }) => (
        <StepLayout ctx={ctx} c={c} title={title} crumbs={[[t('assessment.title'), assessmentBase(c.id)]]}>
          {p.children}
        </StepLayout>
      );
  return (
    <Frame>
      {result.emergency ? (
        <>
          <EmergencyFirst ctx={ctx} />
          <p class="so-meta">
            {caseTitle} · {t('dashboard.for', { name: c.patientName })}
          </p>
          <h2 class="margin-top-5">{t('assessment.result.afterEmergency')}</h2>
          <p>{t('assessment.result.afterEmergencyText')}</p>
          {nextQuestion ? (
            <p class="so-no-print">
              <a href={questionHref(c.id, nextQuestion)}>{t('assessment.result.finishLater')}</a>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <h1 class="so-result-heading" id="result-heading">
            {t(`assessment.result.level.${level}` as MessageKey)}
          </h1>
          <p class="usa-intro">{t(`assessment.result.intro.${level}` as MessageKey)}</p>
        </>
      )}

      {!result.emergency && result.askHowLong ? <UrgentSection ctx={ctx} result={result} /> : null}

      <Reassurance ctx={ctx} />

      {result.reasons.length > 0 ? (
        <section aria-labelledby="reasons-heading">
          <h2 id="reasons-heading">{t('assessment.result.reasonsHeading')}</h2>
          <ul class="so-card-list">
            {result.reasons.map((id) => {
              const r = findReason(id);
              return (
                <li>
                  <h3 class="margin-top-0">{t(r.title)}</h3>
                  <Fact ctx={ctx} item={r} class="margin-bottom-0" />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      {result.emergency && result.askHowLong ? <UrgentSection ctx={ctx} result={result} /> : null}

      <section aria-labelledby="next-heading">
        <h2 id="next-heading">{t('assessment.result.nextHeading')}</h2>
        <ol class="usa-process-list">
          {NEXT_STEPS.filter((s) => result.nextSteps.includes(s.id)).map((s) => (
            <li class="usa-process-list__item">
              <h3 class="usa-process-list__heading">{t(s.title)}</h3>
              <Fact ctx={ctx} item={s} class="margin-top-05" />
              {linkedSteps.includes(s.step) ? (
                <p class="so-no-print">
                  <a href={`/cases/${c.id}/${s.step}`}>
                    {t('assessment.result.nextLink')}
                    <span class="usa-sr-only">: {t(s.title)}</span>
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>

      {STUDY_FINDINGS.map((item) => (
        <Fact ctx={ctx} item={item} />
      ))}
      <p>{t('assessment.notAdvice')}</p>
      <p class="so-no-print">
        <a class="usa-button usa-button--outline" href={`${assessmentBase(c.id)}/review`}>
          {t('assessment.changeAnswers')}
        </a>
        <a class="usa-button usa-button--outline" href="#" data-print hidden>
          {t('assessment.result.print')}
        </a>
      </p>
    </Frame>
  );
}
