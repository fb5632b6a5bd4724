import { z } from 'zod';
import type { Translate } from '../../platform/i18n/i18n.ts';
import { type Comparison, DIAGNOSIS_BASES, type PairComparison, pairKey, TREATMENT_BASES } from './comparison.ts';
import { verdictText } from './explain.ts';
import type { OpinionRecord } from './opinions.ts';

// The opinions feature's JSON shapes (OpenAPI) and how records are presented in them. Pure.

export const opinionOut = z.object({
  id: z.string(),
  caseId: z.string(),
  seq: z.number().int().describe('Order of entry within the case'),
  status: z
    .enum(['accepted', 'pending', 'discarded'])
    .describe(
      'pending: written by a doctor through a share link, waiting for the person; discarded: set aside (kept, not compared)',
    ),
  source: z.enum(['person', 'doctor']),
  isFirst: z.boolean().describe('The first opinion: every later one is compared against it'),
  doctorName: z.string(),
  doctorSpecialty: z.string().nullable(),
  doctorNpi: z.string().nullable(),
  doctorPractice: z.string().nullable(),
  givenOn: z.string().describe('YYYY-MM-DD'),
  givenHow: z.enum(['visit', 'video', 'phone', 'written_report']).nullable(),
  diagnoses: z.array(
    z.object({
      text: z.string(),
      code: z.string().nullable().describe('ICD-10-CM, e.g. "C50.912"'),
      codeDescription: z.string().nullable(),
    }),
  ),
  stageStatus: z.string().nullable(),
  prognosis: z.string().nullable(),
  goal: z.enum(['cure', 'control', 'comfort', 'not_known']).nullable(),
  optionsDiscussed: z.string().nullable(),
  plan: z.array(
    z.object({
      category: z.enum([
        'surgery',
        'radiation',
        'systemic_therapy',
        'medication',
        'watchful_waiting',
        'further_tests',
        'rehabilitation',
        'lifestyle',
        'no_treatment',
        'other',
      ]),
      details: z.string().nullable(),
    }),
  ),
  urgency: z.enum(['right_away', 'within_weeks', 'no_rush', 'not_said']).nullable(),
  furtherTests: z.string().nullable(),
  trials: z.string().nullable(),
  answers: z.array(
    z.object({ questionId: z.string().nullable(), question: z.string(), answer: z.string().nullable() }),
  ),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z
    .number()
    .int()
    .describe(
      'Raised by one on every change; also sent as the ETag. Send it back in If-Match to change only that version.',
    ),
});

/** An opinion for the API; `describe` gives a code's title in the code set the app uses. */
export function presentOpinion(
  o: OpinionRecord,
  firstId: string | null,
  describe: (code: string) => string | null,
): z.infer<typeof opinionOut> {
  return {
    id: o.id,
    caseId: o.caseId,
    seq: o.seq,
    status: o.status,
    source: o.source,
    isFirst: o.id === firstId,
    doctorName: o.doctorName,
    doctorSpecialty: o.doctorSpecialty,
    doctorNpi: o.doctorNpi,
    doctorPractice: o.doctorPractice,
    givenOn: o.givenOn,
    givenHow: o.givenHow,
    diagnoses: o.diagnoses.map((d) => ({
      text: d.text,
      code: d.code,
      codeDescription: d.code ? describe(d.code) : null,
    })),
    stageStatus: o.stageStatus,
    prognosis: o.prognosis,
    goal: o.goal,
    optionsDiscussed: o.optionsDiscussed,
    plan: o.plan,
    urgency: o.urgency,
    furtherTests: o.furtherTests,
    trials: o.trials,
    answers: o.answers,
    notes: o.notes,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    version: o.version,
  };
}

const level = z.enum(['same', 'refined', 'different']);
const agreement = z.enum(['agree', 'differ', 'unknown']);
const impact = z.enum(['none', 'minor', 'moderate', 'major']);

