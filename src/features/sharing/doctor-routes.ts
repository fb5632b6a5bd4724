import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { loadCaseContext } from '../../platform/case-context.ts';
import type { Queryable } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { formValues, parseWith, sendPage, setFlash } from '../../platform/http/context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import { isoDate } from '../../platform/clock.ts';
import { contentDisposition, type DocumentRecord, downloadName } from '../records/documents.ts';
import { errorsToForm, makeOpinionSchema, type OpinionRecord, opinionFromForm, opinionToForm, questionsToForm, toStored } from '../opinions/opinions.ts';
import { DOCTOR_ROWS, doctorFormValues } from './doctor-form.ts';
import { loadCover, streamPacket } from './packet-kit.ts';
import { PACKET_FORMATS, type PacketFormat } from './packet.ts';
import { CodePage, DoctorOpinionPage, DoctorViewPage, LinkUnavailablePage } from './doctor-views.tsx';
import { hashToken, newShareToken, normaliseCode, SHARE_LIMITS, type ShareRecord, sameHash, shareState, TOKEN_PATTERN } from './shares.ts';
import { type SharingOptions, shareTransact } from './shares-kit.ts';
import {
  clearFailedCodes,
  findShareByTokenHash,
  insertShareSession,
  opinionIdForShare,
  recordFailedCode,
  shareDocumentIds,
  shareSessionValid,
} from './shares-store.ts';

// The consulting doctor's side: no account, only the link. Everything here answers the
// same "this link is not available" page (404) for a link that is unknown, expired,
// revoked or locked, and for anything the link does not share.

const SHARE_COOKIE = 'so_share';
const INLINE_TYPES = new Set(['pdf', 'jpeg', 'png']);

type Gate = { kind: 'ok'; share: ShareRecord } | { kind: 'code'; share: ShareRecord; codeHash: string } | { kind: 'unavailable' };

