import {
  ACCESS_FACTS,
  AUTHORIZATION_FACTS,
  checklistTextKey,
  FEE_FACTS,
  FOLLOW_UP_FACT,
  isSpecimenItem,
} from '../../content/records.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import {
  Alert,
  Checkboxes,
  Csrf,
  ErrorSummary,
  formatDate,
  MemorableDate,
  Radios,
  Textarea,
  TextInput,
} from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { SourcedList } from '../../platform/ui/sourced.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { recordsHref } from './documents-views.tsx';
import {
  LetterLinks,
  NotesForm,
  StaleTrack,
  TrackedList,
  type TrackedState,
  TrackedStatus,
  TrackForm,
} from './letter-views.tsx';
import { dueDate, followUpDate, type RecordRequest, requestStatus, runsLegalClock, statusKey } from './requests.ts';
import { specimenNewHref } from './specimens-views.tsx';

export const requestHref = (caseId: string, requestId: string) => `/cases/${caseId}/records/requests/${requestId}`;

/** A request's status, and its dates: sent, due (or, for an authorization, when to check), received. */
export function requestState(ctx: PageContext, r: RecordRequest, today: string): TrackedState {
  const t = ctx.t;
  const status = requestStatus(r, today);
  const dates: string[] = [t(`records.requests.kind.${r.kind}`)];
  if (r.sentOn) dates.push(t('records.requests.sentOn', { date: formatDate(ctx, r.sentOn) }));
  const due = dueDate(r);
  if (due && !r.receivedOn) dates.push(t('records.requests.dueOn', { date: formatDate(ctx, due) }));
  const check = followUpDate(r);
  if (check && !r.receivedOn) dates.push(t('records.requests.followUpOn', { date: formatDate(ctx, check) }));
  if (r.receivedOn) dates.push(t('records.requests.receivedOn', { date: formatDate(ctx, r.receivedOn) }));
  const tone =
    status === 'received'
      ? 'done'
      : status === 'overdue' || status === 'follow_up'
        ? 'overdue'
        : status === 'draft'
          ? 'draft'
          : 'in-progress';
  return { label: t(statusKey(status)), tone, dates };
}

export function RequestList(props: { ctx: PageContext; c: CaseContext; requests: RecordRequest[]; today: string }) {
  const { ctx, c, today } = props;
  const items = props.requests.map((r) => ({
    href: requestHref(c.id, r.id),
    title: r.providerName,
    state: requestState(ctx, r, today),
  }));
  return <TrackedList ctx={ctx} none="records.hub.requestsNone" items={items} />;
}

export function RequestForm({
  ctx,
  c,
  form,
  choices,
}: {
  ctx: PageContext;
  c: CaseContext;
  form: FormState;
  choices: { value: string; label: string }[];
}) {
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('records.requests.new.title')}
      crumbs={[[t('records.title'), recordsHref(c.id)]]}
    >
      <h1>{t('records.requests.new.title')}</h1>
      <div class="usa-prose">
        <p>{t('records.requests.new.intro')}</p>
        <p>{t('records.requests.new.kinds')}</p>
        <p>
          {t('records.requests.new.specimens')}{' '}
          <a href={specimenNewHref(c.id)}>{t('records.requests.new.specimensLink')}</a>
        </p>
      </div>
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={`/cases/${c.id}/records/requests/new`} novalidate>
        <Csrf ctx={ctx} />
        <TextInput
          ctx={ctx}
          form={form}
          name="providerName"
          label="records.requests.field.providerName"
          hint="records.requests.field.providerNameHint"
          required
          maxLength={200}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="providerAddress"
          label="records.requests.field.providerAddress"
          hint="records.requests.field.providerAddressHint"
          rows={3}
          maxLength={500}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="providerContact"
          label="records.requests.field.providerContact"
          hint="records.requests.field.providerContactHint"
          maxLength={200}
        />
        <Checkboxes
          ctx={ctx}
          form={form}
          name="recordsWanted"
          legend="records.requests.field.recordsWanted"
          hint="records.requests.field.recordsWantedHint"
          choices={choices}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="recordsOther"
          label="records.requests.field.recordsOther"
          hint="records.requests.field.recordsOtherHint"
          rows={2}
          maxLength={1000}
        />
        <MemorableDate
          ctx={ctx}
          form={form}
          name="dateFrom"
          legend="records.requests.field.dateFrom"
          hint="records.requests.field.dateHint"
        />
        <MemorableDate ctx={ctx} form={form} name="dateTo" legend="records.requests.field.dateTo" />
        <Radios
          ctx={ctx}
          form={form}
          name="format"
          legend="records.requests.field.format"
          required
          choices={[
            {
              value: 'electronic',
              label: 'records.requests.field.formatElectronic',
              hint: 'records.requests.field.formatElectronicHint',
            },
            {
              value: 'paper',
              label: 'records.requests.field.formatPaper',
              hint: 'records.requests.field.formatPaperHint',
            },
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
            {
              value: 'third_party',
              label: 'records.requests.field.deliveryThirdParty',
              hint: 'records.requests.field.deliveryThirdPartyHint',
            },
          ]}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="recipientName"
          label="records.requests.field.recipientName"
          maxLength={200}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="recipientAddress"
          label="records.requests.field.recipientAddress"
          rows={3}
          maxLength={500}
        />
        <Textarea ctx={ctx} form={form} name="notes" label="records.requests.field.notes" rows={3} maxLength={2000} />
        <button class="usa-button" type="submit">
          {t('records.requests.new.submit')}
        </button>
      </form>
      <RightsBox ctx={ctx} />
    </StepLayout>
  );
}

