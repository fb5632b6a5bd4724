import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_OPINION_CONTENT, COVERAGE_FACTS, coverageFactsFor } from '../../src/content/third-opinion.ts';
import { isMessageKey, translator } from '../../src/platform/i18n/i18n.ts';

const t = translator('en');

test('every fact shown on the comparison page has its text, a source, a review date and a trigger', () => {
  assert.ok(ALL_OPINION_CONTENT.length >= 15);
  for (const item of ALL_OPINION_CONTENT) {
    assert.ok(isMessageKey(item.text), `${item.id}: text is a catalogue key`);
    assert.match(item.source.url, /^https?:\/\//, `${item.id}: source url`);
    assert.ok(item.source.title.length > 10, `${item.id}: source title`);
    assert.equal(item.reviewed, '2026-12-07', `${item.id}: checked today`);
    assert.match(item.trigger ?? '', /^compare page/, `${item.id}: trigger`);
  }
  assert.equal(new Set(ALL_OPINION_CONTENT.map((i) => i.id)).size, ALL_OPINION_CONTENT.length, 'ids are unique');
});

const ids = (plan: string | null, medicareRule = true) =>
  coverageFactsFor(plan, { medicareRule }).items.map((i) => i.id);

test('Original Medicare: Part B pays for a third opinion when the first two differ (diagnosis, surgery or procedure), with its scope and limit', () => {
  assert.deepEqual(ids('original_medicare'), [
    'third.coverage.partBThird',
    'third.coverage.partBThirdScope',
    'third.coverage.partBNotCosmetic',
  ]);
  assert.equal(coverageFactsFor('original_medicare', { medicareRule: true }).known, true);
  // Only a later opinion differs, or the first two differ on a medicine only: Medicare's
  // third-opinion rule (the need for surgery or another major procedure) does not speak of it.
  assert.deepEqual(ids('original_medicare', false), []);
});

test('Medicare Advantage: covers what Original Medicare covers, under its own network and referral rules', () => {
  for (const plan of ['medicare_advantage_hmo', 'medicare_advantage_ppo']) {
    assert.deepEqual(ids(plan), [
      'third.coverage.advantageSame',
      'third.coverage.advantageRules',
      'third.coverage.askFirst',
    ]);
    assert.deepEqual(ids(plan, false), ['third.coverage.advantageRules', 'third.coverage.askFirst']);
  }
  assert.match(COVERAGE_FACTS.advantageSame.source.url, /ecfr\.gov\/.*section-422\.101$/);
  assert.match(COVERAGE_FACTS.advantageRules.source.url, /ecfr\.gov\/.*section-422\.112$/);
});

test('Medicaid: the managed-care rule only for managed care; other plans are told to call', () => {
  assert.deepEqual(ids('medicaid_managed_care'), ['third.coverage.medicaid', 'third.coverage.askFirst']);
  assert.deepEqual(
    ids('medicaid_ffs'),
    ['third.coverage.askFirst'],
    'the managed-care rule is not claimed for fee-for-service',
  );
  for (const plan of ['private_ppo', 'private_hmo', 'private_epo', 'private_pos', 'tricare', 'va']) {
    assert.deepEqual(ids(plan), ['third.coverage.askFirst'], plan);
    assert.equal(coverageFactsFor(plan, { medicareRule: true }).known, true);
  }
});

test('plan not known: the facts for the common kinds, each saying whom it is for; no plan at all: none', () => {
  assert.deepEqual(ids(null), [
    'third.coverage.askFirst',
    'third.coverage.partBThird',
    'third.coverage.advantageSame',
    'third.coverage.advantageRules',
    'third.coverage.medicaid',
  ]);
  assert.deepEqual(ids('not_sure', false), [
    'third.coverage.askFirst',
    'third.coverage.advantageRules',
    'third.coverage.medicaid',
  ]);
  assert.equal(coverageFactsFor(null, { medicareRule: true }).known, false);
  const none = coverageFactsFor('uninsured', { medicareRule: true });
  assert.deepEqual([none.none, none.items.length], [true, 0]);
});

test('the words say whom each rule is for, and nothing claims a confirmatory consultation', () => {
  assert.match(t(COVERAGE_FACTS.partBThird.text), /Original Medicare \(Part B\)/);
  assert.match(t(COVERAGE_FACTS.partBThird.text), /first two/);
  assert.match(t(COVERAGE_FACTS.partBThirdScope.text), /surgery or another big procedure/);
  assert.match(t(COVERAGE_FACTS.advantageSame.text), /Medicare Advantage/);
  assert.match(t(COVERAGE_FACTS.medicaid.text), /Medicaid managed care/);
  for (const item of ALL_OPINION_CONTENT) assert.doesNotMatch(t(item.text), /confirmatory/i, item.id);
});
