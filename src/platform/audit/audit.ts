import crypto from 'node:crypto';

/** What an audit entry says happened. Ids only: never names, diagnoses or other PHI. */
export interface AuditFacts {
  at: string;
  actorType: 'user' | 'share' | 'system' | 'anonymous';
  actorId: string | null;
  action: string;
  patientId: string | null;
  objectType: string | null;
  objectId: string | null;
  ip: string | null;
  via: string | null;
}

export interface ChainedEntry extends AuditFacts {
  seq: number;
  prevHash: string;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of an entry covers its place in the chain and every fact in it, so changing,
 * removing or re-ordering any past entry breaks every hash after it.
 */
export function hashEntry(seq: number, prevHash: string, f: AuditFacts): string {
  const canonical = JSON.stringify([
    seq,
    prevHash,
    f.at,
    f.actorType,
    f.actorId,
    f.action,
    f.patientId,
    f.objectType,
    f.objectId,
    f.ip,
    f.via,
  ]);
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

export type ChainProblem = { seq: number; problem: 'gap' | 'prev_hash' | 'hash' };

/**
 * Checks a run of entries in order. `start` is what the entry before the first one
 * should look like (the genesis values for a full check).
 */
export function verifyChain(
  entries: Iterable<ChainedEntry>,
  start: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): { ok: true; last: { seq: number; hash: string } } | { ok: false; at: ChainProblem } {
  let prev = start;
  for (const e of entries) {
    if (e.seq !== prev.seq + 1) return { ok: false, at: { seq: e.seq, problem: 'gap' } };
    if (e.prevHash !== prev.hash) return { ok: false, at: { seq: e.seq, problem: 'prev_hash' } };
    if (hashEntry(e.seq, e.prevHash, e) !== e.hash) return { ok: false, at: { seq: e.seq, problem: 'hash' } };
    prev = { seq: e.seq, hash: e.hash };
  }
  return { ok: true, last: prev };
}
