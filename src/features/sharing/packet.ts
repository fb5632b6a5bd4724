import type { CaseContext } from '../../platform/case-context.ts';
import { type DetectedType, type DocumentKind, type DocumentRecord, FILE_EXTENSION } from '../records/documents.ts';
import type { TestDone, TimelineItem } from '../records/timeline.ts';

// The records packet for the consulting doctor: pure rules. What goes on the cover, the
// index of documents, how each file is placed (merged, put on a page, or only in the ZIP),
// the ZIP's folder names and the page numbers of the index. No I/O here: packet-kit.ts
// loads the data and packet-build.ts writes the files.

export const PACKET_FORMATS = ['pdf', 'zip'] as const;
export type PacketFormat = (typeof PACKET_FORMATS)[number];

/** Hard limits so one request cannot ask the server to build something unbounded. */
export const PACKET_LIMITS = {
  maxDocuments: 200,
  maxListed: 100,
  /** A file bigger than this is not merged into the PDF (it is read whole to merge): the ZIP has it. */
  maxMergeBytes: 150 * 1024 * 1024,
  /** Once the merged files add up to this, the rest go in the ZIP only: the PDF is built in memory. */
  maxMergeTotalBytes: 400 * 1024 * 1024,
} as const;

/** What the cover's data providers return (features/index.ts wires them from records and questions). */
export interface CoverSources {
  /** Imported medication items (the records timeline), newest first. */
  medications: TimelineItem[];
  /** Imported allergy items. */
  allergies: TimelineItem[];
  /** Tests already done, as the records feature lists them. */
  testsDone: TestDone[];
  /** The person's questions for the doctor, in their order. */
  questions: { text: string; important: boolean }[];
}

/** What the person wants from the second opinion, in one of three shapes; views word it. */
export type AskedQuestion =
  | { kind: 'diagnosis_and_plan'; diagnosis: string; treatment: string }
  | { kind: 'diagnosis'; diagnosis: string }
  | { kind: 'no_diagnosis'; symptoms: string | null };

export interface CoverMedication {
  name: string;
  detail: string | null;
  status: string | null;
  since: string | null;
}

export interface CoverAllergy {
  name: string;
  reaction: string | null;
  status: string | null;
}

export interface CoverTest {
  what: string;
  kind: TestDone['kind'];
  lastOn: string | null;
  times: number;
  where: string | null;
}

/**
 * The cover summary of the packet: the same facts on the PDF's first page, on the packet
 * page and on the doctor's link page. Only what the person entered or imported; nothing
 * here is a judgement of ours.
 */
export interface CoverSummary {
  caseId: string;
  caseTitle: string;
  patient: { name: string; dateOfBirth: string | null };
  question: AskedQuestion;
  /** What the first doctor found and proposed, as the person recorded it. */
  firstDoctor: {
    name: string | null;
    specialty: string | null;
    toldOn: string | null;
    finding: string | null;
    proposed: string | null;
    urgency: string;
  };
  medications: CoverMedication[];
  allergies: CoverAllergy[];
  testsDone: CoverTest[];
  /** The person's questions; the important ones first, then in the person's order. */
  questions: { text: string; important: boolean }[];
  /** Lists cut at PACKET_LIMITS.maxListed say how many more there were. */
  more: { medications: number; allergies: number; testsDone: number; questions: number };
}

const clean = (s: string | null | undefined): string | null => {
  const v = (s ?? '').replace(/\s+/g, ' ').trim();
  return v === '' ? null : v;
};

function cut<T>(list: T[]): { list: T[]; more: number } {
  return { list: list.slice(0, PACKET_LIMITS.maxListed), more: Math.max(0, list.length - PACKET_LIMITS.maxListed) };
}

export function askedQuestion(
  c: Pick<CaseContext, 'diagnosisStatus' | 'diagnosis' | 'symptoms' | 'proposedTreatment'>,
): AskedQuestion {
  const diagnosis = clean(c.diagnosis);
  const treatment = clean(c.proposedTreatment);
  if (c.diagnosisStatus === 'diagnosed' && diagnosis) {
    return treatment ? { kind: 'diagnosis_and_plan', diagnosis, treatment } : { kind: 'diagnosis', diagnosis };
  }
  return { kind: 'no_diagnosis', symptoms: clean(c.symptoms) };
}

