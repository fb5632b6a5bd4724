import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { Alert, Csrf, ErrorSummary, formatDate, MemorableDate, Select, TextInput, Checkboxes } from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import type { UploadOutcome } from './documents-upload.ts';
import { DOCUMENT_KINDS, type DocumentRecord, formatBytes, kindKey, textStatusKey, typeKey } from './documents.ts';

export const recordsHref = (caseId: string) => `/cases/${caseId}/records`;
export const documentHref = (caseId: string, documentId: string) => `/cases/${caseId}/records/documents/${documentId}`;

function TextFlag({ ctx, d }: { ctx: PageContext; d: DocumentRecord }) {
  if (d.textStatus !== 'unreadable' && d.textStatus !== 'too_large') return null;
  return <span class="so-status so-status--overdue">{ctx.t(textStatusKey(d.textStatus))}</span>;
}

/** The list of documents, as a table that also reads well on a phone and on paper. */
export function DocumentTable({ ctx, c, documents }: { ctx: PageContext; c: CaseContext; documents: DocumentRecord[] }) {
  const t = ctx.t;
  if (documents.length === 0) return <p>{t('records.hub.documentsNone')}</p>;
  return (
    <ul class="so-card-list">
      {documents.map((d) => (
        <li>
          <h3 class="margin-top-0 margin-bottom-05">
            <a href={documentHref(c.id, d.id)}>{d.title}</a>
          </h3>
          <p class="margin-y-05">
            {t(kindKey(d.kind))}
            {d.documentDate ? ` · ${formatDate(ctx, d.documentDate)}` : ''}
            {d.provider ? ` · ${d.provider}` : ''}
          </p>
          <p class="so-meta margin-y-05">
            {t(typeKey(d.detectedType))} · {formatBytes(d.sizeBytes)}
            {d.pageCount ? ` · ${d.pageCount} ${t('records.documents.pages').toLowerCase()}` : ''} · {t('records.documents.added', { date: formatDate(ctx, d.createdAt) })}{' '}
            <TextFlag ctx={ctx} d={d} />
          </p>
          <p class="margin-bottom-0 so-no-print">
            <a href={`${documentHref(c.id, d.id)}/file`}>
              {t('records.documents.download')}
              <span class="usa-sr-only"> {d.title}</span>
            </a>
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Files taken out of the case, each with a button to put it back. */
export function RemovedDocuments({ ctx, c, documents }: { ctx: PageContext; c: CaseContext; documents: DocumentRecord[] }) {
  const t = ctx.t;
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby="removed-heading" class="margin-top-4">
      <h3 id="removed-heading">{t('records.removed.heading')}</h3>
      <p>{t('records.removed.intro')}</p>
      <ul class="so-card-list">
        {documents.map((d) => (
          <li>
            <p class="margin-top-0 margin-bottom-05">
              <a href={documentHref(c.id, d.id)}>{d.title}</a>
            </p>
            <p class="so-meta margin-y-05">
              {t(kindKey(d.kind))} · {d.originalName}
              {d.removedAt ? ` · ${t('records.removed.on', { date: formatDate(ctx, d.removedAt) })}` : ''}
            </p>
            <form class="so-no-print" method="post" action={`${documentHref(c.id, d.id)}/restore`}>
              <Csrf ctx={ctx} />
              <button class="usa-button usa-button--outline margin-top-1" type="submit">
                {t('records.removed.putBack')}
                <span class="usa-sr-only"> {d.title}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The page that says plainly what removing a file does, before it is done (no script needed). */
export function RemoveDocumentPage({ ctx, c, d }: { ctx: PageContext; c: CaseContext; d: DocumentRecord }) {
  const t = ctx.t;
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.remove.title')} crumbs={[[t('records.title'), recordsHref(c.id)], [d.title, documentHref(c.id, d.id)]]}>
      <h1>{t('records.remove.title')}</h1>
      <p class="usa-intro">{t('records.remove.which', { title: d.title })}</p>
      <div class="usa-prose">
        <p>{t('records.remove.whatHappens')}</p>
        <ul>
          <li>{t('records.remove.leavesList')}</li>
          <li>{t('records.remove.leavesPacket')}</li>
          <li>{t('records.remove.leavesShares')}</li>
          <li>{t('records.remove.leavesItems')}</li>
        </ul>
        <p>{t('records.remove.kept')}</p>
      </div>
      <form method="post" action={`${documentHref(c.id, d.id)}/remove`}>
        <Csrf ctx={ctx} />
        <button class="usa-button usa-button--secondary" type="submit">
          {t('records.remove.confirm')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={documentHref(c.id, d.id)}>
          {t('records.remove.cancel')}
        </a>
      </form>
    </StepLayout>
  );
}

export function UploadPage({ ctx, c, maxBytes, form }: { ctx: PageContext; c: CaseContext; maxBytes: number; form: FormState }) {
  const t = ctx.t;
  const action = `/cases/${c.id}/records/upload`;
  const error = form.errors.files;
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.upload.title')} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{t('records.upload.title')}</h1>
      <div class="usa-prose">
        <p>{t('records.upload.intro')}</p>
        <p>{t('records.upload.accepted')}</p>
        <p>
          {t('records.upload.limit', { limit: formatBytes(maxBytes) })} {t('records.upload.privacy')}
        </p>
      </div>
      <ErrorSummary ctx={ctx} form={form} />
      {/* The CSRF field comes first on purpose: the server checks it before it reads any file (ADR 0140). */}
      <form class="usa-form usa-form--large" method="post" action={action} enctype="multipart/form-data" data-upload-form data-max-bytes={String(maxBytes)} novalidate>
        <Csrf ctx={ctx} />
        <div class={`usa-form-group${error ? ' usa-form-group--error' : ''}`}>
          <label class={`usa-label${error ? ' usa-label--error' : ''}`} for="files">
            {t('records.upload.field')}
          </label>
          <span class="usa-hint" id="files-hint">
            {t('records.upload.fieldHint')}
          </span>
          {error ? (
            <span class="usa-error-message" id="files-error" role="alert">
              {t(error, { limit: formatBytes(maxBytes) })}
            </span>
          ) : null}
          <input class="usa-file-input" id="files" name="files" type="file" multiple aria-describedby={error ? 'files-hint files-error' : 'files-hint'} />
        </div>
        <button class="usa-button" type="submit">
          {t('records.upload.submit')}
        </button>
      </form>
      <div class="so-upload-progress" data-upload-progress hidden>
        <h2 data-upload-progress-heading tabIndex={-1}>
          {t('records.upload.resultsTitle')}
        </h2>
        <ul class="usa-list usa-list--unstyled" data-upload-list></ul>
        <p data-upload-done hidden>
          <a class="usa-button" href={recordsHref(c.id)}>
            {t('records.upload.backToRecords')}
          </a>
        </p>
      </div>
      <template data-upload-messages>
        <span data-msg="sending">{t('records.upload.sending', { name: '{name}' })}</span>
        <span data-msg="stored">{t('records.upload.result.stored')}</span>
        <span data-msg="duplicate">{t('records.upload.result.duplicate')}</span>
        <span data-msg="linked">{t('records.upload.result.linked')}</span>
        <span data-msg="refused">{t('records.upload.result.refused')}</span>
        <span data-msg="failed">{t('records.refusal.cut_off')}</span>
        <span data-msg="too_large">{t('records.refusal.too_large', { limit: formatBytes(maxBytes) })}</span>
      </template>
    </StepLayout>
  );
}

export function outcomeMessage(t: PageContext['t'], o: UploadOutcome, maxBytes: number): string {
  if (o.status === 'refused') return `${t('records.upload.result.refused')} ${t(`records.refusal.${o.reason}` as MessageKey, { limit: formatBytes(maxBytes) })}`;
  const base = t(`records.upload.result.${o.status}` as MessageKey);
  return o.itemsAdded > 0 ? `${base} ${t('records.upload.result.items', { count: o.itemsAdded })}` : base;
}

export function UploadResultsPage({ ctx, c, outcomes, maxBytes }: { ctx: PageContext; c: CaseContext; outcomes: UploadOutcome[]; maxBytes: number }) {
  const t = ctx.t;
  const anyRefused = outcomes.some((o) => o.status === 'refused');
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.upload.resultsTitle')} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{t('records.upload.resultsTitle')}</h1>
      {anyRefused ? (
        <Alert type="warning" slim role="alert">
          <p>{t('records.upload.someRefused')}</p>
        </Alert>
      ) : null}
      <ul class="so-card-list">
        {outcomes.map((o) => (
          <li class={o.status === 'refused' ? 'so-upload-refused' : undefined}>
            <p class="text-bold margin-y-05">
              {o.status === 'refused' ? o.fileName || t('records.upload.fileUnknown') : <a href={documentHref(c.id, o.documentId)}>{o.title}</a>}
            </p>
            {o.status !== 'refused' && o.title !== o.fileName ? <p class="so-meta margin-y-05">{o.fileName}</p> : null}
            <p class="margin-y-05">{outcomeMessage(t, o, maxBytes)}</p>
          </li>
        ))}
      </ul>
      <p>
        <a class="usa-button" href={recordsHref(c.id)}>
          {t('records.upload.backToRecords')}
        </a>
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/records/upload`}>
          {t('records.upload.more')}
        </a>
      </p>
    </StepLayout>
  );
}

export function DocumentPage({
  ctx,
  c,
  d,
  form,
  checklist,
  linked,
}: {
  ctx: PageContext;
  c: CaseContext;
  d: DocumentRecord;
  form: FormState;
  /** The case's checklist items, or null when no kind of case was chosen yet. */
  checklist: { value: string; label: string }[] | null;
  linked: string[];
}) {
  const t = ctx.t;
  const img = d.details.imaging;
  const imported = d.details.imported;
  return (
    <StepLayout ctx={ctx} c={c} title={d.title} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{d.title}</h1>
      {d.removedAt ? (
        <Alert type="info" slim>
          <p>{t('records.removed.thisOne', { date: formatDate(ctx, d.removedAt) })}</p>
          <form class="so-no-print" method="post" action={`${documentHref(c.id, d.id)}/restore`}>
            <Csrf ctx={ctx} />
            <button class="usa-button margin-top-1" type="submit">
              {t('records.removed.putBack')}
            </button>
          </form>
        </Alert>
      ) : null}
      {d.textStatus === 'unreadable' ? (
        <Alert type="warning" slim>
          <p>
            <strong>{t('records.textStatus.unreadable')}.</strong> {t('records.textStatus.unreadableHelp')}
          </p>
        </Alert>
      ) : null}
      <p>
        <a class="usa-button" href={`${documentHref(c.id, d.id)}/file`}>
          {t('records.documents.downloadFile', { size: formatBytes(d.sizeBytes) })}
        </a>
      </p>

      <h2>{t('records.documents.facts')}</h2>
      <dl class="so-key-facts">
        <dt>{t('records.documents.field.kind')}</dt>
        <dd>{t(kindKey(d.kind))}</dd>
        {d.documentDate ? (
          <>
            <dt>{t('records.documents.field.date')}</dt>
            <dd>{formatDate(ctx, d.documentDate)}</dd>
          </>
        ) : null}
        {d.provider ? (
          <>
            <dt>{t('records.documents.field.provider')}</dt>
            <dd>{d.provider}</dd>
          </>
        ) : null}
        <dt>{t('records.documents.fileName')}</dt>
        <dd class="so-break">{d.originalName}</dd>
        <dt>{t('records.documents.fileType')}</dt>
        <dd>{t(typeKey(d.detectedType))}</dd>
        <dt>{t('records.documents.fileSize')}</dt>
        <dd>{formatBytes(d.sizeBytes)}</dd>
        {d.pageCount ? (
          <>
            <dt>{t('records.documents.pages')}</dt>
            <dd>{d.pageCount}</dd>
          </>
        ) : null}
        <dt>{t('records.documents.addedOn')}</dt>
        <dd>{formatDate(ctx, d.createdAt)}</dd>
        <dt>{t('records.documents.fingerprint')}</dt>
        <dd>
          <code class="so-break">{d.sha256}</code>
          <div class="usa-hint">{t('records.documents.fingerprintHelp')}</div>
        </dd>
      </dl>

      {img ? (
        <section aria-labelledby="imaging-heading">
          <h2 id="imaging-heading">{t('records.documents.imagingHeading')}</h2>
          <dl class="so-key-facts">
            {d.detectedType === 'imaging_study' ? (
              <>
                <dt>{t('records.documents.imaging.studies')}</dt>
                <dd>{img.studies}</dd>
                <dt>{t('records.documents.imaging.series')}</dt>
                <dd>{img.series}</dd>
                <dt>{t('records.documents.imaging.images')}</dt>
                <dd>{img.images}</dd>
              </>
            ) : null}
            {img.studyDate ? (
              <>
                <dt>{t('records.documents.imaging.date')}</dt>
                <dd>{formatDate(ctx, img.studyDate)}</dd>
              </>
            ) : null}
            {img.modalities.length ? (
              <>
                <dt>{t('records.documents.imaging.modalities')}</dt>
                <dd>{img.modalities.join(', ')}</dd>
              </>
            ) : null}
            {img.bodyParts.length ? (
              <>
                <dt>{t('records.documents.imaging.bodyParts')}</dt>
                <dd>{img.bodyParts.join(', ')}</dd>
              </>
            ) : null}
            {img.descriptions.length ? (
              <>
                <dt>{t('records.documents.imaging.descriptions')}</dt>
                <dd>{img.descriptions.join('; ')}</dd>
              </>
            ) : null}
            {img.institution ? (
              <>
                <dt>{t('records.documents.imaging.institution')}</dt>
                <dd>{img.institution}</dd>
              </>
            ) : null}
          </dl>
          <p class="so-meta">{t('records.documents.imaging.help')}</p>
        </section>
      ) : null}

      {d.details.zipEntries !== undefined ? <p>{t('records.documents.zipEntries', { count: d.details.zipEntries })}</p> : null}

      {imported ? (
        <section aria-labelledby="import-heading">
          <h2 id="import-heading">{t('records.documents.importHeading')}</h2>
          <p>{t('records.documents.importCount', { count: imported.items })}</p>
          {imported.skipped > 0 ? <p>{t('records.documents.importSkipped', { count: imported.skipped })}</p> : null}
          <p>
            <a href={`/cases/${c.id}/records/timeline`}>{t('records.documents.seeTimeline')}</a>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="links-heading" class="margin-top-4 so-no-print">
        <h2 id="links-heading">{t('records.documents.linksHeading')}</h2>
        {checklist ? (
          <form class="usa-form usa-form--large" method="post" action={documentHref(c.id, d.id)} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="intent" value="links" />
            <Checkboxes
              ctx={ctx}
              form={{ values: { items: linked.join(',') }, errors: {} }}
              name="items"
              legend="records.documents.checklistLinks"
              hint="records.documents.linksHint"
              choices={checklist}
            />
            <button class="usa-button usa-button--outline" type="submit">
              {t('records.documents.linksSubmit')}
            </button>
          </form>
        ) : (
          <p>
            <a href={`${recordsHref(c.id)}/checklist`}>{t('records.documents.linksNoChecklist')}</a>
          </p>
        )}
      </section>

      <section aria-labelledby="edit-heading" class="margin-top-4 so-no-print">
        <h2 id="edit-heading">{t('records.documents.editHeading')}</h2>
        <ErrorSummary ctx={ctx} form={form} />
        <form class="usa-form usa-form--large" method="post" action={documentHref(c.id, d.id)} novalidate>
          <Csrf ctx={ctx} />
          <TextInput ctx={ctx} form={form} name="title" label="records.documents.field.title" hint="records.documents.field.titleHint" required maxLength={200} />
          <Select
            ctx={ctx}
            form={form}
            name="kind"
            label="records.documents.field.kind"
            required
            choices={DOCUMENT_KINDS.map((k) => ({ value: k, label: kindKey(k) }))}
          />
          <MemorableDate ctx={ctx} form={form} name="documentDate" legend="records.documents.field.date" hint="records.documents.field.dateHint" />
          <TextInput ctx={ctx} form={form} name="provider" label="records.documents.field.provider" hint="records.documents.field.providerHint" maxLength={200} />
          <button class="usa-button" type="submit">
            {t('form.save')}
          </button>
        </form>
      </section>

      {d.removedAt ? null : (
        <section aria-labelledby="remove-heading" class="margin-top-4 so-no-print">
          <h2 id="remove-heading">{t('records.remove.heading')}</h2>
          <p>{t('records.remove.hint')}</p>
          <p>
            <a class="usa-button usa-button--outline" href={`${documentHref(c.id, d.id)}/remove`}>
              {t('records.remove.title')}
            </a>
          </p>
        </section>
      )}
    </StepLayout>
  );
}
