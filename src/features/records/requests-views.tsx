import { ACCESS_FACTS, checklistTextKey, FEE_FACTS, FOLLOW_UP_FACT } from '../../content/records.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import { Alert, Csrf, ErrorSummary, formatDate, MemorableDate, Radios, Textarea, TextInput, Checkboxes } from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { recordsHref } from './documents-views.tsx';
import { SourcedList } from '../../platform/ui/sourced.tsx';
import { dueDate, type Letter, type RecordRequest, type RequestStatus, requestStatus, statusKey } from './requests.ts';

export const requestHref = (caseId: string, requestId: string) => `/cases/${caseId}/records/requests/${requestId}`;

export function RequestStatusTag({ ctx, status }: { ctx: PageContext; status: RequestStatus }) {
  const cls = status === 'received' ? ' so-status--done' : status === 'overdue' ? ' so-status--overdue' : status === 'draft' ? '' : ' so-status--in-progress';
  return <span class={`so-status${cls}`}>{ctx.t(statusKey(status))}</span>;
}

/** One line of dates for a request: sent, due, extended, received. */
export function RequestDates({ ctx, r }: { ctx: PageContext; r: RecordRequest }) {
  const t = ctx.t;
  const parts: string[] = [];
  if (r.sentOn) parts.push(t('records.requests.sentOn', { date: formatDate(ctx, r.sentOn) }));
  const due = dueDate(r);
  if (due && !r.receivedOn) parts.push(t('records.requests.dueOn', { date: formatDate(ctx, due) }));
  if (r.receivedOn) parts.push(t('records.requests.receivedOn', { date: formatDate(ctx, r.receivedOn) }));
  return <>{parts.join(' · ')}</>;
}

export function RequestList({ ctx, c, requests, today }: { ctx: PageContext; c: CaseContext; requests: RecordRequest[]; today: string }) {
  const t = ctx.t;
  if (requests.length === 0) return <p>{t('records.hub.requestsNone')}</p>;
  return (
    <ul class="so-card-list">
      {requests.map((r) => (
        <li>
          <h3 class="margin-top-0 margin-bottom-05">
            <a href={requestHref(c.id, r.id)}>{r.providerName}</a>
          </h3>
          <p class="margin-y-05">
            <RequestStatusTag ctx={ctx} status={requestStatus(r, today)} /> <RequestDates ctx={ctx} r={r} />
          </p>
        </li>
      ))}
    </ul>
  );
}

export function RequestForm({ ctx, c, form, choices }: { ctx: PageContext; c: CaseContext; form: FormState; choices: { value: string; label: string }[] }) {
  const t = ctx.t;
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.requests.new.title')} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{t('records.requests.new.title')}</h1>
      <div class="usa-prose">
        <p>{t('records.requests.new.intro')}</p>
      </div>
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={`/cases/${c.id}/records/requests/new`} novalidate>
        <Csrf ctx={ctx} />
        <TextInput ctx={ctx} form={form} name="providerName" label="records.requests.field.providerName" hint="records.requests.field.providerNameHint" required maxLength={200} />
        <Textarea ctx={ctx} form={form} name="providerAddress" label="records.requests.field.providerAddress" hint="records.requests.field.providerAddressHint" rows={3} maxLength={500} />
        <TextInput ctx={ctx} form={form} name="providerContact" label="records.requests.field.providerContact" hint="records.requests.field.providerContactHint" maxLength={200} />
        <Checkboxes ctx={ctx} form={form} name="recordsWanted" legend="records.requests.field.recordsWanted" hint="records.requests.field.recordsWantedHint" choices={choices} />
        <Textarea ctx={ctx} form={form} name="recordsOther" label="records.requests.field.recordsOther" hint="records.requests.field.recordsOtherHint" rows={2} maxLength={1000} />
        <MemorableDate ctx={ctx} form={form} name="dateFrom" legend="records.requests.field.dateFrom" hint="records.requests.field.dateHint" />
        <MemorableDate ctx={ctx} form={form} name="dateTo" legend="records.requests.field.dateTo" />
        <Radios
          ctx={ctx}
          form={form}
          name="format"
          legend="records.requests.field.format"
          required
          choices={[
            { value: 'electronic', label: 'records.requests.field.formatElectronic', hint: 'records.requests.field.formatElectronicHint' },
            { value: 'paper', label: 'records.requests.field.formatPaper' },
          ]}
        />
        <Radios
          ctx={ctx}
          form={form}
          name="delivery"
          legend="records.requests.field.delivery"
          required
          choices={[
            { value: 'me', label: 'records.requests.field.deliveryMe' },
            { value: 'third_party', label: 'records.requests.field.deliveryThirdParty' },
          ]}
        />
        <TextInput ctx={ctx} form={form} name="recipientName" label="records.requests.field.recipientName" maxLength={200} />
        <Textarea ctx={ctx} form={form} name="recipientAddress" label="records.requests.field.recipientAddress" rows={3} maxLength={500} />
        <Textarea ctx={ctx} form={form} name="notes" label="records.requests.field.notes" rows={3} maxLength={2000} />
        <button class="usa-button" type="submit">
          {t('records.requests.new.submit')}
        </button>
      </form>
      <RightsBox ctx={ctx} />
    </StepLayout>
  );
}

