// Whose records is this? A portal export (C-CDA or FHIR) names its patient; before anything
// from it is stored, that name and date of birth are compared with the profile of the
// person the case is about (ADR 0146). Pure: people in, a decision out.
//
// Names are compared as bags of words, because people and portals write the same name in
// many ways: "Eve Betterhalf", "BETTERHALF, Eve", "Eve M. Betterhalf", "Éve Better-Half".
// The rule, after folding case, accents, hyphens and apostrophes:
//   - every word of the shorter name must pair with a different word of the longer one
//     (extra words are middle names or a second family name);
//   - a word pairs with the same word, or an initial with any word starting with it;
//   - at least one pair is a whole word on both sides (two initials prove nothing);
//   - a name of one word only matches the same one word.
// Dates of birth must be equal when both sides have one. A mismatch is never final: the
// person sees both identities and may say "this is the right person" (a nickname, a
// married name); what decides is their judgement, recorded in the audit log.

/** One name as a file gives it. `text` is used when the parts are missing. */
export interface PersonName {
  given: string[];
  family: string[];
  text: string | null;
}

/** A patient named inside a file. */
export interface FilePatient {
  names: PersonName[];
  /** YYYY-MM-DD, or YYYY / YYYY-MM when that is all the file says. */
  birthDate: string | null;
}

/** A name and date of birth as shown to the person (and kept with the import). */
export interface Identity {
  name: string;
  birthDate: string | null;
  /** For a file inside a ZIP: that file's name. */
  inFile?: string;
}

export type IdentityCheck =
  | { result: 'matched'; file: Identity }
  | { result: 'mismatch'; file: Identity; differs: { name: boolean; birthDate: boolean } }
  | { result: 'several'; people: Identity[] }
  | { result: 'none' };

