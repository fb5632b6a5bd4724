import { z } from 'zod';
import { QUESTION_BANK } from '../../content/question-bank.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { idParam } from '../../platform/validation.ts';
import {
  answerSchema,
  bankSourceOf,
  doctorSchema,
  newQuestionSchema,
  type QuestionRecord,
  questionPatchSchema,
  questionText,
} from './questions.ts';
import type * as act from './questions-actions.ts';

// The questions API's shapes: what each operation takes and answers (also the OpenAPI
// document), and how records are presented. Routes stay adapters (ADR 0014).

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
  answers: z.array(
    z.object({ doctorId: z.string(), doctorName: z.string(), answer: z.string(), updatedAt: z.string() }),
  ),
});
const doctorOut = z.object({ id: z.string(), name: z.string() });
const listOut = z.object({
  caseId: z.string(),
  ready: z.boolean(),
  readyAt: z.string().nullable(),
  questions: z.array(questionOut),
  removed: z.array(questionOut),
  doctors: z.array(doctorOut),
  suggestions: z.array(
    z.object({ bankId: z.string(), text: z.string(), topic: z.string(), source: sourceOut, fitsCase: z.boolean() }),
  ),
});
const caseParams = z.object({ caseId: idParam });
const questionParams = z.object({ caseId: idParam, questionId: idParam });

export function presentQuestion(
  q: QuestionRecord,
  answers: { doctorId: string; doctorName: string; answer: string; updatedAt: string }[] = [],
) {
  const bank = q.bankId ? QUESTION_BANK.find((b) => b.id === q.bankId) : undefined;
  return {
    id: q.id,
    text: questionText(q, en),
    bankId: q.bankId,
    topic: bank?.topic ?? null,
    source: bankSourceOf(q)?.source ?? null,
    own: q.bankId === null,
    important: q.important,
    position: q.position,
    removed: q.removedAt !== null,
    answers,
  };
}

export function presentList(caseId: string, v: act.QuestionListView) {
  const names = new Map(v.doctors.map((d) => [d.id, d.name]));
  const present = (q: QuestionRecord) =>
    presentQuestion(
      q,
      v.answers.filter((a) => a.questionId === q.id).map((a) => ({ ...a, doctorName: names.get(a.doctorId) ?? '' })),
    );
  return {
    caseId,
    ready: !!v.readyAt,
    readyAt: v.readyAt,
    questions: v.active.map(present),
    removed: v.removed.map(present),
    doctors: v.doctors.map((d) => ({ id: d.id, name: d.name })),
    suggestions: [
      ...v.suggested.map((q) => ({ q, fitsCase: true })),
      ...v.other.map((q) => ({ q, fitsCase: false })),
    ].map(({ q, fitsCase }) => ({
      bankId: q.id,
      text: en(q.text),
      topic: q.topic,
      source: q.source,
      fitsCase,
    })),
  };
}

/** Each operation's schema: tags, summary, params, body and answers. */
export const ops = {
  list: {
    tags: ['questions'],
    summary: 'The questions to ask for a case (made from the question bank on first use), doctors and their answers',
    params: caseParams,
    response: { 200: listOut },
  },
  add: {
    tags: ['questions'],
    summary: 'Add a question: your own words (text), or a suggested one (bankId). It goes at the end of the list.',
    params: caseParams,
    body: newQuestionSchema,
    response: { 201: questionOut },
  },
  patch: {
    tags: ['questions'],
    summary:
      'Change a question: its words, whether it is most important, its place in the list (1 = first), or put a removed one back (removed: false)',
    params: questionParams,
    body: questionPatchSchema,
    response: { 200: questionOut },
  },
  remove: {
    tags: ['questions'],
    summary:
      'Take a question off the list. It is kept, with its answers, and can be put back with PATCH removed: false.',
    params: questionParams,
    response: { 204: z.null() },
  },
  ready: {
    tags: ['questions'],
    summary: 'Say the list is ready (journey step 3 done), or not yet',
    params: caseParams,
    body: z.object({ ready: z.boolean('errors.chooseOne') }),
    response: { 200: z.object({ ready: z.boolean(), readyAt: z.string().nullable() }) },
  },
  addDoctor: {
    tags: ['questions'],
    summary: 'Add a doctor whose answers you will write down (a name for this case)',
    params: caseParams,
    body: doctorSchema,
    response: { 201: doctorOut },
  },
  answer: {
    tags: ['questions'],
    summary: 'Write down one doctor’s answer to one question ("" clears it)',
    params: z.object({ caseId: idParam, questionId: idParam, questionDoctorId: idParam }),
    body: answerSchema,
    response: { 200: z.object({ questionId: z.string(), doctorId: z.string(), answer: z.string() }) },
  },
};