function RightsBox({ ctx }: { ctx: PageContext }) {
  const t = ctx.t;
  return (
    <section aria-labelledby="rights-heading" class="margin-top-4">
      <h2 id="rights-heading">{t('records.requests.rightsHeading')}</h2>
      <SourcedList ctx={ctx} items={ACCESS_FACTS} />
      <h2>{t('records.requests.feesHeading')}</h2>
      <SourcedList ctx={ctx} items={FEE_FACTS} />
      <h2>{t('records.requests.followUpHeading')}</h2>
      <SourcedList ctx={ctx} items={[FOLLOW_UP_FACT]} />
    </section>
  );
}

export function RequestPage({ ctx, c, r, today, forms }: { ctx: PageContext; c: CaseContext; r: RecordRequest; today: string; forms: Record<string, FormState> }) {
  const t = ctx.t;
  const status = requestStatus(r, today);
  const base = requestHref(c.id, r.id);
  const empty: FormState = { values: {}, errors: {} };
  return (
    <StepLayout ctx={ctx} c={c} title={r.providerName} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{r.providerName}</h1>
      <p>
        <RequestStatusTag ctx={ctx} status={status} /> <RequestDates ctx={ctx} r={r} />
      </p>
      {r.extendedDueOn ? <p>{t('records.requests.extendedOn', { date: formatDate(ctx, r.extendedDueOn), reason: r.extensionReason ?? '' })}</p> : null}
      {status === 'overdue' ? (
        <Alert type="warning" slim>
          <p>{t('records.requests.overdueHelp')}</p>
        </Alert>
      ) : null}
      <p>
        <a class="usa-button" href={`${base}/letter`}>
          {t('records.requests.letterLink')}
        </a>
        <a class="usa-button usa-button--outline" href={`${base}/letter.pdf`}>
          {t('records.requests.pdfLink')}
        </a>
      </p>
      <h2>{t('records.requests.wantedHeading')}</h2>
      <ul>
        {r.recordsWanted.map((k) => (
          <li>{t(checklistTextKey(k))}</li>
        ))}
        {r.recordsOther ? <li>{r.recordsOther}</li> : null}
      </ul>
      {r.delivery === 'third_party' && r.recipientName ? <p>{t('records.requests.deliveryTo', { name: r.recipientName })}</p> : null}

      <section aria-labelledby="track-heading" class="margin-top-4 so-no-print">
        <h2 id="track-heading">{t('records.requests.track.heading')}</h2>
        {!r.receivedOn ? (
          <form class="usa-form usa-form--large" method="post" action={base} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="action" value="sent" />
            <h3>{t('records.requests.track.sentHeading')}</h3>
            <ErrorSummary ctx={ctx} form={forms.sent ?? empty} />
            <MemorableDate ctx={ctx} form={forms.sent ?? { values: { sentOn: r.sentOn ?? '' }, errors: {} }} name="sentOn" legend="records.requests.track.sentOn" hint="records.requests.track.sentOnHint" />
            <button class="usa-button usa-button--outline" type="submit">
              {t('records.requests.track.sentSubmit')}
            </button>
          </form>
        ) : null}
        {(r.sentOn && !r.receivedOn && !r.extendedDueOn) || forms.extension ? (
          <form class="usa-form usa-form--large" method="post" action={base} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="action" value="extension" />
            <h3>{t('records.requests.track.extensionHeading')}</h3>
            <p class="usa-hint">{t('records.requests.track.extensionHint')}</p>
            <ErrorSummary ctx={ctx} form={forms.extension ?? empty} />
            <Textarea ctx={ctx} form={forms.extension ?? empty} name="reason" label="records.requests.track.reason" required rows={2} maxLength={1000} />
            <button class="usa-button usa-button--outline" type="submit">
              {t('records.requests.track.extensionSubmit')}
            </button>
          </form>
        ) : null}
        {!r.receivedOn ? (
          <form class="usa-form usa-form--large" method="post" action={base} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="action" value="received" />
            <h3>{t('records.requests.track.receivedHeading')}</h3>
            <ErrorSummary ctx={ctx} form={forms.received ?? empty} />
            <MemorableDate ctx={ctx} form={forms.received ?? empty} name="receivedOn" legend="records.requests.track.receivedOn" hint="records.requests.track.sentOnHint" />
            <button class="usa-button" type="submit">
              {t('records.requests.track.receivedSubmit')}
            </button>
          </form>
        ) : null}
        <form class="usa-form usa-form--large" method="post" action={base} novalidate>
          <Csrf ctx={ctx} />
          <input type="hidden" name="action" value="notes" />
          <Textarea ctx={ctx} form={forms.notes ?? { values: { notes: r.notes ?? '' }, errors: {} }} name="notes" label="records.requests.field.notes" rows={3} maxLength={2000} />
          <button class="usa-button usa-button--outline" type="submit">
            {t('records.requests.track.notesSubmit')}
          </button>
        </form>
      </section>
      <RightsBox ctx={ctx} />
    </StepLayout>
  );
}

