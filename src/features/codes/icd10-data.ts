import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { buildIcd10Index, type CategoryRow, type ChapterRow, type Icd10Index, type Icd10Row, type SectionRow } from './icd10.ts';

// Reads the ICD-10-CM files shipped in data/reference/icd10cm (provenance in
// data/reference/SOURCES.md) and builds the index once per process, at first use.

const gunzip = promisify(zlib.gunzip);
const here = path.dirname(fileURLToPath(import.meta.url));
export const ICD10_DIR = path.resolve(here, '../../../data/reference/icd10cm');

/** Splits one CSV line (RFC 4180 quoting; the files hold no line breaks inside fields). */
export function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function csvRows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map(parseCsvLine);
}

/** The order file: order, code, valid, short, long, vocabulary (tab-separated, header row). */
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

export interface Icd10Files {
  rows: Icd10Row[];
  categories: CategoryRow[];
  sections: SectionRow[];
  chapters: ChapterRow[];
  /** Rows left out because their cut-off last character could not be restored. */
  dropped: Icd10Row[];
}

export async function readIcd10Files(dir = ICD10_DIR): Promise<Icd10Files> {
  const [order, categories, sections, chapters] = await Promise.all([
    fs.readFile(path.join(dir, 'icd10cm_order_2024.tsv.gz')).then((b) => gunzip(b)),
    fs.readFile(path.join(dir, 'icd10cm-categories-April-1-2026.csv'), 'utf8'),
    fs.readFile(path.join(dir, 'icd10cm-sections-April-1-2026.csv'), 'utf8'),
    fs.readFile(path.join(dir, 'icd10cm-chapters-April-1-2026.csv'), 'utf8'),
  ]);
  const { rows, dropped } = restoreLastCharacter(parseOrderFile(order.toString('utf8')));
  return {
    rows,
    dropped,
    categories: csvRows(categories).map(([category, description, section, chapter]) => ({
      category: category!,
      description: description!,
      section: section!,
      chapter: chapter!,
    })),
    sections: csvRows(sections).map(([range, chapter, description]) => ({ range: range!, chapter: chapter!, description: description! })),
    chapters: csvRows(chapters).map(([chapter, description]) => ({ chapter: chapter!, description: description! })),
  };
}

let once: Promise<Icd10Index> | undefined;

/** The shared index: built on first call (about half a second), then kept in memory. */
export function loadIcd10(): Promise<Icd10Index> {
  once ??= readIcd10Files()
    .then((f) => buildIcd10Index(f.rows, f.categories, f.sections, f.chapters))
    .catch((err: unknown) => {
      once = undefined; // a later call may try again (e.g. after the files are restored)
      throw err;
    });
  return once;
}
