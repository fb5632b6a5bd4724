import { SPECIMEN_FACTS } from '../../content/records.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import {
  Alert,
  Csrf,
  ErrorSummary,
  formatDate,
  MemorableDate,
  Select,
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
import {
  SHIPMENT_STEPS,
  type ShipmentStep,
  SPECIMEN_FORM_ROWS,
  SPECIMEN_KINDS,
  type SpecimenRequest,
  type SpecimenStatus,
  specimenKindKey,
  specimenLine,
  specimenStatus,
  specimenStatusKey,
} from './specimens.ts';

export const specimenNewHref = (caseId: string) => `/cases/${caseId}/records/specimens/new`;
export const specimenHref = (caseId: string, id: string) => `/cases/${caseId}/records/specimens/${id}`;

/** A specimen request's status, and the dates of the steps done so far, in order. */
export function specimenState(ctx: PageContext, r: SpecimenRequest): TrackedState {
  const t = ctx.t;
  const status = specimenStatus(r);
  const dates: string[] = [];
  if (r.requestedOn) dates.push(t('records.specimens.dates.requested', { date: formatDate(ctx, r.requestedOn) }));
  if (r.sentOn) dates.push(t('records.specimens.dates.sent', { date: formatDate(ctx, r.sentOn) }));
  if (r.receivedOn) dates.push(t('records.specimens.dates.received', { date: formatDate(ctx, r.receivedOn) }));
  if (r.returnedOn) dates.push(t('records.specimens.dates.returned', { date: formatDate(ctx, r.returnedOn) }));
  const tone = status === 'received' || status === 'returned' ? 'done' : status === 'draft' ? 'draft' : 'in-progress';
  return { label: t(specimenStatusKey(status)), tone, dates };
}

export function SpecimenList({ ctx, c, requests }: { ctx: PageContext; c: CaseContext; requests: SpecimenRequest[] }) {
  const items = requests.map((r) => ({
    href: specimenHref(c.id, r.id),
    title: ctx.t('records.specimens.listTitle', { lab: r.labName, recipient: r.recipientName }),
    state: specimenState(ctx, r),
  }));
  return <TrackedList ctx={ctx} none="records.hub.specimensNone" items={items} />;
}

function SpecimenRows({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const t = ctx.t;
  const listError = form.errors.specimens;
  return (
    <div id="specimens" class={`usa-form-group${listError ? ' usa-form-group--error' : ''}`} tabIndex={-1}>
      <h2>{t('records.specimens.field.specimensHeading')}</h2>
      <p class="usa-hint">{t('records.specimens.field.specimensHint')}</p>
      {listError ? (
        <span class="usa-error-message" role="alert">
          {t(listError)}
        </span>
      ) : null}
      {Array.from({ length: SPECIMEN_FORM_ROWS }, (_, i) => (
        <fieldset class="usa-fieldset so-specimen-row">
          <legend class="usa-legend">{t('records.specimens.field.row', { n: i + 1 })}</legend>
          <TextInput
            ctx={ctx}
            form={form}
            name={`specimens.${i}.accession`}
            label="records.specimens.field.accession"
            hint={i === 0 ? 'records.specimens.field.accessionHint' : undefined}
            required={i === 0}
            maxLength={60}
            width="md"
          />
          <Select
            ctx={ctx}
            form={form}
            name={`specimens.${i}.kind`}
            label="records.specimens.field.kind"
            required={i === 0}
            choices={SPECIMEN_KINDS.map((k) => ({ value: k, label: specimenKindKey(k) }))}
          />
          <TextInput
            ctx={ctx}
            form={form}
            name={`specimens.${i}.count`}
            label="records.specimens.field.count"
            hint="records.specimens.field.countHint"
            inputMode="numeric"
            maxLength={3}
            width="sm"
          />
        </fieldset>
      ))}
    </div>
  );
}

export function SpecimenForm({ ctx, c, form }: { ctx: PageContext; c: CaseContext; form: FormState }) {
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('records.specimens.new.title')}
      crumbs={[[t('records.title'), recordsHref(c.id)]]}
    >
      <h1>{t('records.specimens.new.title')}</h1>
      <div class="usa-prose">
        <p>{t('records.specimens.new.intro')}</p>
      </div>
      <SpecimenFacts ctx={ctx} />
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={specimenNewHref(c.id)} novalidate>
        <Csrf ctx={ctx} />
        <h2>{t('records.specimens.field.labHeading')}</h2>
        <TextInput
          ctx={ctx}
          form={form}
          name="labName"
          label="records.specimens.field.labName"
          hint="records.specimens.field.labNameHint"
          required
          maxLength={200}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="labAddress"
          label="records.specimens.field.labAddress"
          hint="records.specimens.field.labAddressHint"
          required
          rows={3}
          maxLength={500}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="labContact"
          label="records.specimens.field.labContact"
          hint="records.specimens.field.labContactHint"
          maxLength={200}
        />
        <SpecimenRows ctx={ctx} form={form} />
        <h2>{t('records.specimens.field.recipientHeading')}</h2>
        <TextInput
          ctx={ctx}
          form={form}
          name="recipientName"
          label="records.specimens.field.recipientName"
          hint="records.specimens.field.recipientNameHint"
          required
          maxLength={200}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="recipientAddress"
          label="records.specimens.field.recipientAddress"
          required
          rows={3}
          maxLength={500}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="recipientContact"
          label="records.specimens.field.recipientContact"
          maxLength={200}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="recipientPhone"
          label="records.specimens.field.recipientPhone"
          type="tel"
          autocomplete="off"
          maxLength={60}
          width="md"
        />
        <Textarea ctx={ctx} form={form} name="notes" label="records.requests.field.notes" rows={3} maxLength={2000} />
        <button class="usa-button" type="submit">
          {t('records.specimens.new.submit')}
        </button>
      </form>
    </StepLayout>
  );
}

