import { PATH_GUIDANCE } from '../../content/paths.ts';
import type { SourcedItem } from '../../content/types.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import { type MessageKey, type Translate, translator } from '../../platform/i18n/i18n.ts';
import {
  Csrf,
  ErrorSummary,
  formatDate,
  MemorableDate,
  Radios,
  Textarea,
  TextInput,
} from '../../platform/ui/components.tsx';
import type { FormState, FormValues, PageContext } from '../../platform/ui/page-context.ts';
import { SourcedList, SourcedText } from '../../platform/ui/sourced.tsx';
import { type StaleField, StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import {
  APPOINTMENT_MODES,
  type AppointmentRecord,
  type CancerCenter,
  type CandidateRecord,
  draftReferralLetter,
  IN_NETWORK,
  inNetworkKey,
  modeKey,
  PATHS,
  type PathRecord,
} from './doctors.ts';

const pathKey = (p: string) => `doctors.path.${p}` as MessageKey;

/** 14:30 → "2:30 PM". */
export function formatTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h >= 12 ? 'PM' : 'AM'}`;
}

function apptState(a: AppointmentRecord, today: string): MessageKey {
  if (a.cancelledAt) return 'doctors.appointment.state.cancelled';
  return a.date >= today ? 'doctors.appointment.state.upcoming' : 'doctors.appointment.state.past';
}

function AppointmentLine({
  ctx,
  c,
  a,
  today,
}: {
  ctx: PageContext;
  c: CaseContext;
  a: AppointmentRecord;
  today: string;
}) {
  const t = ctx.t;
  const state = apptState(a, today);
  const cls = a.cancelledAt ? '' : a.date >= today ? ' so-status--in-progress' : ' so-status--done';
  return (
    <li id={`appointment-${a.id}`}>
      <p class="margin-0">
        <span class={`so-status${cls}`}>{t(state)}</span>{' '}
        <strong>{t('doctors.appointment.when', { date: formatDate(ctx, a.date), time: formatTime(a.time) })}</strong>
      </p>
      <p class="margin-y-05">
        {t('doctors.appointment.with', { doctor: a.doctorName })} · {t(modeKey(a.mode))}
        {a.place ? ` · ${a.place}` : ''}
      </p>
      {a.notes ? <p class="margin-y-05 so-prewrap">{a.notes}</p> : null}
      {a.cancelledAt ? null : (
        <div class="so-no-print">
          <a class="usa-button usa-button--outline" href={`/cases/${c.id}/doctors/appointments/${a.id}/edit`}>
            {t('doctors.appointment.edit')}
            <span class="usa-sr-only">: {t('doctors.appointment.with', { doctor: a.doctorName })}</span>
          </a>
          <form
            method="post"
            action={`/cases/${c.id}/doctors/appointments/${a.id}/cancel`}
            class="so-inline-form"
            data-confirm={t('doctors.appointment.cancelConfirm')}
          >
            <Csrf ctx={ctx} />
            <button type="submit" class="usa-button usa-button--unstyled">
              {t('doctors.appointment.cancel')}
              <span class="usa-sr-only">: {t('doctors.appointment.with', { doctor: a.doctorName })}</span>
            </button>
          </form>
        </div>
      )}
    </li>
  );
}

function CandidateCard({
  ctx,
  c,
  d,
  appointments,
}: {
  ctx: PageContext;
  c: CaseContext;
  d: CandidateRecord;
  appointments: AppointmentRecord[];
}) {
  const t = ctx.t;
  return (
    <li id={`doctor-${d.id}`}>
      <h3 class="margin-top-0">{d.name}</h3>
      <dl class="so-key-facts">
        {d.specialty ? (
          <>
            <dt>{t('doctors.field.specialty')}</dt>
            <dd>{d.specialty}</dd>
          </>
        ) : null}
        {d.practice ? (
          <>
            <dt>{t('doctors.field.practice')}</dt>
            <dd>{d.practice}</dd>
          </>
        ) : null}
        {d.phone ? (
          <>
            <dt>{t('doctors.field.phone')}</dt>
            <dd>
              <a href={`tel:${d.phone.replace(/[^\d+]/g, '')}`}>{d.phone}</a>
            </dd>
          </>
        ) : null}
        {d.address ? (
          <>
            <dt>{t('doctors.field.address')}</dt>
            <dd class="so-prewrap">{d.address}</dd>
          </>
        ) : null}
        <dt>{t('doctors.field.inNetwork')}</dt>
        <dd>{t(inNetworkKey(d.inNetwork))}</dd>
        {d.notes ? (
          <>
            <dt>{t('doctors.field.notes')}</dt>
            <dd class="so-prewrap">{d.notes}</dd>
          </>
        ) : null}
      </dl>
      {d.npi ? <p class="so-meta">{t('doctors.candidate.fromDirectory', { npi: d.npi })}</p> : null}
      {appointments.length > 0 ? (
        <p class="margin-y-1">
          <a href={`#appointment-${appointments[0]!.id}`}>
            {t('doctors.candidate.appointments', { count: appointments.length })}
          </a>
        </p>
      ) : null}
      <div class="so-no-print margin-top-2">
        <a class="usa-button" href={`/cases/${c.id}/doctors/${d.id}/appointments/new`}>
          {t('doctors.appointment.add')}
          <span class="usa-sr-only">: {d.name}</span>
        </a>
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/doctors/${d.id}/edit`}>
          {t('doctors.candidate.edit')}
          <span class="usa-sr-only">: {d.name}</span>
        </a>
        <form
          method="post"
          action={`/cases/${c.id}/doctors/${d.id}/remove`}
          class="so-inline-form"
          data-confirm={t('doctors.candidate.removeConfirm')}
        >
          <Csrf ctx={ctx} />
          <button type="submit" class="usa-button usa-button--unstyled">
            {t('doctors.candidate.remove')}
            <span class="usa-sr-only">: {d.name}</span>
          </button>
        </form>
      </div>
    </li>
  );
}

// ---------- the step's main page ----------

/** One of the two ways to find a doctor, side by side on wide screens and stacked on phones. */
function PathCard(props: {
  ctx: PageContext;
  id: string;
  heading: string;
  items: SourcedItem[];
  href: string;
  link: string;
}) {
  return (
    <div class="tablet:grid-col-6 margin-bottom-2">
      <div class="usa-summary-box height-full" role="region" aria-labelledby={`${props.id}-heading`}>
        <div class="usa-summary-box__body">
          <h3 class="usa-summary-box__heading" id={`${props.id}-heading`}>
            {props.heading}
          </h3>
          <div class="usa-summary-box__text">
            <SourcedList listClass="so-rule-list" ctx={props.ctx} items={props.items} />
            <a class="usa-button" href={props.href}>
              {props.link}
            </a>
          </div>
        </div>
      </div>
    </div>
  );
}

export function DoctorsPage(props: {
  ctx: PageContext;
  c: CaseContext;
  path: PathRecord | null;
  pathForm: FormState;
  candidates: CandidateRecord[];
  appointments: AppointmentRecord[];
  today: string;
}) {
  const { ctx, c, candidates, appointments, today } = props;
  const t = ctx.t;
  const g = PATH_GUIDANCE;
  return (
    <StepLayout ctx={ctx} c={c} title={t('doctors.title')}>
      <h1>{t('doctors.title')}</h1>
      <p class="usa-intro">{t('doctors.intro')}</p>
      <p class="text-bold">
        <SourcedText ctx={ctx} item={g.noPermission} />
      </p>

      <section aria-labelledby="paths-heading" class="margin-top-3">
        <h2 id="paths-heading">{t('doctors.paths.heading')}</h2>
        <div class="grid-row grid-gap">
          <PathCard
            ctx={ctx}
            id="path-referral"
            heading={t('doctors.path.referral')}
            items={[g.referralEasier, g.independentReview]}
            href={`/cases/${c.id}/doctors/referral`}
            link={t('doctors.referral.link')}
          />
          <PathCard
            ctx={ctx}
            id="path-own"
            heading={t('doctors.path.own')}
            items={[g.blankSlate, g.groups]}
            href={`/cases/${c.id}/doctors/find`}
            link={t('doctors.find.link')}
          />
        </div>
        <ErrorSummary ctx={ctx} form={props.pathForm} />
        <form
          class="usa-form usa-form--large so-no-print"
          method="post"
          action={`/cases/${c.id}/doctors/path`}
          novalidate
        >
          <Csrf ctx={ctx} />
          <Radios
            ctx={ctx}
            form={props.pathForm}
            name="path"
            legend="doctors.field.path"
            required
            choices={PATHS.map((p) => ({
              value: p,
              label: pathKey(p),
              hint: p === 'undecided' ? undefined : (`doctors.path.${p}.hint` as MessageKey),
            }))}
          />
          <button class="usa-button usa-button--outline" type="submit">
            {t('doctors.path.submit')}
          </button>
        </form>
      </section>

      <section aria-labelledby="candidates-heading" class="margin-top-4">
        <h2 id="candidates-heading">{t('doctors.candidates.heading')}</h2>
        <p>
          <SourcedText ctx={ctx} item={g.checkPlan} />
        </p>
        <p class="so-no-print">
          <a class="usa-button" href={`/cases/${c.id}/doctors/new`}>
            {t('doctors.candidates.add')}
          </a>
        </p>
        {candidates.length === 0 ? (
          <p>{t('doctors.candidates.empty')}</p>
        ) : (
          <ul class="so-card-list">
            {candidates.map((d) => (
              <CandidateCard
                ctx={ctx}
                c={c}
                d={d}
                appointments={appointments.filter((a) => a.candidateId === d.id && !a.cancelledAt)}
              />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="appointments-heading" class="margin-top-4">
        <h2 id="appointments-heading">{t('doctors.appointments.heading')}</h2>
        {appointments.length === 0 ? (
          <p>{candidates.length === 0 ? t('doctors.appointment.needDoctor') : t('doctors.appointments.empty')}</p>
        ) : (
          <ul class="so-card-list">
            {appointments.map((a) => (
              <AppointmentLine ctx={ctx} c={c} a={a} today={today} />
            ))}
          </ul>
        )}
        <p class="so-no-print">
          <a href={`/cases/${c.id}/tasks`}>{t('tasks.caseLink.link')}</a>
        </p>
      </section>
    </StepLayout>
  );
}

// ---------- the referral letter ----------

// The drafted letter is in English, as the other words the step writes down for the person.
const en = translator('en');

/** The person's own letter, or one drafted from the case, dated today in the reader's words. */
export function referralLetter(ctx: PageContext, c: CaseContext, saved: string | null, today: string): string {
  return (
    saved ??
    draftReferralLetter(
      {
        patientName: c.patientName,
        doctorName: c.doctorName,
        diagnosis: c.diagnosisStatus === 'diagnosed' ? c.diagnosis : null,
        symptoms: c.symptoms,
        proposedTreatment: c.proposedTreatment,
        date: formatDate(ctx, today),
      },
      en,
    )
  );
}

export function ReferralPage({
  ctx,
  c,
  form,
  askedOn,
}: {
  ctx: PageContext;
  c: CaseContext;
  form: FormState;
  askedOn: string | null;
}) {
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('doctors.referral.title')}
      crumbs={[[t('doctors.title'), `/cases/${c.id}/doctors`]]}
    >
      <h1>{t('doctors.referral.title')}</h1>
      <p class="usa-intro">{t('doctors.referral.intro')}</p>
      <p>
        <SourcedText ctx={ctx} item={PATH_GUIDANCE.independentReview} />
      </p>
      <ErrorSummary ctx={ctx} form={form} />
      <form
        class="usa-form usa-form--large so-letter-form"
        method="post"
        action={`/cases/${c.id}/doctors/referral`}
        novalidate
      >
        <Csrf ctx={ctx} />
        <input type="hidden" name="intent" value="save" />
        <Textarea
          ctx={ctx}
          form={form}
          name="letter"
          label="doctors.field.letter"
          hint="doctors.field.letterHint"
          required
          maxLength={8000}
          rows={22}
        />
        <button class="usa-button" type="submit">
          {t('doctors.referral.save')}
        </button>
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/doctors/referral/print`}>
          {t('doctors.referral.print')}
        </a>
      </form>

      <section aria-labelledby="asked-heading" class="margin-top-4 so-no-print">
        <h2 id="asked-heading">{t('doctors.referral.askedHeading')}</h2>
        {askedOn ? <p>{t('doctors.referral.askedOn', { date: formatDate(ctx, askedOn) })}</p> : null}
        <form method="post" action={`/cases/${c.id}/doctors/referral`}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="intent" value="asked" />
          <button class="usa-button usa-button--outline" type="submit">
            {t('doctors.referral.asked')}
          </button>
        </form>
      </section>

      <section aria-labelledby="reset-heading" class="margin-top-4 so-no-print">
        <h2 id="reset-heading">{t('doctors.referral.resetHeading')}</h2>
        <p>{t('doctors.referral.resetText')}</p>
        <form method="post" action={`/cases/${c.id}/doctors/referral`} data-confirm={t('doctors.referral.resetText')}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="intent" value="reset" />
          <button class="usa-button usa-button--unstyled" type="submit">
            {t('doctors.referral.reset')}
          </button>
        </form>
      </section>
    </StepLayout>
  );
}

