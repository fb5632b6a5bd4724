import { PassThrough, type Readable } from 'node:stream';
import dicomParser from 'dicom-parser';
import yauzl from 'yauzl';
import type { BlobHandle, BlobStore, RandomAccess } from '../../platform/storage/blob-store.ts';
import type { DetectedType, DocumentDetails, DocumentKind, ImagingDetails, TextStatus } from './documents.ts';
import {
  type Detection,
  decodeText,
  hasDoctype,
  isDicom,
  looksLikeCcda,
  MEDIA_TYPES,
  type RefusalReason,
} from './documents-detect.ts';
import { bundleResources, countByCategory, fhirPatients, type ImportedItem } from './imports.ts';
import { ccdaPatients, parseCcda } from './imports-ccda.ts';
import { DEFAULT_IMPORT_MEMORY_MB, readPortalFileInThread } from './imports-thread.ts';
import type { NamedIn } from './patient-match.ts';
import { readPdfText } from './pdf-text.ts';

// Reading what was uploaded, before anything is recorded: the file is still a sealed temp
// file, read back through the store. Refusals (a ZIP that escapes its folder, JSON that
// does not parse...) throw Refused and the caller discards the file, so nothing partial
// is ever stored. A PDF whose text cannot be read is NOT refused: it is stored and
// flagged, because the person still needs it.

export class Refused extends Error {
  override name = 'Refused';
  /** For a file inside a ZIP: that file's name, to say which one. */
  constructor(
    readonly reason: RefusalReason,
    readonly entry?: string,
  ) {
    super(reason);
  }
}

export interface AnalyseLimits {
  /** The per-file upload limit; a ZIP may expand to at most 10x this. */
  maxUploadBytes: number;
  /** PDFs larger than this are stored but not opened for text (memory). */
  pdfTextMaxBytes: number;
  /** C-CDA and FHIR files larger than this are refused (they are parsed whole). */
  importMaxBytes: number;
  /** How much text is kept for search per document. */
  searchTextMaxChars: number;
  /** Longest time spent reading one PDF's text. */
  pdfTimeoutMs: number;
  /** Memory one C-CDA or FHIR import may use in its worker thread (IMPORT_MEMORY_MB). */
  importMemoryMb?: number;
}

export const DEFAULT_LIMITS: Omit<AnalyseLimits, 'maxUploadBytes'> = {
  pdfTextMaxBytes: 64 * 1024 * 1024,
  importMaxBytes: 50 * 1024 * 1024,
  searchTextMaxChars: 300_000,
  pdfTimeoutMs: 60_000,
  importMemoryMb: DEFAULT_IMPORT_MEMORY_MB,
};

/** The limits of this installation: the configured upload limit and import memory, and the defaults above. */
export const analyseLimits = (config: {
  maxUploadBytes: number;
  jobs?: { importMemoryMb: number };
}): AnalyseLimits => ({
  maxUploadBytes: config.maxUploadBytes,
  ...DEFAULT_LIMITS,
  ...(config.jobs ? { importMemoryMb: config.jobs.importMemoryMb } : {}),
});

export const ZIP_MAX_ENTRIES = 10_000;
export const ZIP_EXPANSION_FACTOR = 10;

export interface Analysis {
  detectedType: DetectedType;
  mediaType: string;
  pageCount: number | null;
  textStatus: TextStatus;
  searchText: string;
  details: DocumentDetails;
  suggested: { title: string | null; kind: DocumentKind | null; date: string | null; provider: string | null };
  items: ImportedItem[];
  /**
   * The patients each portal file in the upload names (the file itself, or each C-CDA and
   * FHIR file inside a ZIP); null when it holds none. Checked before anything is stored.
   */
  patients: NamedIn[] | null;
}

async function readAll(store: BlobStore, h: BlobHandle, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const p of store.createReadStream(h, { start: 0, end: max - 1 })) {
    parts.push(p as Buffer);
    n += (p as Buffer).length;
  }
  return Buffer.concat(parts, n);
}

const clip = (s: string, max: number) => (s.length > max ? s.slice(0, max) : s);
const none = { title: null, kind: null, date: null, provider: null };

