import type { CoverageRule } from '../../content/coverage.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import { formatClockTime } from '../../platform/dates.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import {
  Alert,
  Csrf,
  ErrorSummary,
  formatDate,
  MemorableDate,
  Radios,
  Textarea,
  TextInput,
} from '../../platform/ui/components.tsx';
import type { FormState, FormValues, PageContext } from '../../platform/ui/page-context.ts';
import { SourcedText } from '../../platform/ui/sourced.tsx';
import { type StaleField, StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import {
  type AppliedRule,
  type CallRecord,
  type CallScript,
  maskMemberId,
  PLAN_GROUPS,
  type PlanRecord,
  PRIOR_AUTH_STATUSES,
  type ScriptLine,
  tracksPriorAuth,
} from './coverage.ts';

const planKey = (p: string) => `coverage.planType.${p}` as MessageKey;
const planHintKey = (p: string) => `coverage.planType.${p}.hint` as MessageKey;
const topicKey = (topic: string) => `coverage.rules.topic.${topic}` as MessageKey;
const priorAuthKey = (s: string) => `coverage.priorAuth.status.${s}` as MessageKey;

function RuleList({ ctx, rules }: { ctx: PageContext; rules: (CoverageRule & { matchesCase?: boolean })[] }) {
  return (
    <ul class="so-rule-list">
      {rules.map((r) => (
        <li data-rule={r.id}>
          <span class="text-bold">{ctx.t(topicKey(r.topic))}:</span>{' '}
          {r.matchesCase ? (
            <span class="so-status so-status--in-progress">{ctx.t('coverage.rules.matches')}</span>
          ) : null}{' '}
          <SourcedText ctx={ctx} item={r} />
        </li>
      ))}
    </ul>
  );
}

// ---------- the step's main page ----------

export function CoveragePage(props: {
  ctx: PageContext;
  c: CaseContext;
  plan: PlanRecord | null;
  rules: AppliedRule[];
  appeal: CoverageRule[];
  calls: CallRecord[];
  today: string;
  clearDraft: boolean;
}) {
  const { ctx, c, plan, rules, calls } = props;
  const t = ctx.t;
  return (
    <StepLayout ctx={ctx} c={c} title={t('coverage.title')}>
      <h1>{t('coverage.title')}</h1>
      <p class="usa-intro">{t('coverage.intro')}</p>
      {props.clearDraft ? <div hidden data-draft-clear={`coverage-call-${c.id}`} /> : null}
      {c.urgency === 'right_away' ? (
        <Alert type="warning" slim>
          <p>{t('coverage.urgent')}</p>
        </Alert>
      ) : null}

      {!plan ? (
        <div class="usa-summary-box margin-y-3" role="region" aria-labelledby="start-heading">
          <div class="usa-summary-box__body">
            <h2 class="usa-summary-box__heading" id="start-heading">
              {t('coverage.start.heading')}
            </h2>
            <div class="usa-summary-box__text">
              <p>{t('coverage.start.text', { name: c.patientName })}</p>
              <a class="usa-button" href={`/cases/${c.id}/coverage/plan`}>
                {t('coverage.plan.title')}
              </a>
            </div>
          </div>
        </div>
      ) : (
        <>
          <section aria-labelledby="plan-heading" class="margin-top-3">
            <h2 id="plan-heading">{t('coverage.summary.heading')}</h2>
            <dl class="so-key-facts">
              <dt>{t('coverage.summary.type')}</dt>
              <dd>{t(planKey(plan.planType))}</dd>
              {plan.planType !== 'uninsured' ? (
                <>
                  <dt>{t('coverage.summary.insurer')}</dt>
                  <dd>{plan.insurer ?? t('coverage.summary.notGiven')}</dd>
                  <dt>{t('coverage.summary.memberId')}</dt>
                  <dd>{maskMemberId(plan.memberId) ?? t('coverage.summary.notGiven')}</dd>
                  <dt>{t('coverage.summary.phone')}</dt>
                  <dd>{plan.planPhone ?? t('coverage.summary.notGiven')}</dd>
                </>
              ) : null}
            </dl>
            <p class="so-no-print">
              <a href={`/cases/${c.id}/coverage/plan`}>{t('coverage.plan.change')}</a>
            </p>
          </section>

          <section aria-labelledby="rules-heading" class="margin-top-4">
            <h2 id="rules-heading">{t('coverage.rules.heading')}</h2>
            <p>{t('coverage.rules.intro')}</p>
            {/* After a denial the appeal rules move to their own box below; no need to say them twice. */}
            <RuleList
              ctx={ctx}
              rules={plan.priorAuth.status === 'denied' ? rules.filter((r) => r.topic !== 'appeal') : rules}
            />
          </section>

          <section aria-labelledby="script-heading" class="margin-top-4">
            <h2 id="script-heading">{t('coverage.script.title')}</h2>
            <p>{t('coverage.script.linkHint')}</p>
            <p>
              <a class="usa-button" href={`/cases/${c.id}/coverage/script`}>
                {t('coverage.script.link')}
              </a>
            </p>
          </section>

          {/* Original Medicare approves no second-opinion visit ahead of time: no approval to track. */}
          {tracksPriorAuth(plan) ? (
            <PriorAuthSummary ctx={ctx} c={c} plan={plan} appeal={props.appeal} today={props.today} />
          ) : null}
        </>
      )}

      <section aria-labelledby="calls-heading" class="margin-top-4">
        <h2 id="calls-heading">{t('coverage.calls.heading')}</h2>
        <p>{t('coverage.calls.intro')}</p>
        <p class="so-no-print">
          <a class="usa-button" href={`/cases/${c.id}/coverage/calls/new`}>
            {t('coverage.calls.add')}
          </a>
        </p>
        {calls.length === 0 ? <p>{t('coverage.calls.empty')}</p> : <CallList ctx={ctx} calls={calls} />}
      </section>
    </StepLayout>
  );
}

function PriorAuthSummary({
  ctx,
  c,
  plan,
  appeal,
  today,
}: {
  ctx: PageContext;
  c: CaseContext;
  plan: PlanRecord;
  appeal: CoverageRule[];
  today: string;
}) {
  const t = ctx.t;
  const pa = plan.priorAuth;
  return (
    <section aria-labelledby="pa-heading" class="margin-top-4">
      <h2 id="pa-heading">{t('coverage.priorAuth.heading')}</h2>
      <p>{t('coverage.priorAuth.intro')}</p>
      <p>
        <span
          class={`so-status${pa.status === 'approved' || pa.status === 'not_needed' ? ' so-status--done' : pa.status === 'denied' ? ' so-status--overdue' : ''}`}
        >
          {t(priorAuthKey(pa.status))}
        </span>
      </p>
      <ul class="usa-list">
        {pa.number ? <li>{t('coverage.priorAuth.number', { number: pa.number })}</li> : null}
        {pa.requestedOn ? (
          <li>{t('coverage.priorAuth.requestedOn', { date: formatDate(ctx, pa.requestedOn) })}</li>
        ) : null}
        {pa.expiresOn ? (
          <li>
            {pa.expiresOn < today
              ? t('coverage.priorAuth.expired', { date: formatDate(ctx, pa.expiresOn) })
              : t('coverage.priorAuth.expires', { date: formatDate(ctx, pa.expiresOn) })}
          </li>
        ) : null}
        {pa.appealBy ? <li>{t('coverage.priorAuth.appealBy', { date: formatDate(ctx, pa.appealBy) })}</li> : null}
        {pa.notes ? <li class="so-prewrap">{pa.notes}</li> : null}
      </ul>
      {pa.status === 'denied' ? (
        <div class="usa-summary-box margin-y-2" role="region" aria-labelledby="denied-heading">
          <div class="usa-summary-box__body">
            <h3 class="usa-summary-box__heading" id="denied-heading">
              {t('coverage.priorAuth.deniedHeading')}
            </h3>
            <div class="usa-summary-box__text">
              <RuleList ctx={ctx} rules={appeal} />
              <p>{t('coverage.priorAuth.deniedSteps')}</p>
            </div>
          </div>
        </div>
      ) : null}
      <p class="so-no-print">
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/coverage/prior-auth`}>
          {t('coverage.priorAuth.change')}
        </a>
      </p>
    </section>
  );
}

function CallList({ ctx, calls }: { ctx: PageContext; calls: CallRecord[] }) {
  const t = ctx.t;
  const none = t('coverage.calls.notGiven');
  // "2:30 PM" in English, "2:30 p.m." in Spanish (platform/dates.ts, ADR 0015).
  const clock = (hhmm: string) => formatClockTime(hhmm, ctx.lang === 'es' ? 'es-US' : 'en-US');
  return (
    <ol class="so-card-list so-call-log" reversed>
      {calls.map((call) => (
        <li id={`call-${call.id}`}>
          <h3 class="margin-top-0">
            {call.calledTime
              ? t('coverage.calls.when', { date: formatDate(ctx, call.calledOn), time: clock(call.calledTime) })
              : t('coverage.calls.whenNoTime', { date: formatDate(ctx, call.calledOn) })}
          </h3>
          <dl class="so-key-facts">
            <dt>{t('coverage.calls.organization')}</dt>
            <dd>{call.organization ?? none}</dd>
            <dt>{t('coverage.calls.spokeWith')}</dt>
            <dd>{call.spokeWith ?? none}</dd>
            <dt>{t('coverage.calls.reference')}</dt>
            <dd>{call.referenceNumber ?? none}</dd>
            <dt>{t('coverage.calls.summary')}</dt>
            <dd class="so-prewrap">{call.summary}</dd>
            {call.followUp || call.followUpOn ? (
              <>
                <dt>{t('coverage.calls.followUp')}</dt>
                <dd class="so-prewrap">
                  {call.followUp ?? ''}
                  {call.followUpOn
                    ? ` (${t('coverage.calls.followUpBy', { date: formatDate(ctx, call.followUpOn) })})`
                    : ''}
                </dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ol>
  );
}

// ---------- the plan form ----------

function PlanTypeField({ ctx, form, name }: { ctx: PageContext; form: FormState; name: string }) {
  const t = ctx.t;
  const error = form.errors.planType;
  const current = form.values.planType ?? '';
  let first = true;
  return (
    <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
      <fieldset class="usa-fieldset" aria-describedby={`planType-hint${error ? ' planType-error' : ''}`}>
        <legend class={`usa-legend usa-legend--large${error ? ' usa-label--error' : ''}`}>
          {t('coverage.field.planType', { name })}
        </legend>
        <div class="usa-hint" id="planType-hint">
          {t('coverage.field.planTypeHint')}
        </div>
        {error ? (
          <span class="usa-error-message" id="planType-error" role="alert">
            {t(error)}
          </span>
        ) : null}
        {PLAN_GROUPS.map((g) => (
          <fieldset class="usa-fieldset so-subgroup">
            <legend class="usa-legend text-bold">{t(g.legend)}</legend>
            {g.plans.map((p) => {
              const id = first ? 'planType' : `planType-${p}`;
              first = false;
              return (
                <div class="usa-radio">
                  <input
                    class="usa-radio__input usa-radio__input--tile"
                    id={id}
                    type="radio"
                    name="planType"
                    value={p}
                    checked={current === p}
                  />
                  <label class="usa-radio__label" for={id}>
                    {t(planKey(p))}
                    <span class="usa-checkbox__label-description">{t(planHintKey(p))}</span>
                  </label>
                </div>
              );
            })}
          </fieldset>
        ))}
      </fieldset>
    </div>
  );
}

/** What is saved now next to what the person typed, for a plan form saved over a newer version (ADR 0016). */
function planStaleFields(ctx: PageContext, name: string, saved: FormValues, yours: FormValues): StaleField[] {
  const t = ctx.t;
  const type = (v: string | undefined) => (v ? t(planKey(v)) : '');
  return [
    { label: t('coverage.field.planType', { name }), saved: type(saved.planType), yours: type(yours.planType) },
    ...(['insurer', 'memberId', 'planPhone'] as const).map((f) => ({
      label: t(`coverage.field.${f}`),
      saved: saved[f] ?? '',
      yours: yours[f] ?? '',
    })),
  ];
}

export function PlanPage({
  ctx,
  c,
  form,
  stale,
}: {
  ctx: PageContext;
  c: CaseContext;
  form: FormState;
  stale?: FormValues;
}) {
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('coverage.plan.title')}
      crumbs={[[t('coverage.title'), `/cases/${c.id}/coverage`]]}
    >
      <h1>{t('coverage.plan.title')}</h1>
      <p>{t('coverage.plan.intro')}</p>
      {stale ? <StaleNotice ctx={ctx} fields={planStaleFields(ctx, c.patientName, stale, form.values)} /> : null}
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={`/cases/${c.id}/coverage/plan`} novalidate>
        <Csrf ctx={ctx} />
        <VersionField version={form.values.version} />
        <PlanTypeField ctx={ctx} form={form} name={c.patientName} />
        <TextInput
          ctx={ctx}
          form={form}
          name="insurer"
          label="coverage.field.insurer"
          hint="coverage.field.insurerHint"
          maxLength={120}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="memberId"
          label="coverage.field.memberId"
          hint="coverage.field.memberIdHint"
          maxLength={40}
          autocomplete="off"
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="planPhone"
          label="coverage.field.planPhone"
          hint="coverage.field.planPhoneHint"
          type="tel"
          maxLength={40}
        />
        <button class="usa-button" type="submit">
          {t('coverage.plan.submit')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${c.id}/coverage`}>
          {t('form.cancel')}
        </a>
      </form>
    </StepLayout>
  );
}

