import type { PlanInput } from '../../src/features/coverage/coverage.ts';
import { insertCall, savePlan } from '../../src/features/coverage/coverage-store.ts';
import type { AppointmentInput, CandidateInput } from '../../src/features/doctors/doctors.ts';
import { insertAppointment, insertCandidate } from '../../src/features/doctors/doctors-store.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { addTask } from '../../src/platform/tasks/tasks-store.ts';

// Builders for steps 4-5 and tasks: straight through the stores, like the others.

async function patientOf(deps: Deps, caseId: string): Promise<string> {
  const r = await deps.db.selectFrom('cases').select('patient_id').where('id', '=', caseId).executeTakeFirstOrThrow();
  return r.patient_id;
}

const now = (deps: Deps) => deps.clock.now().toISOString();

export async function buildPlan(
  deps: Deps,
  user: { userId: string },
  caseId: string,
  overrides: Partial<PlanInput> = {},
): Promise<void> {
  await savePlan(deps.db, { caseId, patientId: await patientOf(deps, caseId) }, user.userId, now(deps), {
    planType: overrides.planType ?? 'medicare_advantage_hmo',
    insurer: overrides.insurer ?? 'Acme Health',
    memberId: overrides.memberId ?? 'XYZ123456789',
    planPhone: overrides.planPhone ?? '1-800-555-0100',
  });
}

export async function buildCall(deps: Deps, user: { userId: string }, caseId: string): Promise<string> {
  return insertCall(deps.db, { caseId, patientId: await patientOf(deps, caseId) }, user.userId, now(deps), {
    calledOn: '2026-11-26',
    calledTime: '10:15',
    summary: 'No referral needed.',
  } as never);
}

export async function buildCandidate(
  deps: Deps,
  user: { userId: string },
  caseId: string,
  overrides: Partial<CandidateInput> = {},
): Promise<string> {
  return insertCandidate(deps.db, { caseId, patientId: await patientOf(deps, caseId) }, user.userId, now(deps), {
    name: overrides.name ?? 'Dr. Grace Hopper',
    specialty: overrides.specialty ?? 'Breast surgery',
    practice: overrides.practice,
    phone: overrides.phone ?? '312-555-0100',
    address: overrides.address,
    inNetwork: overrides.inNetwork ?? 'unknown',
    notes: overrides.notes,
  });
}

export async function buildAppointment(
  deps: Deps,
  user: { userId: string },
  caseId: string,
  candidateId: string,
  overrides: Partial<AppointmentInput> = {},
): Promise<string> {
  return insertAppointment(
    deps.db,
    { caseId, patientId: await patientOf(deps, caseId) },
    candidateId,
    user.userId,
    now(deps),
    {
      date: overrides.date ?? '2026-12-10',
      time: overrides.time ?? '10:30',
      mode: overrides.mode ?? 'in_person',
      place: overrides.place ?? '1 Main St, Chicago',
      notes: overrides.notes,
    },
  );
}

export async function buildTask(
  deps: Deps,
  user: { userId: string },
  caseId: string,
  overrides: Partial<{
    title: string;
    dueOn: string | null;
    step: string;
    kind: string;
    sourceType: string;
    sourceId: string;
  }> = {},
): Promise<string> {
  return addTask(deps.db, now(deps), user.userId, {
    caseId,
    patientId: await patientOf(deps, caseId),
    step: overrides.step ?? 'custom',
    kind: overrides.kind ?? 'custom',
    title: overrides.title ?? 'Ask my daughter to drive me',
    dueOn: overrides.dueOn === undefined ? '2026-11-30' : overrides.dueOn,
    sourceType: overrides.sourceType,
    sourceId: overrides.sourceId,
  });
}
