import { accounts } from './en/accounts.ts';
import { assessment } from './en/assessment.ts';
import { cases } from './en/cases.ts';
import { codes } from './en/codes.ts';
import { common } from './en/common.ts';
import { comparison } from './en/comparison.ts';
import { content } from './en/content.ts';
import { coverage } from './en/coverage.ts';
import { directory } from './en/directory.ts';
import { doctors } from './en/doctors.ts';
import { fhir } from './en/fhir.ts';
import { jobs } from './en/jobs.ts';
import { opinions } from './en/opinions.ts';
import { packet } from './en/packet.ts';
import { patients } from './en/patients.ts';
import { questions } from './en/questions.ts';
import { records } from './en/records.ts';
import { sharing } from './en/sharing.ts';
import { tasks } from './en/tasks.ts';
import { trials } from './en/trials.ts';

/**
 * The English catalogue: every word the product shows. Each area keeps its own file; a
 * translation copies the folder and changes only the text.
 */
export const en = {
  ...common,
  ...accounts,
  ...patients,
  ...cases,
  ...content,
  ...assessment,
  ...questions,
  ...coverage,
  ...doctors,
  ...directory,
  ...tasks,
  ...records,
  ...opinions,
  ...codes,
  ...comparison,
  ...fhir,
  ...packet,
  ...sharing,
  ...trials,
  ...jobs,
} as const;

export type MessageKey = keyof typeof en;
