import type { MessageKey, Translate } from '../../platform/i18n/i18n.ts';
import type { AxisVerdict, Level, PairVerdict } from './comparison.ts';

// The words for a pair's decision. Pure. The compare page, the printed summary and the API
// all call these, with the same PairVerdict, so the headline and each explanation are read
// from one decision and cannot disagree (docs/decisions/0163).

export type Axis = 'diagnosis' | 'treatment';

export const levelKey = (axis: Axis, l: Level) => `compare.level.${axis}.${l}` as MessageKey;
export const basisKey = (axis: Axis, basis: string) =>
  (axis === 'diagnosis' ? `compare.basis.${basis}` : `compare.basis.tx_${basis}`) as MessageKey;

export function headlineKey(v: PairVerdict): MessageKey {
  if (v.headline === 'agree') return 'compare.headline.agree';
  if (v.headline === 'refines') return 'compare.headline.refines';
  if (v.differentOn.length === 2) return 'compare.headline.differs.both';
  return v.differentOn[0] === 'diagnosis' ? 'compare.headline.differs.diagnosis' : 'compare.headline.differs.treatment';
}

export interface AxisText {
  /** "Different diagnosis" */
  label: MessageKey;
  /** Why: the rule's reason, or that the person chose another level than the rules. */
  why: MessageKey;
  /** Who set it: our suggestion, confirmed by the person, or the person's correction. */
  by: AxisVerdict<string>['by'];
  /** The rules' level, named when the person corrected it. */
  suggestedLabel: MessageKey | null;
}

export function explainAxis(axis: Axis, v: AxisVerdict<string>): AxisText {
  return {
    label: levelKey(axis, v.level),
    // A corrected level keeps no rule reason: the reason was for the other level.
    why: v.by === 'corrected' ? 'compare.why.corrected' : basisKey(axis, v.basis),
    by: v.by,
    suggestedLabel: v.by === 'corrected' ? levelKey(axis, v.suggested) : null,
  };
}

const BY_KEY: Record<AxisVerdict<string>['by'], MessageKey> = {
  rules: 'compare.pair.suggested',
  confirmed: 'compare.pair.confirmed',
  corrected: 'compare.pair.correctedShort',
};

/** One axis as one plain sentence set: "Different diagnosis. The codes are ... (our suggestion)". */
export function axisSentence(t: Translate, axis: Axis, v: AxisVerdict<string>): string {
  const e = explainAxis(axis, v);
  const why = e.suggestedLabel ? t(e.why, { suggested: t(e.suggestedLabel) }) : t(e.why);
  return `${t(e.label)}. ${why} (${t(BY_KEY[e.by])})`;
}

/** The headline and both explanations of a pair, in words: what the summary and the API say. */
export function verdictText(t: Translate, v: PairVerdict): { headline: string; diagnosis: string; treatment: string } {
  return {
    headline: t(headlineKey(v)),
    diagnosis: axisSentence(t, 'diagnosis', v.diagnosis),
    treatment: axisSentence(t, 'treatment', v.treatment),
  };
}
