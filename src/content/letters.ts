import { SOURCES } from './sources.ts';
import type { SourcedItem } from './types.ts';

// The sentences of the records request letters that claim a right or state what the law
// requires. The letter builder (features/records/requests.ts buildLetter) uses the same
// catalogue keys; these items give each one its source for the content report, and the
// trigger test reads the printed letters to prove which kind of letter carries which
// sentence. Every sentence was written against the official text for issue 10, item 2
// (docs/decisions/0148-records-requests-claim-only-real-rights.md) and checked on
// 2026-12-07. The specimen letter makes no legal claim, so none of its sentences is here.

const reviewed = '2026-12-07';
const letter = (kinds: string) => `records request letter (printable page and PDF), ${kinds}`;
const TO_ME = letter('copies for the patient (right of access)');
const DIRECTIVE = letter('electronic copies sent to someone else (right-of-access directive)');
const AUTHORIZATION = letter('paper copies sent to someone else (HIPAA authorization)');
const ACCESS = letter('copies for the patient, and electronic copies sent to someone else (right of access)');
const TO_OTHERS = letter('electronic or paper copies sent to someone else (directive or authorization)');

const COVERED = 'HIPAA covered entities (health care providers and health plans)';

export const LETTER_SENTENCES = {
  subject: {
    id: 'letter.access.subject',
    text: 'records.letter.subject',
    source: SOURCES.ecfr164524,
    reviewed,
    trigger: TO_ME,
    appliesTo: COVERED,
  },
  opening: {
    id: 'letter.access.opening',
    text: 'records.letter.opening',
    source: SOURCES.ecfr164524,
    reviewed,
    trigger: TO_ME,
    appliesTo: COVERED,
  },
  deadline: {
    id: 'letter.access.deadline',
    text: 'records.letter.deadline',
    source: SOURCES.ecfr164524,
    reviewed,
    trigger: ACCESS,
    appliesTo: COVERED,
  },
  fees: {
    id: 'letter.access.fees',
    text: 'records.letter.fees',
    source: SOURCES.ecfr164524,
    reviewed,
    trigger: TO_ME,
    appliesTo: COVERED,
  },
  cures: {
    id: 'letter.access.cures',
    text: 'records.letter.cures',
    source: SOURCES.ecfrInformationBlocking,
    reviewed,
    trigger: TO_ME,
    appliesTo: 'health care providers, health IT developers and health information networks (45 CFR 171.101)',
  },
  subjectDirective: {
    id: 'letter.directive.subject',
    text: 'records.letter.subjectDirective',
    source: SOURCES.ecfr164524,
    reviewed,
    trigger: DIRECTIVE,
    appliesTo: COVERED,
  },
  openingDirective: {
    id: 'letter.directive.opening',
    text: 'records.letter.openingDirective',
    source: SOURCES.cioxRuling,
    reviewed,
    trigger: DIRECTIVE,
    appliesTo: COVERED,
  },
  signedDirective: {
    id: 'letter.directive.signed',
    text: 'records.letter.deliveryThirdParty',
    source: SOURCES.hhsAccessGuidance,
    reviewed,
    trigger: DIRECTIVE,
    appliesTo: COVERED,
  },
  ehrOnly: {
    id: 'letter.directive.ehrOnly',
    text: 'records.letter.directiveEhrOnly',
    source: SOURCES.hhsCourtOrder,
    reviewed,
    trigger: DIRECTIVE,
    appliesTo: COVERED,
  },
  feesThirdParty: {
    id: 'letter.thirdParty.fees',
    text: 'records.letter.feesThirdParty',
    source: SOURCES.hhsCourtOrder,
    reviewed,
    trigger: TO_OTHERS,
    appliesTo: COVERED,
  },
  subjectAuthorization: {
    id: 'letter.authorization.subject',
    text: 'records.letter.subjectAuthorization',
    source: SOURCES.ecfr164508,
    reviewed,
    trigger: AUTHORIZATION,
    appliesTo: COVERED,
  },
  recipient: {
    id: 'letter.authorization.recipient',
    text: 'records.letter.authorizationRecipient',
    source: SOURCES.ecfr164508,
    reviewed,
    trigger: AUTHORIZATION,
    appliesTo: COVERED,
  },
  purpose: {
    id: 'letter.authorization.purpose',
    text: 'records.letter.authorizationPurpose',
    source: SOURCES.ecfr164508,
    reviewed,
    trigger: AUTHORIZATION,
    appliesTo: COVERED,
  },
  expires: {
    id: 'letter.authorization.expires',
    text: 'records.letter.authorizationExpires',
    source: SOURCES.ecfr164508,
    reviewed,
    trigger: AUTHORIZATION,
    appliesTo: COVERED,
  },
  revoke: {
    id: 'letter.authorization.revoke',
    text: 'records.letter.authorizationRevoke',
    source: SOURCES.ecfr164508,
    reviewed,
    trigger: AUTHORIZATION,
    appliesTo: COVERED,
  },
  condition: {
    id: 'letter.authorization.condition',
    text: 'records.letter.authorizationCondition',
    source: SOURCES.ecfr164508,
    reviewed,
    trigger: AUTHORIZATION,
    appliesTo: COVERED,
  },
  redisclose: {
    id: 'letter.authorization.redisclose',
    text: 'records.letter.authorizationRedisclose',
    source: SOURCES.ecfr164508,
    reviewed,
    trigger: AUTHORIZATION,
    appliesTo: COVERED,
  },
  representative: {
    id: 'letter.representative',
    text: 'records.letter.representative',
    source: SOURCES.ecfr164508,
    reviewed,
    trigger: letter('every kind (the signature block)'),
    appliesTo: COVERED,
  },
} as const satisfies Record<string, SourcedItem>;

export const LETTER_SENTENCE_LIST: SourcedItem[] = Object.values(LETTER_SENTENCES);
