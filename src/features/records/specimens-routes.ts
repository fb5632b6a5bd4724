import { h } from 'preact';
import type { Queryable } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { formatDate } from '../../platform/ui/components.tsx';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { etagOf, formVersion, ifMatchVersion } from '../../platform/versions.ts';
import { LetterPage } from './letter-views.tsx';
import { presentSpecimenRequest, specimenApi } from './requests-api.ts';
import { letterOutcome, type StepPage, stepAnswer, trackedPage } from './requests-common-routes.ts';
import {
  buildSpecimenLetter,
  SHIPMENT_STEPS,
  type ShipmentStep,
  type SpecimenRequest,
  specimenRowErrors,
  specimenRowsFromForm,
  specimenSchema,
  specimenTrackingSchema,
} from './specimens.ts';
import * as act from './specimens-actions.ts';
import { specimenRequestCaseId } from './specimens-store.ts';
import { SpecimenForm, SpecimenPage, specimenHref, stepDateField } from './specimens-views.tsx';

// Thin adapters over the specimen request actions (ADR 0014, 0149): pages that work without
// JavaScript, and the JSON API. Each request runs in one transaction.

export function registerSpecimenRoutes(app: App, deps: Deps, ui: UiKit): void {
  const r = caseRoutes(app, deps, ui);
  // API routes named by the request's id find its case in the same transaction.
  const one = {
    caseOf: (db: Queryable, p: Record<string, string>) => specimenRequestCaseId(db, p.specimenRequestId ?? ''),
  };

  // ---------- pages ----------

  const newPage = async (s: CaseScope, form: FormState | null, status = 200) => {
    await act.newSpecimenForm(s);
    const f = form ?? emptyForm({ 'specimens.0.kind': 'stained_slides' });
    return page((ctx) => h(SpecimenForm, { ctx, c: s.c, form: f }), status);
  };

  r.casePage('GET', '/cases/:caseId/records/specimens/new', { can: 'edit' }, (s) => newPage(s, null));

  r.casePage('POST', '/cases/:caseId/records/specimens/new', { can: 'edit' }, async (s, { form }) => {
    const parsed = parseWith(specimenSchema, { ...form, specimens: specimenRowsFromForm(form) });
    if (!parsed.ok) return newPage(s, { values: form, errors: specimenRowErrors(parsed.errors, form) }, 400);
    const made = await act.createSpecimenRequest(s, parsed.data);
    return redirect(specimenHref(s.caseId, made.id), 'records.specimens.created');
  });

  /** A request's page: as read, or again after a refused or stale step (see trackedPage). */
  const detail =
    (s: CaseScope, id: string): StepPage =>
    async (forms = {}, status = 200, stale) => {
      const req = await act.specimenRequestOf(s, id, 'view');
      return page((ctx) => h(SpecimenPage, { ctx, c: s.c, r: req, forms, stale }), status);
    };

  r.casePage('GET', '/cases/:caseId/records/specimens/:specimenRequestId', { can: 'view' }, (s, { params }) =>
    detail(s, params.specimenRequestId!)(),
  );

  r.casePage(
    'POST',
    '/cases/:caseId/records/specimens/:specimenRequestId',
    { can: 'edit' },
    async (s, { params, form }) => {
      const id = params.specimenRequestId!;
      const action = String(form.action ?? '');
      // Each step's form names its date field after the step; the schema reads "on".
      const step = (SHIPMENT_STEPS as readonly string[]).includes(action) ? (action as ShipmentStep) : null;
      const dateField = step ? stepDateField(step) : 'on';
      const place = (k: string) =>
        k === 'on' ? dateField : k === 'action' ? (action === 'undo' ? '_form' : dateField) : k;
      return trackedPage(form, action, parseWith(specimenTrackingSchema, { ...form, on: form[dateField] }), place, {
        track: (input) => act.trackSpecimenRequest(s, id, input, formVersion(form), 'answer'),
        done: (_saved, input) => redirect(specimenHref(s.caseId, id), act.SPECIMEN_DONE[input.action]),
        again: detail(s, id),
      });
    },
  );

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
  r.casePage(
    'GET',
    '/cases/:caseId/records/specimens/:specimenRequestId/letter.pdf',
    { can: 'view' },
    (s, { params }) => letter(s, params.specimenRequestId!, true),
  );

  // ---------- API ----------

  const answer = (req: SpecimenRequest, status = 200) =>
    json(presentSpecimenRequest(req), status, { ETag: etagOf(req.version) });
  const list = '/api/v1/cases/:caseId/specimen-requests';
  const oneUrl = '/api/v1/specimen-requests/:specimenRequestId';

  r.caseApi('GET', list, { can: 'view', schema: specimenApi.list }, async (s) => ({
    specimenRequests: (await act.listCaseSpecimenRequests(s)).map(presentSpecimenRequest),
  }));
  r.caseApi('POST', list, { can: 'edit', schema: specimenApi.create }, async (s, { body }) =>
    answer(await act.createSpecimenRequest(s, body), 201),
  );
  r.caseApi('GET', oneUrl, { ...one, can: 'view', schema: specimenApi.one }, async (s, { params }) =>
    answer(await act.specimenRequestOf(s, params.specimenRequestId)),
  );
  r.caseApi('PATCH', oneUrl, { ...one, can: 'edit', schema: specimenApi.track }, async (s, { params, body }) => {
    const expected = ifMatchVersion(s.req);
    return answer(stepAnswer(await act.trackSpecimenRequest(s, params.specimenRequestId, body, expected, 'throw')));
  });
  r.caseApi('GET', `${oneUrl}/letter.pdf`, { ...one, can: 'view', schema: specimenApi.pdf }, (s, { params }) =>
    letter(s, params.specimenRequestId, true),
  );
}
