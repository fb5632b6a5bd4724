import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { Task } from '../../platform/tasks/tasks.ts';
import { Csrf, ErrorSummary, formatDate, MemorableDate, TextInput } from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { JOURNEY } from '../cases/cases.ts';
import { describeDue, stepHref } from './tasks.ts';

const STEP_SLUGS = JOURNEY.map((s) => s.slug) as readonly string[];

function stepTitle(step: string): MessageKey | null {
  const s = JOURNEY.find((j) => j.slug === step);
  return s ? s.title : null;
}

/** The due date in words, with a tag whose look repeats (never replaces) the words. */
export function DueTag({
  ctx,
  task,
  today,
}: {
  ctx: PageContext;
  task: Pick<Task, 'dueOn' | 'doneAt'>;
  today: string;
}) {
  const d = describeDue(task, today);
  const vars = { ...d.vars, date: d.vars.date ? formatDate(ctx, String(d.vars.date)) : '' };
  const cls =
    d.state === 'overdue'
      ? ' so-status--overdue'
      : d.state === 'due_today' || d.state === 'due_soon'
        ? ' so-status--in-progress'
        : d.state === 'done'
          ? ' so-status--done'
          : '';
  return <span class={`so-status${cls}`}>{ctx.t(d.key, vars)}</span>;
}

function TaskItem({ ctx, caseId, task, today }: { ctx: PageContext; caseId: string; task: Task; today: string }) {
  const t = ctx.t;
  const step = stepTitle(task.step);
  const href = stepHref(caseId, task.step, STEP_SLUGS);
  const done = !!task.doneAt;
  return (
    <li class="so-task" id={`task-${task.id}`}>
      <p class="margin-0 text-bold">{task.title}</p>
      <p class="margin-y-05">
        {done ? (
          <span class="so-status so-status--done">{t('tasks.doneOn', { date: formatDate(ctx, task.doneAt) })}</span>
        ) : (
          <DueTag ctx={ctx} task={task} today={today} />
        )}
      </p>
      {step ? (
        <p class="so-meta margin-y-05">
          {href ? <a href={href}>{t('tasks.step', { step: t(step) })}</a> : t('tasks.step', { step: t(step) })}
        </p>
      ) : null}
      <div class="so-task__actions so-no-print">
        <form method="post" action={`/cases/${caseId}/tasks/${task.id}/done`} class="so-inline-form">
          <Csrf ctx={ctx} />
          <input type="hidden" name="done" value={done ? '0' : '1'} />
          <button type="submit" class={`usa-button${done ? ' usa-button--outline' : ''}`}>
            {done ? t('tasks.markNotDone') : t('tasks.markDone')}
            <span class="usa-sr-only">: {task.title}</span>
          </button>
        </form>
        {done ? null : (
          <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${caseId}/tasks/${task.id}/edit`}>
            {t('tasks.changeDate')}
            <span class="usa-sr-only">: {task.title}</span>
          </a>
        )}
      </div>
    </li>
  );
}

export function TasksPage({
  ctx,
  c,
  open,
  done,
  today,
  form,
}: {
  ctx: PageContext;
  c: CaseContext;
  open: Task[];
  done: Task[];
  today: string;
  form: FormState;
}) {
  const t = ctx.t;
  return (
    <StepLayout ctx={ctx} c={c} title={t('tasks.title')}>
      <h1>{t('tasks.title')}</h1>
      <p class="usa-intro">{t('tasks.intro')}</p>
      <ErrorSummary ctx={ctx} form={form} />

      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t('tasks.open.heading')}</h2>
        {open.length === 0 ? (
          <p>{t('tasks.empty')}</p>
        ) : (
          <ul class="so-card-list">
            {open.map((task) => (
              <TaskItem ctx={ctx} caseId={c.id} task={task} today={today} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="add-heading" class="margin-top-4 so-no-print">
        <h2 id="add-heading">{t('tasks.add.heading')}</h2>
        <form class="usa-form usa-form--large" method="post" action={`/cases/${c.id}/tasks`} novalidate>
          <Csrf ctx={ctx} />
          <TextInput
            ctx={ctx}
            form={form}
            name="title"
            label="tasks.field.title"
            hint="tasks.field.titleHint"
            required
            maxLength={200}
          />
          <MemorableDate ctx={ctx} form={form} name="dueOn" legend="tasks.field.dueOn" hint="tasks.field.dueOnHint" />
          <button class="usa-button" type="submit">
            {t('tasks.add.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="calendar-heading" class="margin-top-4 so-no-print">
        <h2 id="calendar-heading">{t('tasks.calendar.heading')}</h2>
        <p>{t('tasks.calendar.text')}</p>
        <p>
          <a class="usa-button usa-button--outline" href={`/cases/${c.id}/calendar.ics`} download>
            {t('tasks.calendar.download')}
          </a>
        </p>
      </section>

      <section aria-labelledby="done-heading" class="margin-top-4">
        <h2 id="done-heading">{t('tasks.done.heading')}</h2>
        {done.length === 0 ? (
          <p>{t('tasks.noneDone')}</p>
        ) : (
          <ul class="so-card-list">
            {done.map((task) => (
              <TaskItem ctx={ctx} caseId={c.id} task={task} today={today} />
            ))}
          </ul>
        )}
      </section>
    </StepLayout>
  );
}

export function TaskEditPage({
  ctx,
  c,
  task,
  form,
  stale,
}: {
  ctx: PageContext;
  c: CaseContext;
  task: Task;
  form: FormState;
  stale?: Task;
}) {
  const t = ctx.t;
  return (
    <StepLayout ctx={ctx} c={c} title={t('tasks.edit.title')} crumbs={[[t('tasks.title'), `/cases/${c.id}/tasks`]]}>
      <h1>{t('tasks.edit.title')}</h1>
      <p class="text-bold">{task.title}</p>
      <p>{t('tasks.edit.intro')}</p>
      {stale ? (
        <StaleNotice
          ctx={ctx}
          fields={[
            {
              label: t('tasks.field.dueOn'),
              saved: stale.dueOn ? formatDate(ctx, stale.dueOn) : '',
              yours: form.values.dueOn ? formatDate(ctx, form.values.dueOn) : '',
            },
            {
              label: t('tasks.stale.done'),
              saved: stale.doneAt ? t('tasks.stale.isDone') : t('tasks.stale.notDone'),
              yours: task.doneAt ? t('tasks.stale.isDone') : t('tasks.stale.notDone'),
            },
          ]}
        />
      ) : null}
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={`/cases/${c.id}/tasks/${task.id}/edit`} novalidate>
        <Csrf ctx={ctx} />
        <VersionField version={form.values.version} />
        <MemorableDate ctx={ctx} form={form} name="dueOn" legend="tasks.field.dueOn" hint="tasks.field.dueOnHint" />
        <button class="usa-button" type="submit">
          {t('tasks.edit.submit')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${c.id}/tasks`}>
          {t('form.cancel')}
        </a>
      </form>
    </StepLayout>
  );
}
