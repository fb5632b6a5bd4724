import { h } from 'preact';
import { z } from 'zod';
import { unwrap } from '../../platform/actions.ts';
import { later } from '../../platform/dates.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import {
  type CaseRoutes,
  type CaseScope,
  caseRoutes,
  empty,
  json,
  page,
  redirect,
  withCookies,
} from '../../platform/http/case-route.ts';
import { checkedValues, parseWith } from '../../platform/http/context.ts';
import { seal, unseal } from '../../platform/http/sealed-cookie.ts';
import type { FormState, FormValues } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { registerDoctorRoutes } from './doctor-routes.ts';
import {
  accessLogOut,
  formatCode,
  linksStayOnThisComputer,
  makeShareSchema,
  presentAccess,
  presentShare,
  SHARE_LIMITS,
  shareOut,
} from './shares.ts';
import type { SharingOptions } from './shares-kit.ts';
import { ShareCreatedPage, ShareFormPage, ShareShownOncePage, SharingPage } from './shares-views.tsx';
import * as act from './sharing-actions.ts';

/**
 * Step 7 of the journey: secure links that let a consulting doctor read the records and
 * write an opinion. Documents, opinions and the case's questions come in as providers from
 * src/features/index.ts. Thin adapters over sharing-actions.ts (members) and, for the link
 * pages, doctor-actions.ts.
 */
export function createSharingFeature(opts: SharingOptions): FeatureRegistrar {
  return (app, deps, ui) => {
    registerShareRoutes(caseRoutes(app, deps, ui), opts);
    registerDoctorRoutes(app, deps, ui, opts);
  };
}

/** The cookie that carries a new link from the form's POST to the one page that shows it. */
const MADE_COOKIE = 'so_share_made';
const MADE_COOKIE_SECONDS = 10 * 60;
const madePath = (caseId: string, shareId: string) => `/cases/${caseId}/sharing/${shareId}/made`;
// Bound to the link and the person who made it: another account on the same browser gets nothing.
const madePurpose = (shareId: string, userId: string) => `share-made/v1/${shareId}/${userId}`;
interface Made {
  url: string;
  code: string | null;
}
function readMade(v: unknown): Made | null {
  if (!v || typeof v !== 'object') return null;
  const { url, code } = v as Record<string, unknown>;
  return typeof url === 'string' && (code === null || typeof code === 'string') ? { url, code } : null;
}

/**
 * Post, redirect, get: a reload of the page that shows the link must not make a second
 * link. The link crosses the redirect sealed in a cookie that only that page receives.
 */
function showMadeLink(s: CaseScope, made: { share: { id: string }; url: string; accessCode: string | null }) {
  const { share, url, accessCode } = made;
  const expires = later(new Date(s.now), MADE_COOKIE_SECONDS * 1000);
  const purpose = madePurpose(share.id, s.user.userId);
  const sealed = seal(s.deps.keys.cookieKey, purpose, { url, code: accessCode } satisfies Made, expires);
  const options = {
    path: madePath(s.caseId, share.id),
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: s.deps.config.secureCookies,
    maxAge: MADE_COOKIE_SECONDS,
  };
  return withCookies(redirect(madePath(s.caseId, share.id)), { name: MADE_COOKIE, value: sealed, options });
}

