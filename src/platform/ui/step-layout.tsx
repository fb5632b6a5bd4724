import type { ComponentChildren } from 'preact';
import type { CaseContext } from '../case-context.ts';
import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

/**
 * The frame of every journey-step page: breadcrumbs back to the case, the case's name
 * and who it is for above the step's own heading.
 */
export function StepLayout(props: {
  ctx: PageContext;
  c: CaseContext;
  /** The step page's title (already translated). */
  title: string;
  /** Extra crumbs between the case and this page, e.g. [['Questions', '/cases/1/questions']]. */
  crumbs?: [string, string?][];
  children: ComponentChildren;
}) {
  const { ctx, c } = props;
  const t = ctx.t;
  const caseTitle = c.title || t('cases.untitledNoDiagnosis');
  return (
    <Layout
      ctx={ctx}
      title={`${props.title} - ${caseTitle}`}
      nav="dashboard"
      crumbs={[
        [t('dashboard.title'), '/dashboard'],
        [caseTitle, `/cases/${c.id}`],
        ...(props.crumbs ?? []),
        [props.title],
      ]}
    >
      <p class="so-meta margin-bottom-0 margin-top-2">
        {caseTitle} · {t('dashboard.for', { name: c.patientName })}
      </p>
      {props.children}
      <p class="margin-top-5 so-no-print">
        <a href={`/cases/${c.id}`}>{t('step.backToCase')}</a>
      </p>
    </Layout>
  );
}
