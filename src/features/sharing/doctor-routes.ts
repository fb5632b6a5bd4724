import { h } from 'preact';
import type { Deps } from '../../platform/deps.ts';
import type { App, UiKit } from '../../platform/http/app.ts';
import { afterCommit, page, redirect, stream, withCookies } from '../../platform/http/case-route.ts';
import type { FieldErrors, FormValues } from '../../platform/ui/page-context.ts';
import { type OpinionRecord, opinionToForm, questionsToForm } from '../opinions/opinions.ts';
import { contentDisposition, downloadName } from '../records/documents.ts';
import * as act from './doctor-actions.ts';
import { DOCTOR_ROWS, doctorFormValues } from './doctor-form.ts';
import { DoctorOpinionPage, DoctorViewPage } from './doctor-views.tsx';
import { askForCode, type LinkScope, linkRoutes, SHARE_COOKIE, unavailable } from './link-route.ts';
import { PACKET_FORMATS, type PacketFormat } from './packet.ts';
import { buildPacket } from './packet-kit.ts';
import { SHARE_LIMITS } from './shares.ts';
import type { SharingOptions } from './shares-kit.ts';

// The consulting doctor's side: no account, only the link. Everything here answers the
// same "this link is not available" page (404) for a link that is unknown, expired,
// revoked or locked, and for anything the link does not share. Thin adapters over the
// doctor's actions (doctor-actions.ts), each in the link route's one transaction.

interface OpinionForm {
  values: FormValues;
  errors: FieldErrors;
  /** The opinion as saved now, when it changed after this form was filled from it. */
  stale?: OpinionRecord;
}

export function registerDoctorRoutes(app: App, deps: Deps, ui: UiKit, opts: SharingOptions): void {
  const { config } = deps;
  const link = linkRoutes(app, deps, ui);
  const home = (s: LinkScope) => `/s/${s.token}`;

  // Link pages hold health information and a secret in their address: never pass the
  // address on, never keep the page, never list it in a search engine. On every answer
  // under /s/, errors included.
  app.addHook('onSend', async (req, reply) => {
    if (!req.url.startsWith('/s/')) return;
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cache-Control', 'no-store');
    reply.header('X-Robots-Tag', 'noindex, nofollow');
  });

  // ---------- the link ----------

  link('GET', '/s/:token', { beforeCode: 'ask' }, async (s) => {
    const v = await act.openLink(s, opts);
    return page((ctx) =>
      h(DoctorViewPage, {
        ctx,
        token: s.token,
        share: s.share,
        cover: v.cover,
        documents: v.documents,
        opinion: v.opinion,
      }),
    );
  });

  const codeLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };
  link('POST', '/s/:token/code', { beforeCode: 'handler', config: codeLimit }, async (s, { form }) => {
    if (s.passed) return redirect(home(s));
    const r = await act.enterCode(s, form.code ?? '');
    if (!r.ok) return r.locked ? unavailable() : askForCode(s.token, { code: 'sharing.code.wrong' }, 400, r.triesLeft);
    const maxAge = SHARE_LIMITS.sessionMinutes * 60;
    const options = {
      path: home(s),
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: config.secureCookies,
      maxAge,
    };
    return withCookies(redirect(home(s)), { name: SHARE_COOKIE, value: r.secret, options });
  });

  // ---------- documents ----------

  const document =
    (inline: boolean) =>
    async (s: LinkScope, { params }: { params: Record<string, string> }) => {
      const doc = await act.openDocument(s, opts, params.documentId ?? '', inline);
      if (!doc) return unavailable();
      const { d, asInline } = doc;
      // Nothing in an uploaded file may run. A browser's own PDF viewer does not work in a
      // sandbox, so PDFs get a policy that allows only the viewer; images are sandboxed.
      const policy =
        d.detectedType === 'pdf' && asInline
          ? "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:"
          : "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
      return stream(doc.stream, {
        'Content-Type': d.mediaType,
        'Content-Length': String(d.sizeBytes),
        'Content-Disposition': contentDisposition(downloadName(d), asInline),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': policy,
      });
    };
  link('GET', '/s/:token/documents/:documentId', { compress: false }, document(true));
  link('GET', '/s/:token/documents/:documentId/download', { compress: false }, document(false));

  // The packet of exactly the documents this link shares, never the case's others.
  link('GET', '/s/:token/packet', { compress: false }, async (s, { query }) => {
    const format = query.format ?? 'pdf';
    if (s.share.scope !== 'packet' || !(PACKET_FORMATS as readonly string[]).includes(format)) return unavailable();
    const prepared = await act.preparePacketFor(s, opts, format as PacketFormat);
    if (!prepared) return unavailable();
    // Building it reads every file: after the commit.
    return afterCommit(async () => {
      const packet = await buildPacket(deps, opts.packet, prepared, format as PacketFormat, {
        now: new Date(s.now),
        today: s.today,
      });
      return stream(packet.stream, {
        'Content-Type': packet.contentType,
        'Content-Length': String(packet.contentLength),
        'Content-Disposition': contentDisposition(packet.filename),
        'X-Content-Type-Options': 'nosniff',
      });
    });
  });

  // ---------- the doctor's opinion ----------

  const opinionPage = async (s: LinkScope, f: OpinionForm | null, status = 200) => {
    const { c, questions, opinion } = await act.opinionForm(s, opts, !f);
    const closed = !!opinion && opinion.status !== 'pending';
    const fresh = () =>
      questionsToForm(questions, { doctorName: s.share.doctorName, doctorPractice: s.share.doctorPractice ?? '' });
    const values = f?.values ?? (opinion ? opinionToForm(opinion, questions) : fresh());
    // Saved now, as the doctor's form shows it (no date or way of giving: those are not theirs).
    const stale = f?.stale ? doctorFormValues(opinionToForm(f.stale, questions), questions) : undefined;
    const form = { values, errors: f?.errors ?? {} };
    return page(
      (ctx) =>
        h(DoctorOpinionPage, {
          ctx,
          token: s.token,
          c,
          questions,
          form,
          editing: !!opinion,
          closed,
          rows: DOCTOR_ROWS,
          stale,
        }),
      status,
    );
  };

  link('GET', '/s/:token/opinion', {}, (s) => opinionPage(s, null));

  link(
    'POST',
    '/s/:token/opinion',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (s, { form }) => {
      const values = await act.doctorValues(s, opts, form);
      const r = await act.writeOpinion(s, opts, values);
      switch (r.kind) {
        case 'saved':
          return redirect(home(s), 'sharing.doctor.saved');
        case 'invalid':
          return opinionPage(s, { values, errors: r.errors }, 400);
        case 'closed':
          return opinionPage(s, { values, errors: { _form: 'sharing.doctor.closed' } }, 409);
        case 'stale':
          return opinionPage(
            s,
            { values: { ...values, version: String(r.current.version) }, errors: {}, stale: r.current },
            409,
          );
      }
    },
  );
}
