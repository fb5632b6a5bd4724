import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { SPECIMEN_CHECKLIST_KEYS } from '../../content/records.ts';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import { isoDate } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/database.ts';
import { type Deps, transact } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { formValues, parseWith, sendPage, setFlash } from '../../platform/http/context.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { formatDate } from '../../platform/ui/components.tsx';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { getStatuses, markItemsRequested, setStatus } from './checklist-store.ts';
import { statusAfterLink } from './checklist.ts';
import { letterPdf } from './requests-pdf.ts';
import {
  applySpecimenStep,
  buildSpecimenLetter,
  SHIPMENT_STEPS,
  type ShipmentStep,
  checkSpecimenStep,
  SPECIMEN_KINDS,
  SPECIMEN_STATUSES,
  type SpecimenRequest,
  specimenRowsFromForm,
  specimenSchema,
  specimenStatus,
  type SpecimenTrackingInput,
  specimenTrackingSchema,
} from './specimens.ts';
import { getSpecimenRequest, insertSpecimenRequest, listSpecimenRequests, saveShipment, updateSpecimenNotes } from './specimens-store.ts';
import { SpecimenForm, specimenHref, SpecimenLetterPage, SpecimenPage, stepDateField } from './specimens-views.tsx';

// Specimen requests (ADR 0149): pages that work without JavaScript, and the JSON API.
// Every read and write is audited in its transaction, with ids only.

const t = translator('en');

const specimenOut = z.object({
  id: z.string(),
  caseId: z.string(),
  labName: z.string(),
  labAddress: z.string(),
  labContact: z.string().nullable(),
  specimens: z.array(z.object({ accession: z.string(), kind: z.enum(SPECIMEN_KINDS), count: z.number().nullable() })),
  recipientName: z.string(),
  recipientAddress: z.string(),
  recipientContact: z.string().nullable(),
  recipientPhone: z.string().nullable(),
  status: z.enum(SPECIMEN_STATUSES),
  requestedOn: z.string().nullable(),
  sentOn: z.string().nullable(),
  tracking: z.string().nullable(),
  receivedOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  letterPdfUrl: z.string(),
});

const present = (r: SpecimenRequest) => ({
  id: r.id,
  caseId: r.caseId,
  labName: r.labName,
  labAddress: r.labAddress,
  labContact: r.labContact,
  specimens: r.specimens.map((s) => ({ accession: s.accession, kind: s.kind, count: s.count ?? null })),
  recipientName: r.recipientName,
  recipientAddress: r.recipientAddress,
  recipientContact: r.recipientContact,
  recipientPhone: r.recipientPhone,
  status: specimenStatus(r),
  requestedOn: r.requestedOn,
  sentOn: r.sentOn,
  tracking: r.tracking,
  receivedOn: r.receivedOn,
  returnedOn: r.returnedOn,
  notes: r.notes,
  createdAt: r.createdAt,
  letterPdfUrl: `/api/v1/specimen-requests/${r.id}/letter.pdf`,
});

const DONE: Record<SpecimenTrackingInput['action'], MessageKey> = {
  requested: 'records.specimens.track.requestedDone',
  sent: 'records.specimens.track.sentDone',
  received: 'records.specimens.track.receivedDone',
  returned: 'records.specimens.track.returnedDone',
  undo: 'records.specimens.track.undoDone',
  notes: 'form.saved',
};

