import zipcodes from 'zipcodes';

// Where US ZIP codes are, and how far apart two places are: the one home for both (issue 17,
// item 4), used by the specialist directory and the clinical-trial search. ZIP centers come
// from the `zipcodes` package's bundled data, so there is no I/O here; a ZIP center is only
// roughly where someone lives, so every distance is "about how far", never an exact one.

export interface GeoPoint {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_MILES = 3958.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;
const deg = (radians: number) => (radians * 180) / Math.PI;

/** The five-digit ZIP a person wrote ("60614", " 60614 ", "60614-1234"), for the data's key. */
const fiveDigits = (zip: string) => zip.trim().slice(0, 5);

/** The center of a US ZIP code, or null when the ZIP is unknown or the data has no point for it. */
export function zipPoint(zip: string | null | undefined): GeoPoint | null {
  if (!zip) return null;
  const hit = zipcodes.lookup(fiveDigits(zip));
  if (!hit || typeof hit.latitude !== 'number' || typeof hit.longitude !== 'number') return null;
  return { lat: hit.latitude, lon: hit.longitude };
}

/** The two-letter state of a US ZIP code ("IL"), or null when the ZIP is unknown. */
export function zipState(zip: string | null | undefined): string | null {
  if (!zip) return null;
  return zipcodes.lookup(fiveDigits(zip))?.state ?? null;
}

/** Great-circle distance in miles (haversine). ZIP centers are rough, so more precision would mislead. */
export function milesBetween(a: GeoPoint, b: GeoPoint): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Box {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/**
 * A latitude/longitude box that holds every point within `miles` of the center, so a
 * database can filter with plain comparisons on any SQL before the exact distance is measured.
 * It is exact for the sphere `milesBetween` measures on: a longitude half-width of
 * asin(sin(r) / cos(lat)), because the shortest way to a point east or west bows toward the
 * pole. (A box of miles / 69.17 per degree was a little too narrow and could drop a place
 * just inside the radius.) Near a pole the box spans every longitude.
 */
export function boundingBox(center: GeoPoint, miles: number): Box {
  const r = Math.max(0, miles) / EARTH_RADIUS_MILES;
  const dLat = deg(r);
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  const reach = Math.sin(r) / Math.cos(rad(center.lat));
  if (minLat <= -90 || maxLat >= 90 || reach >= 1) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  const dLon = deg(Math.asin(reach));
  // A circle across the 180th meridian would need two boxes; every longitude is one box
  // that holds it (never happens for US ZIP centres, all west of it, but stays correct).
  if (center.lon - dLon < -180 || center.lon + dLon > 180) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  return { minLat, maxLat, minLon: center.lon - dLon, maxLon: center.lon + dLon };
}
