import { bundleResources, fhirPatients, fhirToItems, type ImportedItem, resourceToItem } from './imports.ts';
import type { FilePatient } from './patient-match.ts';

// Reading a portal file's text into items, the way the import's worker thread does it
// (imports-thread.ts). A FHIR bundle is read entry by entry: JSON.parse of a whole 35 MB
// bundle builds every resource at once (close to a gigabyte); here only the text, one entry
// at a time, the Medication resources others point to, and the items are held. Pure.

// biome-ignore lint/suspicious/noExplicitAny: a portal file is untrusted JSON of any shape; every read is checked where it is used
type Json = Record<string, any>;

export type FhirRead =
  | { ok: true; items: ImportedItem[]; skipped: number; patients: FilePatient[]; entries: number }
  | { ok: false; reason: 'json_malformed' | 'json_not_fhir' };

class Malformed extends Error {}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function skipWs(s: string, i: number): number {
  while (i < s.length && WS.has(s.charCodeAt(i))) i++;
  return i;
}

/** s[i] is '"'; returns the index after the closing quote. */
function skipString(s: string, i: number): number {
  let j = i + 1;
  for (;;) {
    j = s.indexOf('"', j);
    if (j < 0) throw new Malformed();
    // An odd number of backslashes before it escapes the quote.
    let k = j - 1;
    while (s.charCodeAt(k) === 0x5c) k--;
    if ((j - 1 - k) % 2 === 0) return j + 1;
    j++;
  }
}

