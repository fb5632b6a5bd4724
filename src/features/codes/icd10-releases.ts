import { type Icd10Row, normalizeCode, type Retirement } from './icd10.ts';

// ICD-10-CM years ("releases") and how they combine: which codes are current, which were
// used in an earlier year and are gone now, and what changed from one year to the next.
// Pure: the files come in as text, the stored years as rows. See
// docs/decisions/0167-icd10cm-years-and-retired-codes.md and 0168-importing-a-new-year.md.

/**
 * One year's list as CMS/CDC publish it. The order file has every code, headers
 * included (billable false); the codes file has only billable codes, so the headers of
 * such a year are borrowed from other years (see currentRows).
 */
export interface Release {
  /** The federal fiscal year the list is valid for: FY2027 runs from 2026-10-01 to 2027-09-30. */
  year: number;
  format: ReleaseFormat;
  /** In the file's (tabular) order. */
  rows: Icd10Row[];
}

export type ReleaseFormat = 'order' | 'codes';

export const FIRST_YEAR = 2016; // ICD-10-CM replaced ICD-9-CM on 2015-10-01 (FY2016)
export const LAST_YEAR = 2099;

/** A line the reader could not accept, with its 1-based line number. */
export interface FileProblem {
  line: number;
  reason: string;
}

export interface ParsedFile {
  format: ReleaseFormat;
  rows: Icd10Row[];
  problems: FileProblem[];
}

// Official layouts (CMS "Code Descriptions in Tabular Order", both files fixed-width ASCII):
//   order file: order number (5) · code (7, no dot, space padded) · 0/1 (1 = billable) · short title (60) · long title
//   codes file: code (7, no dot, space padded) · long title
const ORDER_LINE = /^(\d{5}) ([A-Z0-9]{3}[A-Z0-9 ]{4}) ([01]) (.{60}) (.*)$/;
const CODES_LINE = /^([A-Z0-9]{3}[A-Z0-9 ]{4}) (.*)$/;

/** Which of the two official layouts a text is in, from its first line; null when neither. */
export function detectFormat(text: string): ReleaseFormat | null {
  const first = text.split(/\r?\n/, 20).find((l) => l.trim() !== '');
  if (!first) return null;
  if (/^\d{5} [A-Z0-9]{3}[A-Z0-9 ]{4} [01] /.test(first)) return 'order';
  if (CODES_LINE.test(first.replace(/\r$/, '')) && normalizeCode(first.slice(0, 7)) !== null) return 'codes';
  return null;
}

/** "C50912" -> "C50.912", the way the rest of the app writes codes. */
function withDot(compact: string): string {
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

/**
 * Reads a CMS file in either layout. Every line is checked; a file with any problem is to
 * be refused whole (a reference list loaded in part would be worse than the old one).
 */
export function parseCmsFile(text: string): ParsedFile | null {
  const format = detectFormat(text);
  if (!format) return null;
  const rows: Icd10Row[] = [];
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  let lastOrder = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const lineNo = i + 1;
    const m = format === 'order' ? ORDER_LINE.exec(line) : CODES_LINE.exec(line);
    if (!m) {
      problems.push({
        line: lineNo,
        reason:
          format === 'order'
            ? 'it is not laid out like the other lines of an order file'
            : 'it is not a code followed by its title',
      });
      continue;
    }
    const rawCode = (format === 'order' ? m[2]! : m[1]!).trim();
    const title = (format === 'order' ? m[5]! : m[2]!).trim();
    const norm = normalizeCode(rawCode);
    if (!norm || norm.replace('.', '') !== rawCode) {
      problems.push({ line: lineNo, reason: `"${rawCode}" is not an ICD-10-CM code` });
      continue;
    }
    if (!title) {
      problems.push({ line: lineNo, reason: `${norm} has no title` });
      continue;
    }
    if (seen.has(rawCode)) {
      problems.push({ line: lineNo, reason: `${norm} is listed twice` });
      continue;
    }
    if (format === 'order') {
      const order = Number(m[1]);
      if (order <= lastOrder)
        problems.push({
          line: lineNo,
          reason: `the order number ${m[1]} does not follow ${String(lastOrder).padStart(5, '0')}`,
        });
      lastOrder = order;
    }
    seen.add(rawCode);
    rows.push({ code: withDot(rawCode), billable: format === 'codes' ? true : m[3] === '1', description: title });
  }
  // A billable code is a leaf: a code with more exact codes under it cannot be billed.
  const sorted = [...seen].sort();
  const billable = new Map(rows.map((r) => [r.code.replace('.', ''), r.billable]));
  for (let k = 0; k + 1 < sorted.length; k++) {
    const a = sorted[k]!;
    if (billable.get(a) && sorted[k + 1]!.startsWith(a))
      problems.push({
        line: 0,
        reason: `${withDot(a)} is marked billable but ${withDot(sorted[k + 1]!)} sits under it`,
      });
  }
  if (rows.length === 0) problems.push({ line: 0, reason: 'the file has no codes' });
  return { format, rows, problems };
}

/**
 * The fiscal year a CMS/CDC file name says: "icd10cm_order_2028.txt", "icd10cm-codes-2028.txt",
 * or an April update "icd10cm-order-April-1-2026.txt" (April 2026 falls in FY2026). Null if none.
 */
