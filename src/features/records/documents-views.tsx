import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import {
  Alert,
  Checkboxes,
  Csrf,
  ErrorSummary,
  formatDate,
  MemorableDate,
  Select,
  TextInput,
} from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { DOCUMENT_KINDS, type DocumentRecord, formatBytes, kindKey, textStatusKey, typeKey } from './documents.ts';
import type { RefusalReason } from './documents-detect.ts';
import type { PatientMismatch, UploadOutcome } from './documents-upload.ts';
import { differsFrom, type Identity } from './patient-match.ts';

export const recordsHref = (caseId: string) => `/cases/${caseId}/records`;
export const uploadHref = (caseId: string) => `/cases/${caseId}/records/upload`;
export const documentHref = (caseId: string, documentId: string) => `/cases/${caseId}/records/documents/${documentId}`;

function TextFlag({ ctx, d }: { ctx: PageContext; d: DocumentRecord }) {
  if (d.textStatus !== 'unreadable' && d.textStatus !== 'too_large') return null;
  return <span class="so-status so-status--overdue">{ctx.t(textStatusKey(d.textStatus))}</span>;
}

/** The list of documents, as a table that also reads well on a phone and on paper. */
export function DocumentTable({
  ctx,
  c,
  documents,
}: {
  ctx: PageContext;
  c: CaseContext;
  documents: DocumentRecord[];
}) {
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
            {d.pageCount ? ` · ${d.pageCount} ${t('records.documents.pages').toLowerCase()}` : ''} ·{' '}
            {t('records.documents.added', { date: formatDate(ctx, d.createdAt) })} <TextFlag ctx={ctx} d={d} />
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
export function RemovedDocuments({
  ctx,
  c,
  documents,
}: {
  ctx: PageContext;
  c: CaseContext;
  documents: DocumentRecord[];
}) {
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
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('records.remove.title')}
      crumbs={[
        [t('records.title'), recordsHref(c.id)],
        [d.title, documentHref(c.id, d.id)],
      ]}
    >
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

export function UploadPage({
  ctx,
  c,
  maxBytes,
  form,
}: {
  ctx: PageContext;
  c: CaseContext;
  maxBytes: number;
  form: FormState;
}) {
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
      <form
        class="usa-form usa-form--large"
        method="post"
        action={action}
        enctype="multipart/form-data"
        data-upload-form
        data-max-bytes={String(maxBytes)}
        novalidate
      >
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
          <input
            class="usa-file-input"
            id="files"
            name="files"
            type="file"
            multiple
            aria-describedby={error ? 'files-hint files-error' : 'files-hint'}
          />
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
        {/* A portal file naming someone else (ADR 0146): the script shows both identities. */}
        <span data-msg="patientHeading">{t('records.patient.heading')}</span>
        <span data-msg="nothingAdded">{t('records.patient.nothingAdded')}</span>
        <span data-msg="caption">{t('records.patient.caption')}</span>
        <span data-msg="captionIn">{t('records.patient.captionIn', { file: '{file}' })}</span>
        <span data-msg="colFile">{t('records.patient.colFile')}</span>
        <span data-msg="colProfile">{t('records.patient.colProfile')}</span>
        <span data-msg="rowName">{t('records.patient.rowName')}</span>
        <span data-msg="rowBirthDate">{t('records.patient.rowBirthDate')}</span>
        <span data-msg="notGiven">{t('records.patient.notGiven')}</span>
        <span data-msg="differs">{t('records.patient.differs')}</span>
        <span data-msg="ifSomeoneElse">{t('records.patient.ifSomeoneElse')}</span>
        <span data-msg="ifRightPerson">{t('records.patient.ifRightPerson')}</span>
        <span data-msg="confirm">{t('records.patient.confirm')}</span>
        <span data-msg="confirmSending">{t('records.patient.sending')}</span>
      </template>
    </StepLayout>
  );
}

/** Why a file was not added, in plain words; a file inside a ZIP is named. */
/** The limits a refusal may name: every file's, and the smaller one of health record imports. */
export interface UploadLimits {
  maxUploadBytes: number;
  importMaxBytes: number;
}

export function refusalMessage(
  t: PageContext['t'],
  o: { reason: RefusalReason; entry?: string },
  limits: UploadLimits,
): string {
  const inZip = o.entry && (o.reason === 'patient_several' || o.reason === 'patient_none');
  const limit = formatBytes(o.reason === 'import_too_large' ? limits.importMaxBytes : limits.maxUploadBytes);
  return t((inZip ? `records.refusal.${o.reason}.inZip` : `records.refusal.${o.reason}`) as MessageKey, {
    limit,
    entry: o.entry ?? '',
  });
}