export function registerSpecimenRoutes(app: App, deps: Deps, ui: UiKit): void {
  const { clock, config } = deps;
  const page = ui.page;
  const today = () => isoDate(clock.now());

  async function load(trx: Tx, req: FastifyRequest, id: string, action: 'view' | 'edit', caseId?: string) {
    const r = await getSpecimenRequest(trx, id);
    if (!r || (caseId !== undefined && r.caseId !== caseId)) throw notFound();
    const access = await requireCaseAccess(trx, req.actor, r.caseId, action);
    return { r, access };
  }

  /** One tracking step in the caller's transaction; a step the rules refuse changes nothing. */
  async function track(trx: Tx, r: SpecimenRequest, input: SpecimenTrackingInput, userId: string): Promise<SpecimenRequest> {
    const now = clock.now().toISOString();
    if (input.action === 'notes') {
      await updateSpecimenNotes(trx, r.id, input.notes ?? null, now);
      return { ...r, notes: input.notes ?? null };
    }
    const on = input.action === 'undo' ? undefined : (input.on ?? today());
    const problem = checkSpecimenStep(r, input.action, on);
    if (problem) throw invalid({ action: problem }, problem);
    const updated = await saveShipment(trx, r, applySpecimenStep(r, input, today()), now, userId, t);
    // The records checklist follows the package forward (never back): asked for, then received.
    if (input.action === 'requested') await markItemsRequested(trx, r.caseId, [...SPECIMEN_CHECKLIST_KEYS], userId, now);
    if (input.action === 'received') {
      const current = await getStatuses(trx, r.caseId);
      for (const key of SPECIMEN_CHECKLIST_KEYS) {
        const before = current.get(key) ?? 'needed';
        const after = statusAfterLink(before);
        if (after !== before) await setStatus(trx, r.caseId, key, after, userId, now);
      }
    }
    return updated;
  }

  // ---------- pages ----------

  const newPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
    const c = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      await audit({ action: 'records.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return loadCaseContext(trx, caseId);
    });
    return sendPage(reply, h(SpecimenForm, { ctx: page(req), c, form: form ?? emptyForm({ 'specimens.0.kind': 'stained_slides' }) }), status);
  };

  app.get('/cases/:caseId/records/specimens/new', { config: { access: 'patient' } }, async (req, reply) =>
    newPage(req, reply, (req.params as { caseId: string }).caseId, null),
  );

  app.post('/cases/:caseId/records/specimens/new', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    await transact(deps, req, ({ trx }) => requireCaseAccess(trx, req.actor, caseId, 'edit'));
    const values = formValues(req.body as Record<string, unknown>);
    const parsed = parseWith(specimenSchema, { ...values, specimens: specimenRowsFromForm(values) });
    if (!parsed.ok) return newPage(req, reply, caseId, { values, errors: rowErrors(parsed.errors, values) }, 400);
    const id = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const sid = await insertSpecimenRequest(trx, clock.now().toISOString(), access.userId, caseId, access.patientId, parsed.data);
      await audit({ action: 'specimen_request.create', patientId: access.patientId, objectType: 'specimen_request', objectId: sid });
      return sid;
    });
    setFlash(reply, 'records.specimens.created', config.secureCookies);
    return reply.redirect(specimenHref(caseId, id), 303);
  });

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, id: string, forms: Record<string, FormState>, status = 200) => {
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const { r, access } = await load(trx, req, id, 'view', caseId);
      await audit({ action: 'specimen_request.view', patientId: access.patientId, objectType: 'specimen_request', objectId: r.id });
      return { r, c: await loadCaseContext(trx, caseId) };
    });
    return sendPage(reply, h(SpecimenPage, { ctx: page(req), ...data, forms }), status);
  };

  app.get('/cases/:caseId/records/specimens/:specimenRequestId', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, specimenRequestId } = req.params as { caseId: string; specimenRequestId: string };
    return detailPage(req, reply, caseId, specimenRequestId, {});
  });

  app.post('/cases/:caseId/records/specimens/:specimenRequestId', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, specimenRequestId } = req.params as { caseId: string; specimenRequestId: string };
    await transact(deps, req, ({ trx }) => load(trx, req, specimenRequestId, 'edit', caseId));
    const values = formValues(req.body as Record<string, unknown>);
    const action = String(values.action ?? '');
    // Each step's form names its date field after the step; the schema reads "on".
    const step = (SHIPMENT_STEPS as readonly string[]).includes(action) ? (action as ShipmentStep) : null;
    const dateField = step ? stepDateField(step) : 'on';
    const parsed = parseWith(specimenTrackingSchema, { ...values, on: values[dateField] });
    const onPage = (errors: Record<string, MessageKey>) =>
      Object.fromEntries(Object.entries(errors).map(([k, v]) => [k === 'on' ? dateField : k, v])) as Record<string, MessageKey>;
    if (!parsed.ok) return detailPage(req, reply, caseId, specimenRequestId, { [action]: { values, errors: onPage(parsed.errors) } }, 400);
    try {
      await transact(deps, req, async ({ trx, audit }) => {
        const { r, access } = await load(trx, req, specimenRequestId, 'edit', caseId);
        await track(trx, r, parsed.data, access.userId);
        await audit({ action: `specimen_request.${parsed.data.action}`, patientId: access.patientId, objectType: 'specimen_request', objectId: r.id });
      });
      setFlash(reply, DONE[parsed.data.action], config.secureCookies);
      return reply.redirect(specimenHref(caseId, specimenRequestId), 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 400 && err.fields?.action) {
        const field = action === 'undo' ? '_form' : dateField;
        return detailPage(req, reply, caseId, specimenRequestId, { [action]: { values, errors: { [field]: err.fields.action } } }, 400);
      }
      throw err;
    }
  });

  const letterFor = (req: FastifyRequest, id: string, caseId?: string) =>
    transact(deps, req, async ({ trx, audit }) => {
      const { r, access } = await load(trx, req, id, 'view', caseId);
      const c = await loadCaseContext(trx, r.caseId);
      await audit({ action: 'specimen_request.letter', patientId: access.patientId, objectType: 'specimen_request', objectId: r.id });
      const ctx = page(req);
      return { r, c, letter: buildSpecimenLetter(ctx.t, c, r, today(), (iso) => formatDate(ctx, iso)) };
    });

  app.get('/cases/:caseId/records/specimens/:specimenRequestId/letter', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, specimenRequestId } = req.params as { caseId: string; specimenRequestId: string };
    return sendPage(reply, h(SpecimenLetterPage, { ctx: page(req), ...(await letterFor(req, specimenRequestId, caseId)) }));
  });

  const sendPdf = async (req: FastifyRequest, reply: FastifyReply, id: string, caseId?: string) => {
    const { letter } = await letterFor(req, id, caseId);
    const pdf = await letterPdf(letter, { title: t('records.specimens.letter.subject') });
    return reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', 'attachment; filename="specimen-request.pdf"')
      .header('Cache-Control', 'no-store')
      .send(pdf);
  };

  app.get('/cases/:caseId/records/specimens/:specimenRequestId/letter.pdf', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, specimenRequestId } = req.params as { caseId: string; specimenRequestId: string };
    return sendPdf(req, reply, specimenRequestId, caseId);
  });

  // ---------- API ----------

  app.get(
    '/api/v1/cases/:caseId/specimen-requests',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['records'],
        summary: 'Specimen requests of a case (pathology slides and tissue blocks sent between labs), with their shipment steps',
        params: z.object({ caseId: idParam }),
        response: { 200: z.object({ specimenRequests: z.array(specimenOut) }) },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      const list = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        await audit({ action: 'specimen_request.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return listSpecimenRequests(trx, caseId);
      });
      return { specimenRequests: list.map(present) };
    },
  );

  app.post(
    '/api/v1/cases/:caseId/specimen-requests',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['records'],
        summary: 'Write a specimen request: a letter asking a pathology lab to send named slides or blocks to the consulting pathology department',
        params: z.object({ caseId: idParam }),
        body: specimenSchema,
        response: { 201: specimenOut },
      },
    },
    async (req, reply) => {
      const { caseId } = req.params;
      const r = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const id = await insertSpecimenRequest(trx, clock.now().toISOString(), access.userId, caseId, access.patientId, req.body);
        await audit({ action: 'specimen_request.create', patientId: access.patientId, objectType: 'specimen_request', objectId: id });
        return (await getSpecimenRequest(trx, id))!;
      });
      return reply.code(201).send(present(r));
    },
  );

  app.get(
    '/api/v1/specimen-requests/:specimenRequestId',
    {
      config: { access: 'patient' },
      schema: { tags: ['records'], summary: 'One specimen request', params: z.object({ specimenRequestId: idParam }), response: { 200: specimenOut } },
    },
    async (req) => {
      const r = await transact(deps, req, async ({ trx, audit }) => {
        const { r, access } = await load(trx, req, req.params.specimenRequestId, 'view');
        await audit({ action: 'specimen_request.view', patientId: access.patientId, objectType: 'specimen_request', objectId: r.id });
        return r;
      });
      return present(r);
    },
  );

  app.patch(
    '/api/v1/specimen-requests/:specimenRequestId',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['records'],
        summary:
          'Track the shipment, forward only: {action:"requested"|"sent"|"received"|"returned", on} ("sent" may add tracking); {action:"undo"} takes back the last step; {action:"notes",notes}',
        params: z.object({ specimenRequestId: idParam }),
        body: specimenTrackingSchema,
        response: { 200: specimenOut },
      },
    },
    async (req) => {
      const r = await transact(deps, req, async ({ trx, audit }) => {
        const { r, access } = await load(trx, req, req.params.specimenRequestId, 'edit');
        await track(trx, r, req.body, access.userId);
        await audit({ action: `specimen_request.${req.body.action}`, patientId: access.patientId, objectType: 'specimen_request', objectId: r.id });
        return (await getSpecimenRequest(trx, r.id))!;
      });
      return present(r);
    },
  );

  app.get(
    '/api/v1/specimen-requests/:specimenRequestId/letter.pdf',
    { config: { access: 'patient' }, schema: { tags: ['records'], summary: 'The specimen request letter as a PDF', params: z.object({ specimenRequestId: idParam }) } },
    async (req, reply) => sendPdf(req, reply, req.params.specimenRequestId),
  );
}

/**
 * Zod names a row by its place in the list of filled rows; the page names it by its place
 * on the form. Maps "specimens.<n>.field" back to the form row, so the message sits under
 * the right box.
 */
function rowErrors(errors: Record<string, MessageKey>, values: Record<string, string | undefined>): Record<string, MessageKey> {
  const filled: number[] = [];
  for (let i = 0; i < 20; i++) {
    const keys = ['accession', 'kind', 'count'].map((f) => values[`specimens.${i}.${f}`] ?? '');
    if (keys.some((v) => v.trim() !== '')) filled.push(i);
  }
  const out: Record<string, MessageKey> = {};
  for (const [field, key] of Object.entries(errors)) {
    const m = /^specimens\.(\d+)\.(\w+)$/.exec(field);
    out[m ? `specimens.${filled[Number(m[1])] ?? m[1]}.${m[2]}` : field] = key;
  }
  return out;
}
