import { h } from 'preact';
import { unwrap } from '../../platform/actions.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { type CaseScope, caseRoutes, empty, file, json, page, redirect } from '../../platform/http/case-route.ts';
import { parseWith } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FormState, type FormValues } from '../../platform/ui/page-context.ts';
import {
  bankSourceOf,
  doctorSchema,
  importantFirst,
  type QuestionRecord,
  questionFormSchema,
  questionText,
} from './questions.ts';
import * as act from './questions-actions.ts';
import * as api from './questions-api.ts';
import { buildQuestionSheetPdf } from './questions-pdf.ts';
import { findQuestion, listAnswers, listDoctors, listQuestions } from './questions-store.ts';
import {
  AnswersIndexPage,
  DoctorAnswersPage,
  EditQuestionPage,
  QuestionSheetPage,
  QuestionsPage,
  questionsBase,
  type ShownQuestion,
} from './questions-views.tsx';

export type { CaseSignalsProvider } from './questions-actions.ts';

// Thin adapters (ADR 0014): each route parses its input, calls the questions actions in
// the route's one transaction, and renders the outcome.

const show = (q: QuestionRecord, t: (k: MessageKey) => string): ShownQuestion => ({
  id: q.id,
  text: questionText(q, t),
  important: q.important,
  bank: bankSourceOf(q),
  own: q.bankId === null,
  changed: q.bankId !== null && q.customText !== null,
});

