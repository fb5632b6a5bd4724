import type { Queryable } from './db/database.ts';

/**
 * What every journey step needs to know about the case it belongs to: for its headings,
 * breadcrumbs and tailoring (a surgery case gets surgery questions). Read-only; the cases
 * feature owns the table. Call it only after requireCaseAccess.
 */
export interface CaseContext {
  id: string;
  patientId: string;
  patientName: string;
  patientDateOfBirth: string | null;
  patientZip: string | null;
  /** The person's own name for the case, else the diagnosis, else "" (views fall back to a message). */
  title: string;
  diagnosisStatus: 'diagnosed' | 'no_diagnosis';
  diagnosis: string | null;
  symptoms: string | null;
  proposedTreatment: string | null;
  doctorName: string | null;
  doctorSpecialty: string | null;
  toldOn: string | null;
  urgency: string;
  status: 'open' | 'decided';
  archivedAt: string | null;
}

export async function loadCaseContext(db: Queryable, caseId: string): Promise<CaseContext> {
  const r = await db
    .selectFrom('cases as c')
    .innerJoin('patients as p', 'p.id', 'c.patient_id')
    .selectAll('c')
    .select(['p.display_name', 'p.date_of_birth', 'p.zip'])
    .where('c.id', '=', caseId)
    .executeTakeFirstOrThrow();
  return {
    id: r.id,
    patientId: r.patient_id,
    patientName: r.display_name,
    patientDateOfBirth: r.date_of_birth,
    patientZip: r.zip,
    title: r.title || (r.diagnosis_status === 'diagnosed' && r.diagnosis ? r.diagnosis : ''),
    diagnosisStatus: r.diagnosis_status,
    diagnosis: r.diagnosis,
    symptoms: r.symptoms,
    proposedTreatment: r.proposed_treatment,
    doctorName: r.doctor_name,
    doctorSpecialty: r.doctor_specialty,
    toldOn: r.told_on,
    urgency: r.urgency,
    status: r.status,
    archivedAt: r.archived_at,
  };
}