const by = z.enum(['rules', 'confirmed', 'corrected']);
const axisOut = <B extends readonly [string, ...string[]]>(bases: B) =>
  z.object({
    level: level.describe('What is shown: the person’s answer if any, else the rules’ suggestion'),
    suggested: level.describe('The rules’ level: always the one level of basis'),
    basis: z.enum(bases).describe('The rules’ reason'),
    confirmed: level.nullable().describe('The person’s answer, or null'),
    by: by.describe(
      'rules: the suggestion stands; confirmed: the person agreed; corrected: the person chose another level',
    ),
  });

export const verdictOut = z.object({
  headline: z
    .enum(['agree', 'refines', 'differs'])
    .describe(
      'differs exactly when diagnosis or treatment is different; refines when neither is different and one is refined',
    ),
  differentOn: z.array(z.enum(['diagnosis', 'treatment'])),
  thirdOpinion: z
    .boolean()
    .describe(
      'The doctors disagree: another opinion is reasonable, and the coverage facts about a third opinion apply',
    ),
  diagnosis: axisOut(DIAGNOSIS_BASES),
  treatment: axisOut(TREATMENT_BASES),
});

export const pairOut = z.object({
  a: z.string().describe('The earlier opinion (id)'),
  b: z.string().describe('The later opinion (id)'),
  vsFirst: z.boolean().describe('a is the first opinion'),
  diagnosis: level.describe('Effective value: the person’s confirmed answer if any, else the suggestion'),
  treatment: level.describe('Effective value, as for diagnosis'),
  goal: agreement.describe(
    'Goal of treatment: agree, differ, or unknown when either is not recorded or "not yet known"',
  ),
  urgency: agreement.describe('How soon to start: agree, differ, or unknown when either did not say'),
  impact: impact.describe('Effective impact: confirmed if any, else suggested'),
  differSignificantly: z
    .boolean()
    .describe('The doctors disagree: diagnosis or treatment "different" (the same as verdict.thirdOpinion)'),
  suggested: z.object({ diagnosis: level, treatment: level, impact }).describe('What the rules suggest'),
  confirmed: z
    .object({ diagnosis: level.nullable(), treatment: level.nullable(), impact: impact.nullable() })
    .describe('What the person confirmed or corrected (null: not yet)'),
  basis: z
    .object({ diagnosis: z.string(), treatment: z.string() })
    .describe('Why the suggestion was made, e.g. same_category, words_contained, different_main_category'),
  diagnosisFromCodes: z
    .boolean()
    .describe('Both main diagnoses had ICD-10-CM codes (otherwise the suggestion came from the words: please confirm)'),
  procedureInvolved: z.boolean().describe('Either plan has surgery or a named procedure'),
  verdict: verdictOut.describe(
    'The one decision for the pair; the page, the printed summary and headline/explanation are read from it',
  ),
  headline: z.string().describe('The verdict’s headline in words'),
  explanation: z
    .object({ diagnosis: z.string(), treatment: z.string() })
    .describe('Each axis in words: its level, the reason, and who set it'),
  version: z
    .number()
    .int()
    .describe(
      'The version of the person’s answers for this pair (0: none yet). Send it in If-Match with PUT to change only that version.',
    ),
});

/** How the comparison is made, for the description in the API document (OpenAPI). */
export const COMPARISON_METHOD =
  'Categories follow Meyer et al. 2015 (Am J Med) and Van Such et al. 2017 (J Eval Clin Pract). For each pair of ' +
  'accepted opinions: diagnosis and treatment are same | refined | different; goal and urgency are agree | differ' +
  ' | unknown; impact is none | minor | moderate | major. Diagnosis from codes when both are coded: same code = ' +
  'same; one code an ancestor of the other in the ICD-10-CM hierarchy, or the same 3-character category = ' +
  'refined; anything else (same block, other block, other chapter) = different. Uncoded diagnoses: the same words' +
  ' (abbreviations spelled out) = same; otherwise the same rules applied to the codes the words point to; such ' +
  'suggestions have diagnosisFromCodes=false and should be confirmed. Treatment from the plan items (the first is' +
  ' the main treatment): the same treatments = same; the same main treatment with a drug, procedure, step or ' +
  'detail added or removed, or other details = refined; another main treatment (kind, or the same kind but ' +
  'another one), or whether or which surgery or procedure = different. Each basis has exactly one level. verdict ' +
  'is the one decision for the pair: headline (agree | refines | differs), the axes that differ, thirdOpinion ' +
  '(true exactly when diagnosis or treatment is different), and per axis the level, the rules’ suggestion, the ' +
  'basis, the person’s answer and who set it; headline and explanation are its words. differSignificantly equals ' +
  'verdict.thirdOpinion. Each pair carries the rules’ suggestion, the person’s confirmation (PUT) and the ' +
  'effective values. With fewer than two accepted opinions the answer is 200 with status "needs_more_opinions" ' +
  'and what is missing.';

