import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bundleResources, fhirPatients } from '../../src/features/records/imports.ts';
import { ccdaPatients, parseCcda } from '../../src/features/records/imports-ccda.ts';
import {
  checkPatient,
  decideIdentity,
  type FilePatient,
  foldText,
  namesMatch,
  type PersonName,
  profileWords,
  wordsMatch,
} from '../../src/features/records/patient-match.ts';
import { FIXTURES } from '../helpers/records.ts';

// Whose record a portal file is (ADR 0146): the pure name and birth-date rule, on examples,
// on every example file we hold, and as properties over generated names.

const person = (
  given: string[],
  family: string[],
  birthDate: string | null = null,
  text: string | null = null,
): FilePatient => ({
  names: [{ given, family, text }],
  birthDate,
});
const profile = (name: string, birthDate: string | null = null) => ({ name, birthDate });

describe('names: the same person written differently', () => {
  const eve = person(['Eve'], ['Betterhalf'], '1975-05-01');
  for (const name of [
    'Eve Betterhalf',
    'BETTERHALF, Eve',
    'Betterhalf Eve',
    'eve betterhalf',
    'Eve M. Betterhalf',
    'Eve Mary Betterhalf',
    'Mrs. Eve Betterhalf',
    'E. Betterhalf',
  ]) {
    test(`"${name}" is Eve Betterhalf`, () => {
      assert.equal(checkPatient([eve], profile(name, '1975-05-01')).result, 'matched');
    });
  }

  test('accents, hyphens and apostrophes are folded', () => {
    assert.ok(namesMatch('José Álvarez-Núñez', 'Jose Alvarez Nunez'));
    assert.ok(namesMatch('Mary O’Brien', "Mary O'Brien"));
    assert.ok(namesMatch('Mary OBrien', "Mary O'Brien"));
    assert.ok(namesMatch('Søren Kierkegaard', 'Soren Kierkegaard'));
    assert.ok(namesMatch('Anna Groß', 'ANNA GROSS'));
    assert.equal(foldText('D’Ángelo-Ruíz'), 'dangelo-ruiz');
  });

  test('middle names and a second family name may be missing on one side', () => {
    assert.ok(namesMatch('John Robert Smith', 'John Smith'));
    assert.ok(namesMatch('John R. Smith', 'John Robert Smith'));
    assert.ok(namesMatch('María García', 'María García López'));
    assert.ok(namesMatch('Mary Smith-Jones', 'Mary Jones'));
  });

  test('a different first name, family name or middle name is someone else', () => {
    assert.ok(!namesMatch('Mary Smith', 'John Smith'));
    assert.ok(!namesMatch('John Smith', 'John Jones'));
    assert.ok(!namesMatch('John Richard Smith', 'John Robert Smith'));
    assert.ok(!namesMatch('Rosa Diaz', 'Eve Betterhalf'));
  });

  test('initials alone, or one word against two, prove nothing', () => {
    assert.ok(!namesMatch('J. S.', 'John Smith'), 'two initials');
    assert.ok(!namesMatch('Mom', 'Eve Betterhalf'), 'a nickname for the profile');
    assert.ok(!namesMatch('Eve', 'Eve Betterhalf'), 'one word against two');
    assert.ok(namesMatch('Cher', 'cher'), 'one word against the same word');
    assert.ok(!namesMatch('', 'Eve Betterhalf'));
  });

  test('a title before the profile name is not part of it; words after it (Jr) may be missing on the other side', () => {
    assert.deepEqual(profileWords('Dr. Ada Lovelace'), ['ada', 'lovelace']);
    assert.deepEqual(profileWords('Dr, Ada'), ['dr', 'ada'], 'a family name before a comma is kept');
    assert.ok(namesMatch('Mrs Ada Lovelace', 'Dr Ada Lovelace'));
    assert.ok(namesMatch('Ada Lovelace Jr.', 'Ada Lovelace'));
  });

  test('any of the file’s names may match (a birth name, a "call me" name)', () => {
    const p: FilePatient = {
      names: [
        { given: ['Eve'], family: ['Betterhalf'], text: null },
        { given: ['Eve'], family: ['Everywoman'], text: null },
      ],
      birthDate: null,
    };
    assert.equal(checkPatient([p], profile('Eve Everywoman')).result, 'matched');
  });

  test('a name given only as text is read too', () => {
    assert.equal(
      checkPatient([person([], [], '1932-09-24', 'Henry  Levin')], profile('Henry Levin', '1932-09-24')).result,
      'matched',
    );
  });
});

