import crypto from 'node:crypto';
import { z } from 'zod';
import { addDays, endOfDayUtc, isCalendarDate, later, todayIn } from '../../platform/dates.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { FieldErrors } from '../../platform/ui/page-context.ts';
import { optionalText, requiredText } from '../../platform/validation.ts';

// Share links: pure rules and the one schema the form and the API share. No I/O here.

export const SHARE_SCOPES = ['packet', 'documents'] as const;
export type ShareScope = (typeof SHARE_SCOPES)[number];

export const SHARE_LIMITS = {
  doctorName: 120,
  doctorEmail: 254,
  doctorPractice: 200,
  documents: 200,
  defaultDays: 30,
  maxDays: 90,
  /** Wrong access codes before the link locks. */
  maxFailures: 5,
  /** How long a correct access code keeps the doctor in (a short working session). */
  sessionMinutes: 60,
  userAgent: 300,
} as const;

/** What the access log records. Kept short and fixed so the log never holds free text. */
export const ACCESS_ACTIONS = [
  'opened',
  'code_ok',
  'code_wrong',
  'locked',
  'viewed_document',
  'downloaded_document',
  'downloaded_packet_pdf',
  'downloaded_packet_zip',
  'opened_opinion_form',
  'wrote_opinion',
  'changed_opinion',
] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
export const accessActionKey = (a: string) => `sharing.log.action.${a}` as MessageKey;

export type ShareState = 'active' | 'expired' | 'revoked' | 'locked';

export interface ShareRecord {
  id: string;
  caseId: string;
  patientId: string;
  doctorName: string;
  doctorEmail: string | null;
  doctorPractice: string | null;
  scope: ShareScope;
  expiresAt: string;
  hasCode: boolean;
  failedAttempts: number;
  lockedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
  documentIds: string[];
}

export interface AccessLogEntry {
  id: string;
  shareId: string;
  at: string;
  action: AccessAction;
  objectId: string | null;
  ip: string | null;
  userAgent: string | null;
}

/** Revoked wins over locked wins over expired: the person sees the strongest reason. */
export function shareState(s: Pick<ShareRecord, 'expiresAt' | 'lockedAt' | 'revokedAt'>, now: Date): ShareState {
  if (s.revokedAt) return 'revoked';
  if (s.lockedAt) return 'locked';
  if (new Date(s.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

// ---------- secrets ----------

/** 32 random bytes, base64url: the part of the link that opens it. */
export function newShareToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Only this is stored. SHA-256 is enough: the token has 256 bits of entropy, nothing to guess. */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time (length first, which is fixed for SHA-256). */
export function sameHash(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  return ab.length === bb.length && ab.length > 0 && crypto.timingSafeEqual(ab, bb);
}

/** A link token has exactly this shape; anything else cannot be one of ours. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

// No 0/O, 1/I/L: the code is read out over the phone or copied from paper.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** An access code of 8 characters (about 39 bits; with the lock after 5 tries, out of reach of guessing). */
export function newAccessCode(): string {
  const bytes = crypto.randomBytes(8);
  let out = '';
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length];
  return out;
}

/** What the doctor types, read kindly: case, spaces and dashes do not matter. */
export function normaliseCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .slice(0, 32);
}

/** "ABCD-EFGH": easier to read out. */
export const formatCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code);

// ---------- the expiry ----------

const DAY = 24 * 60 * 60 * 1000;

/**
 * When the link stops working. A number of days counts from now; a date means the end of
 * that day (UTC). Either way, never more than 90 days ahead (and never in the past).
 */
export function expiryFrom(
  now: Date,
  input: { expiresInDays?: number | undefined; expiresOn?: string | undefined },
): Date {
  if (input.expiresOn) return endOfDayUtc(input.expiresOn);
  return later(now, (input.expiresInDays ?? SHARE_LIMITS.defaultDays) * DAY);
}

/**
 * What is wrong with a chosen last day, against the reader's today (ADR 0015): in the past,
 * or more than 90 days ahead. The action checks it before a link is made.
 */
export function expiryErrors(input: { expiresOn?: string | undefined }, today: string): FieldErrors {
  const day = input.expiresOn;
  if (!day || !isCalendarDate(day)) return {};
  if (day < today) return { expiresOn: 'sharing.errors.dateInPast' };
  if (day > addDays(today, SHARE_LIMITS.maxDays)) return { expiresOn: 'sharing.errors.dateTooFar' };
  return {};
}

// ---------- input ----------

const dayOf = (d: string | Date) => (typeof d === 'string' ? d : todayIn(d));

const yes = (v: unknown) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on';

/**
 * One schema for the form and POST /api/v1/cases/{caseId}/shares. With `today` (a page's
 * schema for one request: the reader's date, or an instant read on the server's calendar),
 * a last day in the past or too far ahead is refused here too, so the form shows every
 * problem at once; the action checks it either way (expiryErrors).
 */
