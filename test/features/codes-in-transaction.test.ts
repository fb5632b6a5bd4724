import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createIcd10Source } from '../../src/features/codes/icd10-data.ts';
import { buildTestApp, type TestApp } from '../helpers/test-app.ts';

// Features that check codes inside a request's transaction (opinions, a doctor's opinion
// through a link) read the code set with inTransaction(): on SQLite the transaction holds
// the one connection, so a look at the stored years from there would wait on itself.

let t: TestApp;
before(async () => {
  t = await buildTestApp('sqlite');
});
after(() => t.close());

test('inside a transaction the index comes at once, and a look that is due is made after it', async () => {
  const source = createIcd10Source();
  source.attach(t.deps.db, t.clock);
  const first = await source.get();
  t.clock.advance(61_000); // a look at the stored years is due
  const inside = await t.deps.db.connection().execute((conn) =>
    conn.transaction().execute(async () => {
      const timeout = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 5_000).unref());
      return Promise.race([source.inTransaction(), timeout]);
    }),
  );
  assert.notEqual(inside, 'waited', 'it did not wait for the connection its own transaction holds');
  assert.equal(inside, first, 'the index in hand');
  // The look made in the background, once the connection was free: the next get() needs none.
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(await source.get(), first);
});

test('before any look, the shipped years are read from files', async () => {
  const source = createIcd10Source();
  source.attach(t.deps.db, t.clock);
  const index = await source.inTransaction();
  assert.ok(index.lookup('C50.912'), 'a shipped code');
});
