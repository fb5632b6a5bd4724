import type { OpinionSource, OpinionStatus } from '../../src/features/opinions/opinions.ts';
import { insertOpinion, type StoredOpinion } from '../../src/features/opinions/opinions-store.ts';
import type { Deps } from '../../src/platform/deps.ts';

/** An opinion on a case, straight through the store (tests of other things need one quickly). */
export async function buildOpinion(
  deps: Deps,
  user: { userId: string; patientId: string },
  caseId: string,
  overrides: Partial<StoredOpinion> & { status?: OpinionStatus; source?: OpinionSource } = {},
): Promise<string> {
  const { status, source, ...fields } = overrides;
  const stored: StoredOpinion = {
    doctorName: 'Dr. Grace Hopper',
    doctorSpecialty: 'Breast surgeon',
    doctorNpi: null,
    doctorPractice: null,
    givenOn: '2026-11-20',
    givenHow: 'visit',
    diagnoses: [{ text: 'Breast cancer, left', code: 'C50.912' }],
    stageStatus: null,
    prognosis: null,
    goal: 'cure',
    optionsDiscussed: null,
    plan: [{ category: 'surgery', details: 'Mastectomy' }],
    urgency: 'within_weeks',
    furtherTests: null,
    trials: null,
    answers: [],
    notes: null,
    ...fields,
  };
  return insertOpinion(
    deps.db,
    deps.clock.now().toISOString(),
    { caseId, patientId: user.patientId, userId: user.userId },
    stored,
    {
      status: status ?? 'accepted',
      source: source ?? 'person',
    },
  );
}
