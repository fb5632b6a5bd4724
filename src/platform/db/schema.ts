/**
 * The shape of every table, as Kysely sees it. Ids are text (generated in the app, so
 * both dialects behave the same), times are ISO-8601 UTC text, dates are YYYY-MM-DD text
 * and booleans are 0/1 integers (SQLite has no boolean type).
 */

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string;
  display_name: string;
  locale: string;
  created_at: string;
  password_changed_at: string;
  /** IANA time zone for the person's "today"; null means the server's (ADR 0017). */
  time_zone: string | null;
}

export interface SessionsTable {
  /** sha256 of the cookie value; the cookie itself is never stored. */
  id: string;
  user_id: string;
  csrf_secret: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  absolute_expires_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SignInFailuresTable {
  id: string;
  /** sha256 of the lower-cased email, so the table holds no addresses. */
  account_key: string;
  ip: string;
  at: string;
}

/** Rate-limit counts shared by every app process (ADR 0018). */
export interface RateLimitsTable {
  /** sha256 of the route and the caller's key (their address), so the table holds no addresses. */
  bucket: string;
  hits: number;
  resets_at: string;
}

export interface PatientsTable {
  id: string;
  display_name: string;
  date_of_birth: string | null;
  zip: string | null;
  /** Set when this profile is the account holder's own. */
  self_user_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export type MembershipRole = 'owner' | 'helper' | 'advocate';

export interface MembershipsTable {
  id: string;
  patient_id: string;
  user_id: string;
  role: MembershipRole;
  relationship: string;
  consent_method: string;
  consent_note: string | null;
  consent_recorded_at: string;
  created_by: string;
  created_at: string;
  removed_at: string | null;
  removed_by: string | null;
}

export interface CasesTable {
  id: string;
  patient_id: string;
  title: string;
  diagnosis_status: 'diagnosed' | 'no_diagnosis';
  diagnosis: string | null;
  symptoms: string | null;
  proposed_treatment: string | null;
  doctor_name: string | null;
  doctor_specialty: string | null;
  told_on: string | null;
  urgency: string;
  status: 'open' | 'decided';
  created_by: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_type: 'user' | 'share' | 'system' | 'anonymous';
  actor_id: string | null;
  action: string;
  patient_id: string | null;
  object_type: string | null;
  object_id: string | null;
  ip: string | null;
  via: string | null;
  prev_hash: string;
  hash: string;
}

export interface TasksTable {
  id: string;
  case_id: string;
  patient_id: string;
  /** The journey step the task belongs to (a StepSlug, e.g. 'coverage'). */
  step: string;
  /** A stable kind, e.g. 'call_insurer', 'records_due'; 'custom' for the person's own. */
  kind: string;
  /** Text as shown. For kinds other than 'custom', the feature may render its own words instead. */
  title: string;
  due_on: string | null;
  done_at: string | null;
  /** What the task is about, when it follows from a record (e.g. 'record_request', id). */
  source_type: string | null;
  source_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

// ---------- step 4: coverage ----------

export interface CoveragePlansTable {
  case_id: string;
  patient_id: string;
  plan_type: string;
  insurer: string | null;
  /** Sensitive: never logged, never in the audit log. */
  member_id: string | null;
  plan_phone: string | null;
  /** 'unknown' | 'not_needed' | 'requested' | 'approved' | 'denied' */
  prior_auth_status: string;
  prior_auth_number: string | null;
  prior_auth_requested_on: string | null;
  prior_auth_expires_on: string | null;
  prior_auth_appeal_by: string | null;
  prior_auth_notes: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface CoverageCallsTable {
  id: string;
  case_id: string;
  patient_id: string;
  /** The day of the call (YYYY-MM-DD) and its wall-clock time (HH:MM), as the person gave them. */
  called_on: string;
  called_time: string | null;
  organization: string | null;
  spoke_with: string | null;
  reference_number: string | null;
  summary: string;
  follow_up: string | null;
  follow_up_on: string | null;
  created_by: string;
  created_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

// ---------- step 5: choosing the path and the doctor ----------

export interface DoctorPathsTable {
  case_id: string;
  patient_id: string;
  /** 'referral' | 'own' | 'undecided' */
  path: string;
  /** The person's edited request letter; null means "use the one made from the case". */
  referral_letter: string | null;
  referral_asked_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface DoctorCandidatesTable {
  id: string;
  case_id: string;
  patient_id: string;
  name: string;
  specialty: string | null;
  practice: string | null;
  phone: string | null;
  address: string | null;
  /** 'yes' | 'no' | 'unknown' */
  in_network: string;
  notes: string | null;
  /** Set when the candidate came from the national directory (NPPES). */
  npi: string | null;
  /** 'manual' (typed in), or where else it came from, e.g. 'nppes'. */
  source: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  removed_at: string | null;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface DoctorAppointmentsTable {
  id: string;
  case_id: string;
  patient_id: string;
  candidate_id: string;
  /** Local date and wall-clock time of the visit (YYYY-MM-DD, HH:MM). */
  starts_on: string;
  starts_at: string;
  /** 'in_person' | 'video' | 'phone' */
  mode: string;
  place: string | null;
  notes: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

// ---- issue 3a: the second-opinion check and questions to ask ----

export interface AssessmentsTable {
  case_id: string;
  patient_id: string;
  /** JSON: the answers given so far (see features/assessment). */
  answers: string;
  /** The result's level once every question is answered; null before. */
  level: string | null;
  completed_at: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface QuestionListsTable {
  case_id: string;
  patient_id: string;
  generated_at: string;
  ready_at: string | null;
  updated_at: string;
}

export interface CaseQuestionsTable {
  id: string;
  case_id: string;
  patient_id: string;
  /** The question bank item it came from; null for the person's own question. */
  bank_id: string | null;
  /** The person's wording; null means the bank's (translated) wording. */
  text: string | null;
  position: number;
  important: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  removed_at: string | null;
  removed_by: string | null;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface QuestionDoctorsTable {
  id: string;
  case_id: string;
  patient_id: string;
  name: string;
  created_by: string;
  created_at: string;
  removed_at: string | null;
}

export interface QuestionAnswersTable {
  id: string;
  case_id: string;
  question_id: string;
  doctor_id: string;
  answer: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface OpinionsTable {
  id: string;
  case_id: string;
  patient_id: string;
  /** Order of entry within the case (1, 2, ...). */
  seq: number;
  /** 'accepted' | 'pending' (a doctor's submission waiting for the person) | 'discarded' (set aside, kept). */
  status: string;
  /** 'person' | 'doctor' (written by the consulting doctor through a share link). */
  source: string;
  share_id: string | null;
  doctor_name: string;
  doctor_specialty: string | null;
  doctor_npi: string | null;
  doctor_practice: string | null;
  given_on: string;
  given_how: string | null;
  stage_status: string | null;
  prognosis: string | null;
  goal: string | null;
  options_discussed: string | null;
  urgency: string | null;
  further_tests: string | null;
  trials: string | null;
  notes: string | null;
  /** Null when a doctor wrote it through a share link. */
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface OpinionDiagnosesTable {
  id: string;
  opinion_id: string;
  position: number;
  text: string;
  /** ICD-10-CM with the dot, e.g. "C50.912". */
  code: string | null;
}

export interface OpinionPlanItemsTable {
  id: string;
  opinion_id: string;
  position: number;
  category: string;
  details: string | null;
}

export interface OpinionAnswersTable {
  id: string;
  opinion_id: string;
  position: number;
  /** The case's question (questions feature), or null for a question asked on the spot. */
  question_id: string | null;
  question_text: string;
  answer: string | null;
}

export interface ComparisonOverridesTable {
  id: string;
  case_id: string;
  opinion_low_id: string;
  opinion_high_id: string;
  /** 'diagnosis' | 'treatment' | 'impact' */
  axis: string;
  value: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface DecisionsTable {
  id: string;
  case_id: string;
  patient_id: string;
  decided_on: string;
  choice: string;
  reasons: string | null;
  helpers: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  withdrawn_at: string | null;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface DecisionOpinionsTable {
  decision_id: string;
  opinion_id: string;
}

// ---------- records (step 6) ----------

export interface RecordBlobsTable {
  id: string;
  patient_id: string;
  sha256: string;
  size_bytes: number;
  wrapped_key: string;
  storage_key: string;
  created_at: string;
}

export interface DocumentsTable {
  id: string;
  case_id: string;
  patient_id: string;
  blob_id: string;
  title: string;
  kind: string;
  document_date: string | null;
  provider: string | null;
  original_name: string;
  media_type: string;
  detected_type: string;
  page_count: number | null;
  text_status: string;
  /** JSON: what was read from the file (DICOM study facts, import counts...). */
  details: string | null;
  uploaded_by: string;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
  /** Whose record it is (ADR 0146): null (added before the check), not_checked, matched, confirmed, mismatch. */
  patient_check: string | null;
  /** JSON: the people the file names, [{ name, birthDate, file? }]. */
  patient_named: string | null;
  patient_checked_by: string | null;
  patient_checked_at: string | null;
}

export interface RecordItemsTable {
  id: string;
  patient_id: string;
  document_id: string;
  category: string;
  code_system: string | null;
  code: string | null;
  display: string;
  value_text: string | null;
  status: string | null;
  started_on: string | null;
  ended_on: string | null;
  place: string | null;
  dedupe_key: string;
  created_at: string;
}

export interface RecordRequestsTable {
  id: string;
  case_id: string;
  patient_id: string;
  provider_name: string;
  provider_address: string | null;
  provider_contact: string | null;
  /** JSON array of checklist item keys. */
  records_wanted: string;
  records_other: string | null;
  date_from: string | null;
  date_to: string | null;
  format: string;
  delivery: string;
  recipient_name: string | null;
  recipient_address: string | null;
  /** 'access' (45 CFR 164.524, 30-day clock) or 'authorization' (45 CFR 164.508, no clock). */
  kind: string;
  /** Authorizations: when we remind people to check (not a legal deadline). */
  follow_up_on: string | null;
  sent_on: string | null;
  due_on: string | null;
  extension_reason: string | null;
  extended_due_on: string | null;
  received_on: string | null;
  notes: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface SpecimenRequestsTable {
  id: string;
  case_id: string;
  patient_id: string;
  lab_name: string;
  lab_address: string;
  lab_contact: string | null;
  /** JSON array of { accession, kind, count }. */
  specimens: string;
  recipient_name: string;
  recipient_address: string;
  recipient_contact: string | null;
  recipient_phone: string | null;
  requested_on: string | null;
  sent_on: string | null;
  tracking: string | null;
  received_on: string | null;
  returned_on: string | null;
  notes: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface RecordChecklistsTable {
  case_id: string;
  case_kind: string;
  updated_at: string;
}

export interface RecordChecklistItemsTable {
  id: string;
  case_id: string;
  item_key: string;
  status: string;
  updated_by: string;
  updated_at: string;
  /**
   * Raised by one on every change; a change against an older version is refused (ADR 0016).
   * Optional only so inserts may leave it to the column default (1); a read always has it.
   */
  version?: number;
}

export interface RecordChecklistLinksTable {
  id: string;
  case_id: string;
  item_key: string;
  document_id: string;
  created_at: string;
}

/** Full-text index rows (FTS5 virtual table on SQLite; tsvector table on PostgreSQL). */
export interface RecordSearchTable {
  id: string;
  patient_id: string;
  source_type: string;
  source_id: string;
  title: string;
  body: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  password_resets: PasswordResetsTable;
  sign_in_failures: SignInFailuresTable;
  rate_limits: RateLimitsTable;
  patients: PatientsTable;
  memberships: MembershipsTable;
  cases: CasesTable;
  audit_head: AuditHeadTable;
  audit_log: AuditLogTable;
  tasks: TasksTable;
  coverage_plans: CoveragePlansTable;
  coverage_calls: CoverageCallsTable;
  doctor_paths: DoctorPathsTable;
  doctor_candidates: DoctorCandidatesTable;
  doctor_appointments: DoctorAppointmentsTable;
  assessments: AssessmentsTable;
  question_lists: QuestionListsTable;
  case_questions: CaseQuestionsTable;
  question_doctors: QuestionDoctorsTable;
  question_answers: QuestionAnswersTable;
  opinions: OpinionsTable;
  opinion_diagnoses: OpinionDiagnosesTable;
  opinion_plan_items: OpinionPlanItemsTable;
  opinion_answers: OpinionAnswersTable;
  comparison_overrides: ComparisonOverridesTable;
  decisions: DecisionsTable;
  decision_opinions: DecisionOpinionsTable;
  record_blobs: RecordBlobsTable;
  documents: DocumentsTable;
  record_items: RecordItemsTable;
  record_requests: RecordRequestsTable;
  specimen_requests: SpecimenRequestsTable;
  record_checklists: RecordChecklistsTable;
  record_checklist_items: RecordChecklistItemsTable;
  record_checklist_links: RecordChecklistLinksTable;
  record_search: RecordSearchTable;
  shares: SharesTable;
  share_documents: ShareDocumentsTable;
  share_sessions: ShareSessionsTable;
  share_access_log: ShareAccessLogTable;
  directory_taxonomies: DirectoryTaxonomiesTable;
  directory_providers: DirectoryProvidersTable;
  instance_meta: InstanceMetaTable;
  icd10cm_releases: Icd10cmReleasesTable;
  icd10cm_codes: Icd10cmCodesTable;
  jobs: JobsTable;
}

/** Facts about the installation: 'installation_id', 'key_fingerprint' (ADR 0008, 0009). */
export interface InstanceMetaTable {
  name: string;
  value: string;
  created_at: string;
}

// ---- issue 5b: share links for a consulting doctor ----

export interface SharesTable {
  id: string;
  case_id: string;
  patient_id: string;
  /** SHA-256 (hex) of the link's secret; the secret is never stored. */
  token_hash: string;
  doctor_name: string;
  doctor_email: string | null;
  doctor_practice: string | null;
  /** 'packet' | 'documents'. */
  scope: string;
  expires_at: string;
  /** argon2id of the access code, or null when the link has none. */
  code_hash: string | null;
  failed_attempts: number;
  locked_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ShareDocumentsTable {
  share_id: string;
  document_id: string;
  position: number;
}

export interface ShareSessionsTable {
  id: string;
  share_id: string;
  token_hash: string;
  expires_at: string;
  created_at: string;
}

export interface ShareAccessLogTable {
  id: string;
  share_id: string;
  at: string;
  /** The matching audit chain entry's seq. */
  audit_seq: number;
  action: string;
  object_id: string | null;
  ip: string | null;
  user_agent: string | null;
}

// ---- issue 5, step 5: the specialist directory (NPPES + NUCC, imported by the operator) ----

export interface DirectoryTaxonomiesTable {
  code: string;
  grouping: string | null;
  classification: string;
  specialization: string | null;
  display_name: string | null;
}

export interface DirectoryProvidersTable {
  npi: string;
  /** '1' a person, '2' an organization (NPPES Entity Type Code). */
  entity_type: string;
  name: string;
  credential: string | null;
  organization: string | null;
  taxonomy_code: string;
  /** Space-separated: the other taxonomy codes NPPES lists, a few at most. */
  other_taxonomy_codes: string | null;
  address_line1: string;
  address_line2: string | null;
  city: string;
  state: string;
  postal_code: string;
  phone: string | null;
  latitude: number | null;
  longitude: number | null;
  imported_at: string;
}

// ---- issue 10, item 8: ICD-10-CM years loaded by the operator (import icd10cm) ----

export interface Icd10cmReleasesTable {
  /** Federal fiscal year: 2028 is valid from 2027-10-01. */
  year: number;
  /** 'order' | 'codes'. */
  format: string;
  file_name: string;
  sha256: string;
  code_count: number;
  billable_count: number;
  compared_with: number | null;
  added: number;
  deleted: number;
  changed: number;
  imported_at: string;
}

export interface Icd10cmCodesTable {
  year: number;
  seq: number;
  code: string;
  billable: number;
  description: string;
}

// ---- issue 14, item 2: background jobs (ADR 0022) ----

export interface JobsTable {
  id: string;
  kind: string;
  /** JSON. Ids only, never names or health facts: the row outlives the work. */
  payload: string;
  idempotency_key: string | null;
  /** 'queued' | 'running' | 'done' | 'failed'. */
  state: string;
  attempts: number;
  max_attempts: number;
  run_after: string;
  locked_by: string | null;
  locked_until: string | null;
  progress_done: number;
  progress_total: number | null;
  /** Plain words for the person who started the job; never a stack trace. */
  last_error: string | null;
  /** JSON, what the job reports back (counts, ids). */
  result: string | null;
  owner_user_id: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}