// ---------- PDF ----------

async function analysePdf(
  buf: Buffer,
  limits: AnalyseLimits,
): Promise<Pick<Analysis, 'pageCount' | 'textStatus' | 'searchText'>> {
  // Off the main thread, with a time limit: a locked, damaged, scanned or hostile PDF is
  // kept and flagged, never allowed to stall the server.
  const r = await readPdfText(buf, { maxChars: limits.searchTextMaxChars, timeoutMs: limits.pdfTimeoutMs });
  if (!r.ok) return { pageCount: null, textStatus: 'unreadable', searchText: '' };
  // A scanned page has no text layer: say so, like a locked file.
  return { pageCount: r.pages, textStatus: r.text ? 'extracted' : 'unreadable', searchText: r.text };
}

// ---------- DICOM ----------

type DataSet = ReturnType<typeof dicomParser.parseDicom>;

function str(ds: DataSet, tag: string): string | null {
  try {
    const v = ds.string(tag);
    return v?.trim() ? v.trim().slice(0, 200) : null;
  } catch {
    return null;
  }
}

/** DICOM DA "20040119" -> "2004-01-19". */
export function dicomDay(v: string | null): string | null {
  const m = v ? /^(\d{4})(\d{2})(\d{2})$/.exec(v.replace(/[.-]/g, '')) : null;
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

function parseDicomHeader(buf: Buffer): DataSet | null {
  try {
    return dicomParser.parseDicom(new Uint8Array(buf.buffer, buf.byteOffset, buf.length), { untilTag: 'x7fe00010' });
  } catch {
    return null;
  }
}

interface DicomFacts {
  studyUid: string | null;
  seriesUid: string | null;
  studyDate: string | null;
  modality: string | null;
  bodyPart: string | null;
  description: string | null;
  institution: string | null;
}

function dicomFacts(ds: DataSet): DicomFacts {
  return {
    studyUid: str(ds, 'x0020000d'),
    seriesUid: str(ds, 'x0020000e'),
    studyDate: dicomDay(str(ds, 'x00080020')),
    modality: str(ds, 'x00080060'),
    bodyPart: str(ds, 'x00180015'),
    description: str(ds, 'x00081030') ?? str(ds, 'x0008103e'),
    institution: str(ds, 'x00080080'),
  };
}

function imagingFrom(
  facts: DicomFacts[],
  counts?: { studies: number; series: number; images: number },
): ImagingDetails {
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  const dates = uniq(facts.map((f) => f.studyDate)).sort();
  return {
    studies: counts?.studies ?? Math.max(1, uniq(facts.map((f) => f.studyUid)).length),
    series: counts?.series ?? Math.max(1, uniq(facts.map((f) => f.seriesUid)).length),
    images: counts?.images ?? facts.length,
    studyDate: dates[0] ?? null,
    modalities: uniq(facts.map((f) => f.modality)).slice(0, 10),
    bodyParts: uniq(facts.map((f) => f.bodyPart)).slice(0, 10),
    descriptions: uniq(facts.map((f) => f.description)).slice(0, 20),
    institution: uniq(facts.map((f) => f.institution))[0] ?? null,
  };
}

function imagingText(i: ImagingDetails): string {
  return [...i.modalities, ...i.bodyParts, ...i.descriptions, i.institution ?? ''].join(' ').trim();
}

/** A first title from the study itself, in the study's own words: "CT · Chest w/o contrast". */
function imagingTitle(i: ImagingDetails): string | null {
  const t = [i.modalities.join('/'), i.descriptions[0] ?? ''].filter(Boolean).join(' · ');
  return t || null;
}

// ---------- ZIP ----------

/** yauzl reads the ZIP straight out of the sealed file: nothing is unpacked to disk. */
class SealedZipReader extends yauzl.RandomAccessReader {
  constructor(private readonly ra: RandomAccess) {
    super();
  }
  override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    const step = 1024 * 1024;
    void (async () => {
      try {
        for (let at = start; at < end; at += step) {
          const piece = await this.ra.read(at, Math.min(step, end - at));
          if (!out.write(piece)) await new Promise((r) => out.once('drain', r));
        }
        out.end();
      } catch (err) {
        out.destroy(err as Error);
      }
    })();
    return out;
  }
  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    this.ra.read(position, length).then(
      (b) => {
        b.copy(buffer, offset);
        callback(null, b.length);
      },
      (err: Error) => callback(err),
    );
  }
  override close(callback: (err: Error | null) => void): void {
    callback(null);
  }
}

