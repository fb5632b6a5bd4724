import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { EMERGENCY_ACTIONS, EMERGENCY_SIGNS } from '../../src/content/emergency.ts';
import { NEXT_STEPS } from '../../src/content/next-steps.ts';
import { PATH_GUIDANCE_LIST } from '../../src/content/paths.ts';
import { REASONS } from '../../src/content/reasons.ts';
import { HOME_REASSURANCE, REASSURANCE, STUDY_FINDINGS } from '../../src/content/reassurance.ts';
import { SOURCES } from '../../src/content/sources.ts';
import type { SourcedItem } from '../../src/content/types.ts';
import { URGENCY_NOTES } from '../../src/content/urgency.ts';
import { FAST_OPINION_TIPS, WAITING_GUIDANCE } from '../../src/content/waiting.ts';
import { en } from '../../src/platform/i18n/messages/en.ts';
import { loadContentItems } from '../helpers/content-items.ts';

// Issue 10, items 4 and 5: urgency claims scoped to their sources, permission claims exact,
// and no dead or wrong source addresses.

const MESSAGES_DIR = path.resolve(import.meta.dirname, '../../src/platform/i18n/messages/en');

async function allMessages(): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for (const f of fs.readdirSync(MESSAGES_DIR).filter((x) => x.endsWith('.ts'))) {
    const mod = (await import(pathToFileURL(path.join(MESSAGES_DIR, f)).href)) as Record<
      string,
      Record<string, string>
    >;
    for (const messages of Object.values(mod))
      for (const [k, v] of Object.entries(messages)) out.push([`${f} ${k}`, v]);
  }
  return out;
}

test('no message anywhere says "you need no one’s permission" or promises that a few weeks is safe', async () => {
  const messages = await allMessages();
  assert.ok(messages.length > 1000, 'every catalogue was read');
  const bad = messages.filter(
    ([, v]) =>
      /ask anyone|anyone[’']s permission|no one[’']s permission|without anyone/i.test(v) ||
      /(few|several) weeks (is|are) (usually )?(safe|fine)|safely take a few weeks|taking a few weeks to get a second opinion/i.test(
        v,
      ),
  );
  assert.deepEqual(bad, []);
  // The check itself would catch the old wording.
  assert.ok(/ask anyone/i.test('You do not need to ask anyone before you get a second opinion.'));
});

test('the permission fact names the doctor, and the plan rule always follows it where it is shown', () => {
  assert.match(en['content.reassure.noPermission'], /your doctor’s permission/);
  const ids = (items: readonly SourcedItem[]) => items.map((i) => i.id);
  for (const list of [REASSURANCE, HOME_REASSURANCE]) {
    const i = ids(list).indexOf('reassure.noPermission');
    assert.ok(i >= 0);
    assert.equal(ids(list)[i + 1], 'reassure.planRules');
  }
  const planRules = en['content.reassure.planRules'];
  for (const plan of ['HMO', 'POS', 'Medicare Advantage HMOs', 'Medicaid']) assert.ok(planRules.includes(plan), plan);
});

test('waiting: the person asks their own doctor; emergencies never wait', () => {
  const texts = [...WAITING_GUIDANCE, ...URGENCY_NOTES].map((i) => en[i.text]);
  assert.ok(texts.some((t) => /Ask your doctor: .How long is it safe to wait/.test(t)));
  assert.ok(texts.some((t) => /right away/.test(t)));
  assert.match(en['content.urgency.emergency'], /Do not wait for a second opinion/);
});

test('dead and wrong addresses are gone: the AARP article, the retired NCI page, 988 credited to a page without it', () => {
  assert.equal(
    SOURCES.aarpArticle.url,
    'https://www.aarp.org/health/conditions-treatments/info-2019/getting-second-medical-opinions.html',
  );
  assert.ok(!('nciWaiting' in SOURCES));
  const crisis = EMERGENCY_ACTIONS.find((a) => a.id === 'emergency.crisisLine')!;
  assert.match(en[crisis.text], /988/);
  assert.equal(crisis.source.url, 'https://988lifeline.org/');
  assert.ok(
    !Object.values(SOURCES).some((s) =>
      /cancertopics\/wyntk|info-2019\/second-medical-opinion\.html|test\.eclevelandclinic/.test(s.url),
    ),
  );
});

test('every item shown by the check, the home page, the case page and the doctors step says where it is shown and when it was checked', async () => {
  const mine: SourcedItem[] = [
    ...URGENCY_NOTES,
    ...WAITING_GUIDANCE,
    ...FAST_OPINION_TIPS,
    ...REASSURANCE,
    ...HOME_REASSURANCE,
    ...STUDY_FINDINGS,
    ...EMERGENCY_SIGNS,
    ...EMERGENCY_ACTIONS,
    ...REASONS,
    ...NEXT_STEPS,
    ...PATH_GUIDANCE_LIST,
  ];
  for (const item of mine) {
    assert.ok(item.trigger && item.trigger.length > 10, `${item.id} has a trigger`);
    assert.match(item.reviewed, /^2026-1[12]-\d\d$/, item.id);
  }
  // Every content file's items are reachable from the walker the content report uses.
  const { items } = await loadContentItems();
  const walked = new Set(items.map((i) => String(i.item.id)));
  for (const item of mine) assert.ok(walked.has(item.id), item.id);
});