/** Same name twice (imported from two files) is listed once: the newest entry wins. */
function uniqueBy<T>(list: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = key(x).toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Builds the cover from the case and what the providers loaded. */
export function buildCoverSummary(c: CaseContext, sources: CoverSources): CoverSummary {
  // Medicines that were stopped are history, not "current": leave them out.
  const meds = uniqueBy(
    sources.medications.filter(
      (m) => !/^(stopped|completed|inactive|entered-in-error|cancelled|aborted)$/i.test(m.status ?? '') && !m.endedOn,
    ),
    (m) => m.display,
  ).map(
    (m): CoverMedication => ({ name: m.display, detail: clean(m.value), status: clean(m.status), since: m.startedOn }),
  );
  const allergies = uniqueBy(
    sources.allergies.filter((a) => !/^(inactive|resolved|entered-in-error|refuted)$/i.test(a.status ?? '')),
    (a) => a.display,
  ).map((a): CoverAllergy => ({ name: a.display, reaction: clean(a.value), status: clean(a.status) }));
  const tests = sources.testsDone.map(
    (x): CoverTest => ({ what: x.what, kind: x.kind, lastOn: x.lastOn, times: x.times, where: x.where }),
  );
  const questions = [...sources.questions.filter((q) => q.important), ...sources.questions.filter((q) => !q.important)]
    .map((q) => ({ text: clean(q.text) ?? '', important: q.important }))
    .filter((q) => q.text !== '');
  const m = cut(meds);
  const a = cut(allergies);
  const t = cut(tests);
  const q = cut(questions);
  return {
    caseId: c.id,
    caseTitle: c.title,
    patient: { name: c.patientName, dateOfBirth: c.patientDateOfBirth },
    question: askedQuestion(c),
    firstDoctor: {
      name: clean(c.doctorName),
      specialty: clean(c.doctorSpecialty),
      toldOn: c.toldOn,
      finding: c.diagnosisStatus === 'diagnosed' ? clean(c.diagnosis) : null,
      proposed: clean(c.proposedTreatment),
      urgency: c.urgency,
    },
    medications: m.list,
    allergies: a.list,
    testsDone: t.list,
    questions: q.list,
    more: { medications: m.more, allergies: a.more, testsDone: t.more, questions: q.more },
  };
}

// ---------- choosing documents ----------

export type Selection =
  | { ok: true; documents: DocumentRecord[] }
  | { ok: false; reason: 'unknown_document' | 'empty' | 'too_many' };

/**
 * The documents that go in, in the case's order. An id that is not a document of this
 * case is refused outright (never skipped quietly): a wrong id is a mistake or a probe.
 * No ids means every document of the case.
 */
export function selectDocuments(caseDocuments: DocumentRecord[], requested: string[] | null): Selection {
  if (requested && requested.length > PACKET_LIMITS.maxDocuments) return { ok: false, reason: 'too_many' };
  let chosen = caseDocuments;
  if (requested && requested.length > 0) {
    const known = new Set(caseDocuments.map((d) => d.id));
    if (requested.some((id) => !known.has(id))) return { ok: false, reason: 'unknown_document' };
    const wanted = new Set(requested);
    chosen = caseDocuments.filter((d) => wanted.has(d.id));
  }
  if (chosen.length === 0) return { ok: false, reason: 'empty' };
  if (chosen.length > PACKET_LIMITS.maxDocuments) return { ok: false, reason: 'too_many' };
  return { ok: true, documents: chosen };
}

// ---------- the index and placement ----------

/**
 * How a document appears in the PDF: its pages merged in, a picture placed on a page,
 * listed only (the file is in the ZIP), or listed as unreadable (a damaged or locked PDF).
 */
export type Placement = 'merged' | 'image' | 'zip_only' | 'unreadable';

export function placementFor(type: DetectedType): Placement {
  if (type === 'pdf') return 'merged';
  if (type === 'jpeg' || type === 'png') return 'image';
  return 'zip_only';
}

export const isImaging = (d: Pick<DocumentRecord, 'kind' | 'detectedType'>) =>
  d.detectedType === 'dicom' || d.detectedType === 'imaging_study' || d.kind === 'imaging';

export interface PacketEntry {
  n: number;
  documentId: string;
  title: string;
  kind: DocumentKind;
  date: string | null;
  source: string | null;
  detectedType: DetectedType;
  sizeBytes: number;
  sha256: string;
  placement: Placement;
  /** Pages this document takes in the PDF (0 when it is only listed). */
  pages: number;
  /** First page of the document in the PDF, once laid out. */
  startPage: number | null;
  /** Where the original file sits in the ZIP. */
  zipPath: string;
}

/** A file or folder name that every system and every ZIP tool accepts: ASCII, short, no dots at the ends. */
export function safeName(name: string, max = 60): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._ -]+/g, ' ')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const short = ascii.slice(0, max).replace(/[-.]+$/g, '');
  return short || 'document';
}

