import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadIcd10 } from '../../src/features/codes/icd10-data.ts';
import { type CodeOracle, compareAll, type ComparableOpinion } from '../../src/features/opinions/comparison.ts';
import { specialistHints } from '../../src/features/opinions/guidance.ts';
import type { PlanCategory } from '../../src/features/opinions/opinions.ts';

let oracle: CodeOracle;
before(async () => {
  const icd = await loadIcd10();
  oracle = { place: (c) => icd.place(c), guess: (t) => icd.guess(t) };
});

const op = (id: string, dx: [string, string | null][], plan: PlanCategory[]): ComparableOpinion => ({
  id,
  diagnoses: dx.map(([text, code]) => ({ text, code })),
  plan: plan.map((category) => ({ category, details: null })),
  goal: null,
  urgency: null,
});

const hintsFor = (ops: ComparableOpinion[]) => specialistHints(ops, compareAll(ops, oracle).pairs, oracle).hints;

test('heart disease and breast cancer in one opinion: someone who treats both, and each specialist', () => {
  const hints = hintsFor([
    op('a', [['Breast cancer', 'C50.912'], ['Heart failure', 'I50.9']], ['surgery']),
    op('b', [['Breast cancer', 'C50.912'], ['Heart failure', 'I50.9']], ['systemic_therapy']),
  ]);
  assert.deepEqual(hints, ['compare.spec.both', 'compare.spec.chapter.2', 'compare.spec.chapter.9', 'compare.spec.treatment', 'compare.spec.team']);
});

test('different diagnoses: a fresh look at the slides and scans', () => {
  const hints = hintsFor([op('a', [['lung cancer', null]], ['surgery']), op('b', [['pneumonia', null]], ['medication'])]);
  assert.ok(hints.includes('compare.spec.diagnosis'));
  assert.ok(hints.includes('compare.spec.chapter.2'));
  assert.ok(hints.includes('compare.spec.chapter.10'));
  assert.ok(!hints.includes('compare.spec.both'), 'two doctors disagreeing is not two conditions');
});

test('surgery vs surveillance on the same diagnosis: a doctor from another field', () => {
  const hints = hintsFor([op('a', [['Prostate cancer', 'C61']], ['surgery']), op('b', [['Prostate cancer', 'C61']], ['watchful_waiting'])]);
  assert.deepEqual(hints, ['compare.spec.chapter.2', 'compare.spec.treatment', 'compare.spec.team']);
});

test('nothing specific known: a general hint, never an empty list', () => {
  assert.deepEqual(hintsFor([op('a', [], ['medication']), op('b', [], ['lifestyle'])]), ['compare.spec.general']);
});
