import { URGENCY_NOTES } from '../../content/urgency.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { dueState, sortByUrgency, type Task } from '../../platform/tasks/tasks.ts';
import {
  Alert,
  type Choice,
  Csrf,
  ErrorSummary,
  formatDate,
  formatDateTime,
  MemorableDate,
  PostButton,
  Radios,
  Textarea,
  TextInput,
} from '../../platform/ui/components.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import type { FormState, FormValues, PageContext } from '../../platform/ui/page-context.ts';
import { SourcedText } from '../../platform/ui/sourced.tsx';
import { StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import { describeDue } from '../tasks/tasks.ts';
import { type CaseRecord, caseDisplayTitle, nextStep, type StepStatus, type StepView, URGENCIES } from './cases.ts';

const urgencyKey = (u: string) => `cases.urgency.${u}` as MessageKey;
const stepStatusKey = (s: StepStatus) => `journey.status.${s}` as MessageKey;

function StatusTag({ ctx, status }: { ctx: PageContext; status: StepStatus }) {
  const cls = status === 'done' ? ' so-status--done' : status === 'in_progress' ? ' so-status--in-progress' : '';
  return <span class={`so-status${cls}`}>{ctx.t(stepStatusKey(status))}</span>;
}

export interface PatientOption {
  id: string;
  label: string;
}

/**
 * What is due across every case on the dashboard: overdue first, each said in words (the
 * tag's colour only repeats them). Tasks due within 7 days are listed; the rest are counted.
 */
function WhatIsDue({
  ctx,
  tasks,
  cases,
  today,
}: {
  ctx: PageContext;
  tasks: Task[];
  cases: CaseRecord[];
  today: string;
}) {
  const t = ctx.t;
  const byId = new Map(cases.map((c) => [c.id, c]));
  const sorted = sortByUrgency(
    tasks.filter((x) => byId.has(x.caseId)),
    today,
  );
  const soon = sorted.filter((x) => ['overdue', 'due_today', 'due_soon'].includes(dueState(x, today)));
  const rest = sorted.length - soon.length;
  return (
    <section aria-labelledby="due-heading" class="margin-bottom-4">
      <h2 id="due-heading">{t('tasks.dashboard.heading')}</h2>
      {soon.length === 0 ? (
        <p>{t('tasks.dashboard.none')}</p>
      ) : (
        <ul class="so-card-list so-due-list">
          {soon.map((task) => {
            const c = byId.get(task.caseId)!;
            const d = describeDue(task, today);
            const vars = { ...d.vars, date: d.vars.date ? formatDate(ctx, String(d.vars.date)) : '' };
            const cls = d.state === 'overdue' ? ' so-status--overdue' : ' so-status--in-progress';
            return (
              <li>
                <p class="margin-0">
                  <span class={`so-status${cls}`}>{t(d.key, vars)}</span>
                </p>
                <p class="margin-y-05 text-bold">{task.title}</p>
                <p class="so-meta margin-y-05">
                  {t('tasks.dashboard.for', { case: caseDisplayTitle(c, t), name: c.patientName })} ·{' '}
                  <a href={`/cases/${c.id}/tasks#task-${task.id}`}>{t('tasks.dashboard.allTasks')}</a>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {rest > 0 ? <p class="so-meta">{t('tasks.dashboard.more', { count: rest })}</p> : null}
    </section>
  );
}

export function DashboardPage({
  ctx,
  cases,
  patients,
  filterPatient,
  archived,
  due = null,
  waiting = new Map(),
  today = '',
}: {
  ctx: PageContext;
  cases: CaseRecord[];
  patients: PatientOption[];
  filterPatient: PatientOption | null;
  archived: boolean;
  /** Open tasks of the cases shown; null when the list is not wanted (archived view). */
  due?: Task[] | null;
  /** Doctors' opinions that wait, by case id. */
  waiting?: Map<string, number>;
  today?: string;
}) {
  const t = ctx.t;
  const newHref = filterPatient ? `/cases/new?patientId=${filterPatient.id}` : '/cases/new';
  return (
    <Layout ctx={ctx} title={t('dashboard.title')} nav="dashboard">
      <h1>{filterPatient ? t('dashboard.titleFor', { name: filterPatient.label }) : t('dashboard.title')}</h1>
      <p>
        <a class="usa-button" href={newHref}>
          {t('cases.new.button')}
        </a>
      </p>
      {patients.length > 1 ? (
        <form method="get" action="/dashboard" class="usa-form margin-bottom-3">
          <label class="usa-label" for="patientId">
            {t('dashboard.filter')}
          </label>
          <select class="usa-select" id="patientId" name="patientId">
            <option value="">{t('dashboard.everyone')}</option>
            {patients.map((p) => (
              <option value={p.id} selected={filterPatient?.id === p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {archived ? <input type="hidden" name="archived" value="1" /> : null}
          <button type="submit" class="usa-button usa-button--outline margin-top-1">
            {t('dashboard.filterSubmit')}
          </button>
        </form>
      ) : null}
      {due ? <WhatIsDue ctx={ctx} tasks={due} cases={cases} today={today} /> : null}
      <h2>{archived ? t('dashboard.archivedHeading') : t('dashboard.casesHeading')}</h2>
      {cases.length === 0 ? (
        <div class="usa-summary-box" role="region" aria-labelledby="empty-heading">
          <div class="usa-summary-box__body">
            <h3 class="usa-summary-box__heading" id="empty-heading">
              {archived ? t('dashboard.noArchived') : t('dashboard.emptyHeading')}
            </h3>
            {archived ? null : (
              <div class="usa-summary-box__text">
                <p>{t('dashboard.emptyText')}</p>
              </div>
            )}
          </div>
        </div>
      ) : (
        <ul class="so-card-list">
          {cases.map((c) => (
            <li>
              <h3 class="margin-top-0">
                <a href={`/cases/${c.id}`}>{caseDisplayTitle(c, t)}</a>
              </h3>
              <p class="margin-y-05">
                {t('dashboard.for', { name: c.patientName })}
                {c.doctorName ? ` · ${t('dashboard.toldBy', { doctor: c.doctorName })}` : ''}
              </p>
              <p class="so-meta margin-bottom-0">
                {t(urgencyKey(c.urgency))} · {t('dashboard.updated', { date: formatDate(ctx, c.updatedAt) })}
                {c.status === 'decided' ? ` · ${t('cases.status.decided')}` : ''}
              </p>
              {waiting.get(c.id) ? (
                <p class="margin-bottom-0">
                  <span class="so-status so-status--in-progress">{t('cases.waitingOpinions.tag')}</span>{' '}
                  <a href={`/cases/${c.id}/opinions`}>
                    {t('cases.waitingOpinions.dashboardLink', { case: caseDisplayTitle(c, t) })}
                  </a>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        {archived ? (
          <a href={filterPatient ? `/dashboard?patientId=${filterPatient.id}` : '/dashboard'}>
            {t('dashboard.showOpen')}
          </a>
        ) : (
          <a href={filterPatient ? `/dashboard?patientId=${filterPatient.id}&archived=1` : '/dashboard?archived=1'}>
            {t('dashboard.showArchived')}
          </a>
        )}
      </p>
    </Layout>
  );
}

function CaseFields({ ctx, form }: { ctx: PageContext; form: FormState }) {
  return (
    <>
      <Radios
        ctx={ctx}
        form={form}
        name="diagnosisStatus"
        legend="cases.field.diagnosisStatus"
        required
        choices={[
          { value: 'diagnosed', label: 'cases.field.diagnosed' },
          { value: 'no_diagnosis', label: 'cases.field.noDiagnosis', hint: 'cases.field.noDiagnosisHint' },
        ]}
      />
      <TextInput
        ctx={ctx}
        form={form}
        name="diagnosis"
        label="cases.field.diagnosis"
        hint="cases.field.diagnosisHint"
        maxLength={500}
      />
      <Textarea
        ctx={ctx}
        form={form}
        name="symptoms"
        label="cases.field.symptoms"
        hint="cases.field.symptomsHint"
        maxLength={2000}
      />
      <Textarea
        ctx={ctx}
        form={form}
        name="proposedTreatment"
        label="cases.field.treatment"
        hint="cases.field.treatmentHint"
        maxLength={2000}
      />
      <TextInput
        ctx={ctx}
        form={form}
        name="doctorName"
        label="cases.field.doctorName"
        hint="cases.field.doctorNameHint"
        maxLength={120}
      />
      <TextInput
        ctx={ctx}
        form={form}
        name="doctorSpecialty"
        label="cases.field.doctorSpecialty"
        hint="cases.field.doctorSpecialtyHint"
        maxLength={120}
      />
      <MemorableDate ctx={ctx} form={form} name="toldOn" legend="cases.field.toldOn" />
      <Radios
        ctx={ctx}
        form={form}
        name="urgency"
        legend="cases.field.urgency"
        required
        choices={URGENCIES.map((u) => ({ value: u, label: urgencyKey(u) }))}
      />
      <TextInput
        ctx={ctx}
        form={form}
        name="title"
        label="cases.field.title"
        hint="cases.field.titleHint"
        maxLength={120}
      />
    </>
  );
}

export function NewCasePage({ ctx, form, patients }: { ctx: PageContext; form: FormState; patients: PatientOption[] }) {
  const t = ctx.t;
  const choices: Choice[] = patients.map((p) => ({ value: p.id, text: p.label }));
  return (
    <Layout
      ctx={ctx}
      title={t('cases.new.title')}
      nav="dashboard"
      crumbs={[[t('dashboard.title'), '/dashboard'], [t('cases.new.title')]]}
    >
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-10 desktop:grid-col-8">
          <h1>{t('cases.new.title')}</h1>
          <p>{t('cases.new.intro')}</p>
          <ErrorSummary ctx={ctx} form={form} />
          <form class="usa-form usa-form--large" method="post" action="/cases/new" novalidate>
            <Csrf ctx={ctx} />
            <Radios
              ctx={ctx}
              form={form}
              name="patientId"
              legend="cases.field.patient"
              hint="cases.field.patientHint"
              required
              choices={choices}
            />
            <CaseFields ctx={ctx} form={form} />
            <button class="usa-button" type="submit">
              {t('cases.new.submit')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** The case form's fields with their labels, for the "someone changed this" comparison. */
const CASE_FIELD_LABELS: [string, MessageKey][] = [
  ['title', 'cases.field.title'],
  ['diagnosisStatus', 'cases.field.diagnosisStatus'],
  ['diagnosis', 'cases.field.diagnosis'],
  ['symptoms', 'cases.field.symptoms'],
  ['proposedTreatment', 'cases.field.treatment'],
  ['doctorName', 'cases.field.doctorName'],
  ['doctorSpecialty', 'cases.field.doctorSpecialty'],
  ['toldOn', 'cases.field.toldOn'],
  ['urgency', 'cases.field.urgency'],
];

export function EditCasePage({
  ctx,
  form,
  c,
  stale,
}: {
  ctx: PageContext;
  form: FormState;
  c: CaseRecord;
  stale?: FormValues;
}) {
  const t = ctx.t;
  const title = caseDisplayTitle(c, t);
  const staleFields = stale
    ? CASE_FIELD_LABELS.map(([name, label]) => ({
        label: t(label),
        saved: stale[name] ?? '',
        yours: form.values[name] ?? '',
      }))
    : null;
  return (
    <Layout
      ctx={ctx}
      title={t('cases.edit.title')}
      nav="dashboard"
      crumbs={[[t('dashboard.title'), '/dashboard'], [title, `/cases/${c.id}`], [t('cases.edit.title')]]}
    >
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-10 desktop:grid-col-8">
          <h1>{t('cases.edit.title')}</h1>
          <p>{t('cases.edit.for', { name: c.patientName })}</p>
          {staleFields ? <StaleNotice ctx={ctx} fields={staleFields} /> : null}
          <ErrorSummary ctx={ctx} form={form} />
          <form class="usa-form usa-form--large" method="post" action={`/cases/${c.id}/edit`} novalidate>
            <Csrf ctx={ctx} />
            <VersionField version={form.values.version} />
            <CaseFields ctx={ctx} form={form} />
            <button class="usa-button" type="submit">
              {t('form.save')}
            </button>
            <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${c.id}`}>
              {t('form.cancel')}
            </a>
          </form>
        </div>
      </div>
    </Layout>
  );
}

function UrgencyNotice({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  return (
    <div class="usa-alert usa-alert--warning so-emergency margin-y-3" role="region" aria-labelledby="urgency-heading">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading" id="urgency-heading">
          {t('cases.urgencyNotice.heading')}
        </h2>
        {URGENCY_NOTES.map((n) => (
          <p class="usa-alert__text">
            <SourcedText ctx={ctx} item={n} />
          </p>
        ))}
      </div>
    </div>
  );
}

/** A doctor's opinion that came through a share link and waits for the person. */
export interface WaitingOpinion {
  id: string;
  doctorName: string;
  createdAt: string;
}

function WaitingOpinions({ ctx, c, waiting }: { ctx: PageContext; c: CaseRecord; waiting: WaitingOpinion[] }) {
  const t = ctx.t;
  return (
    <Alert
      type="info"
      heading={
        waiting.length === 1
          ? t('cases.waitingOpinions.headingOne')
          : t('cases.waitingOpinions.headingMany', { count: waiting.length })
      }
    >
      <p>{t('cases.waitingOpinions.text')}</p>
      <ul class="usa-list">
        {waiting.map((o) => (
          <li>
            <a href={`/cases/${c.id}/opinions/${o.id}`}>
              {t('cases.waitingOpinions.link', { doctor: o.doctorName, date: formatDate(ctx, o.createdAt) })}
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** One use of a share link, already described by the sharing feature (who, what, from where). */
export interface LinkUse {
  at: string;
  doctorName: string;
  what: MessageKey;
  /** The record looked at or saved, when the use was about one. */
  objectTitle: string | null;
  ip: string | null;
  browser: string | null;
}

/**
 * The last few uses of the case's share links, so the person sees on the case itself who
 * opened their records; the sharing page has the whole log.
 */
function RecentLinkUse({ ctx, c, uses }: { ctx: PageContext; c: CaseRecord; uses: LinkUse[] }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="link-use-heading" class="margin-top-4">
      <h2 id="link-use-heading">{t('cases.linkUse.heading')}</h2>
      <ul class="usa-list">
        {uses.map((u) => (
          <li>
            {t('cases.linkUse.item', {
              when: formatDateTime(ctx, u.at),
              doctor: u.doctorName,
              what: u.objectTitle ? `${t(u.what)}: ${u.objectTitle}` : t(u.what),
              from: [u.ip, u.browser].filter(Boolean).join(', ') || t('cases.linkUse.unknownPlace'),
            })}
          </li>
        ))}
      </ul>
      <p>
        <a href={`/cases/${c.id}/sharing#access-log`}>{t('cases.linkUse.all')}</a>
      </p>
    </section>
  );
}

export function CasePage({
  ctx,
  c,
  steps,
  waiting = [],
  linkUses = [],
}: {
  ctx: PageContext;
  c: CaseRecord;
  steps: StepView[];
  waiting?: WaitingOpinion[];
  linkUses?: LinkUse[];
}) {
  const t = ctx.t;
  const title = caseDisplayTitle(c, t);
  const next = nextStep(steps);
  return (
    <Layout ctx={ctx} title={title} nav="dashboard" crumbs={[[t('dashboard.title'), '/dashboard'], [title]]}>
      <h1>{title}</h1>
      <p class="so-meta">
        {t('dashboard.for', { name: c.patientName })}
        {c.archivedAt ? ` · ${t('cases.archived')}` : ''}
        {c.status === 'decided' ? ` · ${t('cases.status.decided')}` : ''}
      </p>
      {c.archivedAt ? (
        <Alert type="info" slim>
          <p>{t('cases.archivedNotice', { date: formatDate(ctx, c.archivedAt) })}</p>
        </Alert>
      ) : null}
      {c.urgency === 'right_away' ? <UrgencyNotice ctx={ctx} /> : null}
      {waiting.length > 0 ? <WaitingOpinions ctx={ctx} c={c} waiting={waiting} /> : null}

      <section aria-labelledby="told-heading" class="margin-top-3">
        <h2 id="told-heading">{t('cases.told.heading')}</h2>
        <dl class="so-key-facts">
          <dt>{t('cases.told.diagnosis')}</dt>
          <dd>{c.diagnosisStatus === 'diagnosed' ? c.diagnosis : t('cases.field.noDiagnosis')}</dd>
          {c.symptoms ? (
            <>
              <dt>{t('cases.told.symptoms')}</dt>
              <dd>{c.symptoms}</dd>
            </>
          ) : null}
          <dt>{t('cases.told.treatment')}</dt>
          <dd>{c.proposedTreatment ?? t('cases.told.none')}</dd>
          <dt>{t('cases.told.doctor')}</dt>
          <dd>
            {c.doctorName ?? t('cases.told.notGiven')}
            {c.doctorSpecialty ? ` (${c.doctorSpecialty})` : ''}
          </dd>
          <dt>{t('cases.told.when')}</dt>
          <dd>{c.toldOn ? formatDate(ctx, c.toldOn) : t('cases.told.notGiven')}</dd>
          <dt>{t('cases.told.urgency')}</dt>
          <dd>{t(urgencyKey(c.urgency))}</dd>
        </dl>
        <p class="margin-top-2">
          <a class="usa-button usa-button--outline" href={`/cases/${c.id}/edit`}>
            {t('cases.edit.button')}
          </a>
          <a class="usa-button usa-button--outline so-no-print" href="#" data-print hidden>
            {t('form.print')}
          </a>
        </p>
      </section>

      <section aria-labelledby="steps-heading" class="margin-top-4">
        <h2 id="steps-heading">{t('journey.heading')}</h2>
        {next ? (
          <p>
            {t('journey.next')} <a href={next.href}>{t(next.title)}</a>
          </p>
        ) : null}
        <ol class="usa-process-list">
          {steps.map((s) => (
            <li class="usa-process-list__item">
              <h3 class="usa-process-list__heading">
                {s.status === 'not_available' ? t(s.title) : <a href={s.href}>{t(s.title)}</a>}
              </h3>
              <p class="margin-top-05">{t(s.summary)}</p>
              <p class="margin-top-05">
                <StatusTag ctx={ctx} status={s.status} />
              </p>
            </li>
          ))}
        </ol>
      </section>

      {linkUses.length > 0 ? <RecentLinkUse ctx={ctx} c={c} uses={linkUses} /> : null}

      <section aria-labelledby="tasks-heading" class="margin-top-4 so-no-print">
        <h2 id="tasks-heading">{t('tasks.caseLink.heading')}</h2>
        <p>{t('tasks.caseLink.text')}</p>
        <p>
          <a class="usa-button usa-button--outline" href={`/cases/${c.id}/tasks`}>
            {t('tasks.caseLink.link')}
          </a>
        </p>
      </section>

      <section aria-labelledby="trials-heading" class="margin-top-4 so-no-print">
        <h2 id="trials-heading">{t('trials.caseLink.heading')}</h2>
        <p>{t('trials.caseLink.text')}</p>
        <p>
          <a class="usa-button usa-button--outline" href={`/cases/${c.id}/trials`}>
            {t('trials.caseLink.link')}
          </a>
        </p>
      </section>

      <section aria-labelledby="manage-heading" class="margin-top-4 so-no-print">
        <h2 id="manage-heading">{t('cases.manage.heading')}</h2>
        {c.archivedAt ? (
          <PostButton ctx={ctx} action={`/cases/${c.id}/restore`} label={t('cases.restore')} variant="outline" />
        ) : (
          <>
            <p>{t('cases.archiveExplain')}</p>
            <PostButton
              ctx={ctx}
              action={`/cases/${c.id}/archive`}
              label={t('cases.archive')}
              variant="secondary"
              confirm={t('cases.archiveConfirm')}
            />
          </>
        )}
      </section>
    </Layout>
  );
}
