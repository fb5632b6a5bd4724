import { h } from 'preact';
import { z } from 'zod';
import type { Queryable } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { formatDate } from '../../platform/ui/components.tsx';
import { emptyForm, type FieldErrors, type FormState, type FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { etagOf, formVersion, ifMatchVersion } from '../../platform/versions.ts';
import { LetterPage } from './letter-views.tsx';
import { presentSpecimenRequest, specimenOut } from './requests-api.ts';
import { letterOutcome, stepAnswer, trackedPage } from './requests-common-routes.ts';
import {
  buildSpecimenLetter,
  SHIPMENT_STEPS,
  type ShipmentStep,
  type SpecimenRequest,
  specimenRowsFromForm,
  specimenSchema,
  specimenTrackingSchema,
} from './specimens.ts';
import * as act from './specimens-actions.ts';
import { specimenRequestCaseId } from './specimens-store.ts';
import { SpecimenForm, specimenHref, SpecimenPage, stepDateField } from './specimens-views.tsx';

// Thin adapters over the specimen request actions (ADR 0014, 0149): pages that work without
// JavaScript, and the JSON API. Each request runs in one transaction.

export function registerSpecimenRoutes(app: App, deps: Deps, ui: UiKit): void {
  const r = caseRoutes(app, deps, ui);
  // API routes named by the request's id find its case in the same transaction.
  const one = { caseOf: (db: Queryable, p: Record<string, string>) => specimenRequestCaseId(db, p.specimenRequestId ?? '') };

  // ---------- pages ----------

  const newPage = async (s: CaseScope, form: FormState | null, status = 200) => {
    await act.newSpecimenForm(s);
    const f = form ?? emptyForm({ 'specimens.0.kind': 'stained_slides' });
    return page((ctx) => h(SpecimenForm, { ctx, c: s.c, form: f }), status);
  };

  r.casePage('GET', '/cases/:caseId/records/specimens/new', { can: 'edit' }, (s) => newPage(s, null));

  r.casePage('POST', '/cases/:caseId/records/specimens/new', { can: 'edit' }, async (s, { form }) => {
    const parsed = parseWith(specimenSchema, { ...form, specimens: specimenRowsFromForm(form) });
    if (!parsed.ok) return newPage(s, { values: form, errors: rowErrors(parsed.errors, form) }, 400);
    const made = await act.createSpecimenRequest(s, parsed.data);
    return redirect(specimenHref(s.caseId, made.id), 'records.specimens.created');
  });

  const detail = async (s: CaseScope, id: string, forms: Record<string, FormState> = {}, status = 200, stale?: string) => {
    const req = await act.specimenRequestOf(s, id, 'view');
    return page((ctx) => h(SpecimenPage, { ctx, c: s.c, r: req, forms, stale }), status);
  };

  r.casePage('GET', '/cases/:caseId/records/specimens/:specimenRequestId', { can: 'view' }, (s, { params }) =>
    detail(s, params.specimenRequestId!),
  );

  r.casePage('POST', '/cases/:caseId/records/specimens/:specimenRequestId', { can: 'edit' }, async (s, { params, form }) => {
    const id = params.specimenRequestId!;
    await act.specimenRequestOf(s, id, null);
    const action = String(form.action ?? '');
    // Each step's form names its date field after the step; the schema reads "on".
    const step = (SHIPMENT_STEPS as readonly string[]).includes(action) ? (action as ShipmentStep) : null;
    const dateField = step ? stepDateField(step) : 'on';
    const place = (k: string) => (k === 'on' ? dateField : k === 'action' ? (action === 'undo' ? '_form' : dateField) : k);
    return trackedPage(form, action, parseWith(specimenTrackingSchema, { ...form, on: form[dateField] }), place, {
      track: (input) => act.trackSpecimenRequest(s, id, input, formVersion(form), 'answer'),
      done: (_saved, input) => redirect(specimenHref(s.caseId, id), act.SPECIMEN_DONE[input.action]),
      again: (forms, status, stale) => detail(s, id, forms, status, stale),
    });
  });

  const letter = async (s: CaseScope, id: string, pdf: boolean) => {
    const req = await act.specimenRequestOf(s, id, 'letter');
    const build = (t: CaseScope['t'], day: (iso: string) => string) => buildSpecimenLetter(t, s.c, req, s.today, day);
    if (pdf) return letterOutcome(build, s.t, 'records.specimens.letter.subject', 'specimen-request.pdf');
    return page((ctx) =>
      h(LetterPage, {
        ctx,
        c: s.c,
        letter: build(ctx.t, (iso) => formatDate(ctx, iso)),
        href: specimenHref(s.caseId, id),
        name: ctx.t('records.specimens.listTitle', { lab: req.labName, recipient: req.recipientName }),
        title: 'records.specimens.letter.title',
        printHelp: 'records.specimens.letter.printHelp',
      }),
    );
  };

  r.casePage('GET', '/cases/:caseId/records/specimens/:specimenRequestId/letter', { can: 'view' }, (s, { params }) =>
    letter(s, params.specimenRequestId!, false),
  );
  r.casePage('GET', '/cases/:caseId/records/specimens/:specimenRequestId/letter.pdf', { can: 'view' }, (s, { params }) =>
    letter(s, params.specimenRequestId!, true),
  );

  // ---------- API ----------

  const tags = ['records'];
  const byId = z.object({ specimenRequestId: idParam });
  const answer = (req: SpecimenRequest, status = 200) => json(presentSpecimenRequest(req), status, { ETag: etagOf(req.version) });

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/specimen-requests',
    {
      can: 'view',
      schema: {
        tags,
        summary: 'Specimen requests of a case (pathology slides and tissue blocks sent between labs), with their shipment steps',
        params: z.object({ caseId: idParam }),
        response: { 200: z.object({ specimenRequests: z.array(specimenOut) }) },
      },
    },
    async (s) => ({ specimenRequests: (await act.listCaseSpecimenRequests(s)).map(presentSpecimenRequest) }),
  );

  r.caseApi(
    'POST',
    '/api/v1/cases/:caseId/specimen-requests',
    {
      can: 'edit',
      schema: {
        tags,
        summary:
          'Write a specimen request: a letter asking a pathology lab to send named slides or blocks to the ' +
          'consulting pathology department',
        params: z.object({ caseId: idParam }),
        body: specimenSchema,
        response: { 201: specimenOut },
      },
    },
    async (s, { body }) => answer(await act.createSpecimenRequest(s, body), 201),
  );

  r.caseApi(
    'GET',
    '/api/v1/specimen-requests/:specimenRequestId',
    {
      ...one,
      can: 'view',
      schema: { tags, summary: 'One specimen request. The ETag header holds its version.', params: byId, response: { 200: specimenOut } },
    },
    async (s, { params }) => answer(await act.specimenRequestOf(s, params.specimenRequestId)),
  );

  r.caseApi(
    'PATCH',
    '/api/v1/specimen-requests/:specimenRequestId',
    {
      ...one,
      can: 'edit',
      schema: {
        tags,
        summary:
          'Track the shipment, forward only: {action:"requested"|"sent"|"received"|"returned", on} ("sent" may add ' +
          'tracking); {action:"undo"} takes back the last step; {action:"notes",notes}. With If-Match, a request ' +
          'changed meanwhile is not changed: 412.',
        params: byId,
        body: specimenTrackingSchema,
        response: { 200: specimenOut },
      },
    },
    async (s, { params, body }) =>
      answer(stepAnswer(await act.trackSpecimenRequest(s, params.specimenRequestId, body, ifMatchVersion(s.req), 'throw'))),
  );

  r.caseApi(
    'GET',
    '/api/v1/specimen-requests/:specimenRequestId/letter.pdf',
    { ...one, can: 'view', schema: { tags, summary: 'The specimen request letter as a PDF', params: byId, response: {} } },
    (s, { params }) => letter(s, params.specimenRequestId, true),
  );
}

/**
 * Zod names a row by its place in the list of filled rows; the page names it by its place
 * on the form. Maps "specimens.<n>.field" back to the form row, so the message sits under
 * the right box.
 */
function rowErrors(errors: FieldErrors, values: FormValues): Record<string, MessageKey> {
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
