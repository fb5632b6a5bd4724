import crypto from 'node:crypto';

/**
 * A value sealed for one purpose and a short time, to carry a secret across one redirect
 * without the database ever holding it (a share link is shown once; only its hash is kept).
 * AES-256-GCM: the browser can neither read nor change it, and the purpose is bound in as
 * additional data so a value sealed for one page is refused by another.
 */
export function seal(key: Buffer, purpose: string, value: unknown, expiresAt: Date): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(purpose, 'utf8'));
  const body = Buffer.concat([c.update(JSON.stringify({ v: value, exp: expiresAt.getTime() }), 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64url');
}

/** The sealed value, or null when it is damaged, sealed for another purpose, or out of date. */
export function unseal(key: Buffer, purpose: string, sealed: string | undefined, now: Date): unknown {
  if (!sealed) return null;
  try {
    const raw = Buffer.from(sealed, 'base64url');
    if (raw.length < 29) return null;
    const d = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    d.setAAD(Buffer.from(purpose, 'utf8'));
    d.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    const out = JSON.parse(text) as { v: unknown; exp: number };
    return typeof out.exp === 'number' && out.exp > now.getTime() ? out.v : null;
  } catch {
    return null;
  }
}
