import crypto from 'node:crypto';
import { z } from 'zod';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
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
  return typed.toUpperCase().replace(/[\s-]+/g, '').slice(0, 32);
}

/** "ABCD-EFGH": easier to read out. */
export const formatCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code);

// ---------- the expiry ----------

const DAY = 24 * 60 * 60 * 1000;

/**
 * When the link stops working. A number of days counts from now; a date means the end of
 * that day (UTC). Either way, never more than 90 days ahead (and never in the past).
 */
export function expiryFrom(now: Date, input: { expiresInDays?: number | undefined; expiresOn?: string | undefined }): Date {
  if (input.expiresOn) return new Date(`${input.expiresOn}T23:59:59.000Z`);
  return new Date(now.getTime() + (input.expiresInDays ?? SHARE_LIMITS.defaultDays) * DAY);
}

export function latestExpiry(now: Date): Date {
  return new Date(now.getTime() + SHARE_LIMITS.maxDays * DAY);
}

// ---------- input ----------

const realDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

const yes = (v: unknown) => v === true || v === 'true' || v === '1' || v === 'yes' || v === 'on';

/**
 * One schema for the form and POST /api/v1/cases/{caseId}/shares. `today` is injected
 * so the 90-day limit can be checked against the app's clock.
 */
export function makeShareSchema(now: () => Date) {
  return z
    .object({
      doctorName: requiredText(SHARE_LIMITS.doctorName, 'sharing.errors.doctorName'),
      doctorEmail: z.preprocess(
        (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : v ?? undefined),
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
          .refine(realDate, 'errors.date')
          .refine((s) => !realDate(s) || s >= now().toISOString().slice(0, 10), 'sharing.errors.dateInPast')
          .refine((s) => !realDate(s) || new Date(`${s}T00:00:00Z`).getTime() <= latestExpiry(now()).getTime(), 'sharing.errors.dateTooFar')
          .optional(),
      ),
      accessCode: z.preprocess((v) => yes(v), z.boolean()).default(false),
    })
    .superRefine((v, ctx) => {
      if (v.documentIds.length === 0) ctx.addIssue({ code: 'custom', path: ['documentIds'], message: 'sharing.errors.noDocuments' });
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
  const s = ua.replace(/[^\x20-\x7e]/g, '').slice(0, SHARE_LIMITS.userAgent).trim();
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
  const os = /Windows/.test(ua) ? 'Windows' : /iPhone|iPad/.test(ua) ? 'iOS' : /Mac OS X|Macintosh/.test(ua) ? 'Mac' : /Android/.test(ua) ? 'Android' : /Linux/.test(ua) ? 'Linux' : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? null;
}
