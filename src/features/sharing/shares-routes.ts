import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { type Deps, transact } from '../../platform/deps.ts';
import type { App, FeatureRegistrar, UiKit } from '../../platform/http/app.ts';
import { checkedValues, formValues, parseWith, requireUser, sendPage, setFlash } from '../../platform/http/context.ts';
import { invalid, isAppError, notFound } from '../../platform/http/errors.ts';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import { seal, unseal } from '../../platform/http/sealed-cookie.ts';
import { idParam } from '../../platform/validation.ts';
import type { DocumentRecord } from '../records/documents.ts';
import { registerDoctorRoutes } from './doctor-routes.ts';
import {
  ACCESS_ACTIONS,
  checkDocumentChoice,
  describeBrowser,
  expiryFrom,
  formatCode,
  hashToken,
  makeShareSchema,
  newAccessCode,
  newShareToken,
  SHARE_LIMITS,
  SHARE_SCOPES,
  type ShareInput,
  type ShareRecord,
  shareState,
} from './shares.ts';
import type { SharingOptions } from './shares-kit.ts';
import { findShare, insertShare, listAccessLog, listShares, pendingSharedOpinions, revokeShare, unlockShare } from './shares-store.ts';
import { ShareCreatedPage, ShareFormPage, ShareShownOncePage, SharingPage } from './shares-views.tsx';

/**
 * Step 7 of the journey: secure links that let a consulting doctor read the records and
 * write an opinion. Documents, opinions and the case's questions come in as providers from
 * src/features/index.ts.
 */
export function createSharingFeature(opts: SharingOptions): FeatureRegistrar {
  return (app, deps, ui) => {
    registerShareRoutes(app, deps, ui, opts);
    registerDoctorRoutes(app, deps, ui, opts);
  };
}

export const shareUrl = (deps: Deps, token: string) => `${deps.config.baseUrl}/s/${token}`;

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

interface Created {
  share: ShareRecord;
  url: string;
  accessCode: string | null;
}

/** Makes a link: the token and the code exist only in this function's answer, never in the database. */
async function createShare(deps: Deps, trx: Tx, ids: { caseId: string; patientId: string; userId: string }, input: ShareInput, documents: DocumentRecord[]): Promise<Created> {
  const chosen = checkDocumentChoice(
    input.documentIds,
    documents.map((d) => d.id),
  );
  if (!chosen) throw invalid({ documentIds: 'sharing.errors.unknownDocument' });
  const now = deps.clock.now();
  const token = newShareToken();
  const code = input.accessCode ? newAccessCode() : null;
  const shareId = await insertShare(trx, now.toISOString(), {
    caseId: ids.caseId,
    patientId: ids.patientId,
    tokenHash: hashToken(token),
    doctorName: input.doctorName,
    doctorEmail: input.doctorEmail ?? null,
    doctorPractice: input.doctorPractice ?? null,
    scope: input.scope,
    expiresAt: expiryFrom(now, input).toISOString(),
    codeHash: code ? await deps.passwords.hash(code) : null,
    documentIds: chosen,
    createdBy: ids.userId,
  });
  const share = (await findShare(trx, shareId))!;
  return { share, url: shareUrl(deps, token), accessCode: code };
}

