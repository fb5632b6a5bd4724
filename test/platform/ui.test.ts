import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { journeySteps } from '../../src/features/cases/cases.ts';
import { CasePage } from '../../src/features/cases/cases-views.tsx';
import { isMessageKey, translator } from '../../src/platform/i18n/i18n.ts';
import { en } from '../../src/platform/i18n/messages/en.ts';
import { es } from '../../src/platform/i18n/messages/es.ts';
import type { PageContext } from '../../src/platform/ui/page-context.ts';

const ctx: PageContext = {
  t: translator('en'),
  lang: 'en',
  csrf: 'token',
  user: { displayName: 'Tester' },
  textSize: 'normal',
  path: '/',
  flash: null,
  assets: { uswdsCss: '/a.css', appCss: '/b.css', uswdsInitJs: '/c.js', uswdsJs: '/d.js', appJs: '/e.js' },
};

test('whatever people type, pages never contain markup from it', () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (diagnosis, doctor) => {
      const html = render(
        h(CasePage, {
          ctx,
          c: {
            id: 'c1',
            patientId: 'p1',
            patientName: doctor,
            title: '',
            diagnosisStatus: 'diagnosed',
            diagnosis: `<script>${diagnosis}</script>`,
            symptoms: null,
            proposedTreatment: `"><img src=x onerror=alert(1)>${diagnosis}`,
            doctorName: doctor,
            doctorSpecialty: null,
            toldOn: null,
            urgency: 'not_said',
            status: 'open',
            createdAt: '2026-01-01T00:00:00Z',
            updatedAt: '2026-01-01T00:00:00Z',
            archivedAt: null,
            version: 1,
          },
          steps: journeySteps('c1', {}),
        }),
      );
      assert.ok(!html.includes('<script>'));
      assert.ok(!html.includes('<img src=x'));
    }),
    { numRuns: 200 },
  );
});

test('the message catalogue: every English message has words, placeholders are filled, Spanish keys exist in English', () => {
  for (const [key, text] of Object.entries(en)) assert.ok(text.trim().length > 0, `${key} is empty`);
  for (const key of Object.keys(es)) assert.ok(isMessageKey(key), `es has unknown key ${key}`);
  const t = translator('en');
  assert.equal(t('layout.signedInAs', { name: 'Ana' }), 'Signed in as Ana');
  assert.equal(translator('es')('nav.signIn'), en['nav.signIn'], 'missing Spanish falls back to English');
});