/** The letter alone, for printing: no form, no menus on paper. */
export function LetterPrintPage({ ctx, c, letter }: { ctx: PageContext; c: CaseContext; letter: string }) {
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('doctors.referral.printTitle')}
      crumbs={[
        [t('doctors.title'), `/cases/${c.id}/doctors`],
        [t('doctors.referral.title'), `/cases/${c.id}/doctors/referral`],
      ]}
    >
      <p class="so-no-print margin-top-2">
        <a class="usa-button" href="#" data-print hidden>
          {t('form.print')}
        </a>
        <a class="usa-button usa-button--outline" href={`/cases/${c.id}/doctors/referral`}>
          {t('doctors.referral.backToEdit')}
        </a>
      </p>
      <article class="so-letter" aria-labelledby="letter-heading">
        <h1 id="letter-heading" class="usa-sr-only">
          {t('doctors.referral.printTitle')}
        </h1>
        {letter.split(/\n{2,}/).map((para) => (
          <p class="so-prewrap">{para}</p>
        ))}
      </article>
    </StepLayout>
  );
}

// ---------- finding names on one's own ----------

export function FindPage(props: {
  ctx: PageContext;
  c: CaseContext;
  showCenters: boolean;
  cancer: boolean;
  centers: CancerCenter[];
  states: { code: string; name: string }[];
  state: string | null;
  stateFromZip: boolean;
  retrievedOn: string;
}) {
  const { ctx, c } = props;
  const t = ctx.t;
  const g = PATH_GUIDANCE;
  const stateName = props.states.find((s) => s.code === props.state)?.name ?? props.state ?? '';
  const base = `/cases/${c.id}/doctors/find`;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t('doctors.find.title')}
      crumbs={[[t('doctors.title'), `/cases/${c.id}/doctors`]]}
    >
      <h1>{t('doctors.find.title')}</h1>
      <p class="usa-intro">{t('doctors.find.intro')}</p>
      <section aria-labelledby="where-heading">
        <h2 id="where-heading">{t('doctors.find.where')}</h2>
        <SourcedList
          listClass="so-rule-list"
          ctx={ctx}
          items={[
            g.groups,
            g.sameDiagnosis,
            g.primaryCare,
            g.teachingHospitals,
            g.checkPlan,
            ...(props.cancer ? [g.cancerHelpLine] : []),
          ]}
        />
        <p class="so-no-print">
          <a href={`/cases/${c.id}/doctors/directory`}>{t('directory.link')}</a>
        </p>
        <p class="so-no-print">
          <a class="usa-button" href={`/cases/${c.id}/doctors/new`}>
            {t('doctors.candidates.add')}
          </a>
        </p>
      </section>

      <section aria-labelledby="centers-heading" class="margin-top-4">
        <h2 id="centers-heading">{t('doctors.centers.heading')}</h2>
        {!props.showCenters ? (
          <>
            <p>{t('doctors.centers.hidden')}</p>
            <p>
              <a href={`${base}?centers=1#centers-heading`}>{t('doctors.centers.show')}</a>
            </p>
          </>
        ) : (
          <>
            <p>
              <SourcedText ctx={ctx} item={g.cancerCenters} />
            </p>
            <form method="get" action={base} class="usa-form so-no-print">
              {props.cancer ? null : <input type="hidden" name="centers" value="1" />}
              <label class="usa-label" for="state">
                {t('doctors.centers.filter')}
              </label>
              <select class="usa-select" id="state" name="state">
                <option value="">{t('doctors.centers.allStates')}</option>
                {props.states.map((s) => (
                  <option value={s.code} selected={props.state === s.code}>
                    {s.name}
                  </option>
                ))}
              </select>
              <button type="submit" class="usa-button usa-button--outline margin-top-1">
                {t('doctors.centers.filterSubmit')}
              </button>
            </form>
            {props.stateFromZip && props.centers.length > 0 ? (
              <p class="so-meta">{t('doctors.centers.fromZip', { state: stateName })}</p>
            ) : null}
            <p role="status">
              {props.centers.length === 0
                ? t('doctors.centers.none', { state: stateName })
                : t('doctors.centers.count', { count: props.centers.length })}
            </p>
            <ul class="so-card-list">
              {props.centers.map((cc) => (
                <li>
                  <h3 class="margin-top-0">{cc.name}</h3>
                  <p class="margin-y-05">{t('doctors.centers.city', { city: cc.city, state: cc.state })}</p>
                  <p class="margin-y-05">
                    {t(`doctors.centers.designation.${cc.designation}` as MessageKey)}
                    {cc.pediatricOnly ? ` · ${t('doctors.centers.pediatric')}` : ''}
                  </p>
                  <p class="margin-y-05">
                    <a href={cc.url}>
                      {t('doctors.centers.page')}
                      <span class="usa-sr-only">: {cc.name}</span>
                    </a>
                  </p>
                  <p class="margin-bottom-0 so-no-print">
                    <a
                      class="usa-button usa-button--outline"
                      href={`/cases/${c.id}/doctors/new?${new URLSearchParams({ practice: cc.name, address: `${cc.city}, ${cc.state}` }).toString()}`}
                    >
                      {t('doctors.centers.addCandidate')}
                      <span class="usa-sr-only">: {cc.name}</span>
                    </a>
                  </p>
                </li>
              ))}
            </ul>
            <p class="so-meta">{t('doctors.centers.retrieved', { date: formatDate(ctx, props.retrievedOn) })}</p>
          </>
        )}
      </section>
    </StepLayout>
  );
}

