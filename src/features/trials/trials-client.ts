import type { GeoPoint } from '../../platform/geo.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';

// The only code that talks to ClinicalTrials.gov. The app may run on a machine with no
// internet (self-hosted, behind a firewall), so every failure becomes one plain error the
// page can show; nothing about the search (a condition says something about a person)
// is logged.

export class TrialsUnavailable extends Error {
  override name = 'TrialsUnavailable';
  constructor(
    readonly reason: 'unreachable' | 'timeout' | 'status' | 'malformed',
    readonly messageKey: MessageKey,
  ) {
    super(reason);
  }
}

export interface TrialsClientOptions {
  /** The API root, e.g. https://clinicaltrials.gov/api/v2 (CLINICALTRIALS_URL). */
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

export interface TrialsSearch {
  condition: string;
  near: GeoPoint | null;
  radiusMiles: number;
  pageSize: number;
}

// Only what the summary reads: smaller answers, and less to trust.
const FIELDS = [
  'IdentificationModule',
  'StatusModule',
  'SponsorCollaboratorsModule',
  'ConditionsModule',
  'DesignModule',
  'ArmsInterventionsModule',
  'EligibilityModule',
  'ContactsLocationsModule',
].join(',');

export function searchUrl(baseUrl: string, q: TrialsSearch): string {
  const url = new URL(`${baseUrl.replace(/\/$/, '')}/studies`);
  url.searchParams.set('format', 'json');
  url.searchParams.set('query.cond', q.condition);
  url.searchParams.set('filter.overallStatus', 'RECRUITING,NOT_YET_RECRUITING');
  if (q.near)
    url.searchParams.set(
      'filter.geo',
      `distance(${q.near.lat.toFixed(4)},${q.near.lon.toFixed(4)},${q.radiusMiles}mi)`,
    );
  url.searchParams.set('pageSize', String(q.pageSize));
  url.searchParams.set('countTotal', 'true');
  url.searchParams.set('fields', FIELDS);
  return url.toString();
}

/** One page of studies, as the API sent it (summarise with summarizeSearch). */
export async function searchStudies(opts: TrialsClientOptions, q: TrialsSearch): Promise<unknown> {
  const doFetch = opts.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(searchUrl(opts.baseUrl, q), {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(opts.timeoutMs),
      redirect: 'follow',
    });
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new TrialsUnavailable(timedOut ? 'timeout' : 'unreachable', 'trials.errors.unreachable');
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new TrialsUnavailable('status', 'trials.errors.unreachable');
  }
  try {
    // The body read shares the same timeout signal, so a server that stalls mid-answer stops too.
    const body: unknown = await res.json();
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { studies?: unknown }).studies)) {
      throw new Error('not a search page');
    }
    return body;
  } catch (e) {
    const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
    throw new TrialsUnavailable(
      timedOut ? 'timeout' : 'malformed',
      timedOut ? 'trials.errors.unreachable' : 'trials.errors.badAnswer',
    );
  }
}
