import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CancerCenter } from './doctors.ts';

// The NCI list shipped in data/reference (see data/reference/SOURCES.md), read once.

const FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/reference/cancer-centers/treating_institutions.json',
);

// The file's shape, checked when it is read: a damaged or hand-edited file fails loudly with
// the field named, instead of showing blank centers to a frightened patient.
const rawFile = z.object({
  source_url: z.string(),
  retrieved_on: z.string(),
  institutions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      city: z.string(),
      state: z.string(),
      designation: z.string(),
      pediatric_only: z.boolean(),
      source_url: z.string(),
      state_code: z.string(),
    }),
  ),
});

export interface CancerCenterList {
  sourceUrl: string;
  retrievedOn: string;
  centers: CancerCenter[];
}

let cached: CancerCenterList | undefined;

export function loadCancerCenters(): CancerCenterList {
  if (cached) return cached;
  const raw = rawFile.parse(JSON.parse(fs.readFileSync(FILE, 'utf8')));
  cached = {
    sourceUrl: raw.source_url,
    retrievedOn: raw.retrieved_on,
    centers: raw.institutions.map((i) => ({
      id: i.id,
      name: i.name,
      city: i.city,
      state: i.state,
      stateCode: i.state_code,
      designation: i.designation === 'Clinical' ? 'Clinical' : 'Comprehensive',
      pediatricOnly: i.pediatric_only,
      url: i.source_url,
    })),
  };
  return cached;
}
