import crypto from 'node:crypto';
import type {
  AllergyIntolerance,
  Bundle,
  BundleEntry,
  CarePlan,
  ClinicalImpression,
  CodeableConcept,
  Coding,
  Condition,
  Coverage,
  DiagnosticReport,
  DocumentReference,
  Encounter,
  ImagingStudy,
  Immunization,
  MedicationStatement,
  Observation,
  Patient,
  Practitioner,
  PractitionerRole,
  Procedure,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import type { PlanRecord, PlanType } from '../coverage/coverage.ts';
import type { OpinionRecord } from '../opinions/opinions.ts';
import { type DocumentKind, type DocumentRecord, downloadName } from '../records/documents.ts';
import type { TimelineItem } from '../records/timeline.ts';

// The case as a FHIR R4 Bundle, for a doctor's system. Pure: the case's data in, the
// Bundle out. Imported items are kept as rows, not as the resources they came from, so
// each is mapped back to the FHIR resource that fits it best (ADR 0193).

export interface FhirCaseData {
  case: CaseContext;
  /** The case's documents (archived ones already left out). */
  documents: DocumentRecord[];
  /** Items read from portal exports; only those from the documents above are used. */
  items: TimelineItem[];
  /** Every opinion on the case; only accepted ones are exported. */
  opinions: OpinionRecord[];
  coverage: PlanRecord | null;
}

export interface FhirExportOptions {
  /** The app's public address, for links to each document's bytes. */
  baseUrl: string;
  /** When the export was made (ISO-8601 instant). */
  now: string;
  t: Translate;
}

export const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
export const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** RFC 3986: the identifier's value is itself a URI (here an RFC 6920 ni: content hash). */
export const URI_SYSTEM = 'urn:ietf:rfc:3986';
const LOINC = 'http://loinc.org';
const SOPT = 'https://nahdo.org/sopt';

/** The short names imports.ts keeps, back to the code system URLs FHIR uses. */
const SYSTEM_URLS: Record<string, string> = {
  'SNOMED CT': 'http://snomed.info/sct',
  LOINC,
  RxNorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  'ICD-10-CM': ICD10CM_SYSTEM,
  CVX: 'http://hl7.org/fhir/sid/cvx',
  CPT: 'http://www.ama-assn.org/go/cpt',
  NDC: 'http://hl7.org/fhir/sid/ndc',
};

/** LOINC document types, only for the kinds that have a clear one; the rest carry words only. */
const DOCUMENT_LOINC: Partial<Record<DocumentKind, { code: string; display: string }>> = {
  pathology: { code: '11526-1', display: 'Pathology study' },
  imaging: { code: '18748-4', display: 'Diagnostic imaging study' },
  lab: { code: '11502-2', display: 'Laboratory report' },
  operative_note: { code: '11504-8', display: 'Surgical operation note' },
  clinic_note: { code: '11506-3', display: 'Progress note' },
};

/**
 * Source of Payment Typology codes, only where the plan type maps to one code without
 * guessing; the plan's own name always travels as text.
 */
const PAYMENT_TYPOLOGY: Partial<Record<PlanType, { code: string; display: string }>> = {
  original_medicare: { code: '121', display: 'Medicare FFS' },
  medicare_advantage_hmo: { code: '111', display: 'Medicare HMO' },
  medicare_advantage_ppo: { code: '112', display: 'Medicare PPO' },
  private_ppo: { code: '5', display: 'PRIVATE HEALTH INSURANCE' },
  private_hmo: { code: '5', display: 'PRIVATE HEALTH INSURANCE' },
  private_epo: { code: '5', display: 'PRIVATE HEALTH INSURANCE' },
  private_pos: { code: '5', display: 'PRIVATE HEALTH INSURANCE' },
  medicaid_ffs: { code: '22', display: 'Medicaid (Non-managed Care Plan)' },
  medicaid_managed_care: { code: '21', display: 'Medicaid (Managed Care)' },
};

const DEFAULT_PAYOR: Partial<Record<PlanType, MessageKey>> = {
  original_medicare: 'fhir.coverage.medicare',
  tricare: 'fhir.coverage.tricare',
  va: 'fhir.coverage.va',
};

// ---------- small, strict helpers: every value is checked against FHIR's own rules ----------

/** FHIR's date pattern (a year, a month or a day); anything else is left out. */
const DATE_RE = /^([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1]))?)?$/;
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function fhirDate(v: string | null | undefined): string | undefined {
  return v && DATE_RE.test(v) ? v : undefined;
}
function instant(v: string | null | undefined): string | undefined {
  return v && INSTANT_RE.test(v) ? v : undefined;
}
/** A FHIR string may not be empty or blank. */
function str(v: string | null | undefined): string | undefined {
  return v?.trim() ? v : undefined;
}
/** A FHIR code: no leading, trailing or double whitespace. */
function code(v: string | null | undefined): string | undefined {
  const s = v?.trim().replace(/\s+/g, ' ');
  return s ? s : undefined;
}
function systemUrl(short: string | null): string | undefined {
  if (!short) return undefined;
  if (SYSTEM_URLS[short]) return SYSTEM_URLS[short];
  // imports.ts cuts long URLs to 80 characters; a cut one is no longer a system.
  return /^(https?:\/\/|urn:)\S+$/.test(short) && short.length < 80 ? short : undefined;
}

