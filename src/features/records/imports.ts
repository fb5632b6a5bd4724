import crypto from 'node:crypto';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { FilePatient } from './patient-match.ts';

// Structured items read from portal exports (FHIR R4 bundles, and C-CDA through
// imports-ccda.ts which turns it into FHIR first). Pure: resources in, items out.

export const ITEM_CATEGORIES = [
  'condition',
  'medication',
  'allergy',
  'procedure',
  'lab',
  'vital',
  'encounter',
  'immunization',
  'report',
  'imaging',
] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];
export const categoryKey = (c: string) => `records.category.${c}` as MessageKey;

export interface ImportedItem {
  category: ItemCategory;
  codeSystem: string | null;
  code: string | null;
  display: string;
  value: string | null;
  status: string | null;
  /** YYYY-MM-DD (or YYYY-MM / YYYY when that is all the source says). */
  startedOn: string | null;
  endedOn: string | null;
  place: string | null;
}

export interface ImportResult {
  items: ImportedItem[];
  /** Resources or entries that looked clinical but could not be read. */
  skipped: number;
}

/** The same fact from two exports is one item: the key ignores which file it came from. */
export function itemDedupeKey(i: ImportedItem): string {
  const parts = [
    i.category,
    i.codeSystem ?? '',
    i.code ?? '',
    i.display.toLowerCase(),
    i.value ?? '',
    i.startedOn ?? '',
  ];
  return crypto.createHash('sha256').update(parts.join('\u001f')).digest('hex');
}

export function countByCategory(items: ImportedItem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i.category] = (out[i.category] ?? 0) + 1;
  return out;
}

// ---------- FHIR helpers ----------

// biome-ignore lint/suspicious/noExplicitAny: a portal file is untrusted JSON of any shape; every read is checked where it is used
type Json = Record<string, any>;

const SYSTEMS: [RegExp, string][] = [
  [/snomed/i, 'SNOMED CT'],
  [/loinc/i, 'LOINC'],
  [/rxnorm/i, 'RxNorm'],
  [/icd-?10/i, 'ICD-10-CM'],
  [/cvx/i, 'CVX'],
  [/cpt/i, 'CPT'],
  [/ndc/i, 'NDC'],
];

export function shortSystem(url: string | undefined): string | null {
  if (!url) return null;
  for (const [re, name] of SYSTEMS) if (re.test(url)) return name;
  return url.length > 80 ? url.slice(0, 80) : url;
}

function text(v: unknown, max = 500): string | null {
  if (typeof v !== 'string') return null;
  const t = v.replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, max) : null;
}

/** Words and the first code of a CodeableConcept. */
function concept(cc: Json | undefined): { display: string | null; system: string | null; code: string | null } {
  if (!cc || typeof cc !== 'object') return { display: null, system: null, code: null };
  const codings: Json[] = Array.isArray(cc.coding) ? cc.coding : [];
  const withDisplay = codings.find((c) => text(c?.display));
  const first = withDisplay ?? codings[0];
  return {
    display: text(cc.text) ?? text(withDisplay?.display) ?? text(first?.code),
    system: shortSystem(first?.system),
    code: text(first?.code, 100),
  };
}

/** FHIR date/dateTime -> YYYY-MM-DD (or the shorter partial date it holds). */
export function fhirDay(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{4})(-\d{2})?(-\d{2})?/.exec(v.trim());
  return m ? m[0] : null;
}

function quantity(q: Json | undefined): string | null {
  if (!q || typeof q !== 'object' || q.value === undefined || q.value === null) return null;
  const unit = text(q.unit) ?? text(q.code) ?? '';
  const comparator = typeof q.comparator === 'string' ? q.comparator : '';
  return `${comparator}${q.value}${unit ? ` ${unit}` : ''}`;
}

