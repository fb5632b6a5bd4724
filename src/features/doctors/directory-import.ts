import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { systemClock } from '../../platform/clock.ts';
import type { Database, DirectoryProvidersTable, DirectoryTaxonomiesTable } from '../../platform/db/schema.ts';
import { zipPoint } from '../../platform/geo.ts';

/** What one import did, counted, so the operator can see nothing was silently lost. */
export interface ImportSummary {
  rows: number;
  kept: number;
  /** Rows left out on purpose: deactivated, or with no US practice address. */
  skipped: number;
  /** Rows that could not be read; each one is reported by `onProblem`. */
  bad: number;
}

export interface ImportOptions {
  batchSize?: number;
  progressEvery?: number;
  onProgress?: (summary: ImportSummary) => void;
  onProblem?: (message: string) => void;
  /** The time stamped on imported rows (ISO-8601 UTC); the system clock unless a test sets it. */
  now?: () => string;
}

const MAX_OTHER_TAXONOMIES = 4;

// What the CSV reader hands over, checked rather than cast (its types say `any`). A custom
// check, not z.array(z.string()): an NPPES file has millions of rows of about 330 cells.
const csvRecord = z.custom<string[]>((v) => Array.isArray(v) && v.every((cell) => typeof cell === 'string'));
const csvRecordWithInfo = z.object({ record: csvRecord, info: z.object({ lines: z.number().int() }) });

/** NPPES columns this import reads; the file has about 330. */
const COL = {
  npi: 'NPI',
  entity: 'Entity Type Code',
  org: 'Provider Organization Name (Legal Business Name)',
  last: 'Provider Last Name (Legal Name)',
  first: 'Provider First Name',
  middle: 'Provider Middle Name',
  credential: 'Provider Credential Text',
  line1: 'Provider First Line Business Practice Location Address',
  line2: 'Provider Second Line Business Practice Location Address',
  city: 'Provider Business Practice Location Address City Name',
  state: 'Provider Business Practice Location Address State Name',
  postal: 'Provider Business Practice Location Address Postal Code',
  country: 'Provider Business Practice Location Address Country Code (If outside U.S.)',
  phone: 'Provider Business Practice Location Address Telephone Number',
  deactivated: 'NPI Deactivation Date',
  reactivated: 'NPI Reactivation Date',
} as const;

/**
 * Some published extracts were round-tripped through a spreadsheet, so numbers carry a
 * trailing ".0" and ZIPs lose their leading zero; undo both rather than reject the row.
 */
function numeric(value: string | undefined): string {
  const v = (value ?? '').trim();
  return v.endsWith('.0') ? v.slice(0, -2) : v;
}

export function fiveDigitZip(value: string | undefined): string | null {
  let v = numeric(value).replace(/-/g, '');
  if (!/^\d+$/.test(v)) return null;
  if (v.length === 4 || v.length === 8) v = `0${v}`;
  if (v.length !== 5 && v.length !== 9) return null;
  return v.slice(0, 5);
}

export type RowResult =
  | { kind: 'keep'; provider: Omit<DirectoryProvidersTable, 'imported_at'> }
  | { kind: 'skip' }
  | { kind: 'bad'; reason: string };

