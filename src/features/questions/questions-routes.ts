import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { QUESTION_BANK } from '../../content/question-bank.ts';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { type CaseContext, loadCaseContext } from '../../platform/case-context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { transact, type Work } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { formValues, parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid, notFound } from '../../platform/http/errors.ts';
import { type MessageKey, translator } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FieldErrors, type FormState, type FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import {
  ANSWER_MAX,
  answerField,
  answerSchema,
  bankSourceOf,
  type CaseSignals,
  caseTraits,
  doctorSchema,
  importantFirst,
  MAX_DOCTORS,
  MAX_QUESTIONS,
  moveOne,
  moveTo,
  newQuestionSchema,
  questionFormSchema,
  questionPatchSchema,
  type QuestionRecord,
  questionText,
  suggestedQuestions,
} from './questions.ts';
import { buildQuestionSheetPdf } from './questions-pdf.ts';
import {
  addBankQuestion,
  addDoctor,
  addOwnQuestion,
  type CaseIds,
  countActiveQuestions,
  ensureQuestionList,
  findDoctor,
  findQuestion,
  getListState,
  listAnswers,
  listDoctors,
  listQuestions,
  removeQuestion,
  restoreQuestion,
  saveAnswer,
  saveOrder,
  setListReady,
  updateQuestion,
} from './questions-store.ts';
import { AnswersIndexPage, DoctorAnswersPage, EditQuestionPage, QuestionSheetPage, QuestionsPage, questionsBase, type ShownQuestion } from './questions-views.tsx';

export type CaseSignalsProvider = (db: Queryable, caseId: string) => Promise<CaseSignals>;

const en = translator('en');

const sourceOut = z.object({ title: z.string(), url: z.string() });
const questionOut = z.object({
  id: z.string(),
  text: z.string(),
  bankId: z.string().nullable(),
  topic: z.string().nullable(),
  /** Present while the words are the suggested question's own. */
  source: sourceOut.nullable(),
  own: z.boolean(),
  important: z.boolean(),
  position: z.number(),
  removed: z.boolean(),
  answers: z.array(z.object({ doctorId: z.string(), doctorName: z.string(), answer: z.string(), updatedAt: z.string() })),
});
const doctorOut = z.object({ id: z.string(), name: z.string() });
const listOut = z.object({
  caseId: z.string(),
  ready: z.boolean(),
  readyAt: z.string().nullable(),
  questions: z.array(questionOut),
  removed: z.array(questionOut),
  doctors: z.array(doctorOut),
  suggestions: z.array(z.object({ bankId: z.string(), text: z.string(), topic: z.string(), source: sourceOut, fitsCase: z.boolean() })),
});

const show = (q: QuestionRecord, t: (k: MessageKey) => string): ShownQuestion => ({
  id: q.id,
  text: questionText(q, t),
  important: q.important,
  bank: bankSourceOf(q),
  own: q.bankId === null,
  changed: q.bankId !== null && q.customText !== null,
});