/**
 * The facts beside a request: an authorization gets its own, and no complaint route that
 * only the right of access has.
 */
function RightsBox({ ctx, r }: { ctx: PageContext; r?: RecordRequest }) {
  const t = ctx.t;
  const authorization = r?.kind === 'authorization';
  return (
    <section aria-labelledby="rights-heading" class="margin-top-4">
      <h2 id="rights-heading">{t('records.requests.rightsHeading')}</h2>
      <SourcedList ctx={ctx} items={ACCESS_FACTS} />
      {authorization || !r ? (
        <>
          <h2>{t('records.requests.authorizationHeading')}</h2>
          <SourcedList ctx={ctx} items={AUTHORIZATION_FACTS} />
        </>
      ) : null}
      <h2>{t('records.requests.feesHeading')}</h2>
      <SourcedList ctx={ctx} items={FEE_FACTS} />
      {!authorization ? (
        <>
          <h2>{t('records.requests.followUpHeading')}</h2>
          <SourcedList ctx={ctx} items={[FOLLOW_UP_FACT]} />
        </>
      ) : null}
    </section>
  );
}

/**
 * A request and its tracking forms. `stale` names the step whose save found a newer
 * version (ADR 0016): what is saved now is shown beside it, and its form keeps what was typed.
 */
export function RequestPage(props: {
  ctx: PageContext;
  c: CaseContext;
  r: RecordRequest;
  today: string;
  forms: Record<string, FormState>;
  stale?: string;
}) {
  const { ctx, c, r, today, forms, stale } = props;
  const t = ctx.t;
  const status = requestStatus(r, today);
  const base = requestHref(c.id, r.id);
  const empty: FormState = { values: {}, errors: {} };
  return (
    <StepLayout ctx={ctx} c={c} title={r.providerName} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{r.providerName}</h1>
      <p>
        <TrackedStatus state={requestState(ctx, r, today)} />
      </p>
      {r.extendedDueOn ? (
        <p>
          {t('records.requests.extendedOn', {
            date: formatDate(ctx, r.extendedDueOn),
            reason: r.extensionReason ?? '',
          })}
        </p>
      ) : null}
      {status === 'overdue' ? (
        <Alert type="warning" slim>
          <p>{t('records.requests.overdueHelp')}</p>
        </Alert>
      ) : null}
      {status === 'follow_up' ? (
        <Alert type="warning" slim>
          <p>{t('records.requests.followUpHelp')}</p>
        </Alert>
      ) : null}
      <LetterLinks ctx={ctx} href={base} />
      <h2>{t('records.requests.wantedHeading')}</h2>
      <ul>
        {r.recordsWanted
          .filter((k) => !isSpecimenItem(k))
          .map((k) => (
            <li>{t(checklistTextKey(k))}</li>
          ))}
        {r.recordsOther ? <li>{r.recordsOther}</li> : null}
      </ul>
      {r.delivery === 'third_party' && r.recipientName ? (
        <p>{t('records.requests.deliveryTo', { name: r.recipientName })}</p>
      ) : null}

      <section aria-labelledby="track-heading" class="margin-top-4 so-no-print">
        <h2 id="track-heading">{t('records.requests.track.heading')}</h2>
        <StaleTrack
          ctx={ctx}
          stale={stale}
          forms={forms}
          savedStatus={t(statusKey(status))}
          savedNotes={r.notes}
          steps="records.requests.track"
        />
        {!r.receivedOn ? (
          <TrackForm ctx={ctx} href={base} action="sent" version={r.version}>
            <h3>{t('records.requests.track.sentHeading')}</h3>
            <ErrorSummary ctx={ctx} form={forms.sent ?? empty} />
            <MemorableDate
              ctx={ctx}
              form={forms.sent ?? { values: { sentOn: r.sentOn ?? '' }, errors: {} }}
              name="sentOn"
              legend="records.requests.track.sentOn"
              hint="records.requests.track.sentOnHint"
            />
            <button class="usa-button usa-button--outline" type="submit">
              {t('records.requests.track.sentSubmit')}
            </button>
          </TrackForm>
        ) : null}
        {(runsLegalClock(r.kind) && r.sentOn && !r.receivedOn && !r.extendedDueOn) || forms.extension ? (
          <TrackForm ctx={ctx} href={base} action="extension" version={r.version}>
            <h3>{t('records.requests.track.extensionHeading')}</h3>
            <p class="usa-hint">{t('records.requests.track.extensionHint')}</p>
            <ErrorSummary ctx={ctx} form={forms.extension ?? empty} />
            <Textarea
              ctx={ctx}
              form={forms.extension ?? empty}
              name="reason"
              label="records.requests.track.reason"
              required
              rows={2}
              maxLength={1000}
            />
            <button class="usa-button usa-button--outline" type="submit">
              {t('records.requests.track.extensionSubmit')}
            </button>
          </TrackForm>
        ) : null}
        {!r.receivedOn ? (
          <TrackForm ctx={ctx} href={base} action="received" version={r.version}>
            <h3>{t('records.requests.track.receivedHeading')}</h3>
            <ErrorSummary ctx={ctx} form={forms.received ?? empty} />
            <MemorableDate
              ctx={ctx}
              form={forms.received ?? empty}
              name="receivedOn"
              legend="records.requests.track.receivedOn"
              hint="records.requests.track.sentOnHint"
            />
            <button class="usa-button" type="submit">
              {t('records.requests.track.receivedSubmit')}
            </button>
          </TrackForm>
        ) : null}
        <NotesForm ctx={ctx} href={base} version={r.version} notes={r.notes} form={forms.notes} />
      </section>
      <RightsBox ctx={ctx} r={r} />
    </StepLayout>
  );
}
