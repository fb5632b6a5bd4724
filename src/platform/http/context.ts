import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { ZodType } from 'zod';
import type { Actor, UserActor } from '../auth/actor.ts';
import { safeEqual } from '../auth/tokens.ts';
import { isMessageKey, type MessageKey, translator } from '../i18n/i18n.ts';
import type { FieldErrors, FormValues, PageContext, TextSize } from '../ui/page-context.ts';
import type { AssetUrls } from './assets.ts';
import { unauthorized } from './errors.ts';

/** Who may call a route. Every route must say; a test fails if one does not. */
export type RouteAccess =
  | 'public' // anyone, signed in or not
  | 'user' // any signed-in person; data shown is only their own
  | 'patient'; // a signed-in person acting for the patient the URL names (checked by the handler)

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** What this visitor's CSRF token is bound to: their session, or an anonymous cookie. */
    csrfBinding: string;
    textSize: TextSize;
    flash: MessageKey | null;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Set false only for form posts that check something stronger than CSRF. */
    csrf?: boolean;
  }
}

export const COOKIE = { session: 'so_session', anon: 'so_anon', text: 'so_text', flash: 'so_flash' } as const;

export function csrfToken(csrfKey: Buffer, binding: string): string {
  return crypto.createHmac('sha256', csrfKey).update(binding).digest('base64url');
}

export function checkCsrf(csrfKey: Buffer, binding: string, submitted: unknown): boolean {
  return typeof submitted === 'string' && binding !== '' && safeEqual(csrfToken(csrfKey, binding), submitted);
}

export function requireUser(req: FastifyRequest): UserActor {
  if (req.actor.kind !== 'user') throw unauthorized();
  return req.actor;
}

export function clientIp(req: FastifyRequest): string {
  return req.ip;
}

export function makePageContext(req: FastifyRequest, csrfKey: Buffer, assets: AssetUrls): PageContext {
  const actor = req.actor;
  return {
    t: translator('en'),
    lang: 'en',
    csrf: csrfToken(csrfKey, req.csrfBinding),
    user: actor.kind === 'user' ? { displayName: actor.displayName } : null,
    textSize: req.textSize,
    path: req.url,
    flash: req.flash,
    assets,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: any page component, whatever its props
export function sendPage(reply: FastifyReply, page: VNode<any>, status = 200): FastifyReply {
  // Pages hold health information: never let a shared computer's cache keep them.
  reply.header('Cache-Control', 'no-store');
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${render(page)}`);
}

export function setFlash(reply: FastifyReply, key: MessageKey, secure: boolean): void {
  reply.setCookie(COOKIE.flash, key, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 60 });
}

/**
 * Only paths on this site: a "return to" or sign-in `next` value must never send someone to
 * another site. A leading "/" rules out a scheme; "//" would name another host; browsers read
 * a backslash as a slash and drop tabs and line breaks, so "/\\evil" or "/<tab>/evil" would too.
 */
export function safeLocalPath(value: unknown, fallback = '/dashboard'): string {
  if (typeof value !== 'string' || value.length > 2000 || !value.startsWith('/')) return fallback;
  if (value.includes('//') || value.includes('\\') || /[\s\p{Cc}]/u.test(value)) return fallback;
  return value;
}

// ---------- forms ----------

type RawBody = Record<string, unknown> | undefined | null;

/**
 * Flattens a posted form into strings and joins "memorable date" parts
 * (name__year, name__month, name__day) into name=YYYY-MM-DD. A half-filled date becomes
 * "invalid" so the schema reports it rather than silently dropping it.
 */
export function formValues(body: RawBody): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    out[k] = Array.isArray(v) ? String(v[v.length - 1] ?? '') : v == null ? '' : String(v);
  }
  for (const key of Object.keys(out)) {
    const m = /^(.*)__year$/.exec(key);
    if (!m) continue;
    const name = m[1]!;
    const y = (out[`${name}__year`] ?? '').trim();
    const mo = (out[`${name}__month`] ?? '').trim();
    const d = (out[`${name}__day`] ?? '').trim();
    if (!y && !mo && !d) out[name] = '';
    else if (/^\d{4}$/.test(y) && /^\d{1,2}$/.test(mo) && /^\d{1,2}$/.test(d)) {
      out[name] = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
    } else out[name] = 'invalid';
  }
  return out;
}

/** Formats every value the way the form expects to read it back (for list fields). */
export type FormParse<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

const GENERIC: Record<string, MessageKey> = {
  invalid_type: 'errors.required',
  too_big: 'errors.tooLong',
  too_small: 'errors.required',
  invalid_format: 'errors.invalidFormat',
  invalid_value: 'errors.chooseOne',
};

export function issuesToFields(
  issues: readonly { path: PropertyKey[]; message: string; code?: string }[],
): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || '_form';
    if (fields[field]) continue;
    fields[field] = isMessageKey(issue.message) ? issue.message : (GENERIC[issue.code ?? ''] ?? 'errors.invalid');
  }
  return fields;
}

export function parseWith<T>(schema: ZodType<T>, values: unknown): FormParse<T> {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  return { ok: false, errors: issuesToFields(r.error.issues) };
}

/** Reads checkbox values from a posted form body (one value, or many). */
export function checkedValues(body: unknown, name: string): string[] {
  const v = (body as Record<string, unknown> | null)?.[name];
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).map(String).filter(Boolean);
}