function registerShareRoutes(app: App, deps: Deps, ui: UiKit, opts: SharingOptions): void {
  const { clock, config } = deps;
  const schema = makeShareSchema(() => clock.now());
  const source = opts.packet.documents(deps);

  // ---------- pages ----------

  app.get('/cases/:caseId/sharing', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
      const c = await loadCaseContext(trx, caseId);
      const shares = await listShares(trx, caseId);
      const log = await listAccessLog(trx, caseId);
      const pending = await pendingSharedOpinions(trx, caseId);
      await audit({ action: 'share.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return { c, shares, log, pending };
    });
    const documents = await source.listDocuments(deps.db, caseId);
    return sendPage(reply, h(SharingPage, { ctx: ui.page(req), ...data, documents, now: clock.now() }));
  });

  const formPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: { values: FormValues; errors: FieldErrors } | null, status = 200) => {
    const c = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      await audit({ action: 'case.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
      return loadCaseContext(trx, caseId);
    });
    const documents = await source.listDocuments(deps.db, caseId);
    const values = form?.values ?? { scope: 'packet', expiresInDays: String(SHARE_LIMITS.defaultDays), accessCode: '1', documentIds: documents.map((d) => d.id).join(',') };
    return sendPage(reply, h(ShareFormPage, { ctx: ui.page(req), c, documents, form: { values, errors: form?.errors ?? {} } }), status);
  };

  app.get('/cases/:caseId/sharing/new', { config: { access: 'patient' } }, async (req, reply) => formPage(req, reply, (req.params as { caseId: string }).caseId, null));

  app.post('/cases/:caseId/sharing/new', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId } = req.params as { caseId: string };
    const user = requireUser(req);
    const values = formValues(req.body as Record<string, unknown>);
    const documentIds = checkedValues(req.body, 'documentIds');
    values.documentIds = documentIds.join(',');
    const parsed = parseWith(schema, { ...values, documentIds, accessCode: values.accessCode ?? '' });
    if (!parsed.ok) {
      // Only an authorised member may learn that the form was wrong.
      await transact(deps, req, async ({ trx }) => requireCaseAccess(trx, req.actor, caseId, 'edit'));
      return formPage(req, reply, caseId, { values, errors: parsed.errors }, 400);
    }
    // Read before the transaction: the document source has its own connection, and SQLite has
    // one. Nothing of it is used or shown unless the access check inside passes.
    const documents = await source.listDocuments(deps.db, caseId);
    let created: Created;
    try {
      created = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const out = await createShare(deps, trx, { caseId, patientId: access.patientId, userId: user.userId }, parsed.data, documents);
        await audit({ action: 'share.create', patientId: access.patientId, objectType: 'share', objectId: out.share.id });
        return out;
      });
    } catch (e) {
      // A chosen document that is not this case's (a tampered form): say so on the form.
      if (isAppError(e) && e.status === 400 && e.fields) return formPage(req, reply, caseId, { values, errors: e.fields }, 400);
      throw e;
    }
    // Post, redirect, get: a reload of the page that shows the link must not make a second
    // link. The link crosses the redirect sealed in a cookie that only that page receives.
    const shareId = created.share.id;
    const sealed = seal(deps.keys.cookieKey, madePurpose(shareId, user.userId), { url: created.url, code: created.accessCode } satisfies Made, new Date(clock.now().getTime() + MADE_COOKIE_SECONDS * 1000));
    reply.setCookie(MADE_COOKIE, sealed, { path: madePath(caseId, shareId), httpOnly: true, sameSite: 'strict', secure: config.secureCookies, maxAge: MADE_COOKIE_SECONDS });
    return reply.redirect(madePath(caseId, shareId), 303);
  });

  // The link, shown once: the cookie is cleared as it is read, so a reload shows only a note.
  app.get('/cases/:caseId/sharing/:shareId/made', { config: { access: 'patient' } }, async (req, reply) => {
    const { caseId, shareId } = req.params as { caseId: string; shareId: string };
    const user = requireUser(req);
    const data = await transact(deps, req, async ({ trx, audit }) => {
      const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
      const share = await findShare(trx, shareId, caseId);
      if (!share) throw notFound();
      await audit({ action: 'share.view', patientId: access.patientId, objectType: 'share', objectId: shareId });
      return { share, c: await loadCaseContext(trx, caseId) };
    });
    const cookie = (req.cookies as Record<string, string | undefined>)[MADE_COOKIE];
    if (cookie !== undefined) reply.clearCookie(MADE_COOKIE, { path: madePath(caseId, shareId) });
    const made = readMade(unseal(deps.keys.cookieKey, madePurpose(shareId, user.userId), cookie, clock.now()));
    if (!made || data.share.revokedAt) return sendPage(reply, h(ShareShownOncePage, { ctx: ui.page(req), c: data.c, share: data.share, now: clock.now() }));
    return sendPage(reply, h(ShareCreatedPage, { ctx: ui.page(req), c: data.c, share: data.share, url: made.url, accessCode: made.code ? formatCode(made.code) : null }));
  });

  const changeShare = (path: string, act: 'revoke' | 'unlock') =>
    app.post(path, { config: { access: 'patient' } }, async (req, reply) => {
      const { caseId, shareId } = req.params as { caseId: string; shareId: string };
      const user = requireUser(req);
      await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const share = await findShare(trx, shareId, caseId);
        if (!share) throw notFound();
        const now = clock.now().toISOString();
        if (act === 'revoke') await revokeShare(trx, shareId, user.userId, now);
        else await unlockShare(trx, shareId, now);
        await audit({ action: `share.${act}`, patientId: access.patientId, objectType: 'share', objectId: shareId });
      });
      setFlash(reply, act === 'revoke' ? 'sharing.revoked' : 'sharing.unlocked', config.secureCookies);
      return reply.redirect(`/cases/${caseId}/sharing`, 303);
    });
  changeShare('/cases/:caseId/sharing/:shareId/revoke', 'revoke');
  changeShare('/cases/:caseId/sharing/:shareId/unlock', 'unlock');

  // ---------- JSON API ----------

  const present = (s: ShareRecord) => ({
    id: s.id,
    caseId: s.caseId,
    doctorName: s.doctorName,
    doctorEmail: s.doctorEmail,
    doctorPractice: s.doctorPractice,
    scope: s.scope,
    state: shareState(s, clock.now()),
    expiresAt: s.expiresAt,
    hasAccessCode: s.hasCode,
    failedAttempts: s.failedAttempts,
    lockedAt: s.lockedAt,
    revokedAt: s.revokedAt,
    createdAt: s.createdAt,
    documentIds: s.documentIds,
  });

  const shareOut = z.object({
    id: z.string(),
    caseId: z.string(),
    doctorName: z.string(),
    doctorEmail: z.string().nullable(),
    doctorPractice: z.string().nullable(),
    scope: z.enum(SHARE_SCOPES).describe('packet: the records packet and its documents; documents: only the chosen documents'),
    state: z.enum(['active', 'expired', 'revoked', 'locked']),
    expiresAt: z.string(),
    hasAccessCode: z.boolean(),
    failedAttempts: z.number().int(),
    lockedAt: z.string().nullable().describe('Set after 5 wrong access codes; unlock on the sharing page or make a new link'),
    revokedAt: z.string().nullable(),
    createdAt: z.string(),
    documentIds: z.array(z.string()),
  });
  const logOut = z.object({
    id: z.string(),
    shareId: z.string(),
    at: z.string(),
    action: z.enum(ACCESS_ACTIONS),
    objectId: z.string().nullable().describe('The document viewed or downloaded, or the opinion written'),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    browser: z.string().nullable(),
  });
  const params = z.object({ caseId: idParam });

  app.get(
    '/api/v1/cases/:caseId/shares',
    {
      config: { access: 'patient' },
      schema: { tags: ['sharing'], summary: 'The case’s share links and their access log (newest first)', params, response: { 200: z.object({ shares: z.array(shareOut), accessLog: z.array(logOut) }) } },
    },
    async (req) => {
      const { caseId } = req.params;
      return transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const shares = await listShares(trx, caseId);
        const log = await listAccessLog(trx, caseId);
        await audit({ action: 'share.list', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return { shares: shares.map(present), accessLog: log.map((l) => ({ ...l, browser: describeBrowser(l.userAgent) })) };
      });
    },
  );

  app.post(
    '/api/v1/cases/:caseId/shares',
    {
      config: { access: 'patient' },
      schema: {
        tags: ['sharing'],
        summary: 'Share the packet (or chosen documents) with a doctor by a secure link',
        description:
          'The answer holds the link (url) and the access code, if asked for, this one time only: only their hashes are kept. expiresInDays (1-90, default 30) or expiresOn (YYYY-MM-DD, at most 90 days ahead). Every documentId must be a document of this case.',
        params,
        body: makeShareSchema(() => clock.now()),
        response: { 201: z.object({ share: shareOut, url: z.string(), accessCode: z.string().nullable() }) },
      },
    },
    async (req, reply) => {
      const { caseId } = req.params;
      const user = requireUser(req);
      const documents = await source.listDocuments(deps.db, caseId); // outside the transaction, as on the page
      const out = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'edit');
        const created = await createShare(deps, trx, { caseId, patientId: access.patientId, userId: user.userId }, req.body, documents);
        await audit({ action: 'share.create', patientId: access.patientId, objectType: 'share', objectId: created.share.id });
        return created;
      });
      return reply.code(201).send({ share: present(out.share), url: out.url, accessCode: out.accessCode ? formatCode(out.accessCode) : null });
    },
  );

  app.delete(
    '/api/v1/shares/:shareId',
    {
      config: { access: 'patient' },
      schema: { tags: ['sharing'], summary: 'Revoke a share link now (it is kept, with its log)', params: z.object({ shareId: idParam }), response: { 204: z.null() } },
    },
    async (req, reply) => {
      const { shareId } = req.params;
      const user = requireUser(req);
      await transact(deps, req, async ({ trx, audit }) => {
        const share = await findShare(trx, shareId);
        if (!share) throw notFound();
        const access = await requireCaseAccess(trx, req.actor, share.caseId, 'edit');
        await revokeShare(trx, shareId, user.userId, clock.now().toISOString());
        await audit({ action: 'share.revoke', patientId: access.patientId, objectType: 'share', objectId: shareId });
      });
      return reply.code(204).send(null);
    },
  );

}
