import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_OPINION_CONTENT, coverageFactsFor } from '../../src/content/third-opinion.ts';
import { isMessageKey } from '../../src/platform/i18n/i18n.ts';

test('every fact shown on the comparison page has its text, a source and a review date', () => {
  assert.ok(ALL_OPINION_CONTENT.length >= 12);
  for (const item of ALL_OPINION_CONTENT) {
    assert.ok(isMessageKey(item.text), `${item.id}: text is a catalogue key`);
    assert.match(item.source.url, /^https?:\/\//, `${item.id}: source url`);
    assert.ok(item.source.title.length > 10, `${item.id}: source title`);
    assert.match(item.reviewed, /^\d{4}-\d{2}-\d{2}$/, `${item.id}: reviewed`);
  }
  assert.equal(new Set(ALL_OPINION_CONTENT.map((i) => i.id)).size, ALL_OPINION_CONTENT.length, 'ids are unique');
});

test('coverage facts follow the plan type when the coverage feature knows it', () => {
  const ids = (plan: string | null) => coverageFactsFor(plan).items.map((i) => i.id);
  assert.deepEqual(ids(null), ['coverage.askFirst', 'coverage.partB', 'coverage.partBDetail', 'coverage.advantage', 'coverage.medicaid']);
  assert.equal(coverageFactsFor(null).known, false);
  assert.deepEqual(ids('original_medicare'), ['coverage.partB', 'coverage.partBDetail']);
  assert.deepEqual(ids('medicare_advantage_hmo'), ['coverage.advantage', 'coverage.askFirst']);
  assert.deepEqual(ids('medicaid_managed_care'), ['coverage.medicaid', 'coverage.askFirst']);
  assert.deepEqual(ids('medicare_advantage_ppo'), ['coverage.advantage', 'coverage.askFirst']);
  assert.deepEqual(ids('medicaid_ffs'), ['coverage.askFirst'], 'the managed-care rule is not claimed for fee-for-service');
  assert.deepEqual(ids('private_ppo'), ['coverage.askFirst']);
  assert.equal(coverageFactsFor('private_ppo').known, true);
  assert.equal(coverageFactsFor('not_sure').known, false);
  assert.equal(coverageFactsFor('uninsured').known, false);
});