export function createQuestionsFeature(opts: { caseSignals?: act.CaseSignalsProvider } = {}): FeatureRegistrar {
  const signals: act.CaseSignalsProvider = opts.caseSignals ?? (async () => ({}));

  return (app, deps, ui) => {
    const r = caseRoutes(app, deps, ui);

    // ---------- the list page ----------

    const listPage = async (s: CaseScope, form: FormState, status = 200) => {
      const v = await act.viewQuestionList(s, signals);
      const answeredBy: Record<string, string[]> = {};
      const names = new Map(v.doctors.map((d) => [d.id, d.name]));
      for (const a of v.answers) (answeredBy[a.questionId] ??= []).push(names.get(a.doctorId) ?? '');
      return page(
        (ctx) =>
          h(QuestionsPage, {
            ctx,
            c: s.c,
            questions: v.active.map((q) => show(q, ctx.t)),
            // Removed bank questions come back through the suggestions; only the person's own are listed apart.
            removedOwn: v.removed.filter((q) => q.bankId === null).map((q) => show(q, ctx.t)),
            suggested: v.suggested,
            other: v.other,
            answeredBy,
            readyAt: v.readyAt,
            form,
          }),
        status,
      );
    };

    r.casePage('GET', '/cases/:caseId/questions', { can: 'view' }, (s) => listPage(s, emptyForm()));

    r.casePage('POST', '/cases/:caseId/questions', { can: 'edit' }, async (s, { form: values }) => {
      const base = questionsBase(s.caseId);
      const intent = values.intent ?? '';
      const questionId = values.questionId ?? '';
      const again = (errors: FormState['errors']) => listPage(s, { values, errors }, 400);
      await act.openQuestionList(s, signals);
      switch (intent) {
        case 'add': {
          const parsed = parseWith(questionFormSchema, values);
          if (!parsed.ok) return again(parsed.errors);
          const added = await act.addOwnQuestion(s, parsed.data);
          return added.ok ? redirect(`${base}#q-${added.value}`, 'questions.add.done') : again(added.errors);
        }
        case 'addBank': {
          const added = await act.addBankQuestion(s, values.bankId ?? '', false);
          return added.ok ? redirect(`${base}#q-${added.value}`, 'questions.add.done') : again(added.errors);
        }
        case 'up':
        case 'down':
          await act.moveQuestion(s, questionId, intent);
          return redirect(`${base}#q-${questionId}`, 'questions.moved');
        case 'mark':
        case 'unmark':
          await act.changeQuestion(s, questionId, { important: intent === 'mark' });
          return redirect(`${base}#q-${questionId}`, 'questions.marked');
        case 'remove':
          await act.removeQuestion(s, questionId, { mustBeOnList: true });
          return redirect(`${base}#list-heading`, 'questions.removedDone');
        case 'restore': {
          const restored = await act.restoreQuestion(s, questionId);
          return restored.ok ? redirect(`${base}#q-${questionId}`, 'questions.restoredDone') : again(restored.errors);
        }
        case 'ready':
        case 'notReady':
          await act.setListReady(s, intent === 'ready');
          return redirect(
            `${base}#ready-heading`,
            intent === 'ready' ? 'questions.ready.done' : 'questions.ready.undone',
          );
        default:
          return again({ _form: 'questions.errors.unknownAction' });
      }
    });

    // ---------- changing one question ----------

    const editPage = async (s: CaseScope, questionId: string, form: FormState | null, status = 200) => {
      await act.openQuestionList(s, signals);
      const q = await findQuestion(s.trx, s.caseId, questionId);
      if (!q || q.removedAt) throw notFound();
      await s.record('questions.view', 'question', q.id);
      return page((ctx) => {
        const values: FormValues = { text: questionText(q, ctx.t), important: q.important ? '1' : '' };
        return h(EditQuestionPage, { ctx, c: s.c, questionId, form: form ?? emptyForm(values) });
      }, status);
    };

    r.casePage('GET', '/cases/:caseId/questions/:questionId', { can: 'edit' }, (s, { params }) =>
      editPage(s, params.questionId!, null),
    );

    r.casePage('POST', '/cases/:caseId/questions/:questionId', { can: 'edit' }, async (s, { params, form: values }) => {
      const questionId = params.questionId!;
      const parsed = parseWith(questionFormSchema, values);
      if (!parsed.ok) return editPage(s, questionId, { values, errors: parsed.errors }, 400);
      await act.openQuestionList(s, signals);
      await act.changeQuestion(s, questionId, parsed.data);
      return redirect(`${questionsBase(s.caseId)}#q-${questionId}`, 'questions.edit.saved');
    });

    // ---------- the printed sheet and the PDF ----------

    r.casePage('GET', '/cases/:caseId/questions/print', { can: 'view' }, async (s) => {
      const active = await act.questionsForSheet(s, signals, 'questions.print');
      return page((ctx) => {
        const split = importantFirst(active.map((q) => ({ important: q.important, text: questionText(q, ctx.t) })));
        return h(QuestionSheetPage, {
          ctx,
          c: s.c,
          important: split.important.map((q) => q.text),
          others: split.others.map((q) => q.text),
        });
      });
    });

    r.casePage('GET', '/cases/:caseId/questions/sheet.pdf', { can: 'view' }, async (s) => {
      const t = s.t;
      const active = await act.questionsForSheet(s, signals, 'questions.pdf');
      const split = importantFirst(active.map((q) => ({ important: q.important, text: questionText(q, t) })));
      const pdf = await buildQuestionSheetPdf({
        title: t('questions.sheet.title'),
        subtitle: [
          t('questions.sheet.for', { name: s.c.patientName }),
          t('questions.sheet.case', { title: s.c.title || t('cases.untitledNoDiagnosis') }),
        ],
        doctorLabel: t('questions.sheet.doctor'),
        dateLabel: t('questions.sheet.date'),
        importantHeading: t('questions.sheet.important'),
        othersHeading: split.important.length > 0 ? t('questions.sheet.others') : t('questions.sheet.all'),
        pageLabel: (n, total) => t('questions.sheet.page', { n, total }),
        important: split.important.map((q) => q.text),
        others: split.others.map((q) => q.text),
        createdAt: new Date(s.now),
      });
      // The file name says nothing about the person or the illness.
      return file(pdf, 'application/pdf', 'questions-to-ask.pdf');
    });

    // ---------- doctors' answers ----------

    const answersIndex = async (s: CaseScope, form: FormState | null, status = 200) => {
      await act.openQuestionList(s, signals);
      const [active, doctors, answers] = [
        await listQuestions(s.trx, s.caseId),
        await listDoctors(s.trx, s.caseId),
        await listAnswers(s.trx, s.caseId),
      ];
      await s.record('questions.answers.view', 'case', s.caseId);
      const byQuestion: Record<string, Record<string, string>> = {};
      for (const a of answers) (byQuestion[a.questionId] ??= {})[a.doctorId] = a.answer;
      // The first doctor's name is the likely first entry.
      const start = form ?? emptyForm({ name: doctors.length === 0 ? (s.c.doctorName ?? '') : '' });
      return page(
        (ctx) =>
          h(AnswersIndexPage, {
            ctx,
            c: s.c,
            doctors,
            questions: active.map((q) => show(q, ctx.t)),
            answers: byQuestion,
            form: start,
          }),
        status,
      );
    };

    r.casePage('GET', '/cases/:caseId/questions/answers', { can: 'view' }, (s) => answersIndex(s, null));

    r.casePage('POST', '/cases/:caseId/questions/answers', { can: 'edit' }, async (s, { form: values }) => {
      const parsed = parseWith(doctorSchema, values);
      if (!parsed.ok) return answersIndex(s, { values, errors: parsed.errors }, 400);
      await act.openQuestionList(s, signals);
      const added = await act.addAnsweringDoctor(s, parsed.data.name);
      if (!added.ok) return answersIndex(s, { values, errors: added.errors }, 400);
      return redirect(`${questionsBase(s.caseId)}/answers/${added.value}`, 'questions.answers.added');
    });

    const doctorPage = async (s: CaseScope, doctorId: string, form: FormState | null, status = 200) => {
      await act.openQuestionList(s, signals);
      const doctor = await act.answeringDoctor(s, doctorId);
      const active = await listQuestions(s.trx, s.caseId);
      const answers = await listAnswers(s.trx, s.caseId, doctorId);
      await s.record('questions.answers.view', 'question_doctor', doctorId);
      const values: FormValues = Object.fromEntries(answers.map((a) => [`answer-${a.questionId}`, a.answer]));
      return page(
        (ctx) =>
          h(DoctorAnswersPage, {
            ctx,
            c: s.c,
            doctor,
            questions: active.map((q) => show(q, ctx.t)),
            form: form ?? emptyForm(values),
          }),
        status,
      );
    };

    r.casePage('GET', '/cases/:caseId/questions/answers/:questionDoctorId', { can: 'edit' }, (s, { params }) =>
      doctorPage(s, params.questionDoctorId!, null),
    );

    r.casePage(
      'POST',
      '/cases/:caseId/questions/answers/:questionDoctorId',
      { can: 'edit' },
      async (s, { params, form: values }) => {
        await act.openQuestionList(s, signals);
        const saved = await act.saveDoctorAnswers(s, params.questionDoctorId!, values);
        if (!saved.ok) return doctorPage(s, params.questionDoctorId!, { values, errors: saved.errors }, 400);
        return redirect(`${questionsBase(s.caseId)}/answers`, 'questions.answers.saved');
      },
    );

    // ---------- JSON API ----------

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/questions',
      {
        can: 'view',
        schema: api.ops.list,
      },
      async (s) => api.presentList(s.caseId, await act.viewQuestionList(s, signals)),
    );

    r.caseApi(
      'POST',
      '/api/v1/cases/:caseId/questions',
      {
        can: 'edit',
        schema: api.ops.add,
      },
      async (s, { body }) => {
        await act.openQuestionList(s, signals);
        const important = body.important ?? false;
        const id = unwrap(
          body.bankId
            ? await act.addBankQuestion(s, body.bankId, important)
            : await act.addOwnQuestion(s, { text: body.text!, important }),
        );
        return json(api.presentQuestion((await findQuestion(s.trx, s.caseId, id))!), 201);
      },
    );

    r.caseApi(
      'PATCH',
      '/api/v1/cases/:caseId/questions/:questionId',
      {
        can: 'edit',
        schema: api.ops.patch,
      },
      async (s, { params, body }) => {
        await act.openQuestionList(s, signals);
        return api.presentQuestion(unwrap(await act.patchQuestion(s, params.questionId, body)));
      },
    );

    r.caseApi(
      'DELETE',
      '/api/v1/cases/:caseId/questions/:questionId',
      {
        can: 'edit',
        schema: api.ops.remove,
      },
      async (s, { params }) => {
        await act.openQuestionList(s, signals);
        await act.removeQuestion(s, params.questionId);
        return empty();
      },
    );

    r.caseApi(
      'PUT',
      '/api/v1/cases/:caseId/questions/ready',
      {
        can: 'edit',
        schema: api.ops.ready,
      },
      async (s, { body }) => {
        await act.openQuestionList(s, signals);
        return act.setListReady(s, body.ready);
      },
    );

    r.caseApi(
      'POST',
      '/api/v1/cases/:caseId/questions/doctors',
      {
        can: 'edit',
        schema: api.ops.addDoctor,
      },
      async (s, { body }) => {
        await act.openQuestionList(s, signals);
        const id = unwrap(await act.addAnsweringDoctor(s, body.name));
        return json({ id, name: body.name }, 201);
      },
    );

    r.caseApi(
      'PUT',
      '/api/v1/cases/:caseId/questions/:questionId/answers/:questionDoctorId',
      {
        can: 'edit',
        schema: api.ops.answer,
      },
      async (s, { params, body }) => {
        await act.openQuestionList(s, signals);
        await act.saveAnswer(s, params.questionId, params.questionDoctorId, body.answer);
        return { questionId: params.questionId, doctorId: params.questionDoctorId, answer: body.answer };
      },
    );
  };
}