// ---------- forms: a doctor, an appointment ----------

/**
 * What a doctor's form starts with: the saved doctor, or for a new one what a link brought
 * (a cancer center, a directory entry): only text fields, cut to their limits.
 */
export function candidateFormValues(
  d: CandidateRecord | null,
  query: Record<string, string | undefined>,
  t: Translate,
): FormValues {
  if (d) {
    return {
      name: d.name,
      specialty: d.specialty ?? '',
      practice: d.practice ?? '',
      phone: d.phone ?? '',
      address: d.address ?? '',
      inNetwork: d.inNetwork,
      notes: d.notes ?? '',
      version: String(d.version),
    };
  }
  const prefill = (k: string, max: number) => (typeof query[k] === 'string' ? query[k]!.slice(0, max) : '');
  const npi = prefill('npi', 10);
  return {
    name: prefill('name', 120),
    specialty: prefill('specialty', 120),
    practice: prefill('practice', 160),
    address: prefill('address', 300),
    // From the national directory search: the phone, and the NPI kept in the notes.
    phone: prefill('phone', 40),
    notes: /^\d{10}$/.test(npi) ? t('directory.saveNote', { npi }) : '',
    inNetwork: 'unknown',
    npi,
  };
}

/** What a visit's form starts with: the saved visit, or a new one at the suggested place. */
export function appointmentFormValues(a: AppointmentRecord | null, suggestedPlace: string): FormValues {
  if (!a) return { date: '', time: '', mode: '', place: suggestedPlace, notes: '' };
  const version = String(a.version);
  return { date: a.date, time: a.time, mode: a.mode, place: a.place ?? '', notes: a.notes ?? '', version };
}