/** A name that would land outside the folder it is unpacked into ("zip slip"). */
export function isUnsafeZipPath(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.includes('\0')) return true;
  return n.split('/').some((seg) => seg === '..');
}

interface ZipEntryInfo {
  name: string;
  entry: yauzl.Entry;
}

async function listZip(zip: yauzl.ZipFile, limits: AnalyseLimits): Promise<ZipEntryInfo[]> {
  if (zip.entryCount > ZIP_MAX_ENTRIES) throw new Refused('zip_too_many');
  const entries: ZipEntryInfo[] = [];
  let expanded = 0;
  const maxExpanded = limits.maxUploadBytes * ZIP_EXPANSION_FACTOR;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const name = entry.fileName;
      if (isUnsafeZipPath(name)) return reject(new Refused('zip_unsafe_path'));
      entries.push({ name, entry });
      if (entries.length > ZIP_MAX_ENTRIES) return reject(new Refused('zip_too_many'));
      expanded += entry.uncompressedSize;
      if (expanded > maxExpanded) return reject(new Refused('zip_too_big'));
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (err: Error) => {
      // yauzl checks names itself too; report its path complaints as what they are.
      if (/absolute path|invalid relative path|invalid characters in fileName/.test(err.message))
        reject(new Refused('zip_unsafe_path'));
      else reject(err instanceof Refused ? err : new Refused('zip_damaged'));
    });
    zip.readEntry();
  });
  return entries;
}

/** Reads at most `max` bytes of one entry. A bomb cannot inflate past it: we stop reading. */
async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, max: number): Promise<Buffer> {
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err || !s ? reject(err ?? new Error('no stream')) : resolve(s))),
  );
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const p of stream) {
      const b = p as Buffer;
      const take = Math.min(b.length, max - n);
      parts.push(take < b.length ? b.subarray(0, take) : b);
      n += take;
      if (n >= max) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts, n);
}

const PORTAL_NAME = /\.(xml|json|cda|ccd|ccda)$/i;
const PORTAL_HEAD_BYTES = 64 * 1024;
/** More files named like health records than any portal export holds: refused, not half-checked. */
export const ZIP_MAX_PORTAL_FILES = 500;

/**
 * The patients named by every C-CDA or FHIR file inside a ZIP (a portal's "download my
 * record" is often a ZIP of them). Only entries named like those files are opened, and only
 * their first bytes unless they are one. A portal file that cannot be read is refused with
 * the ZIP: its patient cannot be checked, and nothing may be stored before it is.
 */
async function portalFilesIn(zip: yauzl.ZipFile, files: ZipEntryInfo[], limits: AnalyseLimits): Promise<NamedIn[]> {
  const out: NamedIn[] = [];
  const candidates = files.filter((f) => PORTAL_NAME.test(f.name));
  if (candidates.length > ZIP_MAX_PORTAL_FILES) throw new Refused('zip_too_many_records');
  for (const f of candidates) {
    const source = f.name.split('/').pop() || f.name;
    const size = f.entry.uncompressedSize;
    const head = await readEntry(zip, f.entry, Math.min(size, PORTAL_HEAD_BYTES)).catch(() => null);
    if (!head) throw new Refused('zip_record_unreadable', source);
    const headText = decodeText(head, head.length >= size);
    if (headText === null) continue;
    const start = headText.trimStart();
    const isCcda = start.startsWith('<') && looksLikeCcda(headText);
    const isFhir = (start.startsWith('{') || start.startsWith('[')) && /"resourceType"\s*:/.test(headText);
    if (!isCcda && !isFhir) continue;
    if (size > limits.importMaxBytes) throw new Refused('zip_record_unreadable', source);
    const whole = size <= head.length ? head : await readEntry(zip, f.entry, size).catch(() => null);
    const text = whole ? decodeText(whole, true) : null;
    if (text === null) throw new Refused('zip_record_unreadable', source);
    if (isCcda) {
      if (hasDoctype(text)) throw new Refused('zip_record_unreadable', source);
      try {
        out.push({ source, patients: ccdaPatients(parseCcda(text)) });
      } catch {
        throw new Refused('zip_record_unreadable', source);
      }
    } else {
      let bundle: ReturnType<typeof bundleResources>;
      try {
        bundle = bundleResources(JSON.parse(text));
      } catch {
        throw new Refused('zip_record_unreadable', source);
      }
      if (!bundle.ok) throw new Refused('zip_record_unreadable', source);
      out.push({ source, patients: fhirPatients(bundle.resources) });
    }
  }
  return out;
}