export function LetterPage({ ctx, c, r, letter }: { ctx: PageContext; c: CaseContext; r: RecordRequest; letter: Letter }) {
  const t = ctx.t;
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.letter.title')} crumbs={[[t('records.title'), recordsHref(c.id)], [r.providerName, requestHref(c.id, r.id)]]}>
      <div class="so-no-print">
        <h1>{t('records.letter.title')}</h1>
        <p>{t('records.letter.printHelp')}</p>
        <p>
          <a class="usa-button so-no-print" href="#" data-print hidden>
            {t('form.print')}
          </a>
          <a class="usa-button usa-button--outline" href={`${requestHref(c.id, r.id)}/letter.pdf`}>
            {t('records.requests.pdfLink')}
          </a>
        </p>
      </div>
      <article class="so-letter" aria-label={t('records.letter.title')}>
        <p>
          {letter.from.map((l) => (
            <>
              {l}
              <br />
            </>
          ))}
        </p>
        <p>{letter.date}</p>
        <p>
          {letter.to.map((l) => (
            <>
              {l}
              <br />
            </>
          ))}
        </p>
        <p>
          <strong>{letter.subject}</strong>
        </p>
        <p>{letter.greeting}</p>
        {letter.paragraphs.map((p) => (
          <p>{p}</p>
        ))}
        <ul>
          {letter.wanted.map((w) => (
            <li>{w}</li>
          ))}
        </ul>
        {letter.afterList.map((p) => (
          <p>{p}</p>
        ))}
        <p>{letter.closing}</p>
        {letter.signatureLines.map((s) => (
          <p class="so-signature-line">{s}</p>
        ))}
      </article>
    </StepLayout>
  );
}