describe('dates of birth', () => {
  const eve = (d: string | null) => person(['Eve'], ['Betterhalf'], d);
  test('a different date is a mismatch even with the same name, and says so', () => {
    const r = checkPatient([eve('1945-05-01')], profile('Eve Betterhalf', '1975-05-01'));
    assert.equal(r.result, 'mismatch');
    assert.deepEqual(r.result === 'mismatch' && r.differs, { name: false, birthDate: true });
  });
  test('a partial date is not the same as a full one', () => {
    assert.equal(checkPatient([eve('1975')], profile('Eve Betterhalf', '1975-05-01')).result, 'mismatch');
  });
  test('a date missing on either side leaves the name to decide', () => {
    assert.equal(checkPatient([eve(null)], profile('Eve Betterhalf', '1975-05-01')).result, 'matched');
    assert.equal(checkPatient([eve('1975-05-01')], profile('Eve Betterhalf', null)).result, 'matched');
    assert.equal(checkPatient([eve(null)], profile('Rosa Diaz', null)).result, 'mismatch');
  });
  test('name and date both wrong: both are said', () => {
    const r = checkPatient([eve('1975-05-01')], profile('Rosa Diaz', '1948-03-09'));
    assert.deepEqual(r.result === 'mismatch' && r.differs, { name: true, birthDate: true });
  });
});

describe('files naming several people, or nobody', () => {
  test('two different people: several', () => {
    const r = checkPatient(
      [person(['Eve'], ['Betterhalf']), person(['Adam'], ['Everyman'])],
      profile('Eve Betterhalf'),
    );
    assert.equal(r.result, 'several');
  });
  test('the same person twice (one with the date) is one person', () => {
    const r = checkPatient(
      [person(['Eve'], ['Betterhalf']), person(['EVE'], ['BETTERHALF'], '1975-05-01')],
      profile('Eve Betterhalf', '1975-05-01'),
    );
    assert.equal(r.result, 'matched');
    assert.equal(r.result === 'matched' && r.file.birthDate, '1975-05-01');
  });
  test('the same name with two different dates is two people', () => {
    assert.equal(
      checkPatient(
        [person(['Eve'], ['Betterhalf'], '1975-05-01'), person(['Eve'], ['Betterhalf'], '1945-05-01')],
        profile('Eve Betterhalf'),
      ).result,
      'several',
    );
  });
  test('no patient, or a patient with no name: none', () => {
    assert.equal(checkPatient([], profile('Eve Betterhalf')).result, 'none');
    assert.equal(checkPatient([person([], [], '1975-05-01')], profile('Eve Betterhalf')).result, 'none');
  });
});

describe('one decision for an upload (a ZIP is checked file by file)', () => {
  const eve = { source: 'A.XML', patients: [person(['Eve'], ['Betterhalf'], '1975-05-01')] };
  const adam = { source: 'B.XML', patients: [person(['Adam'], ['Everyman'], '1954-11-25')] };
  const me = profile('Eve Betterhalf', '1975-05-01');
  test('no portal file: not checked', () => {
    assert.deepEqual(decideIdentity(null, me), { kind: 'not_checked' });
    assert.deepEqual(decideIdentity([], me), { kind: 'not_checked' });
  });
  test('every file matches: matched, with who each names', () => {
    assert.deepEqual(decideIdentity([eve, { ...eve, source: 'C.XML' }], me), {
      kind: 'matched',
      named: [{ name: 'Eve Betterhalf', birthDate: '1975-05-01', inFile: 'A.XML' }],
    });
  });
  test('one file names someone else: the whole upload is a mismatch, naming that file', () => {
    const d = decideIdentity([eve, adam], me);
    assert.equal(d.kind, 'mismatch');
    assert.deepEqual(d.kind === 'mismatch' && d.others.map((o) => [o.name, o.inFile]), [['Adam Everyman', 'B.XML']]);
  });
  test('one file naming several people or nobody refuses the upload and says which', () => {
    assert.deepEqual(decideIdentity([eve, { source: 'D.JSON', patients: [] }], me), { kind: 'none', source: 'D.JSON' });
    assert.deepEqual(decideIdentity([{ source: null, patients: [...eve.patients, ...adam.patients] }], me), {
      kind: 'several',
      source: null,
    });
  });
});