const DICOM_HEADER_BYTES = 512 * 1024;
const MAX_DICOM_FILES_READ = 400;

async function analyseZip(store: BlobStore, h: BlobHandle, limits: AnalyseLimits): Promise<Analysis> {
  const ra = await store.openRandomAccess(h);
  try {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromRandomAccessReader(
        new SealedZipReader(ra),
        ra.size,
        { lazyEntries: true, autoClose: false, validateEntrySizes: true },
        (err, z) =>
          err || !z
            ? reject(
                new Refused(
                  /absolute path|invalid relative path/.test(String(err?.message)) ? 'zip_unsafe_path' : 'zip_damaged',
                ),
              )
            : resolve(z),
      ),
    );
    try {
      const entries = await listZip(zip, limits);
      const files = entries.filter((e) => !e.name.endsWith('/'));
      // Word, Excel and PowerPoint files are ZIPs inside; they are not a kind we accept.
      if (files.some((f) => f.name === '[Content_Types].xml' || f.name === 'mimetype'))
        throw new Refused('not_allowed');
      const portal = await portalFilesIn(zip, files, limits);
      const patients = portal.length > 0 ? portal : null;
      const dicomdir = files.find((e) => /(^|\/)DICOMDIR$/i.test(e.name));
      if (dicomdir) {
        const imaging = await imagingFromDicomdir(zip, dicomdir, files);
        if (imaging) {
          return {
            detectedType: 'imaging_study',
            mediaType: MEDIA_TYPES.imaging_study,
            pageCount: null,
            textStatus: 'not_applicable',
            searchText: imagingText(imaging),
            details: { imaging },
            suggested: {
              ...none,
              title: imagingTitle(imaging),
              kind: 'imaging',
              date: imaging.studyDate,
              provider: imaging.institution,
            },
            items: [],
            patients,
          };
        }
      }
      // No DICOMDIR: a folder of DICOM files is still one imaging study, not loose files.
      const facts: DicomFacts[] = [];
      let looked = 0;
      for (const f of files) {
        if (looked >= MAX_DICOM_FILES_READ) break;
        looked++;
        const head = await readEntry(zip, f.entry, DICOM_HEADER_BYTES).catch(() => null);
        if (!head || !isDicom(head)) continue;
        const ds = parseDicomHeader(head);
        if (ds) facts.push(dicomFacts(ds));
      }
      if (facts.length > 0 && facts.length >= Math.min(files.length, looked) / 2) {
        const imaging = imagingFrom(facts);
        return {
          detectedType: 'imaging_study',
          mediaType: MEDIA_TYPES.imaging_study,
          pageCount: null,
          textStatus: 'not_applicable',
          searchText: imagingText(imaging),
          details: { imaging },
          suggested: {
            ...none,
            title: imagingTitle(imaging),
            kind: 'imaging',
            date: imaging.studyDate,
            provider: imaging.institution,
          },
          items: [],
          patients,
        };
      }
      return {
        detectedType: 'zip',
        mediaType: MEDIA_TYPES.zip,
        pageCount: null,
        textStatus: 'not_applicable',
        searchText: clip(files.map((f) => f.name.split('/').pop()).join(' '), limits.searchTextMaxChars),
        details: { zipEntries: files.length },
        suggested: none,
        items: [],
        patients,
      };
    } finally {
      zip.close();
    }
  } finally {
    await ra.close();
  }
}

