import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import { transact } from '../../platform/deps.ts';
import type { App, FeatureRegistrar, UiKit } from '../../platform/http/app.ts';
import { formValues, issuesToFields, parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { registerCompareRoutes } from './compare-routes.ts';
import { registerDecisionRoutes } from './decision-routes.ts';
import {
  codeFieldErrors,
  codeProblems,
  makeKit,
  questionRefErrors,
  type OpinionsKit,
  type OpinionsOptions,
  opinionOut,
  presentOpinion,
} from './opinions-kit.ts';
import {
  comparable,
  errorsToForm,
  formRows,
  makeOpinionSchema,
  OPINION_STATUSES,
  type OpinionRecord,
  opinionFromForm,
  opinionPatchSchema,
  opinionToForm,
  prefillFromCase,
  questionsToForm,
  sortOpinions,
  toInput,
  toStored,
} from './opinions.ts';
import { findOpinion, insertOpinion, listOpinions, setOpinionStatus, updateOpinion } from './opinions-store.ts';
import { OpinionFormPage, OpinionPage, OpinionsPage } from './opinions-views.tsx';

const t = translator('en');

/**
 * Steps 8 and 9 of the journey: each opinion, the comparison, and the decision. The
 * code set, the case's questions and the person's plan type come in as providers from
 * the composition root (src/features/index.ts).
 */
export function createOpinionsFeature(opts: OpinionsOptions): FeatureRegistrar {
  return (app, deps, ui) => {
    const kit = makeKit(deps, opts);
    registerOpinionRoutes(app, kit, ui);
    registerCompareRoutes(app, kit, ui);
    registerDecisionRoutes(app, kit, ui);
  };
}

function registerOpinionRoutes(app: App, kit: OpinionsKit, ui: UiKit): void {
  const { deps } = kit;
  const { clock, config } = deps;
  const schema = makeOpinionSchema(kit.today);
  const firstIdOf = (all: OpinionRecord[]) => sortOpinions(comparable(all))[0]?.id ?? null;

  // ---------- pages ----------

  app.get('/cases/:caseId/opinions', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      const c = await loadCaseContext(trx, caseId);
      const all = await listOpinions(trx, caseId);
      await audit({ action: 'opinion.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, all };
    });
    return sendPage(reply, h(OpinionsPage, { ctx: ui.page(req), c: data.c, opinions: data.all, firstId: firstIdOf(data.all) }));
  });

  interface FormOpts {
    values: FormValues;
    errors: FieldErrors;
    more?: number;
    opinionId?: string;
    prefilled?: boolean;
  }

  const formPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, f: FormOpts | null, status = 200) => {
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const c = await loadCaseContext(trx, caseId);
      const questions = await kit.questions(trx, caseId);
      let existing = null;
      if (f?.opinionId) {
        existing = await findOpinion(trx, caseId, f.opinionId);
        if (!existing) throw notFound();
        await audit({ action: 'opinion.view', patientId: access.patientId, objectType: 'opinion', objectId: existing.id });
      } else {
        await audit({ action: 'case.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      }
      const hasAny = f?.opinionId ? true : (await listOpinions(trx, caseId)).length > 0;
      return { c, questions, existing, hasAny };
    });
    let form = f;
    if (!form) {
      // A fresh form: the first doctor's opinion starts from what the person wrote on the case.
      const values = data.hasAny ? {} : prefillFromCase(data.c);
      form = { values: questionsToForm(data.questions, values), errors: {}, prefilled: !data.hasAny };
    }
    const rows = formRows(form.values, form.more ?? 0);
    return sendPage(
      reply,
      h(OpinionFormPage, {
        ctx: ui.page(req),
        c: data.c,
        form: { values: form.values, errors: form.errors },
        questions: data.questions,
        rows,
        opinion: data.existing,
        prefilled: !!form.prefilled,
      }),
      status,
    );
  };

  /** Reads and checks a posted opinion form: the schema, then every code against ICD-10-CM. */
  async function readForm(values: FormValues) {
    const { input, paths } = opinionFromForm(values);
    const parsed = parseWith(schema, input);
    const icd = await kit.icd10();
    const problems = codeProblems(input.diagnoses as unknown[], icd, t);
    const errors: FieldErrors = {
      ...(parsed.ok ? {} : errorsToForm(parsed.errors, paths)),
      ...codeFieldErrors(problems, (i) => paths[`diagnoses.${i}.code`] ?? `diagnoses.${i}.code`),
    };
    return { parsed, errors, icd, paths };
  }

  /** Where an answer's error shows on the form: the answer box it came from. */
  const answerField = (paths: Record<string, string>) => (i: number) => paths[`answers.${i}.answer`] ?? `answers.${i}.questionId`;

  app.get('/cases/:caseId/opinions/new', { config: { access: 'patient' } }, async (req, reply) =>
    formPage(req, reply, (req.params as { caseId: string }).caseId, null),
  );

  app.post('/cases/:caseId/opinions/new', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    if (values.intent === 'more') return formPage(req, reply, caseId, { values, errors: {}, more: 2 });
    const { parsed, errors, icd, paths } = await readForm(values);
    if (!parsed.ok || Object.keys(errors).length > 0) return formPage(req, reply, caseId, { values, errors }, 400);
    const saved = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      // An answer may point only at this case's questions (the ids travel in hidden fields).
      const refErrors = await questionRefErrors(trx, kit, caseId, parsed.data.answers, [], answerField(paths));
      if (Object.keys(refErrors).length > 0) return { refErrors, id: null };
      const stored = toStored(parsed.data, (code) => icd.lookup(code)?.description ?? null);
      const opinionId = await insertOpinion(trx, clock.now().toISOString(), { caseId, patientId: access.patientId, userId: user.userId }, stored, { status: 'accepted', source: 'person' });
      await audit({ action: 'opinion.create', patientId: access.patientId, objectType: 'opinion', objectId: opinionId });
      return { refErrors: null, id: opinionId };
    });
    if (saved.refErrors) return formPage(req, reply, caseId, { values, errors: saved.refErrors }, 400);
    setFlash(reply, 'opinions.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/opinions/${saved.id}`, 303);
  });

  app.get('/cases/:caseId/opinions/:opinionId', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, opinionId } = req.params as { caseId: string; opinionId: string };
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      const c = await loadCaseContext(trx, caseId);
      const all = await listOpinions(trx, caseId);
      const o = all.find((x) => x.id === opinionId);
      if (!o) throw notFound();
      await audit({ action: 'opinion.view', patientId: access.patientId, objectType: 'opinion', objectId: o.id });
      return { c, o, firstId: firstIdOf(all), number: comparable(all).findIndex((x) => x.id === o.id) + 1 };
    });
    const icd = await kit.icd10();
    const describe = (code: string) => icd.lookup(code)?.description ?? null;
    return sendPage(reply, h(OpinionPage, { ctx: ui.page(req), c: data.c, o: data.o, isFirst: data.firstId === data.o.id, number: data.number, describe }));
  });

  app.get('/cases/:caseId/opinions/:opinionId/edit', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, opinionId } = req.params as { caseId: string; opinionId: string };
    const found = await transact(deps, req, async ({ trx }) => {
      await requireCaseAccess(trx, req.actor, caseId, 'edit');
      return { o: await findOpinion(trx, caseId, opinionId), questions: await kit.questions(trx, caseId) };
    });
    if (!found.o) throw notFound();
    return formPage(req, reply, caseId, { values: opinionToForm(found.o, found.questions), errors: {}, opinionId });
  });

  app.post('/cases/:caseId/opinions/:opinionId/edit', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, opinionId } = req.params as { caseId: string; opinionId: string };
    const values = formValues(req.body as Record<string, unknown>);
    if (values.intent === 'more') return formPage(req, reply, caseId, { values, errors: {}, more: 2, opinionId });
    const { parsed, errors, icd, paths } = await readForm(values);
    if (!parsed.ok || Object.keys(errors).length > 0) return formPage(req, reply, caseId, { values, errors, opinionId }, 400);
    const refErrors = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const current = await findOpinion(trx, caseId, opinionId);
      if (!current) throw notFound();
      const bad = await questionRefErrors(trx, kit, caseId, parsed.data.answers, current.answers, answerField(paths));
      if (Object.keys(bad).length > 0) return bad;
      await updateOpinion(trx, opinionId, clock.now().toISOString(), toStored(parsed.data, (code) => icd.lookup(code)?.description ?? null));
      await audit({ action: 'opinion.update', patientId: access.patientId, objectType: 'opinion', objectId: opinionId });
      return null;
    });
    if (refErrors) return formPage(req, reply, caseId, { values, errors: refErrors, opinionId }, 400);
    setFlash(reply, 'form.saved', config.secureCookies);
    return reply.redirect(`/cases/${caseId}/opinions/${opinionId}`, 303);
  });

  // Accept a doctor's pending opinion, set one aside, or bring it back. Nothing is deleted.
  app.post('/cases/:caseId/opinions/:opinionId/status', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, opinionId } = req.params as { caseId: string; opinionId: string };
    const values = formValues(req.body as Record<string, unknown>);
    const status = z.enum(['accepted', 'discarded']).safeParse(values.status);
    await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const o = await findOpinion(trx, caseId, opinionId);
      if (!o) throw notFound();
      if (!status.success) throw invalid({ status: 'errors.chooseOne' });
      await setOpinionStatus(trx, opinionId, status.data, clock.now().toISOString());
      await audit({ action: status.data === 'accepted' ? 'opinion.accept' : 'opinion.discard', patientId: access.patientId, objectType: 'opinion', objectId: opinionId });
    });
    setFlash(reply, status.data === 'accepted' ? 'opinions.acceptedDone' : 'opinions.discardedDone', config.secureCookies);
    // Back where the person pressed the button: the opinion itself, or the list. A fixed
    // choice, never a posted address, so it cannot send anyone elsewhere.
    return reply.redirect(values.back === 'opinion' ? `/cases/${caseId}/opinions/${opinionId}` : `/cases/${caseId}/opinions`, 303);
  });

  // ---------- JSON API ----------

  const params = z.object({ caseId: idParam });
  const oneParams = z.object({ caseId: idParam, opinionId: idParam });

  app.get(
    '/api/v1/cases/:caseId/opinions',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['opinions'],
        summary: 'Every opinion recorded for a case, in comparison order (first opinion first)',
        params,
        querystring: z.object({ status: z.enum(OPINION_STATUSES).optional() }),
        response: { 200: z.object({ firstOpinionId: z.string().nullable(), opinions: z.array(opinionOut) }) },
      },
    },
    async (req) => {
      const { caseId } = req.params;
      const all = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const list = await listOpinions(trx, caseId);
        await audit({ action: 'opinion.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return list;
      });
      const icd = await kit.icd10();
      const firstId = firstIdOf(all);
      const wanted = req.query.status ? all.filter((o) => o.status === req.query.status) : all;
      return { firstOpinionId: firstId, opinions: wanted.map((o) => presentOpinion(o, firstId, icd)) };
    },
  );

  app.post(
    '/api/v1/cases/:caseId/opinions',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['opinions'],
        summary: 'Record an opinion (a doctor and the date are required; ICD-10-CM codes are checked against the code set)',
        description:
          'Unknown codes are refused (400) with a suggestion in error.fields["diagnoses.N.code"]. Lists (diagnoses, plan, answers) keep their order; the first diagnosis and the first plan item are the main ones for the comparison.',
        params,
        body: schema,
        response: { 201: opinionOut },
      },
    },
    async (req, reply) => {
      const { caseId } = req.params;
      const user = requireUser(req);
      const icd = await kit.icd10();
      const out = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const problems = codeProblems((req.body as { diagnoses?: unknown[] }).diagnoses ?? [], icd, t);
        if (problems.size) throw invalid(codeFieldErrors(problems, (i) => `diagnoses.${i}.code`));
        const refErrors = await questionRefErrors(trx, kit, caseId, req.body.answers);
        if (Object.keys(refErrors).length > 0) throw invalid(refErrors);
        const stored = toStored(req.body, (code) => icd.lookup(code)?.description ?? null);
        const id = await insertOpinion(trx, clock.now().toISOString(), { caseId, patientId: access.patientId, userId: user.userId }, stored, { status: 'accepted', source: 'person' });
        await audit({ action: 'opinion.create', patientId: access.patientId, objectType: 'opinion', objectId: id });
        const all = await listOpinions(trx, caseId);
        return presentOpinion(all.find((o) => o.id === id)!, firstIdOf(all), icd);
      });
      return reply.code(201).send(out);
    },
  );

  app.get(
    '/api/v1/cases/:caseId/opinions/:opinionId',
    { config: { access: 'patient' }, schema: { tags: ['opinions'], summary: 'One opinion', params: oneParams, response: { 200: opinionOut } } },
    async (req) => {
      const { caseId, opinionId } = req.params;
      const icd = await kit.icd10();
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const all = await listOpinions(trx, caseId);
        const o = all.find((x) => x.id === opinionId);
        if (!o) throw notFound();
        await audit({ action: 'opinion.view', patientId: access.patientId, objectType: 'opinion', objectId: o.id });
        return presentOpinion(o, firstIdOf(all), icd);
      });
    },
  );

  app.patch(
    '/api/v1/cases/:caseId/opinions/:opinionId',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['opinions'],
        summary: 'Change an opinion (lists given replace the stored lists), or accept / set it aside with status',
        params: oneParams,
        body: opinionPatchSchema,
        response: { 200: opinionOut },
      },
    },
    async (req) => {
      const { caseId, opinionId } = req.params;
      const { status, ...changes } = req.body;
      const icd = await kit.icd10();
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const current = await findOpinion(trx, caseId, opinionId);
        if (!current) throw notFound();
        const now = clock.now().toISOString();
        const given = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
        if (Object.keys(given).length > 0) {
          const merged = schema.safeParse({ ...toInput(current), ...given });
          if (!merged.success) throw invalid(issuesToFields(merged.error.issues));
          const problems = codeProblems(merged.data.diagnoses, icd, t);
          if (problems.size) throw invalid(codeFieldErrors(problems, (i) => `diagnoses.${i}.code`));
          // Answers kept from before stay as they are; new ones may name only this case's questions.
          const refErrors = await questionRefErrors(trx, kit, caseId, merged.data.answers, current.answers);
          if (Object.keys(refErrors).length > 0) throw invalid(refErrors);
          await updateOpinion(trx, opinionId, now, toStored(merged.data, (code) => icd.lookup(code)?.description ?? null));
          await audit({ action: 'opinion.update', patientId: access.patientId, objectType: 'opinion', objectId: opinionId });
        }
        if (status && status !== current.status) {
          if (status === 'pending') throw invalid({ status: 'opinions.errors.statusPending' });
          await setOpinionStatus(trx, opinionId, status, now);
          await audit({ action: status === 'accepted' ? 'opinion.accept' : 'opinion.discard', patientId: access.patientId, objectType: 'opinion', objectId: opinionId });
        }
        const all = await listOpinions(trx, caseId);
        return presentOpinion(all.find((o) => o.id === opinionId)!, firstIdOf(all), icd);
      });
    },
  );
}
