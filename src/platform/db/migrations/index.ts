import type { Migration } from 'kysely';
import * as foundation from './2026_11_27_0900_foundation.ts';
import * as tasks from './2026_11_27_1000_tasks.ts';
import * as assessment from './2026_11_27_1100_assessment.ts';
import * as questions from './2026_11_27_1105_questions.ts';
import * as coverage from './2026_11_27_1130_coverage.ts';
import * as doctors from './2026_11_27_1135_doctors.ts';
import * as records from './2026_11_27_1200_records.ts';
import * as opinions from './2026_11_27_1300_opinions.ts';
import * as sharing from './2026_11_28_0100_sharing.ts';
import * as directory from './2026_11_28_0200_directory.ts';
import * as documentPatientCheck from './2026_12_07_1000_document_patient_check.ts';
import * as recordsRights from './2026_12_07_1100_records_rights.ts';
import * as icd10cmYears from './2026_12_07_1400_icd10cm_years.ts';
import * as instance from './2026_12_07_1500_instance.ts';
import * as versions from './2026_12_07_1700_versions.ts';
import * as timeZone from './2026_12_08_1300_a_time_zone.ts';
import * as rateLimits from './2026_12_08_1300_b_rate_limits.ts';
import * as jobs from './2026_12_08_1450_jobs.ts';

/**
 * Every migration, by name. Names sort by time; Kysely runs them in that order and
 * records each in its own table. Add new ones at the end; never edit a shipped one.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_27_0900_foundation': foundation,
  '2026_11_27_1000_tasks': tasks,
  '2026_11_27_1100_assessment': assessment,
  '2026_11_27_1105_questions': questions,
  '2026_11_27_1130_coverage': coverage,
  '2026_11_27_1135_doctors': doctors,
  '2026_11_27_1200_records': records,
  '2026_11_27_1300_opinions': opinions,
  '2026_11_28_0100_sharing': sharing,
  '2026_11_28_0200_directory': directory,
  '2026_12_07_1000_document_patient_check': documentPatientCheck,
  '2026_12_07_1100_records_rights': recordsRights,
  '2026_12_07_1400_icd10cm_years': icd10cmYears,
  '2026_12_07_1500_instance': instance,
  '2026_12_07_1700_versions': versions,
  '2026_12_08_1300_a_time_zone': timeZone,
  '2026_12_08_1300_b_rate_limits': rateLimits,
  '2026_12_08_1450_jobs': jobs,
};
