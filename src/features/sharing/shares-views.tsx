import type { CaseContext } from '../../platform/case-context.ts';
import {
  Alert,
  Checkboxes,
  Csrf,
  ErrorSummary,
  formatDate,
  formatDateTime,
  MemorableDate,
  PostButton,
  Radios,
  TextInput,
} from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import type { DocumentRecord } from '../records/documents.ts';
import { kindKey } from '../records/documents.ts';
import { packetHref } from './packet-views.tsx';
import {
  type AccessLogEntry,
  accessActionKey,
  describeBrowser,
  SHARE_LIMITS,
  type ShareRecord,
  type ShareState,
  shareState,
} from './shares.ts';

const stateKey = (s: ShareState) => `sharing.state.${s}` as const;
const stateClass: Record<ShareState, string> = {
  active: 'so-status--done',
  expired: 'so-status--not-started',
  revoked: 'so-status--not-started',
  locked: 'so-status--in-progress',
};

/** Said before a link is made when the link's address only works on this computer (ADR 0191). */
function LocalOnlyWarning({ ctx, baseUrl }: { ctx: PageContext; baseUrl: string | null }) {
  if (!baseUrl) return null;
  const t = ctx.t;
  return (
    <Alert type="warning" heading={t('sharing.localOnly.heading')} role="region">
      <p>{t('sharing.localOnly.text', { address: baseUrl })}</p>
      <p>{t('sharing.localOnly.fix')}</p>
      <p>{t('sharing.localOnly.readme')}</p>
    </Alert>
  );
}

function docTitle(documents: DocumentRecord[], id: string | null): string | null {
  if (!id) return null;
  return documents.find((d) => d.id === id)?.title ?? null;
}

