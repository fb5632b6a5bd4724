import { fileTypeFromBuffer } from 'file-type';
import type { DetectedType } from './documents.ts';

// What a file is, from its bytes, never its name: a renamed .exe stays an .exe. Pure (no
// I/O): it looks at the first bytes the upload delivered. file-type knows the binary
// formats; health-record text formats (C-CDA XML, FHIR JSON) and plain text are ours.

export type RefusalReason =
  | 'empty'
  | 'not_allowed'
  | 'xml_doctype'
  | 'html'
  | 'xml_not_ccda'
  | 'xml_damaged'
  | 'json_not_fhir'
  | 'json_malformed'
  | 'text_encoding'
  | 'zip_unsafe_path'
  | 'zip_too_many'
  | 'zip_too_big'
  | 'zip_damaged'
  | 'zip_record_unreadable'
  | 'zip_too_many_records'
  | 'patient_mismatch'
  | 'patient_several'
  | 'patient_none'
  | 'too_large'
  | 'import_too_large'
  | 'import_memory'
  | 'too_many_files'
  | 'stalled'
  | 'cut_off';

export type Detection = { ok: true; type: DetectedType; mediaType: string } | { ok: false; reason: RefusalReason };

const BINARY: Record<string, { type: DetectedType; mediaType: string }> = {
  pdf: { type: 'pdf', mediaType: 'application/pdf' },
  jpg: { type: 'jpeg', mediaType: 'image/jpeg' },
  png: { type: 'png', mediaType: 'image/png' },
  tif: { type: 'tiff', mediaType: 'image/tiff' },
  dcm: { type: 'dicom', mediaType: 'application/dicom' },
  zip: { type: 'zip', mediaType: 'application/zip' },
};

export const MEDIA_TYPES: Record<DetectedType, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  dicom: 'application/dicom',
  zip: 'application/zip',
  imaging_study: 'application/zip',
  ccda: 'application/xml',
  fhir: 'application/fhir+json',
  text: 'text/plain; charset=utf-8',
};

/** DICOM Part 10: a 128-byte preamble, then "DICM". Checked first: some files are TIFF and DICOM at once. */
export function isDicom(head: Buffer): boolean {
  return head.length >= 132 && head.toString('latin1', 128, 132) === 'DICM';
}

/** DOCTYPE or ENTITY declarations: refused outright, so no entity is ever expanded or fetched. */
export function hasDoctype(text: string): boolean {
  return /<!\s*(DOCTYPE|ENTITY)/i.test(text);
}

/**
 * Decodes UTF-8 text, or returns null for binary or another encoding. A multi-byte
 * character cut by the end of `head` is forgiven when the file goes on past it.
 */
export function decodeText(bytes: Buffer, complete: boolean): string | null {
  let b = bytes;
  if (!complete) {
    // Drop up to 3 trailing bytes of an unfinished UTF-8 sequence.
    let cut = b.length;
    for (let i = 1; i <= 3 && i <= b.length; i++) {
      const c = b[b.length - i]!;
      if ((c & 0xc0) === 0x80) continue;
      if (c >= 0xc0) cut = b.length - i;
      break;
    }
    b = b.subarray(0, cut);
  }
  if (b.includes(0)) return null;
  try {
    const s = new TextDecoder('utf-8', { fatal: true }).decode(b);
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  } catch {
    return null;
  }
}

/** The name of the first element, skipping the XML declaration, comments and processing instructions; null if none yet. */
export function xmlRootName(text: string): string | null {
  const body = text.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  // An unclosed comment at the end of the bytes seen so far: only what comes before it counts.
  const open = body.indexOf('<!--');
  const m = /<([A-Za-z_][\w.:-]*)/.exec(open >= 0 ? body.slice(0, open) : body);
  return m ? m[1]! : null;
}

/** Elements a saved web page or a piece of one starts with (never the root of a health record). */
const HTML_ROOTS = new Set([
  'html',
  'head',
  'body',
  'div',
  'p',
  'span',
  'table',
  'b',
  'i',
  'a',
  'br',
  'meta',
  'title',
  'style',
  'script',
  'link',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** A web page (HTML): a DOCTYPE html, or a first element that only web pages start with. */
export function looksLikeHtml(text: string): boolean {
  if (/^\s*<!doctype\s+html[\s>]/i.test(text)) return true;
  const root = xmlRootName(text);
  return root !== null && HTML_ROOTS.has(root.toLowerCase());
}

/**
 * Whether text that starts with "<" is markup at all: an XML declaration, a comment, or a
 * first element written as a tag (`<name>`, `<name a="1">`). "<3 thanks" or "<Lab notes>"
 * are plain words that happen to start with "<".
 */
export function looksLikeXml(text: string): boolean {
  const start = text.trimStart();
  if (/^<\?xml[\s?]/i.test(start) || start.startsWith('<!--') || /^<!\s*(DOCTYPE|ENTITY)/i.test(start)) return true;
  return /^<[A-Za-z_][\w.:-]*(\s+[A-Za-z_][\w.:-]*\s*=\s*("[^"]*"|'[^']*'))*\s*\/?>/.test(start);
}

/** C-CDA: an HL7 v3 ClinicalDocument. */
export function looksLikeCcda(text: string): boolean {
  return /<(\w+:)?ClinicalDocument[\s>]/.test(text) && text.includes('urn:hl7-org:v3');
}

/**
 * Decides the type from the first bytes. `complete` says whether `head` is the whole
 * file. Text formats may still be refused after the whole file is read (a DOCTYPE deep
 * inside, JSON that does not parse): see the analysis step.
 */
export async function detectType(head: Buffer, complete: boolean): Promise<Detection> {
  if (head.length === 0) return { ok: false, reason: 'empty' };
  if (isDicom(head)) return { ok: true, ...BINARY.dcm! };
  // UTF-16 text (Windows Notepad's "Unicode"): readable if saved as UTF-8. Checked before
  // file-type, which takes its byte-order mark for an MP1 audio frame.
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    return { ok: false, reason: 'text_encoding' };
  }
  const ft = await fileTypeFromBuffer(head);
  if (ft && ft.ext !== 'xml') {
    const known = BINARY[ft.ext];
    return known ? { ok: true, ...known } : { ok: false, reason: 'not_allowed' };
  }
  const text = decodeText(head, complete);
  if (text === null) return { ok: false, reason: ft ? 'text_encoding' : 'not_allowed' };
  const start = text.trimStart();
  // A saved web page is told it is one, not given a lesson about XML DOCTYPEs.
  if (start.startsWith('<') && looksLikeHtml(text)) return { ok: false, reason: 'html' };
  if (start.startsWith('<') && looksLikeXml(text)) {
    if (hasDoctype(text)) return { ok: false, reason: 'xml_doctype' };
    if (looksLikeCcda(text)) return { ok: true, type: 'ccda', mediaType: MEDIA_TYPES.ccda };
    // A long prolog (comments) can push the root element past the first bytes: then the
    // whole file decides, in the analysis step.
    const root = xmlRootName(text);
    return root === null && !complete
      ? { ok: true, type: 'ccda', mediaType: MEDIA_TYPES.ccda }
      : { ok: false, reason: 'xml_not_ccda' };
  }
  if (start.startsWith('{') || start.startsWith('[')) {
    return /"resourceType"\s*:/.test(text)
      ? { ok: true, type: 'fhir', mediaType: MEDIA_TYPES.fhir }
      : { ok: false, reason: 'json_not_fhir' };
  }
  return { ok: true, type: 'text', mediaType: MEDIA_TYPES.text };
}
