import { z } from 'zod';
import { idParam } from '../../platform/validation.ts';
import { casePatchSchema, caseSchema } from './cases.ts';

// The cases API's shapes: what each operation takes and answers. Routes stay adapters (ADR 0014).

export const caseOut = z.object({
  id: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  title: z.string(),
  displayTitle: z.string(),
  diagnosisStatus: z.enum(['diagnosed', 'no_diagnosis']),
  diagnosis: z.string().nullable(),
  symptoms: z.string().nullable(),
  proposedTreatment: z.string().nullable(),
  doctorName: z.string().nullable(),
  doctorSpecialty: z.string().nullable(),
  toldOn: z.string().nullable(),
  urgency: z.string(),
  status: z.enum(['open', 'decided']),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
  version: z
    .number()
    .int()
    .describe(
      'Raised by one on every change; also sent as the ETag. Send it back in If-Match to change only that version.',
    ),
});
export const stepOut = z.object({ n: z.number(), slug: z.string(), status: z.string(), href: z.string() });

/** Each operation's schema: tags, summary, params, body and answers (also the OpenAPI document). */
export const ops = {
  /** GET /api/v1/cases */
  getCases: {
    tags: ['cases'],
    summary: 'Cases of every patient you may act for',
    querystring: z.object({ patientId: idParam.optional(), archived: z.enum(['true', 'false']).default('false') }),
    response: { 200: z.object({ cases: z.array(caseOut) }) },
  },
  /** POST /api/v1/cases */
  postCases: { tags: ['cases'], summary: 'Start a case', body: caseSchema, response: { 201: caseOut } },
  /** GET /api/v1/cases/:caseId */
  getCase: {
    tags: ['cases'],
    summary: 'One case, with the status of each journey step. The ETag header holds its version.',
    params: z.object({ caseId: idParam }),
    response: { 200: caseOut.extend({ steps: z.array(stepOut) }) },
  },
  /** PATCH /api/v1/cases/:caseId */
  patchCase: {
    tags: ['cases'],
    summary:
      'Change a case, or archive it (archived: true); cases are never deleted. With If-Match (the ETag from GET), a case changed meanwhile is not changed: 412.',
    params: z.object({ caseId: idParam }),
    body: casePatchSchema,
    response: { 200: caseOut },
  },
};
