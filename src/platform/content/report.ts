import * as coverage from '../../content/coverage.ts';
import * as emergency from '../../content/emergency.ts';
import * as icd10Synonyms from '../../content/icd10-synonyms.ts';
import * as letters from '../../content/letters.ts';
import * as nextSteps from '../../content/next-steps.ts';
import * as paths from '../../content/paths.ts';
import * as questionBank from '../../content/question-bank.ts';
import * as reasons from '../../content/reasons.ts';
import * as reassurance from '../../content/reassurance.ts';
import * as records from '../../content/records.ts';
import * as specialists from '../../content/specialists.ts';
import * as thirdOpinion from '../../content/third-opinion.ts';
import * as trials from '../../content/trials.ts';
import * as urgency from '../../content/urgency.ts';
import * as waiting from '../../content/waiting.ts';
import { en } from '../i18n/messages/en.ts';

// The content report (docs/content-review.md, `npm run content:report`): every rule and
// fact the app can show, with its exact English words, its source, the day it was last
// checked, whom it applies to and when the app shows it. A reviewer reads this one file
// instead of the code; a test fails when the committed file is out of date. Pure: the same
// content always gives the same text (no dates, no machine paths).

/** The content files, in the order the report shows them, each with a heading and a line on where its items appear. */
export const CONTENT_AREAS = [
  { file: 'reassurance.ts', title: 'Asking is normal (home page and second-opinion check)', module: reassurance },
  { file: 'reasons.ts', title: 'Reasons for a second opinion (second-opinion check)', module: reasons },
  { file: 'emergency.ts', title: 'Emergencies (second-opinion check)', module: emergency },
  {
    file: 'waiting.ts',
    title: 'How long it is safe to wait, and a fast second opinion (second-opinion check)',
    module: waiting,
  },
  { file: 'urgency.ts', title: 'Urgency (case page)', module: urgency },
  { file: 'next-steps.ts', title: 'What to do next (second-opinion check)', module: nextSteps },
  { file: 'question-bank.ts', title: 'Questions to ask (step 3)', module: questionBank },
  { file: 'coverage.ts', title: 'Coverage rules per plan type (step 4)', module: coverage },
  { file: 'paths.ts', title: 'Choosing the path and the doctor (step 5)', module: paths },
  { file: 'records.ts', title: 'Records: rights, fees, specimens and the checklist (step 6)', module: records },
  { file: 'letters.ts', title: 'Records request letters: the sentences that claim a right (step 6)', module: letters },
  { file: 'third-opinion.ts', title: 'Comparing opinions and a third opinion (step 9)', module: thirdOpinion },
  {
    file: 'specialists.ts',
    title: 'Who might help with a third opinion, by ICD-10-CM code range (step 9)',
    module: specialists,
  },
  { file: 'trials.ts', title: 'Clinical trials', module: trials },
  {
    file: 'icd10-synonyms.ts',
    title: 'Code search in people’s words (ICD-10-CM synonyms and word forms)',
    module: icd10Synonyms,
  },
] as const;

export interface Source {
  title: string;
  url: string;
}

/** One item as the report sees it: any exported object with a string id (a SourcedItem, a synonym group, a word-form group). */
export interface ContentEntry {
  file: string;
  id: string;
  item: Record<string, unknown>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Walks a module's exports (arrays and plain objects, to any depth): every object with a
 * string `id` is an item; an item's own source is not. `seen` keeps an item re-exported
 * or listed twice (a checklist item in several lists) to one entry.
 */
export function collectEntries(
  exports: Record<string, unknown>,
  file: string,
  seen = new Set<unknown>(),
): ContentEntry[] {
  const found: ContentEntry[] = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) return v.forEach(walk);
    if (!isPlainObject(v)) return;
    if (typeof v.id === 'string') {
      found.push({ file, id: v.id, item: v });
      for (const [k, x] of Object.entries(v)) if (k !== 'source' && k !== 'specialtySource') walk(x);
      return;
    }
    for (const x of Object.values(v)) walk(x);
  };
  for (const value of Object.values(exports)) walk(value);
  return found;
}

/** Every item of every content file, each once. */
export function allContentEntries(): ContentEntry[] {
  const seen = new Set<unknown>();
  return CONTENT_AREAS.flatMap((a) => collectEntries(a.module as Record<string, unknown>, a.file, seen));
}

/** The exact English words of a catalogue key; placeholders stay as {name}. */
function words(key: unknown): string {
  if (typeof key !== 'string') return '';
  return (en as Record<string, string>)[key] ?? `(missing from the catalogue: ${key})`;
}