/**
 * ZIP paths: "documents/03-biopsy-report.pdf" for documents, "imaging/05-ct-chest/<file>"
 * for each imaging study in its own folder. The number keeps them in index order and
 * makes every path unique even when titles repeat.
 */
export function zipPathFor(
  d: Pick<DocumentRecord, 'title' | 'originalName' | 'detectedType' | 'kind'>,
  n: number,
): string {
  const num = String(n).padStart(2, '0');
  const ext = FILE_EXTENSION[d.detectedType];
  const stem = safeName(d.title.replace(/\.[A-Za-z0-9]{1,5}$/, ''), 50);
  if (isImaging(d)) {
    const original = safeName(d.originalName.replace(/\.[A-Za-z0-9]{1,5}$/, ''), 50);
    return `imaging/${num}-${stem}/${original}.${ext}`;
  }
  return `documents/${num}-${stem}.${ext}`;
}

/** The index before layout: page counts are what was recorded at upload (pictures take one page). */
export function buildIndex(
  documents: DocumentRecord[],
  limits: { maxMergeBytes: number; maxMergeTotalBytes: number } = PACKET_LIMITS,
): PacketEntry[] {
  let merged = 0;
  return documents.map((d, i) => {
    let placement = placementFor(d.detectedType);
    if (placement !== 'zip_only') {
      if (d.sizeBytes > limits.maxMergeBytes || merged + d.sizeBytes > limits.maxMergeTotalBytes)
        placement = 'zip_only';
      else merged += d.sizeBytes;
    }
    return {
      n: i + 1,
      documentId: d.id,
      title: d.title,
      kind: d.kind,
      date: d.documentDate ?? d.details.imaging?.studyDate ?? null,
      source: d.provider ?? d.details.imaging?.institution ?? null,
      detectedType: d.detectedType,
      sizeBytes: d.sizeBytes,
      sha256: d.sha256,
      placement,
      pages: placement === 'merged' ? (d.pageCount ?? 0) : placement === 'image' ? 1 : 0,
      startPage: null,
      zipPath: zipPathFor(d, i + 1),
    };
  });
}

/**
 * Page numbers once the real page counts are known: documents follow the front pages
 * (cover and index) in order; a listed-only or unreadable document has no pages.
 */
export function layOut(
  entries: PacketEntry[],
  frontPages: number,
  actualPages: Map<string, number>,
  unreadable: Set<string> = new Set(),
): PacketEntry[] {
  let next = frontPages + 1;
  return entries.map((e) => {
    const placement: Placement = unreadable.has(e.documentId) ? 'unreadable' : e.placement;
    const pages = placement === 'merged' || placement === 'image' ? (actualPages.get(e.documentId) ?? e.pages) : 0;
    const startPage = pages > 0 ? next : null;
    next += pages;
    return { ...e, placement, pages, startPage };
  });
}

export const totalPages = (frontPages: number, entries: PacketEntry[]) =>
  frontPages + entries.reduce((s, e) => s + e.pages, 0);

/** Download names: plain ASCII with the patient's name and the date, so a doctor's folder sorts them. */
export function packetFileName(patientName: string, today: string, format: PacketFormat): string {
  return `records-packet-${safeName(patientName, 40)}-${today}.${format}`;
}

/**
 * Where a picture goes on a Letter page: scaled down (never up past its own size) to fit
 * inside the margins, centred, keeping its shape.
 */
export function fitImage(
  img: { width: number; height: number },
  page: { width: number; height: number; margin: number; top?: number },
): { x: number; y: number; width: number; height: number } {
  const boxW = page.width - 2 * page.margin;
  const boxH = page.height - 2 * page.margin - (page.top ?? 0);
  const scale = Math.min(1, boxW / img.width, boxH / img.height);
  const width = img.width * scale;
  const height = img.height * scale;
  return { x: (page.width - width) / 2, y: page.margin + (boxH - height) / 2, width, height };
}

/** "March 4, 2026" from an ISO date, the way the rest of the product writes dates; views without a request context use it. */
export function longDate(iso: string | null, lang = 'en'): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(lang === 'es' ? 'es-US' : 'en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}
