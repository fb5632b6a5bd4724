import { SPECIALTY_RANGES, type SpecialtyRange } from '../../content/specialists.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { CodeOracle, ComparableOpinion, PairComparison } from './comparison.ts';
import { MAJOR_CATEGORIES } from './opinions.ts';

// Which kind of doctor might help with a third opinion. Pure; it names kinds of
// specialist (navigation), never a treatment. The kinds come from the sourced table of
// ICD-10-CM code ranges in src/content/specialists.ts (docs/decisions/0164).

/**
 * Categories with a letter among their digits sit in the tabular list right after the
 * category named here (CDC ICD-10-CM tabular order), not where sorting the text would put
 * them: M1A (chronic gout) comes after M08 and before M10 (gout), inside M05-M14, not after
 * M19. A test checks that ordering the shipped categories by categoryOrdinal gives the
 * tabular order of the shipped file, so a new such category cannot be missed.
 */
export const TABULAR_AFTER: Readonly<Record<string, string>> = {
  C4A: 'C43',
  C7A: 'C75',
  C7B: 'C7A',
  D3A: 'D36',
  I1A: 'I16',
  I5A: 'I52',
  J4A: 'J44',
  M1A: 'M08',
  O9A: 'O99',
  Z3A: 'Z36',
  QA0: 'Q99',
};

/** A category's place in the tabular list, as a number (null for a shape we do not know). */
export function categoryOrdinal(category: string): number | null {
  const c = category.toUpperCase();
  const plain = /^([A-Z])(\d)(\d)$/.exec(c);
  // Chapter 22 (U codes, special purposes) comes last in the tabular list, after Z.
  const letter = plain ? (plain[1] === 'U' ? 26 : plain[1]!.charCodeAt(0) - 65) : 0;
  if (plain) return letter * 10_000 + Number(plain[2]) * 1000 + Number(plain[3]) * 100;
  const after = TABULAR_AFTER[c];
  if (!after) return null;
  const base = categoryOrdinal(after);
  return base === null ? null : base + 1;
}

const width = (r: SpecialtyRange) => categoryOrdinal(r.to)! - categoryOrdinal(r.from)!;

/** The narrowest row of the table whose range holds the category, or null. */
export function specialtyFor(
  category: string,
  rows: readonly SpecialtyRange[] = SPECIALTY_RANGES,
): SpecialtyRange | null {
  const n = categoryOrdinal(category.slice(0, 3));
  if (n === null) return null;
  let best: SpecialtyRange | null = null;
  for (const r of rows) {
    const lo = categoryOrdinal(r.from);
    const hi = categoryOrdinal(r.to);
    if (lo === null || hi === null || n < lo || n > hi) continue;
    if (!best || width(r) < width(best)) best = r;
  }
  return best;
}

export interface SpecialistHints {
  /** The table's rows the diagnoses fall in, first seen first. */
  rows: SpecialtyRange[];
  hints: MessageKey[];
  /** A diagnosis is a cancer (malignant or in situ): the cancer-center fact applies. */
  cancer: boolean;
}

export function specialistHints(
  opinions: ComparableOpinion[],
  pairs: PairComparison[],
  oracle: CodeOracle,
): SpecialistHints {
  const rows: SpecialtyRange[] = [];
  // Someone living with two conditions (the seed article's example: heart disease and breast
  // cancer) needs a doctor who weighs both; that is when one opinion names both.
  let twoConditions = false;
  for (const o of opinions) {
    const groups = new Set<string>();
    for (const d of o.diagnoses) {
      const place = d.code ? oracle.place(d.code) : oracle.guess(d.text);
      const r = place ? specialtyFor(place.category) : null;
      if (!r) continue;
      groups.add(r.group);
      if (!rows.includes(r)) rows.push(r);
    }
    if (groups.size >= 2) twoConditions = true;
  }
  const hints: MessageKey[] = [];
  if (twoConditions) hints.push('compare.spec.both');
  for (const r of rows) if (!hints.includes(r.text)) hints.push(r.text);
  const disagreeing = pairs.filter((p) => p.verdict.thirdOpinion);
  if (disagreeing.some((p) => p.verdict.diagnosis.level === 'different')) hints.push('compare.spec.diagnosis');
  const byId = new Map(opinions.map((o) => [o.id, o]));
  const mainOf = (id: string) => byId.get(id)?.plan[0]?.category;
  if (
    disagreeing.some((p) => {
      const a = mainOf(p.a);
      const b = mainOf(p.b);
      return (
        p.verdict.treatment.level === 'different' &&
        a !== b &&
        ((a && MAJOR_CATEGORIES.has(a)) || (b && MAJOR_CATEGORIES.has(b)))
      );
    })
  ) {
    hints.push('compare.spec.treatment');
  }
  const cancer = rows.some((r) => r.group === 'cancer');
  if (cancer) hints.push('compare.spec.team');
  if (hints.length === 0) hints.push('compare.spec.general');
  return { rows, hints, cancer };
}