export function makeShareSchema(when?: () => string | Date) {
  const today = when && (() => dayOf(when()));
  return z
    .object({
      doctorName: requiredText(SHARE_LIMITS.doctorName, 'sharing.errors.doctorName'),
      doctorEmail: z.preprocess(
        (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : (v ?? undefined)),
        z.string().max(SHARE_LIMITS.doctorEmail, 'errors.tooLong').email('errors.email').optional(),
      ),
      doctorPractice: optionalText(SHARE_LIMITS.doctorPractice),
      scope: z.preprocess((v) => (v === '' || v == null ? 'packet' : v), z.enum(SHARE_SCOPES, 'errors.chooseOne')),
      documentIds: z.array(z.string().min(1).max(100)).max(SHARE_LIMITS.documents, 'errors.tooLong').default([]),
      expiresInDays: z.preprocess(
        (v) => (v === '' || v == null ? undefined : typeof v === 'string' ? Number(v) : v),
        z
          .number('sharing.errors.days')
          .int('sharing.errors.days')
          .min(1, 'sharing.errors.days')
          .max(SHARE_LIMITS.maxDays, 'sharing.errors.days')
          .optional(),
      ),
      expiresOn: z.preprocess(
        (v) => (v === '' || v == null ? undefined : v),
        z
          .string()
          .refine(isCalendarDate, 'errors.date')
          .refine(
            (s) => !today || expiryErrors({ expiresOn: s }, today()).expiresOn !== 'sharing.errors.dateInPast',
            'sharing.errors.dateInPast',
          )
          .refine(
            (s) => !today || expiryErrors({ expiresOn: s }, today()).expiresOn !== 'sharing.errors.dateTooFar',
            'sharing.errors.dateTooFar',
          )
          .optional(),
      ),
      accessCode: z.preprocess((v) => yes(v), z.boolean()).default(false),
    })
    .superRefine((v, ctx) => {
      if (v.documentIds.length === 0)
        ctx.addIssue({ code: 'custom', path: ['documentIds'], message: 'sharing.errors.noDocuments' });
    });
}
export type ShareInput = z.infer<ReturnType<typeof makeShareSchema>>;

/** The chosen ids, only if every one is a document of this case (tampered or foreign ids refuse the whole request). */
export function checkDocumentChoice(chosen: string[], caseDocumentIds: string[]): string[] | null {
  const known = new Set(caseDocumentIds);
  const unique = [...new Set(chosen)];
  return unique.every((id) => known.has(id)) ? unique : null;
}

/** A user agent kept short and printable: it is shown to the person, never trusted. */
export function cleanUserAgent(ua: string | undefined): string | null {
  if (!ua) return null;
  const s = ua
    .replace(/[^\x20-\x7e]/g, '')
    .slice(0, SHARE_LIMITS.userAgent)
    .trim();
  return s || null;
}

/** A plain description of the browser ("Chrome on Windows") for the access log; the full text is kept too. */
export function describeBrowser(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\/|Chromium\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : null;
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(ua)
        ? 'Mac'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? null;
}

// ---------- JSON shapes (OpenAPI) ----------

export const shareOut = z.object({
  id: z.string(),
  caseId: z.string(),
  doctorName: z.string(),
  doctorEmail: z.string().nullable(),
  doctorPractice: z.string().nullable(),
  scope: z
    .enum(SHARE_SCOPES)
    .describe('packet: the records packet and its documents; documents: only the chosen documents'),
  state: z.enum(['active', 'expired', 'revoked', 'locked']),
  expiresAt: z.string(),
  hasAccessCode: z.boolean(),
  failedAttempts: z.number().int(),
  lockedAt: z
    .string()
    .nullable()
    .describe('Set after 5 wrong access codes; unlock on the sharing page or make a new link'),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  documentIds: z.array(z.string()),
});

export const accessLogOut = z.object({
  id: z.string(),
  shareId: z.string(),
  at: z.string(),
  action: z.enum(ACCESS_ACTIONS),
  objectId: z.string().nullable().describe('The document viewed or downloaded, or the opinion written'),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  browser: z.string().nullable(),
});

export const presentShare = (s: ShareRecord, now: Date): z.infer<typeof shareOut> => ({
  id: s.id,
  caseId: s.caseId,
  doctorName: s.doctorName,
  doctorEmail: s.doctorEmail,
  doctorPractice: s.doctorPractice,
  scope: s.scope,
  state: shareState(s, now),
  expiresAt: s.expiresAt,
  hasAccessCode: s.hasCode,
  failedAttempts: s.failedAttempts,
  lockedAt: s.lockedAt,
  revokedAt: s.revokedAt,
  createdAt: s.createdAt,
  documentIds: s.documentIds,
});

export const presentAccess = (l: AccessLogEntry): z.infer<typeof accessLogOut> => ({
  ...l,
  browser: describeBrowser(l.userAgent),
});

/**
 * Whether links made with this base address only open on this computer (ADR 0191): the
 * address names localhost, a 127.x address or ::1. BASE_URL left unset gives
 * http://localhost:PORT, so a new install says so before anyone sends a link that fails.
 */
export function linksStayOnThisComputer(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase();
  } catch {
    return true;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}