export const comparisonOut = z.object({
  caseId: z.string(),
  status: z.enum(['ready', 'needs_more_opinions']),
  missing: z.array(z.enum(['first_opinion', 'another_opinion'])),
  message: z.string().describe('What this means, or what is missing, in plain words'),
  firstOpinionId: z.string().nullable(),
  opinions: z.array(
    z.object({
      id: z.string(),
      doctorName: z.string(),
      doctorSpecialty: z.string().nullable(),
      givenOn: z.string(),
      isFirst: z.boolean(),
    }),
  ),
  pairs: z.array(pairOut).describe('Every pair of accepted opinions in order; pairs with the first opinion come first'),
  anyDifferSignificantly: z.boolean().describe('Some pair disagrees on the diagnosis or the treatment'),
  firstTwoDiffer: z.boolean().describe('The first and the second opinion disagree'),
  medicareThirdOpinion: z
    .boolean()
    .describe(
      'Medicare’s third-opinion rule applies: the first two differ on the diagnosis, or on the treatment with surgery or another procedure in question',
    ),
  method: z.string(),
});

export function presentComparison(
  t: Translate,
  caseId: string,
  opinions: OpinionRecord[],
  c: Comparison,
  versions: ReadonlyMap<string, number>,
): z.infer<typeof comparisonOut> {
  const message =
    c.status === 'needs_more_opinions'
      ? c.missing.includes('first_opinion')
        ? t('compare.missing.none')
        : t('compare.missing.another_opinion')
      : c.anyDifferSignificantly
        ? t('compare.api.differ')
        : t('compare.api.agree');
  return {
    caseId,
    status: c.status,
    missing: c.missing,
    message,
    firstOpinionId: c.firstOpinionId,
    opinions: opinions.map((o) => ({
      id: o.id,
      doctorName: o.doctorName,
      doctorSpecialty: o.doctorSpecialty,
      givenOn: o.givenOn,
      isFirst: o.id === c.firstOpinionId,
    })),
    pairs: c.pairs.map((p) => presentPair(t, p, versions.get(pairKey(p.a, p.b)) ?? 0)),
    anyDifferSignificantly: c.anyDifferSignificantly,
    firstTwoDiffer: c.firstTwoDiffer,
    medicareThirdOpinion: c.medicareThirdOpinion,
    method: t('compare.api.method'),
  };
}

/** A pair for the API: its fields, and the verdict's own words (the same the page and the summary use). */
function presentPair(t: Translate, p: PairComparison, version: number): z.infer<typeof pairOut> {
  const words = verdictText(t, p.verdict);
  return {
    ...p,
    headline: words.headline,
    explanation: { diagnosis: words.diagnosis, treatment: words.treatment },
    version,
  };
}

export const decisionOut = z.object({
  id: z.string(),
  caseId: z.string(),
  decidedOn: z.string(),
  choice: z.string(),
  reasons: z.string().nullable(),
  helpers: z.string().nullable(),
  followedOpinionIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z
    .number()
    .int()
    .describe(
      'Raised by one on every change; also the ETag. Send it in If-Match to change or take back only that version.',
    ),
});

/** The case's status and its decision; the decision's version (0: never decided) is the ETag, also when there is none. */
export const decisionStateOut = z.object({
  caseStatus: z.enum(['open', 'decided']),
  decision: decisionOut.nullable(),
});
