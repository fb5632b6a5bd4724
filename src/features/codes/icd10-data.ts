import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Clock } from '../../platform/clock.ts';
import type { Queryable } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { loadStoredReleases, releasesFingerprint } from './codes-store.ts';
import {
  buildIcd10Index,
  type CategoryRow,
  type ChapterRow,
  type Icd10Index,
  type Icd10Row,
  type Retirement,
  type SectionRow,
} from './icd10.ts';
import { combineReleases, parseCmsFile, type Release } from './icd10-releases.ts';

// Reads the ICD-10-CM files shipped in data/reference/icd10cm (provenance in
// data/reference/SOURCES.md) and any newer years an operator imported into the database,
// and builds the index of the newest year (ADR 0167, 0168).

const gunzip = promisify(zlib.gunzip);
const here = path.dirname(fileURLToPath(import.meta.url));
export const ICD10_DIR = path.resolve(here, '../../../data/reference/icd10cm');

/** Splits one CSV line (RFC 4180 quoting), through csv-parse like the whole files. */
export function parseCsvLine(line: string): string[] {
  return (parseCsv(line, { relax_column_count: true }) as string[][])[0] ?? [''];
}

/**
 * The rows of a CSV file with a header row, through csv-parse (RFC 4180: quoted fields,
 * doubled quotes, CRLF or LF); blank lines are skipped.
 */
export function csvRows(text: string): string[][] {
  return parseCsv(text, { from_line: 2, skip_empty_lines: true, relax_column_count: true, bom: true }) as string[][];
}

/**
 * The order file: order, code, valid, short, long, vocabulary (tab-separated, header row,
 * no quoting). Split by tab rather than through csv-parse: it is not CSV, and csv-parse
 * takes four times as long on its 97,000 lines (about 1 s against 0.27 s here), which
 * every process pays at start.
 */
export function parseOrderFile(text: string): Icd10Row[] {
  const rows: Icd10Row[] = [];
  const lines = text.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line) continue;
    const f = line.split('\t');
    if (f.length < 5) continue;
    rows.push({ code: f[1]!, billable: f[2] === '1', description: f[4]!.replace(/\r$/, '') });
  }
  return rows;
}

/**
 * The shipped order file lost the last character of every 8-character code on its way
 * through R (its code column holds at most 7 characters with the dot): "S72.001A",
 * "S72.001D" and "S72.001S" all read "S72.001". ICD-10-CM gives that character one
 * meaning per title ending ("initial encounter" = A, "fetus 2" = 2, "left eye" = 2, ...),
 * so it is put back from the title. Order of the rules matters: longer endings first.
 */
