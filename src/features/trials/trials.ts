import { z } from 'zod';
import { TRIAL_PHASES, type TrialPhase } from '../../content/trials.ts';
import { type GeoPoint, milesBetween, zipPoint } from '../../platform/geo.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { QUESTION_MAX } from '../questions/questions.ts';

// ClinicalTrials.gov API v2 study JSON → the few things a patient needs to talk a study
// over with their doctor. Pure: no network, no database. The API's JSON is treated as
// untrusted input: every field is optional and a wrong type is read as "not given", so one
// odd record never breaks the page.

export const TRIAL_STATUSES = [
  'RECRUITING',
  'NOT_YET_RECRUITING',
  'ENROLLING_BY_INVITATION',
  'ACTIVE_NOT_RECRUITING',
  'SUSPENDED',
  'TERMINATED',
  'COMPLETED',
  'WITHDRAWN',
  'UNKNOWN',
] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

export const PHASE_NAMES = [
  'EARLY_PHASE1',
  'PHASE1',
  'PHASE2',
  'PHASE3',
  'PHASE4',
  'NA',
] as const satisfies readonly TrialPhase[];

export const RADIUS_CHOICES = [25, 50, 100, 250] as const;
export const DEFAULT_RADIUS = 100;

export interface TrialLocation {
  facility: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
  /** Miles from the patient's ZIP, rounded; null when either end is unknown. */
  distanceMiles: number | null;
}

export interface TrialContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

export interface TrialSummary {
  nctId: string;
  title: string;
  status: TrialStatus;
  phases: TrialPhase[];
  conditions: string[];
  interventions: string[];
  eligibility: {
    minimumAge: string | null;
    maximumAge: string | null;
    sex: 'all' | 'female' | 'male' | null;
    healthyVolunteers: boolean | null;
  };
  /** Nearest first when distances are known. */
  locations: TrialLocation[];
  contacts: TrialContact[];
  sponsor: string | null;
  url: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] =>
  arr(v)
    .map(str)
    .filter((s): s is string => s !== null);

export const NCT_ID = /^NCT\d{8}$/;

/** The public page of a study. Only a well-formed NCT id becomes a link. */
export const studyUrl = (nctId: string) => `https://clinicaltrials.gov/study/${encodeURIComponent(nctId)}`;

// ZIP centers and distances come from the one geo module (shared with the specialist directory).

const isUs = (country: string | null) => country === null || /^(united states|usa?|u\.s\.a?\.?)$/i.test(country);

function locationPoint(loc: Json, country: string | null): GeoPoint | null {
  const g = obj(loc.geoPoint);
  const lat = num(g.lat);
  const lon = num(g.lon);
  if (lat !== null && lon !== null && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) return { lat, lon };
  // Without a point, a US ZIP still places it; a foreign postcode could match a US ZIP by chance.
  return isUs(country) ? zipPoint(str(loc.zip)) : null;
}

function contact(c: unknown): TrialContact | null {
  const o = obj(c);
  const phone = str(o.phone);
  const ext = str(o.phoneExt);
  // Records outside the US often put the country code in the extension field.
  const full = phone && ext ? (ext.startsWith('+') ? `${ext} ${phone}` : `${phone} ext. ${ext}`) : phone;
  const out = { name: str(o.name), phone: full, email: str(o.email) };
  return out.name || out.phone || out.email ? out : null;
}

/**
 * One study (an API v2 study object: `{ protocolSection: … }`) as a plain summary, or null
 * when it has no NCT id (nothing could link to it). `from` is the patient's place, for distances.
 */
export function summarizeStudy(study: unknown, from: GeoPoint | null = null): TrialSummary | null {
  const p = obj(obj(study).protocolSection);
  const id = obj(p.identificationModule);
  const nctId = str(id.nctId);
  if (!nctId || !NCT_ID.test(nctId)) return null;
  const status = str(obj(p.statusModule).overallStatus);
  const design = obj(p.designModule);
  const elig = obj(p.eligibilityModule);
  const places = obj(p.contactsLocationsModule);
  const sex = str(elig.sex);
  const locations = arr(places.locations).map((l) => {
    const o = obj(l);
    const country = str(o.country);
    const at = from ? locationPoint(o, country) : null;
    return {
      facility: str(o.facility),
      city: str(o.city),
      state: str(o.state),
      zip: str(o.zip),
      country,
      distanceMiles: from && at ? Math.round(milesBetween(from, at)) : null,
    };
  });
  // Stable sort: places without a distance keep their order, after the known ones.
  locations.sort((a, b) => (a.distanceMiles ?? Infinity) - (b.distanceMiles ?? Infinity));
  return {
    nctId,
    title: str(id.briefTitle) ?? str(id.officialTitle) ?? nctId,
    status: (TRIAL_STATUSES as readonly string[]).includes(status ?? '') ? (status as TrialStatus) : 'UNKNOWN',
    phases: strings(design.phases).filter((x): x is TrialPhase => x in TRIAL_PHASES),
    conditions: strings(obj(p.conditionsModule).conditions),
    interventions: [
      ...new Set(
        arr(obj(p.armsInterventionsModule).interventions)
          .map((i) => str(obj(i).name))
          .filter((s): s is string => s !== null),
      ),
    ],
    eligibility: {
      minimumAge: str(elig.minimumAge),
      maximumAge: str(elig.maximumAge),
      sex: sex === 'ALL' ? 'all' : sex === 'FEMALE' ? 'female' : sex === 'MALE' ? 'male' : null,
      healthyVolunteers: typeof elig.healthyVolunteers === 'boolean' ? elig.healthyVolunteers : null,
    },
    locations,
    contacts: arr(places.centralContacts)
      .map(contact)
      .filter((c): c is TrialContact => c !== null),
    sponsor: str(obj(obj(p.sponsorCollaboratorsModule).leadSponsor).name),
    url: studyUrl(nctId),
  };
}

