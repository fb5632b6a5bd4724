import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The instance key protects everything secret this installation holds: it wraps each
 * document's own key and signs CSRF tokens. On a single machine it is made on first start
 * and kept in DATA_DIR/keys with mode 0600; several app processes share one through the
 * INSTANCE_KEY setting.
 */
export interface Keys {
  /** Wraps per-document keys (AES-256-GCM). */
  documentWrapKey: Buffer;
  /** Signs CSRF tokens (HMAC-SHA256). */
  csrfKey: Buffer;
  /** Seals short-lived cookies that carry a secret to one page (AES-256-GCM). */
  cookieKey: Buffer;
}

export function loadOrCreateInstanceKey(dataDir: string, fromEnv?: string): Buffer {
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('INSTANCE_KEY must decode to exactly 32 bytes');
    return key;
  }
  const dir = path.join(dataDir, 'keys');
  const file = path.join(dir, 'instance.key');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} is damaged: it must hold 32 bytes in base64`);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const key = crypto.randomBytes(32);
  // 'wx' fails if another process created the file first; then we read theirs.
  try {
    fs.writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateInstanceKey(dataDir);
    throw err;
  }
  return key;
}

/** Separate keys for separate jobs, so one use can never be turned against another. */
export function deriveKeys(instanceKey: Buffer): Keys {
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', instanceKey, Buffer.alloc(0), info, 32));
  return { documentWrapKey: derive('second-opinion/documents/v1'), csrfKey: derive('second-opinion/csrf/v1'), cookieKey: derive('second-opinion/sealed-cookies/v1') };
}