/** Turns one NPPES row into a directory entry, or says why not. Pure. */
export function providerFromRow(
  get: (column: string) => string | undefined,
  taxonomies: Array<{ code: string; primary: boolean }>,
): RowResult {
  const npi = numeric(get(COL.npi));
  if (!/^\d{10}$/.test(npi)) return { kind: 'bad', reason: 'the NPI is not 10 digits' };
  const entity = numeric(get(COL.entity));
  // Deactivated NPIs are published with most columns blank, including the entity type.
  if (entity === '') return { kind: 'skip' };
  if (entity !== '1' && entity !== '2') return { kind: 'bad', reason: `NPI ${npi}: the entity type is not 1 or 2` };
  if ((get(COL.deactivated) ?? '').trim() && !(get(COL.reactivated) ?? '').trim()) return { kind: 'skip' };
  const country = (get(COL.country) ?? '').trim();
  if (country && country !== 'US') return { kind: 'skip' };
  const line1 = (get(COL.line1) ?? '').trim();
  const city = (get(COL.city) ?? '').trim();
  const state = (get(COL.state) ?? '').trim();
  if (!line1 || !city || !state) return { kind: 'skip' };
  const zip = fiveDigitZip(get(COL.postal));
  if (!zip) return { kind: 'bad', reason: `NPI ${npi}: the practice ZIP code cannot be read` };
  const primary = taxonomies.find((t) => t.primary) ?? taxonomies[0];
  if (!primary) return { kind: 'skip' };
  const others = taxonomies.filter((t) => t.code !== primary.code).map((t) => t.code);
  const org = (get(COL.org) ?? '').trim() || null;
  const name =
    entity === '1'
      ? [get(COL.first), get(COL.middle), get(COL.last)]
          .map((s) => (s ?? '').trim())
          .filter(Boolean)
          .join(' ')
      : (org ?? '');
  if (!name) return { kind: 'bad', reason: `NPI ${npi}: there is no name` };
  const centroid = zipPoint(zip);
  const phone = numeric(get(COL.phone));
  return {
    kind: 'keep',
    provider: {
      npi,
      entity_type: entity,
      name,
      credential: (get(COL.credential) ?? '').trim() || null,
      organization: entity === '2' ? org : null,
      taxonomy_code: primary.code,
      other_taxonomy_codes: others.length ? [...new Set(others)].slice(0, MAX_OTHER_TAXONOMIES).join(' ') : null,
      address_line1: line1,
      address_line2: (get(COL.line2) ?? '').trim() || null,
      city,
      state,
      postal_code: zip,
      phone: /^\d{10}$/.test(phone) ? phone : null,
      latitude: centroid?.lat ?? null,
      longitude: centroid?.lon ?? null,
    },
  };
}

function openInput(input: string | Readable): Readable {
  return typeof input === 'string' ? createReadStream(input) : input;
}

/**
 * Streams an NPPES file into the directory. Rows are written in batches, each in its own
 * transaction, and upserted by NPI so the import can be run again (or resumed) safely.
 */
export async function importNppes(
  db: Kysely<Database>,
  input: string | Readable,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const batchSize = opts.batchSize ?? 500;
  const progressEvery = opts.progressEvery ?? 100_000;
  const now = opts.now ?? (() => systemClock.now().toISOString());
  const summary: ImportSummary = { rows: 0, kept: 0, skipped: 0, bad: 0 };
  // A row with the wrong number of columns is counted as bad, not fatal to the import.
  // A row the CSV reader cannot read (a stray quote) is skipped and counted, not fatal.
  const parser = openInput(input).pipe(
    parse({ relax_column_count: true, bom: true, skip_empty_lines: true, skip_records_with_error: true, info: true }),
  );
  // The reader can report one damaged line more than once (once per stray quote).
  let lastSkipped = -1;
  parser.on('skip', (e: Error & { lines?: number }) => {
    if (e.lines !== undefined && e.lines === lastSkipped) return;
    lastSkipped = e.lines ?? -1;
    summary.rows++;
    summary.bad++;
    opts.onProblem?.(`Row near line ${e.lines ?? '?'} skipped: it could not be read as CSV (${e.message}).`);
  });
  let header: string[] | null = null;
  let index = new Map<string, number>();
  const taxonomyColumns: Array<{ code: number; primary: number }> = [];
  let batch = new Map<string, DirectoryProvidersTable>();

  const flush = async () => {
    if (batch.size === 0) return;
    const rows = [...batch.values()];
    batch = new Map();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('directory_providers')
        .values(rows)
        .onConflict((oc) =>
          oc.column('npi').doUpdateSet((eb) => ({
            entity_type: eb.ref('excluded.entity_type'),
            name: eb.ref('excluded.name'),
            credential: eb.ref('excluded.credential'),
            organization: eb.ref('excluded.organization'),
            taxonomy_code: eb.ref('excluded.taxonomy_code'),
            other_taxonomy_codes: eb.ref('excluded.other_taxonomy_codes'),
            address_line1: eb.ref('excluded.address_line1'),
            address_line2: eb.ref('excluded.address_line2'),
            city: eb.ref('excluded.city'),
            state: eb.ref('excluded.state'),
            postal_code: eb.ref('excluded.postal_code'),
            phone: eb.ref('excluded.phone'),
            latitude: eb.ref('excluded.latitude'),
            longitude: eb.ref('excluded.longitude'),
            imported_at: eb.ref('excluded.imported_at'),
          })),
        )
        .execute();
    });
  };

  for await (const item of parser as AsyncIterable<unknown>) {
    const { record, info } = csvRecordWithInfo.parse(item);
    if (!header) {
      header = record.map((h) => h.trim());
      index = new Map(header.map((h, i) => [h, i]));
      for (const required of [COL.npi, COL.entity, COL.line1, COL.postal]) {
        if (!index.has(required))
          throw new Error(`This does not look like an NPPES file: the column "${required}" is missing.`);
      }
      for (let n = 1; n <= 15; n++) {
        const code = index.get(`Healthcare Provider Taxonomy Code_${n}`);
        const primary = index.get(`Healthcare Provider Primary Taxonomy Switch_${n}`);
        if (code !== undefined && primary !== undefined) taxonomyColumns.push({ code, primary });
      }
      continue;
    }
    summary.rows++;
    // The file's own line number, so the operator can find the row (quoted cells may hold line breaks).
    const line = info.lines;
    if (record.length !== header.length) {
      summary.bad++;
      opts.onProblem?.(`Row ${line} skipped: it has ${record.length} columns, not ${header.length}.`);
    } else {
      const get = (column: string) => {
        const i = index.get(column);
        return i === undefined ? undefined : record[i];
      };
      const taxonomies = taxonomyColumns
        .map((c) => ({ code: (record[c.code] ?? '').trim(), primary: (record[c.primary] ?? '').trim() === 'Y' }))
        .filter((t) => t.code !== '');
      const result = providerFromRow(get, taxonomies);
      if (result.kind === 'bad') {
        summary.bad++;
        opts.onProblem?.(`Row ${line} skipped: ${result.reason}.`);
      } else if (result.kind === 'skip') {
        summary.skipped++;
      } else {
        summary.kept++;
        batch.set(result.provider.npi, { ...result.provider, imported_at: now() });
        if (batch.size >= batchSize) await flush();
      }
    }
    if (summary.rows % progressEvery === 0) opts.onProgress?.({ ...summary });
  }
  await flush();
  return summary;
}