/** A search page (`{ studies, totalCount }`) as summaries; records without an id are left out. */
export function summarizeSearch(
  body: unknown,
  from: GeoPoint | null = null,
): { total: number; trials: TrialSummary[] } {
  const b = obj(body);
  const trials = arr(b.studies)
    .map((s) => summarizeStudy(s, from))
    .filter((s): s is TrialSummary => s !== null);
  const total = num(b.totalCount);
  return { total: total !== null && total >= trials.length ? total : trials.length, trials };
}

export const statusKey = (s: TrialStatus): MessageKey => `trials.statusName.${s}`;
export const phaseKey = (p: TrialPhase): MessageKey => `trials.phaseName.${p}`;

/** The ages line, from the API's "18 Years"-style strings (kept as written). */
export function ageLine(e: TrialSummary['eligibility']): { key: MessageKey; vars: Record<string, string> } {
  const lower = (s: string | null) => (s ? s.toLowerCase() : null);
  const min = lower(e.minimumAge);
  const max = lower(e.maximumAge);
  if (min && max) return { key: 'trials.age.range', vars: { min, max } };
  if (min) return { key: 'trials.age.min', vars: { min } };
  if (max) return { key: 'trials.age.max', vars: { max } };
  return { key: 'trials.age.any', vars: {} };
}

/**
 * Words to search with, from the case's diagnosis: the API matches every word, so a long
 * phrase like "Ductal carcinoma of the left breast" finds less than it should. We drop
 * side and filler words and keep the rest, as a starting point the person can change.
 */
export function conditionFromDiagnosis(diagnosis: string | null): string {
  if (!diagnosis) return '';
  const filler = new Set([
    'of',
    'the',
    'a',
    'an',
    'in',
    'on',
    'and',
    'with',
    'left',
    'right',
    'both',
    'my',
    'stage',
    'grade',
  ]);
  return diagnosis
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && !filler.has(w.toLowerCase()) && !/^(i{1,3}|iv|[0-4][a-c]?)$/i.test(w))
    .join(' ')
    .slice(0, 200);
}

// Shared by the page's form and the JSON API, so both refuse the same things the same way.
export const trialQuery = z.object({
  condition: z.string().trim().max(200, 'errors.tooLong').default(''),
  near: z
    .string()
    .trim()
    .default('')
    .refine((v) => v === '' || /^\d{5}$/.test(v), 'trials.errors.zip')
    .refine((v) => v === '' || zipPoint(v) !== null, 'trials.errors.zipUnknown'),
  radiusMiles: z.coerce
    .number()
    .int()
    .refine((n) => (RADIUS_CHOICES as readonly number[]).includes(n), 'errors.invalid')
    .default(DEFAULT_RADIUS),
});
export type TrialQuery = z.output<typeof trialQuery>;

// "Save to ask my doctor": the trial as a question on the case's list. The form sends back
// the search too, so the person lands where they were.
export const askSchema = z.object({
  nctId: z.string().trim().regex(NCT_ID, 'trials.errors.trial'),
  title: z.string().trim().min(1, 'trials.errors.trial').max(1000, 'trials.errors.trial'),
  condition: z.string().trim().max(200).default(''),
  near: z.string().trim().max(5).default(''),
  radiusMiles: z.string().trim().max(4).default(''),
});
export type AskInput = z.output<typeof askSchema>;

/**
 * The question's text, fitted to the questions list's limit: a long title is cut with an
 * ellipsis (the NCT id, which finds the study, is always kept whole).
 */
export function askText(
  format: (vars: { id: string; title: string }) => string,
  nctId: string,
  title: string,
  max = QUESTION_MAX,
): string {
  const full = format({ id: nctId, title });
  if (full.length <= max) return full;
  const room = max - (full.length - title.length) - 1;
  return format({ id: nctId, title: `${title.slice(0, Math.max(0, room)).trimEnd()}…` });
}

/** Where "Save to ask my doctor" goes back to: the same search, at the same study. */
export function backToSearch(caseId: string, a: AskInput): string {
  const q = new URLSearchParams();
  if (a.condition) {
    q.set('condition', a.condition);
    q.set('near', /^\d{5}$/.test(a.near) ? a.near : '');
    q.set('radiusMiles', /^\d{1,4}$/.test(a.radiusMiles) ? a.radiusMiles : String(DEFAULT_RADIUS));
  }
  const query = q.toString();
  return `/cases/${encodeURIComponent(caseId)}/trials${query ? `?${query}` : ''}#trial-${a.nctId}`;
}
