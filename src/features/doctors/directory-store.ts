import { sql } from 'kysely';
import type { Queryable } from '../../platform/db/database.ts';
import { boundingBox, type GeoPoint } from '../../platform/geo.ts';
import { isTaxonomyCode } from './directory.ts';

export async function directoryLoaded(db: Queryable): Promise<boolean> {
  return (await db.selectFrom('directory_providers').select('npi').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * The taxonomy codes a search means: a code as typed, or every NUCC entry whose names
 * hold all the typed words (needs the operator's NUCC import).
 */
export async function taxonomyCodesFor(db: Queryable, specialty: string): Promise<string[]> {
  if (isTaxonomyCode(specialty)) return [specialty.toUpperCase()];
  const words = specialty.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 6);
  let q = db.selectFrom('directory_taxonomies').select('code');
  for (const w of words) {
    const like = `%${w.replace(/[%_\\]/g, '')}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['classification']), 'like', like),
        eb(eb.fn('lower', ['specialization']), 'like', like),
        eb(eb.fn('lower', ['display_name']), 'like', like),
      ]),
    );
  }
  return (await q.limit(200).execute()).map((r) => r.code);
}

export async function taxonomyNames(db: Queryable, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('directory_taxonomies')
    .select(['code', 'classification', 'specialization', 'display_name'])
    .where('code', 'in', codes)
    .execute();
  return new Map(
    rows.map((r) => [
      r.code,
      r.display_name ?? (r.specialization ? `${r.classification}: ${r.specialization}` : r.classification),
    ]),
  );
}

/** Providers with one of the codes inside the box; the caller measures exact distance. */
export async function providersInBox(db: Queryable, codes: string[], center: GeoPoint, miles: number) {
  if (codes.length === 0) return [];
  // Distances are shown and compared rounded to a tenth of a mile, so 50.04 counts as 50:
  // the box reaches that far too.
  const box = boundingBox(center, miles + 0.05);
  return (
    db
      .selectFrom('directory_providers')
      .selectAll()
      .where('taxonomy_code', 'in', codes)
      .where('latitude', '>=', box.minLat)
      .where('latitude', '<=', box.maxLat)
      .where('longitude', '>=', box.minLon)
      .where('longitude', '<=', box.maxLon)
      // A dense city can hold thousands; the cap keeps one search from reading the table.
      // Nearest-first by a rough (portable) measure, so the cap drops the farthest, not random rows.
      .orderBy(sql`abs(latitude - ${center.lat}) + abs(longitude - ${center.lon})`)
      .limit(5000)
      .execute()
  );
}

/** Whether an NPI is in the imported directory (a doctor saved from the search keeps it only then). */
export async function isListedNpi(db: Queryable, npi: string): Promise<boolean> {
  const row = await db.selectFrom('directory_providers').select('npi').where('npi', '=', npi).executeTakeFirst();
  return row !== undefined;
}