// ---------- the call script ----------

function Lines({ ctx, lines, ordered }: { ctx: PageContext; lines: ScriptLine[]; ordered?: boolean }) {
  const items = lines.map((l) => <li>{ctx.t(l.key, l.vars)}</li>);
  return ordered ? <ol class="so-script-questions">{items}</ol> : <ul class="usa-list">{items}</ul>;
}

export function ScriptPage({
  ctx,
  c,
  script,
  phone,
}: {
  ctx: PageContext;
  c: CaseContext;
  script: CallScript;
  phone: string | null;
}) {
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('coverage.script.title')}
      crumbs={[[t('coverage.title'), `/cases/${c.id}/coverage`]]}
    >
      <div class="so-script">
        <h1>{t('coverage.script.title')}</h1>
        <p class="usa-intro">{t('coverage.script.intro')}</p>
        <p class="so-no-print">
          <a class="usa-button usa-button--outline" href="#" data-print hidden>
            {t('form.print')}
          </a>
          <a class="usa-button" href={`/cases/${c.id}/coverage/calls/new`}>
            {t('coverage.script.toLog')}
          </a>
        </p>
        <h2>{t('coverage.script.whomHeading')}</h2>
        <p>{t(script.whom)}</p>
        {phone ? <p class="text-bold">{t('coverage.script.phone', { phone })}</p> : null}
        <h2>{t('coverage.script.openingHeading')}</h2>
        <Lines ctx={ctx} lines={script.opening} />
        <h2>{t('coverage.script.questionsHeading')}</h2>
        <Lines ctx={ctx} lines={script.questions} ordered />
        <h2>{t('coverage.script.closingHeading')}</h2>
        <Lines ctx={ctx} lines={script.closing} />
      </div>
    </StepLayout>
  );
}