export function SharingPage({
  ctx,
  c,
  shares,
  log,
  pending,
  documents,
  now,
  localOnly,
}: {
  ctx: PageContext;
  c: CaseContext;
  /** The base address when links made now would only open on this computer, else null. */
  localOnly: string | null;
  shares: ShareRecord[];
  log: AccessLogEntry[];
  pending: { id: string; shareId: string; doctorName: string }[];
  documents: DocumentRecord[];
  now: Date;
}) {
  const t = ctx.t;
  const title = t('sharing.title');
  const byId = new Map(shares.map((s) => [s.id, s]));
  return (
    <StepLayout ctx={ctx} c={c} title={title}>
      <h1>{title}</h1>
      <p>{t('sharing.intro')}</p>
      <LocalOnlyWarning ctx={ctx} baseUrl={localOnly} />
      {pending.map((p) => (
        <Alert type="info" heading={t('sharing.pending.heading', { doctor: p.doctorName })} role="region">
          <p>{t('sharing.pending.text')}</p>
          <p>
            {/* The opinions list is where a waiting opinion is accepted or set aside. */}
            <a class="usa-button" href={`/cases/${c.id}/opinions`}>
              {t('sharing.pending.read')}
            </a>
          </p>
        </Alert>
      ))}
      {documents.length === 0 ? (
        <Alert type="warning" slim>
          <p>
            {t('sharing.noDocuments')} <a href={`/cases/${c.id}/records`}>{t('sharing.noDocumentsLink')}</a>
          </p>
        </Alert>
      ) : (
        <p>
          <a class="usa-button" href={`/cases/${c.id}/sharing/new`}>
            {t('sharing.new')}
          </a>
          <a class="usa-button usa-button--outline" href={packetHref(c.id)}>
            {t('sharing.packetLink')}
          </a>
        </p>
      )}

      <h2>{t('sharing.links.heading')}</h2>
      {shares.length === 0 ? (
        <p>{t('sharing.links.none')}</p>
      ) : (
        <ul class="usa-card-group so-share-list">
          {shares.map((s) => {
            const state = shareState(s, now);
            return (
              <li class="usa-card tablet:grid-col-12">
                <div class="usa-card__container">
                  <div class="usa-card__header">
                    <h3 class="usa-card__heading">{t('sharing.links.with', { doctor: s.doctorName })}</h3>
                  </div>
                  <div class="usa-card__body">
                    <p>
                      <span class={`so-status ${stateClass[state]}`}>{t(stateKey(state))}</span>
                    </p>
                    <dl class="so-key-facts">
                      <dt>{t('sharing.links.what')}</dt>
                      <dd>
                        {t(s.scope === 'packet' ? 'sharing.scope.packetShort' : 'sharing.scope.documentsShort', {
                          n: s.documentIds.length,
                        })}
                      </dd>
                      <dt>{t('sharing.links.made')}</dt>
                      <dd>{formatDate(ctx, s.createdAt)}</dd>
                      <dt>{t('sharing.links.until')}</dt>
                      <dd>{formatDateTime(ctx, s.expiresAt)}</dd>
                      <dt>{t('sharing.links.code')}</dt>
                      <dd>{t(s.hasCode ? 'sharing.links.codeYes' : 'sharing.links.codeNo')}</dd>
                    </dl>
                    {state === 'locked' ? (
                      <Alert type="warning" slim>
                        <p>{t('sharing.links.lockedText', { n: SHARE_LIMITS.maxFailures })}</p>
                      </Alert>
                    ) : null}
                  </div>
                  {state === 'active' || state === 'locked' ? (
                    <div class="usa-card__footer so-no-print">
                      {state === 'locked' ? (
                        <PostButton
                          ctx={ctx}
                          action={`/cases/${c.id}/sharing/${s.id}/unlock`}
                          label={t('sharing.links.unlock', { doctor: s.doctorName })}
                          variant="outline"
                        />
                      ) : null}
                      <PostButton
                        ctx={ctx}
                        action={`/cases/${c.id}/sharing/${s.id}/replace`}
                        label={t('sharing.replace.button', { doctor: s.doctorName })}
                        variant="outline"
                      />
                      <PostButton
                        ctx={ctx}
                        action={`/cases/${c.id}/sharing/${s.id}/revoke`}
                        label={t('sharing.links.revoke', { doctor: s.doctorName })}
                        variant="secondary"
                        confirm={t('sharing.links.revokeConfirm')}
                      />
                    </div>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <h2 id="access-log">{t('sharing.log.heading')}</h2>
      <p>{t('sharing.log.intro')}</p>
      {log.length === 0 ? (
        <p>{t('sharing.log.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked so-access-log">
          <caption class="usa-sr-only">{t('sharing.log.heading')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('sharing.log.when')}</th>
              <th scope="col">{t('sharing.log.link')}</th>
              <th scope="col">{t('sharing.log.what')}</th>
              <th scope="col">{t('sharing.log.from')}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((e) => {
              const doc = docTitle(documents, e.objectId);
              return (
                <tr>
                  <th scope="row" data-label={t('sharing.log.when')}>
                    {formatDateTime(ctx, e.at)}
                  </th>
                  <td data-label={t('sharing.log.link')}>{byId.get(e.shareId)?.doctorName ?? ''}</td>
                  <td data-label={t('sharing.log.what')}>
                    {t(accessActionKey(e.action))}
                    {doc ? `: ${doc}` : ''}
                  </td>
                  <td data-label={t('sharing.log.from')}>
                    {e.ip ?? ''}
                    {e.userAgent ? (
                      <>
                        <br />
                        <span title={e.userAgent}>{describeBrowser(e.userAgent) ?? t('sharing.log.otherBrowser')}</span>
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </StepLayout>
  );
}

export function ShareFormPage(props: {
  ctx: PageContext;
  c: CaseContext;
  documents: DocumentRecord[];
  form: FormState;
  localOnly: string | null;
}) {
  const { ctx, c, documents, form } = props;
  const t = ctx.t;
  const title = t('sharing.form.title');
  return (
    <StepLayout ctx={ctx} c={c} title={title} crumbs={[[t('sharing.title'), `/cases/${c.id}/sharing`]]}>
      <h1>{title}</h1>
      <p>{t('sharing.form.intro')}</p>
      <LocalOnlyWarning ctx={ctx} baseUrl={props.localOnly} />
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={`/cases/${c.id}/sharing/new`} novalidate>
        <Csrf ctx={ctx} />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large">{t('sharing.form.doctor')}</legend>
          <TextInput
            ctx={ctx}
            form={form}
            name="doctorName"
            label="sharing.field.doctorName"
            hint="sharing.field.doctorNameHint"
            required
            maxLength={SHARE_LIMITS.doctorName}
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="doctorPractice"
            label="sharing.field.doctorPractice"
            maxLength={SHARE_LIMITS.doctorPractice}
          />
          <TextInput
            ctx={ctx}
            form={form}
            name="doctorEmail"
            type="email"
            label="sharing.field.doctorEmail"
            hint="sharing.field.doctorEmailHint"
            maxLength={SHARE_LIMITS.doctorEmail}
          />
        </fieldset>
        <Radios
          ctx={ctx}
          form={form}
          name="scope"
          legend="sharing.field.scope"
          choices={[
            { value: 'packet', label: 'sharing.scope.packet', hint: 'sharing.scope.packetHint' },
            { value: 'documents', label: 'sharing.scope.documents', hint: 'sharing.scope.documentsHint' },
          ]}
        />
        <Checkboxes
          ctx={ctx}
          form={form}
          name="documentIds"
          legend="sharing.field.documents"
          hint="sharing.field.documentsHint"
          choices={documents.map((d) => ({
            value: d.id,
            label: d.title,
            hint: [t(kindKey(d.kind)), d.documentDate ? formatDate(ctx, d.documentDate) : '']
              .filter(Boolean)
              .join(', '),
          }))}
        />
        <fieldset class="usa-fieldset">
          <legend class="usa-legend usa-legend--large">{t('sharing.form.expiry')}</legend>
          <TextInput
            ctx={ctx}
            form={form}
            name="expiresInDays"
            label="sharing.field.days"
            hint="sharing.field.daysHint"
            inputMode="numeric"
            maxLength={3}
            width="sm"
          />
          <MemorableDate ctx={ctx} form={form} name="expiresOn" legend="sharing.field.date" />
        </fieldset>
        <div class="usa-form-group">
          <fieldset class="usa-fieldset">
            <legend class="usa-legend">{t('sharing.field.code')}</legend>
            <div class="usa-checkbox">
              <input
                class="usa-checkbox__input"
                id="accessCode"
                type="checkbox"
                name="accessCode"
                value="1"
                checked={form.values.accessCode === '1'}
              />
              <label class="usa-checkbox__label" for="accessCode">
                {t('sharing.field.codeLabel')}
                <span class="usa-checkbox__label-description">{t('sharing.field.codeHint')}</span>
              </label>
            </div>
          </fieldset>
        </div>
        <div class="so-form-actions">
          <button class="usa-button" type="submit">
            {t('sharing.form.submit')}
          </button>
          <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${c.id}/sharing`}>
            {t('form.cancel')}
          </a>
        </div>
      </form>
    </StepLayout>
  );
}

export function ShareCreatedPage({
  ctx,
  c,
  share,
  url,
  accessCode,
}: {
  ctx: PageContext;
  c: CaseContext;
  share: ShareRecord;
  url: string;
  accessCode: string | null;
}) {
  const t = ctx.t;
  const title = t('sharing.created.title');
  const count = share.documentIds.length;
  return (
    <StepLayout ctx={ctx} c={c} title={title} crumbs={[[t('sharing.title'), `/cases/${c.id}/sharing`]]}>
      <h1>{title}</h1>
      <Alert type="warning" heading={t('sharing.created.onceHeading')}>
        <p>{t('sharing.created.once')}</p>
      </Alert>
      <div class="usa-form-group">
        <label class="usa-label" for="share-url">
          {t('sharing.created.link', { doctor: share.doctorName })}
        </label>
        <input class="usa-input so-share-url" id="share-url" type="text" readOnly value={url} data-share-url />
        <button
          type="button"
          class="usa-button usa-button--outline margin-top-1 so-no-print"
          data-copy-target="share-url"
          data-copied={t('sharing.created.copied')}
          hidden
        >
          {t('sharing.created.copy')}
        </button>
        <span class="usa-sr-only" role="status" data-copy-status></span>
      </div>
      {accessCode ? (
        <div class="margin-top-3 so-no-print">
          <h2>{t('sharing.created.codeHeading')}</h2>
          <p class="so-access-code" data-access-code>
            {accessCode}
          </p>
          <p>{t('sharing.created.codeHow')}</p>
        </div>
      ) : null}
      <section class="so-how-to-open margin-top-4" aria-labelledby="how-heading">
        <h2 id="how-heading">{t('sharing.note.heading', { doctor: share.doctorName })}</h2>
        <p>{t('sharing.note.from', { patient: c.patientName })}</p>
        <ol class="usa-list">
          <li>
            {t('sharing.note.step1')} <span class="so-break-all">{url}</span>
          </li>
          {accessCode ? <li>{t('sharing.note.step2code')}</li> : null}
          <li>{t('sharing.note.step3', { n: count })}</li>
          <li>{t('sharing.note.step4')}</li>
        </ol>
        <p>{t('sharing.note.until', { date: formatDate(ctx, share.expiresAt) })}</p>
        <p>{t('sharing.note.private')}</p>
      </section>
      <p class="margin-top-3 so-no-print">
        <a class="usa-button usa-button--outline" href="#" data-print hidden>
          {t('sharing.note.print')}
        </a>
        <a class="usa-button" href={`/cases/${c.id}/sharing`}>
          {t('sharing.created.done')}
        </a>
      </p>
    </StepLayout>
  );
}

/** The "link made" page opened again: the link is gone (only its hash is kept), and nothing new is made. */
export function ShareShownOncePage({
  ctx,
  c,
  share,
  now,
}: {
  ctx: PageContext;
  c: CaseContext;
  share: ShareRecord;
  now: Date;
}) {
  const t = ctx.t;
  const title = t('sharing.shownOnce.title');
  const state = shareState(share, now);
  return (
    <StepLayout ctx={ctx} c={c} title={title} crumbs={[[t('sharing.title'), `/cases/${c.id}/sharing`]]}>
      <h1>{title}</h1>
      <Alert type="info">
        <p>{t('sharing.shownOnce.text')}</p>
      </Alert>
      <p>
        {t('sharing.created.link', { doctor: share.doctorName })}:{' '}
        <span class={`so-status ${stateClass[state]}`}>{t(stateKey(state))}</span>
      </p>
      <div class="margin-top-3 so-no-print">
        {state === 'active' || state === 'locked' ? (
          <div class="margin-bottom-3">
            <PostButton
              ctx={ctx}
              action={`/cases/${c.id}/sharing/${share.id}/replace`}
              label={t('sharing.replace.button', { doctor: share.doctorName })}
            />
            <p class="usa-hint">{t('sharing.replace.hint')}</p>
          </div>
        ) : null}
        {state === 'revoked' ? null : (
          <PostButton
            ctx={ctx}
            action={`/cases/${c.id}/sharing/${share.id}/revoke`}
            label={t('sharing.links.revoke', { doctor: share.doctorName })}
            variant="secondary"
            confirm={t('sharing.links.revokeConfirm')}
          />
        )}
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/sharing/new`}>
          {t('sharing.new')}
        </a>
        <a class="usa-button usa-button--unstyled" href={`/cases/${c.id}/sharing`}>
          {t('sharing.shownOnce.back')}
        </a>
      </div>
    </StepLayout>
  );
}
