import { z } from 'zod';
import { idParam } from '../../platform/validation.ts';
import { documentPatchSchema } from './documents.ts';
import { documentOut } from './records-api.ts';

// The documents API's operation schemas (shapes and presenters are in records-api.ts). Routes stay adapters (ADR 0014).

const documentParams = z.object({ documentId: idParam });

/** Each operation's schema: tags, summary, params, body and answers (also the OpenAPI document). */
export const ops = {
  /** GET /api/v1/cases/:caseId/documents */
  getDocuments: {
    tags: ['records'],
    summary:
      'Documents of a case, newest first; `?removed=true` lists the ones taken out of the case instead ' +
      '(they can be put back); `?review=true` lists older imports held out of the case because they name ' +
      'someone else, until someone confirms or removes them',
    params: z.object({ caseId: idParam }),
    querystring: z.object({
      removed: z.enum(['true', 'false']).default('false'),
      review: z.enum(['true', 'false']).default('false'),
    }),
    response: { 200: z.object({ documents: z.array(documentOut) }) },
  },
  /** GET /api/v1/documents/:documentId */
  getDocument: {
    tags: ['records'],
    summary: 'One document’s details',
    params: documentParams,
    response: { 200: documentOut },
  },
  /** PATCH /api/v1/documents/:documentId */
  patchDocument: {
    tags: ['records'],
    summary:
      'Change a document’s title, kind, date or provider; `removed: true` takes it out of the case (kept, ' +
      'left out of lists, the packet, search and share links) and `removed: false` puts it back; ' +
      '`patientConfirmed: true` says an older import held because it names someone else ' +
      '(`patientCheck.status` `mismatch`) is the right person’s, which brings it back into the case and is ' +
      'audited. With If-Match (the ETag of a read), a document changed meanwhile is not changed: 412.',
    params: documentParams,
    body: documentPatchSchema,
    response: { 200: documentOut },
  },
  /** GET /api/v1/documents/:documentId/content */
  getContent: {
    tags: ['records'],
    summary: 'The document’s bytes, decrypted as they stream',
    params: documentParams,
    response: {},
  },
};