/** A name-based UUID (RFC 4122 version 5): the same thing exported twice keeps its id. */
export function stableUuid(...parts: string[]): string {
  const h = crypto.createHash('sha1').update(parts.join('\u001f')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** Drops undefined values, empty arrays and empty objects: FHIR allows none of them. */
export function prune<T>(v: T): T {
  if (Array.isArray(v)) return v.map(prune).filter((x) => x !== undefined && !isEmpty(x)) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) {
      if (val === undefined || val === null) continue;
      const p = prune(val);
      if (!isEmpty(p)) out[k] = p;
    }
    return out as T;
  }
  return v;
}
function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (v && typeof v === 'object') return Object.keys(v).length === 0;
  return v === '' || v === undefined;
}

// Typed as whatever the field wants: FHIR's per-field target lists are checked by the validator test.
// biome-ignore lint/suspicious/noExplicitAny: a reference may point at any resource type; callers narrow it
const ref = <T extends Resource = any>(r: Resource): Reference<T> => ({ reference: `urn:uuid:${r.id}` });

function itemConcept(i: Pick<TimelineItem, 'display' | 'codeSystem' | 'code'>): CodeableConcept {
  const system = systemUrl(i.codeSystem);
  const c = code(i.code);
  const coding: Coding[] = system && c ? [{ system, code: c, display: str(i.display) }] : [];
  return { coding, text: str(i.display) };
}

function oneOf<T extends string>(allowed: readonly T[], v: string | null, fallback: T): T;
function oneOf<T extends string>(allowed: readonly T[], v: string | null): T | undefined;
function oneOf<T extends string>(allowed: readonly T[], v: string | null, fallback?: T): T | undefined {
  const s = v?.trim().toLowerCase();
  return s && (allowed as readonly string[]).includes(s) ? (s as T) : fallback;
}

// ---------- the mapping ----------

/** What the export holds, counted by resource type (the API test compares these). */
export function countResources(bundle: Bundle): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of bundle.entry ?? [])
    if (e.resource) out[e.resource.resourceType] = (out[e.resource.resourceType] ?? 0) + 1;
  return out;
}

