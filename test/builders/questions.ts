import { caseTraits, suggestedQuestions } from '../../src/features/questions/questions.ts';
import {
  addDoctor,
  ensureQuestionList,
  listQuestions,
  saveAnswer,
} from '../../src/features/questions/questions-store.ts';
import { loadCaseContext } from '../../src/platform/case-context.ts';
import type { Deps } from '../../src/platform/deps.ts';

/** A case's question list as the first visit makes it, plus one doctor with one answer. */
export async function buildQuestionList(
  deps: Deps,
  user: { userId: string },
  caseId: string,
  overrides: { doctorName?: string; answer?: string } = {},
): Promise<{ questionId: string; doctorId: string }> {
  const now = deps.clock.now().toISOString();
  const c = await loadCaseContext(deps.db, caseId);
  const ids = { caseId, patientId: c.patientId, userId: user.userId };
  await ensureQuestionList(deps.db, ids, suggestedQuestions(caseTraits(c)), now);
  const questionId = (await listQuestions(deps.db, caseId))[0]!.id;
  const doctorId = await addDoctor(deps.db, ids, overrides.doctorName ?? 'Dr. First', now);
  await saveAnswer(deps.db, ids, questionId, doctorId, overrides.answer ?? 'An answer', now);
  return { questionId, doctorId };
}