describe('every example file names someone who is not the case’s patient', () => {
  const someoneElse = profile('Rosa Diaz', '1948-03-09');
  const ccdaDir = path.join(FIXTURES, 'ccda/Documents');
  const fhirDir = path.join(FIXTURES, 'fhir');
  const files = (dir: string, re: RegExp) =>
    (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => re.test(f)).sort();
  for (const rel of files(ccdaDir, /\.xml$/i)) {
    test(`C-CDA ${rel}`, () => {
      const patients = ccdaPatients(parseCcda(fs.readFileSync(path.join(ccdaDir, rel), 'utf8')));
      const r = checkPatient(patients, someoneElse);
      assert.equal(r.result, 'mismatch');
      if (r.result !== 'mismatch') return;
      assert.match(r.file.birthDate ?? '', /^\d{4}-\d{2}-\d{2}$/);
      // ...and is matched by its own patient's name and date.
      assert.equal(checkPatient(patients, profile(r.file.name, r.file.birthDate)).result, 'matched');
    });
  }
  for (const rel of files(fhirDir, /\.json$/i)) {
    test(`FHIR ${rel}`, () => {
      const b = bundleResources(JSON.parse(fs.readFileSync(path.join(fhirDir, rel), 'utf8')));
      const patients = fhirPatients(b.ok ? b.resources : []);
      const r = checkPatient(patients, someoneElse);
      assert.equal(r.result, 'mismatch');
      if (r.result === 'mismatch')
        assert.equal(checkPatient(patients, profile(r.file.name, r.file.birthDate)).result, 'matched');
    });
  }
  test('the guardian named in a C-CDA header is not taken for the patient', () => {
    const patients = ccdaPatients(
      parseCcda(fs.readFileSync(path.join(ccdaDir, 'Progress Note/Progress_Note.xml'), 'utf8')),
    );
    assert.equal(patients.length, 1);
  });
});

// ---------- properties ----------

const LETTERS = 'abcdefghijklmnopqrstuvwxyzáéíóúñçüöäåèìòùâêîôû';
const word = fc.string({ unit: fc.constantFrom(...LETTERS.split('')), minLength: 2, maxLength: 9 });
const date = fc
  .date({ min: new Date('1900-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
// A given name that is also a title ("Dr Aa") is taken for a title; real first names are not titles.
const TITLE_WORDS = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr']);
const givenName = word.filter((w) => !TITLE_WORDS.has(foldText(w)));
const someone = fc.record({
  given: givenName,
  middles: fc.array(word, { maxLength: 2 }),
  family: fc.array(word, { minLength: 1, maxLength: 2 }),
  birthDate: date,
});

const stripAccents = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '');
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A way the same name may be written in a file. */
const variant = fc.record({
  upper: fc.boolean(),
  accents: fc.boolean(),
  middles: fc.constantFrom('none', 'full', 'initials'),
  familyJoin: fc.constantFrom(' ', '-'),
  asText: fc.constantFrom('no', 'given-first', 'family-first'),
  apostrophe: fc.boolean(),
});

type Variant = {
  upper: boolean;
  accents: boolean;
  middles: string;
  familyJoin: string;
  asText: string;
  apostrophe: boolean;
};

function write(p: { given: string; middles: string[]; family: string[] }, v: Variant): PersonName {
  const look = (s: string) => {
    let out = v.accents ? stripAccents(s) : s;
    out = v.upper ? out.toUpperCase() : cap(out);
    return v.apostrophe && out.length > 2 ? `${out.slice(0, 1)}’${out.slice(1)}` : out;
  };
  const middles =
    v.middles === 'none'
      ? []
      : v.middles === 'full'
        ? p.middles.map(look)
        : p.middles.map((m) => `${look(m).charAt(0)}.`);
  const given = [look(p.given), ...middles];
  const family = p.family.map(look).join(v.familyJoin);
  if (v.asText === 'given-first') return { given: [], family: [], text: `${given.join(' ')} ${family}` };
  if (v.asText === 'family-first') return { given: [], family: [], text: `${family}, ${given.join(' ')}` };
  return { given, family: [family], text: null };
}

describe('properties', () => {
  test('case, accents, order, middle names, hyphens and apostrophes never stop a match', () => {
    fc.assert(
      fc.property(someone, variant, (p, v) => {
        const file: FilePatient = { names: [write(p, v)], birthDate: p.birthDate };
        const r = checkPatient([file], profile(`${p.given} ${p.family.join(' ')}`, p.birthDate));
        return r.result === 'matched';
      }),
      { numRuns: 500 },
    );
  });

  test('a different date of birth never matches, whatever the names', () => {
    fc.assert(
      fc.property(someone, variant, date, (p, v, other) => {
        fc.pre(other !== p.birthDate);
        const file: FilePatient = { names: [write(p, v)], birthDate: other };
        return checkPatient([file], profile(`${p.given} ${p.family.join(' ')}`, p.birthDate)).result !== 'matched';
      }),
      { numRuns: 500 },
    );
  });

  test('names with no word in common never match', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 4 }),
        fc.array(word, { minLength: 1, maxLength: 4 }),
        (a, b) => {
          const fa = new Set(a.map((w) => foldText(w)));
          fc.pre(b.every((w) => !fa.has(foldText(w))));
          return !namesMatch(a.join(' '), b.join(' '));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('the rule is symmetric', () => {
    const nameish = fc.array(fc.oneof(word, fc.constantFrom(...'abcdej'.split(''))), { minLength: 0, maxLength: 5 });
    fc.assert(
      fc.property(
        nameish,
        nameish,
        (a, b) => wordsMatch(a.map(foldText), b.map(foldText)) === wordsMatch(b.map(foldText), a.map(foldText)),
      ),
      { numRuns: 1000 },
    );
  });
});
