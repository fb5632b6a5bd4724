import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isMessageKey } from '../../src/platform/i18n/i18n.ts';
import { collectItems, loadContentItems, sourceProblems } from '../helpers/content-items.ts';

// Every fact or rule we show carries its source and the date someone last checked it.
// The test finds items by walking whatever src/content exports, so new content is
// checked the day it is added.

const today = new Date().toISOString().slice(0, 10);

test('every content item has a source (title and web address) and a reviewed date', async () => {
  const { files, items } = await loadContentItems();
  assert.ok(files.length >= 5, `expected the content files, found ${files.join(', ')}`);
  assert.ok(items.length >= 60, `expected many content items, found ${items.length}`);
  const problems = items.flatMap(({ where, item }) =>
    sourceProblems(item, today).map((p) => `${where} (${String(item.id)}) ${p}`),
  );
  assert.deepEqual(problems, []);
});

test('content ids are unique and every text is a catalogue message', async () => {
  const { items } = await loadContentItems();
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { where, item } of items) {
    const id = String(item.id);
    const other = seen.get(id);
    if (other) problems.push(`${where}: id ${id} is also used at ${other}`);
    else seen.set(id, where);
    for (const [k, v] of Object.entries(item)) {
      if (k === 'id' || typeof v !== 'string') continue;
      if (/^content\./.test(v) && !isMessageKey(v))
        problems.push(`${where}.${k}: ${v} is not in the message catalogue`);
    }
    if (typeof item.text === 'string' && !isMessageKey(item.text))
      problems.push(`${where}.text: ${item.text} is not in the message catalogue`);
  }
  assert.deepEqual(problems, []);
});

test('the check itself catches an item with no source, a bad address or no review date', () => {
  const fake = {
    GOOD: [
      {
        id: 'a',
        text: 'content.q.goal',
        source: { title: 'A real source', url: 'https://example.org/x' },
        reviewed: '2026-01-02',
      },
    ],
    NESTED: { group: { items: [{ id: 'b', text: 'content.q.goal', reviewed: '2026-01-02' }] } },
    BAD_URL: [{ id: 'c', source: { title: 'Title here', url: 'not a url' }, reviewed: '2026-01-02' }],
    NO_DATE: [{ id: 'd', source: { title: 'Title here', url: 'https://example.org' } }],
    FUTURE: [{ id: 'e', source: { title: 'Title here', url: 'https://example.org' }, reviewed: '2999-01-01' }],
    NOT_ITEMS: { SOURCES: { x: { title: 'Only a source', url: 'https://example.org' } }, LIST: ['a', 'b'] },
  };
  const items = collectItems(fake, 'fake.ts');
  assert.deepEqual(
    items.map((i) => i.item.id),
    ['a', 'b', 'c', 'd', 'e'],
  );
  const bad = items.filter(({ item }) => sourceProblems(item, '2026-11-27').length > 0).map((i) => i.item.id);
  assert.deepEqual(bad, ['b', 'c', 'd', 'e']);
  assert.match(sourceProblems(items[1]!.item, '2026-11-27')[0]!, /no source/);
});