/** A doctor's fields as saved now beside what the person typed, for the "changed meanwhile" notice. */
function candidateStaleFields(ctx: PageContext, saved: CandidateRecord, form: FormState): StaleField[] {
  const t = ctx.t;
  const typed = (k: string) => (form.values[k] ?? '').trim();
  const network = (v: string) => (v ? t(inNetworkKey(v)) : '');
  return [
    { label: t('doctors.field.name'), saved: saved.name, yours: typed('name') },
    { label: t('doctors.field.specialty'), saved: saved.specialty ?? '', yours: typed('specialty') },
    { label: t('doctors.field.practice'), saved: saved.practice ?? '', yours: typed('practice') },
    { label: t('doctors.field.phone'), saved: saved.phone ?? '', yours: typed('phone') },
    { label: t('doctors.field.address'), saved: saved.address ?? '', yours: typed('address') },
    { label: t('doctors.field.inNetwork'), saved: network(saved.inNetwork), yours: network(typed('inNetwork')) },
    { label: t('doctors.field.notes'), saved: saved.notes ?? '', yours: typed('notes') },
  ];
}

/** A visit's fields as saved now beside what the person typed. */
function appointmentStaleFields(ctx: PageContext, saved: AppointmentRecord, form: FormState): StaleField[] {
  const t = ctx.t;
  const typed = (k: string) => (form.values[k] ?? '').trim();
  const mode = (v: string) => (v ? t(modeKey(v)) : '');
  return [
    { label: t('doctors.field.date'), saved: formatDate(ctx, saved.date), yours: formatDate(ctx, typed('date')) },
    { label: t('doctors.field.time'), saved: formatTime(saved.time), yours: typed('time') },
    { label: t('doctors.field.mode'), saved: mode(saved.mode), yours: mode(typed('mode')) },
    { label: t('doctors.field.place'), saved: saved.place ?? '', yours: typed('place') },
    { label: t('doctors.field.apptNotes'), saved: saved.notes ?? '', yours: typed('notes') },
  ];
}