const LAST_CHARACTER: [RegExp, string][] = [
  [/initial encounter for open fracture type IIIA, IIIB, or IIIC$/, 'C'],
  [/initial encounter for open fracture type I or II$/, 'B'],
  [/initial encounter for open fracture$/, 'B'],
  [/initial encounter for (closed )?fracture$/, 'A'],
  [/initial encounter$/, 'A'],
  [/open fracture type IIIA, IIIB, or IIIC with routine healing$/, 'F'],
  [/open fracture type I or II with routine healing$/, 'E'],
  [/(closed )?fracture with routine healing$/, 'D'],
  [/open fracture type IIIA, IIIB, or IIIC with delayed healing$/, 'J'],
  [/open fracture type I or II with delayed healing$/, 'H'],
  [/(closed )?fracture with delayed healing$/, 'G'],
  [/open fracture type IIIA, IIIB, or IIIC with nonunion$/, 'N'],
  [/open fracture type I or II with nonunion$/, 'M'],
  [/(closed )?fracture with nonunion$/, 'K'],
  [/open fracture type IIIA, IIIB, or IIIC with malunion$/, 'R'],
  [/open fracture type I or II with malunion$/, 'Q'],
  [/(closed )?fracture with malunion$/, 'P'],
  [/subsequent encounter$/, 'D'],
  [/sequela( of fracture)?$/, 'S'],
  [/not applicable or unspecified$/, '0'],
  [/fetus ([1-5])$/, '$1'],
  [/other fetus$/, '9'],
  [/stage unspecified$/, '0'],
  [/(mild|early dry) stage$/, '1'],
  [/(moderate|intermediate dry) stage$/, '2'],
  [/severe stage$/, '3'],
  [/indeterminate stage$/, '4'],
  [/advanced atrophic without subfoveal involvement$/, '3'],
  [/advanced atrophic with subfoveal involvement$/, '4'],
  [/with active choroidal neovascularization$/, '1'],
  [/with inactive choroidal neovascularization$/, '2'],
  [/with inactive scar$/, '3'],
  [/unspecified time$/, '0'],
  [/in the field \[EMT or ambulance\]$/, '1'],
  [/at arrival to emergency department$/, '2'],
  [/at hospital admission$/, '3'],
  [/24 hours or more after hospital admission$/, '4'],
  [/without tophus \(tophi\)$/, '0'],
  [/with tophus \(tophi\)$/, '1'],
  [/left eye category ([1-5])(, normal vision right eye)?$/, '$1'],
  [/, with macular edema$/, '0'],
  [/, with retinal neovascularization$/, '1'],
  [/retinal vein occlusion, .*, stable$/, '2'],
  [/due to sarcoglycan dysfunction, unspecified$/, '0'],
  [/due to alpha sarcoglycan dysfunction$/, '1'],
  [/due to beta sarcoglycan dysfunction$/, '2'],
  [/due to other sarcoglycan dysfunction$/, '9'],
  [/bacterial overgrowth, hydrogen-subtype$/, '1'],
  [/bacterial overgrowth, hydrogen sulfide-subtype$/, '2'],
  [/bacterial overgrowth, unspecified$/, '9'],
  [/right eye$/, '1'],
  [/left eye$/, '2'],
  [/bilateral$/, '3'],
  [/unspecified eye$/, '9'],
  [/upper eyelid, including canthus$/, '1'],
  [/lower eyelid, including canthus$/, '2'],
];

/**
 * Restores the lost last character (see LAST_CHARACTER). A row is a cut-down code when
 * another row has the same code, or when its code ends in the placeholder X. Rows whose
 * character cannot be worked out are dropped and counted, never guessed.
 */
export function restoreLastCharacter(rows: Icd10Row[]): { rows: Icd10Row[]; restored: number; dropped: Icd10Row[] } {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.code, (count.get(r.code) ?? 0) + 1);
  const out: Icd10Row[] = [];
  const dropped: Icd10Row[] = [];
  const seenHeader = new Set<string>();
  let restored = 0;
  for (const r of rows) {
    const cut = r.code.length === 7 && ((count.get(r.code) ?? 0) > 1 || r.code.endsWith('X'));
    // The first non-billable row of a repeated code is the real (shorter) header code.
    if (!cut || (!r.billable && !seenHeader.has(r.code) && !r.code.endsWith('X'))) {
      if (cut) seenHeader.add(r.code);
      out.push(r);
      continue;
    }
    const rule = LAST_CHARACTER.find(([re]) => re.test(r.description));
    if (!rule) {
      dropped.push(r);
      continue;
    }
    const ch = r.description.replace(new RegExp(`^.*?(?:${rule[0].source})`), rule[1]);
    out.push({ ...r, code: r.code + (ch.length === 1 ? ch : rule[1]) });
    restored++;
  }
  return { rows: out, restored, dropped };
}

/** The years shipped with the app: the full FY2024 order file and the FY2027 codes file. */
export const SHIPPED_FILES = {
  order2024: 'icd10cm_order_2024.tsv.gz',
  codes2027: 'icd10cm_codes_2027.txt.gz',
} as const;

export interface Hierarchy {
  categories: CategoryRow[];
  sections: SectionRow[];
  chapters: ChapterRow[];
}

