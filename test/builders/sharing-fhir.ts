import type { PlanRecord } from '../../src/features/coverage/coverage.ts';
import type { OpinionRecord } from '../../src/features/opinions/opinions.ts';
import type { DocumentRecord } from '../../src/features/records/documents.ts';
import type { ImportedItem } from '../../src/features/records/imports.ts';
import type { TimelineItem } from '../../src/features/records/timeline.ts';
import type { FhirCaseData } from '../../src/features/sharing/fhir-export.ts';
import type { CaseContext } from '../../src/platform/case-context.ts';

// Plain records for the pure FHIR export: no database, every field filled, any overridden.

let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

export function fhirCase(o: Partial<CaseContext> = {}): CaseContext {
  return {
    id: uuid(),
    patientId: uuid(),
    patientName: 'Rose Example',
    patientDateOfBirth: '1950-04-28',
    patientZip: '60614',
    title: '',
    diagnosisStatus: 'diagnosed',
    diagnosis: 'Ductal carcinoma of the left breast',
    symptoms: null,
    proposedTreatment: 'Mastectomy',
    doctorName: 'Dr. Ada Lovelace',
    doctorSpecialty: 'Breast surgery',
    toldOn: '2026-11-20',
    urgency: 'right_away',
    status: 'open',
    archivedAt: null,
    ...o,
  };
}

export function fhirDocument(caseId: string, o: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id: uuid(),
    caseId,
    patientId: uuid(),
    blobId: uuid(),
    title: 'Biopsy report',
    kind: 'pathology',
    documentDate: '2026-11-02',
    provider: 'Lakeside Hospital',
    originalName: 'biopsy.pdf',
    mediaType: 'application/pdf',
    detectedType: 'pdf',
    sizeBytes: 12_345,
    sha256: 'a'.repeat(64),
    pageCount: 2,
    textStatus: 'extracted',
    details: {},
    createdAt: '2026-11-25T10:00:00.000Z',
    updatedAt: '2026-11-25T10:00:00.000Z',
    ...o,
  };
}

export function fhirItem(documentId: string, o: Partial<TimelineItem> = {}): TimelineItem {
  return {
    id: uuid(),
    documentId,
    category: 'condition',
    display: 'Hypertension',
    value: null,
    status: 'active',
    startedOn: '2019-03-01',
    endedOn: null,
    place: null,
    codeSystem: 'SNOMED CT',
    code: '38341003',
    ...o,
  };
}

/** Items as the records feature reads them from a portal export, as stored rows. */
export function itemsFromImport(documentId: string, items: ImportedItem[]): TimelineItem[] {
  return items.map((i) => ({ id: uuid(), documentId, ...i, value: i.value }));
}

export function fhirOpinion(caseId: string, o: Partial<OpinionRecord> = {}): OpinionRecord {
  return {
    id: uuid(),
    caseId,
    seq: 1,
    status: 'accepted',
    source: 'person',
    doctorName: 'Dr. Grace Hopper',
    doctorSpecialty: 'Medical oncology',
    doctorNpi: '1234567893',
    doctorPractice: 'City Cancer Center',
    givenOn: '2026-11-26',
    givenHow: 'visit',
    diagnoses: [{ text: 'Malignant neoplasm of unspecified site of left female breast', code: 'C50.912' }],
    stageStatus: 'Stage IIA',
    prognosis: 'Good with treatment',
    goal: 'cure',
    optionsDiscussed: 'Lumpectomy with radiation, or mastectomy',
    plan: [
      { category: 'surgery', details: 'Lumpectomy' },
      { category: 'radiation', details: null },
    ],
    urgency: 'within_weeks',
    furtherTests: 'Genetic testing',
    trials: null,
    answers: [{ questionId: null, question: 'Is it curable?', answer: 'Very likely, yes.' }],
    notes: null,
    createdAt: '2026-11-26T12:00:00.000Z',
    updatedAt: '2026-11-26T12:00:00.000Z',
    version: 1,
    ...o,
  };
}

export function fhirCoverage(caseId: string, o: Partial<PlanRecord> = {}): PlanRecord {
  return {
    caseId,
    patientId: uuid(),
    planType: 'medicare_advantage_hmo',
    insurer: 'Acme Health',
    memberId: 'XYZ123456789',
    planPhone: null,
    priorAuth: { status: 'unknown', number: null, requestedOn: null, expiresOn: null, appealBy: null, notes: null },
    updatedAt: '2026-11-25T10:00:00.000Z',
    version: 1,
    ...o,
  };
}

/** A whole case with one of everything. */
export function fhirCaseData(o: Partial<FhirCaseData> = {}): FhirCaseData {
  const c = o.case ?? fhirCase();
  const doc = fhirDocument(c.id);
  return {
    case: c,
    documents: [doc],
    items: [fhirItem(doc.id)],
    opinions: [fhirOpinion(c.id)],
    coverage: fhirCoverage(c.id),
    ...o,
  };
}
