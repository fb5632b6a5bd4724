import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { checklistFor, checklistTextKey, isSpecimenItem } from '../../content/records.ts';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { type CaseContext, loadCaseContext } from '../../platform/case-context.ts';
import { isoDate } from '../../platform/clock.ts';
import type { Tx } from '../../platform/db/database.ts';
import { type Deps, transact } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { formValues, parseWith, sendPage, setFlash, checkedValues } from '../../platform/http/context.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { formatDate } from '../../platform/ui/components.tsx';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { suggestCaseKind } from './checklist.ts';
import { getChecklistKind, getStatuses, markItemsRequested } from './checklist-store.ts';
import {
  buildLetter,
  checkTracking,
  dueDate,
  followUpDate,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  type RecordRequest,
  requestSchema,
  requestStatus,
  runsLegalClock,
  type TrackingInput,
  trackingSchema,
} from './requests.ts';
import { letterPdf } from './requests-pdf.ts';
import { getRequest, insertRequest, listRequests, markReceived, markSent, recordExtension, updateNotes } from './requests-store.ts';
import { LetterPage, RequestForm, RequestPage } from './requests-views.tsx';

const t = translator('en');

const requestOut = z.object({
  id: z.string(),
  caseId: z.string(),
  providerName: z.string(),
  providerAddress: z.string().nullable(),
  providerContact: z.string().nullable(),
  recordsWanted: z.array(z.string()),
  recordsOther: z.string().nullable(),
  dateFrom: z.string().nullable(),
  dateTo: z.string().nullable(),
  format: z.string(),
  delivery: z.string(),
  recipientName: z.string().nullable(),
  recipientAddress: z.string().nullable(),
  /** 'access': HIPAA right of access (30-day clock); 'authorization': paper copies to someone else (no legal clock). */
  kind: z.enum(REQUEST_KINDS),
  status: z.enum(REQUEST_STATUSES),
  sentOn: z.string().nullable(),
  /** The legal due date (right of access only). */
  dueOn: z.string().nullable(),
  /** When to check on an authorization (a reminder, not a legal deadline). */
  followUpOn: z.string().nullable(),
  extensionReason: z.string().nullable(),
  extendedDueOn: z.string().nullable(),
  receivedOn: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  letterPdfUrl: z.string(),
});