export function registerDoctorRoutes(app: App, deps: Deps, ui: UiKit, opts: SharingOptions): void {
  const { clock, config } = deps;
  const source = opts.packet.documents(deps);
  const today = () => isoDate(clock.now());
  const opinionSchema = makeOpinionSchema(today);

  // Link pages hold health information and a secret in their address: never pass the
  // address on, never keep the page, never list it in a search engine. On every answer
  // under /s/, errors included.
  app.addHook('onSend', async (req, reply) => {
    if (!req.url.startsWith('/s/')) return;
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Robots-Tag', 'noindex, nofollow');
  });

  const cookiePath = (token: string) => `/s/${token}`;

  /**
   * Who may pass. The same work is done for every token (hash, one indexed look-up) so an
   * unknown link and a dead one cannot be told apart by what comes back.
   */
  async function gate(db: Queryable, req: FastifyRequest, token: string): Promise<Gate> {
    const presented = hashToken(token);
    const found = await findShareByTokenHash(db, presented);
    if (!found || !TOKEN_PATTERN.test(token) || !sameHash(found.tokenHash, presented)) return { kind: 'unavailable' };
    if (shareState(found.share, clock.now()) !== 'active') return { kind: 'unavailable' };
    const share = { ...found.share, documentIds: await shareDocumentIds(db, found.share.id) };
    if (!found.codeHash) return { kind: 'ok', share };
    const cookie = req.cookies[SHARE_COOKIE];
    if (cookie && cookie.length <= 100 && (await shareSessionValid(db, share.id, hashToken(cookie), clock.now().toISOString()))) {
      return { kind: 'ok', share };
    }
    return { kind: 'code', share, codeHash: found.codeHash };
  }

  const unavailable = (req: FastifyRequest, reply: FastifyReply) => sendPage(reply, h(LinkUnavailablePage, { ctx: ui.page(req) }), 404);

  /** The documents this link shares that are still in the case, in the order chosen. */
  async function sharedDocuments(share: ShareRecord): Promise<DocumentRecord[]> {
    const inCase = new Map((await source.listDocuments(deps.db, share.caseId)).map((d) => [d.id, d]));
    return share.documentIds.map((id) => inCase.get(id)).filter((d): d is DocumentRecord => !!d);
  }

  const tokenOf = (req: FastifyRequest) => (req.params as { token: string }).token;

  // ---------- the link ----------

  app.get('/s/:token', { config: { access: 'public' } }, async (req, reply) => {
    const token = tokenOf(req);
    const g = await gate(deps.db, req, token);
    if (g.kind === 'unavailable') return unavailable(req, reply);
    if (g.kind === 'code') return sendPage(reply, h(CodePage, { ctx: ui.page(req), token, form: { values: {}, errors: {} } }));
    const share = g.share;
    const data = await shareTransact(deps, req, share, async (trx, record) => {
      const cover = await loadCover(trx, opts.packet, share.caseId);
      const opinionId = await opinionIdForShare(trx, share.id);
      const opinion = opinionId ? await opts.opinions.find(trx, share.caseId, opinionId) : null;
      await record('opened', { action: 'share.open', objectType: 'share', objectId: share.id });
      return { cover, opinion };
    });
    const documents = await sharedDocuments(share);
    return sendPage(reply, h(DoctorViewPage, { ctx: ui.page(req), token, share, cover: data.cover, documents, opinion: data.opinion }));
  });

  app.post('/s/:token/code', { config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } } }, async (req, reply) => {
    const token = tokenOf(req);
    const g = await gate(deps.db, req, token);
    if (g.kind === 'unavailable') return unavailable(req, reply);
    if (g.kind === 'ok') return reply.redirect(`/s/${token}`, 303);
    const share = g.share;
    const values = formValues(req.body as Record<string, unknown>);
    const typed = normaliseCode(values.code ?? '');
    const ok = typed !== '' && (await deps.passwords.verify(g.codeHash, typed));
    const now = clock.now();
    if (ok) {
      const secret = newShareToken();
      const expires = new Date(now.getTime() + SHARE_LIMITS.sessionMinutes * 60_000);
      await shareTransact(deps, req, share, async (trx, record) => {
        await clearFailedCodes(trx, share.id, now.toISOString());
        await insertShareSession(trx, share.id, hashToken(secret), now.toISOString(), expires.toISOString());
        await record('code_ok', { action: 'share.code_ok', objectType: 'share', objectId: share.id });
      });
      reply.setCookie(SHARE_COOKIE, secret, { path: cookiePath(token), httpOnly: true, sameSite: 'strict', secure: config.secureCookies, maxAge: SHARE_LIMITS.sessionMinutes * 60 });
      return reply.redirect(`/s/${token}`, 303);
    }
    const failed = await shareTransact(deps, req, share, async (trx, record) => {
      const result = await recordFailedCode(trx, share.id, SHARE_LIMITS.maxFailures, now.toISOString());
      await record('code_wrong', { action: 'share.code_wrong', objectType: 'share', objectId: share.id });
      if (result.locked) await record('locked', { action: 'share.locked', objectType: 'share', objectId: share.id });
      return result;
    });
    if (failed.locked) return unavailable(req, reply);
    const left = SHARE_LIMITS.maxFailures - failed.failures;
    return sendPage(reply, h(CodePage, { ctx: ui.page(req), token, form: { values: {}, errors: { code: 'sharing.code.wrong' } }, triesLeft: left }), 400);
  });

  // ---------- documents ----------

  const sendDocument = (inline: boolean) => async (req: FastifyRequest, reply: FastifyReply) => {
    const { token, documentId } = req.params as { token: string; documentId: string };
    const g = await gate(deps.db, req, token);
    if (g.kind === 'code') return reply.redirect(`/s/${token}`, 303);
    if (g.kind === 'unavailable') return unavailable(req, reply);
    const share = g.share;
    // Only a document this link shares: a tampered or another case's id is simply not there.
    const d = (await sharedDocuments(share)).find((x) => x.id === documentId);
    if (!d) return unavailable(req, reply);
    const asInline = inline && INLINE_TYPES.has(d.detectedType);
    await shareTransact(deps, req, share, (_trx, record) =>
      record(asInline ? 'viewed_document' : 'downloaded_document', { action: asInline ? 'document.view' : 'document.download', objectType: 'document', objectId: d.id }),
    );
    const { stream } = await source.openDocumentStream(deps.db, d.id);
    return (
      reply
        .header('Content-Type', d.mediaType)
        .header('Content-Length', String(d.sizeBytes))
        .header('Content-Disposition', contentDisposition(downloadName(d), asInline))
        .header('X-Content-Type-Options', 'nosniff')
        // Nothing in an uploaded file may run. A browser's own PDF viewer does not work in a
        // sandbox, so PDFs get a policy that allows only the viewer; images are sandboxed.
        .header(
          'Content-Security-Policy',
          d.detectedType === 'pdf' && asInline ? "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:" : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
        )
        .send(stream)
    );
  };

  app.get('/s/:token/documents/:documentId', { config: { access: 'public' }, compress: false }, sendDocument(true));
  app.get('/s/:token/documents/:documentId/download', { config: { access: 'public' }, compress: false }, sendDocument(false));

  // The packet of exactly the documents this link shares, never the case's others.
  app.get('/s/:token/packet', { config: { access: 'public' }, compress: false }, async (req, reply) => {
    const token = tokenOf(req);
    const g = await gate(deps.db, req, token);
    if (g.kind === 'code') return reply.redirect(`/s/${token}`, 303);
    if (g.kind === 'unavailable' || g.share.scope !== 'packet') return unavailable(req, reply);
    const share = g.share;
    const format = (req.query as { format?: string }).format ?? 'pdf';
    if (!(PACKET_FORMATS as readonly string[]).includes(format)) return unavailable(req, reply);
    const ids = (await sharedDocuments(share)).map((d) => d.id);
    if (ids.length === 0) return unavailable(req, reply);
    const packet = await streamPacket(deps, opts.packet, share.caseId, ids, format as PacketFormat);
    await shareTransact(deps, req, share, (_trx, record) =>
      record(format === 'zip' ? 'downloaded_packet_zip' : 'downloaded_packet_pdf', { action: 'packet.download', objectType: 'case', objectId: share.caseId }),
    );
    return reply
      .header('Content-Type', packet.contentType)
      .header('Content-Length', String(packet.contentLength))
      .header('Content-Disposition', contentDisposition(packet.filename))
      .header('X-Content-Type-Options', 'nosniff')
      .send(packet.stream);
  });

  // ---------- the doctor's opinion ----------

  interface OpinionForm {
    values: FormValues;
    errors: FieldErrors;
  }

  async function opinionPage(req: FastifyRequest, reply: FastifyReply, token: string, share: ShareRecord, form: OpinionForm | null, status = 200) {
    const data = await shareTransact(deps, req, share, async (trx, record) => {
      const c = await loadCaseContext(trx, share.caseId);
      const questions = await opts.questions(trx, share.caseId);
      const opinionId = await opinionIdForShare(trx, share.id);
      const opinion = opinionId ? await opts.opinions.find(trx, share.caseId, opinionId) : null;
      if (!form) await record('opened_opinion_form', { action: 'share.opinion_form', objectType: 'share', objectId: share.id });
      return { c, questions, opinion };
    });
    const closed = !!data.opinion && data.opinion.status !== 'pending';
    const values = form?.values ?? (data.opinion ? opinionToForm(data.opinion, data.questions) : questionsToForm(data.questions, { doctorName: share.doctorName, doctorPractice: share.doctorPractice ?? '' }));
    return sendPage(
      reply,
      h(DoctorOpinionPage, { ctx: ui.page(req), token, c: data.c, questions: data.questions, form: { values, errors: form?.errors ?? {} }, editing: !!data.opinion, closed, rows: DOCTOR_ROWS }),
      status,
    );
  }

  app.get('/s/:token/opinion', { config: { access: 'public' } }, async (req, reply) => {
    const token = tokenOf(req);
    const g = await gate(deps.db, req, token);
    if (g.kind === 'code') return reply.redirect(`/s/${token}`, 303);
    if (g.kind === 'unavailable') return unavailable(req, reply);
    return opinionPage(req, reply, token, g.share, null);
  });

  app.post('/s/:token/opinion', { config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } } }, async (req, reply) => {
    const token = tokenOf(req);
    const g = await gate(deps.db, req, token);
    if (g.kind === 'code') return reply.redirect(`/s/${token}`, 303);
    if (g.kind === 'unavailable') return unavailable(req, reply);
    const share = g.share;
    const questions = await opts.questions(deps.db, share.caseId);
    const values = doctorFormValues(formValues(req.body as Record<string, unknown>), questions);
    const { input, paths } = opinionFromForm(values);
    // The doctor writes it down now, in writing: the date and the way are not theirs to set.
    const parsed = parseWith(opinionSchema, { ...input, givenOn: today(), givenHow: 'written_report' });
    const problems = await opts.opinions.codeProblems((input.diagnoses as unknown[]) ?? []);
    const errors: FieldErrors = { ...(parsed.ok ? {} : errorsToForm(parsed.errors, paths)) };
    for (const [i, text] of problems) errors[paths[`diagnoses.${i}.code`] ?? `diagnoses.${i}.code`] = text as MessageKey;
    if (!parsed.ok || Object.keys(errors).length > 0) return opinionPage(req, reply, token, share, { values, errors }, 400);

    const described = new Map<string, string | null>();
    for (const d of parsed.data.diagnoses) if (d.code) described.set(d.code, await opts.opinions.describeCode(d.code));
    const stored = toStored(parsed.data, (code) => described.get(code) ?? null);
    const outcome = await shareTransact(deps, req, share, async (trx, record) => {
      const now = clock.now().toISOString();
      // Only this link's own opinion, found by the link, never by an id the form sends.
      const existingId = await opinionIdForShare(trx, share.id);
      const existing: OpinionRecord | null = existingId ? await opts.opinions.find(trx, share.caseId, existingId) : null;
      if (existing && existing.status !== 'pending') return 'closed' as const;
      if (existing) {
        await opts.opinions.update(trx, existing.id, now, stored);
        await record('changed_opinion', { action: 'opinion.update', objectType: 'opinion', objectId: existing.id });
      } else {
        const id = await opts.opinions.insertPending(trx, now, { caseId: share.caseId, patientId: share.patientId, shareId: share.id }, stored);
        await record('wrote_opinion', { action: 'opinion.create', objectType: 'opinion', objectId: id });
      }
      return 'saved' as const;
    });
    if (outcome === 'closed') return opinionPage(req, reply, token, share, { values, errors: { _form: 'sharing.doctor.closed' } }, 409);
    setFlash(reply, 'sharing.doctor.saved', config.secureCookies);
    return reply.redirect(`/s/${token}`, 303);
  });

}