function registerShareRoutes(r: CaseRoutes, opts: SharingOptions): void {
  const { packet } = opts;
  const here = (s: CaseScope) => `/cases/${s.caseId}/sharing`;
  // Said before a link is made: a link naming localhost fails for a doctor elsewhere (ADR 0191).
  const localOnly = (s: CaseScope) => (linksStayOnThisComputer(s.deps.config.baseUrl) ? s.deps.config.baseUrl : null);

  // ---------- pages ----------

  r.casePage('GET', '/cases/:caseId/sharing', { can: 'view' }, async (s) => {
    const v = await act.viewSharing(s, packet);
    return page((ctx) => h(SharingPage, { ctx, c: s.c, ...v, now: new Date(s.now), localOnly: localOnly(s) }));
  });

  const formPage = async (s: CaseScope, form: FormState | null, status = 200) => {
    const documents = await act.shareForm(s, packet);
    const fresh = {
      scope: 'packet',
      expiresInDays: String(SHARE_LIMITS.defaultDays),
      accessCode: '1',
      documentIds: documents.map((d) => d.id).join(','),
    };
    return page(
      (ctx) =>
        h(ShareFormPage, {
          ctx,
          c: s.c,
          documents,
          form: { values: form?.values ?? fresh, errors: form?.errors ?? {} },
          localOnly: localOnly(s),
        }),
      status,
    );
  };

  r.casePage('GET', '/cases/:caseId/sharing/new', { can: 'edit' }, (s) => formPage(s, null));

  r.casePage('POST', '/cases/:caseId/sharing/new', { can: 'edit' }, async (s, { form }) => {
    const documentIds = checkedValues(s.req.body, 'documentIds');
    const values: FormValues = { ...form, documentIds: documentIds.join(',') };
    const parsed = parseWith(
      makeShareSchema(() => s.today),
      { ...values, documentIds, accessCode: values.accessCode ?? '' },
    );
    if (!parsed.ok) return formPage(s, { values, errors: parsed.errors }, 400);
    const made = await act.createShare(s, packet, parsed.data);
    // A chosen document that is not this case's (a tampered form): said on the form.
    if (!made.ok) return formPage(s, { values, errors: made.errors }, 400);
    return showMadeLink(s, made.value);
  });

  // The way back when the link was not copied: a new link in its place, shown like a new one.
  r.casePage('POST', '/cases/:caseId/sharing/:shareId/replace', { can: 'edit' }, async (s, { params }) => {
    const made = await act.replaceShare(s, params.shareId!);
    if (!made.ok) return redirect(here(s), 'sharing.replace.gone');
    return showMadeLink(s, made.value);
  });

  // The link, shown once: the cookie is cleared as it is read, so a reload shows only a note.
  r.casePage('GET', '/cases/:caseId/sharing/:shareId/made', { can: 'edit' }, async (s, { params }) => {
    const share = await act.viewShare(s, params.shareId!);
    const now = new Date(s.now);
    const cookie = (s.req.cookies as Record<string, string | undefined>)[MADE_COOKIE];
    const made = readMade(unseal(s.deps.keys.cookieKey, madePurpose(share.id, s.user.userId), cookie, now));
    const shown =
      !made || share.revokedAt
        ? page((ctx) => h(ShareShownOncePage, { ctx, c: s.c, share, now }))
        : page((ctx) =>
            h(ShareCreatedPage, {
              ctx,
              c: s.c,
              share,
              url: made.url,
              accessCode: made.code ? formatCode(made.code) : null,
            }),
          );
    return cookie === undefined
      ? shown
      : withCookies(shown, { name: MADE_COOKIE, value: null, options: { path: madePath(s.caseId, share.id) } });
  });

  for (const change of ['revoke', 'unlock'] as const) {
    r.casePage('POST', `/cases/:caseId/sharing/:shareId/${change}`, { can: 'edit' }, async (s, { params }) => {
      await act.changeShare(s, params.shareId!, change);
      return redirect(here(s), change === 'revoke' ? 'sharing.revoked' : 'sharing.unlocked');
    });
  }

  // ---------- JSON API ----------

  const params = z.object({ caseId: idParam });
  const tags = ['sharing'];

  r.caseApi(
    'GET',
    '/api/v1/cases/:caseId/shares',
    {
      can: 'view',
      schema: {
        tags,
        summary: 'The case’s share links and their access log (newest first)',
        params,
        response: { 200: z.object({ shares: z.array(shareOut), accessLog: z.array(accessLogOut) }) },
      },
    },
    async (s) => {
      const v = await act.viewSharing(s, packet);
      return { shares: v.shares.map((x) => presentShare(x, new Date(s.now))), accessLog: v.log.map(presentAccess) };
    },
  );

  r.caseApi(
    'POST',
    '/api/v1/cases/:caseId/shares',
    {
      can: 'edit',
      schema: {
        tags,
        summary: 'Share the packet (or chosen documents) with a doctor by a secure link',
        description:
          'The answer holds the link (url) and the access code, if asked for, this one time only: only their hashes ' +
          'are kept. ' +
          'expiresInDays (1-90, default 30) or expiresOn (YYYY-MM-DD, at most 90 days ahead). Every documentId must ' +
          'be a document of this case.',
        params,
        body: makeShareSchema(),
        response: { 201: z.object({ share: shareOut, url: z.string(), accessCode: z.string().nullable() }) },
      },
    },
    async (s, { body }) => {
      const made = unwrap(await act.createShare(s, packet, body));
      return json(
        {
          share: presentShare(made.share, new Date(s.now)),
          url: made.url,
          accessCode: made.accessCode ? formatCode(made.accessCode) : null,
        },
        201,
      );
    },
  );

  r.caseApi(
    'DELETE',
    '/api/v1/shares/:shareId',
    {
      can: 'edit',
      caseOf: act.caseOfShare,
      schema: {
        tags,
        summary: 'Revoke a share link now (it is kept, with its log)',
        params: z.object({ shareId: idParam }),
        response: { 204: z.null() },
      },
    },
    async (s, { params }) => {
      await act.changeShare(s, params.shareId, 'revoke');
      return empty(204);
    },
  );
}
