import type { FastifyRequest } from 'fastify';
import { appendAudit } from '../../platform/audit/audit-store.ts';
import type { Queryable, Tx } from '../../platform/db/database.ts';
import { type Deps, transact } from '../../platform/deps.ts';
import type { OpinionRecord, QuestionRef } from '../opinions/opinions.ts';
import type { PacketProviders } from './packet-kit.ts';
import { type AccessAction, cleanUserAgent } from './shares.ts';
import { logAccess } from './shares-store.ts';

// What the sharing routes get from the composition root (src/features/index.ts), so this
// feature never imports another feature's store or routes.

/** The opinion as the opinions store keeps it, minus what the store sets itself. */
export type StoredOpinionInput = Omit<OpinionRecord, 'id' | 'caseId' | 'seq' | 'status' | 'source' | 'createdAt' | 'updatedAt'>;

/** The opinions feature's store, as far as a doctor's link may use it. */
export interface OpinionPort {
  find(db: Queryable, caseId: string, opinionId: string): Promise<OpinionRecord | null>;
  /** Adds the doctor's opinion as pending, source 'doctor', with the link's id. */
  insertPending(db: Queryable, now: string, ids: { caseId: string; patientId: string; shareId: string }, o: StoredOpinionInput): Promise<string>;
  update(db: Queryable, opinionId: string, now: string, o: StoredOpinionInput): Promise<void>;
  /** Problems with ICD-10-CM codes (by diagnosis index), in words for the form. */
  codeProblems(diagnoses: unknown[]): Promise<Map<number, string>>;
  describeCode(code: string): Promise<string | null>;
}

export interface SharingOptions {
  /** The records packet's providers: documents, and the data for the cover summary. */
  packet: PacketProviders;
  opinions: OpinionPort;
  questions: (db: Queryable, caseId: string) => Promise<QuestionRef[]>;
}

/**
 * A doctor's act on a link: one transaction that writes the link's access log and the
 * patient's audit chain (actor 'share', the link's id) together with whatever fn does.
 */
export function shareTransact<T>(
  deps: Deps,
  req: FastifyRequest,
  share: { id: string; patientId: string },
  fn: (trx: Tx, record: (action: AccessAction, audit: { action: string; objectType: string; objectId: string | null }) => Promise<void>) => Promise<T>,
): Promise<T> {
  return transact(deps, req, ({ trx }) =>
    fn(trx, async (action, a) => {
      const at = deps.clock.now().toISOString();
      const auditSeq = await appendAudit(trx, {
        at,
        actorType: 'share',
        actorId: share.id,
        action: a.action,
        patientId: share.patientId,
        objectType: a.objectType,
        objectId: a.objectId,
        ip: req.ip,
        via: 'link',
      });
      await logAccess(trx, { shareId: share.id, at, auditSeq, action, objectId: a.objectType === 'share' ? null : a.objectId, ip: req.ip, userAgent: cleanUserAgent(req.headers['user-agent']) });
    }),
  );
}
