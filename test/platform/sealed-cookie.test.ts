import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, test } from 'node:test';
import { seal, unseal } from '../../src/platform/http/sealed-cookie.ts';
import { deriveKeys } from '../../src/platform/keys.ts';

describe('sealed cookies', () => {
  const key = deriveKeys(crypto.randomBytes(32)).cookieKey;
  const now = new Date('2026-11-28T01:00:00Z');
  const later = new Date(now.getTime() + 600_000);

  test('opens for the same key, purpose and time; hides what it holds', () => {
    const s = seal(key, 'p/1', { url: 'https://x.test/s/secret-token' }, later);
    assert.ok(!Buffer.from(s, 'base64url').toString('latin1').includes('secret-token'));
    assert.deepEqual(unseal(key, 'p/1', s, now), { url: 'https://x.test/s/secret-token' });
  });

  test('refuses another purpose, another key, a late or changed value', () => {
    const s = seal(key, 'p/1', 'v', later);
    assert.equal(unseal(key, 'p/2', s, now), null);
    assert.equal(unseal(deriveKeys(crypto.randomBytes(32)).cookieKey, 'p/1', s, now), null);
    assert.equal(unseal(key, 'p/1', s, later), null);
    const raw = Buffer.from(s, 'base64url');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    assert.equal(unseal(key, 'p/1', raw.toString('base64url'), now), null);
    assert.equal(unseal(key, 'p/1', 'short', now), null);
    assert.equal(unseal(key, 'p/1', undefined, now), null);
  });

  test('the cookie key is its own, not the CSRF or document key', () => {
    const k = deriveKeys(crypto.randomBytes(32));
    assert.notDeepEqual(k.cookieKey, k.csrfKey);
    assert.notDeepEqual(k.cookieKey, k.documentWrapKey);
  });
});
