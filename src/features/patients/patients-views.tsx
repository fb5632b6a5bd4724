import type { AuditListItem } from '../../platform/audit/audit-store.ts';
import { isMessageKey, type MessageKey } from '../../platform/i18n/i18n.ts';
import {
  Csrf,
  ErrorSummary,
  formatDate,
  formatDateTime,
  MemorableDate,
  PostButton,
  Radios,
  Select,
  Textarea,
  TextInput,
} from '../../platform/ui/components.tsx';
import { Layout } from '../../platform/ui/layout.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { CONSENT_METHODS, RELATIONSHIPS } from './patients.ts';
import type { MemberSummary, PatientDetail, PatientSummary } from './patients-store.ts';

export const relationshipKey = (r: string): MessageKey => {
  const k = `patients.relationship.${r}`;
  return isMessageKey(k) ? k : 'patients.relationship.other';
};
export const consentKey = (c: string): MessageKey => {
  const k = `patients.consent.${c}`;
  return isMessageKey(k) ? k : 'patients.consent.other';
};
const roleKey = (r: string): MessageKey => {
  const k = `patients.role.${r}`;
  return isMessageKey(k) ? k : 'patients.role.helper';
};

export function PatientsPage({ ctx, patients }: { ctx: PageContext; patients: PatientSummary[] }) {
  const t = ctx.t;
  return (
    <Layout ctx={ctx} title={t('patients.title')} nav="patients">
      <h1>{t('patients.title')}</h1>
      <p>{t('patients.intro')}</p>
      <p>
        <a class="usa-button" href="/patients/new">
          {t('patients.add')}
        </a>
      </p>
      <ul class="so-card-list">
        {patients.map((p) => (
          <li>
            <h2 class="margin-top-0">
              <a href={`/patients/${p.id}`}>{p.isSelf ? t('patients.you', { name: p.displayName }) : p.displayName}</a>
            </h2>
            <p class="so-meta margin-bottom-0">
              {p.isSelf ? t('patients.yourProfile') : t(relationshipKey(p.myRelationship))}
              {' · '}
              {t('patients.openCases', { count: p.openCases })}
            </p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function NewPatientPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      title={t('patients.new.title')}
      nav="patients"
      crumbs={[[t('patients.title'), '/patients'], [t('patients.new.title')]]}
    >
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-10 desktop:grid-col-8">
          <h1>{t('patients.new.title')}</h1>
          <p>{t('patients.new.intro')}</p>
          <ErrorSummary ctx={ctx} form={form} />
          <form class="usa-form usa-form--large" method="post" action="/patients/new" novalidate>
            <Csrf ctx={ctx} />
            <TextInput
              ctx={ctx}
              form={form}
              name="displayName"
              label="patients.field.name"
              hint="patients.field.nameHint"
              required
              maxLength={100}
            />
            <Select
              ctx={ctx}
              form={form}
              name="relationship"
              label="patients.field.relationship"
              required
              choices={RELATIONSHIPS.map((r) => ({ value: r, label: relationshipKey(r) }))}
            />
            <Radios
              ctx={ctx}
              form={form}
              name="role"
              legend="patients.field.role"
              required
              choices={[
                { value: 'helper', label: 'patients.role.helper', hint: 'patients.role.helperHint' },
                { value: 'advocate', label: 'patients.role.advocate', hint: 'patients.role.advocateHint' },
              ]}
            />
            <MemorableDate
              ctx={ctx}
              form={form}
              name="dateOfBirth"
              legend="patients.field.dob"
              hint="patients.field.dobHint"
            />
            <TextInput
              ctx={ctx}
              form={form}
              name="zip"
              label="patients.field.zip"
              hint="patients.field.zipHint"
              inputMode="numeric"
              autocomplete="off"
              width="sm"
              maxLength={10}
            />
            <Radios
              ctx={ctx}
              form={form}
              name="consentMethod"
              legend="patients.field.consent"
              hint="patients.field.consentHint"
              required
              choices={CONSENT_METHODS.map((c) => ({ value: c, label: consentKey(c) }))}
            />
            <Textarea
              ctx={ctx}
              form={form}
              name="consentNote"
              label="patients.field.consentNote"
              hint="patients.field.consentNoteHint"
              maxLength={500}
              rows={3}
            />
            <button class="usa-button" type="submit">
              {t('patients.new.submit')}
            </button>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function PatientPage({
  ctx,
  patient,
  members,
  me,
  canManage,
  openCases,
}: {
  ctx: PageContext;
  patient: PatientDetail;
  members: MemberSummary[];
  me: string;
  canManage: boolean;
  openCases: number;
}) {
  const t = ctx.t;
  const live = members.filter((m) => !m.removedAt);
  const removed = members.filter((m) => m.removedAt);
  return (
    <Layout
      ctx={ctx}
      title={patient.displayName}
      nav="patients"
      crumbs={[[t('patients.title'), '/patients'], [patient.displayName]]}
    >
      <h1>{patient.displayName}</h1>
      <dl class="so-key-facts">
        <dt>{t('patients.field.dob')}</dt>
        <dd>{patient.dateOfBirth ? formatDate(ctx, patient.dateOfBirth) : t('patients.notGiven')}</dd>
        <dt>{t('patients.field.zip')}</dt>
        <dd>{patient.zip ?? t('patients.notGiven')}</dd>
      </dl>
      <p class="margin-top-3">
        {canManage ? (
          <a class="usa-button usa-button--outline" href={`/patients/${patient.id}/edit`}>
            {t('patients.edit')}
          </a>
        ) : null}
        <a class="usa-button usa-button--outline" href={`/patients/${patient.id}/activity`}>
          {t('patients.activity.link')}
        </a>
      </p>

      <section aria-labelledby="cases-heading" class="margin-top-4">
        <h2 id="cases-heading">{t('patients.cases.heading')}</h2>
        <p>{t('patients.openCases', { count: openCases })}</p>
        <p>
          <a class="usa-button" href={`/cases/new?patientId=${patient.id}`}>
            {t('cases.new.button')}
          </a>
          <a href={`/dashboard?patientId=${patient.id}`}>{t('patients.cases.see')}</a>
        </p>
      </section>

      <section aria-labelledby="members-heading" class="margin-top-4">
        <h2 id="members-heading">{t('patients.members.heading', { name: patient.displayName })}</h2>
        <table class="usa-table usa-table--stacked usa-table--borderless">
          <caption class="usa-sr-only">{t('patients.members.heading', { name: patient.displayName })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('patients.members.person')}</th>
              <th scope="col">{t('patients.members.role')}</th>
              <th scope="col">{t('patients.members.consent')}</th>
              <th scope="col">
                <span class="usa-sr-only">{t('patients.members.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {live.map((m) => (
              <tr>
                <th scope="row" data-label={t('patients.members.person')}>
                  {m.displayName}
                  {m.userId === me ? ` ${t('patients.members.youSuffix')}` : ''}
                </th>
                <td data-label={t('patients.members.role')}>
                  {t(roleKey(m.role))}
                  {m.relationship !== 'self' ? ` (${t(relationshipKey(m.relationship))})` : ''}
                </td>
                <td data-label={t('patients.members.consent')}>
                  {t(consentKey(m.consentMethod))}
                  {m.consentNote ? `: ${m.consentNote}` : ''}
                  <br />
                  <span class="so-meta">
                    {t('patients.members.recorded', { date: formatDate(ctx, m.consentRecordedAt) })}
                  </span>
                </td>
                <td data-label={t('patients.members.actions')}>
                  {canManage && m.role !== 'owner' && m.userId !== me ? (
                    <PostButton
                      ctx={ctx}
                      action={`/patients/${patient.id}/members/${m.membershipId}/remove`}
                      label={t('patients.members.remove', { name: m.displayName })}
                      variant="secondary"
                      confirm={t('patients.members.removeConfirm', { name: m.displayName })}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {removed.length > 0 ? (
          <p class="so-meta">{t('patients.members.removedCount', { count: removed.length })}</p>
        ) : null}
        <p class="so-meta">{t('patients.members.invitesLater')}</p>
      </section>
    </Layout>
  );
}

export function EditPatientPage({
  ctx,
  patientId,
  name,
  form,
}: {
  ctx: PageContext;
  patientId: string;
  name: string;
  form: FormState;
}) {
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      title={t('patients.editTitle', { name })}
      nav="patients"
      crumbs={[[t('patients.title'), '/patients'], [name, `/patients/${patientId}`], [t('patients.edit')]]}
    >
      <div class="grid-row">
        <div class="grid-col-12 tablet:grid-col-10 desktop:grid-col-8">
          <h1>{t('patients.editTitle', { name })}</h1>
          <ErrorSummary ctx={ctx} form={form} />
          <form class="usa-form usa-form--large" method="post" action={`/patients/${patientId}/edit`} novalidate>
            <Csrf ctx={ctx} />
            <TextInput ctx={ctx} form={form} name="displayName" label="patients.field.name" required maxLength={100} />
            <MemorableDate
              ctx={ctx}
              form={form}
              name="dateOfBirth"
              legend="patients.field.dob"
              hint="patients.field.dobHint"
            />
            <TextInput
              ctx={ctx}
              form={form}
              name="zip"
              label="patients.field.zip"
              hint="patients.field.zipHint"
              inputMode="numeric"
              width="sm"
              maxLength={10}
            />
            <button class="usa-button" type="submit">
              {t('form.save')}
            </button>
            <a class="usa-button usa-button--unstyled margin-left-2" href={`/patients/${patientId}`}>
              {t('form.cancel')}
            </a>
          </form>
        </div>
      </div>
    </Layout>
  );
}

export function auditActionLabel(ctx: PageContext, action: string): string {
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? ctx.t(key) : action;
}

export function ActivityPage({
  ctx,
  patient,
  entries,
  nextBefore,
}: {
  ctx: PageContext;
  patient: { id: string; displayName: string };
  entries: AuditListItem[];
  nextBefore: number | null;
}) {
  const t = ctx.t;
  return (
    <Layout
      ctx={ctx}
      title={t('patients.activity.title')}
      nav="patients"
      crumbs={[
        [t('patients.title'), '/patients'],
        [patient.displayName, `/patients/${patient.id}`],
        [t('patients.activity.title')],
      ]}
    >
      <h1>{t('patients.activity.title')}</h1>
      <p>{t('patients.activity.intro', { name: patient.displayName })}</p>
      {entries.length === 0 ? (
        <p>{t('patients.activity.empty')}</p>
      ) : (
        <table class="usa-table usa-table--stacked usa-table--borderless">
          <caption class="usa-sr-only">{t('patients.activity.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('patients.activity.when')}</th>
              <th scope="col">{t('patients.activity.who')}</th>
              <th scope="col">{t('patients.activity.what')}</th>
              <th scope="col">{t('patients.activity.from')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td data-label={t('patients.activity.when')}>{formatDateTime(ctx, e.at)}</td>
                <td data-label={t('patients.activity.who')}>
                  {e.actorType === 'user'
                    ? (e.actorName ?? t('patients.activity.unknownPerson'))
                    : t(`patients.activity.actor.${e.actorType}` as MessageKey)}
                </td>
                <td data-label={t('patients.activity.what')}>{auditActionLabel(ctx, e.action)}</td>
                <td data-label={t('patients.activity.from')}>
                  {e.ip ?? ''} {e.via === 'api' ? t('patients.activity.viaApi') : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextBefore ? (
        <p>
          <a href={`/patients/${patient.id}/activity?before=${nextBefore}`}>{t('patients.activity.older')}</a>
        </p>
      ) : null}
    </Layout>
  );
}