export function CandidatePage(props: {
  ctx: PageContext;
  c: CaseContext;
  form: FormState;
  doctorId: string | null;
  /** What is saved now, when someone changed the doctor while this person was editing (ADR 0016). */
  stale?: CandidateRecord;
}) {
  const { ctx, c, form, doctorId, stale } = props;
  const t = ctx.t;
  const title = doctorId ? t('doctors.candidate.titleEdit') : t('doctors.candidate.titleNew');
  const action = doctorId ? `/cases/${c.id}/doctors/${doctorId}/edit` : `/cases/${c.id}/doctors/new`;
  return (
    <StepLayout ctx={ctx} c={c} title={title} crumbs={[[t('doctors.title'), `/cases/${c.id}/doctors`]]}>
      <h1>{title}</h1>
      <p>{t('doctors.candidate.intro')}</p>
      {stale ? <StaleNotice ctx={ctx} fields={candidateStaleFields(ctx, stale, form)} /> : null}
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={action} novalidate>
        <Csrf ctx={ctx} />
        <VersionField version={form.values.version} />
        {/* Carried from the directory search so the saved doctor keeps its NPI. */}
        {!doctorId && /^\d{10}$/.test(form.values.npi ?? '') ? (
          <input type="hidden" name="npi" value={form.values.npi} />
        ) : null}
        <TextInput
          ctx={ctx}
          form={form}
          name="name"
          label="doctors.field.name"
          hint="doctors.field.nameHint"
          required
          maxLength={120}
        />
        <TextInput
          ctx={ctx}
          form={form}
          name="specialty"
          label="doctors.field.specialty"
          hint="doctors.field.specialtyHint"
          maxLength={120}
        />
        <TextInput ctx={ctx} form={form} name="practice" label="doctors.field.practice" maxLength={160} />
        <TextInput
          ctx={ctx}
          form={form}
          name="phone"
          label="doctors.field.phone"
          hint="doctors.field.phoneHint"
          type="tel"
          maxLength={40}
        />
        <Textarea ctx={ctx} form={form} name="address" label="doctors.field.address" maxLength={300} rows={3} />
        <Radios
          ctx={ctx}
          form={form}
          name="inNetwork"
          legend="doctors.field.inNetwork"
          hint="doctors.field.inNetworkHint"
          required
          choices={IN_NETWORK.map((v) => ({ value: v, label: inNetworkKey(v) }))}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="notes"
          label="doctors.field.notes"
          hint="doctors.field.notesHint"
          maxLength={2000}
          rows={3}
        />
        <button class="usa-button" type="submit">
          {t('doctors.candidate.submit')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${c.id}/doctors`}>
          {t('form.cancel')}
        </a>
      </form>
    </StepLayout>
  );
}

export function AppointmentPage(props: {
  ctx: PageContext;
  c: CaseContext;
  form: FormState;
  doctorName: string;
  action: string;
  editing: boolean;
  /** What is saved now, when someone changed the visit while this person was editing (ADR 0016). */
  stale?: AppointmentRecord;
}) {
  const { ctx, c, form } = props;
  const t = ctx.t;
  const title = props.editing
    ? t('doctors.appointment.titleEdit', { doctor: props.doctorName })
    : t('doctors.appointment.titleNew', { doctor: props.doctorName });
  return (
    <StepLayout ctx={ctx} c={c} title={title} crumbs={[[t('doctors.title'), `/cases/${c.id}/doctors`]]}>
      <h1>{title}</h1>
      {props.stale ? <StaleNotice ctx={ctx} fields={appointmentStaleFields(ctx, props.stale, form)} /> : null}
      <ErrorSummary ctx={ctx} form={form} />
      <form class="usa-form usa-form--large" method="post" action={props.action} novalidate>
        <Csrf ctx={ctx} />
        <VersionField version={form.values.version} />
        <MemorableDate ctx={ctx} form={form} name="date" legend="doctors.field.date" required />
        <TextInput
          ctx={ctx}
          form={form}
          name="time"
          label="doctors.field.time"
          hint="doctors.field.timeHint"
          required
          width="sm"
          maxLength={10}
        />
        <Radios
          ctx={ctx}
          form={form}
          name="mode"
          legend="doctors.field.mode"
          required
          choices={APPOINTMENT_MODES.map((m) => ({ value: m, label: modeKey(m) }))}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="place"
          label="doctors.field.place"
          hint="doctors.field.placeHint"
          maxLength={300}
          rows={3}
        />
        <Textarea
          ctx={ctx}
          form={form}
          name="notes"
          label="doctors.field.apptNotes"
          hint="doctors.field.apptNotesHint"
          maxLength={2000}
          rows={3}
        />
        <button class="usa-button" type="submit">
          {t('doctors.appointment.submit')}
        </button>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`/cases/${c.id}/doctors`}>
          {t('form.cancel')}
        </a>
      </form>
    </StepLayout>
  );
}
