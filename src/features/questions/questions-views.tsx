import { type BankQuestion, CORE_TOPICS, type QuestionTopic } from '../../content/question-bank.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { Csrf, ErrorSummary, formatDate, Textarea, TextInput } from '../../platform/ui/components.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { SourceNote } from '../../platform/ui/sourced.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { ANSWER_MAX, answerField, DOCTOR_NAME_MAX, QUESTION_MAX } from './questions.ts';
import type { DoctorRecord } from './questions-store.ts';

/** A question ready to show: its words already chosen (the person's or the bank's). */
export interface ShownQuestion {
  id: string;
  text: string;
  important: boolean;
  /** The bank item, while the words are still the bank's: its source is shown. */
  bank: BankQuestion | null;
  own: boolean;
  changed: boolean;
}

export const questionsBase = (caseId: string) => `/cases/${caseId}/questions`;

const topicKey = (topic: QuestionTopic): MessageKey =>
  (CORE_TOPICS as readonly string[]).includes(topic)
    ? 'questions.topic.core'
    : (`questions.topic.${topic}` as MessageKey);

/** One small form per action: it works without JavaScript and says which question it is for. */
function ActionButton(props: {
  ctx: PageContext;
  caseId: string;
  intent: string;
  questionId?: string;
  bankId?: string;
  label: string;
  which?: string;
  variant?: 'primary' | 'outline' | 'secondary' | 'unstyled';
  disabled?: boolean;
}) {
  return (
    <form method="post" action={questionsBase(props.caseId)} class="so-inline-form">
      <Csrf ctx={props.ctx} />
      <input type="hidden" name="intent" value={props.intent} />
      {props.questionId ? <input type="hidden" name="questionId" value={props.questionId} /> : null}
      {props.bankId ? <input type="hidden" name="bankId" value={props.bankId} /> : null}
      <button
        type="submit"
        class={`usa-button${props.variant === 'primary' ? '' : ` usa-button--${props.variant ?? 'outline'}`} so-action`}
        disabled={props.disabled}
      >
        {props.label}
        {props.which ? <span class="usa-sr-only"> ({props.which})</span> : null}
      </button>
    </form>
  );
}

function Checkbox({ ctx, form, name, label }: { ctx: PageContext; form: FormState; name: string; label: MessageKey }) {
  return (
    <div class="usa-checkbox margin-top-2">
      <input
        class="usa-checkbox__input"
        id={name}
        type="checkbox"
        name={name}
        value="1"
        checked={form.values[name] === '1'}
      />
      <label class="usa-checkbox__label" for={name}>
        {ctx.t(label)}
      </label>
    </div>
  );
}

