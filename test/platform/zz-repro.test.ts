import { test } from 'node:test';
import { buildCase, buildUser } from '../builders/index.ts';
import { buildTestApp } from '../helpers/test-app.ts';

test('repro', async () => {
  const t = await buildTestApp('sqlite', { logger: { level: 'error' } });
  const u = await buildUser(t);
  for (const url of ['/api/v1/cases/%/records-checklist', '/api/v1/cases/%FF%FE/decision', `/api/v1/cases/${'a'.repeat(5000)}/opinions`, `/api/v1/shares/${'a'.repeat(5000)}`, '/cases/%FF/doctors', '/api/v1/cases/x?q=%zz']) {
    const r = await t.app.inject({ method: url.includes('shares') ? 'DELETE' : 'GET', url, headers: { authorization: `Bearer ${u.apiToken}`, accept: 'application/json' } });
    console.log(url.slice(0, 60), r.statusCode, r.body.slice(0, 200));
  }
  await t.close();
});