function SpecimenFacts({ ctx }: { ctx: PageContext }) {
  return (
    <section aria-labelledby="specimen-facts-heading" class="margin-y-3">
      <h2 id="specimen-facts-heading">{ctx.t('records.specimens.factsHeading')}</h2>
      <SourcedList ctx={ctx} items={SPECIMEN_FACTS} />
    </section>
  );
}

const STEP_LEGEND: Record<
  ShipmentStep,
  | 'records.specimens.track.requestedOn'
  | 'records.specimens.track.sentOn'
  | 'records.specimens.track.receivedOn'
  | 'records.specimens.track.returnedOn'
> = {
  requested: 'records.specimens.track.requestedOn',
  sent: 'records.specimens.track.sentOn',
  received: 'records.specimens.track.receivedOn',
  returned: 'records.specimens.track.returnedOn',
};

/** Each step's date field has its own name, so the forms on one page never share an id. */
export const stepDateField = (step: ShipmentStep) => `${step}On`;

/** The steps a page offers now: the next one, and "it arrived" when the lab may have sent it without saying. */
export function offeredSteps(status: SpecimenStatus): ShipmentStep[] {
  const at = status === 'draft' ? -1 : SHIPMENT_STEPS.indexOf(status);
  const next = SHIPMENT_STEPS[at + 1];
  if (!next) return [];
  return next === 'sent' ? ['sent', 'received'] : [next];
}

/**
 * A specimen request and its tracking forms. `stale` names the step whose save found a
 * newer version (ADR 0016): what is saved now is shown beside it; its form keeps what was typed.
 */
export function SpecimenPage(props: {
  ctx: PageContext;
  c: CaseContext;
  r: SpecimenRequest;
  forms: Record<string, FormState>;
  stale?: string;
}) {
  const { ctx, c, r, forms, stale } = props;
  const t = ctx.t;
  const status = specimenStatus(r);
  const base = specimenHref(c.id, r.id);
  const empty: FormState = { values: {}, errors: {} };
  const title = t('records.specimens.listTitle', { lab: r.labName, recipient: r.recipientName });
  return (
    <StepLayout ctx={ctx} c={c} title={title} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{title}</h1>
      <p>
        <TrackedStatus state={specimenState(ctx, r)} />
      </p>
      {r.tracking ? <p>{t('records.specimens.trackingNumber', { tracking: r.tracking })}</p> : null}
      {status === 'draft' ? (
        <Alert type="info" slim>
          <p>{t('records.specimens.draftHelp')}</p>
        </Alert>
      ) : null}
      <LetterLinks ctx={ctx} href={base} />
      <h2>{t('records.specimens.field.specimensHeading')}</h2>
      <ul>
        {r.specimens.map((s) => (
          <li>{specimenLine(t, s)}</li>
        ))}
      </ul>
      <p>{t('records.specimens.fromTo', { lab: r.labName, recipient: r.recipientName })}</p>

      <section aria-labelledby="track-heading" class="margin-top-4 so-no-print">
        <h2 id="track-heading">{t('records.requests.track.heading')}</h2>
        <StaleTrack
          ctx={ctx}
          stale={stale}
          forms={forms}
          savedStatus={t(specimenStatusKey(status))}
          savedNotes={r.notes}
          steps="records.specimens.track"
        />
        {/* A refused step whose form is no longer offered (marked twice, in two windows) still says why. */}
        {Object.entries(forms)
          .filter(
            ([action]) =>
              (SHIPMENT_STEPS as readonly string[]).includes(action) &&
              !offeredSteps(status).includes(action as ShipmentStep),
          )
          .filter(([, f]) => Object.keys(f.errors).length > 0)
          .map(([, f]) => (
            <Alert type="error" slim role="alert">
              {Object.values(f.errors).map((key) => (
                <p>{t(key)}</p>
              ))}
            </Alert>
          ))}
        {offeredSteps(status).map((step) => {
          const f = forms[step] ?? empty;
          return (
            <TrackForm ctx={ctx} href={base} action={step} version={r.version}>
              <h3>{t(`records.specimens.track.${step}Heading`)}</h3>
              <ErrorSummary ctx={ctx} form={f} />
              <MemorableDate
                ctx={ctx}
                form={f}
                name={stepDateField(step)}
                legend={STEP_LEGEND[step]}
                hint="records.requests.track.sentOnHint"
              />
              {step === 'sent' ? (
                <TextInput
                  ctx={ctx}
                  form={f}
                  name="tracking"
                  label="records.specimens.track.tracking"
                  maxLength={200}
                />
              ) : null}
              <button
                class={`usa-button${step === 'received' && status === 'requested' ? ' usa-button--outline' : ''}`}
                type="submit"
              >
                {t(`records.specimens.track.${step}Submit`)}
              </button>
            </TrackForm>
          );
        })}
        {status !== 'draft' ? (
          <TrackForm ctx={ctx} href={base} action="undo" version={r.version}>
            <h3>{t('records.specimens.track.undoHeading')}</h3>
            <ErrorSummary ctx={ctx} form={forms.undo ?? empty} />
            <p class="usa-hint">{t('records.specimens.track.undoHint', { step: t(specimenStatusKey(status)) })}</p>
            <button class="usa-button usa-button--outline" type="submit">
              {t('records.specimens.track.undoSubmit')}
            </button>
          </TrackForm>
        ) : null}
        <NotesForm ctx={ctx} href={base} version={r.version} notes={r.notes} form={forms.notes} />
      </section>
      <SpecimenFacts ctx={ctx} />
    </StepLayout>
  );
}