export function QuestionsPage(props: {
  ctx: PageContext;
  c: CaseContext;
  questions: ShownQuestion[];
  removedOwn: ShownQuestion[];
  suggested: BankQuestion[];
  other: BankQuestion[];
  answeredBy: Record<string, string[]>;
  readyAt: string | null;
  form: FormState;
}) {
  const { ctx, c, questions } = props;
  const t = ctx.t;
  const base = questionsBase(c.id);
  const byTopic = (list: BankQuestion[]) => {
    const groups = new Map<MessageKey, BankQuestion[]>();
    for (const q of list) groups.set(topicKey(q.topic), [...(groups.get(topicKey(q.topic)) ?? []), q]);
    return [...groups];
  };
  const BankList = ({ list }: { list: BankQuestion[] }) => (
    <>
      {byTopic(list).map(([heading, qs]) => (
        <>
          <h4>{t(heading)}</h4>
          <ul class="so-card-list">
            {qs.map((q) => (
              <li>
                <p class="margin-top-0">
                  {t(q.text)} <SourceNote ctx={ctx} source={q.source} item={q} />
                </p>
                <ActionButton
                  ctx={ctx}
                  caseId={c.id}
                  intent="addBank"
                  bankId={q.id}
                  label={t('questions.actions.add')}
                  which={t(q.text)}
                />
              </li>
            ))}
          </ul>
        </>
      ))}
    </>
  );

  return (
    <StepLayout ctx={ctx} c={c} title={t('questions.title')}>
      <h1>{t('questions.title')}</h1>
      <p class="usa-intro">{t('questions.intro')}</p>
      <ErrorSummary ctx={ctx} form={props.form} />
      <p>
        <a class="usa-button" href={`${base}/print`}>
          {t('questions.print')}
        </a>
        <a class="usa-button usa-button--outline" href={`${base}/sheet.pdf`}>
          {t('questions.pdf')}
        </a>
        <a class="usa-button usa-button--outline" href={`${base}/answers`}>
          {t('questions.recordAnswers')}
        </a>
      </p>
      <p>
        <a href="#add-heading">{t('questions.add.jump')}</a>
      </p>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t('questions.list.heading')}</h2>
        <p class="so-meta">{t('questions.count', { count: questions.length })}</p>
        {questions.length === 0 ? <p>{t('questions.list.empty')}</p> : null}
        <ol class="so-question-list">
          {questions.map((q, i) => {
            const which = t('questions.actions.which', { n: i + 1 });
            const names = props.answeredBy[q.id] ?? [];
            return (
              <li id={`q-${q.id}`} class={q.important ? 'so-question so-question--important' : 'so-question'}>
                <p class="so-question__text">
                  {q.important ? (
                    <span class="so-status so-status--important">{t('questions.list.importantTag')}</span>
                  ) : null}{' '}
                  {q.text}
                </p>
                <p class="so-meta margin-y-05">
                  {q.bank ? (
                    <SourceNote ctx={ctx} source={q.bank.source} item={q.bank} />
                  ) : q.own ? (
                    t('questions.list.yours')
                  ) : (
                    t('questions.list.changed')
                  )}
                  {names.length ? <> · {t('questions.list.answeredBy', { names: names.join(', ') })}</> : null}
                </p>
                <div class="so-question__actions">
                  <ActionButton
                    ctx={ctx}
                    caseId={c.id}
                    intent="up"
                    questionId={q.id}
                    label={t('questions.actions.up')}
                    which={which}
                    disabled={i === 0}
                  />
                  <ActionButton
                    ctx={ctx}
                    caseId={c.id}
                    intent="down"
                    questionId={q.id}
                    label={t('questions.actions.down')}
                    which={which}
                    disabled={i === questions.length - 1}
                  />
                  <ActionButton
                    ctx={ctx}
                    caseId={c.id}
                    intent={q.important ? 'unmark' : 'mark'}
                    questionId={q.id}
                    label={q.important ? t('questions.actions.unmark') : t('questions.actions.mark')}
                    which={which}
                  />
                  <a class="usa-button usa-button--outline so-action" href={`${base}/${q.id}`}>
                    {t('questions.actions.edit')}
                    <span class="usa-sr-only"> ({which})</span>
                  </a>
                  <ActionButton
                    ctx={ctx}
                    caseId={c.id}
                    intent="remove"
                    questionId={q.id}
                    label={t('questions.actions.remove')}
                    which={which}
                    variant="secondary"
                  />
                </div>
              </li>
            );
          })}
        </ol>
      </section>

      <section aria-labelledby="add-heading" class="margin-top-4">
        <h2 id="add-heading">{t('questions.add.heading')}</h2>
        <form class="usa-form usa-form--large" method="post" action={base} novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="intent" value="add" />
          <Textarea
            ctx={ctx}
            form={props.form}
            name="text"
            label="questions.add.label"
            hint="questions.add.hint"
            required
            maxLength={QUESTION_MAX}
            rows={3}
          />
          <Checkbox ctx={ctx} form={props.form} name="important" label="questions.important.label" />
          <button class="usa-button margin-top-2" type="submit">
            {t('questions.add.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="ready-heading" class="margin-top-4 usa-summary-box">
        <div class="usa-summary-box__body">
          <h2 id="ready-heading" class="usa-summary-box__heading">
            {t('questions.ready.heading')}
          </h2>
          {props.readyAt ? (
            <>
              <p>{t('questions.ready.isReady', { date: formatDate(ctx, props.readyAt) })}</p>
              <ActionButton ctx={ctx} caseId={c.id} intent="notReady" label={t('questions.ready.undo')} />
            </>
          ) : (
            <>
              <p>{t('questions.ready.text')}</p>
              <ActionButton
                ctx={ctx}
                caseId={c.id}
                intent="ready"
                label={t('questions.ready.button')}
                variant="primary"
              />
            </>
          )}
        </div>
      </section>

      {props.suggested.length + props.other.length > 0 ? (
        <section aria-labelledby="more-heading" class="margin-top-4">
          <h2 id="more-heading">{t('questions.more.heading')}</h2>
          <p>{t('questions.more.intro')}</p>
          {props.suggested.length > 0 ? (
            <>
              <h3>{t('questions.more.suggested')}</h3>
              <BankList list={props.suggested} />
            </>
          ) : null}
          {props.other.length > 0 ? (
            <details class="so-details">
              <summary>
                <h3 class="display-inline">{t('questions.more.other')}</h3>
              </summary>
              <BankList list={props.other} />
            </details>
          ) : null}
        </section>
      ) : null}

      {props.removedOwn.length > 0 ? (
        <section aria-labelledby="removed-heading" class="margin-top-4">
          <h2 id="removed-heading">{t('questions.removed.heading')}</h2>
          <ul class="so-card-list">
            {props.removedOwn.map((q) => (
              <li>
                <p class="margin-top-0">{q.text}</p>
                <ActionButton
                  ctx={ctx}
                  caseId={c.id}
                  intent="restore"
                  questionId={q.id}
                  label={t('questions.actions.restore')}
                  which={q.text}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </StepLayout>
  );
}

export function EditQuestionPage({
  ctx,
  c,
  questionId,
  form,
}: {
  ctx: PageContext;
  c: CaseContext;
  questionId: string;
  form: FormState;
}) {
  const t = ctx.t;
  const base = questionsBase(c.id);
  return (
    <StepLayout ctx={ctx} c={c} title={t('questions.edit.title')} crumbs={[[t('questions.title'), base]]}>
      <h1>{t('questions.edit.title')}</h1>
      <p>{t('questions.edit.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={`${base}/${questionId}`} novalidate>
        <Csrf ctx={ctx} />
        <Textarea
          ctx={ctx}
          form={form}
          name="text"
          label="questions.add.label"
          required
          maxLength={QUESTION_MAX}
          rows={4}
        />
        <Checkbox ctx={ctx} form={form} name="important" label="questions.important.label" />
        <button class="usa-button margin-top-2" type="submit">
          {t('form.save')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`${base}#q-${questionId}`}>
          {t('form.cancel')}
        </a>
      </form>
    </StepLayout>
  );
}

/** The large-print sheet: the same page prints well, and reads well on screen. */
export function QuestionSheetPage({
  ctx,
  c,
  important,
  others,
}: {
  ctx: PageContext;
  c: CaseContext;
  important: string[];
  others: string[];
}) {
  const t = ctx.t;
  const base = questionsBase(c.id);
  const caseTitle = c.title || t('cases.untitledNoDiagnosis');
  let n = 0;
  const Section = ({ heading, list }: { heading: string; list: string[] }) =>
    list.length === 0 ? null : (
      <section>
        <h2>{heading}</h2>
        <ol class="so-sheet__list">
          {list.map((q) => {
            n += 1;
            return (
              <li value={n}>
                <p class="so-sheet__question">{q}</p>
                <div class="so-sheet__lines" aria-hidden="true">
                  <span></span>
                  <span></span>
                  <span></span>
                  <span></span>
                </div>
              </li>
            );
          })}
        </ol>
      </section>
    );
  return (
    <Layout
      ctx={ctx}
      title={`${t('questions.sheet.title')} - ${caseTitle}`}
      nav="dashboard"
      crumbs={[
        [t('dashboard.title'), '/dashboard'],
        [caseTitle, `/cases/${c.id}`],
        [t('questions.title'), base],
        [t('questions.sheet.title')],
      ]}
    >
      <div class="so-sheet">
        <p class="so-no-print margin-top-2">
          <a class="usa-button" href="#" data-print hidden>
            {t('questions.sheet.printButton')}
          </a>
          <a class="usa-button usa-button--outline" href={`${base}/sheet.pdf`}>
            {t('questions.pdf')}
          </a>
          <a class="usa-button usa-button--unstyled" href={base}>
            {t('questions.sheet.back')}
          </a>
        </p>
        <h1>{t('questions.sheet.title')}</h1>
        <p class="so-sheet__meta">{t('questions.sheet.for', { name: c.patientName })}</p>
        <p class="so-sheet__meta">{t('questions.sheet.case', { title: caseTitle })}</p>
        <p class="so-sheet__blanks">
          <span>
            {t('questions.sheet.doctor')} <span class="so-sheet__blank so-sheet__blank--long"></span>
          </span>
          <span>
            {t('questions.sheet.date')} <span class="so-sheet__blank"></span>
          </span>
        </p>
        <Section heading={t('questions.sheet.important')} list={important} />
        <Section
          heading={important.length > 0 ? t('questions.sheet.others') : t('questions.sheet.all')}
          list={others}
        />
      </div>
    </Layout>
  );
}

export function AnswersIndexPage(props: {
  ctx: PageContext;
  c: CaseContext;
  doctors: DoctorRecord[];
  questions: ShownQuestion[];
  answers: Record<string, Record<string, string>>;
  form: FormState;
}) {
  const { ctx, c, doctors, questions } = props;
  const t = ctx.t;
  const base = questionsBase(c.id);
  const answered = questions.filter((q) => Object.keys(props.answers[q.id] ?? {}).length > 0);
  return (
    <StepLayout ctx={ctx} c={c} title={t('questions.answers.title')} crumbs={[[t('questions.title'), base]]}>
      <h1>{t('questions.answers.title')}</h1>
      <p class="usa-intro">{t('questions.answers.intro')}</p>
      <ErrorSummary ctx={ctx} form={props.form} />
      <section aria-labelledby="doctors-heading">
        <h2 id="doctors-heading">{t('questions.answers.doctorsHeading')}</h2>
        {doctors.length === 0 ? (
          <p>{t('questions.answers.noDoctors')}</p>
        ) : (
          <ul class="usa-list usa-list--unstyled">
            {doctors.map((d) => (
              <li class="margin-bottom-1">
                <a class="usa-button usa-button--outline" href={`${base}/answers/${d.id}`}>
                  {t('questions.answers.write', { name: d.name })}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-doctor-heading" class="margin-top-3">
        <h2 id="add-doctor-heading">{t('questions.answers.addHeading')}</h2>
        <form class="usa-form usa-form--large" method="post" action={`${base}/answers`} novalidate>
          <Csrf ctx={ctx} />
          <TextInput
            ctx={ctx}
            form={props.form}
            name="name"
            label="questions.answers.nameLabel"
            hint="questions.answers.nameHint"
            required
            maxLength={DOCTOR_NAME_MAX}
          />
          <button class="usa-button margin-top-2" type="submit">
            {t('questions.answers.addSubmit')}
          </button>
        </form>
      </section>
      <section aria-labelledby="all-answers-heading" class="margin-top-4">
        <h2 id="all-answers-heading">{t('questions.answers.allHeading')}</h2>
        {answered.length === 0 ? <p>{t('questions.answers.none')}</p> : null}
        {answered.map((q) => (
          <div class="so-card-list">
            <h3>{q.text}</h3>
            <dl class="so-key-facts">
              {doctors
                .filter((d) => props.answers[q.id]?.[d.id])
                .map((d) => (
                  <>
                    <dt>{d.name}</dt>
                    <dd class="so-pre-line">{props.answers[q.id]![d.id]}</dd>
                  </>
                ))}
            </dl>
          </div>
        ))}
      </section>
    </StepLayout>
  );
}

/** A textarea whose label is the question itself, so each box says what it answers. */
function AnswerField({
  ctx,
  form,
  name,
  label,
  hint,
}: {
  ctx: PageContext;
  form: FormState;
  name: string;
  label: string;
  hint: string;
}) {
  const error = form.errors[name];
  const described = [`${name}-hint`, error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`usa-form-group so-answer-block${error ? ' usa-form-group--error' : ''}`}>
      <label class={`usa-label so-answer-block__question${error ? ' usa-label--error' : ''}`} for={name}>
        {label}
      </label>
      <div class="usa-hint" id={`${name}-hint`}>
        {hint}
      </div>
      {error ? (
        <span class="usa-error-message" id={`${name}-error`} role="alert">
          {ctx.t(error)}
        </span>
      ) : null}
      <textarea
        class={`usa-textarea${error ? ' usa-input--error' : ''}`}
        id={name}
        name={name}
        rows={4}
        maxLength={ANSWER_MAX}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      >
        {form.values[name] ?? ''}
      </textarea>
    </div>
  );
}

export function DoctorAnswersPage({
  ctx,
  c,
  doctor,
  questions,
  form,
}: {
  ctx: PageContext;
  c: CaseContext;
  doctor: DoctorRecord;
  questions: ShownQuestion[];
  form: FormState;
}) {
  const t = ctx.t;
  const base = questionsBase(c.id);
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('questions.answers.forDoctor', { name: doctor.name })}
      crumbs={[
        [t('questions.title'), base],
        [t('questions.answers.title'), `${base}/answers`],
      ]}
    >
      <h1>{t('questions.answers.forDoctor', { name: doctor.name })}</h1>
      <p>{t('questions.answers.forDoctorIntro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={`${base}/answers/${doctor.id}`} novalidate>
        <Csrf ctx={ctx} />
        {questions.map((q, i) => (
          <AnswerField
            ctx={ctx}
            form={form}
            name={answerField(q.id)}
            label={`${i + 1}. ${q.text}`}
            hint={t('questions.answers.answerLabel', { name: doctor.name })}
          />
        ))}
        <button class="usa-button usa-button--big margin-top-3" type="submit">
          {t('questions.answers.save')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`${base}/answers`}>
          {t('questions.answers.backToList')}
        </a>
      </form>
    </StepLayout>
  );
}
