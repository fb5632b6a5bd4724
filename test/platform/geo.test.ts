import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { boundingBox, milesBetween, zipPoint, zipState } from '../../src/platform/geo.ts';

// The one geo module (issue 17, item 4): the directory and the trial search both measure
// with it, so these are the numbers both features show.

const point = fc.record({
  lat: fc.double({ min: -80, max: 80, noNaN: true }),
  lon: fc.double({ min: -179, max: 179, noNaN: true }),
});

test('distances: known city pairs, zero to itself, the same both ways', () => {
  const nyc = { lat: 40.7128, lon: -74.006 };
  const la = { lat: 34.0522, lon: -118.2437 };
  assert.equal(Math.round(milesBetween(nyc, la)), 2446);
  assert.equal(milesBetween(nyc, nyc), 0);
  fc.assert(
    fc.property(point, point, (a, b) => {
      const d = milesBetween(a, b);
      assert.ok(d >= 0 && d <= Math.PI * 3958.8 + 1e-6);
      assert.ok(Math.abs(d - milesBetween(b, a)) < 1e-9);
    }),
  );
});

test('ZIP codes: the center and state of a known ZIP, the same for ZIP+4 and spaces, null for unknown ones', () => {
  const chicago = zipPoint('60614');
  assert.ok(chicago);
  assert.ok(Math.abs(chicago.lat - 41.92) < 0.05 && Math.abs(chicago.lon + 87.65) < 0.05);
  assert.deepEqual(zipPoint(' 60614-1234 '), chicago);
  assert.equal(zipState('60614'), 'IL');
  assert.equal(zipState('60614-1234'), 'IL');
  for (const unknown of ['00000', '', null, undefined, 'abcde']) {
    assert.equal(zipPoint(unknown), null, String(unknown));
    assert.equal(zipState(unknown), null, String(unknown));
  }
  // The data holds Canadian areas with no point: no point, never NaN.
  assert.equal(zipPoint('V0N'), null);
});

test('a place due east just inside the radius is inside the box (the old 69.17-miles box dropped it)', () => {
  const kearney = { lat: 40.7136, lon: -99.0779 };
  // Walk east along the same latitude until the place is 49.99 miles away.
  let lo = 0;
  let hi = 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (milesBetween(kearney, { lat: kearney.lat, lon: kearney.lon + mid }) < 49.99) lo = mid;
    else hi = mid;
  }
  const east = { lat: kearney.lat, lon: kearney.lon + lo };
  assert.ok(east.lon > kearney.lon + 50 / (69.17 * Math.cos((kearney.lat * Math.PI) / 180)), 'outside the old box');
  assert.ok(east.lon <= boundingBox(kearney, 50).maxLon);
});

test('the search box holds every place within the radius', () => {
  fc.assert(
    fc.property(point, point, fc.constantFrom(10, 25, 50, 100, 250), (center, other, miles) => {
      if (milesBetween(center, other) > miles) return;
      const box = boundingBox(center, miles);
      assert.ok(other.lat >= box.minLat && other.lat <= box.maxLat, 'latitude inside');
      assert.ok(other.lon >= box.minLon && other.lon <= box.maxLon, 'longitude inside');
    }),
  );
  // Points near the center are what matter in practice: try them directly too.
  const step = fc.double({ min: -1, max: 1, noNaN: true });
  fc.assert(
    fc.property(point, step, step, (c, dy, dx) => {
      const other = { lat: c.lat + dy, lon: c.lon + dx };
      const miles = Math.max(1, Math.ceil(milesBetween(c, other)));
      const box = boundingBox(c, miles);
      assert.ok(other.lat >= box.minLat && other.lat <= box.maxLat);
      assert.ok(other.lon >= box.minLon && other.lon <= box.maxLon);
    }),
  );
});
