import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Kysely } from 'kysely';
import yauzl from 'yauzl';
import { systemClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/schema.ts';
import { listReleases, loadStoredReleases, type StoredRelease, saveRelease } from './codes-store.ts';
import { readShipped } from './icd10-data.ts';
import {
  diffYears,
  FIRST_YEAR,
  type FileProblem,
  fullYear,
  LAST_YEAR,
  parseCmsFile,
  type Release,
  type ReleaseFormat,
  type YearDiff,
  yearFromFileName,
} from './icd10-releases.ts';

// `second-opinion import icd10cm FILE`: loads a newer ICD-10-CM year from the operator's
// own CMS download, so the code list can be brought up to date every October without a
// release of the app (ADR 0168). The whole file is checked before anything is stored, and
// the year is stored in one transaction, so a bad file changes nothing.

const gunzip = promisify(zlib.gunzip);

export class Icd10ImportError extends Error {
  constructor(
    message: string,
    readonly problems: FileProblem[] = [],
  ) {
    super(message);
    this.name = 'Icd10ImportError';
  }
}

export interface Icd10ImportResult {
  status: 'imported' | 'unchanged';
  year: number;
  format: ReleaseFormat;
  codes: number;
  billable: number;
  /** The year the counts compare with (the nearest earlier year, else the nearest later one). */
  comparedWith: number | null;
  diff: YearDiff;
  /** The stored file of the same year this one replaced, if any. */
  replaced: StoredRelease | null;
  /** The newest year after the import: the one the app uses. */
  newestYear: number;
}

export interface Icd10ImportOptions {
  /** The fiscal year, when the file name does not say it. */
  year?: number;
  /** Load a file even if it would drop more than a tenth of the codes (a partial download looks like that). */
  allowLargeChange?: boolean;
  now?: () => string;
  /** The years shipped with the app (tests pass small made-up ones). */
  shipped?: () => Promise<Release[]>;
}

/** More deleted codes than this share of the compared year stops the import unless asked. */
const LARGE_CHANGE = 0.1;

/** The text of the file and the name to read a year from: plain, gzipped, or the CMS zip (order file preferred). */
export async function readCmsText(file: string): Promise<{ text: string; name: string }> {
  const bytes = await fs.readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b)
    return { text: (await gunzip(bytes)).toString('latin1'), name: path.basename(file).replace(/\.gz$/i, '') };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readFromZip(bytes, path.basename(file));
  return { text: bytes.toString('latin1'), name: path.basename(file) };
}

async function readFromZip(bytes: Buffer, zipName: string): Promise<{ text: string; name: string }> {
  const zip = await promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer)(bytes, { lazyEntries: true });
  const entries: yauzl.Entry[] = await new Promise((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      list.push(e);
      zip.readEntry();
    });
    zip.on('end', () => resolve(list));
    zip.on('error', reject);
    zip.readEntry();
  });
  const pick = (kind: string) =>
    entries.find(
      (e) =>
        new RegExp(`icd10cm[-_]${kind}[-_].*\\.txt$`, 'i').test(e.fileName) && !/addenda|changes/i.test(e.fileName),
    );
  const entry = pick('order') ?? pick('codes');
  if (!entry) {
    zip.close();
    throw new Icd10ImportError(`${zipName} has no icd10cm_order_YYYY.txt or icd10cm_codes_YYYY.txt inside.`);
  }
  const stream = await promisify(zip.openReadStream.bind(zip))(entry);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  zip.close();
  return { text: Buffer.concat(chunks).toString('latin1'), name: path.basename(entry.fileName) };
}

/** Every year we know: shipped ones, replaced by a stored one of the same year. */
function allYears(shipped: Release[], stored: Release[]): Release[] {
  const byYear = new Map<number, Release>();
  for (const r of [...shipped, ...stored]) byYear.set(r.year, r);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export async function importIcd10cm(
  db: Kysely<Database>,
  file: string,
  opts: Icd10ImportOptions = {},
): Promise<Icd10ImportResult> {
  const { text, name } = await readCmsText(file);
  const parsed = parseCmsFile(text);
  if (!parsed) {
    throw new Icd10ImportError(
      'This is not a CMS ICD-10-CM order file or codes file. Use icd10cm_order_YYYY.txt or icd10cm_codes_YYYY.txt from the "Code Descriptions in Tabular Order" download (or the zip itself).',
    );
  }
  if (parsed.problems.length > 0) {
    throw new Icd10ImportError(
      `The file has ${parsed.problems.length === 1 ? 'one line' : `${parsed.problems.length} lines`} that cannot be read, so nothing was loaded.`,
      parsed.problems,
    );
  }
  const year = opts.year ?? yearFromFileName(name);
  if (year === null)
    throw new Icd10ImportError(
      `The file name (${name}) does not say which year it is for. Add --year, for example --year 2028.`,
    );
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR)
    throw new Icd10ImportError(`${year} is not an ICD-10-CM fiscal year (${FIRST_YEAR} to ${LAST_YEAR}).`);

  const sha256 = crypto.createHash('sha256').update(text, 'latin1').digest('hex');
  const stored = await listReleases(db);
  const same = stored.find((r) => r.year === year) ?? null;
  const release: Release = { year, format: parsed.format, rows: parsed.rows };
  const others = allYears(
    await (opts.shipped ?? (async () => (await readShipped()).releases))(),
    await loadStoredReleases(db),
  ).filter((r) => r.year !== year);
  const all = [...others, release].sort((a, b) => a.year - b.year);
  const compared = [...others].reverse().find((r) => r.year < year) ?? others.find((r) => r.year > year) ?? null;
  const after = fullYear(release, all);
  const diff = compared
    ? diffYears(fullYear(compared, all), after)
    : { added: after.length, deleted: 0, changed: 0, examples: { added: [], deleted: [], changed: [] } };
  const result = {
    year,
    format: parsed.format,
    codes: parsed.rows.length,
    billable: parsed.rows.filter((r) => r.billable).length,
    comparedWith: compared?.year ?? null,
    diff,
    replaced: same,
    newestYear: Math.max(year, ...all.map((r) => r.year)),
  };
  if (same && same.sha256 === sha256) return { ...result, status: 'unchanged', replaced: null };

  if (compared && !opts.allowLargeChange) {
    const before = fullYear(compared, all).length;
    if (diff.deleted > Math.max(50, before * LARGE_CHANGE)) {
      throw new Icd10ImportError(
        `This file would remove ${diff.deleted} of the ${before} codes of FY${compared.year}. A real yearly update removes far fewer, so the file may be cut short. Check it, or run again with --allow-large-change if it is right.`,
      );
    }
  }
  await saveRelease(db, release, {
    fileName: name,
    sha256,
    comparedWith: compared?.year ?? null,
    added: diff.added,
    deleted: diff.deleted,
    changed: diff.changed,
    importedAt: (opts.now ?? (() => systemClock.now().toISOString()))(),
  });
  return { ...result, status: 'imported' };
}

/** For messages: "C50.912, E11.9 and 3 more". */
export function someCodes(codes: string[], total: number): string {
  const shown = codes.slice(0, 3);
  return total > shown.length ? `${shown.join(', ')} and ${total - shown.length} more` : shown.join(', ');
}