export function createQuestionsFeature(opts: { caseSignals?: CaseSignalsProvider } = {}): FeatureRegistrar {
  const signalsOf: CaseSignalsProvider = opts.caseSignals ?? (async () => ({}));

  return (app, deps, ui) => {
    const { clock, config } = deps;
    const page = ui.page;
    const now = () => clock.now().toISOString();

    /**
     * Every handler starts here: the access check (404 for anyone else), the case, and
     * the list, made from the question bank the first time anyone opens it. On a GET that
     * first list is committed 'relaxed' (ADR 0007) on purpose: it holds nothing the person
     * typed, and if a power cut lost it, the next visit would make the same list again.
     */
    async function open(w: Work, req: FastifyRequest, caseId: string, action: 'view' | 'edit') {
      const access = await requireCaseAccess(w.trx, req.actor, caseId, action);
      const c = await loadCaseContext(w.trx, caseId);
      const ids: CaseIds = { caseId, patientId: access.patientId, userId: requireUser(req).userId };
      const traits = caseTraits(c, await signalsOf(w.trx, caseId));
      if (await ensureQuestionList(w.trx, ids, suggestedQuestions(traits), now())) {
        await w.audit({ action: 'questions.generate', patientId: access.patientId, objectType: 'case', objectId: caseId });
      }
      return { c, ids, traits };
    }

    const audit = (w: Work, ids: CaseIds, action: string, objectType = 'case', objectId = ids.caseId) =>
      w.audit({ action, patientId: ids.patientId, objectType, objectId });

    /** Bank questions not on the list: the ones that fit this case first. */
    function suggestionsFor(active: QuestionRecord[], traits: ReturnType<typeof caseTraits>) {
      const onList = new Set(active.map((q) => q.bankId).filter(Boolean));
      const fits = new Set(suggestedQuestions(traits).map((q) => q.id));
      const open = QUESTION_BANK.filter((q) => !onList.has(q.id));
      return { suggested: open.filter((q) => fits.has(q.id)), other: open.filter((q) => !fits.has(q.id)) };
    }

    // ---------- the list page ----------

    const listPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState, status = 200) => {
      const data = await transact(deps, req, async (w) => {
        const { c, ids, traits } = await open(w, req, caseId, 'view');
        const active = await listQuestions(w.trx, caseId);
        const removed = await listQuestions(w.trx, caseId, { removed: true });
        const doctors = await listDoctors(w.trx, caseId);
        const answers = await listAnswers(w.trx, caseId);
        const state = await getListState(w.trx, caseId);
        await audit(w, ids, 'questions.view');
        return { c, traits, active, removed, doctors, answers, readyAt: state?.readyAt ?? null };
      });
      const ctx = page(req);
      const names = new Map(data.doctors.map((d) => [d.id, d.name]));
      const answeredBy: Record<string, string[]> = {};
      for (const a of data.answers) (answeredBy[a.questionId] ??= []).push(names.get(a.doctorId) ?? '');
      const { suggested, other } = suggestionsFor(data.active, data.traits);
      return sendPage(
        reply,
        h(QuestionsPage, {
          ctx,
          c: data.c,
          questions: data.active.map((q) => show(q, ctx.t)),
          // Removed bank questions come back through the suggestions; only the person's own are listed apart.
          removedOwn: data.removed.filter((q) => q.bankId === null).map((q) => show(q, ctx.t)),
          suggested,
          other,
          answeredBy,
          readyAt: data.readyAt,
          form,
        }),
        status,
      );
    };

    app.get('/cases/:caseId/questions', { config: { access: 'patient' } }, async (req, reply) =>
      listPage(req, reply, (req.params as { caseId: string }).caseId, emptyForm()),
    );

    type Outcome = { redirect: string; flash: MessageKey } | { errors: FieldErrors };

    app.post('/cases/:caseId/questions', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const base = questionsBase(caseId);
      const values = formValues(req.body as Record<string, unknown>);
      const intent = values.intent ?? '';
      const questionId = values.questionId ?? '';
      const added = intent === 'add' ? parseWith(questionFormSchema, values) : null;
      if (added && !added.ok) return listPage(req, reply, caseId, { values, errors: added.errors }, 400);

      const outcome = await transact(deps, req, async (w): Promise<Outcome> => {
        const { ids } = await open(w, req, caseId, 'edit');
        const t = now();
        const full = async () => (await countActiveQuestions(w.trx, caseId)) >= MAX_QUESTIONS;
        /** A question of this case in the wanted state; anything else is "not found". */
        const target = async (removed: boolean) => {
          const q = await findQuestion(w.trx, caseId, questionId);
          if (!q || (q.removedAt !== null) !== removed) throw notFound();
          return q;
        };
        switch (intent) {
          case 'add': {
            if (!added?.ok) throw new Error('unreachable');
            if (await full()) return { errors: { text: 'questions.errors.tooMany' } };
            const id = await addOwnQuestion(w.trx, ids, added.data, t);
            await audit(w, ids, 'questions.add', 'question', id);
            return { redirect: `${base}#q-${id}`, flash: 'questions.add.done' };
          }
          case 'addBank': {
            const bankId = values.bankId ?? '';
            if (!QUESTION_BANK.some((q) => q.id === bankId)) return { errors: { _form: 'questions.errors.unknownBank' } };
            if (await full()) return { errors: { text: 'questions.errors.tooMany' } };
            const id = await addBankQuestion(w.trx, ids, bankId, false, t);
            await audit(w, ids, 'questions.add', 'question', id);
            return { redirect: `${base}#q-${id}`, flash: 'questions.add.done' };
          }
          case 'up':
          case 'down': {
            const q = await target(false);
            const active = await listQuestions(w.trx, caseId);
            await saveOrder(w.trx, caseId, moveOne(active.map((x) => x.id), q.id, intent), active, t);
            await audit(w, ids, 'questions.reorder', 'question', q.id);
            return { redirect: `${base}#q-${q.id}`, flash: 'questions.moved' };
          }
          case 'mark':
          case 'unmark': {
            const q = await target(false);
            await updateQuestion(w.trx, caseId, q.id, { important: intent === 'mark' }, t);
            await audit(w, ids, 'questions.update', 'question', q.id);
            return { redirect: `${base}#q-${q.id}`, flash: 'questions.marked' };
          }
          case 'remove': {
            const q = await target(false);
            await removeQuestion(w.trx, caseId, q.id, ids.userId, t);
            await audit(w, ids, 'questions.remove', 'question', q.id);
            return { redirect: `${base}#list-heading`, flash: 'questions.removedDone' };
          }
          case 'restore': {
            const q = await target(true);
            if (await full()) return { errors: { text: 'questions.errors.tooMany' } };
            await restoreQuestion(w.trx, caseId, q.id, t);
            await audit(w, ids, 'questions.restore', 'question', q.id);
            return { redirect: `${base}#q-${q.id}`, flash: 'questions.restoredDone' };
          }
          case 'ready':
          case 'notReady': {
            await setListReady(w.trx, caseId, intent === 'ready', t);
            await audit(w, ids, intent === 'ready' ? 'questions.ready' : 'questions.notReady');
            return { redirect: `${base}#ready-heading`, flash: intent === 'ready' ? 'questions.ready.done' : 'questions.ready.undone' };
          }
          default:
            return { errors: { _form: 'questions.errors.unknownAction' } };
        }
      });
      if ('errors' in outcome) return listPage(req, reply, caseId, { values, errors: outcome.errors }, 400);
      setFlash(reply, outcome.flash, config.secureCookies);
      return reply.redirect(outcome.redirect, 303);
    });

    // ---------- changing one question ----------

    const editPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, questionId: string, form: FormState | null, status = 200) => {
      const ctx = page(req);
      const data = await transact(deps, req, async (w) => {
        const { c, ids } = await open(w, req, caseId, 'edit');
        const q = await findQuestion(w.trx, caseId, questionId);
        if (!q || q.removedAt) throw notFound();
        await audit(w, ids, 'questions.view', 'question', q.id);
        return { c, q };
      });
      const values: FormValues = { text: questionText(data.q, ctx.t), important: data.q.important ? '1' : '' };
      return sendPage(reply, h(EditQuestionPage, { ctx, c: data.c, questionId, form: form ?? emptyForm(values) }), status);
    };

    app.get('/cases/:caseId/questions/:questionId', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId, questionId } = req.params as { caseId: string; questionId: string };
      return editPage(req, reply, caseId, questionId, null);
    });

    app.post('/cases/:caseId/questions/:questionId', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId, questionId } = req.params as { caseId: string; questionId: string };
      const values = formValues(req.body as Record<string, unknown>);
      const parsed = parseWith(questionFormSchema, values);
      if (!parsed.ok) return editPage(req, reply, caseId, questionId, { values, errors: parsed.errors }, 400);
      await transact(deps, req, async (w) => {
        const { ids } = await open(w, req, caseId, 'edit');
        const q = await findQuestion(w.trx, caseId, questionId);
        if (!q || q.removedAt) throw notFound();
        // Unchanged words stay the suggested question's own, so its source still applies.
        const sameAsBank = q.bankId !== null && q.customText === null && parsed.data.text === questionText(q, en);
        await updateQuestion(w.trx, caseId, q.id, { text: sameAsBank ? null : parsed.data.text, important: parsed.data.important }, now());
        await audit(w, ids, 'questions.update', 'question', q.id);
      });
      setFlash(reply, 'questions.edit.saved', config.secureCookies);
      return reply.redirect(`${questionsBase(caseId)}#q-${questionId}`, 303);
    });

    // ---------- the printed sheet and the PDF ----------

    const sheetData = (req: FastifyRequest, caseId: string, action: string) =>
      transact(deps, req, async (w) => {
        const { c, ids } = await open(w, req, caseId, 'view');
        const active = await listQuestions(w.trx, caseId);
        await audit(w, ids, action);
        return { c, active };
      });

    app.get('/cases/:caseId/questions/print', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const ctx = page(req);
      const { c, active } = await sheetData(req, caseId, 'questions.print');
      const split = importantFirst(active.map((q) => ({ important: q.important, text: questionText(q, ctx.t) })));
      return sendPage(reply, h(QuestionSheetPage, { ctx, c, important: split.important.map((q) => q.text), others: split.others.map((q) => q.text) }));
    });

    app.get('/cases/:caseId/questions/sheet.pdf', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const t = page(req).t;
      const { c, active } = await sheetData(req, caseId, 'questions.pdf');
      const split = importantFirst(active.map((q) => ({ important: q.important, text: questionText(q, t) })));
      const pdf = await buildQuestionSheetPdf({
        title: t('questions.sheet.title'),
        subtitle: [t('questions.sheet.for', { name: c.patientName }), t('questions.sheet.case', { title: c.title || t('cases.untitledNoDiagnosis') })],
        doctorLabel: t('questions.sheet.doctor'),
        dateLabel: t('questions.sheet.date'),
        importantHeading: t('questions.sheet.important'),
        othersHeading: split.important.length > 0 ? t('questions.sheet.others') : t('questions.sheet.all'),
        pageLabel: (n, total) => t('questions.sheet.page', { n, total }),
        important: split.important.map((q) => q.text),
        others: split.others.map((q) => q.text),
        createdAt: clock.now(),
      });
      // The file name says nothing about the person or the illness.
      return reply
        .header('Cache-Control', 'no-store')
        .header('Content-Disposition', 'attachment; filename="questions-to-ask.pdf"')
        .type('application/pdf')
        .send(Buffer.from(pdf));
    });

    // ---------- doctors' answers ----------

    const answersIndex = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
      const ctx = page(req);
      const data = await transact(deps, req, async (w) => {
        const { c, ids } = await open(w, req, caseId, 'view');
        const [active, doctors, answers] = [await listQuestions(w.trx, caseId), await listDoctors(w.trx, caseId), await listAnswers(w.trx, caseId)];
        await audit(w, ids, 'questions.answers.view');
        return { c, active, doctors, answers };
      });
      const byQuestion: Record<string, Record<string, string>> = {};
      for (const a of data.answers) (byQuestion[a.questionId] ??= {})[a.doctorId] = a.answer;
      // The first doctor's name is the likely first entry.
      const start = form ?? emptyForm({ name: data.doctors.length === 0 ? (data.c.doctorName ?? '') : '' });
      return sendPage(
        reply,
        h(AnswersIndexPage, { ctx, c: data.c, doctors: data.doctors, questions: data.active.map((q) => show(q, ctx.t)), answers: byQuestion, form: start }),
        status,
      );
    };

    app.get('/cases/:caseId/questions/answers', { config: { access: 'patient' } }, async (req, reply) =>
      answersIndex(req, reply, (req.params as { caseId: string }).caseId, null),
    );

    app.post('/cases/:caseId/questions/answers', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const values = formValues(req.body as Record<string, unknown>);
      const parsed = parseWith(doctorSchema, values);
      if (!parsed.ok) return answersIndex(req, reply, caseId, { values, errors: parsed.errors }, 400);
      const doctorId = await transact(deps, req, async (w) => {
        const { ids } = await open(w, req, caseId, 'edit');
        if ((await listDoctors(w.trx, caseId)).length >= MAX_DOCTORS) return null;
        const id = await addDoctor(w.trx, ids, parsed.data.name, now());
        await audit(w, ids, 'questions.doctor.add', 'question_doctor', id);
        return id;
      });
      if (!doctorId) return answersIndex(req, reply, caseId, { values, errors: { name: 'questions.errors.tooManyDoctors' } }, 400);
      setFlash(reply, 'questions.answers.added', config.secureCookies);
      return reply.redirect(`${questionsBase(caseId)}/answers/${doctorId}`, 303);
    });

    const doctorPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, doctorId: string, form: FormState | null, status = 200) => {
      const ctx = page(req);
      const data = await transact(deps, req, async (w) => {
        const { c, ids } = await open(w, req, caseId, 'edit');
        const doctor = await findDoctor(w.trx, caseId, doctorId);
        if (!doctor) throw notFound();
        const active = await listQuestions(w.trx, caseId);
        const answers = await listAnswers(w.trx, caseId, doctorId);
        await audit(w, ids, 'questions.answers.view', 'question_doctor', doctorId);
        return { c, doctor, active, answers };
      });
      const values: FormValues = Object.fromEntries(data.answers.map((a) => [answerField(a.questionId), a.answer]));
      return sendPage(
        reply,
        h(DoctorAnswersPage, { ctx, c: data.c, doctor: data.doctor, questions: data.active.map((q) => show(q, ctx.t)), form: form ?? emptyForm(values) }),
        status,
      );
    };

    app.get('/cases/:caseId/questions/answers/:questionDoctorId', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId, questionDoctorId } = req.params as { caseId: string; questionDoctorId: string };
      return doctorPage(req, reply, caseId, questionDoctorId, null);
    });

    app.post('/cases/:caseId/questions/answers/:questionDoctorId', { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId, questionDoctorId } = req.params as { caseId: string; questionDoctorId: string };
      const values = formValues(req.body as Record<string, unknown>);
      const result = await transact(deps, req, async (w) => {
        const { ids } = await open(w, req, caseId, 'edit');
        const doctor = await findDoctor(w.trx, caseId, questionDoctorId);
        if (!doctor) throw notFound();
        const active = await listQuestions(w.trx, caseId);
        // Check every answer first: one that is too long means nothing is saved.
        const errors: FieldErrors = {};
        const parsed = new Map<string, string>();
        for (const q of active) {
          const field = answerField(q.id);
          if (values[field] === undefined) continue;
          const r = answerSchema.safeParse({ answer: values[field] });
          if (r.success) parsed.set(q.id, r.data.answer);
          else errors[field] = (values[field] ?? '').length > ANSWER_MAX ? 'errors.tooLong' : 'questions.errors.answer';
        }
        if (Object.keys(errors).length > 0) return { errors };
        const t = now();
        for (const [questionId, answer] of parsed) await saveAnswer(w.trx, ids, questionId, doctor.id, answer, t);
        await audit(w, ids, 'questions.answers.save', 'question_doctor', doctor.id);
        return { errors: null };
      });
      if (result.errors) return doctorPage(req, reply, caseId, questionDoctorId, { values, errors: result.errors }, 400);
      setFlash(reply, 'questions.answers.saved', config.secureCookies);
      return reply.redirect(`${questionsBase(caseId)}/answers`, 303);
    });

    // ---------- JSON API ----------

    async function presentList(w: Work, caseId: string, traits: ReturnType<typeof caseTraits>) {
      const [active, removed, doctors, answers, state] = [
        await listQuestions(w.trx, caseId),
        await listQuestions(w.trx, caseId, { removed: true }),
        await listDoctors(w.trx, caseId),
        await listAnswers(w.trx, caseId),
        await getListState(w.trx, caseId),
      ];
      const names = new Map(doctors.map((d) => [d.id, d.name]));
      const present = (q: QuestionRecord) => presentQuestion(q, answers.filter((a) => a.questionId === q.id).map((a) => ({ ...a, doctorName: names.get(a.doctorId) ?? '' })));
      const { suggested, other } = suggestionsFor(active, traits);
      return {
        caseId,
        ready: !!state?.readyAt,
        readyAt: state?.readyAt ?? null,
        questions: active.map(present),
        removed: removed.map(present),
        doctors: doctors.map((d) => ({ id: d.id, name: d.name })),
        suggestions: [...suggested.map((q) => ({ q, fitsCase: true })), ...other.map((q) => ({ q, fitsCase: false }))].map(({ q, fitsCase }) => ({
          bankId: q.id,
          text: en(q.text),
          topic: q.topic,
          source: q.source,
          fitsCase,
        })),
      };
    }

    function presentQuestion(q: QuestionRecord, answers: { doctorId: string; doctorName: string; answer: string; updatedAt: string }[] = []) {
      const bank = q.bankId ? QUESTION_BANK.find((b) => b.id === q.bankId) : undefined;
      const source = bankSourceOf(q)?.source ?? null;
      return {
        id: q.id,
        text: questionText(q, en),
        bankId: q.bankId,
        topic: bank?.topic ?? null,
        source,
        own: q.bankId === null,
        important: q.important,
        position: q.position,
        removed: q.removedAt !== null,
        answers,
      };
    }

    const caseParams = z.object({ caseId: idParam });
    const questionParams = z.object({ caseId: idParam, questionId: idParam });

    app.get(
      '/api/v1/cases/:caseId/questions',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['questions'],
          summary: 'The questions to ask for a case (made from the question bank on first use), doctors and their answers',
          params: caseParams,
          response: { 200: listOut },
        },
      },
      async (req) =>
        transact(deps, req, async (w) => {
          const { ids, traits } = await open(w, req, req.params.caseId, 'view');
          await audit(w, ids, 'questions.view');
          return presentList(w, req.params.caseId, traits);
        }),
    );

    app.post(
      '/api/v1/cases/:caseId/questions',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['questions'],
          summary: 'Add a question: your own words (text), or a suggested one (bankId). It goes at the end of the list.',
          params: caseParams,
          body: newQuestionSchema,
          response: { 201: questionOut },
        },
      },
      async (req, reply) => {
        const { caseId } = req.params;
        const q = await transact(deps, req, async (w) => {
          const { ids } = await open(w, req, caseId, 'edit');
          if ((await countActiveQuestions(w.trx, caseId)) >= MAX_QUESTIONS) throw invalid({ text: 'questions.errors.tooMany' });
          const important = req.body.important ?? false;
          const id = req.body.bankId ? await addBankQuestion(w.trx, ids, req.body.bankId, important, now()) : await addOwnQuestion(w.trx, ids, { text: req.body.text!, important }, now());
          await audit(w, ids, 'questions.add', 'question', id);
          return (await findQuestion(w.trx, caseId, id))!;
        });
        return reply.code(201).send(presentQuestion(q));
      },
    );

    app.patch(
      '/api/v1/cases/:caseId/questions/:questionId',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['questions'],
          summary: 'Change a question: its words, whether it is most important, its place in the list (1 = first), or put a removed one back (removed: false)',
          params: questionParams,
          body: questionPatchSchema,
          response: { 200: questionOut },
        },
      },
      async (req) => {
        const { caseId, questionId } = req.params;
        const body = req.body;
        const q = await transact(deps, req, async (w) => {
          const { ids } = await open(w, req, caseId, 'edit');
          let q = await findQuestion(w.trx, caseId, questionId);
          if (!q) throw notFound();
          const t = now();
          if (body.removed === false && q.removedAt) {
            if ((await countActiveQuestions(w.trx, caseId)) >= MAX_QUESTIONS) throw invalid({ removed: 'questions.errors.tooMany' });
            await restoreQuestion(w.trx, caseId, q.id, t);
            await audit(w, ids, 'questions.restore', 'question', q.id);
          }
          q = (await findQuestion(w.trx, caseId, questionId))!;
          const changesText = body.text !== undefined || body.important !== undefined || body.position !== undefined;
          if (changesText && q.removedAt) throw invalid({ removed: 'questions.errors.notFound' });
          if (body.text !== undefined || body.important !== undefined) {
            const sameAsBank = body.text !== undefined && q.bankId !== null && q.customText === null && body.text === questionText(q, en);
            await updateQuestion(w.trx, caseId, q.id, { text: body.text === undefined || sameAsBank ? undefined : body.text, important: body.important }, t);
            await audit(w, ids, 'questions.update', 'question', q.id);
          }
          if (body.position !== undefined) {
            const active = await listQuestions(w.trx, caseId);
            await saveOrder(w.trx, caseId, moveTo(active.map((x) => x.id), q.id, body.position), active, t);
            await audit(w, ids, 'questions.reorder', 'question', q.id);
          }
          if (body.removed === true && !q.removedAt) {
            await removeQuestion(w.trx, caseId, q.id, ids.userId, t);
            await audit(w, ids, 'questions.remove', 'question', q.id);
          }
          return (await findQuestion(w.trx, caseId, questionId))!;
        });
        return presentQuestion(q);
      },
    );

    app.delete(
      '/api/v1/cases/:caseId/questions/:questionId',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['questions'],
          summary: 'Take a question off the list. It is kept, with its answers, and can be put back with PATCH removed: false.',
          params: questionParams,
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        const { caseId, questionId } = req.params;
        await transact(deps, req, async (w) => {
          const { ids } = await open(w, req, caseId, 'edit');
          const q = await findQuestion(w.trx, caseId, questionId);
          if (!q) throw notFound();
          if (!q.removedAt) {
            await removeQuestion(w.trx, caseId, q.id, ids.userId, now());
            await audit(w, ids, 'questions.remove', 'question', q.id);
          }
        });
        return reply.code(204).send(null);
      },
    );

    app.put(
      '/api/v1/cases/:caseId/questions/ready',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['questions'],
          summary: 'Say the list is ready (journey step 3 done), or not yet',
          params: caseParams,
          body: z.object({ ready: z.boolean('errors.chooseOne') }),
          response: { 200: z.object({ ready: z.boolean(), readyAt: z.string().nullable() }) },
        },
      },
      async (req) => {
        const { caseId } = req.params;
        return transact(deps, req, async (w) => {
          const { ids } = await open(w, req, caseId, 'edit');
          await setListReady(w.trx, caseId, req.body.ready, now());
          await audit(w, ids, req.body.ready ? 'questions.ready' : 'questions.notReady');
          const state = await getListState(w.trx, caseId);
          return { ready: !!state?.readyAt, readyAt: state?.readyAt ?? null };
        });
      },
    );

    app.post(
      '/api/v1/cases/:caseId/questions/doctors',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['questions'],
          summary: 'Add a doctor whose answers you will write down (a name for this case)',
          params: caseParams,
          body: doctorSchema,
          response: { 201: doctorOut },
        },
      },
      async (req, reply) => {
        const { caseId } = req.params;
        const doctor = await transact(deps, req, async (w) => {
          const { ids } = await open(w, req, caseId, 'edit');
          if ((await listDoctors(w.trx, caseId)).length >= MAX_DOCTORS) throw invalid({ name: 'questions.errors.tooManyDoctors' });
          const id = await addDoctor(w.trx, ids, req.body.name, now());
          await audit(w, ids, 'questions.doctor.add', 'question_doctor', id);
          return { id, name: req.body.name };
        });
        return reply.code(201).send(doctor);
      },
    );

    app.put(
      '/api/v1/cases/:caseId/questions/:questionId/answers/:questionDoctorId',
      {
        config: { access: 'patient' },
        schema: {
          tags: ['questions'],
          summary: 'Write down one doctor’s answer to one question ("" clears it)',
          params: z.object({ caseId: idParam, questionId: idParam, questionDoctorId: idParam }),
          body: answerSchema,
          response: { 200: z.object({ questionId: z.string(), doctorId: z.string(), answer: z.string() }) },
        },
      },
      async (req) => {
        const { caseId, questionId, questionDoctorId } = req.params;
        return transact(deps, req, async (w) => {
          const { ids } = await open(w, req, caseId, 'edit');
          const q = await findQuestion(w.trx, caseId, questionId);
          const doctor = await findDoctor(w.trx, caseId, questionDoctorId);
          if (!q || !doctor) throw notFound();
          await saveAnswer(w.trx, ids, q.id, doctor.id, req.body.answer, now());
          await audit(w, ids, 'questions.answers.save', 'question_doctor', doctor.id);
          return { questionId: q.id, doctorId: doctor.id, answer: req.body.answer };
        });
      },
    );
  };
}
