import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AuditFacts,
  type ChainedEntry,
  GENESIS_HASH,
  hashEntry,
  verifyChain,
} from '../../src/platform/audit/audit.ts';

function chain(n: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const f: AuditFacts = {
      at: `2026-11-27T10:00:0${seq % 10}Z`,
      actorType: 'user',
      actorId: `u${seq}`,
      action: 'case.view',
      patientId: 'p1',
      objectType: 'case',
      objectId: 'c1',
      ip: '127.0.0.1',
      via: 'web',
    };
    const hash = hashEntry(seq, prev, f);
    out.push({ ...f, seq, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

test('an untouched chain verifies', () => {
  const r = verifyChain(chain(5));
  assert.equal(r.ok, true);
});

test('changing, removing or reordering any entry is detected at that entry', () => {
  const edited = chain(5);
  edited[2] = { ...edited[2]!, actorId: 'someone-else' };
  assert.deepEqual(verifyChain(edited), { ok: false, at: { seq: 3, problem: 'hash' } });

  const removed = chain(5);
  removed.splice(1, 1);
  assert.deepEqual(verifyChain(removed), { ok: false, at: { seq: 3, problem: 'gap' } });

  const swapped = chain(5);
  [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
  assert.equal(verifyChain(swapped).ok, false);

  // Re-hashing an edited entry still breaks the link to the next one.
  const rehashed = chain(5);
  const e = { ...rehashed[1]!, action: 'case.update' };
  e.hash = hashEntry(e.seq, e.prevHash, e);
  rehashed[1] = e;
  assert.deepEqual(verifyChain(rehashed), { ok: false, at: { seq: 3, problem: 'prev_hash' } });
});