function observationValue(r: Json): string | null {
  const direct =
    quantity(r.valueQuantity) ??
    concept(r.valueCodeableConcept).display ??
    text(r.valueString) ??
    (typeof r.valueBoolean === 'boolean' ? String(r.valueBoolean) : null) ??
    (typeof r.valueInteger === 'number' ? String(r.valueInteger) : null);
  if (direct) return direct;
  if (Array.isArray(r.component) && r.component.length > 0) {
    // Blood pressure and the like: "Systolic 120 mm[Hg]; Diastolic 80 mm[Hg]".
    const parts = r.component
      .map((c: Json) => {
        const v = quantity(c.valueQuantity) ?? concept(c.valueCodeableConcept).display ?? text(c.valueString);
        const name = concept(c.code).display;
        return v ? `${name ? `${name} ` : ''}${v}` : null;
      })
      .filter(Boolean);
    return parts.length ? parts.join('; ').slice(0, 500) : null;
  }
  return null;
}

function categoryCodes(r: Json): string[] {
  const cats: Json[] = Array.isArray(r.category) ? r.category : r.category ? [r.category] : [];
  return cats
    .flatMap((c) => (Array.isArray(c?.coding) ? c.coding.map((x: Json) => String(x?.code ?? '').toLowerCase()) : []))
    .concat(cats.map((c) => String(c?.text ?? '').toLowerCase()));
}

/** What the C-CDA section said it was, when a resource does not say itself. */
export type SectionHint = 'results' | 'vitals' | 'problems' | 'other';

const NOTE_CODE = /\bnote\b/i;

/**
 * One FHIR resource -> at most one item. `resolve` finds a referenced resource in the same
 * bundle (a Medication named by a MedicationRequest).
 */
