import { z } from 'zod';
import { idParam } from '../../platform/validation.ts';
import { signUpSchema, tokenRequestSchema } from './accounts.ts';

// The accounts API's schemas: what goes in and what comes out (they also write the
// OpenAPI document). The routes stay thin adapters.

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
});

export const tokenOut = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const createAccountSchema = {
  tags: ['accounts'],
  summary: 'Create an account (with the holder’s own patient profile)',
  security: [],
  body: signUpSchema,
  response: {
    201: z.object({ id: z.string(), email: z.string(), displayName: z.string(), patientId: z.string() }),
    400: errorBody,
    409: errorBody,
  },
};

export const createTokenSchema = {
  tags: ['accounts'],
  summary: 'Exchange an email and password for a bearer token',
  security: [],
  body: tokenRequestSchema,
  response: {
    201: z.object({ id: z.string(), token: z.string(), name: z.string(), createdAt: z.string() }),
    400: errorBody,
    401: errorBody,
    429: errorBody,
  },
};

export const listTokensSchema = {
  tags: ['accounts'],
  summary: 'List your API tokens',
  response: { 200: z.object({ tokens: z.array(tokenOut) }) },
};

export const revokeTokenSchema = {
  tags: ['accounts'],
  summary: 'Revoke one of your API tokens',
  params: z.object({ tokenId: idParam }),
  response: { 204: z.null().describe('Revoked') },
};

export const accountOut = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  timeZone: z.string().nullable().describe('IANA time zone for the person’s "today"; null means the server’s'),
  today: z.string().describe('Today (YYYY-MM-DD) on the person’s wall clock'),
});

export const getAccountSchema = {
  tags: ['accounts'],
  summary: 'Your account: name, email, time zone and today’s date for you',
  response: { 200: accountOut },
};

export const patchAccountSchema = {
  tags: ['accounts'],
  summary: 'Change your time zone (null: the server’s)',
  body: z.object({ timeZone: z.string().max(64).nullable() }),
  response: { 200: accountOut, 400: errorBody },
};
