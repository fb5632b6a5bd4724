import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import zipcodes from 'zipcodes';
import { type CaseAccess, requireCaseAccess } from '../../platform/auth/access-store.ts';
import { type CaseContext, loadCaseContext } from '../../platform/case-context.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { transact } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { formValues, parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { completeTasksFor, completeTasksOfKind, ensureTask, ensureTaskDue } from '../../platform/tasks/tasks-store.ts';
import { formatDate } from '../../platform/ui/components.tsx';
import { emptyForm, type FieldErrors, type FormState, type FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import type { CalendarEvent } from '../tasks/calendar.ts';
import { dueIn, localToday, pastDateErrors } from '../tasks/tasks.ts';
import { loadCancerCenters } from './cancer-centers.ts';
import {
  apiAppointmentSchema,
  APPOINTMENT_MODES,
  type AppointmentInput,
  type AppointmentRecord,
  appointmentSchema,
  candidateSchema,
  type CandidateRecord,
  centerStates,
  type DoctorPath,
  draftReferralLetter,
  filterCenters,
  IN_NETWORK,
  letterSchema,
  looksLikeCancer,
  pathSchema,
  PATHS,
  prepareDueOn,
  sortAppointments,
} from './doctors.ts';
import {
  cancelAppointment,
  getAppointment,
  getCandidate,
  getPath,
  insertAppointment,
  insertCandidate,
  listAppointments,
  listCandidates,
  removeCandidate,
  savePath,
  updateAppointment,
  updateCandidate,
} from './doctors-store.ts';
import { AppointmentPage, CandidatePage, DoctorsPage, FindPage, LetterPrintPage, ReferralPage } from './doctors-views.tsx';

const t = translator('en');
const hasErrors = (e: FieldErrors) => Object.keys(e).length > 0;

// ---------- API shapes ----------

const candidateOut = z.object({
  id: z.string(),
  name: z.string(),
  specialty: z.string().nullable(),
  practice: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  inNetwork: z.enum(IN_NETWORK),
  notes: z.string().nullable(),
  npi: z.string().nullable(),
  source: z.string(),
  createdAt: z.string(),
});
const appointmentOut = z.object({
  id: z.string(),
  doctorId: z.string(),
  doctorName: z.string(),
  date: z.string(),
  time: z.string(),
  mode: z.enum(APPOINTMENT_MODES),
  place: z.string().nullable(),
  notes: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
});
const doctorsOut = z.object({
  path: z.enum(PATHS),
  referralAskedOn: z.string().nullable(),
  candidates: z.array(candidateOut),
  appointments: z.array(appointmentOut),
});

const presentCandidate = (d: CandidateRecord) => ({
  id: d.id,
  name: d.name,
  specialty: d.specialty,
  practice: d.practice,
  phone: d.phone,
  address: d.address,
  inNetwork: d.inNetwork,
  notes: d.notes,
  npi: d.npi,
  source: d.source,
  createdAt: d.createdAt,
});
const presentAppointment = (a: AppointmentRecord) => ({
  id: a.id,
  doctorId: a.candidateId,
  doctorName: a.doctorName,
  date: a.date,
  time: a.time,
  mode: a.mode,
  place: a.place,
  notes: a.notes,
  cancelledAt: a.cancelledAt,
  createdAt: a.createdAt,
});

const candidateValues = (d: CandidateRecord): FormValues => ({
  name: d.name,
  specialty: d.specialty ?? '',
  practice: d.practice ?? '',
  phone: d.phone ?? '',
  address: d.address ?? '',
  inNetwork: d.inNetwork,
  notes: d.notes ?? '',
});
const appointmentValues = (a: AppointmentRecord): FormValues => ({ date: a.date, time: a.time, mode: a.mode, place: a.place ?? '', notes: a.notes ?? '' });

/** The case's appointments for its calendar file (a CalendarSource, wired in features/index.ts). */
export async function appointmentEvents(db: Queryable, caseId: string): Promise<CalendarEvent[]> {
  const c = await loadCaseContext(db, caseId);
  return (await listAppointments(db, caseId))
    .filter((a) => !a.cancelledAt)
    .map((a) => ({
      kind: 'timed' as const,
      uid: `appointment-${a.id}@second-opinion`,
      title: t(a.mode === 'video' ? 'tasks.calendar.appointmentVideo' : a.mode === 'phone' ? 'tasks.calendar.appointmentPhone' : 'tasks.calendar.appointment', {
        doctor: a.doctorName,
      }),
      date: a.date,
      time: a.time,
      minutes: 60,
      location: a.place,
      description: [t('tasks.calendar.appointmentDescription', { name: c.patientName }), a.notes].filter(Boolean).join('\n'),
    }));
}

export const registerDoctors: FeatureRegistrar = (app, deps, ui) => {
  const { clock, config } = deps;
  const today = () => localToday(clock.now());
  const nowIso = () => clock.now().toISOString();

  // ---------- what each write also does to the task list ----------

  async function afterPathChosen(trx: Tx, access: CaseAccess, userId: string, c: CaseContext, path: DoctorPath): Promise<void> {
    const base = { caseId: c.id, patientId: access.patientId, step: 'doctors' };
    const now = nowIso();
    if (path === 'referral') {
      const title = c.doctorName ? t('doctors.task.askReferral', { doctor: c.doctorName }) : t('doctors.task.askReferralGeneric');
      await ensureTask(trx, now, userId, { ...base, kind: 'ask_referral', title, dueOn: dueIn(today(), 3, c.urgency) });
    }
    if (path === 'own') await ensureTask(trx, now, userId, { ...base, kind: 'find_doctors', title: t('doctors.task.findNames'), dueOn: dueIn(today(), 7, c.urgency) });
  }

  async function afterCandidateAdded(trx: Tx, access: CaseAccess, userId: string, c: CaseContext): Promise<void> {
    const now = nowIso();
    // A name in hand: finding names is done, booking comes next (unless a visit is already booked).
    await completeTasksOfKind(trx, c.id, 'find_doctors', now);
    const booked = (await listAppointments(trx, c.id)).some((a) => !a.cancelledAt);
    if (!booked) {
      await ensureTask(trx, now, userId, { caseId: c.id, patientId: access.patientId, step: 'doctors', kind: 'book_appointment', title: t('doctors.task.book'), dueOn: dueIn(today(), 7, c.urgency) });
    }
  }

  async function afterAppointmentSaved(trx: Tx, access: CaseAccess, userId: string, apptId: string, doctorName: string, date: string): Promise<void> {
    const now = nowIso();
    await completeTasksOfKind(trx, access.caseId, 'book_appointment', now);
    if (date < today()) return;
    await ensureTaskDue(trx, now, userId, {
      caseId: access.caseId,
      patientId: access.patientId,
      step: 'doctors',
      kind: 'prepare_visit',
      title: t('doctors.task.prepare', { doctor: doctorName }),
      dueOn: prepareDueOn(date, today()),
      sourceType: 'doctor_appointment',
      sourceId: apptId,
    });
  }

  // ---------- the step's main page and the path ----------

  const mainPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, pathForm: FormState | null, status = 200) => {
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      const c = await loadCaseContext(trx, caseId);
      const path = await getPath(trx, caseId);
      const candidates = await listCandidates(trx, caseId);
      const appointments = await listAppointments(trx, caseId);
      await audit({ action: 'doctors.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, path, candidates, appointments };
    });
    const day = today();
    return sendPage(
      reply,
      h(DoctorsPage, {
        ctx: ui.page(req),
        c: data.c,
        path: data.path,
        pathForm: pathForm ?? emptyForm({ path: data.path?.path ?? '' }),
        candidates: data.candidates,
        appointments: sortAppointments(data.appointments, day),
        today: day,
      }),
      status,
    );
  };

  app.get('/cases/:caseId/doctors', { config: { access: 'patient' } }, async (req, reply) => mainPage(req, reply, (req.params as { caseId: string }).caseId, null));

  app.post('/cases/:caseId/doctors/path', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(pathSchema, values);
    if (!parsed.ok) return mainPage(req, reply, caseId, { values, errors: parsed.errors }, 400);
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const c = await loadCaseContext(trx, caseId);
      await savePath(trx, { caseId, patientId: access.patientId }, user.userId, nowIso(), { path: parsed.data.path });
      await afterPathChosen(trx, access, user.userId, c, parsed.data.path);
      await audit({ action: 'doctors.path.save', patientId: access.patientId, objectType: 'case', objectId: caseId });
    });
    setFlash(reply, 'doctors.path.saved', config.secureCookies);
    return reply.redirect(parsed.data.path === 'referral' ? `/cases/${caseId}/doctors/referral` : parsed.data.path === 'own' ? `/cases/${caseId}/doctors/find` : `/cases/${caseId}/doctors`, 303);
  });

  // ---------- the referral letter ----------

  const letterFor = (c: CaseContext, saved: string | null, date: string) =>
    saved ??
    draftReferralLetter(
      {
        patientName: c.patientName,
        doctorName: c.doctorName,
        diagnosis: c.diagnosisStatus === 'diagnosed' ? c.diagnosis : null,
        symptoms: c.symptoms,
        proposedTreatment: c.proposedTreatment,
        date,
      },
      t,
    );

  const referralPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const c = await loadCaseContext(trx, caseId);
      const path = await getPath(trx, caseId);
      await audit({ action: 'doctors.referral.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, path };
    });
    return sendPage(
      reply,
      h(ReferralPage, {
        ctx: ui.page(req),
        c: data.c,
        form: form ?? emptyForm({ letter: letterFor(data.c, data.path?.referralLetter ?? null, formatDate(ui.page(req), today())) }),
        askedOn: data.path?.referralAskedOn ?? null,
      }),
      status,
    );
  };

  app.get('/cases/:caseId/doctors/referral', { config: { access: 'patient' } }, async (req, reply) => referralPage(req, reply, (req.params as { caseId: string }).caseId, null));

  app.post('/cases/:caseId/doctors/referral', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const intent = values.intent === 'reset' || values.intent === 'asked' ? values.intent : 'save';
    const parsed = intent === 'save' ? parseWith(letterSchema, values) : null;
    if (parsed && !parsed.ok) return referralPage(req, reply, caseId, { values, errors: parsed.errors }, 400);
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const target = { caseId, patientId: access.patientId };
      const now = nowIso();
      if (intent === 'save' && parsed?.ok) await savePath(trx, target, user.userId, now, { referral_letter: parsed.data.letter });
      if (intent === 'reset') await savePath(trx, target, user.userId, now, { referral_letter: null });
      if (intent === 'asked') {
        await savePath(trx, target, user.userId, now, { referral_asked_on: today() });
        await completeTasksOfKind(trx, caseId, 'ask_referral', now);
      }
      await audit({ action: `doctors.referral.${intent}`, patientId: access.patientId, objectType: 'case', objectId: caseId });
    });
    setFlash(reply, intent === 'reset' ? 'doctors.referral.resetDone' : intent === 'asked' ? 'doctors.referral.askedDone' : 'doctors.referral.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/doctors/referral`, 303);
  });

  app.get('/cases/:caseId/doctors/referral/print', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      const c = await loadCaseContext(trx, caseId);
      const path = await getPath(trx, caseId);
      await audit({ action: 'doctors.referral.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, letter: letterFor(c, path?.referralLetter ?? null, formatDate(ui.page(req), today())) };
    });
    return sendPage(reply, h(LetterPrintPage, { ctx: ui.page(req), c: data.c, letter: data.letter }));
  });

  // ---------- finding names ----------

  app.get('/cases/:caseId/doctors/find', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const q = req.query as Record<string, string | undefined>;
    const c = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      await audit({ action: 'doctors.find.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return loadCaseContext(trx, caseId);
    });
    const cancer = looksLikeCancer(c);
    const showCenters = cancer || q.centers === '1' || q.state !== undefined;
    const list = loadCancerCenters();
    const states = centerStates(list.centers);
    // The state filter: what the person chose, else the state of the patient's ZIP code.
    const chosen = q.state !== undefined ? (states.find((s) => s.code === q.state)?.code ?? null) : null;
    const fromZip = q.state === undefined && c.patientZip ? (zipcodes.lookup(c.patientZip)?.state ?? null) : null;
    const state = chosen ?? fromZip;
    return sendPage(
      reply,
      h(FindPage, {
        ctx: ui.page(req),
        c,
        showCenters,
        cancer,
        centers: showCenters ? filterCenters(list.centers, state) : [],
        states,
        state,
        stateFromZip: chosen === null && fromZip !== null,
        retrievedOn: list.retrievedOn,
      }),
    );
  });

  // ---------- candidate doctors ----------

  const candidatePage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, doctorId: string | null, form: FormState | null, status = 200) => {
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const c = await loadCaseContext(trx, caseId);
      const d = doctorId ? await getCandidate(trx, caseId, doctorId) : null;
      if (doctorId && !d) throw notFound();
      await audit({ action: 'doctors.view', patientId: access.patientId, objectType: d ? 'doctor_candidate' : 'case', objectId: d ? d.id : caseId });
      return { c, d };
    });
    const q = req.query as Record<string, string | undefined>;
    // A new doctor can come pre-filled from a link (a cancer center on the list): only text fields, trimmed.
    const prefill = (k: string, max: number) => (typeof q[k] === 'string' ? q[k]!.slice(0, max) : '');
    const fresh = data.d
      ? candidateValues(data.d)
      : {
          name: prefill('name', 120),
          specialty: prefill('specialty', 120),
          practice: prefill('practice', 160),
          address: prefill('address', 300),
          // From the national directory search: the phone, and the NPI kept in the notes.
          phone: prefill('phone', 40),
          notes: /^\d{10}$/.test(prefill('npi', 10)) ? ui.page(req).t('directory.saveNote', { npi: prefill('npi', 10) }) : '',
          inNetwork: 'unknown',
          npi: prefill('npi', 10),
        };
    return sendPage(reply, h(CandidatePage, { ctx: ui.page(req), c: data.c, doctorId, form: form ?? emptyForm(fresh) }), status);
  };

  app.get('/cases/:caseId/doctors/new', { config: { access: 'patient' } }, async (req, reply) => candidatePage(req, reply, (req.params as { caseId: string }).caseId, null, null));

  app.post('/cases/:caseId/doctors/new', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(candidateSchema, values);
    if (!parsed.ok) return candidatePage(req, reply, caseId, null, { values, errors: parsed.errors }, 400);
    const id = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const c = await loadCaseContext(trx, caseId);
      // An NPI from the form counts only if it is in the imported directory.
      const npi = typeof values.npi === 'string' && /^\d{10}$/.test(values.npi) ? values.npi : null;
      const listed = npi ? await trx.selectFrom('directory_providers').select('npi').where('npi', '=', npi).executeTakeFirst() : undefined;
      const origin = listed ? { source: 'nppes', npi: listed.npi } : { source: 'manual' };
      const newId = await insertCandidate(trx, { caseId, patientId: access.patientId }, user.userId, nowIso(), parsed.data, origin);
      await afterCandidateAdded(trx, access, user.userId, c);
      await audit({ action: 'doctors.candidate.create', patientId: access.patientId, objectType: 'doctor_candidate', objectId: newId });
      return newId;
    });
    setFlash(reply, 'doctors.candidate.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/doctors#doctor-${id}`, 303);
  });

  app.get('/cases/:caseId/doctors/:doctorId/edit', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, doctorId } = req.params as { caseId: string; doctorId: string };
    return candidatePage(req, reply, caseId, doctorId, null);
  });

  app.post('/cases/:caseId/doctors/:doctorId/edit', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, doctorId } = req.params as { caseId: string; doctorId: string };
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(candidateSchema, values);
    if (!parsed.ok) return candidatePage(req, reply, caseId, doctorId, { values, errors: parsed.errors }, 400);
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      if (!(await updateCandidate(trx, caseId, doctorId, nowIso(), parsed.data))) throw notFound();
      await audit({ action: 'doctors.candidate.update', patientId: access.patientId, objectType: 'doctor_candidate', objectId: doctorId });
    });
    setFlash(reply, 'doctors.candidate.updated', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/doctors#doctor-${doctorId}`, 303);
  });

  app.post('/cases/:caseId/doctors/:doctorId/remove', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, doctorId } = req.params as { caseId: string; doctorId: string };
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      if (!(await removeCandidate(trx, caseId, doctorId, nowIso()))) throw notFound();
      await audit({ action: 'doctors.candidate.remove', patientId: access.patientId, objectType: 'doctor_candidate', objectId: doctorId });
    });
    setFlash(reply, 'doctors.candidate.removed', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/doctors`, 303);
  });

  // ---------- appointments ----------

  const appointmentPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    target: { doctorId: string } | { appointmentId: string },
    form: FormState | null,
    status = 200,
  ) => {
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const c = await loadCaseContext(trx, caseId);
      if ('doctorId' in target) {
        const d = await getCandidate(trx, caseId, target.doctorId);
        if (!d) throw notFound();
        await audit({ action: 'doctors.view', patientId: access.patientId, objectType: 'doctor_candidate', objectId: d.id });
        return { c, doctorName: d.name, values: { date: '', time: '', mode: '', place: d.address ?? '', notes: '' }, action: `/cases/${caseId}/doctors/${d.id}/appointments/new` };
      }
      const a = await getAppointment(trx, caseId, target.appointmentId);
      if (!a || a.cancelledAt) throw notFound();
      await audit({ action: 'doctors.appointment.view', patientId: access.patientId, objectType: 'doctor_appointment', objectId: a.id });
      return { c, doctorName: a.doctorName, values: appointmentValues(a), action: `/cases/${caseId}/doctors/appointments/${a.id}/edit` };
    });
    return sendPage(
      reply,
      h(AppointmentPage, { ctx: ui.page(req), c: data.c, form: form ?? emptyForm(data.values), doctorName: data.doctorName, action: data.action, editing: 'appointmentId' in target }),
      status,
    );
  };

  app.get('/cases/:caseId/doctors/:doctorId/appointments/new', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, doctorId } = req.params as { caseId: string; doctorId: string };
    return appointmentPage(req, reply, caseId, { doctorId }, null);
  });

  app.post('/cases/:caseId/doctors/:doctorId/appointments/new', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, doctorId } = req.params as { caseId: string; doctorId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(appointmentSchema, values);
    const errors = parsed.ok ? pastDateErrors({ date: parsed.data.date }, today()) : parsed.errors;
    if (!parsed.ok || hasErrors(errors)) return appointmentPage(req, reply, caseId, { doctorId }, { values, errors }, 400);
    const input = parsed.data as AppointmentInput;
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const d = await getCandidate(trx, caseId, doctorId);
      if (!d) throw notFound();
      const id = await insertAppointment(trx, { caseId, patientId: access.patientId }, d.id, user.userId, nowIso(), input);
      await afterAppointmentSaved(trx, access, user.userId, id, d.name, input.date);
      await audit({ action: 'doctors.appointment.create', patientId: access.patientId, objectType: 'doctor_appointment', objectId: id });
    });
    setFlash(reply, 'doctors.appointment.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/doctors#appointments-heading`, 303);
  });

  app.get('/cases/:caseId/doctors/appointments/:appointmentId/edit', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, appointmentId } = req.params as { caseId: string; appointmentId: string };
    return appointmentPage(req, reply, caseId, { appointmentId }, null);
  });

  app.post('/cases/:caseId/doctors/appointments/:appointmentId/edit', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, appointmentId } = req.params as { caseId: string; appointmentId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(appointmentSchema, values);
    if (!parsed.ok) return appointmentPage(req, reply, caseId, { appointmentId }, { values, errors: parsed.errors }, 400);
    const input = parsed.data as AppointmentInput;
    const errors = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const before = await getAppointment(trx, caseId, appointmentId);
      if (!before || before.cancelledAt) throw notFound();
      // Moving a visit to a day that has passed is refused; keeping a past visit's date is not.
      const bad = pastDateErrors({ date: input.date }, today(), { date: before.date });
      if (hasErrors(bad)) return bad;
      await updateAppointment(trx, caseId, appointmentId, nowIso(), input);
      await afterAppointmentSaved(trx, access, user.userId, appointmentId, before.doctorName, input.date);
      await audit({ action: 'doctors.appointment.update', patientId: access.patientId, objectType: 'doctor_appointment', objectId: appointmentId });
      return null;
    });
    if (errors) return appointmentPage(req, reply, caseId, { appointmentId }, { values, errors }, 400);
    setFlash(reply, 'doctors.appointment.updated', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/doctors#appointment-${appointmentId}`, 303);
  });

  app.post('/cases/:caseId/doctors/appointments/:appointmentId/cancel', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, appointmentId } = req.params as { caseId: string; appointmentId: string };
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const now = nowIso();
      if (!(await cancelAppointment(trx, caseId, appointmentId, now))) throw notFound();
      // Getting ready for a visit that will not happen is no longer to do.
      await completeTasksFor(trx, 'doctor_appointment', appointmentId, now);
      await audit({ action: 'doctors.appointment.cancel', patientId: access.patientId, objectType: 'doctor_appointment', objectId: appointmentId });
    });
    setFlash(reply, 'doctors.appointment.cancelled', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/doctors#appointments-heading`, 303);
  });

  // ---------- JSON API ----------

  const caseParams = z.object({ caseId: idParam });

  async function doctorsBody(trx: Tx, caseId: string) {
    const path = await getPath(trx, caseId);
    return {
      path: path?.path ?? 'undecided',
      referralAskedOn: path?.referralAskedOn ?? null,
      candidates: (await listCandidates(trx, caseId)).map(presentCandidate),
      appointments: sortAppointments(await listAppointments(trx, caseId), today()).map(presentAppointment),
    };
  }

  app.get(
    '/api/v1/cases/:caseId/doctors',
    {
      config: { access: 'patient' },
      schema: { tags: ['doctors'], summary: 'The chosen path, the doctors on the case’s list, and appointments', params: caseParams, response: { 200: doctorsOut } },
    },
    async (req) => {
      const { caseId } = req.params;
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        await audit({ action: 'doctors.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return doctorsBody(trx, caseId);
      });
    },
  );

  app.put(
    '/api/v1/cases/:caseId/doctors/path',
    {
      config: { access: 'patient' },
      schema: { tags: ['doctors'], summary: 'Choose the path: a referral from your own doctor, or on your own', params: caseParams, body: pathSchema, response: { 200: doctorsOut } },
    },
    async (req) => {
      const { caseId } = req.params;
      const user = requireUser(req);
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const c = await loadCaseContext(trx, caseId);
        await savePath(trx, { caseId, patientId: access.patientId }, user.userId, nowIso(), { path: req.body.path });
        await afterPathChosen(trx, access, user.userId, c, req.body.path);
        await audit({ action: 'doctors.path.save', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return doctorsBody(trx, caseId);
      });
    },
  );

  app.post(
    '/api/v1/cases/:caseId/doctors',
    {
      config: { access: 'patient' },
      schema: { tags: ['doctors'], summary: 'Add a doctor to the case’s list', params: caseParams, body: candidateSchema, response: { 201: candidateOut } },
    },
    async (req, reply) => {
      const { caseId } = req.params;
      const user = requireUser(req);
      const d = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const c = await loadCaseContext(trx, caseId);
        const id = await insertCandidate(trx, { caseId, patientId: access.patientId }, user.userId, nowIso(), req.body);
        await afterCandidateAdded(trx, access, user.userId, c);
        await audit({ action: 'doctors.candidate.create', patientId: access.patientId, objectType: 'doctor_candidate', objectId: id });
        return (await getCandidate(trx, caseId, id))!;
      });
      return reply.code(201).send(presentCandidate(d));
    },
  );

  app.get(
    '/api/v1/cases/:caseId/appointments',
    {
      config: { access: 'patient' },
      schema: { tags: ['doctors'], summary: 'Appointments: upcoming first, then past, then cancelled', params: caseParams, response: { 200: z.object({ appointments: z.array(appointmentOut) }) } },
    },
    async (req) => {
      const { caseId } = req.params;
      const list = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        await audit({ action: 'doctors.appointment.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return listAppointments(trx, caseId);
      });
      return { appointments: sortAppointments(list, today()).map(presentAppointment) };
    },
  );

  app.post(
    '/api/v1/cases/:caseId/appointments',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['doctors'],
        summary: 'Add an appointment (today or later) with a doctor on the case’s list',
        params: caseParams,
        body: apiAppointmentSchema,
        response: { 201: appointmentOut },
      },
    },
    async (req, reply) => {
      const { caseId } = req.params;
      const user = requireUser(req);
      const { doctorId, ...rest } = req.body;
      const input = rest as AppointmentInput;
      const a = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        // An unknown doctor and another case's doctor give the same field error.
        const d = await getCandidate(trx, caseId, doctorId);
        if (!d) throw invalid({ doctorId: 'doctors.errors.doctorRequired' });
        const bad = pastDateErrors({ date: input.date }, today());
        if (hasErrors(bad)) throw invalid(bad);
        const id = await insertAppointment(trx, { caseId, patientId: access.patientId }, d.id, user.userId, nowIso(), input);
        await afterAppointmentSaved(trx, access, user.userId, id, d.name, input.date);
        await audit({ action: 'doctors.appointment.create', patientId: access.patientId, objectType: 'doctor_appointment', objectId: id });
        return (await getAppointment(trx, caseId, id))!;
      });
      return reply.code(201).send(presentAppointment(a));
    },
  );
};
