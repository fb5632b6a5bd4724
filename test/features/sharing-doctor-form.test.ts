import assert from 'node:assert/strict';
import { test } from 'node:test';
import { opinionFromForm } from '../../src/features/opinions/opinions.ts';
import { DOCTOR_ROWS, doctorFormValues } from '../../src/features/sharing/doctor-form.ts';

// The doctor's form is read with the opinions feature's flat-form helpers, after this
// cleaning: what the doctor may not set is dropped, the patient's questions come from the server.

const questions = [
  { id: 'q-1', text: 'Is surgery my only choice?' },
  { id: 'q-2', text: 'How soon must I start?' },
];

test('the case’s questions are put back from the server, whatever the form sent', () => {
  const v = doctorFormValues(
    {
      cq0_id: 'someone-elses-question',
      cq0_text: 'A question the patient never asked',
      cq0_answer: 'Yes',
      cq1_answer: 'Soon',
    },
    questions,
  );
  const { input } = opinionFromForm(v);
  assert.deepEqual(input.answers, [
    { questionId: 'q-1', question: 'Is surgery my only choice?', answer: 'Yes' },
    { questionId: 'q-2', question: 'How soon must I start?', answer: 'Soon' },
  ]);
});

test('rows beyond the form, free question rows, the date and the way it was given are dropped', () => {
  const v = doctorFormValues(
    {
      doctorName: 'Dr. Hopper',
      givenOn: '1999-01-01',
      givenHow: 'visit',
      [`dx${DOCTOR_ROWS.diagnoses}_text`]: 'an extra diagnosis',
      [`plan${DOCTOR_ROWS.plan}_category`]: 'surgery',
      cq2_answer: 'an answer to a question that does not exist',
      qa0_question: 'Made up?',
      qa0_answer: 'Yes',
      dx0_text: 'Kept',
    },
    questions,
  );
  assert.equal(v.givenOn, undefined);
  assert.equal(v.givenHow, undefined);
  const { input } = opinionFromForm(v);
  assert.deepEqual(input.diagnoses, [{ text: 'Kept', code: undefined }]);
  assert.deepEqual(input.plan, []);
  assert.deepEqual(input.answers, []);
  assert.equal(input.doctorName, 'Dr. Hopper');
});
