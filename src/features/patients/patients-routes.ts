import { h } from 'preact';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import type { PatientScope } from '../../platform/http/case-route.ts';
import { caseRoutes, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { editPatientSchema, newPatientSchema } from './patients.ts';
import * as act from './patients-actions.ts';
import * as api from './patients-api.ts';
import { ActivityPage, EditPatientPage, NewPatientPage, PatientPage, PatientsPage } from './patients-views.tsx';

// Thin adapters over the patients actions (ADR 0014).

const present = (p: {
  id: string;
  displayName: string;
  dateOfBirth: string | null;
  zip: string | null;
  isSelf: boolean;
  myRole: string;
  myRelationship: string;
}) => ({
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
    return page((ctx) =>
      h(PatientPage, {
        ctx,
        me: s.user.userId,
        patient: v.patient,
        members: v.members,
        canManage: v.canManage,
        openCases: v.openCases,
      }),
    );
  });

  const editPage = async (s: PatientScope, form: FormState | null, status = 200) => {
    const p = await act.profileForEditing(s);
    const values = { displayName: p.displayName, dateOfBirth: p.dateOfBirth ?? '', zip: p.zip ?? '' };
    return page(
      (ctx) =>
        h(EditPatientPage, { ctx, patientId: s.patientId, name: p.displayName, form: form ?? emptyForm(values) }),
      status,
    );
  };

  r.patientPage('GET', '/patients/:patientId/edit', { can: 'editProfile' }, (s) => editPage(s, null));

  r.patientPage('POST', '/patients/:patientId/edit', { can: 'editProfile' }, async (s, { form: values }) => {
    const parsed = parseWith(editPatientSchema, values);
    if (!parsed.ok) return editPage(s, { values, errors: parsed.errors }, 400);
    await act.updateProfile(s, parsed.data);
    return redirect(`/patients/${s.patientId}`, 'form.saved');
  });

  r.patientPage(
    'POST',
    '/patients/:patientId/members/:membershipId/remove',
    { can: 'manageMembers' },
    async (s, { params }) => {
      await act.removeMember(s, params.membershipId!);
      return redirect(`/patients/${s.patientId}`, 'patients.members.removed');
    },
  );

  r.patientPage('GET', '/patients/:patientId/activity', { can: 'viewAudit' }, async (s, { query }) => {
    const v = await act.viewActivity(s, { limit: PAGE_SIZE, before: Number(query.before) || undefined });
    const patient = await act.profileOf(s);
    return page((ctx) => h(ActivityPage, { ctx, patient, entries: v.entries, nextBefore: v.nextBefore }));
  });

  // ---------- JSON API ----------

  r.userApi('GET', '/api/v1/patients', { schema: api.ops.getPatients }, async (s) => ({
    patients: (await act.listMyPatients(s)).map(present),
  }));

  r.userApi('POST', '/api/v1/patients', { schema: api.ops.postPatients }, async (s, { body }) => {
    const id = await act.createPatient(s, body);
    return json(
      {
        id,
        displayName: body.displayName,
        dateOfBirth: body.dateOfBirth ?? null,
        zip: body.zip ?? null,
        isSelf: false,
        role: body.role,
        relationship: body.relationship,
      },
      201,
    );
  });

  r.patientApi('GET', '/api/v1/patients/:patientId', { can: 'view', schema: api.ops.getPatient }, async (s) =>
    present((await act.viewPatient(s)).mine),
  );

  r.patientApi(
    'GET',
    '/api/v1/audit',
    {
      can: 'viewAudit',
      schema: api.ops.getAudit,
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