export function resourceToItem(
  r: Json,
  resolve: (ref: string) => Json | undefined = () => undefined,
  hint: SectionHint = 'other',
): ImportedItem | null {
  if (!r || typeof r !== 'object') return null;
  const base = { codeSystem: null, code: null, value: null, status: null, startedOn: null, endedOn: null, place: null };
  const status = (cc: Json | undefined) => concept(cc).code ?? concept(cc).display;
  switch (r.resourceType) {
    case 'Condition': {
      const c = concept(r.code);
      if (!c.display) return null;
      return {
        ...base,
        category: 'condition',
        display: c.display,
        codeSystem: c.system,
        code: c.code,
        status: status(r.clinicalStatus),
        startedOn: fhirDay(r.onsetDateTime) ?? fhirDay(r.onsetPeriod?.start) ?? fhirDay(r.recordedDate),
        endedOn: fhirDay(r.abatementDateTime) ?? fhirDay(r.abatementPeriod?.end),
      };
    }
    case 'MedicationRequest':
    case 'MedicationStatement':
    case 'MedicationDispense':
    case 'MedicationAdministration': {
      let c = concept(r.medicationCodeableConcept);
      if (!c.display && r.medicationReference) {
        const med =
          typeof r.medicationReference.reference === 'string' ? resolve(r.medicationReference.reference) : undefined;
        c = med ? concept(med.code) : c;
        if (!c.display) c = { ...c, display: text(r.medicationReference.display) };
      }
      if (!c.display) return null;
      const dosage = Array.isArray(r.dosageInstruction)
        ? r.dosageInstruction[0]
        : Array.isArray(r.dosage)
          ? r.dosage[0]
          : r.dosage;
      return {
        ...base,
        category: 'medication',
        display: c.display,
        codeSystem: c.system,
        code: c.code,
        value: text(dosage?.text, 300),
        status: text(r.status, 40),
        startedOn:
          fhirDay(r.authoredOn) ??
          fhirDay(r.effectiveDateTime) ??
          fhirDay(r.effectivePeriod?.start) ??
          fhirDay(r.whenHandedOver) ??
          fhirDay(r.dispenseRequest?.validityPeriod?.start),
        endedOn: fhirDay(r.effectivePeriod?.end) ?? fhirDay(r.dispenseRequest?.validityPeriod?.end),
      };
    }
    case 'AllergyIntolerance': {
      const c = concept(r.code);
      if (!c.display) return null;
      const reaction = Array.isArray(r.reaction) ? r.reaction[0] : undefined;
      const manifestation = Array.isArray(reaction?.manifestation) ? concept(reaction.manifestation[0]).display : null;
      return {
        ...base,
        category: 'allergy',
        display: c.display,
        codeSystem: c.system,
        code: c.code,
        value: manifestation,
        status: status(r.clinicalStatus),
        startedOn: fhirDay(r.onsetDateTime) ?? fhirDay(r.onsetPeriod?.start) ?? fhirDay(r.recordedDate),
      };
    }
    case 'Procedure': {
      const c = concept(r.code);
      if (!c.display) return null;
      return {
        ...base,
        category: 'procedure',
        display: c.display,
        codeSystem: c.system,
        code: c.code,
        status: text(r.status, 40),
        startedOn: fhirDay(r.performedDateTime) ?? fhirDay(r.performedPeriod?.start),
        endedOn: fhirDay(r.performedPeriod?.end),
        place: text(r.location?.display, 200),
      };
    }
    case 'Observation': {
      const cats = categoryCodes(r);
      const c = concept(r.code);
      if (!c.display) return null;
      let category: ItemCategory | null = null;
      if (cats.includes('vital-signs')) category = 'vital';
      else if (cats.includes('laboratory')) category = 'lab';
      else if (cats.length === 0 && hint === 'vitals') category = 'vital';
      else if (cats.length === 0 && hint === 'results') category = 'lab';
      else if (hint === 'problems') {
        // C-CDA problem observations that arrived as Observations: the problem is the value.
        const v = concept(r.valueCodeableConcept);
        if (!v.display) return null;
        return {
          ...base,
          category: 'condition',
          display: v.display,
          codeSystem: v.system,
          code: v.code,
          startedOn: fhirDay(r.effectiveDateTime) ?? fhirDay(r.effectivePeriod?.start),
          endedOn: fhirDay(r.effectivePeriod?.end),
        };
      }
      if (!category) return null;
      return {
        ...base,
        category,
        display: c.display,
        codeSystem: c.system,
        code: c.code,
        value: observationValue(r),
        status: text(r.status, 40),
        startedOn: fhirDay(r.effectiveDateTime) ?? fhirDay(r.effectivePeriod?.start) ?? fhirDay(r.issued),
      };
    }
    case 'Encounter': {
      const types: Json[] = Array.isArray(r.type) ? r.type : [];
      const c = concept(types[0]);
      const display = c.display ?? text(r.class?.display) ?? text(r.class?.code);
      if (!display) return null;
      const loc = Array.isArray(r.location) ? text(r.location[0]?.location?.display, 200) : null;
      return {
        ...base,
        category: 'encounter',
        display,
        codeSystem: c.system,
        code: c.code,
        status: text(r.status, 40),
        startedOn: fhirDay(r.period?.start),
        endedOn: fhirDay(r.period?.end),
        place: loc ?? text(r.serviceProvider?.display, 200),
      };
    }
    case 'Immunization': {
      const c = concept(r.vaccineCode);
      if (!c.display) return null;
      return {
        ...base,
        category: 'immunization',
        display: c.display,
        codeSystem: c.system,
        code: c.code,
        status: text(r.status, 40),
        startedOn: fhirDay(r.occurrenceDateTime) ?? fhirDay(r.recorded),
        place: text(r.location?.display, 200),
      };
    }
    case 'DiagnosticReport': {
      const c = concept(r.code);
      // Clinical notes travel as DiagnosticReports in US Core; they are not tests.
      if (!c.display || NOTE_CODE.test(c.display)) return null;
      return {
        ...base,
        category: 'report',
        display: c.display,
        codeSystem: c.system,
        code: c.code,
        value: text(r.conclusion, 500),
        status: text(r.status, 40),
        startedOn: fhirDay(r.effectiveDateTime) ?? fhirDay(r.effectivePeriod?.start) ?? fhirDay(r.issued),
      };
    }
    case 'ImagingStudy': {
      const proc = Array.isArray(r.procedureCode) ? concept(r.procedureCode[0]) : concept(undefined);
      const modalities = (Array.isArray(r.series) ? r.series : [])
        .map((s: Json) => text(s?.modality?.code, 20))
        .filter(Boolean);
      const display =
        text(r.description) ??
        proc.display ??
        (modalities.length ? `Imaging (${[...new Set(modalities)].join(', ')})` : null);
      if (!display) return null;
      const counts = [
        r.numberOfSeries ? `${r.numberOfSeries} series` : null,
        r.numberOfInstances ? `${r.numberOfInstances} images` : null,
      ].filter(Boolean);
      return {
        ...base,
        category: 'imaging',
        display,
        codeSystem: proc.system,
        code: proc.code,
        value: counts.length ? counts.join(', ') : null,
        status: text(r.status, 40),
        startedOn: fhirDay(r.started),
        place: text(r.location?.display, 200),
      };
    }
    default:
      return null;
  }
}

