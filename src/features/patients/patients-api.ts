import { z } from 'zod';
import { idParam } from '../../platform/validation.ts';
import { newPatientSchema } from './patients.ts';

// The patients API's shapes: what each operation takes and answers. Routes stay adapters (ADR 0014).

export const patientOut = z.object({
  id: z.string(),
  displayName: z.string(),
  dateOfBirth: z.string().nullable(),
  zip: z.string().nullable(),
  isSelf: z.boolean(),
  role: z.string(),
  relationship: z.string(),
});
export const auditOut = z.object({
  seq: z.number(),
  at: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  ip: z.string().nullable(),
  via: z.string().nullable(),
  hash: z.string(),
});

/** Each operation's schema: tags, summary, params, body and answers (also the OpenAPI document). */
export const ops = {
  /** GET /api/v1/patients */
  getPatients: {
    tags: ['patients'],
    summary: 'Patients you may act for',
    response: { 200: z.object({ patients: z.array(patientOut) }) },
  },
  /** POST /api/v1/patients */
  postPatients: {
    tags: ['patients'],
    summary: 'Add a profile for someone you help, with how they agreed',
    body: newPatientSchema,
    response: { 201: patientOut },
  },
  /** GET /api/v1/patients/:patientId */
  getPatient: {
    tags: ['patients'],
    summary: 'One patient',
    params: z.object({ patientId: idParam }),
    response: { 200: patientOut },
  },
  /** GET /api/v1/audit */
  getAudit: {
    tags: ['audit'],
    summary: 'Who has seen or changed a patient’s information, newest first',
    querystring: z.object({
      patientId: idParam,
      before: z.coerce.number().int().positive().optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
    }),
    response: { 200: z.object({ entries: z.array(auditOut), nextBefore: z.number().nullable() }) },
  },
};
