import { z } from 'zod';
import { choice, optionalDate, optionalText, requiredText, zipCode } from '../../platform/validation.ts';

// Profiles for the people a user helps, and how each of them agreed to that help.

export const RELATIONSHIPS = [
  'parent',
  'spouse',
  'child',
  'sibling',
  'other_family',
  'friend',
  'client',
  'other',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number] | 'self';

/**
 * How the patient agreed to be helped. HIPAA lets a patient name family or friends who
 * may be involved in their care, and a personal representative (guardian, health care
 * power of attorney) stands in for them; the product records which applies, it does not
 * judge it.
 */
export const CONSENT_METHODS = [
  'signed_authorization',
  'present_and_agrees',
  'verbal',
  'legal_guardian_poa',
  'other',
] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number] | 'self';

export const HELPER_ROLES = ['helper', 'advocate'] as const;

export const newPatientSchema = z
  .object({
    displayName: requiredText(100, 'patients.errors.nameRequired'),
    relationship: choice(RELATIONSHIPS, 'patients.errors.relationshipRequired'),
    role: choice(HELPER_ROLES, 'patients.errors.roleRequired'),
    dateOfBirth: optionalDate({ notFuture: true }),
    zip: zipCode,
    consentMethod: choice(CONSENT_METHODS, 'patients.errors.consentRequired'),
    consentNote: optionalText(500),
  })
  .refine((v) => v.consentMethod !== 'other' || !!v.consentNote, {
    path: ['consentNote'],
    message: 'patients.errors.consentNoteRequired',
  });
export type NewPatientInput = z.infer<typeof newPatientSchema>;

export const editPatientSchema = z.object({
  displayName: requiredText(100, 'patients.errors.nameRequired'),
  dateOfBirth: optionalDate({ notFuture: true }),
  zip: zipCode,
});
export type EditPatientInput = z.infer<typeof editPatientSchema>;
