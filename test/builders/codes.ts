import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Made-up ICD-10-CM files in the exact layouts CMS publishes (fixed-width ASCII, CRLF),
// for tests of reading and importing a year. Codes are written without the dot.

/** An order file: [code, billable, long title]; order numbers and the 60-character short title are filled in. */
export function orderFile(rows: [code: string, billable: boolean, title: string][]): string {
  return rows
    .map(
      ([code, billable, title], i) =>
        `${String(i + 1).padStart(5, '0')} ${code.padEnd(7)} ${billable ? 1 : 0} ${title.slice(0, 60).padEnd(60)} ${title}\r\n`,
    )
    .join('');
}

/** A codes file: [code, long title], billable codes only. */
export function codesFile(rows: [code: string, title: string][]): string {
  return rows.map(([code, title]) => `${code.padEnd(7)} ${title}\r\n`).join('');
}

/** Writes a file in a fresh temporary folder and returns its path. */
export function writeTempFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'so-icd10-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}
