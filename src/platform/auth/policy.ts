import type { MembershipRole } from '../db/schema.ts';

/**
 * Who may do what for a patient. Pure: it takes facts already loaded and answers yes or
 * no. Every route that touches patient data asks it, and a "no" always becomes a 404 so a
 * stranger cannot even learn that a record exists.
 */

export interface MembershipFacts {
  role: MembershipRole;
  removed: boolean;
  /** Whether this person created the patient's profile. */
  createdProfile: boolean;
}

export interface PatientFacts {
  /** True when the patient has their own account and owns their profile. */
  hasOwner: boolean;
}

export type PatientAction =
  | 'view' // read anything in the patient's file
  | 'edit' // add or change cases, notes, documents
  | 'viewAudit' // see who has seen the information
  | 'manageMembers' // add or remove helpers and advocates
  | 'editProfile'; // change the patient's name, birth date, ZIP

function isLive(m: MembershipFacts | null | undefined): m is MembershipFacts {
  return !!m && !m.removed;
}

/**
 * Decisions:
 * - Anyone with a live membership (owner, helper, advocate) may view and edit: they act
 *   for the patient with recorded consent.
 * - Members are managed by the owner; when the patient has no account of their own, by
 *   the person who created the profile (they recorded the consent).
 */
export function can(action: PatientAction, m: MembershipFacts | null | undefined, p: PatientFacts): boolean {
  if (!isLive(m)) return false;
  switch (action) {
    case 'view':
    case 'edit':
    case 'viewAudit':
      return true;
    case 'manageMembers':
    case 'editProfile':
      return m.role === 'owner' || (!p.hasOwner && m.createdProfile);
  }
}
