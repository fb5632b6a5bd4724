import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, test } from 'node:test';
import { TRIAL_NOTES, TRIAL_PHASES } from '../../src/content/trials.ts';
import {
  ageLine,
  askText,
  backToSearch,
  conditionFromDiagnosis,
  PHASE_NAMES,
  phaseKey,
  statusKey,
  summarizeSearch,
  summarizeStudy,
  TRIAL_STATUSES,
  trialQuery,
} from '../../src/features/trials/trials.ts';
import { milesBetween, zipPoint } from '../../src/platform/geo.ts';
import { isMessageKey } from '../../src/platform/i18n/i18n.ts';
import { FIXTURES, readFixture } from './trials-fake-server.ts';

// The plain summary of ClinicalTrials.gov API v2 study JSON, on every stored fixture and
// on hostile input.

const CHICAGO = zipPoint('60614')!;
type Raw = {
  protocolSection: {
    identificationModule: { nctId: string; briefTitle: string };
    conditionsModule?: { conditions?: string[] };
    statusModule: { overallStatus: string };
  };
};
const studiesOf = (file: string): Raw[] => {
  const body = readFixture(file) as { studies?: Raw[] } & Raw;
  return body.studies ?? [body];
};

describe('trials: summary of every fixture file', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
  test('there are fixtures to check', () => assert.ok(files.length >= 9, `found ${files.length}`));
  for (const file of files) {
    test(file, () => {
      for (const raw of studiesOf(file)) {
        const s = summarizeStudy(raw, CHICAGO);
        assert.ok(s, 'a study with an NCT id is summarised');
        const id = raw.protocolSection.identificationModule;
        assert.equal(s.nctId, id.nctId);
        assert.equal(s.title, id.briefTitle);
        assert.equal(s.url, `https://clinicaltrials.gov/study/${id.nctId}`);
        assert.equal(s.status, raw.protocolSection.statusModule.overallStatus);
        assert.ok(TRIAL_STATUSES.includes(s.status));
        assert.deepEqual(s.conditions, raw.protocolSection.conditionsModule?.conditions ?? []);
        // Every value the page shows has words in the catalogue.
        assert.ok(isMessageKey(statusKey(s.status)));
        for (const p of s.phases) assert.ok(isMessageKey(phaseKey(p)));
        // Nearest first; places with a point have a distance from Chicago.
        const d = s.locations.map((l) => l.distanceMiles).filter((x): x is number => x !== null);
        assert.deepEqual(
          d,
          [...d].sort((a, b) => a - b),
        );
        assert.ok(isMessageKey(ageLine(s.eligibility).key));
      }
    });
  }
});

