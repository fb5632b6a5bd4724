import { h } from 'preact';
import { unwrap } from '../../platform/actions.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { etagOf, formVersion, ifMatchVersion } from '../../platform/versions.ts';
import { type CaseRecord, caseDisplayTitle, caseEditSchema, caseSchema } from './cases.ts';
import * as act from './cases-actions.ts';
import * as api from './cases-api.ts';
import { CasePage, DashboardPage, EditCasePage, NewCasePage } from './cases-views.tsx';

export type {
  DueTasksProvider,
  LinkUsesProvider,
  StepStatusProvider,
  WaitingOpinionCountsProvider,
  WaitingOpinionsProvider,
} from './cases-actions.ts';

// Thin adapters over the cases actions (ADR 0014).

const t = translator('en');
const present = (c: CaseRecord) => ({ ...c, displayTitle: caseDisplayTitle(c, t) });

export function createCasesFeature(providers: act.CaseProviders = {}): FeatureRegistrar {
  return (app, deps, ui) => {
    const r = caseRoutes(app, deps, ui);

    // ---------- pages ----------

    r.userPage('GET', '/dashboard', {}, async (s, { query }) => {
      const archived = query.archived === '1';
      const v = await act.viewDashboard(s, providers, { archived, patientId: query.patientId });
      const today = s.today;
      return page((ctx) =>
        h(DashboardPage, {
          ctx,
          cases: v.cases,
          patients: v.patients,
          filterPatient: v.filter,
          archived,
          due: v.due,
          waiting: v.waiting,
          today,
        }),
      );
    });

    const newCasePage = async (s: Parameters<typeof act.patientOptions>[0], form: FormState, status = 200) => {
      const patients = await act.patientOptions(s);
      if (patients.length === 1 && !form.values.patientId) form.values.patientId = patients[0]!.id;
      return page((ctx) => h(NewCasePage, { ctx, form, patients }), status);
    };

    r.userPage('GET', '/cases/new', {}, (s, { query }) =>
      newCasePage(s, emptyForm({ patientId: query.patientId ?? '' })),
    );

    r.userPage('POST', '/cases/new', {}, async (s, { form: values }) => {
      const parsed = parseWith(caseSchema, values);
      if (!parsed.ok) return newCasePage(s, { values, errors: parsed.errors }, 400);
      const started = await act.startCase(s, parsed.data);
      if (!started.ok) return newCasePage(s, { values, errors: started.errors }, 400);
      return redirect(`/cases/${started.value.id}`, 'cases.new.done');
    });

    r.casePage('GET', '/cases/:caseId', { can: 'view' }, async (s) => {
      const v = await act.viewCase(s, providers, { extras: true });
      return page((ctx) => h(CasePage, { ctx, ...v }));
    });

    const editPage = async (s: CaseScope, form: FormState | null, status = 200, stale?: CaseRecord) => {
      const c = stale ?? (await act.caseForEditing(s));
      return page(
        (ctx) =>
          h(EditCasePage, {
            ctx,
            c,
            form: form ?? emptyForm(act.caseFormValues(c)),
            stale: stale ? act.caseFormValues(stale) : undefined,
          }),
        status,
      );
    };

    r.casePage('GET', '/cases/:caseId/edit', { can: 'edit' }, (s) => editPage(s, null));

    r.casePage('POST', '/cases/:caseId/edit', { can: 'edit' }, async (s, { form: values }) => {
      const parsed = parseWith(caseEditSchema, values);
      if (!parsed.ok) return editPage(s, { values, errors: parsed.errors }, 400);
      // A form without a version (an old page left open) is saved onto what it was made from: the newest.
      const version = formVersion(values) ?? (await act.caseForEditing(s)).version;
      const edited = await act.editCase(s, parsed.data, version);
      if (!edited.saved) {
        // Someone saved meanwhile: show both, keep what this person typed, and let the next save go over the newer version.
        return editPage(
          s,
          { values: { ...values, version: String(edited.current.version) }, errors: {} },
          409,
          edited.current,
        );
      }
      return redirect(`/cases/${s.caseId}`, 'form.saved');
    });

    for (const [path, archived] of [
      ['archive', true],
      ['restore', false],
    ] as const) {
      r.casePage('POST', `/cases/:caseId/${path}`, { can: 'edit' }, async (s) => {
        await act.setArchived(s, archived);
        return redirect(
          archived ? '/dashboard' : `/cases/${s.caseId}`,
          archived ? 'cases.archivedDone' : 'cases.restoredDone',
        );
      });
    }

    // ---------- JSON API ----------

    r.userApi(
      'GET',
      '/api/v1/cases',
      {
        schema: api.ops.getCases,
      },
      async (s, { query }) => ({
        cases: (await act.listCases(s, { archived: query.archived === 'true', patientId: query.patientId })).map(
          present,
        ),
      }),
    );

    r.userApi('POST', '/api/v1/cases', { schema: api.ops.postCases }, async (s, { body }) =>
      json(present(unwrap(await act.startCase(s, body))), 201),
    );

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId',
      {
        can: 'view',
        schema: api.ops.getCase,
      },
      async (s) => {
        const v = await act.viewCase(s, providers, { extras: false });
        return json(
          { ...present(v.c), steps: v.steps.map((x) => ({ n: x.n, slug: x.slug, status: x.status, href: x.href })) },
          200,
          { ETag: etagOf(v.c.version) },
        );
      },
    );

    r.caseApi(
      'PATCH',
      '/api/v1/cases/:caseId',
      {
        can: 'edit',
        schema: api.ops.patchCase,
      },
      async (s, { body }) => {
        const { archived, ...changes } = body;
        const c = unwrap(await act.patchCase(s, changes, archived, ifMatchVersion(s.req)));
        return json(present(c), 200, { ETag: etagOf(c.version) });
      },
    );
  };
}
