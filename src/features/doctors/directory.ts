import { z } from 'zod';
import { type GeoPoint, milesBetween } from '../../platform/geo.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';

// The specialist search's rules, with no I/O: which radii are offered, and the order and
// pages of the results (distances and the search box come from platform/geo.ts).

/** Where the provider list comes from; the operator downloads it there. */
export const NPPES_SOURCE = {
  title: 'CMS: NPPES Downloadable File (National Plan and Provider Enumeration System)',
  url: 'https://download.cms.gov/nppes/NPI_Files.html',
};

export const RADII = [10, 25, 50, 100] as const;
export const PAGE_SIZE = 20;

// Missing words and ZIP are checked by `queryErrors`, after sign-in is checked, so a
// visitor is told to sign in rather than how to fill the form.
export const directoryQuery = z.object({
  specialty: z.string().trim().max(120, 'errors.tooLong').default(''),
  near: z.string().trim().default(''),
  radiusMiles: z.coerce
    .number()
    .default(25)
    .refine((n) => (RADII as readonly number[]).includes(n), 'directory.errors.radius'),
  page: z.coerce.number().int().min(1).max(500).default(1),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

export function queryErrors(q: DirectoryQuery): Record<string, MessageKey> | null {
  const errors: Record<string, MessageKey> = {};
  if (!q.specialty) errors.specialty = 'directory.errors.specialty';
  if (!/^\d{5}$/.test(q.near)) errors.near = 'directory.errors.zip';
  return Object.keys(errors).length ? errors : null;
}

/** A taxonomy code as NPPES writes it, e.g. 207RC0000X. */
export const isTaxonomyCode = (s: string) => /^[0-9A-Z]{9}X$/.test(s.toUpperCase());

/** Exact distance, the box's corners dropped, nearest first (ties by name), then one page. */
export function rankByDistance<T extends { latitude: number | null; longitude: number | null; name: string }>(
  rows: T[],
  center: GeoPoint,
  radiusMiles: number,
  page: number,
): { total: number; results: Array<T & { distanceMiles: number }> } {
  const within = rows
    .filter((r) => r.latitude !== null && r.longitude !== null)
    .map((r) => ({
      ...r,
      distanceMiles: Math.round(milesBetween(center, { lat: r.latitude!, lon: r.longitude! }) * 10) / 10,
    }))
    .filter((r) => r.distanceMiles <= radiusMiles)
    .sort((a, b) => a.distanceMiles - b.distanceMiles || a.name.localeCompare(b.name));
  return { total: within.length, results: within.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) };
}

/** What the search page was asked, read from its query string (a GET form), with any problems. */
export interface PageQuery {
  /** Whether the person searched (the form was sent), rather than just opened the page. */
  searched: boolean;
  /** The words and ZIP as typed, for the form; the ZIP starts as the patient's own. */
  values: { specialty: string; near: string };
  query: DirectoryQuery | null;
  errors: Record<string, MessageKey>;
}

/** Reads the page's query; text is cut to 200 characters before anything else looks at it. */
export function readPageQuery(raw: Record<string, string | undefined>, patientZip: string | null): PageQuery {
  const searched = typeof raw.specialty === 'string';
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).slice(0, 200) : '');
  const values = { specialty: text('specialty'), near: searched ? text('near') : (patientZip ?? '') };
  const parsed = directoryQuery.safeParse({
    ...values,
    radiusMiles: text('radiusMiles') || undefined,
    page: text('page') || undefined,
  });
  if (parsed.success) return { searched, values, query: parsed.data, errors: {} };
  const typed = { specialty: values.specialty.trim(), near: values.near.trim(), radiusMiles: 25, page: 1 };
  const missing = queryErrors(typed);
  const errors = {
    ...(missing ?? {}),
    ...Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message as MessageKey])),
  };
  return { searched, values, query: null, errors };
}

const normalName = (s: string) =>
  s
    .toUpperCase()
    .replace(/&/g, ' AND ')
    .replace(/[^A-Z0-9 ]/g, ' ')
    .replace(/\bTHE\b|\bINC\b|\bLLC\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The NCI-designated center a directory entry is, or null. Only a solid match counts: an
 * organization whose legal name is the center's name, in the same city and state. People
 * are never marked, because NPPES does not say where a doctor works.
 */
export function cancerCenterFor<C extends { name: string; city: string; stateCode: string }>(
  entry: { kind: 'person' | 'organization'; organization: string | null; city: string; state: string },
  centers: C[],
): C | null {
  if (entry.kind !== 'organization' || !entry.organization) return null;
  const name = normalName(entry.organization);
  const city = normalName(entry.city);
  return (
    centers.find((c) => normalName(c.name) === name && normalName(c.city) === city && c.stateCode === entry.state) ??
    null
  );
}