export function registerRequestRoutes(app: App, deps: Deps, ui: UiKit): void {
  const { clock, config } = deps;
  const page = ui.page;
  const today = () => isoDate(clock.now());

  const present = (r: RecordRequest) => ({
    id: r.id,
    caseId: r.caseId,
    providerName: r.providerName,
    providerAddress: r.providerAddress,
    providerContact: r.providerContact,
    recordsWanted: r.recordsWanted,
    recordsOther: r.recordsOther,
    dateFrom: r.dateFrom,
    dateTo: r.dateTo,
    format: r.format,
    delivery: r.delivery,
    recipientName: r.recipientName,
    recipientAddress: r.recipientAddress,
    kind: r.kind,
    status: requestStatus(r, today()),
    sentOn: r.sentOn,
    dueOn: dueDate(r),
    followUpOn: followUpDate(r),
    extensionReason: r.extensionReason,
    extendedDueOn: r.extendedDueOn,
    receivedOn: r.receivedOn,
    notes: r.notes,
    createdAt: r.createdAt,
    letterPdfUrl: `/api/v1/record-requests/${r.id}/letter.pdf`,
  });

  async function loadRequest(trx: Tx, req: FastifyRequest, requestId: string, action: 'view' | 'edit', caseId?: string) {
    const r = await getRequest(trx, requestId);
    if (!r || (caseId !== undefined && r.caseId !== caseId)) throw notFound();
    const access = await requireCaseAccess(trx, req.actor, r.caseId, action);
    return { r, access };
  }

  /** The checklist items to offer: the case's own checklist, or the suggested one. */
  async function wantedChoices(trx: Tx, c: CaseContext) {
    const kind = (await getChecklistKind(trx, c.id)) ?? suggestCaseKind(c);
    // Slides and blocks are specimens, asked for with a specimen request, never in this letter.
    const items = checklistFor(kind).filter((i) => !isSpecimenItem(i.key));
    return { kind, choices: items.map((i) => ({ value: i.key, label: t(checklistTextKey(i.key)) })) };
  }

  /** Applies one tracking step in the caller's transaction; throws a plain-words error if the law or the state does not allow it. */
  async function track(trx: Tx, r: RecordRequest, input: TrackingInput, userId: string) {
    const problem = checkTracking(r, input.action);
    if (problem) throw invalid({ action: problem }, problem);
    const now = clock.now().toISOString();
    const legalClock = runsLegalClock(r.kind);
    const title = t(legalClock ? 'records.requests.taskTitle' : 'records.requests.followUpTaskTitle', { provider: r.providerName });
    switch (input.action) {
      case 'sent':
        await markSent(trx, r, input.sentOn ?? today(), now, userId, title);
        await markItemsRequested(trx, r.caseId, r.recordsWanted.filter((k) => !isSpecimenItem(k)), userId, now);
        return legalClock ? ('records.requests.track.sentDone' as const) : ('records.requests.track.sentDoneFollowUp' as const);
      case 'extension':
        await recordExtension(trx, r, input.reason, now, userId, title);
        return 'records.requests.track.extensionDone' as const;
      case 'received':
        await markReceived(trx, r, input.receivedOn ?? today(), now);
        return 'records.requests.track.receivedDone' as const;
      case 'notes':
        await updateNotes(trx, r.id, input.notes ?? null, now);
        return 'form.saved' as const;
    }
  }

  // ---------- pages ----------

  const newPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const c = await loadCaseContext(trx, caseId);
      const { kind, choices } = await wantedChoices(trx, c);
      const statuses = await getStatuses(trx, caseId);
      await audit({ action: 'records.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      // By default, ask for what is still needed.
      const needed = checklistFor(kind)
        .map((i) => i.key)
        .filter((k) => !isSpecimenItem(k))
        .filter((k) => (statuses.get(k) ?? 'needed') === 'needed');
      return { c, choices, needed };
    });
    const f = form ?? emptyForm({ format: 'electronic', delivery: 'me', recordsWanted: data.needed.join(',') });
    return sendPage(reply, h(RequestForm, { ctx: page(req), c: data.c, form: f, choices: data.choices }), status);
  };

  app.get('/cases/:caseId/records/requests/new', { config: { access: 'patient' } }, async (req, reply) =>
    newPage(req, reply, (req.params as { caseId: string }).caseId, null),
  );

  app.post('/cases/:caseId/records/requests/new', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    await transact(deps, req, ({ trx }) => requireCaseAccess(trx, req.actor, caseId, 'edit'));
    const values = formValues(req.body as Record<string, unknown>);
    const wanted = checkedValues(req.body, 'recordsWanted');
    values.recordsWanted = wanted.join(',');
    const parsed = parseWith(requestSchema, { ...values, recordsWanted: wanted });
    if (!parsed.ok) return newPage(req, reply, caseId, { values, errors: parsed.errors }, 400);
    const id = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const rid = await insertRequest(trx, clock.now().toISOString(), access.userId, caseId, access.patientId, parsed.data);
      await audit({ action: 'record_request.create', patientId: access.patientId, objectType: 'record_request', objectId: rid });
      return rid;
    });
    setFlash(reply, 'records.requests.created', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/records/requests/${id}`, 303);
  });

  const requestPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, requestId: string, forms: Record<string, FormState>, status = 200) => {
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const { r, access } = await loadRequest(trx, req, requestId, 'view', caseId);
      const c = await loadCaseContext(trx, caseId);
      await audit({ action: 'record_request.view', patientId: access.patientId, objectType: 'record_request', objectId: r.id });
      return { r, c };
    });
    return sendPage(reply, h(RequestPage, { ctx: page(req), ...data, today: today(), forms }), status);
  };

  app.get('/cases/:caseId/records/requests/:requestId', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, requestId } = req.params as { caseId: string; requestId: string };
    return requestPage(req, reply, caseId, requestId, {});
  });

  app.post('/cases/:caseId/records/requests/:requestId', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, requestId } = req.params as { caseId: string; requestId: string };
    await transact(deps, req, ({ trx }) => loadRequest(trx, req, requestId, 'edit', caseId));
    const values = formValues(req.body as Record<string, unknown>);
    const action = String(values.action ?? '');
    const parsed = parseWith(trackingSchema, values);
    if (!parsed.ok) return requestPage(req, reply, caseId, requestId, { [action]: { values, errors: parsed.errors } }, 400);
    try {
      const done = await transact(deps, req, async ({ trx, audit }) => {
        const { r, access } = await loadRequest(trx, req, requestId, 'edit', caseId);
        const key = await track(trx, r, parsed.data, access.userId);
        await audit({ action: `record_request.${parsed.data.action}`, patientId: access.patientId, objectType: 'record_request', objectId: r.id });
        return key;
      });
      setFlash(reply, done, config.secureCookies);
      return reply.redirect(`/cases/${caseId}/records/requests/${requestId}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 400 && err.fields?.action) {
        return requestPage(req, reply, caseId, requestId, { [action]: { values, errors: { [action === 'extension' ? 'reason' : `${action}On`]: err.fields.action } } }, 400);
      }
      throw err;
    }
  });

  const letterFor = async (req: FastifyRequest, requestId: string, caseId?: string) =>
    transact(deps, req, async ({ trx, audit }) => {
      const { r, access } = await loadRequest(trx, req, requestId, 'view', caseId);
      const c = await loadCaseContext(trx, r.caseId);
      await audit({ action: 'record_request.letter', patientId: access.patientId, objectType: 'record_request', objectId: r.id });
      const ctx = page(req);
      return { r, c, letter: buildLetter(ctx.t, c, r, today(), (iso) => formatDate(ctx, iso)) };
    });

  app.get('/cases/:caseId/records/requests/:requestId/letter', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, requestId } = req.params as { caseId: string; requestId: string };
    const data = await letterFor(req, requestId, caseId);
    return sendPage(reply, h(LetterPage, { ctx: page(req), ...data }));
  });

  const sendPdf = async (req: FastifyRequest, reply: FastifyReply, requestId: string, caseId?: string) => {
    const { letter } = await letterFor(req, requestId, caseId);
    const pdf = await letterPdf(letter, { title: t('records.letter.subject') });
    return reply
      .header('Content-Type', 'application/pdf')
      .header('Content-Disposition', 'attachment; filename="records-request.pdf"')
      .header('Cache-Control', 'no-store')
      .send(pdf);
  };

  app.get('/cases/:caseId/records/requests/:requestId/letter.pdf', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, requestId } = req.params as { caseId: string; requestId: string };
    return sendPdf(req, reply, requestId, caseId);
  });

  // ---------- API ----------

  app.get(
    '/api/v1/cases/:caseId/record-requests',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['records'],
        summary: 'Records requests of a case: right-of-access requests with their 30-day clocks, and authorizations with their follow-up dates',
        params: z.object({ caseId: idParam }),
        response: { 200: z.object({ requests: z.array(requestOut) }) },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      const list = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        await audit({ action: 'record_request.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return listRequests(trx, caseId);
      });
      return { requests: list.map(present) };
    },
  );

  app.post(
    '/api/v1/cases/:caseId/record-requests',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['records'],
        summary:
          'Write a records request. Copies for the patient, or electronic copies to someone else: HIPAA right of access (45 CFR 164.524, 30-day clock). Paper copies to someone else: a HIPAA authorization (45 CFR 164.508, no legal clock). Slides and blocks are refused: use specimen-requests',
        params: z.object({ caseId: idParam }),
        body: requestSchema,
        response: { 201: requestOut },
      },
    },
    async (req, reply) => {
      const { caseId } = req.params;
      const r = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const id = await insertRequest(trx, clock.now().toISOString(), access.userId, caseId, access.patientId, req.body);
        await audit({ action: 'record_request.create', patientId: access.patientId, objectType: 'record_request', objectId: id });
        return (await getRequest(trx, id))!;
      });
      return reply.code(201).send(present(r));
    },
  );

  app.get(
    '/api/v1/record-requests/:requestId',
    {
      config: { access: 'patient' },
      schema: { tags: ['records'], summary: 'One records request', params: z.object({ requestId: idParam }), response: { 200: requestOut } },
    },
    async (req) => {
      const r = await transact(deps, req, async ({ trx, audit }) => {
        const { r, access } = await loadRequest(trx, req, req.params.requestId, 'view');
        await audit({ action: 'record_request.view', patientId: access.patientId, objectType: 'record_request', objectId: r.id });
        return r;
      });
      return present(r);
    },
  );

  app.patch(
    '/api/v1/record-requests/:requestId',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['records'],
        summary:
          'Track a request: {action:"sent",sentOn}, {action:"extension",reason} (right of access only; once, +30 days), {action:"received",receivedOn}, {action:"notes",notes}',
        params: z.object({ requestId: idParam }),
        body: trackingSchema,
        response: { 200: requestOut },
      },
    },
    async (req) => {
      const r = await transact(deps, req, async ({ trx, audit }) => {
        const { r, access } = await loadRequest(trx, req, req.params.requestId, 'edit');
        await track(trx, r, req.body, access.userId);
        await audit({ action: `record_request.${req.body.action}`, patientId: access.patientId, objectType: 'record_request', objectId: r.id });
        return (await getRequest(trx, r.id))!;
      });
      return present(r);
    },
  );

  app.get(
    '/api/v1/record-requests/:requestId/letter.pdf',
    { config: { access: 'patient' }, schema: { tags: ['records'], summary: 'The request letter as a PDF', params: z.object({ requestId: idParam }) } },
    async (req, reply) => sendPdf(req, reply, req.params.requestId),
  );
}

