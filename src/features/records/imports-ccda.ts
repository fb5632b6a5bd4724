import { convertCcdaToFhir, convertXmlToCcda } from '@medplum/ccda';
import { XMLValidator } from 'fast-xml-parser';
import type { DocumentKind } from './documents.ts';
import { hasDoctype, looksLikeCcda } from './documents-detect.ts';
import { fhirToItems, type ImportedItem, type ImportResult, type SectionHint, shortSystem } from './imports.ts';
import type { FilePatient, PersonName } from './patient-match.ts';

// C-CDA (what most portals give under "download my record") -> items. @medplum/ccda turns
// C-CDA into FHIR; we run it one entry at a time, so one entry it does not know (it throws
// on several templates the HL7 examples use) costs that entry, not the whole file. An entry
// that still fails is unwrapped (its nested statements tried one by one), and a leaf that
// fails too is read by a small generic reader of codes, dates and values.
//
// Safety: a DOCTYPE or ENTITY declaration anywhere refuses the file before any parser sees
// it, so no entity is ever expanded (billion laughs) or fetched (XXE). fast-xml-parser
// has no network or file access in any case.

export class CcdaError extends Error {
  override name = 'CcdaError';
  constructor(readonly reason: 'xml_doctype' | 'xml_damaged' | 'xml_not_ccda') {
    super(reason);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a portal file is untrusted JSON of any shape; every read is checked where it is used
type Json = Record<string, any>;

const first = <T = Json>(v: T | T[] | undefined): T | undefined => (Array.isArray(v) ? v[0] : v);
const list = <T = Json>(v: T | T[] | undefined): T[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
const STATEMENTS = [
  'observation',
  'act',
  'substanceAdministration',
  'procedure',
  'encounter',
  'organizer',
  'supply',
] as const;
const HEADER_TYPES = new Set([
  'Composition',
  'Patient',
  'Practitioner',
  'Organization',
  'PractitionerRole',
  'RelatedPerson',
  'Location',
  'Device',
]);

const SECTION_HINTS: Record<string, SectionHint> = {
  '30954-2': 'results',
  '8716-3': 'vitals',
  '11450-4': 'problems',
  '11535-2': 'problems',
  '46241-6': 'problems',
  '10219-4': 'problems',
  '10218-6': 'problems',
  '59769-0': 'problems',
  '29545-1': 'other',
};

const DOCUMENT_KINDS: Record<string, DocumentKind> = {
  '11504-8': 'operative_note',
  '28570-0': 'operative_note',
  '18748-4': 'imaging',
  '11506-3': 'clinic_note',
  '11488-4': 'clinic_note',
  '34117-2': 'clinic_note',
  '18842-5': 'clinic_note',
  '18761-7': 'clinic_note',
  '57133-1': 'letter',
  '11526-1': 'pathology',
  '60591-5': 'other',
  '34133-9': 'other',
};

export interface CcdaImport extends ImportResult {
  title: string | null;
  date: string | null;
  kind: DocumentKind | null;
  provider: string | null;
  sectionTitles: string[];
  /** The patients the document's header names (recordTarget), before anything is stored. */
  patients: FilePatient[];
}

/** HL7 TS "20240131093000-0500" -> "2024-01-31" (or a shorter partial date). */
export function hl7Day(ts: unknown): string | null {
  if (typeof ts !== 'string') return null;
  const m = /^(\d{4})(\d{2})?(\d{2})?/.exec(ts.trim());
  if (!m) return null;
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

function nodeText(v: unknown): string | null {
  if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim() || null;
  if (v && typeof v === 'object' && typeof (v as Json)['#text'] === 'string') return nodeText((v as Json)['#text']);
  return null;
}

function codeOf(c: Json | undefined): { display: string | null; system: string | null; code: string | null } {
  const code = first(c);
  if (!code) return { display: null, system: null, code: null };
  const display =
    nodeText(code['@_displayName']) ??
    nodeText(code.originalText) ??
    nodeText(first(code.translation)?.['@_displayName']);
  return {
    display,
    system: shortSystem(code['@_codeSystemName'] ?? code['@_codeSystem']),
    code: code['@_code'] ?? null,
  };
}

function timeOf(s: Json): { start: string | null; end: string | null } {
  const t = first(s.effectiveTime);
  if (!t) return { start: null, end: null };
  return { start: hl7Day(t['@_value']) ?? hl7Day(t.low?.['@_value']), end: hl7Day(t.high?.['@_value']) };
}

function personName(p: Json | undefined): string | null {
  const n = first(p?.name);
  if (!n || typeof n !== 'object') return nodeText(n);
  const parts = [...list(n.prefix), ...list(n.given), ...list(n.family), ...list(n.suffix)]
    .map(nodeText)
    .filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

/** The small generic reader for a leaf statement @medplum/ccda could not convert. */
function genericItem(kind: string, s: Json, hint: SectionHint): ImportedItem | null {
  const { start, end } = timeOf(s);
  const base = { value: null, status: null, startedOn: start, endedOn: end, place: null };
  if (kind === 'substanceAdministration') {
    const mat = first(first(first(s.consumable)?.manufacturedProduct)?.manufacturedMaterial);
    const c = codeOf(mat?.code);
    if (!c.display) return null;
    return { ...base, category: 'medication', display: c.display, codeSystem: c.system, code: c.code };
  }
  if (kind === 'procedure') {
    const c = codeOf(s.code);
    return c.display
      ? { ...base, category: 'procedure', display: c.display, codeSystem: c.system, code: c.code }
      : null;
  }
  if (kind === 'encounter') {
    const c = codeOf(s.code);
    return c.display
      ? { ...base, category: 'encounter', display: c.display, codeSystem: c.system, code: c.code }
      : null;
  }
  if (kind === 'observation') {
    const value = first(s.value);
    if (hint === 'problems') {
      const v = codeOf(value);
      return v.display
        ? { ...base, category: 'condition', display: v.display, codeSystem: v.system, code: v.code }
        : null;
    }
    if (hint === 'results' || hint === 'vitals') {
      const c = codeOf(s.code);
      if (!c.display) return null;
      const v = value
        ? value['@_value']
          ? `${value['@_value']}${value['@_unit'] ? ` ${value['@_unit']}` : ''}`
          : codeOf(value).display
        : null;
      return {
        ...base,
        category: hint === 'vitals' ? 'vital' : 'lab',
        display: c.display,
        codeSystem: c.system,
        code: c.code,
        value: v,
      };
    }
  }
  return null;
}

/** Ensures fields @medplum/ccda iterates are arrays (its parser leaves a lone <participant> as an object). */
function normalise(o: unknown): void {
  if (Array.isArray(o)) {
    for (const x of o) normalise(x);
    return;
  }
  if (!o || typeof o !== 'object') return;
  const rec = o as Json;
  for (const k of Object.keys(rec)) {
    if (k === 'participant' && rec[k] && !Array.isArray(rec[k])) rec[k] = [rec[k]];
    normalise(rec[k]);
  }
}

/** One HL7 v3 <name>: its given and family parts, or its plain text ("Henry Levin"). */
function ccdaName(n: unknown): PersonName | null {
  if (typeof n === 'string') return { given: [], family: [], text: nodeText(n) };
  if (!n || typeof n !== 'object') return null;
  const rec = n as Json;
  const parts = (v: unknown) =>
    list(v as Json | Json[])
      .map(nodeText)
      .filter((x): x is string => !!x);
  return { given: parts(rec.given), family: parts(rec.family), text: nodeText(rec['#text']) };
}

/**
 * The patients a C-CDA names: one per recordTarget, with every <name> it gives (legal,
 * birth name, "call me") and the birth date. Guardians and other people in the header are
 * not the patient and are left out.
 */
export function ccdaPatients(ccda: Json): FilePatient[] {
  const out: FilePatient[] = [];
  for (const rt of list(ccda.recordTarget)) {
    for (const role of list(rt?.patientRole)) {
      for (const p of list(role?.patient)) {
        if (!p || typeof p !== 'object') continue;
        const names = list(p.name)
          .map(ccdaName)
          .filter((x): x is PersonName => !!x);
        out.push({ names, birthDate: hl7Day(first(p.birthTime)?.['@_value']) });
      }
    }
  }
  return out;
}

export function parseCcda(xml: string): Json {
  if (hasDoctype(xml)) throw new CcdaError('xml_doctype');
  if (XMLValidator.validate(xml) !== true) throw new CcdaError('xml_damaged');
  if (!looksLikeCcda(xml)) throw new CcdaError('xml_not_ccda');
  let ccda: Json | undefined;
  try {
    ccda = convertXmlToCcda(xml) as unknown as Json;
  } catch {
    throw new CcdaError('xml_damaged');
  }
  if (!ccda || typeof ccda !== 'object') throw new CcdaError('xml_not_ccda');
  normalise(ccda);
  return ccda;
}

export function ccdaToItems(xml: string): CcdaImport {
  const ccda = parseCcda(xml);
  const items: ImportedItem[] = [];
  let skipped = 0;
  const sectionTitles: string[] = [];
  // Header facts are converted once per entry; drop the people around the patient so
  // each per-entry conversion stays small.
  const shell = { ...ccda, participant: undefined };

  const convertEntry = (comp: Json, sec: Json, entry: Json, hint: SectionHint, depth: number) => {
    const one = {
      ...shell,
      component: { structuredBody: { component: [{ ...comp, section: [{ ...sec, entry: [entry] }] }] } },
    };
    let resources: Json[] | null = null;
    try {
      const bundle = convertCcdaToFhir(one as never) as Json;
      resources = list(bundle.entry)
        .map((e: Json) => e.resource)
        .filter((r: Json) => r && !HEADER_TYPES.has(r.resourceType));
    } catch {
      resources = null;
    }
    if (resources) {
      const r = fhirToItems(resources, hint);
      items.push(...r.items);
      skipped += r.skipped;
      return;
    }
    // Unwrap: try each nested statement on its own.
    const nested: Json[] = [];
    for (const k of STATEMENTS) {
      for (const s of list(entry[k])) {
        for (const rel of [...list(s.entryRelationship), ...list(s.component)]) {
          for (const k2 of STATEMENTS) for (const inner of list(rel[k2])) nested.push({ [k2]: [inner] });
        }
      }
    }
    if (depth < 3 && nested.length > 0) {
      for (const n of nested) convertEntry(comp, sec, n, hint, depth + 1);
      return;
    }
    for (const k of STATEMENTS) {
      for (const s of list(entry[k])) {
        const item = genericItem(k, s, hint);
        if (item) items.push(item);
        else if (k !== 'act' && k !== 'organizer') skipped++;
      }
    }
  };

  // @medplum/ccda reports value types it skips with console.warn; our logs are JSON lines,
  // and the count of unread parts is shown to the person instead. (All synchronous.)
  const warn = console.warn;
  console.warn = () => {};
  try {
    for (const comp of list(ccda.component?.structuredBody?.component)) {
      for (const sec of list(comp.section)) {
        const title = nodeText(first(sec.title));
        if (title) sectionTitles.push(title.slice(0, 120));
        const hint = SECTION_HINTS[String(first(sec.code)?.['@_code'] ?? '')] ?? 'other';
        for (const entry of list(sec.entry)) convertEntry(comp, sec, entry, hint, 0);
      }
    }
  } finally {
    console.warn = warn;
  }

  const docCode = String(first(ccda.code)?.['@_code'] ?? '');
  const author = first(first(ccda.author)?.assignedAuthor);
  const org =
    nodeText(first(first(author?.representedOrganization)?.name)) ??
    personName(first(author?.assignedPerson)) ??
    nodeText(first(first(first(first(ccda.custodian)?.assignedCustodian)?.representedCustodianOrganization)?.name));
  return {
    items,
    skipped,
    title: nodeText(first(ccda.title)),
    date: hl7Day(first(ccda.effectiveTime)?.['@_value']),
    kind: DOCUMENT_KINDS[docCode] ?? null,
    provider: org ? org.slice(0, 200) : null,
    sectionTitles,
    patients: ccdaPatients(ccda),
  };
}
