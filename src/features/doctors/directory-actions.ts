import { type ActionResult, ok, refuse } from '../../platform/actions.ts';
import type { Work } from '../../platform/deps.ts';
import { zipPoint } from '../../platform/geo.ts';
import type { CaseScope } from '../../platform/http/case-route.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { loadCancerCenters } from './cancer-centers.ts';
import { type DirectoryQuery, PAGE_SIZE, queryErrors, rankByDistance, readPageQuery } from './directory.ts';
import { type DirectoryOut, presentProvider } from './directory-api.ts';
import { directoryLoaded, providersInBox, taxonomyCodesFor, taxonomyNames } from './directory-store.ts';

// Searching the national specialist directory (the operator's NPPES import), in the
// request's one transaction (ADR 0014). The data is public and names no patient, so the
// API search writes no audit entry; the page under a case reads the case, and audits that.

/**
 * Specialists near a ZIP code, nearest first, one page. Missing words or ZIP, and a ZIP
 * that is not known, are refusals the person can fix. `known`: whether a directory was
 * imported, when the caller has already asked.
 */
export async function searchDirectory(
  s: Pick<Work, 'trx'>,
  q: DirectoryQuery,
  known?: boolean,
): Promise<ActionResult<DirectoryOut>> {
  const errors = queryErrors(q);
  if (errors) return refuse(errors);
  const center = zipPoint(q.near);
  if (!center) return refuse({ near: 'directory.errors.zipUnknown' });
  const loaded = known ?? (await directoryLoaded(s.trx));
  const codes = loaded ? await taxonomyCodesFor(s.trx, q.specialty) : [];
  const rows = await providersInBox(s.trx, codes, center, q.radiusMiles);
  const ranked = rankByDistance(rows, center, q.radiusMiles, q.page);
  const names = await taxonomyNames(s.trx, [...new Set(ranked.results.map((r) => r.taxonomy_code))]);
  const centers = loadCancerCenters().centers;
  return ok({
    directoryLoaded: loaded,
    near: q.near,
    radiusMiles: q.radiusMiles,
    taxonomyCodes: codes,
    total: ranked.total,
    page: q.page,
    pageSize: PAGE_SIZE,
    results: ranked.results.map((r) => presentProvider(r, names.get(r.taxonomy_code) ?? null, centers)),
  });
}

export interface DirectoryPageData {
  values: { specialty: string; near: string; radiusMiles: string };
  errors: Record<string, MessageKey>;
  loaded: boolean;
  radiusMiles: number;
  /** The results, when the person searched a loaded directory with a query that holds up. */
  found: DirectoryOut | null;
}

/** The search page under a case: it starts from the patient's ZIP code, so it audits reading the case. */
export async function directoryPage(s: CaseScope, raw: Record<string, string | undefined>): Promise<DirectoryPageData> {
  await s.record('doctors.directory.view', 'case', s.caseId);
  const asked = readPageQuery(raw, s.c.patientZip);
  const loaded = await directoryLoaded(s.trx);
  let errors = asked.errors;
  let found: DirectoryOut | null = null;
  if (asked.query && asked.searched && loaded) {
    const result = await searchDirectory(s, asked.query, loaded);
    if (result.ok) found = result.value;
    else errors = result.errors;
  }
  const radiusMiles = asked.query?.radiusMiles ?? 25;
  return { values: { ...asked.values, radiusMiles: String(radiusMiles) }, errors, loaded, radiusMiles, found };
}