describe('trials: what the summary says', () => {
  test('a US study: places nearest first with miles from the ZIP, ages, sex, phase', () => {
    const s = summarizeStudy(readFixture('get_nct02576665_20260811.json'), CHICAGO)!;
    assert.equal(s.status, 'TERMINATED');
    assert.deepEqual(s.phases, ['PHASE1']);
    assert.deepEqual(
      s.locations.map((l) => l.city),
      ['Denver', 'Houston', 'Miami'],
    );
    // Chicago to Denver is about 900 miles as the crow flies; to Miami about 1,190.
    assert.ok(
      s.locations[0]!.distanceMiles! > 850 && s.locations[0]!.distanceMiles! < 950,
      String(s.locations[0]!.distanceMiles),
    );
    assert.ok(s.locations[2]!.distanceMiles! > 1100 && s.locations[2]!.distanceMiles! < 1250);
    assert.deepEqual(s.locations[0], {
      facility: 'Sarah Cannon Research Institute',
      city: 'Denver',
      state: 'Colorado',
      zip: '80218',
      country: 'United States',
      distanceMiles: s.locations[0]!.distanceMiles,
    });
    assert.deepEqual(s.eligibility, {
      minimumAge: '18 Years',
      maximumAge: '75 Years',
      sex: 'all',
      healthyVolunteers: null,
    });
    assert.deepEqual(ageLine(s.eligibility), { key: 'trials.age.range', vars: { min: '18 years', max: '75 years' } });
  });

  test('without a ZIP there are no distances and the order is the record’s', () => {
    const s = summarizeStudy(readFixture('get_nct02576665_20260811.json'))!;
    assert.deepEqual(
      s.locations.map((l) => [l.city, l.distanceMiles]),
      [
        ['Denver', null],
        ['Miami', null],
        ['Houston', null],
      ],
    );
  });

  test('not yet recruiting, abroad: contacts with the country code, healthy volunteers', () => {
    const s = summarizeStudy(readFixture('NCT06171568.json'), CHICAGO)!;
    assert.equal(s.status, 'NOT_YET_RECRUITING');
    assert.deepEqual(s.phases, []);
    assert.deepEqual(s.contacts[0], {
      name: 'Camille Heslot, MD',
      phone: '+33 01.49.95.81.69',
      email: 'camille.heslot@aphp.fr',
    });
    assert.equal(s.contacts.length, 2);
    assert.equal(s.locations[0]!.country, 'France');
    // Paris is over 4,000 miles from Chicago: far, but still honestly measured.
    assert.ok(s.locations[0]!.distanceMiles! > 4000);
    assert.deepEqual(s.interventions, ['Tests and questionnaires']);
  });

  test('many places without facility names; phase 2; only people with the condition', () => {
    const s = summarizeStudy(readFixture('NCT02210780.json'), CHICAGO)!;
    assert.equal(s.locations.length, 42);
    assert.equal(s.locations[0]!.facility, null);
    assert.deepEqual(s.phases, ['PHASE2']);
    assert.equal(s.eligibility.healthyVolunteers, false);
    assert.equal(s.sponsor, 'Regeneron Pharmaceuticals');
    // The nearest of the 42 is in the Midwest, not the first one listed (Alabama).
    assert.ok(s.locations[0]!.distanceMiles! < 300, `${s.locations[0]!.city} ${s.locations[0]!.distanceMiles}`);
  });

  test('withdrawn study with no phase; a two-phase study', () => {
    const w = summarizeStudy(readFixture('NCT00973089.json'))!;
    assert.equal(w.status, 'WITHDRAWN');
    assert.deepEqual(w.phases, ['NA']);
    assert.deepEqual(ageLine(w.eligibility), { key: 'trials.age.range', vars: { min: '5 years', max: '8 years' } });
    const k = summarizeSearch(readFixture('search_keytruda_limit3_20260811.json'));
    assert.deepEqual(k.trials[0]!.phases, ['PHASE1', 'PHASE2']);
  });

  test('a search page keeps the total count from ClinicalTrials.gov', () => {
    const r = summarizeSearch(readFixture('search_melanoma_recruiting_limit3_20260811.json'));
    assert.equal(r.total, 480);
    assert.deepEqual(
      r.trials.map((x) => x.nctId),
      ['NCT06970236', 'NCT04114136', 'NCT04318717'],
    );
    assert.ok(r.trials.every((x) => x.status === 'RECRUITING'));
  });

  test('hostile or odd input: no crash, no link from a bad id, wrong types read as not given', () => {
    assert.equal(summarizeStudy(null), null);
    assert.equal(summarizeStudy('NCT01234567'), null);
    assert.equal(summarizeStudy({ protocolSection: { identificationModule: { nctId: 'javascript:alert(1)' } } }), null);
    const odd = summarizeStudy({
      protocolSection: {
        identificationModule: { nctId: 'NCT01234567', briefTitle: 42 },
        statusModule: { overallStatus: 'SOMETHING_NEW' },
        designModule: { phases: ['PHASE9', 'PHASE3', null] },
        conditionsModule: { conditions: 'not a list' },
        eligibilityModule: { sex: 'OTHER', healthyVolunteers: 'yes', minimumAge: '' },
        contactsLocationsModule: {
          locations: [{ geoPoint: { lat: 999, lon: 0 }, zip: '60614' }, null],
          centralContacts: [{}],
        },
      },
    })!;
    assert.equal(odd.title, 'NCT01234567');
    assert.equal(odd.status, 'UNKNOWN');
    assert.deepEqual(odd.phases, ['PHASE3']);
    assert.deepEqual(odd.conditions, []);
    assert.deepEqual(odd.eligibility, { minimumAge: null, maximumAge: null, sex: null, healthyVolunteers: null });
    assert.deepEqual(odd.contacts, []);
    assert.equal(odd.locations.length, 2);
    // Without a place to measure from, nothing is measured.
    assert.equal(odd.locations[0]!.distanceMiles, null);
    const fromChicago = summarizeStudy(
      {
        protocolSection: {
          identificationModule: { nctId: 'NCT01234567' },
          contactsLocationsModule: { locations: [{ geoPoint: { lat: 999, lon: 0 }, zip: '60614' }] },
        },
      },
      CHICAGO,
    )!;
    // A point off the globe is ignored; the US ZIP places it instead (same ZIP: 0 miles).
    assert.equal(fromChicago.locations[0]!.distanceMiles, 0);
    const r = summarizeSearch({
      studies: [{}, { protocolSection: { identificationModule: { nctId: 'NCT07654321' } } }],
      totalCount: -5,
    });
    assert.equal(r.trials.length, 1);
    assert.equal(r.total, 1);
    assert.deepEqual(summarizeSearch('nonsense'), { total: 0, trials: [] });
  });

  test('distance between two known points', () => {
    // New York City to Los Angeles is about 2,450 miles.
    const m = milesBetween({ lat: 40.7128, lon: -74.006 }, { lat: 34.0522, lon: -118.2437 });
    assert.ok(m > 2400 && m < 2500, String(m));
    assert.equal(zipPoint('00000'), null);
    assert.equal(zipPoint(null), null);
  });

  test('search words from a diagnosis drop filler, side and stage words', () => {
    assert.equal(conditionFromDiagnosis('Ductal carcinoma of the left breast'), 'Ductal carcinoma breast');
    assert.equal(conditionFromDiagnosis('Stage 2 breast cancer'), 'breast cancer');
    assert.equal(conditionFromDiagnosis('Non-small cell lung cancer, stage IIIA'), 'Non-small cell lung cancer IIIA');
    assert.equal(conditionFromDiagnosis(null), '');
  });

  test('the query refuses a bad ZIP, an unknown ZIP and an odd distance', () => {
    assert.equal(trialQuery.safeParse({ condition: 'x', near: '6061' }).error?.issues[0]?.message, 'trials.errors.zip');
    assert.equal(
      trialQuery.safeParse({ condition: 'x', near: '00000' }).error?.issues[0]?.message,
      'trials.errors.zipUnknown',
    );
    assert.equal(trialQuery.safeParse({ condition: 'x', radiusMiles: '30' }).success, false);
    assert.deepEqual(trialQuery.parse({ condition: ' breast cancer ', near: '60614', radiusMiles: '50' }), {
      condition: 'breast cancer',
      near: '60614',
      radiusMiles: 50,
    });
    assert.deepEqual(trialQuery.parse({}), { condition: '', near: '', radiusMiles: 100 });
  });

  test('every phase has a sourced line; the notes are sourced', () => {
    assert.deepEqual(Object.keys(TRIAL_PHASES).sort(), [...PHASE_NAMES].sort());
    for (const item of [...Object.values(TRIAL_PHASES), ...TRIAL_NOTES]) {
      assert.ok(isMessageKey(item.text), item.id);
      assert.match(item.source.url, /^https:\/\/(clinicaltrials\.gov|www\.nih\.gov|www\.nia\.nih\.gov)\//);
    }
  });

  test('the question about a trial fits the questions list, keeping the NCT id whole', () => {
    const format = (v: { id: string; title: string }) => `Could I join ${v.id}: “${v.title}”?`;
    assert.equal(askText(format, 'NCT01234567', 'Short'), 'Could I join NCT01234567: “Short”?');
    const long = askText(format, 'NCT01234567', 'word '.repeat(200), 100);
    // At most the limit (a trailing space before the cut is dropped, so it may be one short).
    assert.ok(long.length <= 100 && long.length >= 98, String(long.length));
    assert.match(long, /^Could I join NCT01234567: “word word .*…”\?$/);
  });

  test('back to the same search, at the same study; odd values are not carried', () => {
    assert.equal(
      backToSearch('c1', {
        nctId: 'NCT01234567',
        title: 't',
        condition: 'breast cancer',
        near: '60614',
        radiusMiles: '50',
      }),
      '/cases/c1/trials?condition=breast+cancer&near=60614&radiusMiles=50#trial-NCT01234567',
    );
    assert.equal(
      backToSearch('c1', { nctId: 'NCT01234567', title: 't', condition: 'x', near: '<b>', radiusMiles: 'lots' }),
      '/cases/c1/trials?condition=x&near=&radiusMiles=100#trial-NCT01234567',
    );
    assert.equal(
      backToSearch('c1', { nctId: 'NCT01234567', title: 't', condition: '', near: '', radiusMiles: '' }),
      '/cases/c1/trials#trial-NCT01234567',
    );
  });
});
