import type { Queryable } from '../../platform/db/database.ts';
import type { OpinionRecord, QuestionRef, StoredOpinion } from '../opinions/opinions.ts';
import type { PacketProviders } from './packet-kit.ts';

// What the sharing routes get from the composition root (src/features/index.ts), so this
// feature never imports another feature's store or routes. Every function here runs inside
// the request's one transaction (db), so none may wait on a connection of its own.

/** The opinion as the opinions store keeps it, minus what the store sets itself. */
export type StoredOpinionInput = StoredOpinion;

/** The opinions feature's store, as far as a doctor's link may use it. */
export interface OpinionPort {
  find(db: Queryable, caseId: string, opinionId: string): Promise<OpinionRecord | null>;
  /** Adds the doctor's opinion as pending, source 'doctor', with the link's id. */
  insertPending(
    db: Queryable,
    now: string,
    ids: { caseId: string; patientId: string; shareId: string },
    o: StoredOpinionInput,
  ): Promise<string>;
  /**
   * Saves the doctor's changes if the opinion is still pending and still at `version` (ADR
   * 0016); false otherwise, and then nothing is written.
   */
  update(db: Queryable, opinionId: string, now: string, o: StoredOpinionInput, version: number): Promise<boolean>;
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
