import { h } from 'preact';
import { unwrap } from '../../platform/actions.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, empty, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { emptyForm, type FormState, type FormValues } from '../../platform/ui/page-context.ts';
import { etagOf, formVersion, ifMatchVersion } from '../../platform/versions.ts';
import {
  type AppointmentRecord,
  appointmentSchema,
  type CandidateRecord,
  candidateSchema,
  findQuery,
  letterSchema,
  pathSchema,
} from './doctors.ts';
import * as act from './doctors-actions.ts';
import { doctorsApi, presentAppointment, presentCandidate, presentDoctors } from './doctors-api.ts';
import {
  AppointmentPage,
  appointmentFormValues,
  CandidatePage,
  candidateFormValues,
  DoctorsPage,
  FindPage,
  LetterPrintPage,
  ReferralPage,
  referralLetter,
} from './doctors-views.tsx';

// Thin adapters over the doctors actions (ADR 0014): parse, act, pick a view or a JSON shape.

/** The case's appointments for its calendar file; kept here for the composition root's import. */
export { appointmentEvents } from './doctors-actions.ts';

/** A page form that kept the person's words, with the newer saved version to save over deliberately. */
const staleForm = (values: FormValues, version: number): FormState => ({
  values: { ...values, version: String(version) },
  errors: {},
});

