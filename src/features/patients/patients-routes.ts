import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { listAuditForPatient } from '../../platform/audit/audit-store.ts';
import { insertPatientWithMembership, requirePatientAccess } from '../../platform/auth/access-store.ts';
import { can } from '../../platform/auth/policy.ts';
import { transact } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { formValues, parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { editPatientSchema, newPatientSchema } from './patients.ts';
import { getPatient, listMembers, listPatientsForUser, removeMember, updatePatient } from './patients-store.ts';
import { ActivityPage, EditPatientPage, NewPatientPage, PatientPage, PatientsPage } from './patients-views.tsx';

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

export const registerPatients: FeatureRegistrar = (app, deps, ui) => {
  const { clock, config } = deps;
  const page = ui.page;
  const PAGE_SIZE = 50;

  // ---------- pages ----------

  app.get('/patients', { config: { access: 'user' } }, async (req, reply) => {
    const user = requireUser(req);
    const patients = await transact(deps, req, async ({ trx, audit }) => {
      const list = await listPatientsForUser(trx, user.userId);
      for (const p of list) await audit({ action: 'patient.list', patientId: p.id, objectType: 'patient', objectId: p.id });
      return list;
    });
    return sendPage(reply, h(PatientsPage, { ctx: page(req), patients }));
  });

  app.get('/patients/new', { config: { access: 'user' } }, async (req, reply) =>
    sendPage(reply, h(NewPatientPage, { ctx: page(req), form: emptyForm() })),
  );

  app.post('/patients/new', { config: { access: 'user' } }, async (req, reply) => {
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(newPatientSchema, values);
    if (!parsed.ok) return sendPage(reply, h(NewPatientPage, { ctx: page(req), form: { values, errors: parsed.errors } }), 400);
    const input = parsed.data;
    const { patientId } = await transact(deps, req, async ({ trx, audit }) => {
      const r = await insertPatientWithMembership(
        trx,
        clock.now().toISOString(),
        user.userId,
        { displayName: input.displayName, dateOfBirth: input.dateOfBirth ?? null, zip: input.zip ?? null, selfUserId: null },
        { role: input.role, relationship: input.relationship, consentMethod: input.consentMethod, consentNote: input.consentNote ?? null },
      );
      await audit({ action: 'patient.create', patientId: r.patientId, objectType: 'patient', objectId: r.patientId });
      await audit({ action: 'consent.record', patientId: r.patientId, objectType: 'membership', objectId: r.membershipId });
      return r;
    });
    setFlash(reply, 'patients.new.done', config.secureCookies);
    return reply.redirect(`/patients/${patientId}`, 303);
  });

  app.get('/patients/:patientId', { config: { access: 'patient' } }, async (req, reply) => {
    const { patientId } = req.params as { patientId: string };
    const user = requireUser(req);
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requirePatientAccess(trx, req.actor, patientId, 'view');
      const patient = await getPatient(trx, patientId);
      const members = await listMembers(trx, patientId);
      const mine = (await listPatientsForUser(trx, user.userId)).find((p) => p.id === patientId);
      await audit({ action: 'patient.view', patientId, objectType: 'patient', objectId: patientId });
      return { patient, members, canManage: can('manageMembers', access.membership, access.patient), openCases: mine?.openCases ?? 0 };
    });
    return sendPage(reply, h(PatientPage, { ctx: page(req), me: user.userId, ...data }));
  });

  const editPage = async (req: FastifyRequest, reply: FastifyReply, patientId: string, form: FormState | null, status = 200) => {
    const { name, values } = await transact(deps, req, async ({ trx, audit }) => {
      await requirePatientAccess(trx, req.actor, patientId, 'editProfile');
      const p = await getPatient(trx, patientId);
      await audit({ action: 'patient.view', patientId, objectType: 'patient', objectId: patientId });
      return { name: p.displayName, values: { displayName: p.displayName, dateOfBirth: p.dateOfBirth ?? '', zip: p.zip ?? '' } };
    });
    return sendPage(reply, h(EditPatientPage, { ctx: page(req), patientId, name, form: form ?? emptyForm(values) }), status);
  };

  app.get('/patients/:patientId/edit', { config: { access: 'patient' } }, async (req, reply) =>
    editPage(req, reply, (req.params as { patientId: string }).patientId, null),
  );

  app.post('/patients/:patientId/edit', { config: { access: 'patient' } }, async (req, reply) => {
    const { patientId } = req.params as { patientId: string };
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(editPatientSchema, values);
    if (!parsed.ok) return editPage(req, reply, patientId, { values, errors: parsed.errors }, 400);
    await transact(deps, req, async ({ trx, audit }) => {
      await requirePatientAccess(trx, req.actor, patientId, 'editProfile');
      await updatePatient(trx, patientId, clock.now().toISOString(), {
        displayName: parsed.data.displayName,
        dateOfBirth: parsed.data.dateOfBirth ?? null,
        zip: parsed.data.zip ?? null,
      });
      await audit({ action: 'patient.update', patientId, objectType: 'patient', objectId: patientId });
    });
    setFlash(reply, 'form.saved', config.secureCookies);
    return reply.redirect(`/patients/${patientId}`, 303);
  });

  app.post('/patients/:patientId/members/:membershipId/remove', { config: { access: 'patient' } }, async (req, reply) => {
    const { patientId, membershipId } = req.params as { patientId: string; membershipId: string };
    const user = requireUser(req);
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requirePatientAccess(trx, req.actor, patientId, 'manageMembers');
      // Removing yourself would leave the profile with nobody able to manage it.
      if (membershipId === access.membership.id) throw notFound();
      if (!(await removeMember(trx, patientId, membershipId, user.userId, clock.now().toISOString()))) throw notFound();
      await audit({ action: 'membership.remove', patientId, objectType: 'membership', objectId: membershipId });
    });
    setFlash(reply, 'patients.members.removed', config.secureCookies);
    return reply.redirect(`/patients/${patientId}`, 303);
  });

  app.get('/patients/:patientId/activity', { config: { access: 'patient' } }, async (req, reply) => {
    const { patientId } = req.params as { patientId: string };
    const before = Number((req.query as Record<string, string>).before) || undefined;
    const data = await transact(deps, req, async ({ trx, audit }) => {
      await requirePatientAccess(trx, req.actor, patientId, 'viewAudit');
      const patient = await getPatient(trx, patientId);
      // Read the page before recording this visit, so the list shows what came before it.
      const entries = await listAuditForPatient(trx, patientId, { limit: PAGE_SIZE + 1, beforeSeq: before });
      await audit({ action: 'audit.view', patientId, objectType: 'patient', objectId: patientId });
      return { patient, entries };
    });
    const more = data.entries.length > PAGE_SIZE;
    const entries = data.entries.slice(0, PAGE_SIZE);
    return sendPage(
      reply,
      h(ActivityPage, {
        ctx: page(req),
        patient: data.patient,
        entries,
        nextBefore: more ? entries[entries.length - 1]!.seq : null,
      }),
    );
  });

  // ---------- JSON API ----------

  app.get(
    '/api/v1/patients',
    { config: { access: 'user' }, schema: { tags: ['patients'], summary: 'Patients you may act for', response: { 200: z.object({ patients: z.array(patientOut) }) } } },
    async (req) => {
      const user = requireUser(req);
      const list = await transact(deps, req, async ({ trx, audit }) => {
        const l = await listPatientsForUser(trx, user.userId);
        for (const p of l) await audit({ action: 'patient.list', patientId: p.id, objectType: 'patient', objectId: p.id });
        return l;
      });
      return {
        patients: list.map((p) => ({
          id: p.id,
          displayName: p.displayName,
          dateOfBirth: p.dateOfBirth,
          zip: p.zip,
          isSelf: p.isSelf,
          role: p.myRole,
          relationship: p.myRelationship,
        })),
      };
    },
  );

  app.post(
    '/api/v1/patients',
    {
      config: { access: 'user' },
      schema: {
        tags: ['patients'],
        summary: 'Add a profile for someone you help, with how they agreed',
        body: newPatientSchema,
        response: { 201: patientOut },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const input = req.body;
      const r = await transact(deps, req, async ({ trx, audit }) => {
        const created = await insertPatientWithMembership(
          trx,
          clock.now().toISOString(),
          user.userId,
          { displayName: input.displayName, dateOfBirth: input.dateOfBirth ?? null, zip: input.zip ?? null, selfUserId: null },
          { role: input.role, relationship: input.relationship, consentMethod: input.consentMethod, consentNote: input.consentNote ?? null },
        );
        await audit({ action: 'patient.create', patientId: created.patientId, objectType: 'patient', objectId: created.patientId });
        await audit({ action: 'consent.record', patientId: created.patientId, objectType: 'membership', objectId: created.membershipId });
        return created;
      });
      return reply.code(201).send({
        id: r.patientId,
        displayName: input.displayName,
        dateOfBirth: input.dateOfBirth ?? null,
        zip: input.zip ?? null,
        isSelf: false,
        role: input.role,
        relationship: input.relationship,
      });
    },
  );

  app.get(
    '/api/v1/patients/:patientId',
    {
      config: { access: 'patient' },
      schema: { tags: ['patients'], summary: 'One patient', params: z.object({ patientId: idParam }), response: { 200: patientOut } },
    },
    async (req) => {
      const user = requireUser(req);
      const { patientId } = req.params;
      return transact(deps, req, async ({ trx, audit }) => {
        await requirePatientAccess(trx, req.actor, patientId, 'view');
        const p = (await listPatientsForUser(trx, user.userId)).find((x) => x.id === patientId);
        if (!p) throw notFound();
        await audit({ action: 'patient.view', patientId, objectType: 'patient', objectId: patientId });
        return { id: p.id, displayName: p.displayName, dateOfBirth: p.dateOfBirth, zip: p.zip, isSelf: p.isSelf, role: p.myRole, relationship: p.myRelationship };
      });
    },
  );

  app.get(
    '/api/v1/audit',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['audit'],
        summary: 'Who has seen or changed a patient’s information, newest first',
        querystring: z.object({ patientId: idParam, before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ entries: z.array(auditOut), nextBefore: z.number().nullable() }) },
      },
    },
    async (req) => {
      const { patientId, before, limit } = req.query;
      const entries = await transact(deps, req, async ({ trx, audit }) => {
        await requirePatientAccess(trx, req.actor, patientId, 'viewAudit');
        const list = await listAuditForPatient(trx, patientId, { limit: limit + 1, beforeSeq: before });
        await audit({ action: 'audit.view', patientId, objectType: 'patient', objectId: patientId });
        return list;
      });
      const more = entries.length > limit;
      const page = entries.slice(0, limit);
      return {
        entries: page.map((e) => ({
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
        nextBefore: more ? page[page.length - 1]!.seq : null,
      };
    },
  );
};
