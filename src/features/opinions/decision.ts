import { z } from 'zod';
import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import { optionalText, requiredText } from '../../platform/validation.ts';
import type { Comparison, PairComparison } from './comparison.ts';
import { verdictText } from './explain.ts';
import { type OpinionRecord, opinionLabel, requiredPastDate } from './opinions.ts';

// The decision, and the summary for family and the treating doctor. Pure.

export const DECISION_LIMITS = { choice: 2000, reasons: 4000, helpers: 500, followed: 20 } as const;

/** With `today` (a page's schema for one request), a date after it is refused too; see requiredPastDate. */
export const makeDecisionSchema = (today?: () => string) =>
  z.object({
    decidedOn: requiredPastDate('decision.errors.dateRequired', today),
    choice: requiredText(DECISION_LIMITS.choice, 'decision.errors.choiceRequired'),
    reasons: optionalText(DECISION_LIMITS.reasons),
    helpers: optionalText(DECISION_LIMITS.helpers),
    followedOpinionIds: z.preprocess(
      (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().min(1).max(100)).max(DECISION_LIMITS.followed, 'opinions.errors.tooMany'),
    ),
  });
export const decisionSchema = makeDecisionSchema();
export type DecisionInput = z.infer<typeof decisionSchema>;

export interface DecisionRecord {
  id: string;
  caseId: string;
  decidedOn: string;
  choice: string;
  reasons: string | null;
  helpers: string | null;
  followedOpinionIds: string[];
  createdAt: string;
  updatedAt: string;
  /** Raised by one on every change, and counted on across a decision taken back and made again (ADR 0170). */
  version: number;
}

/** Every followed opinion must be one of this case's accepted opinions. */
export function unknownFollowed(ids: string[], opinions: Pick<OpinionRecord, 'id' | 'status'>[]): string[] {
  const ok = new Set(opinions.filter((o) => o.status === 'accepted').map((o) => o.id));
  return ids.filter((id) => !ok.has(id));
}

// ---------- the summary ----------

export interface SummaryCase {
  title: string;
  patientName: string;
  diagnosis: string | null;
  symptoms: string | null;
  proposedTreatment: string | null;
}

export interface SummarySection {
  heading: string;
  /** Plain paragraphs, in order. */
  paragraphs: string[];
  /** Label/value lines, shown as a list. */
  facts?: [string, string][];
}

export interface SummaryDoc {
  title: string;
  subtitle: string;
  sections: SummarySection[];
  footer: string;
}

const agreementKey = (a: string) => `compare.agreement.${a}` as MessageKey;

/** A pair for a family member: the verdict's headline and explanation, word for word as on the compare page. */
export function pairSentences(t: Translate, p: PairComparison, label: (id: string) => string): string[] {
  const words = verdictText(t, p.verdict);
  return [
    t('summary.pairHeading', { a: label(p.a), b: label(p.b) }),
    words.headline,
    `${t('compare.topic.diagnosis')}: ${words.diagnosis}`,
    `${t('compare.topic.plan')}: ${words.treatment}`,
    `${t('compare.topic.goal')}: ${t(agreementKey(p.goal))}`,
    `${t('compare.topic.urgency')}: ${t(agreementKey(p.urgency))}`,
    `${t('compare.impact.label')}: ${t(`compare.impact.${p.impact}` as MessageKey)}`,
  ];
}

/**
 * The summary, as sections of plain text: the HTML page and the PDF both render this, so
 * they always say the same thing.
 */
export function buildSummary(
  t: Translate,
  formatDate: (iso: string) => string,
  c: SummaryCase,
  opinions: OpinionRecord[],
  comparison: Comparison,
  decision: DecisionRecord | null,
): SummaryDoc {
  const labels = new Map(opinions.map((o, i) => [o.id, t('summary.opinionN', { n: i + 1, doctor: opinionLabel(o) })]));
  const label = (id: string) => labels.get(id) ?? id;
  const sections: SummarySection[] = [];

  const question: [string, string][] = [[t('summary.for'), c.patientName]];
  question.push([t('cases.told.diagnosis'), c.diagnosis ?? t('cases.field.noDiagnosis')]);
  if (c.symptoms) question.push([t('cases.told.symptoms'), c.symptoms]);
  question.push([t('cases.told.treatment'), c.proposedTreatment ?? t('cases.told.none')]);
  sections.push({ heading: t('summary.questionHeading'), paragraphs: [t('summary.questionIntro')], facts: question });

  for (const o of opinions) {
    const facts: [string, string][] = [[t('summary.date'), formatDate(o.givenOn)]];
    if (o.doctorPractice) facts.push([t('opinions.field.doctorPractice'), o.doctorPractice]);
    facts.push([
      t('compare.topic.diagnosis'),
      o.diagnoses.length
        ? o.diagnoses.map((d) => (d.code ? `${d.text} (${d.code})` : d.text)).join('; ')
        : t('opinions.view.noDiagnosis'),
    ]);
    if (o.stageStatus) facts.push([t('compare.topic.stage'), o.stageStatus]);
    facts.push([
      t('compare.topic.plan'),
      o.plan.length
        ? o.plan
            .map((p) => `${t(`opinions.category.${p.category}` as MessageKey)}${p.details ? `: ${p.details}` : ''}`)
            .join('; ')
        : t('opinions.view.noPlan'),
    ]);
    facts.push([
      t('compare.topic.goal'),
      o.goal ? t(`opinions.goal.${o.goal}` as MessageKey) : t('opinions.view.notRecorded'),
    ]);
    facts.push([
      t('compare.topic.urgency'),
      o.urgency ? t(`cases.urgency.${o.urgency}` as MessageKey) : t('opinions.view.notRecorded'),
    ]);
    if (o.prognosis) facts.push([t('compare.topic.prognosis'), o.prognosis]);
    sections.push({ heading: label(o.id), paragraphs: [], facts });
  }

  if (comparison.status === 'ready') {
    const paragraphs: string[] = [];
    for (const p of comparison.pairs.filter((x) => x.vsFirst)) paragraphs.push(pairSentences(t, p, label).join(' · '));
    sections.push({ heading: t('summary.compareHeading'), paragraphs });
  } else {
    sections.push({ heading: t('summary.compareHeading'), paragraphs: [t('compare.missing.another_opinion')] });
  }

  if (decision) {
    const followed = decision.followedOpinionIds.map(label);
    const facts: [string, string][] = [
      [t('decision.field.decidedOn'), formatDate(decision.decidedOn)],
      [t('decision.field.choice'), decision.choice],
      [t('decision.field.reasons'), decision.reasons ?? t('opinions.view.notRecorded')],
      [t('decision.field.followed'), followed.length ? followed.join('; ') : t('decision.followedNone')],
    ];
    if (decision.helpers) facts.push([t('decision.field.helpers'), decision.helpers]);
    sections.push({ heading: t('summary.decisionHeading'), paragraphs: [], facts });
  } else {
    sections.push({ heading: t('summary.decisionHeading'), paragraphs: [t('summary.noDecision')] });
  }

  return {
    title: t('summary.title', { case: c.title }),
    subtitle: t('summary.subtitle', { name: c.patientName }),
    sections,
    footer: t('summary.footer'),
  };
}