async function imagingFromDicomdir(
  zip: yauzl.ZipFile,
  dicomdir: ZipEntryInfo,
  files: ZipEntryInfo[],
): Promise<ImagingDetails | null> {
  const buf = await readEntry(zip, dicomdir.entry, 32 * 1024 * 1024).catch(() => null);
  if (!buf) return null;
  let ds: DataSet;
  try {
    ds = dicomParser.parseDicom(new Uint8Array(buf.buffer, buf.byteOffset, buf.length));
  } catch {
    return null;
  }
  const records = ds.elements.x00041220?.items ?? [];
  let studies = 0;
  let series = 0;
  let images = 0;
  const facts: DicomFacts[] = [];
  const firstImages: string[] = [];
  let seriesHasImage = true;
  for (const item of records) {
    const r = item.dataSet;
    if (!r) continue;
    const type = str(r, 'x00041430');
    if (type === 'STUDY') {
      studies++;
      facts.push({ ...dicomFacts(r), modality: null });
    } else if (type === 'SERIES') {
      series++;
      seriesHasImage = false;
      facts.push({ ...dicomFacts(r), studyDate: null, description: str(r, 'x0008103e') });
    } else if (type === 'IMAGE') {
      images++;
      const ref = str(r, 'x00041500');
      if (!seriesHasImage && ref) firstImages.push(ref.replace(/\\/g, '/'));
      seriesHasImage = true;
    }
  }
  if (studies === 0 && series === 0) return null;
  // One image per series says where and what (body part, institution are not in DICOMDIR).
  const base = dicomdir.name.replace(/DICOMDIR$/i, '');
  const byName = new Map(files.map((f) => [f.name.toLowerCase(), f]));
  for (const ref of firstImages.slice(0, 50)) {
    const f = byName.get(`${base}${ref}`.toLowerCase());
    if (!f) continue;
    const head = await readEntry(zip, f.entry, DICOM_HEADER_BYTES).catch(() => null);
    const d = head && isDicom(head) ? parseDicomHeader(head) : null;
    if (d) facts.push({ ...dicomFacts(d), description: null });
  }
  return imagingFrom(facts, { studies, series, images });
}

// ---------- the entry point ----------

