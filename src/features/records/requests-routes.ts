import { h } from 'preact';
import type { Queryable } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, json, page, redirect } from '../../platform/http/case-route.ts';
import { checkedValues, parseWith } from '../../platform/http/context.ts';
import { formatDate } from '../../platform/ui/components.tsx';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { etagOf, formVersion, ifMatchVersion } from '../../platform/versions.ts';
import { LetterPage } from './letter-views.tsx';
import { buildLetter, type RecordRequest, requestSchema, trackingSchema } from './requests.ts';
import * as act from './requests-actions.ts';
import { presentRequest, requestApi } from './requests-api.ts';
import { letterOutcome, type StepPage, stepAnswer, trackedPage } from './requests-common-routes.ts';
import { requestCaseId } from './requests-store.ts';
import { RequestForm, RequestPage, requestHref } from './requests-views.tsx';

// Thin adapters over the records requests actions (ADR 0014, 0148): pages that work
// without JavaScript, and the JSON API. Each request runs in one transaction.

export function registerRequestRoutes(app: App, deps: Deps, ui: UiKit): void {
  const r = caseRoutes(app, deps, ui);
  // API routes named by the request's id find its case in the same transaction.
  const one = { caseOf: (db: Queryable, p: Record<string, string>) => requestCaseId(db, p.requestId ?? '') };

  // ---------- pages ----------

  const newPage = async (s: CaseScope, form: FormState | null, status = 200) => {
    const { choices, needed } = await act.newRequestForm(s);
    const f = form ?? emptyForm({ format: 'electronic', delivery: 'me', recordsWanted: needed.join(',') });
    return page((ctx) => h(RequestForm, { ctx, c: s.c, form: f, choices }), status);
  };

  r.casePage('GET', '/cases/:caseId/records/requests/new', { can: 'edit' }, (s) => newPage(s, null));

  r.casePage('POST', '/cases/:caseId/records/requests/new', { can: 'edit' }, async (s, { form }) => {
    // Checkbox values come as a list; the form shows them again as one comma-separated value.
    const wanted = checkedValues(s.req.body, 'recordsWanted');
    const values = { ...form, recordsWanted: wanted.join(',') };
    const parsed = parseWith(requestSchema, { ...values, recordsWanted: wanted });
    if (!parsed.ok) return newPage(s, { values, errors: parsed.errors }, 400);
    const made = await act.createRequest(s, parsed.data);
    return redirect(requestHref(s.caseId, made.id), 'records.requests.created');
  });

  /** A request's page: as read, or again after a refused or stale step (see trackedPage). */
  const detail =
    (s: CaseScope, id: string): StepPage =>
    async (forms = {}, status = 200, stale) => {
      const req = await act.requestOf(s, id, 'view');
      return page((ctx) => h(RequestPage, { ctx, c: s.c, r: req, today: s.today, forms, stale }), status);
    };

  r.casePage('GET', '/cases/:caseId/records/requests/:requestId', { can: 'view' }, (s, { params }) =>
    detail(s, params.requestId!)(),
  );

  r.casePage('POST', '/cases/:caseId/records/requests/:requestId', { can: 'edit' }, async (s, { params, form }) => {
    const id = params.requestId!;
    const action = String(form.action ?? '');
    // A refused step's message sits under the field the person can fix.
    const field = action === 'extension' ? 'reason' : `${action}On`;
    return trackedPage(form, action, parseWith(trackingSchema, form), (k) => (k === 'action' ? field : k), {
      track: (input) => act.trackRequest(s, id, input, formVersion(form), 'answer'),
      done: (saved, input) => redirect(requestHref(s.caseId, id), act.trackedDone(saved, input.action)),
      again: detail(s, id),
    });
  });

  const letter = async (s: CaseScope, id: string, pdf: boolean) => {
    const req = await act.requestOf(s, id, 'letter');
    const build = (t: CaseScope['t'], day: (iso: string) => string) => buildLetter(t, s.c, req, s.today, day);
    if (pdf) return letterOutcome(build, s.t, 'records.letter.subject', 'records-request.pdf');
    const href = requestHref(s.caseId, id);
    return page((ctx) =>
      h(LetterPage, {
        ctx,
        c: s.c,
        letter: build(ctx.t, (iso) => formatDate(ctx, iso)),
        href,
        name: req.providerName,
        title: 'records.letter.title',
        printHelp: 'records.letter.printHelp',
      }),
    );
  };

  r.casePage('GET', '/cases/:caseId/records/requests/:requestId/letter', { can: 'view' }, (s, { params }) =>
    letter(s, params.requestId!, false),
  );
  r.casePage('GET', '/cases/:caseId/records/requests/:requestId/letter.pdf', { can: 'view' }, (s, { params }) =>
    letter(s, params.requestId!, true),
  );

  // ---------- API ----------

  const answer = (s: CaseScope, req: RecordRequest, status = 200) =>
    json(presentRequest(req, s.today), status, { ETag: etagOf(req.version) });
  const list = '/api/v1/cases/:caseId/record-requests';

  r.caseApi('GET', list, { can: 'view', schema: requestApi.list }, async (s) => ({
    requests: (await act.listCaseRequests(s)).map((x) => presentRequest(x, s.today)),
  }));
  r.caseApi('POST', list, { can: 'edit', schema: requestApi.create }, async (s, { body }) =>
    answer(s, await act.createRequest(s, body), 201),
  );
  r.caseApi(
    'GET',
    '/api/v1/record-requests/:requestId',
    { ...one, can: 'view', schema: requestApi.one },
    async (s, { params }) => answer(s, await act.requestOf(s, params.requestId)),
  );
  r.caseApi(
    'PATCH',
    '/api/v1/record-requests/:requestId',
    { ...one, can: 'edit', schema: requestApi.track },
    async (s, { params, body }) =>
      answer(s, stepAnswer(await act.trackRequest(s, params.requestId, body, ifMatchVersion(s.req), 'throw'))),
  );
  r.caseApi(
    'GET',
    '/api/v1/record-requests/:requestId/letter.pdf',
    { ...one, can: 'view', schema: requestApi.pdf },
    (s, { params }) => letter(s, params.requestId, true),
  );
}
