import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The instance key protects everything secret this installation holds: it wraps each
 * document's own key and signs CSRF tokens. On a single machine it is made on first start
 * and kept in DATA_DIR/keys with mode 0600; several app processes share one through the
 * INSTANCE_KEY setting.
 *
 * The database keeps the key's fingerprint (ADR 0009), so a missing or wrong key is found
 * at start instead of by every document answering an error. Reading a key here never
 * writes; a new key file is made only once the start-up checks allow it (storage/startup.ts).
 */
export interface Keys {
  /** Wraps per-document keys (AES-256-GCM). */
  documentWrapKey: Buffer;
  /** Signs CSRF tokens (HMAC-SHA256). */
  csrfKey: Buffer;
  /** Seals short-lived cookies that carry a secret to one page (AES-256-GCM). */
  cookieKey: Buffer;
}

export const keyFilePath = (dataDir: string) => path.join(dataDir, 'keys', 'instance.key');

export interface InstanceKeyFound {
  /** null when there is no key file and INSTANCE_KEY is not set. */
  key: Buffer | null;
  /** Where the key comes from (or would), for messages: "the INSTANCE_KEY setting" or the file. */
  from: string;
}

/** The instance key from INSTANCE_KEY or DATA_DIR/keys/instance.key, without creating anything. */
export function readInstanceKey(dataDir: string, fromEnv?: string): InstanceKeyFound {
  if (fromEnv) return { key: decodeKey(fromEnv, 'INSTANCE_KEY'), from: 'the INSTANCE_KEY setting' };
  const file = keyFilePath(dataDir);
  try {
    return { key: decodeKey(fs.readFileSync(file, 'utf8').trim(), file), from: file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { key: null, from: file };
    throw err;
  }
}

function decodeKey(base64: string, where: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error(`${where} is damaged: it must hold 32 bytes in base64`);
  return key;
}

/**
 * Writes a new key file (mode 0600). If another process wrote one first, theirs is
 * returned instead: the caller must use whatever this returns.
 */
export function writeInstanceKeyFile(dataDir: string, key: Buffer): Buffer {
  const file = keyFilePath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails if another process created the file first; then we read theirs.
    const fd = fs.openSync(file, 'wx', 0o600);
    try {
      fs.writeSync(fd, `${key.toString('base64')}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return readInstanceKey(dataDir).key!;
    throw err;
  }
}

export function newInstanceKey(): Buffer {
  return crypto.randomBytes(32);
}

const derive = (instanceKey: Buffer, info: string) =>
  Buffer.from(crypto.hkdfSync('sha256', instanceKey, Buffer.alloc(0), info, 32));

/** Separate keys for separate jobs, so one use can never be turned against another. */
export function deriveKeys(instanceKey: Buffer): Keys {
  return {
    documentWrapKey: derive(instanceKey, 'second-opinion/documents/v1'),
    csrfKey: derive(instanceKey, 'second-opinion/csrf/v1'),
    cookieKey: derive(instanceKey, 'second-opinion/sealed-cookies/v1'),
  };
}

/**
 * What the database keeps to recognise the key: HMAC-SHA256 of a fixed text under a key
 * derived for this purpose only. It says nothing about the key itself and cannot be used
 * for anything else (ADR 0009).
 */
export function keyFingerprint(instanceKey: Buffer): string {
  return crypto
    .createHmac('sha256', derive(instanceKey, 'second-opinion/key-check/v1'))
    .update('second-opinion instance key check v1')
    .digest('hex');
}

export function sameFingerprint(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === 32 && y.length === 32 && crypto.timingSafeEqual(x, y);
}