export async function analyse(
  store: BlobStore,
  h: BlobHandle,
  size: number,
  detection: Detection & { ok: true },
  limits: AnalyseLimits,
): Promise<Analysis> {
  const type = detection.type;
  const plain = (extra: Partial<Analysis> = {}): Analysis => ({
    detectedType: type,
    mediaType: detection.mediaType,
    pageCount: null,
    textStatus: 'not_applicable',
    searchText: '',
    details: {},
    suggested: none,
    items: [],
    patients: null,
    ...extra,
  });

  switch (type) {
    case 'pdf': {
      if (size > limits.pdfTextMaxBytes) return plain({ textStatus: 'too_large' });
      return plain(await analysePdf(await readAll(store, h, size), limits));
    }
    case 'dicom': {
      const head = await readAll(store, h, Math.min(size, 4 * 1024 * 1024));
      let ds = parseDicomHeader(head);
      if (!ds && size > head.length && size <= 64 * 1024 * 1024) ds = parseDicomHeader(await readAll(store, h, size));
      if (!ds) return plain();
      const imaging = imagingFrom([dicomFacts(ds)]);
      return plain({
        details: { imaging },
        searchText: imagingText(imaging),
        suggested: {
          ...none,
          title: imagingTitle(imaging),
          kind: 'imaging',
          date: imaging.studyDate,
          provider: imaging.institution,
        },
      });
    }
    case 'zip':
      return analyseZip(store, h, limits);
    case 'ccda': {
      if (size > limits.importMaxBytes) throw new Refused('import_too_large');
      // Parsed and mapped in a worker thread with bounded memory (imports-thread.ts).
      const memoryMb = limits.importMemoryMb ?? DEFAULT_IMPORT_MEMORY_MB;
      const read = await readPortalFileInThread('ccda', await readAll(store, h, size), { memoryMb });
      if (!read.ok) throw new Refused(read.reason);
      if (read.kind !== 'ccda') throw new Refused('xml_damaged');
      const r = read.ccda;
      const items = [...r.items];
      // An imaging or pathology report is itself a test that was done.
      if ((r.kind === 'imaging' || r.kind === 'pathology') && r.title) {
        items.push({
          category: 'report',
          display: r.title.slice(0, 300),
          codeSystem: null,
          code: null,
          value: null,
          status: null,
          startedOn: r.date,
          endedOn: null,
          place: r.provider,
        });
      }
      return plain({
        items,
        textStatus: 'extracted',
        searchText: clip([r.title ?? '', ...r.sectionTitles].join(' '), limits.searchTextMaxChars),
        details: { imported: { items: items.length, skipped: r.skipped, byCategory: countByCategory(items) } },
        suggested: { title: r.title, kind: r.kind, date: r.date, provider: r.provider },
        patients: [{ source: null, patients: r.patients }],
      });
    }
    case 'fhir': {
      if (size > limits.importMaxBytes) throw new Refused('import_too_large');
      // Read entry by entry in a worker thread with bounded memory (imports-thread.ts).
      const memoryMb = limits.importMemoryMb ?? DEFAULT_IMPORT_MEMORY_MB;
      const r = await readPortalFileInThread('fhir', await readAll(store, h, size), { memoryMb });
      if (!r.ok) throw new Refused(r.reason);
      if (r.kind !== 'fhir') throw new Refused('json_malformed');
      return plain({
        items: r.items,
        textStatus: 'extracted',
        details: { imported: { items: r.items.length, skipped: r.skipped, byCategory: countByCategory(r.items) } },
        patients: [{ source: null, patients: r.patients }],
      });
    }
    case 'text': {
      const max = Math.min(size, limits.searchTextMaxChars * 4);
      const text = decodeText(await readAll(store, h, max), max === size);
      if (text === null) throw new Refused('text_encoding');
      return plain({
        textStatus: 'extracted',
        searchText: clip(text.replace(/\s+/g, ' ').trim(), limits.searchTextMaxChars),
      });
    }
    default:
      return plain();
  }
}

// ---------- whose record, for files stored before the check existed ----------

/**
 * The patients a stored portal file (C-CDA, FHIR, or a ZIP holding them) names, read again
 * from its sealed file; null when it holds no portal file. Lighter than `analyse`: only the
 * header of a C-CDA and the Patient resources of a bundle are looked at. Throws Refused
 * when the file cannot be read.
 */
export async function patientsNamedIn(
  store: BlobStore,
  h: BlobHandle,
  size: number,
  type: DetectedType,
  limits: AnalyseLimits,
): Promise<NamedIn[] | null> {
  if (type === 'ccda' || type === 'fhir') {
    if (size > limits.importMaxBytes) throw new Refused('import_too_large');
    const text = decodeText(await readAll(store, h, size), true);
    if (text === null) throw new Refused('text_encoding');
    if (type === 'ccda') {
      if (hasDoctype(text)) throw new Refused('xml_doctype');
      try {
        return [{ source: null, patients: ccdaPatients(parseCcda(text)) }];
      } catch {
        throw new Refused('xml_damaged');
      }
    }
    let bundle: ReturnType<typeof bundleResources>;
    try {
      bundle = bundleResources(JSON.parse(text));
    } catch {
      throw new Refused('json_malformed');
    }
    if (!bundle.ok) throw new Refused('json_not_fhir');
    return [{ source: null, patients: fhirPatients(bundle.resources) }];
  }
  if (type !== 'zip' && type !== 'imaging_study') return null;
  const ra = await store.openRandomAccess(h);
  try {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromRandomAccessReader(
        new SealedZipReader(ra),
        ra.size,
        { lazyEntries: true, autoClose: false, validateEntrySizes: true },
        (err, z) => (err || !z ? reject(new Refused('zip_damaged')) : resolve(z)),
      ),
    );
    try {
      const files = (await listZip(zip, limits)).filter((e) => !e.name.endsWith('/'));
      const portal = await portalFilesIn(zip, files, limits);
      return portal.length > 0 ? portal : null;
    } finally {
      zip.close();
    }
  } finally {
    await ra.close();
  }
}