export interface Shipped extends Hierarchy {
  releases: Release[];
  /** FY2024 rows left out because their cut-off last character could not be restored. */
  dropped: Icd10Row[];
}

export async function readShipped(dir = ICD10_DIR): Promise<Shipped> {
  const [order, codes, categories, sections, chapters] = await Promise.all([
    fs.readFile(path.join(dir, SHIPPED_FILES.order2024)).then((b) => gunzip(b)),
    fs.readFile(path.join(dir, SHIPPED_FILES.codes2027)).then((b) => gunzip(b)),
    fs.readFile(path.join(dir, 'icd10cm-categories-April-1-2026.csv'), 'utf8'),
    fs.readFile(path.join(dir, 'icd10cm-sections-April-1-2026.csv'), 'utf8'),
    fs.readFile(path.join(dir, 'icd10cm-chapters-April-1-2026.csv'), 'utf8'),
  ]);
  const { rows: rows2024, dropped } = restoreLastCharacter(parseOrderFile(order.toString('utf8')));
  const file2027 = parseCmsFile(codes.toString('latin1'));
  if (file2027?.format !== 'codes' || file2027.problems.length > 0)
    throw new Error(`The shipped ${SHIPPED_FILES.codes2027} could not be read`);
  return {
    releases: [
      { year: 2024, format: 'order', rows: rows2024 },
      { year: 2027, format: 'codes', rows: file2027.rows },
    ],
    dropped,
    categories: csvRows(categories).map(([category, description, section, chapter]) => ({
      category: category!,
      description: description!,
      section: section!,
      chapter: chapter!,
    })),
    sections: csvRows(sections).map(([range, chapter, description]) => ({
      range: range!,
      chapter: chapter!,
      description: description!,
    })),
    chapters: csvRows(chapters).map(([chapter, description]) => ({ chapter: chapter!, description: description! })),
  };
}

export interface Icd10Files extends Hierarchy {
  /** The newest year's codes in tabular order, then the retired codes of earlier years. */
  rows: Icd10Row[];
  /** The newest year (FY). */
  year: number;
  years: number[];
  retiredCount: number;
  dropped: Icd10Row[];
}

let shippedOnce: Promise<Shipped> | undefined;
/** The shipped files, read once per process (they never change while it runs). */
function shipped(): Promise<Shipped> {
  shippedOnce ??= readShipped().catch((err: unknown) => {
    shippedOnce = undefined; // a later call may try again (e.g. after the files are restored)
    throw err;
  });
  return shippedOnce;
}

/**
 * The shipped years plus any stored ones, combined: a stored year replaces the shipped
 * year of the same number, and the newest year is the current list.
 */
export async function readIcd10Files(dir?: string, stored: Release[] = []): Promise<Icd10Files> {
  return combineFiles(dir ? await readShipped(dir) : await shipped(), stored);
}

/** The shipped years (or a test's own) and the stored ones, as one list of rows. */
export function combineFiles(s: Shipped, stored: Release[] = []): Icd10Files {
  const combined = combineReleases([...s.releases, ...stored]);
  return {
    rows: combined.rows,
    year: combined.year,
    years: combined.years,
    retiredCount: combined.retiredCount,
    dropped: s.dropped,
    categories: s.categories,
    sections: s.sections,
    chapters: s.chapters,
  };
}

const en = translator('en');

/** "(no longer used since FY2026)", or the span of years when the exact one is not known. */
export function retiredNote(r: Retirement): string {
  return r.goneBy === r.lastYear + 1
    ? en('codes.retired.since', { year: r.goneBy })
    : en('codes.retired.between', { last: r.lastYear, gone: r.goneBy });
}

export function indexFromFiles(f: Icd10Files): Icd10Index {
  return buildIcd10Index(f.rows, f.categories, f.sections, f.chapters, {
    year: f.year,
    years: f.years,
    describeRetired: retiredNote,
  });
}

