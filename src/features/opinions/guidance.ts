import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { CodeOracle, ComparableOpinion, PairComparison } from './comparison.ts';
import { MAJOR_CATEGORIES } from './opinions.ts';

// Which kind of doctor might help with a third opinion. Pure; it names kinds of
// specialist (navigation), never a treatment.

/** ICD-10-CM chapters we can name a specialist for. */
const CHAPTER_SPECIALIST: Record<string, MessageKey> = {
  '2': 'compare.spec.chapter.2',
  '4': 'compare.spec.chapter.4',
  '6': 'compare.spec.chapter.6',
  '9': 'compare.spec.chapter.9',
  '10': 'compare.spec.chapter.10',
  '11': 'compare.spec.chapter.11',
  '13': 'compare.spec.chapter.13',
  '14': 'compare.spec.chapter.14',
};

export interface SpecialistHints {
  /** Chapters the diagnoses fall in, first seen first. */
  chapters: string[];
  hints: MessageKey[];
}

export function specialistHints(opinions: ComparableOpinion[], pairs: PairComparison[], oracle: CodeOracle): SpecialistHints {
  const chapters: string[] = [];
  // Someone living with two conditions (the seed article's example: heart disease and breast
  // cancer) needs a doctor who weighs both; that is when one opinion names both.
  let twoConditions = false;
  for (const o of opinions) {
    const mine = new Set<string>();
    for (const d of o.diagnoses) {
      const place = d.code ? oracle.place(d.code) : oracle.guess(d.text);
      if (!place?.chapter) continue;
      if (CHAPTER_SPECIALIST[place.chapter]) mine.add(place.chapter);
      if (!chapters.includes(place.chapter)) chapters.push(place.chapter);
    }
    if (mine.size >= 2) twoConditions = true;
  }
  const hints: MessageKey[] = [];
  if (twoConditions) hints.push('compare.spec.both');
  for (const c of chapters) if (CHAPTER_SPECIALIST[c]) hints.push(CHAPTER_SPECIALIST[c]!);
  const significant = pairs.filter((p) => p.differSignificantly);
  if (significant.some((p) => p.diagnosis === 'different')) hints.push('compare.spec.diagnosis');
  const byId = new Map(opinions.map((o) => [o.id, o]));
  const mainOf = (id: string) => byId.get(id)?.plan[0]?.category;
  if (
    significant.some((p) => {
      const a = mainOf(p.a);
      const b = mainOf(p.b);
      return p.treatment === 'different' && a !== b && ((a && MAJOR_CATEGORIES.has(a)) || (b && MAJOR_CATEGORIES.has(b)));
    })
  ) {
    hints.push('compare.spec.treatment');
  }
  if (chapters.includes('2')) hints.push('compare.spec.team');
  if (hints.length === 0) hints.push('compare.spec.general');
  return { chapters, hints };
}