const CLINICAL = new Set([
  'Condition',
  'MedicationRequest',
  'MedicationStatement',
  'MedicationDispense',
  'MedicationAdministration',
  'AllergyIntolerance',
  'Procedure',
  'Observation',
  'Encounter',
  'Immunization',
  'DiagnosticReport',
  'ImagingStudy',
]);

export type BundleCheck = { ok: true; resources: Json[] } | { ok: false };

/** A FHIR R4 Bundle (or one resource) with its resources; anything else is refused. */
export function bundleResources(parsed: unknown): BundleCheck {
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false };
  const p = parsed as Json;
  if (typeof p.resourceType !== 'string') return { ok: false };
  if (p.resourceType !== 'Bundle') return { ok: true, resources: [p] };
  if (p.entry !== undefined && !Array.isArray(p.entry)) return { ok: false };
  const resources = (p.entry ?? []).map((e: Json) => e?.resource).filter((r: unknown) => r && typeof r === 'object');
  return { ok: true, resources };
}

/** Items from a list of FHIR resources (a bundle's entries). */
export function fhirToItems(resources: Json[], hint: SectionHint = 'other'): ImportResult {
  const byRef = new Map<string, Json>();
  for (const r of resources) {
    if (r?.id && r.resourceType) {
      byRef.set(`${r.resourceType}/${r.id}`, r);
      byRef.set(`urn:uuid:${r.id}`, r);
    }
  }
  const resolve = (ref: string) =>
    byRef.get(ref) ?? (ref.startsWith('#') ? undefined : byRef.get(ref.split('/').slice(-2).join('/')));
  const items: ImportedItem[] = [];
  let skipped = 0;
  for (const r of resources) {
    const item = resourceToItem(r, resolve, hint);
    if (item) items.push(item);
    else if (CLINICAL.has(r?.resourceType) && r.resourceType !== 'Observation' && r.resourceType !== 'DiagnosticReport')
      skipped++;
  }
  return { items, skipped };
}

// ---------- whose record ----------

const strings = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]).filter(
    (x): x is string => typeof x === 'string' && x.trim() !== '',
  );

/**
 * The patients a FHIR bundle (or lone resource) names: every Patient resource, with all
 * its names (official, maiden, old...) and its birth date. Prefixes and suffixes are left
 * out: "Mr." and "PharmD" say nothing about who it is.
 */
export function fhirPatients(resources: Json[]): FilePatient[] {
  return resources
    .filter((r) => r?.resourceType === 'Patient')
    .map((p) => ({
      names: (Array.isArray(p.name) ? p.name : p.name ? [p.name] : [])
        .filter((n: unknown): n is Json => !!n && typeof n === 'object')
        .map((n: Json) => ({
          given: strings(n.given),
          family: strings(n.family),
          text: typeof n.text === 'string' ? n.text : null,
        })),
      birthDate: fhirDay(p.birthDate),
    }));
}