// ---------- the call log form ----------

export function CallPage({ ctx, c, form }: { ctx: PageContext; c: CaseContext; form: FormState }) {
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('coverage.calls.title')}
      crumbs={[[t('coverage.title'), `/cases/${c.id}/coverage`]]}
    >
      <h1>{t('coverage.calls.title')}</h1>
      <p>{t('coverage.calls.formIntro')}</p>
      <ErrorSummary ctx={ctx} form={form} />
      <div class="usa-alert usa-alert--info usa-alert--slim" data-draft-notice hidden>
        <div class="usa-alert__body">
          <p class="usa-alert__text">{t('coverage.calls.draftRestored')}</p>
        </div>
      </div>
      <form
        class="usa-form usa-form--large"
        method="post"
        action={`/cases/${c.id}/coverage/calls/new`}
        novalidate
        data-draft={`coverage-call-${c.id}`}
        data-draft-has-errors={Object.keys(form.errors).length > 0 ? '1' : undefined}
      >
        <Csrf ctx={ctx} />
        <MemorableDate ctx={ctx} form={form} name="calledOn" legend="coverage.field.calledOn" required />
        <TextInput
          ctx={ctx}
          form={form}
          name="calledTime"
          label="coverage.field.calledTime"
          hint="coverage.field.calledTimeHint"
          width="sm"
          maxLength={10}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="organization"
          label="coverage.field.organization"
          hint="coverage.field.organizationHint"
          maxLength={120}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="spokeWith"
          label="coverage.field.spokeWith"
          hint="coverage.field.spokeWithHint"
          maxLength={120}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="referenceNumber"
          label="coverage.field.referenceNumber"
          hint="coverage.field.referenceNumberHint"
          maxLength={80}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="summary"
          label="coverage.field.summary"
          hint="coverage.field.summaryHint"
          required
          maxLength={4000}
          rows={6}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="followUp"
          label="coverage.field.followUp"
          hint="coverage.field.followUpHint"
          maxLength={1000}
          rows={3}
        />
        <MemorableDate
          ctx={ctx}
          form={form}
          name="followUpOn"
          legend="coverage.field.followUpOn"
          hint="coverage.field.followUpOnHint"
        />
        <button class="usa-button" type="submit">
          {t('coverage.calls.submit')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${c.id}/coverage`}>
          {t('form.cancel')}
        </a>
      </form>
    </StepLayout>
  );
}

// ---------- prior authorization ----------

/** Prior authorization as saved now and as typed, field by field (ADR 0016). */
function priorAuthStaleFields(ctx: PageContext, saved: FormValues, yours: FormValues): StaleField[] {
  const t = ctx.t;
  const status = (v: string | undefined) => (v ? t(priorAuthKey(v)) : '');
  const day = (v: string | undefined) => formatDate(ctx, v);
  const fields: [string, MessageKey, (v: string | undefined) => string][] = [
    ['status', 'coverage.field.priorAuthStatus', status],
    ['number', 'coverage.field.priorAuthNumber', (v) => v ?? ''],
    ['requestedOn', 'coverage.field.priorAuthRequestedOn', day],
    ['expiresOn', 'coverage.field.priorAuthExpiresOn', day],
    ['appealBy', 'coverage.field.priorAuthAppealBy', day],
    ['notes', 'coverage.field.priorAuthNotes', (v) => v ?? ''],
  ];
  return fields.map(([f, label, show]) => ({ label: t(label), saved: show(saved[f]), yours: show(yours[f]) }));
}

export function PriorAuthPage(props: { ctx: PageContext; c: CaseContext; form: FormState; stale?: FormValues }) {
  const { ctx, c, form, stale } = props;
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('coverage.priorAuth.title')}
      crumbs={[[t('coverage.title'), `/cases/${c.id}/coverage`]]}
    >
      <h1>{t('coverage.priorAuth.title')}</h1>
      <p>{t('coverage.priorAuth.intro')}</p>
      {stale ? <StaleNotice ctx={ctx} fields={priorAuthStaleFields(ctx, stale, form.values)} /> : null}
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={`/cases/${c.id}/coverage/prior-auth`} novalidate>
        <Csrf ctx={ctx} />
        <VersionField version={form.values.version} />
        <Radios
          ctx={ctx}
          form={form}
          name="status"
          legend="coverage.field.priorAuthStatus"
          required
          choices={PRIOR_AUTH_STATUSES.map((s) => ({
            value: s,
            label: priorAuthKey(s),
            hint: `coverage.priorAuth.status.${s}.hint` as MessageKey,
          }))}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="number"
          label="coverage.field.priorAuthNumber"
          hint="coverage.field.priorAuthNumberHint"
          maxLength={60}
        />
        <MemorableDate ctx={ctx} form={form} name="requestedOn" legend="coverage.field.priorAuthRequestedOn" />
        <MemorableDate
          ctx={ctx}
          form={form}
          name="expiresOn"
          legend="coverage.field.priorAuthExpiresOn"
          hint="coverage.field.priorAuthExpiresOnHint"
        />
        <MemorableDate
          ctx={ctx}
          form={form}
          name="appealBy"
          legend="coverage.field.priorAuthAppealBy"
          hint="coverage.field.priorAuthAppealByHint"
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="notes"
          label="coverage.field.priorAuthNotes"
          hint="coverage.field.priorAuthNotesHint"
          maxLength={2000}
          rows={3}
        />
        <button class="usa-button" type="submit">
          {t('coverage.priorAuth.submit')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${c.id}/coverage`}>
          {t('form.cancel')}
        </a>
      </form>
    </StepLayout>
  );
}