/** Markdown-safe inline text: no line breaks, and the characters that would start markup escaped. */
function md(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/([\\`*_[\]|<>])/g, '\\$1');
}

const link = (s: Source) => `[${md(s.title)}](${s.url.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
const asSource = (v: unknown): Source | null =>
  isPlainObject(v) && typeof v.title === 'string' && typeof v.url === 'string' ? { title: v.title, url: v.url } : null;

function itemBlock(e: ContentEntry): string[] {
  const it = e.item;
  const out = [`#### \`${e.id}\``, ''];
  if (typeof it.title === 'string' && it.title.includes('.')) out.push(`**${md(words(it.title))}**`, '');
  if (typeof it.text === 'string') out.push(`> ${md(words(it.text))}`, '');
  if (typeof it.hint === 'string') out.push(`Hint: ${md(words(it.hint))}`, '');
  const source = asSource(it.source);
  out.push(`- Source: ${source ? link(source) : '**none**'}`);
  const specialty = asSource(it.specialtySource);
  if (specialty) out.push(`- Kind of doctor: ${link(specialty)}`);
  if (typeof it.from === 'string' && typeof it.to === 'string')
    out.push(`- Code range: ${it.from === it.to ? it.from : `${it.from}–${it.to}`}`);
  out.push(`- Reviewed: ${typeof it.reviewed === 'string' ? it.reviewed : '**never**'}`);
  if (typeof it.appliesTo === 'string') out.push(`- Applies to: ${md(it.appliesTo)}`);
  out.push(`- Shown: ${typeof it.trigger === 'string' ? md(it.trigger) : '**no trigger**'}`, '');
  return out;
}

/** Synonym and word-form groups are many and short: one table row each. */
function searchTable(entries: ContentEntry[]): string[] {
  const rows = entries.map((e) => {
    const it = e.item;
    const said = Array.isArray(it.said) ? (it.said as string[]) : Array.isArray(it.forms) ? (it.forms as string[]) : [];
    const means = Array.isArray(it.means) ? (it.means as string[]) : [];
    const source = asSource(it.source);
    return `| \`${e.id}\` | ${md(said.join('; '))} | ${md(means.join('; ') || '(the same words)')} | ${source ? link(source) : '**none**'} | ${String(it.reviewed ?? '**never**')} |`;
  });
  const trigger =
    entries[0] && typeof entries[0].item.trigger === 'string'
      ? String(entries[0].item.trigger).replace(/: when the words include.*$/, '')
      : '';
  return [
    `Shown: not as text. ${md(trigger)}: a group is used when the words typed include one of its phrases (each row's own trigger says which).`,
    '',
    '| Id | People say | Code titles say | Source | Reviewed |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

export function renderContentReport(entries: ContentEntry[] = allContentEntries()): string {
  const reviewed = entries
    .map((e) => e.item.reviewed)
    .filter((r): r is string => typeof r === 'string')
    .sort();
  const sources = new Map<string, { source: Source; ids: string[] }>();
  for (const e of entries) {
    for (const s of [asSource(e.item.source), asSource(e.item.specialtySource)]) {
      if (!s) continue;
      const key = `${s.title}\n${s.url}`;
      const got = sources.get(key) ?? { source: s, ids: [] };
      if (!got.ids.includes(e.id)) got.ids.push(e.id);
      sources.set(key, got);
    }
  }
  const out: string[] = [
    '# Content review: every rule and fact the app can show',
    '',
    '<!-- Generated by `npm run content:report` from src/content and the English catalogue. Do not edit by hand: change the content, then run the command. A test fails when this file is out of date. -->',
    '',
    'How a fact gets in, who may change it and how often it is checked: [content-policy.md](content-policy.md).',
    'Each item below gives its exact English words (placeholders such as `{name}` are filled in by the app),',
    'its source, the day someone last checked the words against that source, whom it applies to where that',
    'matters, and when the app shows it. `test/content/triggers.test.ts` walks the app through scenarios and',
    'fails for any item no scenario shows (or one shown where it must not be).',
    '',
    `- Items: ${entries.length}`,
    `- Sources: ${sources.size}`,
    `- Oldest review: ${reviewed[0] ?? 'none'}; newest: ${reviewed[reviewed.length - 1] ?? 'none'}`,
    '',
    '## Contents',
    '',
    ...CONTENT_AREAS.map(
      (a) => `- ${a.title} (\`src/content/${a.file}\`, ${entries.filter((e) => e.file === a.file).length} items)`,
    ),
    '',
  ];
  for (const area of CONTENT_AREAS) {
    const mine = entries.filter((e) => e.file === area.file);
    if (mine.length === 0) continue;
    out.push(`## ${area.title}`, '', `From \`src/content/${area.file}\`.`, '');
    if (area.file === 'icd10-synonyms.ts') {
      out.push('### Synonym groups', '', ...searchTable(mine.filter((e) => e.id.startsWith('icd10.syn.'))));
      out.push('### Word forms', '', ...searchTable(mine.filter((e) => e.id.startsWith('icd10.forms.'))));
      continue;
    }
    for (const e of mine) out.push(...itemBlock(e));
  }
  out.push('## Sources', '', 'Every source, with the items that cite it (look here first when a rule changes).', '');
  for (const { source, ids } of [...sources.values()].sort((a, b) =>
    a.source.title.localeCompare(b.source.title, 'en'),
  )) {
    const shown =
      ids.length > 12
        ? `${ids
            .slice(0, 12)
            .map((i) => `\`${i}\``)
            .join(', ')} and ${ids.length - 12} more`
        : ids.map((i) => `\`${i}\``).join(', ');
    out.push(`- ${link(source)}: ${shown}`);
  }
  out.push('');
  return out.join('\n');
}
