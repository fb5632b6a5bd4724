import {
  expiryFrom,
  hashToken,
  newAccessCode,
  newShareToken,
  type ShareScope,
} from '../../src/features/sharing/shares.ts';
import { insertShare } from '../../src/features/sharing/shares-store.ts';
import type { TestApp } from '../helpers/test-app.ts';

export interface BuiltShare {
  shareId: string;
  token: string;
  /** The access code as made (no dash), or null. */
  code: string | null;
  path: string;
}

/** A share link straight through the store: the token and code are returned, only their hashes stored. */
export async function buildShare(
  t: TestApp,
  user: { userId: string; patientId: string },
  caseId: string,
  opts: { documentIds: string[]; code?: boolean; days?: number; scope?: ShareScope; doctorName?: string },
): Promise<BuiltShare> {
  const token = newShareToken();
  const code = opts.code ? newAccessCode() : null;
  const now = t.deps.clock.now();
  const shareId = await insertShare(t.deps.db, now.toISOString(), {
    caseId,
    patientId: user.patientId,
    tokenHash: hashToken(token),
    doctorName: opts.doctorName ?? 'Dr. Grace Hopper',
    doctorEmail: null,
    doctorPractice: 'Harbor Cancer Center',
    scope: opts.scope ?? 'packet',
    expiresAt: expiryFrom(now, { expiresInDays: opts.days ?? 30 }).toISOString(),
    codeHash: code ? await t.deps.passwords.hash(code) : null,
    documentIds: opts.documentIds,
    createdBy: user.userId,
  });
  return { shareId, token, code, path: `/s/${token}` };
}
