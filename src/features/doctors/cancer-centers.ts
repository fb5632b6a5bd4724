import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CancerCenter } from './doctors.ts';

// The NCI list shipped in data/reference (see data/reference/SOURCES.md), read once.

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/reference/cancer-centers/treating_institutions.json');

interface RawFile {
  source_url: string;
  retrieved_on: string;
  institutions: {
    id: string;
    name: string;
    city: string;
    state: string;
    designation: string;
    pediatric_only: boolean;
    source_url: string;
    state_code: string;
  }[];
}

export interface CancerCenterList {
  sourceUrl: string;
  retrievedOn: string;
  centers: CancerCenter[];
}

let cached: CancerCenterList | undefined;

export function loadCancerCenters(): CancerCenterList {
  if (cached) return cached;
  const raw = JSON.parse(fs.readFileSync(FILE, 'utf8')) as RawFile;
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
