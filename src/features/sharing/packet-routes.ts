import { h } from 'preact';
import { z } from 'zod';
import type { FeatureRegistrar } from '../../platform/http/app.ts';
import { afterCommit, type CaseScope, caseRoutes, page, stream } from '../../platform/http/case-route.ts';
import { checkedValues } from '../../platform/http/context.ts';
import { emptyForm, type FormState } from '../../platform/ui/page-context.ts';
import { idParam } from '../../platform/validation.ts';
import { contentDisposition } from '../records/documents.ts';
import { PACKET_FORMATS, type PacketFormat } from './packet.ts';
import { buildPacket, type PacketProviders, type PreparedPacket, packetErrors } from './packet-kit.ts';
import { PacketPage } from './packet-views.tsx';
import * as act from './sharing-actions.ts';

// The packet page (choose files, see the cover, download) and GET /api/v1/cases/{id}/packet.
// Access, the choice of files and the audit entry in the request's one transaction; the
// packet itself is built after the commit, as it streams.

export function createPacketFeature(providers: PacketProviders): FeatureRegistrar {
  return (app, deps, ui) => {
    const r = caseRoutes(app, deps, ui);

    const showPage = async (s: CaseScope, form: FormState | null, status = 200) => {
      const v = await act.viewPacket(s, providers);
      // Every file is chosen until the person says otherwise.
      const chosen = form ?? emptyForm({ documentIds: v.documents.map((d) => d.id).join(',') });
      return page((ctx) => h(PacketPage, { ctx, c: s.c, ...v, form: chosen }), status);
    };

    const download = async (s: CaseScope, documentIds: string[], format: PacketFormat) => {
      const prepared: PreparedPacket = await act.preparePacketDownload(s, providers, documentIds, format);
      return afterCommit(async () => {
        const p = await buildPacket(deps, providers, prepared, format, { now: new Date(s.now), today: s.today });
        const headers = {
          'Content-Type': p.contentType,
          'Content-Length': String(p.contentLength),
          'X-Content-Type-Options': 'nosniff',
        };
        return stream(p.stream, { ...headers, 'Content-Disposition': contentDisposition(p.filename) });
      });
    };

    r.casePage('GET', '/cases/:caseId/packet', { can: 'view' }, (s) => showPage(s, null));

    // The page's GET form lands here. Without script the browser downloads the file; with
    // it, packet-download.ts fetches the same address and shows progress.
    r.casePage('GET', '/cases/:caseId/packet/download', { can: 'view', compress: false }, async (s, { query }) => {
      const format: PacketFormat = query.format === 'zip' ? 'zip' : 'pdf';
      const ids = checkedValues(query, 'documentIds').slice(0, 1000);
      // Everything unticked: say so on the page rather than quietly sending everything.
      if (ids.length === 0)
        return showPage(s, { values: { documentIds: '' }, errors: { documentIds: 'packet.errors.empty' } }, 400);
      return download(s, ids, format);
    });

    r.caseApi(
      'GET',
      '/api/v1/cases/:caseId/packet',
      {
        can: 'view',
        compress: false,
        schema: {
          tags: ['sharing'],
          summary:
            'The records packet: a cover summary, an index of the files, then the files, as one PDF; or as a ZIP of ' +
            'that PDF with every ' +
            'original file (imaging studies in their own folders). Streamed; Content-Length is exact.',
          params: z.object({ caseId: idParam }),
          querystring: z.object({
            format: z.enum(PACKET_FORMATS).default('pdf').describe('pdf (default) or zip'),
            documentIds: z
              .string()
              .max(20_000)
              .optional()
              .describe(
                'Comma-separated ids of the documents to include, in any order; leave it out for every document of ' +
                  'the case. An id not of this case gives 404.',
              ),
          }),
          response: {
            200: z.any().describe('application/pdf or application/zip'),
          },
        },
      },
      async (s, { query }) => {
        const ids = (query.documentIds ?? '')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean);
        if (query.documentIds !== undefined && ids.length === 0) throw packetErrors.empty();
        return download(s, [...new Set(ids)], query.format);
      },
    );
  };
}