let once: Promise<Icd10Index> | undefined;

/** The index of the shipped years alone: built on first call (about a second), then kept in memory. */
export function loadIcd10(): Promise<Icd10Index> {
  once ??= readIcd10Files()
    .then(indexFromFiles)
    .catch((err: unknown) => {
      once = undefined;
      throw err;
    });
  return once;
}

/** Indexes built from stored years, by fingerprint; only the newest is kept (each is ~70 MB). */
let storedIndex: { fingerprint: string; index: Promise<Icd10Index> } | undefined;

function indexForStored(db: Queryable, fingerprint: string): Promise<Icd10Index> {
  if (storedIndex?.fingerprint !== fingerprint) {
    const index = loadStoredReleases(db)
      .then((stored) => readIcd10Files(undefined, stored))
      .then(indexFromFiles);
    index.catch(() => {
      if (storedIndex?.index === index) storedIndex = undefined;
    });
    storedIndex = { fingerprint, index };
  }
  return storedIndex.index;
}

/**
 * Where the app gets its index: the shipped years, or, once an operator imported a year
 * into the database, the combination. Every process looks at the database at most once
 * per `refreshMs` (one small query) and rebuilds when the stored years changed, so all
 * processes move to a new year within that time without a restart (ADR 0168).
 */
export interface Icd10Source {
  attach(db: Queryable, clock: Clock): void;
  get(): Promise<Icd10Index>;
  /**
   * For callers inside a database transaction: never waits on the database (on SQLite the
   * transaction holds the one connection, so a look at the stored years would wait on
   * itself). The index in hand; when a look is due, it is made in the background.
   */
  inTransaction(): Promise<Icd10Index>;
  /** Looks at the database now. */
  refresh(): Promise<Icd10Index>;
}

export const REFRESH_MS = 60_000;

export interface SourceOptions {
  refreshMs?: number;
  /** The shipped years; tests give small made-up ones. Default: data/reference/icd10cm. */
  shipped?: () => Promise<Shipped>;
}

export function createIcd10Source(opts: SourceOptions = {}): Icd10Source {
  const refreshMs = opts.refreshMs ?? REFRESH_MS;
  const base = opts.shipped ? () => opts.shipped!().then((s) => indexFromFiles(combineFiles(s))) : loadIcd10;
  const withStored = (d: Queryable, fingerprint: string) =>
    opts.shipped
      ? Promise.all([opts.shipped(), loadStoredReleases(d)]).then(([s, stored]) =>
          indexFromFiles(combineFiles(s, stored)),
        )
      : indexForStored(d, fingerprint);
  let db: Queryable | undefined;
  let clock: Clock | undefined;
  let current: { fingerprint: string; index: Icd10Index } | undefined;
  let checkedAt = 0;
  let pending: Promise<Icd10Index> | undefined;

  const refresh = (): Promise<Icd10Index> => {
    const d = db;
    if (!d) return base();
    pending ??= (async () => {
      try {
        let fingerprint: string;
        try {
          fingerprint = await releasesFingerprint(d);
        } catch {
          // The table cannot be read (a lost connection): keep what we have.
          return current?.index ?? (await base());
        }
        if (current?.fingerprint !== fingerprint) {
          const index = fingerprint === '' ? await base() : await withStored(d, fingerprint);
          current = { fingerprint, index };
        }
        checkedAt = clock!.now().getTime();
        return current.index;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  return {
    attach(d, c) {
      db = d;
      clock = c;
    },
    get() {
      if (current && db && clock!.now().getTime() - checkedAt < refreshMs) return Promise.resolve(current.index);
      return refresh();
    },
    inTransaction() {
      const due = !current || clock!.now().getTime() - checkedAt >= refreshMs;
      if (db && due) void refresh().catch(() => {});
      // Before the first look (the app just started): the shipped years, read from files.
      return current ? Promise.resolve(current.index) : base();
    },
    refresh,
  };
}