/** Reads the user's own NUCC taxonomy download (code, grouping, classification, ...). */
export async function importNucc(
  db: Kysely<Database>,
  input: string | Readable,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const summary: ImportSummary = { rows: 0, kept: 0, skipped: 0, bad: 0 };
  const parser = openInput(input).pipe(parse({ relax_column_count: true, bom: true, skip_empty_lines: true }));
  let index: Map<string, number> | null = null;
  const rows = new Map<string, DirectoryTaxonomiesTable>();
  for await (const item of parser as AsyncIterable<unknown>) {
    const record = csvRecord.parse(item);
    if (!index) {
      index = new Map(record.map((h, i) => [h.trim().toLowerCase(), i]));
      if (!index.has('code') || !index.has('classification')) {
        throw new Error('This does not look like a NUCC taxonomy file: it needs "Code" and "Classification" columns.');
      }
      continue;
    }
    summary.rows++;
    const cell = (name: string) => {
      const i = index!.get(name);
      return i === undefined ? null : (record[i] ?? '').trim() || null;
    };
    const code = cell('code');
    const classification = cell('classification');
    if (!code || !/^[0-9A-Z]{9}X$/.test(code) || !classification) {
      summary.bad++;
      opts.onProblem?.(`Row ${summary.rows + 1} skipped: it needs a 10-character code and a classification.`);
      continue;
    }
    summary.kept++;
    rows.set(code, {
      code,
      grouping: cell('grouping'),
      classification,
      specialization: cell('specialization'),
      display_name: cell('display name'),
    });
  }
  // The whole code set is under a thousand rows: one transaction replaces it whole.
  await db.transaction().execute(async (trx) => {
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += 200) {
      await trx
        .insertInto('directory_taxonomies')
        .values(all.slice(i, i + 200))
        .onConflict((oc) =>
          oc.column('code').doUpdateSet((eb) => ({
            grouping: eb.ref('excluded.grouping'),
            classification: eb.ref('excluded.classification'),
            specialization: eb.ref('excluded.specialization'),
            display_name: eb.ref('excluded.display_name'),
          })),
        )
        .execute();
    }
  });
  opts.onProgress?.({ ...summary });
  return summary;
}
