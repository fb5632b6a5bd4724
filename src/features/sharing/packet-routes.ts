import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { z } from 'zod';
import { requireCaseAccess } from '../../platform/auth/access-store.ts';
import { loadCaseContext } from '../../platform/case-context.ts';
import { transact } from '../../platform/deps.ts';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { checkedValues, sendPage } from '../../platform/http/context.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { contentDisposition } from '../records/documents.ts';
import { PACKET_FORMATS, type PacketFormat, selectDocuments } from './packet.ts';
import { loadCover, type PacketProviders, packetErrors, streamPacket } from './packet-kit.ts';
import { PacketPage } from './packet-views.tsx';

// The packet page (choose files, see the cover, download) and GET /api/v1/cases/{id}/packet.

export function createPacketFeature(providers: PacketProviders): FeatureRegistrar {
  return async (app, deps, ui) => {
    const page = ui.page;
    const source = providers.documents(deps);

    const showPage = async (req: FastifyRequest, reply: FastifyReply, caseId: string, form: FormState | null, status = 200) => {
      const data = await transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const c = await loadCaseContext(trx, caseId);
        const cover = await loadCover(trx, providers, caseId);
        const documents = await source.listDocuments(trx, caseId);
        await audit({ action: 'packet.view', patientId: access.patientId, objectType: 'case', objectId: caseId });
        return { c, cover, documents };
      });
      // Every file is chosen until the person says otherwise.
      const chosen = form ?? emptyForm({ documentIds: data.documents.map((d) => d.id).join(',') });
      return sendPage(reply, h(PacketPage, { ctx: page(req), ...data, form: chosen }), status);
    };

    /**
     * Checks access and the choice of files, and records the packet in the audit log,
     * in one transaction, before a single byte of any file is read.
     */
    const authorize = (req: FastifyRequest, caseId: string, documentIds: string[], format: PacketFormat) =>
      transact(deps, req, async ({ trx, audit }) => {
        const access = await requireCaseAccess(trx, req.actor, caseId, 'view');
        const selection = selectDocuments(await source.listDocuments(trx, caseId), documentIds);
        if (!selection.ok) throw packetErrors[selection.reason]();
        await audit({ action: `packet.build.${format}`, patientId: access.patientId, objectType: 'case', objectId: caseId });
      });

    const send = async (reply: FastifyReply, caseId: string, documentIds: string[], format: PacketFormat) => {
      const p = await streamPacket(deps, providers, caseId, documentIds, format);
      return reply
        .header('Content-Type', p.contentType)
        .header('Content-Length', String(p.contentLength))
        .header('Content-Disposition', contentDisposition(p.filename))
        .header('Cache-Control', 'no-store')
        .header('X-Content-Type-Options', 'nosniff')
        .send(p.stream);
    };

    app.get('/cases/:caseId/packet', { config: { access: 'patient' } }, async (req, reply) => showPage(req, reply, (req.params as { caseId: string }).caseId, null));

    // The page's GET form lands here. Without script the browser downloads the file; with
    // it, packet-download.ts fetches the same address and shows progress.
    app.get('/cases/:caseId/packet/download', { config: { access: 'patient' }, compress: false }, async (req, reply) => {
      const { caseId } = req.params as { caseId: string };
      const query = req.query as Record<string, unknown>;
      const format: PacketFormat = query.format === 'zip' ? 'zip' : 'pdf';
      const ids = checkedValues(query, 'documentIds').slice(0, 1000);
      if (ids.length === 0) {
        // Everything unticked: say so on the page rather than quietly sending everything.
        await transact(deps, req, ({ trx }) => requireCaseAccess(trx, req.actor, caseId, 'view'));
        return showPage(req, reply, caseId, { values: { documentIds: '' }, errors: { documentIds: 'packet.errors.empty' } }, 400);
      }
      await authorize(req, caseId, ids, format);
      return send(reply, caseId, ids, format);
    });

    app.get(
      '/api/v1/cases/:caseId/packet',
      {
        config: { access: 'patient' },
        compress: false,
        schema: {
          tags: ['sharing'],
          summary:
            'The records packet: a cover summary, an index of the files, then the files, as one PDF; or as a ZIP of that PDF with every original file (imaging studies in their own folders). Streamed; Content-Length is exact.',
          params: z.object({ caseId: idParam }),
          querystring: z.object({
            format: z.enum(PACKET_FORMATS).default('pdf').describe('pdf (default) or zip'),
            documentIds: z
              .string()
              .max(20_000)
              .optional()
              .describe('Comma-separated ids of the documents to include, in any order; leave it out for every document of the case. An id not of this case gives 404.'),
          }),
          response: {
            200: z.any().describe('application/pdf or application/zip'),
          },
        },
      },
      async (req, reply) => {
        const { caseId } = req.params;
        const { format, documentIds } = req.query;
        const ids = (documentIds ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (documentIds !== undefined && ids.length === 0) throw packetErrors.empty();
        await authorize(req, caseId, [...new Set(ids)], format);
        return send(reply, caseId, [...new Set(ids)], format);
      },
    );
  };
}
