import { z } from 'zod';
import type { DirectoryProvidersTable } from '../../platform/db/schema.ts';
import { cancerCenterFor } from './directory.ts';
import type { CancerCenter } from './doctors.ts';

// The directory search's JSON shapes (OpenAPI) and how a provider row is presented. Pure.

export const providerOut = z.object({
  npi: z.string(),
  name: z.string(),
  credential: z.string().nullable(),
  organization: z.string().nullable().describe('Set for organizations (NPPES entity type 2)'),
  kind: z.enum(['person', 'organization']),
  taxonomyCode: z.string(),
  specialty: z
    .string()
    .nullable()
    .describe('The NUCC name of the primary taxonomy code, when the NUCC file was imported'),
  address: z.string(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string(),
  phone: z.string().nullable(),
  distanceMiles: z.number().describe('From the center of the searched ZIP code to the center of the practice ZIP code'),
  cancerCenter: z
    .object({ name: z.string(), designation: z.enum(['Comprehensive', 'Clinical']), url: z.string() })
    .nullable()
    .describe('Set when this organization is an NCI-designated cancer center (same name, city and state)'),
});
export type ProviderOut = z.infer<typeof providerOut>;

export const directoryOut = z.object({
  directoryLoaded: z.boolean().describe('False until the operator runs `second-opinion import nppes`'),
  near: z.string(),
  radiusMiles: z.number(),
  taxonomyCodes: z.array(z.string()).describe('The taxonomy codes the specialty words matched'),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  results: z.array(providerOut),
});
export type DirectoryOut = z.infer<typeof directoryOut>;

/** One directory row, with its distance, its specialty's name and whether it is a cancer center. */
export function presentProvider(
  r: Omit<DirectoryProvidersTable, 'latitude' | 'longitude'> & { distanceMiles: number },
  specialty: string | null,
  centers: CancerCenter[],
): ProviderOut {
  const kind = r.entity_type === '2' ? ('organization' as const) : ('person' as const);
  const center = cancerCenterFor({ kind, organization: r.organization, city: r.city, state: r.state }, centers);
  return {
    npi: r.npi,
    name: r.name,
    credential: r.credential,
    organization: r.organization,
    kind,
    taxonomyCode: r.taxonomy_code,
    specialty,
    address: [r.address_line1, r.address_line2].filter(Boolean).join(', '),
    city: r.city,
    state: r.state,
    postalCode: r.postal_code,
    phone: r.phone,
    distanceMiles: r.distanceMiles,
    cancerCenter: center ? { name: center.name, designation: center.designation, url: center.url } : null,
  };
}