export const registerDoctors: FeatureRegistrar = (app, deps, ui) => {
  const r = caseRoutes(app, deps, ui);

  // ---------- the step's main page and the path ----------

  const mainPage = async (s: CaseScope, pathForm: FormState | null, status = 200) => {
    const o = await act.overview(s);
    const form = pathForm ?? emptyForm({ path: o.path?.path ?? '' });
    return page((ctx) => h(DoctorsPage, { ctx, c: s.c, pathForm: form, ...o, today: s.today }), status);
  };

  r.casePage('GET', '/cases/:caseId/doctors', { can: 'view' }, (s) => mainPage(s, null));

  r.casePage('POST', '/cases/:caseId/doctors/path', { can: 'edit' }, async (s, { form: values }) => {
    const parsed = parseWith(pathSchema, values);
    if (!parsed.ok) return mainPage(s, { values, errors: parsed.errors }, 400);
    await act.choosePath(s, parsed.data.path);
    const to = { referral: '/doctors/referral', own: '/doctors/find', undecided: '/doctors' }[parsed.data.path];
    return redirect(`/cases/${s.caseId}${to}`, 'doctors.path.saved');
  });

  // ---------- the referral letter ----------

  const referralPage = async (s: CaseScope, form: FormState | null, status = 200) => {
    const path = await act.readReferral(s);
    return page(
      (ctx) =>
        h(ReferralPage, {
          ctx,
          c: s.c,
          form: form ?? emptyForm({ letter: referralLetter(ctx, s.c, path?.referralLetter ?? null, s.today) }),
          askedOn: path?.referralAskedOn ?? null,
        }),
      status,
    );
  };

  r.casePage('GET', '/cases/:caseId/doctors/referral', { can: 'edit' }, (s) => referralPage(s, null));

  r.casePage('POST', '/cases/:caseId/doctors/referral', { can: 'edit' }, async (s, { form: values }) => {
    const intent = values.intent === 'reset' || values.intent === 'asked' ? values.intent : 'save';
    const parsed = intent === 'save' ? parseWith(letterSchema, values) : null;
    if (parsed && !parsed.ok) return referralPage(s, { values, errors: parsed.errors }, 400);
    await act.saveReferral(s, intent, parsed?.ok ? parsed.data.letter : null);
    const flash = {
      reset: 'doctors.referral.resetDone',
      asked: 'doctors.referral.askedDone',
      save: 'doctors.referral.saved',
    } as const;
    return redirect(`/cases/${s.caseId}/doctors/referral`, flash[intent]);
  });

  r.casePage('GET', '/cases/:caseId/doctors/referral/print', { can: 'view' }, async (s) => {
    const path = await act.readReferral(s);
    return page((ctx) =>
      h(LetterPrintPage, { ctx, c: s.c, letter: referralLetter(ctx, s.c, path?.referralLetter ?? null, s.today) }),
    );
  });

  // ---------- finding names ----------

  r.casePage('GET', '/cases/:caseId/doctors/find', { can: 'view' }, async (s, { query }) => {
    const found = await act.findPlaces(s, findQuery.parse(query));
    return page((ctx) => h(FindPage, { ctx, c: s.c, ...found }));
  });

  // ---------- candidate doctors ----------

  const candidatePage = async (
    s: CaseScope,
    doctorId: string | null,
    form: FormState | null,
    query: Record<string, string | undefined> = {},
    status = 200,
    stale?: CandidateRecord,
  ) => {
    const d = await act.candidateForm(s, doctorId);
    const fresh = () => candidateFormValues(d, query, s.t);
    return page((ctx) => h(CandidatePage, { ctx, c: s.c, doctorId, form: form ?? emptyForm(fresh()), stale }), status);
  };

  r.casePage('GET', '/cases/:caseId/doctors/new', { can: 'edit' }, (s, { query }) =>
    candidatePage(s, null, null, query),
  );

  r.casePage('POST', '/cases/:caseId/doctors/new', { can: 'edit' }, async (s, { form: values }) => {
    const parsed = parseWith(candidateSchema, values);
    if (!parsed.ok) return candidatePage(s, null, { values, errors: parsed.errors }, {}, 400);
    const d = await act.addCandidate(s, parsed.data, values.npi ?? null);
    return redirect(`/cases/${s.caseId}/doctors#doctor-${d.id}`, 'doctors.candidate.saved');
  });

  r.casePage('GET', '/cases/:caseId/doctors/:doctorId/edit', { can: 'edit' }, (s, { params }) =>
    candidatePage(s, params.doctorId!, null),
  );

  r.casePage('POST', '/cases/:caseId/doctors/:doctorId/edit', { can: 'edit' }, async (s, { params, form: values }) => {
    const doctorId = params.doctorId!;
    const parsed = parseWith(candidateSchema, values);
    if (!parsed.ok) return candidatePage(s, doctorId, { values, errors: parsed.errors }, {}, 400);
    const saved = await act.changeCandidate(s, doctorId, parsed.data, formVersion(values));
    if (!saved.saved)
      return candidatePage(s, doctorId, staleForm(values, saved.current.version), {}, 409, saved.current);
    return redirect(`/cases/${s.caseId}/doctors#doctor-${doctorId}`, 'doctors.candidate.updated');
  });

  r.casePage('POST', '/cases/:caseId/doctors/:doctorId/remove', { can: 'edit' }, async (s, { params }) => {
    await act.removeCandidate(s, params.doctorId!);
    return redirect(`/cases/${s.caseId}/doctors`, 'doctors.candidate.removed');
  });

  // ---------- appointments ----------

  const appointmentPage = async (
    s: CaseScope,
    target: act.AppointmentTarget,
    form: FormState | null,
    status = 200,
    stale?: AppointmentRecord,
  ) => {
    const f = await act.appointmentForm(s, target);
    const action =
      'doctorId' in target
        ? `/cases/${s.caseId}/doctors/${target.doctorId}/appointments/new`
        : `/cases/${s.caseId}/doctors/appointments/${target.appointmentId}/edit`;
    return page(
      (ctx) =>
        h(AppointmentPage, {
          ctx,
          c: s.c,
          form: form ?? emptyForm(appointmentFormValues(f.appointment, f.suggestedPlace)),
          doctorName: f.doctorName,
          action,
          editing: f.appointment !== null,
          stale,
        }),
      status,
    );
  };

  r.casePage('GET', '/cases/:caseId/doctors/:doctorId/appointments/new', { can: 'edit' }, (s, { params }) =>
    appointmentPage(s, { doctorId: params.doctorId! }, null),
  );

  r.casePage(
    'POST',
    '/cases/:caseId/doctors/:doctorId/appointments/new',
    { can: 'edit' },
    async (s, { params, form: values }) => {
      const target = { doctorId: params.doctorId! };
      const parsed = parseWith(appointmentSchema, values);
      if (!parsed.ok) return appointmentPage(s, target, { values, errors: parsed.errors }, 400);
      const booked = await act.bookAppointment(s, target.doctorId, parsed.data);
      // An unknown doctor is refused on `doctorId`; the form for it then answers 404.
      if (!booked.ok) return appointmentPage(s, target, { values, errors: booked.errors }, 400);
      return redirect(`/cases/${s.caseId}/doctors#appointments-heading`, 'doctors.appointment.saved');
    },
  );

  r.casePage('GET', '/cases/:caseId/doctors/appointments/:appointmentId/edit', { can: 'edit' }, (s, { params }) =>
    appointmentPage(s, { appointmentId: params.appointmentId! }, null),
  );

  r.casePage(
    'POST',
    '/cases/:caseId/doctors/appointments/:appointmentId/edit',
    { can: 'edit' },
    async (s, { params, form: values }) => {
      const target = { appointmentId: params.appointmentId! };
      const parsed = parseWith(appointmentSchema, values);
      if (!parsed.ok) return appointmentPage(s, target, { values, errors: parsed.errors }, 400);
      const input = parsed.data;
      const changed = await act.changeAppointment(s, target.appointmentId, input, formVersion(values));
      if (!changed.ok) return appointmentPage(s, target, { values, errors: changed.errors }, 400);
      if (!changed.value.saved) {
        const current = changed.value.current;
        return appointmentPage(s, target, staleForm(values, current.version), 409, current);
      }
      return redirect(`/cases/${s.caseId}/doctors#appointment-${target.appointmentId}`, 'doctors.appointment.updated');
    },
  );

  r.casePage(
    'POST',
    '/cases/:caseId/doctors/appointments/:appointmentId/cancel',
    { can: 'edit' },
    async (s, { params }) => {
      await act.cancelAppointment(s, params.appointmentId!);
      return redirect(`/cases/${s.caseId}/doctors#appointments-heading`, 'doctors.appointment.cancelled');
    },
  );

  // ---------- JSON API ----------

  r.caseApi('GET', '/api/v1/cases/:caseId/doctors', { can: 'view', schema: doctorsApi.overview }, async (s) =>
    presentDoctors(await act.overview(s)),
  );

  r.caseApi(
    'PUT',
    '/api/v1/cases/:caseId/doctors/path',
    { can: 'edit', schema: doctorsApi.choosePath },
    async (s, { body }) => {
      await act.choosePath(s, body.path);
      return presentDoctors(await act.overview(s, false));
    },
  );

  r.caseApi(
    'POST',
    '/api/v1/cases/:caseId/doctors',
    { can: 'edit', schema: doctorsApi.addDoctor },
    async (s, { body }) => json(presentCandidate(await act.addCandidate(s, body)), 201),
  );

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/appointments',
    { can: 'view', schema: doctorsApi.appointments },
    async (s) => ({ appointments: (await act.listAppointments(s)).map(presentAppointment) }),
  );

  r.caseApi(
    'POST',
    '/api/v1/cases/:caseId/appointments',
    { can: 'edit', schema: doctorsApi.bookAppointment },
    async (s, { body }) => {
      const { doctorId, ...rest } = body;
      const a = unwrap(await act.bookAppointment(s, doctorId, rest));
      return json(presentAppointment(a), 201);
    },
  );

  // One doctor or one visit, with its version as the ETag; a change sent with If-Match goes
  // only onto that version (412 otherwise), without it onto the newest (ADR 0016).
  const doctorJson = (d: CandidateRecord) => json(presentCandidate(d), 200, { ETag: etagOf(d.version) });
  const visitJson = (a: AppointmentRecord) => json(presentAppointment(a), 200, { ETag: etagOf(a.version) });

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/doctors/:doctorId',
    { can: 'view', schema: doctorsApi.doctor },
    async (s, { params }) => doctorJson((await act.candidateForm(s, params.doctorId))!),
  );

  r.caseApi(
    'PATCH',
    '/api/v1/cases/:caseId/doctors/:doctorId',
    { can: 'edit', schema: doctorsApi.changeDoctor },
    async (s, { params, body }) =>
      doctorJson(await act.patchCandidate(s, params.doctorId, body, ifMatchVersion(s.req))),
  );

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/appointments/:appointmentId',
    { can: 'view', schema: doctorsApi.appointment },
    async (s, { params }) => visitJson(await act.readAppointment(s, params.appointmentId)),
  );

  r.caseApi(
    'PATCH',
    '/api/v1/cases/:caseId/appointments/:appointmentId',
    { can: 'edit', schema: doctorsApi.changeAppointment },
    async (s, { params, body }) => {
      const a = unwrap(await act.patchAppointment(s, params.appointmentId, body, ifMatchVersion(s.req)));
      return visitJson(a);
    },
  );

  r.caseApi(
    'DELETE',
    '/api/v1/cases/:caseId/doctors/:doctorId',
    { can: 'edit', schema: doctorsApi.removeDoctor },
    async (s, { params }) => {
      await act.removeCandidate(s, params.doctorId, ifMatchVersion(s.req));
      return empty();
    },
  );

  r.caseApi(
    'DELETE',
    '/api/v1/cases/:caseId/appointments/:appointmentId',
    { can: 'edit', schema: doctorsApi.cancelAppointment },
    async (s, { params }) => {
      await act.cancelAppointment(s, params.appointmentId, ifMatchVersion(s.req));
      return empty();
    },
  );
};
