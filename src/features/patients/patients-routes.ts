import { h } from 'preact';
import { z } from 'zod';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { caseRoutes, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { editPatientSchema, newPatientSchema } from './patients.ts';
import * as act from './patients-actions.ts';
import type { PatientScope } from '../../platform/http/case-route.ts';
import { ActivityPage, EditPatientPage, NewPatientPage, PatientPage, PatientsPage } from './patients-views.tsx';

// Thin adapters over the patients actions (ADR 0014).

const patientOut = z.object({
  id: z.string(),
  displayName: z.string(),
  dateOfBirth: z.string().nullable(),
  zip: z.string().nullable(),
  isSelf: z.boolean(),
  role: z.string(),
  relationship: z.string(),
});

const auditOut = z.object({
  seq: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  via: z.string().nullable(),
  hash: z.string(),
});

const present = (p: { id: string; displayName: string; dateOfBirth: string | null; zip: string | null; isSelf: boolean; myRole: string; myRelationship: string }) => ({
  id: p.id,
  displayName: p.displayName,
  dateOfBirth: p.dateOfBirth,
  zip: p.zip,
  isSelf: p.isSelf,
  role: p.myRole,
  relationship: p.myRelationship,
});

/** How many audit entries the activity page shows at once. */
const PAGE_SIZE = 50;

export const registerPatients: FeatureRegistrar = (app, deps, ui) => {
  const r = caseRoutes(app, deps, ui);

  // ---------- pages ----------

  r.userPage('GET', '/patients', {}, async (s) => {
    const patients = await act.listMyPatients(s);
    return page((ctx) => h(PatientsPage, { ctx, patients }));
  });

  r.userPage('GET', '/patients/new', {}, async () => page((ctx) => h(NewPatientPage, { ctx, form: emptyForm() })));
  r.userPage('POST', '/patients/new', {}, async (s, { form: values }) => {
    const parsed = parseWith(newPatientSchema, values);
    if (!parsed.ok) return page((ctx) => h(NewPatientPage, { ctx, form: { values, errors: parsed.errors } }), 400);
    const patientId = await act.createPatient(s, parsed.data);
    return redirect(`/patients/${patientId}`, 'patients.new.done');
  });

  r.patientPage('GET', '/patients/:patientId', { can: 'view' }, async (s) => {
    const v = await act.viewPatient(s);
    return page((ctx) => h(PatientPage, { ctx, me: s.user.userId, patient: v.patient, members: v.members, canManage: v.canManage, openCases: v.openCases }));
  });

  const editPage = async (s: PatientScope, form: FormState | null, status = 200) => {
    const p = await act.profileForEditing(s);
    const values = { displayName: p.displayName, dateOfBirth: p.dateOfBirth ?? '', zip: p.zip ?? '' };
    return page((ctx) => h(EditPatientPage, { ctx, patientId: s.patientId, name: p.displayName, form: form ?? emptyForm(values) }), status);
  };

  r.patientPage('GET', '/patients/:patientId/edit', { can: 'editProfile' }, (s) => editPage(s, null));

  r.patientPage('POST', '/patients/:patientId/edit', { can: 'editProfile' }, async (s, { form: values }) => {
    const parsed = parseWith(editPatientSchema, values);
    if (!parsed.ok) return editPage(s, { values, errors: parsed.errors }, 400);
    await act.updateProfile(s, parsed.data);
    return redirect(`/patients/${s.patientId}`, 'form.saved');
  });

  r.patientPage('POST', '/patients/:patientId/members/:membershipId/remove', { can: 'manageMembers' }, async (s, { params }) => {
    await act.removeMember(s, params.membershipId!);
    return redirect(`/patients/${s.patientId}`, 'patients.members.removed');
  });

  r.patientPage('GET', '/patients/:patientId/activity', { can: 'viewAudit' }, async (s, { query }) => {
    const v = await act.viewActivity(s, { limit: PAGE_SIZE, before: Number(query.before) || undefined });
    const patient = await act.profileOf(s);
    return page((ctx) => h(ActivityPage, { ctx, patient, entries: v.entries, nextBefore: v.nextBefore }));
  });

  // ---------- JSON API ----------

  r.userApi(
    'GET',
    '/api/v1/patients',
    { schema: { tags: ['patients'], summary: 'Patients you may act for', response: { 200: z.object({ patients: z.array(patientOut) }) } } },
    async (s) => ({ patients: (await act.listMyPatients(s)).map(present) }),
  );

  r.userApi(
    'POST',
    '/api/v1/patients',
    { schema: { tags: ['patients'], summary: 'Add a profile for someone you help, with how they agreed', body: newPatientSchema, response: { 201: patientOut } } },
    async (s, { body }) => {
      const id = await act.createPatient(s, body);
      return json({ id, displayName: body.displayName, dateOfBirth: body.dateOfBirth ?? null, zip: body.zip ?? null, isSelf: false, role: body.role, relationship: body.relationship }, 201);
    },
  );

  r.patientApi(
    'GET',
    '/api/v1/patients/:patientId',
    { can: 'view', schema: { tags: ['patients'], summary: 'One patient', params: z.object({ patientId: idParam }), response: { 200: patientOut } } },
    async (s) => present((await act.viewPatient(s)).mine),
  );

  r.patientApi(
    'GET',
    '/api/v1/audit',
    {
      can: 'viewAudit',
      schema: {
        tags: ['audit'],
        summary: 'Who has seen or changed a patient’s information, newest first',
        querystring: z.object({ patientId: idParam, before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ entries: z.array(auditOut), nextBefore: z.number().nullable() }) },
      },
    },
    async (s, { query }) => {
      const v = await act.viewActivity(s, { limit: query.limit, before: query.before });
      return {
        entries: v.entries.map((e) => ({
          seq: e.seq,
          at: e.at,
          actorType: e.actorType,
          actorId: e.actorId,
          actorName: e.actorName,
          action: e.action,
          objectType: e.objectType,
          objectId: e.objectId,
          ip: e.ip,
          via: e.via,
          hash: e.hash,
        })),
        nextBefore: v.nextBefore,
      };
    },
  );
};