export function outcomeMessage(t: PageContext['t'], o: UploadOutcome, limits: UploadLimits): string {
  if (o.status === 'refused') return `${t('records.upload.result.refused')} ${refusalMessage(t, o, limits)}`;
  const base = t(`records.upload.result.${o.status}` as MessageKey);
  return o.itemsAdded > 0 ? `${base} ${t('records.upload.result.items', { count: o.itemsAdded })}` : base;
}

/** A date of birth as people read it; a partial date ("1975") as the file gives it. */
function birthText(ctx: PageContext, d: string | null | undefined): string {
  if (!d) return ctx.t('records.patient.notGiven');
  return /^\d{4}-\d{2}-\d{2}$/.test(d) ? formatDate(ctx, d) : d;
}

/**
 * The file's name and date of birth beside the profile's, the rows that differ marked in
 * words (not only colour), so a person can see at a glance why the file was stopped.
 */
export function IdentityTable({
  ctx,
  file,
  profile,
  differs,
}: {
  ctx: PageContext;
  file: Identity;
  profile: Identity;
  differs: { name: boolean; birthDate: boolean };
}) {
  const t = ctx.t;
  // A real space before the tag, so it is read as a separate word, not glued to the name.
  const flag = (on: boolean) =>
    on ? (
      <>
        {' '}
        <span class="usa-tag so-tag-differs margin-left-05">{t('records.patient.differs')}</span>
      </>
    ) : null;
  return (
    <table class="usa-table usa-table--borderless so-identity">
      <caption>
        {file.inFile ? t('records.patient.captionIn', { file: file.inFile }) : t('records.patient.caption')}
      </caption>
      <thead>
        <tr>
          <td />
          <th scope="col">{t('records.patient.colFile')}</th>
          <th scope="col">{t('records.patient.colProfile')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">{t('records.patient.rowName')}</th>
          <td>
            <strong>{file.name}</strong>
            {flag(differs.name)}
          </td>
          <td>{profile.name}</td>
        </tr>
        <tr>
          <th scope="row">{t('records.patient.rowBirthDate')}</th>
          <td>
            <strong>{birthText(ctx, file.birthDate)}</strong>
            {flag(differs.birthDate)}
          </td>
          <td>{birthText(ctx, profile.birthDate)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/**
 * A portal file stopped because it names someone else (no script needed): both identities,
 * what to do, and a form that sends the same file again with "this is the right person".
 * Nothing of the file was kept, so the person chooses it again (ADR 0146); with script the
 * upload page resends it from the browser instead.
 */
export function MismatchPanel({
  ctx,
  c,
  fileName,
  m,
  n,
  canEditProfile,
}: {
  ctx: PageContext;
  c: CaseContext;
  fileName: string;
  m: PatientMismatch;
  n: number;
  canEditProfile: boolean;
}) {
  const t = ctx.t;
  const inputId = `confirm-file-${n}`;
  return (
    <div class="so-mismatch">
      <Alert type="warning" heading={t('records.patient.heading')}>
        <p>{t('records.patient.nothingAdded')}</p>
      </Alert>
      {m.files.map((f) => (
        <IdentityTable ctx={ctx} file={f} profile={m.profile} differs={f.differs} />
      ))}
      <ul class="usa-list">
        <li>{t('records.patient.ifSomeoneElse')}</li>
        <li>{t('records.patient.ifRightPerson')}</li>
      </ul>
      {/* CSRF first, then the confirmation, then the file: the server reads them in order (ADR 0140). */}
      <form
        class="usa-form usa-form--large so-no-print"
        method="post"
        action={uploadHref(c.id)}
        enctype="multipart/form-data"
        novalidate
      >
        <Csrf ctx={ctx} />
        <input type="hidden" name="confirmPatient" value={m.fingerprint} />
        <div class="usa-form-group">
          <label class="usa-label" for={inputId}>
            {t('records.patient.chooseAgainLabel')}
            <span class="usa-sr-only"> ({fileName})</span>
          </label>
          <span class="usa-hint" id={`${inputId}-hint`}>
            {t('records.patient.chooseAgain')}
          </span>
          <input class="usa-file-input" id={inputId} name="files" type="file" aria-describedby={`${inputId}-hint`} />
        </div>
        <button class="usa-button" type="submit">
          {t('records.patient.confirm')}
        </button>
      </form>
      {canEditProfile ? (
        <p class="so-no-print">
          <a href={`/patients/${c.patientId}/edit`}>{t('records.patient.fixProfile')}</a>
        </p>
      ) : null}
    </div>
  );
}

const profileOf = (c: CaseContext): Identity => ({ name: c.patientName, birthDate: c.patientDateOfBirth });

/** The people an older import names who are not the profile's person, each with how they differ. */
function othersIn(c: CaseContext, d: DocumentRecord) {
  const named = d.patientCheck?.named ?? [];
  const others = named
    .map((n) => ({ ...n, differs: differsFrom(n, profileOf(c)) }))
    .filter((n) => n.differs.name || n.differs.birthDate);
  return others.length ? others : named.map((n) => ({ ...n, differs: { name: true, birthDate: false } }));
}

/** "This is the right person" and "Remove from this case", for an older import held for review. */
function ReviewActions({ ctx, c, d, label }: { ctx: PageContext; c: CaseContext; d: DocumentRecord; label?: string }) {
  const t = ctx.t;
  return (
    <div class="so-no-print">
      <form
        class="display-inline-block margin-right-1"
        method="post"
        action={`${documentHref(c.id, d.id)}/confirm-patient`}
      >
        <Csrf ctx={ctx} />
        <button class="usa-button margin-top-1" type="submit">
          {t('records.review.confirm')}
          {label ? <span class="usa-sr-only"> {label}</span> : null}
        </button>
      </form>
      <a class="usa-button usa-button--outline margin-top-1" href={`${documentHref(c.id, d.id)}/remove`}>
        {t('records.remove.title')}
        {label ? <span class="usa-sr-only"> {label}</span> : null}
      </a>
    </div>
  );
}

/** Older imports that name someone else, on the records page, until someone decides (ADR 0146). */
export function ReviewDocuments({
  ctx,
  c,
  documents,
}: {
  ctx: PageContext;
  c: CaseContext;
  documents: DocumentRecord[];
}) {
  const t = ctx.t;
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby="review-heading" class="margin-top-4 so-review">
      <h2 id="review-heading">{t('records.review.heading')}</h2>
      <Alert type="warning" slim>
        <p>{t('records.review.intro')}</p>
      </Alert>
      <ul class="so-card-list margin-top-2">
        {documents.map((d) => (
          <li>
            <h3 class="margin-top-0 margin-bottom-05">
              <a href={documentHref(c.id, d.id)}>{d.title}</a>
            </h3>
            <p class="so-meta margin-y-05">
              {t(typeKey(d.detectedType))} · {d.originalName} ·{' '}
              {t('records.documents.added', { date: formatDate(ctx, d.createdAt) })}
            </p>
            {othersIn(c, d).map((o) => (
              <IdentityTable ctx={ctx} file={o} profile={profileOf(c)} differs={o.differs} />
            ))}
            <ReviewActions ctx={ctx} c={c} d={d} label={d.title} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** On a document's page: whose record the file says it is, and what was decided. */
function PatientCheckSection({ ctx, c, d }: { ctx: PageContext; c: CaseContext; d: DocumentRecord }) {
  const t = ctx.t;
  const check = d.patientCheck;
  const portal = d.detectedType === 'ccda' || d.detectedType === 'fhir';
  if (!check || (check.named.length === 0 && !portal)) return null;
  if (check.status === 'mismatch' && !d.removedAt) {
    return (
      <div class="margin-y-3 so-review">
        <Alert type="warning" heading={t('records.patient.heading')}>
          <p>{t('records.review.thisOne')}</p>
        </Alert>
        {othersIn(c, d).map((o) => (
          <IdentityTable ctx={ctx} file={o} profile={profileOf(c)} differs={o.differs} />
        ))}
        <ReviewActions ctx={ctx} c={c} d={d} />
      </div>
    );
  }
  const status =
    check.status === 'confirmed'
      ? check.checkedByName
        ? t('records.patient.status.confirmed', { person: check.checkedByName, date: formatDate(ctx, check.checkedAt) })
        : t('records.patient.status.confirmedSomeone', { date: formatDate(ctx, check.checkedAt) })
      : check.status === 'matched'
        ? t('records.patient.status.matched')
        : check.status === 'not_checked'
          ? t('records.patient.status.not_checked')
          : null;
  return (
    <section aria-labelledby="patient-heading">
      <h2 id="patient-heading">{t('records.patient.sectionHeading')}</h2>
      {check.named.map((n) => (
        <p class="margin-y-05">
          {n.birthDate
            ? t('records.patient.namesBorn', { name: n.name, date: birthText(ctx, n.birthDate) })
            : t('records.patient.names', { name: n.name })}
          {n.inFile ? <span class="so-meta"> ({n.inFile})</span> : null}
        </p>
      ))}
      {status ? <p class="margin-y-05">{status}</p> : null}
    </section>
  );
}

export function UploadResultsPage({
  ctx,
  c,
  outcomes,
  limits,
  canEditProfile,
}: {
  ctx: PageContext;
  c: CaseContext;
  outcomes: UploadOutcome[];
  limits: UploadLimits;
  canEditProfile: boolean;
}) {
  const t = ctx.t;
  const anyRefused = outcomes.some((o) => o.status === 'refused');
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('records.upload.resultsTitle')}
      crumbs={[[t('records.title'), recordsHref(c.id)]]}
    >
      <h1>{t('records.upload.resultsTitle')}</h1>
      {anyRefused ? (
        <Alert type="warning" slim role="alert">
          <p>{t('records.upload.someRefused')}</p>
        </Alert>
      ) : null}
      <ul class="so-card-list">
        {outcomes.map((o, n) => (
          <li class={o.status === 'refused' ? 'so-upload-refused' : undefined}>
            <p class="text-bold margin-y-05">
              {o.status === 'refused' ? (
                o.fileName || t('records.upload.fileUnknown')
              ) : (
                <a href={documentHref(c.id, o.documentId)}>{o.title}</a>
              )}
            </p>
            {o.status !== 'refused' && o.title !== o.fileName ? <p class="so-meta margin-y-05">{o.fileName}</p> : null}
            {o.status === 'refused' && o.mismatch ? (
              <MismatchPanel
                ctx={ctx}
                c={c}
                fileName={o.fileName}
                m={o.mismatch}
                n={n}
                canEditProfile={canEditProfile}
              />
            ) : (
              <p class="margin-y-05">{outcomeMessage(t, o, limits)}</p>
            )}
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
  stale,
}: {
  ctx: PageContext;
  c: CaseContext;
  d: DocumentRecord;
  form: FormState;
  /** The document as someone else saved it while this person was editing (ADR 0016). */
  stale?: DocumentRecord | undefined;
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
      {d.patientCheck?.status === 'mismatch' && !d.removedAt ? <PatientCheckSection ctx={ctx} c={c} d={d} /> : null}
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

      {d.patientCheck?.status === 'mismatch' && !d.removedAt ? null : <PatientCheckSection ctx={ctx} c={c} d={d} />}

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

      {d.details.zipEntries !== undefined ? (
        <p>{t('records.documents.zipEntries', { count: d.details.zipEntries })}</p>
      ) : null}

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
        {stale ? (
          <StaleNotice
            ctx={ctx}
            fields={[
              { label: t('records.documents.field.title'), saved: stale.title, yours: form.values.title ?? '' },
              {
                label: t('records.documents.field.kind'),
                saved: t(kindKey(stale.kind)),
                yours: form.values.kind ? t(kindKey(form.values.kind)) : '',
              },
              {
                label: t('records.documents.field.date'),
                saved: stale.documentDate ? formatDate(ctx, stale.documentDate) : '',
                yours:
                  form.values.documentDate && /^\d{4}-\d{2}-\d{2}$/.test(form.values.documentDate)
                    ? formatDate(ctx, form.values.documentDate)
                    : (form.values.documentDate ?? ''),
              },
              {
                label: t('records.documents.field.provider'),
                saved: stale.provider ?? '',
                yours: form.values.provider ?? '',
              },
            ]}
          />
        ) : null}
        <ErrorSummary ctx={ctx} form={form} />
        <form class="usa-form usa-form--large" method="post" action={documentHref(c.id, d.id)} novalidate>
          <Csrf ctx={ctx} />
          <VersionField version={form.values.version} />
          <TextInput
            ctx={ctx}
            form={form}
            name="title"
            label="records.documents.field.title"
            hint="records.documents.field.titleHint"
            required
            maxLength={200}
          />
          <Select
            ctx={ctx}
            form={form}
            name="kind"
            label="records.documents.field.kind"
            required
            choices={DOCUMENT_KINDS.map((k) => ({ value: k, label: kindKey(k) }))}
          />
          <MemorableDate
            ctx={ctx}
            form={form}
            name="documentDate"
            legend="records.documents.field.date"
            hint="records.documents.field.dateHint"
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="provider"
            label="records.documents.field.provider"
            hint="records.documents.field.providerHint"
            maxLength={200}
          />
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
