import type { FastifyRequest } from 'fastify';
import { h } from 'preact';
import { appendAudit } from '../../platform/audit/audit-store.ts';
import { todayFor } from '../../platform/dates.ts';
import type { Tx } from '../../platform/db/database.ts';
import { type Deps, transact } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { type Outcome, type PageInput, page, redirect, sendOutcome } from '../../platform/http/case-route.ts';
import { formValues } from '../../platform/http/context.ts';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { emptyForm, type FieldErrors } from '../../platform/ui/page-context.ts';
import { CodePage, LinkUnavailablePage } from './doctor-views.tsx';
import {
  type AccessAction,
  cleanUserAgent,
  hashToken,
  type ShareRecord,
  sameHash,
  shareState,
  TOKEN_PATTERN,
} from './shares.ts';
import { findShareByTokenHash, logAccess, shareDocumentIds, shareSessionValid } from './shares-store.ts';

// The consulting doctor's link pages (/s/:token) are not a case member's routes: the link
// itself is the key. This helper gives them the discipline caseRoutes gives members (ADR
// 0171): the link checked, the act and its records in ONE transaction, the answer sent only
// after the commit. A handler gets a LinkScope and returns an Outcome; it never opens a
// transaction or writes to the reply.

/** The cookie that keeps a doctor in after the access code (its hash is a code session). */
export const SHARE_COOKIE = 'so_share';

export interface LinkScope {
  deps: Deps;
  req: FastifyRequest;
  trx: Tx;
  /** The link, with the documents it shares. */
  share: ShareRecord;
  token: string;
  /** Whether the doctor is through the access code (always, for a link without one). */
  passed: boolean;
  /** The access code's stored hash while the doctor has not given it; null once through or without one. */
  codeHash: string | null;
  /** This request's one "now" (ISO-8601 UTC). */
  now: string;
  /** Today on the server's calendar: a doctor on a link has no account, so no time zone of their own (ADR 0015). */
  today: string;
  t: Translate;
  /**
   * Records a doctor's act: the link's access log, which the person sees, and the patient's
   * audit chain with actor type 'share' and the link's id, in this transaction.
   */
  record(action: AccessAction, audit: { action: string; objectType: string; objectId: string | null }): Promise<void>;
}

/** What a route does for a doctor who has not given the access code yet. */
export type BeforeCode = 'redirect' | 'ask' | 'handler';

export interface LinkRouteOptions {
  /** 'redirect' (default) to the link's first page, 'ask' for the code there, or 'handler' (the code form itself). */
  beforeCode?: BeforeCode;
  config?: Record<string, unknown>;
  compress?: false;
}

/** The one answer for a link that is unknown, expired, revoked or locked, and for anything it does not share. */
export const unavailable = (): Outcome => page((ctx) => h(LinkUnavailablePage, { ctx }), 404);

/** The access code form, with a message and the tries left after a wrong code. */
export const askForCode = (token: string, errors: FieldErrors = {}, status = 200, triesLeft?: number): Outcome =>
  page((ctx) => h(CodePage, { ctx, token, form: { ...emptyForm(), errors }, triesLeft }), status);

type Gate = { share: ShareRecord; passed: boolean; codeHash: string | null };

/**
 * Who may pass. The same work is done for every token (hash, one indexed look-up) so an
 * unknown link and a dead one cannot be told apart by what comes back.
 */
async function gate(db: Tx, req: FastifyRequest, token: string, now: Date): Promise<Gate | null> {
  const presented = hashToken(token);
  const found = await findShareByTokenHash(db, presented);
  if (!found || !TOKEN_PATTERN.test(token) || !sameHash(found.tokenHash, presented)) return null;
  if (shareState(found.share, now) !== 'active') return null;
  const share = { ...found.share, documentIds: await shareDocumentIds(db, found.share.id) };
  if (!found.codeHash) return { share, passed: true, codeHash: null };
  const cookie = req.cookies[SHARE_COOKIE];
  if (cookie && cookie.length <= 100 && (await shareSessionValid(db, share.id, hashToken(cookie), now.toISOString()))) {
    return { share, passed: true, codeHash: null };
  }
  return { share, passed: false, codeHash: found.codeHash };
}

/** Registers the routes under /s/:token, all `access: 'public'`: the link is the key. */
export function linkRoutes(app: App, deps: Deps, ui: UiKit) {
  return (
    method: 'GET' | 'POST',
    url: string,
    opts: LinkRouteOptions,
    handler: (s: LinkScope, input: PageInput) => Promise<Outcome>,
  ) => {
    const before = opts.beforeCode ?? 'redirect';
    app.route({
      method,
      url,
      config: { ...opts.config, access: 'public' },
      ...(opts.compress === false ? { compress: false } : {}),
      handler: async (req, reply) => {
        const params = req.params as Record<string, string>;
        const token = params.token ?? '';
        const input: PageInput = {
          params,
          form: formValues(req.body as Record<string, unknown>),
          query: (req.query ?? {}) as Record<string, string | undefined>,
        };
        const instant = deps.clock.now();
        const now = instant.toISOString();
        const out = await transact(deps, req, async ({ trx }) => {
          const g = await gate(trx, req, token, instant);
          if (!g) return unavailable();
          if (!g.passed && before === 'redirect') return redirect(`/s/${token}`);
          if (!g.passed && before === 'ask') return askForCode(token);
          const scope: LinkScope = {
            deps,
            req,
            trx,
            ...g,
            token,
            now,
            today: todayFor(req.actor, instant),
            t: ui.page(req).t,
            record: async (action, a) => {
              const auditSeq = await appendAudit(trx, {
                at: now,
                actorType: 'share',
                actorId: g.share.id,
                action: a.action,
                patientId: g.share.patientId,
                objectType: a.objectType,
                objectId: a.objectId,
                ip: req.ip,
                via: 'link',
              });
              const objectId = a.objectType === 'share' ? null : a.objectId;
              await logAccess(trx, {
                shareId: g.share.id,
                at: now,
                auditSeq,
                action,
                objectId,
                ip: req.ip,
                userAgent: cleanUserAgent(req.headers['user-agent']),
              });
            },
          };
          return handler(scope, input);
        });
        return sendOutcome(reply, ui, deps, req, out);
      },
    });
  };
}