export function caseToFhirBundle(data: FhirCaseData, opts: FhirExportOptions): Bundle {
  const { t } = opts;
  const c = data.case;
  const id = (...parts: string[]) => stableUuid('second-opinion', c.id, ...parts);
  const resources: Resource[] = [];
  const add = <R extends Resource>(r: R): R => {
    const clean = prune(r);
    resources.push(clean);
    return clean;
  };

  const patient = add<Patient>({
    resourceType: 'Patient',
    id: id('Patient', c.patientId),
    name: [{ text: str(c.patientName) }],
    birthDate: fhirDate(c.patientDateOfBirth),
    address: c.patientZip ? [{ postalCode: c.patientZip }] : undefined,
  });
  const subject = ref(patient);

  // Doctors appear once each, however many opinions name them: by NPI, else by name.
  const practitioners = new Map<string, Practitioner>();
  const practitioner = (
    name: string | null,
    npi: string | null,
    specialty: string | null,
    practice: string | null,
  ): Practitioner | undefined => {
    if (!str(name)) return undefined;
    const key = npi ? `npi:${npi}` : `name:${name!.trim().toLowerCase()}`;
    const seen = practitioners.get(key);
    if (seen) return seen;
    const p = add<Practitioner>({
      resourceType: 'Practitioner',
      id: id('Practitioner', key),
      identifier: npi ? [{ system: NPI_SYSTEM, value: npi }] : undefined,
      name: [{ text: name!.trim() }],
    });
    practitioners.set(key, p);
    if (str(specialty) || str(practice)) {
      // Specialty belongs to the doctor's role, not to the person (FHIR R4 Practitioner has no specialty).
      add<PractitionerRole>({
        resourceType: 'PractitionerRole',
        id: id('PractitionerRole', key),
        practitioner: ref(p),
        organization: str(practice) ? { display: practice!.trim() } : undefined,
        specialty: str(specialty) ? [{ text: specialty!.trim() }] : undefined,
      });
    }
    return p;
  };

  // ---- what the first doctor said and proposed ----
  const firstDoctor = practitioner(c.doctorName, null, c.doctorSpecialty, null);
  let firstCondition: Condition | undefined;
  if (c.diagnosisStatus === 'diagnosed' && str(c.diagnosis)) {
    firstCondition = add<Condition>({
      resourceType: 'Condition',
      id: id('Condition', 'first'),
      code: { text: c.diagnosis! },
      subject,
      recordedDate: fhirDate(c.toldOn),
      asserter: firstDoctor ? ref(firstDoctor) : undefined,
      note: [{ text: t('fhir.note.firstDoctor') }],
    });
  }
  if (str(c.proposedTreatment)) {
    add<CarePlan>({
      resourceType: 'CarePlan',
      id: id('CarePlan', 'first'),
      status: 'draft',
      intent: 'proposal',
      subject,
      description: c.proposedTreatment!,
      created: fhirDate(c.toldOn),
      author: firstDoctor ? ref(firstDoctor) : undefined,
      addresses: firstCondition ? [ref(firstCondition)] : undefined,
      note: [{ text: t('fhir.note.firstPlan') }],
    });
  }

  // ---- the documents ----
  const docRefs = new Map<string, DocumentReference>();
  for (const d of data.documents) {
    const loinc = DOCUMENT_LOINC[d.kind];
    const contentType = /^[^\s]+(\s[^\s]+)*$/.test(d.mediaType) ? d.mediaType : 'application/octet-stream';
    const doc = add<DocumentReference>({
      resourceType: 'DocumentReference',
      id: id('DocumentReference', d.id),
      // FHIR's attachment.hash is SHA-1 and we keep only SHA-256 (computing SHA-1 would mean
      // decrypting every file for each export). The SHA-256 travels as an RFC 6920 "ni" URI
      // instead, which any system can check against the bytes it downloads.
      identifier: /^[0-9a-f]{64}$/.test(d.sha256)
        ? [{ system: URI_SYSTEM, value: `ni:///sha-256;${Buffer.from(d.sha256, 'hex').toString('base64url')}` }]
        : undefined,
      status: 'current',
      type: {
        coding: loinc ? [{ system: LOINC, ...loinc }] : undefined,
        text: t(`records.kind.${d.kind}` as MessageKey),
      },
      subject,
      date: instant(d.createdAt),
      author: str(d.provider) ? [{ display: d.provider! }] : undefined,
      description: str(d.title),
      content: [
        {
          attachment: {
            contentType,
            url: `${opts.baseUrl}/api/v1/documents/${d.id}/content`,
            size:
              Number.isSafeInteger(d.sizeBytes) && d.sizeBytes >= 0 && d.sizeBytes < 2 ** 31 ? d.sizeBytes : undefined,
            title: str(downloadName(d)),
            creation: fhirDate(d.documentDate),
          },
        },
      ],
      context: fhirDate(d.documentDate) ? { period: { start: d.documentDate! } } : undefined,
    });
    docRefs.set(d.id, doc);
  }

  // ---- items read from portal exports ----
  for (const i of data.items) {
    const source = docRefs.get(i.documentId);
    // Only items from this case's documents: everything referenced must be in the bundle.
    if (!source) continue;
    const rid = id(i.category, i.id);
    const start = fhirDate(i.startedOn);
    const end = fhirDate(i.endedOn);
    const concept = itemConcept(i);
    const place = str(i.place) ? { display: i.place! } : undefined;
    switch (i.category) {
      case 'condition': {
        const clinical = oneOf(
          ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'] as const,
          i.status,
        );
        // FHIR (con-4): an abated condition must be inactive, resolved or in remission; when the
        // record says otherwise, its end date goes in a note rather than being dropped.
        const abatedOk = clinical === 'inactive' || clinical === 'resolved' || clinical === 'remission';
        add<Condition>({
          resourceType: 'Condition',
          id: rid,
          clinicalStatus: clinical
            ? { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: clinical }] }
            : undefined,
          code: concept,
          subject,
          onsetDateTime: start,
          abatementDateTime: end && abatedOk ? end : undefined,
          evidence: [{ detail: [ref(source)] }],
          note: end && !abatedOk ? [{ text: t('fhir.note.endDate', { date: end }) }] : undefined,
        });
        break;
      }
      case 'medication':
        add<MedicationStatement>({
          resourceType: 'MedicationStatement',
          id: rid,
          status: oneOf(
            [
              'active',
              'completed',
              'entered-in-error',
              'intended',
              'stopped',
              'on-hold',
              'unknown',
              'not-taken',
            ] as const,
            i.status,
            'unknown',
          ),
          medicationCodeableConcept: concept,
          subject,
          effectivePeriod: start || end ? { start, end } : undefined,
          derivedFrom: [ref(source)],
          dosage: str(i.value) ? [{ text: i.value! }] : undefined,
        });
        break;
      case 'allergy': {
        const clinical = oneOf(['active', 'inactive', 'resolved'] as const, i.status);
        add<AllergyIntolerance>({
          resourceType: 'AllergyIntolerance',
          id: rid,
          // FHIR (ait-1) needs a clinical status. With none given, an allergy is kept as
          // active: the safe reading for a doctor, and the note says so.
          clinicalStatus: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
                code: clinical ?? 'active',
              },
            ],
          },
          code: concept,
          patient: subject,
          onsetDateTime: start,
          reaction: str(i.value) ? [{ manifestation: [{ text: i.value! }] }] : undefined,
          note: clinical ? undefined : [{ text: t('fhir.note.allergyStatus') }],
        });
        break;
      }
      case 'procedure':
        add<Procedure>({
          resourceType: 'Procedure',
          id: rid,
          status: oneOf(
            [
              'preparation',
              'in-progress',
              'not-done',
              'on-hold',
              'stopped',
              'completed',
              'entered-in-error',
              'unknown',
            ] as const,
            i.status,
            'unknown',
          ),
          code: concept,
          subject,
          performedPeriod: end ? { start, end } : undefined,
          performedDateTime: end ? undefined : start,
          location: place,
          report: [ref(source)],
        });
        break;
      case 'lab':
      case 'vital':
        add<Observation>({
          resourceType: 'Observation',
          id: rid,
          status: oneOf(
            [
              'registered',
              'preliminary',
              'final',
              'amended',
              'corrected',
              'cancelled',
              'entered-in-error',
              'unknown',
            ] as const,
            i.status,
            'unknown',
          ),
          category: [
            {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/observation-category',
                  code: i.category === 'lab' ? 'laboratory' : 'vital-signs',
                },
              ],
            },
          ],
          code: concept,
          subject,
          effectiveDateTime: start,
          // Kept as the words the record gave ("120 mm[Hg]"): the import keeps no separate number and unit.
          valueString: str(i.value),
          derivedFrom: [ref(source)],
        });
        break;
      case 'encounter':
        add<Encounter>({
          resourceType: 'Encounter',
          id: rid,
          status: oneOf(
            [
              'planned',
              'arrived',
              'triaged',
              'in-progress',
              'onleave',
              'finished',
              'cancelled',
              'entered-in-error',
              'unknown',
            ] as const,
            i.status,
            'unknown',
          ),
          // Required by FHIR, and not kept by the import: "unknown" rather than a guess.
          class: { system: 'http://terminology.hl7.org/CodeSystem/v3-NullFlavor', code: 'UNK', display: 'unknown' },
          type: [concept],
          subject,
          period: start || end ? { start, end } : undefined,
          location: place ? [{ location: place }] : undefined,
        });
        break;
      case 'immunization':
        add<Immunization>({
          resourceType: 'Immunization',
          id: rid,
          // A portal lists the shots that were given; only an explicit "not done" says otherwise.
          status: oneOf(['completed', 'not-done', 'entered-in-error'] as const, i.status, 'completed'),
          vaccineCode: concept,
          patient: subject,
          occurrenceDateTime: start,
          occurrenceString: start ? undefined : t('fhir.note.dateUnknown'),
          location: place,
        });
        break;
      case 'report':
        add<DiagnosticReport>({
          resourceType: 'DiagnosticReport',
          id: rid,
          status: oneOf(
            [
              'registered',
              'partial',
              'preliminary',
              'final',
              'amended',
              'corrected',
              'appended',
              'cancelled',
              'entered-in-error',
              'unknown',
            ] as const,
            i.status,
            'unknown',
          ),
          code: concept,
          subject,
          effectiveDateTime: start,
          conclusion: str(i.value),
        });
        break;
      case 'imaging':
        add<ImagingStudy>({
          resourceType: 'ImagingStudy',
          id: rid,
          status: oneOf(
            ['registered', 'available', 'cancelled', 'entered-in-error', 'unknown'] as const,
            i.status,
            'unknown',
          ),
          subject,
          started: start,
          procedureCode: concept.coding?.length ? [concept] : undefined,
          description: str(i.display),
          location: place,
          note: str(i.value) ? [{ text: i.value! }] : undefined,
        });
        break;
    }
  }

  // ---- each accepted opinion: the doctor, the diagnoses, the impression, the plan ----
  for (const o of data.opinions) {
    // Pending ones wait for the person to accept them; discarded ones were set aside.
    if (o.status !== 'accepted') continue;
    const doctor = practitioner(o.doctorName, o.doctorNpi, o.doctorSpecialty, o.doctorPractice);
    const diagnoses: Condition[] = [];
    o.diagnoses.forEach((d, n) => {
      const text = str(d.text) ?? str(d.code);
      if (!text) return;
      diagnoses.push(
        add<Condition>({
          resourceType: 'Condition',
          id: id('Opinion', o.id, 'Condition', String(n)),
          code: { coding: code(d.code) ? [{ system: ICD10CM_SYSTEM, code: code(d.code) }] : undefined, text },
          subject,
          recordedDate: fhirDate(o.givenOn),
          asserter: doctor ? ref(doctor) : undefined,
          stage: n === 0 && str(o.stageStatus) ? [{ summary: { text: o.stageStatus! } }] : undefined,
        }),
      );
    });
    const lines = [
      str(o.stageStatus) && t('fhir.opinion.stage', { text: o.stageStatus! }),
      o.goal && t('fhir.opinion.goal', { text: t(`opinions.goal.${o.goal}` as MessageKey) }),
      str(o.optionsDiscussed) && t('fhir.opinion.options', { text: o.optionsDiscussed! }),
      ...o.plan.map((p) =>
        t('fhir.opinion.plan', {
          text: [t(`opinions.category.${p.category}` as MessageKey), p.details].filter(Boolean).join(': '),
        }),
      ),
      o.urgency && t('fhir.opinion.urgency', { text: t(`cases.urgency.${o.urgency}` as MessageKey) }),
      str(o.furtherTests) && t('fhir.opinion.tests', { text: o.furtherTests! }),
      str(o.trials) && t('fhir.opinion.trials', { text: o.trials! }),
      ...o.answers
        .filter((a) => str(a.answer))
        .map((a) => t('fhir.opinion.answer', { question: a.question, answer: a.answer! })),
      str(o.notes) && t('fhir.opinion.notes', { text: o.notes! }),
    ].filter((l): l is string => !!l);
    add<ClinicalImpression>({
      resourceType: 'ClinicalImpression',
      id: id('Opinion', o.id),
      status: 'completed',
      description: t('fhir.opinion.description', { name: o.doctorName }),
      subject,
      effectiveDateTime: fhirDate(o.givenOn),
      date: fhirDate(o.givenOn),
      assessor: doctor ? ref(doctor) : undefined,
      finding: diagnoses.map((d) => ({ itemReference: ref(d) })),
      prognosisCodeableConcept: str(o.prognosis) ? [{ text: o.prognosis! }] : undefined,
      note: lines.map((text) => ({ text })),
    });
    if (o.plan.length > 0) {
      add<CarePlan>({
        resourceType: 'CarePlan',
        id: id('Opinion', o.id, 'CarePlan'),
        status: 'draft',
        intent: 'proposal',
        subject,
        created: fhirDate(o.givenOn),
        author: doctor ? ref(doctor) : undefined,
        addresses: diagnoses.map(ref),
        activity: o.plan.map((p) => ({
          detail: {
            status: 'not-started',
            code: { text: t(`opinions.category.${p.category}` as MessageKey) },
            description: str(p.details),
          },
        })),
      });
    }
  }

  // ---- coverage ----
  const plan = data.coverage;
  if (plan && plan.planType !== 'uninsured' && !(plan.planType === 'not_sure' && !str(plan.insurer))) {
    const sop = PAYMENT_TYPOLOGY[plan.planType];
    const fallback = DEFAULT_PAYOR[plan.planType];
    add<Coverage>({
      resourceType: 'Coverage',
      id: id('Coverage'),
      status: 'active',
      type:
        plan.planType === 'not_sure'
          ? undefined
          : {
              coding: sop ? [{ system: SOPT, ...sop }] : undefined,
              text: t(`coverage.planType.${plan.planType}` as MessageKey),
            },
      subscriberId: str(plan.memberId),
      beneficiary: subject,
      payor: [{ display: str(plan.insurer) ?? t(fallback ?? 'fhir.coverage.insurerNotGiven') }],
    });
  }

  const entry: BundleEntry[] = resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource }));
  return {
    resourceType: 'Bundle',
    id: stableUuid('second-opinion', c.id, 'Bundle', opts.now),
    meta: { lastUpdated: opts.now },
    type: 'collection',
    timestamp: opts.now,
    entry,
  };
}
