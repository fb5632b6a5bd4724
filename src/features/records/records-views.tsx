import type { CaseContext } from '../../platform/case-context.ts';
import type { PageContext } from '../../platform/ui/page-context.ts';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import type { DocumentRecord } from './documents.ts';
import { DocumentTable } from './documents-views.tsx';

export function RecordsPage({ ctx, c, documents }: { ctx: PageContext; c: CaseContext; documents: DocumentRecord[] }) {
  const t = ctx.t;
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.title')}>
      <h1>{t('records.title')}</h1>
      <div class="usa-prose">
        <p>{t('records.intro')}</p>
      </div>
      <section aria-labelledby="documents-heading" class="margin-top-4">
        <h2 id="documents-heading">{t('records.hub.documentsHeading')}</h2>
        <p>
          <a class="usa-button" href={`/cases/${c.id}/records/upload`}>
            {t('records.hub.upload')}
          </a>
        </p>
        <DocumentTable ctx={ctx} c={c} documents={documents} />
      </section>
    </StepLayout>
  );
}
