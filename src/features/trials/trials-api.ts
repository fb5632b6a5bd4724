import { z } from 'zod';
import { PHASE_NAMES, TRIAL_STATUSES, trialQuery } from './trials.ts';

// The trials API's shapes: what each operation takes and answers. Routes stay adapters (ADR 0014).

export const locationOut = z.object({
  facility: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  country: z.string().nullable(),
  distanceMiles: z
    .number()
    .nullable()
    .describe('Miles from the ZIP code in `near`, rounded; null when either place is unknown'),
});
export const trialOut = z.object({
  nctId: z.string().describe('The ClinicalTrials.gov id, e.g. "NCT04114136"'),
  title: z.string(),
  status: z.enum(TRIAL_STATUSES),
  phases: z.array(z.enum(PHASE_NAMES)),
  conditions: z.array(z.string()),
  interventions: z.array(z.string()),
  eligibility: z.object({
    minimumAge: z.string().nullable().describe('As ClinicalTrials.gov writes it, e.g. "18 Years"'),
    maximumAge: z.string().nullable(),
    sex: z.enum(['all', 'female', 'male']).nullable(),
    healthyVolunteers: z.boolean().nullable(),
  }),
  locations: z.array(locationOut).describe('Nearest first when `near` is given'),
  contacts: z.array(
    z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  ),
  sponsor: z.string().nullable(),
  url: z.string().describe('The study page on ClinicalTrials.gov'),
});

/** Each operation's schema: tags, summary, params, body and answers (also the OpenAPI document). */
export const ops = {
  /** GET /api/v1/trials */
  getTrials: {
    tags: ['trials'],
    summary: 'Clinical trials that are taking people, or will soon, for a condition (from ClinicalTrials.gov)',
    description:
      'Asks ClinicalTrials.gov (API v2) for studies that are recruiting or not yet recruiting. Only the condition words and ' +
      'the centre of the ZIP code are sent. Answers 503 with a plain message when ClinicalTrials.gov cannot be reached. ' +
      'A list of studies is not advice: whether to join one is for the person and their doctor.',
    querystring: trialQuery,
    response: {
      200: z.object({
        condition: z.string(),
        total: z.number().int().describe('How many studies matched in all'),
        trials: z.array(trialOut),
      }),
    },
  },
};