export function yearFromFileName(name: string): number | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  const april = /april[-_ ]?1[-_ ](\d{4})/i.exec(base);
  if (april) return Number(april[1]);
  const m =
    /icd-?10-?cm[-_ ](?:order|codes)[-_ ](?:fy)?(\d{4})/i.exec(base) ??
    /^(?:fy)?(\d{4})[-_ ]code[-_ ]descriptions/i.exec(base);
  return m ? Number(m[1]) : null;
}

// ---------- years together ----------

const compact = (code: string) => code.replace('.', '');

/** Newest first is not needed anywhere; oldest first keeps "the last year that had it" simple. */
function byYear(releases: Release[]): Release[] {
  const latest = new Map<number, Release>();
  for (const r of releases) latest.set(r.year, r); // a later entry for the same year replaces an earlier one
  return [...latest.values()].sort((a, b) => a.year - b.year);
}

/**
 * A year's whole list: its own rows and, for a codes-format year, the headers above its
 * codes (C50, C50.9, C50.91 above C50.912), with the title from the nearest year that
 * lists them. A header no year lists (new and never in an order file) stays unknown
 * rather than invented. Rows keep tabular order: each header just before its first code.
 */
export function fullYear(release: Release, others: Release[]): Icd10Row[] {
  if (release.format === 'order') return release.rows;
  const own = new Set(release.rows.map((r) => compact(r.code)));
  // Nearest year first: the same year's other file, then earlier years going back, then later ones.
  const donors = [...others]
    .filter((o) => o !== release)
    .sort((a, b) => {
      const da = a.year <= release.year ? release.year - a.year : 1000 + a.year - release.year;
      const db = b.year <= release.year ? release.year - b.year : 1000 + b.year - release.year;
      return da - db;
    })
    .map((o) => new Map(o.rows.map((r) => [compact(r.code), r.description])));
  const titleOf = (c: string) => {
    for (const d of donors) {
      const t = d.get(c);
      if (t !== undefined) return t;
    }
    return null;
  };
  const out: Icd10Row[] = [];
  const added = new Set<string>();
  for (const r of release.rows) {
    const c = compact(r.code);
    for (let k = 3; k < c.length; k++) {
      const p = c.slice(0, k);
      if (own.has(p) || added.has(p)) continue;
      const title = titleOf(p);
      if (title === null) continue;
      added.add(p);
      out.push({ code: withDot(p), billable: false, description: title });
    }
    out.push(r);
  }
  return out;
}

export interface Combined {
  /** The newest year we have. */
  year: number;
  /** Every year we have, oldest first. */
  years: number[];
  /** The newest year's codes in tabular order, then codes of earlier years that it no longer has (marked retired). */
  rows: Icd10Row[];
  retiredCount: number;
}

/**
 * The newest year's list, plus every code an earlier year had and the newest does not,
 * marked with the last year it was listed and the first later year we know it was gone.
 * When no year between them is known (FY2024 then FY2027), the code went away in one of
 * the years between, and we say only what we know.
 */
export function combineReleases(releases: Release[]): Combined {
  const ordered = byYear(releases);
  if (ordered.length === 0) throw new Error('No ICD-10-CM year to use');
  const newest = ordered.at(-1)!;
  const full = new Map(ordered.map((r) => [r.year, fullYear(r, ordered)]));
  const current = full.get(newest.year)!;
  const currentSet = new Set(current.map((r) => compact(r.code)));
  const years = ordered.map((r) => r.year);
  const retired = new Map<string, Icd10Row>();
  // Going back from the newest year, the first year that still has a code is its last year.
  for (let k = ordered.length - 2; k >= 0; k--) {
    const y = ordered[k]!.year;
    for (const r of full.get(y)!) {
      const c = compact(r.code);
      if (currentSet.has(c) || retired.has(c)) continue;
      const retirement: Retirement = { lastYear: y, goneBy: years[k + 1]! };
      retired.set(c, { ...r, retired: retirement });
    }
  }
  // Retired codes after the current ones, by code: they are looked up, never ranked.
  const retiredRows = [...retired.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return { year: newest.year, years, rows: [...current, ...retiredRows], retiredCount: retiredRows.length };
}

export interface YearDiff {
  added: number;
  deleted: number;
  /** Same code, new title or now billable / no longer billable. */
  changed: number;
  examples: { added: string[]; deleted: string[]; changed: string[] };
}

/** What changed between two whole lists (headers included). */
export function diffYears(before: Icd10Row[], after: Icd10Row[]): YearDiff {
  const old = new Map(before.filter((r) => !r.retired).map((r) => [r.code, r]));
  const out: YearDiff = { added: 0, deleted: 0, changed: 0, examples: { added: [], deleted: [], changed: [] } };
  const now = new Set<string>();
  for (const r of after) {
    if (r.retired) continue;
    now.add(r.code);
    const o = old.get(r.code);
    if (!o) {
      out.added++;
      if (out.examples.added.length < 5) out.examples.added.push(r.code);
    } else if (o.description !== r.description || o.billable !== r.billable) {
      out.changed++;
      if (out.examples.changed.length < 5) out.examples.changed.push(r.code);
    }
  }
  for (const code of old.keys()) {
    if (now.has(code)) continue;
    out.deleted++;
    if (out.examples.deleted.length < 5) out.examples.deleted.push(code);
  }
  return out;
}
