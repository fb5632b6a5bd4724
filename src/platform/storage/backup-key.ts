import crypto from 'node:crypto';

/**
 * The instance key inside a backup, locked with a passphrase only its owner knows
 * (ADR 0011): scrypt (N = 2^17, r = 8, p = 1: about 128 MiB and a fraction of a second,
 * so each guess costs an attacker the same) derives an AES-256-GCM key; the installation id
 * is authenticated with it, so a key file cannot be passed off as another installation's.
 */

const SCRYPT = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
export const MIN_PASSPHRASE = 12;

export interface SealedKey {
  format: 'second-opinion-key';
  version: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  data: string;
}

export class WrongPassphraseError extends Error {
  override name = 'WrongPassphraseError';
}

function scrypt(passphrase: string, salt: Buffer, o: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    crypto.scrypt(
      passphrase.normalize('NFC'),
      salt,
      32,
      { N: o.N, r: o.r, p: o.p, maxmem: SCRYPT.maxmem },
      (err, key) => (err ? reject(err) : resolve(key)),
    ),
  );
}

const aad = (installationId: string) => Buffer.from(`second-opinion/backup-key/v1:${installationId}`);

export async function sealInstanceKey(
  instanceKey: Buffer,
  passphrase: string,
  installationId: string,
): Promise<SealedKey> {
  const salt = crypto.randomBytes(16);
  const iv = crypto.randomBytes(12);
  const k = await scrypt(passphrase, salt, SCRYPT);
  const c = crypto.createCipheriv('aes-256-gcm', k, iv);
  c.setAAD(aad(installationId));
  const data = Buffer.concat([c.update(instanceKey), c.final()]);
  return {
    format: 'second-opinion-key',
    version: 1,
    kdf: 'scrypt',
    N: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: c.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

export async function openInstanceKey(sealed: SealedKey, passphrase: string, installationId: string): Promise<Buffer> {
  // Bounds on what a file may ask for, so a crafted backup cannot make us spend gigabytes.
  if (sealed.kdf !== 'scrypt' || sealed.N > 2 ** 18 || sealed.r > 8 || sealed.p > 4)
    throw new Error('the key in this backup uses settings this version does not accept');
  const k = await scrypt(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
  const d = crypto.createDecipheriv('aes-256-gcm', k, Buffer.from(sealed.iv, 'base64'));
  d.setAAD(aad(installationId));
  d.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  try {
    return Buffer.concat([d.update(Buffer.from(sealed.data, 'base64')), d.final()]);
  } catch {
    throw new WrongPassphraseError('the passphrase does not open the key');
  }
}
