import type { FormValues } from '../../platform/ui/page-context.ts';
import type { QuestionRef } from '../opinions/opinions.ts';

// The doctor's opinion form: the opinions feature's flat form, fixed to a few rows, with
// the patient's questions always taken from the case (never from what the form sends).

export const DOCTOR_ROWS = { diagnoses: 3, plan: 3 } as const;

/**
 * What the doctor posted, cleaned: the case's questions put back from the server by
 * position, list rows beyond the form's own dropped, and fields the doctor does not set
 * (the date, how it was given, free question rows) removed.
 */
export function doctorFormValues(posted: FormValues, questions: QuestionRef[]): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(posted)) {
    if (k === 'givenOn' || k === 'givenHow' || k === 'intent' || k.startsWith('qa')) continue;
    const row = /^(dx|plan|cq)(\d+)_(\w+)$/.exec(k);
    if (row) {
      const [, list, n, field] = row;
      const i = Number(n);
      if (list === 'dx' && i >= DOCTOR_ROWS.diagnoses) continue;
      if (list === 'plan' && i >= DOCTOR_ROWS.plan) continue;
      if (list === 'cq' && (i >= questions.length || field !== 'answer')) continue;
    }
    out[k] = v;
  }
  questions.forEach((q, i) => {
    out[`cq${i}_id`] = q.id;
    out[`cq${i}_text`] = q.text;
  });
  return out;
}