/** Returns the index after the JSON value starting at i (its inside is checked later by JSON.parse). */
function skipValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x22) return skipString(s, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    while (i < s.length) {
      const d = s.charCodeAt(i);
      if (d === 0x22) {
        i = skipString(s, i);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new Malformed();
  }
  let j = i;
  while (j < s.length && !WS.has(s.charCodeAt(j)) && !',}]'.includes(s[j]!)) j++;
  if (j === i) throw new Malformed();
  return j;
}

const parse = (s: string, start: number, end: number): unknown => {
  try {
    return JSON.parse(s.slice(start, end));
  } catch {
    throw new Malformed();
  }
};

/**
 * The top-level members of a JSON object, parsed, except "entry" when it is an array: for
 * that one only where each element starts and ends. Throws Malformed on broken JSON.
 */
function scanTopLevel(s: string): { members: Json; entrySpans: [number, number][] | null } {
  let i = skipWs(s, 0);
  if (s[i] !== '{') throw new Malformed();
  const members: Json = {};
  let entrySpans: [number, number][] | null = null;
  i = skipWs(s, i + 1);
  if (s[i] === '}') i++;
  else {
    for (;;) {
      if (s[i] !== '"') throw new Malformed();
      const keyEnd = skipString(s, i);
      const key = parse(s, i, keyEnd) as string;
      i = skipWs(s, keyEnd);
      if (s[i] !== ':') throw new Malformed();
      i = skipWs(s, i + 1);
      if (key === 'entry' && s[i] === '[') {
        const spans: [number, number][] = [];
        i = skipWs(s, i + 1);
        if (s[i] === ']') i++;
        else {
          for (;;) {
            const end = skipValue(s, i);
            spans.push([i, end]);
            i = skipWs(s, end);
            if (s[i] === ',') i = skipWs(s, i + 1);
            else if (s[i] === ']') {
              i++;
              break;
            } else throw new Malformed();
          }
        }
        // As JSON.parse would: a later "entry" replaces an earlier one.
        entrySpans = spans;
        delete members.entry;
      } else {
        const end = skipValue(s, i);
        members[key] = parse(s, i, end);
        if (key === 'entry') entrySpans = null;
        i = end;
      }
      i = skipWs(s, i);
      if (s[i] === ',') i = skipWs(s, i + 1);
      else if (s[i] === '}') {
        i++;
        break;
      } else throw new Malformed();
    }
  }
  if (skipWs(s, i) !== s.length) throw new Malformed();
  return { members, entrySpans };
}

const MEDICATION_USERS = new Set([
  'MedicationRequest',
  'MedicationStatement',
  'MedicationDispense',
  'MedicationAdministration',
]);

/**
 * The items of a FHIR bundle, read entry by entry; the same items, in the same order, as
 * `fhirToItems(bundleResources(JSON.parse(text)))`. Anything that is not a bundle (one
 * resource, an array) is read whole, as before: it is small or refused.
 */
export function readFhirText(text: string, onProgress?: (done: number, total: number) => void): FhirRead {
  let top: ReturnType<typeof scanTopLevel> | null = null;
  try {
    top = scanTopLevel(text);
  } catch (e) {
    if (!(e instanceof Malformed)) throw e;
    // Not an object at the top, or damaged: the whole-file reading gives the same answer as before.
    top = null;
  }
  if (top?.members.resourceType !== 'Bundle' || !top.entrySpans) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'json_malformed' };
    }
    const bundle = bundleResources(parsed);
    if (!bundle.ok) return { ok: false, reason: 'json_not_fhir' };
    const r = fhirToItems(bundle.resources);
    return {
      ok: true,
      items: r.items,
      skipped: r.skipped,
      patients: fhirPatients(bundle.resources),
      entries: bundle.resources.length,
    };
  }

  // Medications named by reference are kept (they are few); a medication order that names
  // one is mapped at the end, when every Medication has been seen, and put back in its place.
  const medications = new Map<string, Json>();
  const patients: Json[] = [];
  const slots: (ImportedItem | Json | null)[] = [];
  const pending: number[] = [];
  let skipped = 0;
  const spans = top.entrySpans;
  const every = Math.max(1, Math.floor(spans.length / 20));
  try {
    spans.forEach(([start, end], n) => {
      const entry = parse(text, start, end) as Json | null;
      const r = entry && typeof entry === 'object' ? entry.resource : undefined;
      if (!r || typeof r !== 'object') return;
      if (r.resourceType === 'Medication' && r.id) {
        medications.set(`Medication/${r.id}`, r);
        medications.set(`urn:uuid:${r.id}`, r);
      }
      if (r.resourceType === 'Patient') patients.push(r);
      if (MEDICATION_USERS.has(r.resourceType) && r.medicationReference) {
        pending.push(slots.length);
        slots.push(r);
      } else {
        slots.push(itemOrSkip(r, () => undefined));
      }
      if (onProgress && n % every === 0) onProgress(n, spans.length);
    });
  } catch (e) {
    if (e instanceof Malformed) return { ok: false, reason: 'json_malformed' };
    throw e;
  }
  const resolve = (ref: string) =>
    medications.get(ref) ?? (ref.startsWith('#') ? undefined : medications.get(ref.split('/').slice(-2).join('/')));
  for (const i of pending) slots[i] = itemOrSkip(slots[i] as Json, resolve);
  const items: ImportedItem[] = [];
  for (const s of slots) {
    if (s === SKIPPED) skipped++;
    else if (s) items.push(s as ImportedItem);
  }
  onProgress?.(spans.length, spans.length);
  return { ok: true, items, skipped, patients: fhirPatients(patients), entries: spans.length };
}

const SKIPPED = Object.freeze({ skipped: true }) as unknown as ImportedItem;
const COUNTED_WHEN_UNREAD = new Set([
  ...MEDICATION_USERS,
  'Condition',
  'AllergyIntolerance',
  'Procedure',
  'Encounter',
  'Immunization',
  'ImagingStudy',
]);

/** One resource's item; SKIPPED for a clinical resource that could not be read (as fhirToItems counts them). */
function itemOrSkip(r: Json, resolve: (ref: string) => Json | undefined): ImportedItem | null {
  const item = resourceToItem(r, resolve);
  if (item) return item;
  return COUNTED_WHEN_UNREAD.has(r.resourceType) ? SKIPPED : null;
}