// Letters that Unicode does not split into a base letter and a mark.
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Lower case, no accents, no apostrophes: "D’Ángelo-Ruíz" -> "dangelo-ruiz". */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c] ?? c)
    .replace(/['’‘`´ʼ]/g, '');
}

/** The words of a name, folded; hyphens, dots and commas separate words. */
export function nameWords(s: string): string[] {
  return foldText(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

// A title in front of a free-text name ("Mrs. Eve Betterhalf") is not part of it. Not when a
// comma follows it: in "Dr, Ann" the first word is a family name. Words after a name ("Jr",
// "MD") need no rule: the longer name may hold words the shorter one lacks.
const LEADING_TITLE = /^\s*(mr|mrs|ms|miss|mx|dr)\b\.?\s+(?=[^\s,])/;

/** The words of a free-text name (the profile's, or a file's name given only as text). */
export function profileWords(s: string): string[] {
  const folded = foldText(s);
  const w = nameWords(folded.replace(LEADING_TITLE, ''));
  return w.length > 0 ? w : nameWords(folded);
}

/** The words of a file's name: its given and family parts, or its text when it has no parts. */
export function personNameWords(n: PersonName): string[] {
  const parts = [...n.given, ...n.family].flatMap(nameWords);
  return parts.length > 0 ? parts : n.text ? profileWords(n.text) : [];
}

const isInitial = (w: string) => w.length === 1;

/** The matching rule above, on two lists of folded words. Symmetric. */
export function wordsMatch(a: string[], b: string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 1) return long.length === 1 && short[0] === long[0] && !isInitial(short[0]!);
  const rest = [...long];
  const take = (pred: (w: string) => boolean): boolean => {
    const i = rest.findIndex(pred);
    if (i < 0) return false;
    rest.splice(i, 1);
    return true;
  };
  let whole = 0;
  const unpaired: string[] = [];
  // Whole words first, each with the same whole word...
  for (const w of short.filter((x) => !isInitial(x))) {
    if (take((x) => x === w)) whole++;
    else unpaired.push(w);
  }
  // ...a whole word left over can only be stood for by its initial...
  for (const w of unpaired) if (!take((x) => isInitial(x) && x === w[0])) return false;
  // ...and an initial stands for any word that starts with it.
  for (const w of short.filter(isInitial)) if (!take((x) => x[0] === w)) return false;
  return whole >= 1;
}

/** Whether two free-text names are the same person's name under the rule. */
export function namesMatch(a: string, b: string): boolean {
  return wordsMatch(profileWords(a), profileWords(b));
}

/** YYYY-MM-DD (or the partial date given); anything else is no date. */
export function birthDay(v: string | null | undefined): string | null {
  if (!v) return null;
  const m = /^(\d{4})(-\d{2})?(-\d{2})?$/.exec(v.trim());
  return m ? m[0] : null;
}

/** Different only when both are known: a missing date neither proves nor disproves. */
export function birthDatesDiffer(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a !== b;
}

const named = (p: FilePatient) => p.names.some((n) => personNameWords(n).length > 0);

/** How a file's patient is shown: its first name with words in it, as the file spells it. */
export function displayName(p: FilePatient): string {
  const n = p.names.find((x) => personNameWords(x).length > 0);
  if (!n) return '';
  const parts = [...n.given, ...n.family].map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
  return (parts.length ? parts.join(' ') : (n.text ?? '').replace(/\s+/g, ' ').trim()).slice(0, 200);
}

export function identityOf(p: FilePatient, inFile?: string): Identity {
  return { name: displayName(p), birthDate: p.birthDate, ...(inFile ? { inFile } : {}) };
}

/** Two patients in one file are the same person when a name matches and the dates agree. */
export function samePerson(a: FilePatient, b: FilePatient): boolean {
  if (birthDatesDiffer(a.birthDate, b.birthDate)) return false;
  return a.names.some((x) => b.names.some((y) => wordsMatch(personNameWords(x), personNameWords(y))));
}

/** The different people a file names; patients with no name at all are not counted. */
export function distinctPatients(patients: FilePatient[]): FilePatient[] {
  const out: FilePatient[] = [];
  for (const p of patients.filter(named)) {
    const same = out.findIndex((q) => samePerson(p, q));
    // Keep the fuller record of the two (one may have the date the other lacks).
    if (same < 0) out.push(p);
    else if (!out[same]!.birthDate && p.birthDate)
      out[same] = { names: [...out[same]!.names, ...p.names], birthDate: p.birthDate };
    else out[same] = { ...out[same]!, names: [...out[same]!.names, ...p.names] };
  }
  return out;
}

/** The profile of the person the case is about. */
export interface ProfileIdentity {
  name: string;
  birthDate: string | null;
}

/** The whole check for one file: who it names, and whether that is the profile's person. */
export function checkPatient(patients: FilePatient[], profile: ProfileIdentity): IdentityCheck {
  const people = distinctPatients(patients);
  if (people.length === 0) return { result: 'none' };
  if (people.length > 1) return { result: 'several', people: people.map((p) => identityOf(p)) };
  const p = people[0]!;
  const profileName = profileWords(profile.name);
  const nameOk = p.names.some((n) => wordsMatch(personNameWords(n), profileName));
  const dateOk = !birthDatesDiffer(birthDay(p.birthDate), birthDay(profile.birthDate));
  if (nameOk && dateOk) return { result: 'matched', file: identityOf(p) };
  return { result: 'mismatch', file: identityOf(p), differs: { name: !nameOk, birthDate: !dateOk } };
}

/** The patients one portal file names; `source` is its name inside a ZIP (null: the upload itself). */
export interface NamedIn {
  source: string | null;
  patients: FilePatient[];
}

/** What the upload step does with a file, from the checks of every portal file in it. */
export type IdentityDecision =
  /** No portal file in it (a PDF, an image, a ZIP of scans): there is no name to check. */
  | { kind: 'not_checked' }
  | { kind: 'matched'; named: Identity[] }
  | { kind: 'mismatch'; named: Identity[]; others: (Identity & { differs: { name: boolean; birthDate: boolean } })[] }
  | { kind: 'several'; source: string | null }
  | { kind: 'none'; source: string | null };

/**
 * One decision for an upload, which may be a ZIP holding several portal files: each file is
 * checked on its own; one naming nobody or several people refuses the upload; one naming
 * someone else makes the whole upload a mismatch.
 */
export function decideIdentity(files: NamedIn[] | null, profile: ProfileIdentity): IdentityDecision {
  if (!files || files.length === 0) return { kind: 'not_checked' };
  const named: Identity[] = [];
  const others: (Identity & { differs: { name: boolean; birthDate: boolean } })[] = [];
  for (const f of files) {
    const c = checkPatient(f.patients, profile);
    if (c.result === 'none') return { kind: 'none', source: f.source };
    if (c.result === 'several') return { kind: 'several', source: f.source };
    const who = { ...c.file, ...(f.source ? { inFile: f.source } : {}) };
    if (!named.some((n) => n.name === who.name && n.birthDate === who.birthDate)) named.push(who);
    if (c.result === 'mismatch') others.push({ ...who, differs: c.differs });
  }
  return others.length > 0 ? { kind: 'mismatch', named, others } : { kind: 'matched', named };
}

/** How a name and date kept with an import differ from the profile (for the review pages). */
export function differsFrom(named: Identity, profile: ProfileIdentity): { name: boolean; birthDate: boolean } {
  return {
    name: !wordsMatch(profileWords(named.name), profileWords(profile.name)),
    birthDate: birthDatesDiffer(birthDay(named.birthDate), birthDay(profile.birthDate)),
  };
}

/** Everyone the portal files of an upload name (each file's distinct people), as kept with it. */
export function namedPeople(files: NamedIn[]): Identity[] {
  const out: Identity[] = [];
  for (const f of files) {
    for (const p of distinctPatients(f.patients)) {
      const who = identityOf(p, f.source ?? undefined);
      if (!out.some((n) => n.name === who.name && n.birthDate === who.birthDate)) out.push(who);
    }
  }
  return out;
}
