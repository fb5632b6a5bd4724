import type { ComponentChildren } from 'preact';
import type { SpecialtyRange } from '../../content/specialists.ts';
import {
  CANCER_CENTER_FACT,
  type CoverageForThird,
  STUDY_FACTS,
  THIRD_OPINION_FACTS,
} from '../../content/third-opinion.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { Alert, Csrf, formatDate, PostButton } from '../../platform/ui/components.tsx';
import type { PageContext } from '../../platform/ui/page-context.ts';
import { contentMark, SourcedList } from '../../platform/ui/sourced.tsx';
import { StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import {
  type Agreement,
  type AxisVerdict,
  type Comparison,
  IMPACTS,
  LEVELS,
  type Level,
  type PairComparison,
  pairKey,
} from './comparison.ts';
import { type Axis, explainAxis, headlineKey, levelKey } from './explain.ts';
import { type OpinionRecord, opinionLabel, type QuestionRef } from './opinions.ts';
import { categoryKey, diagnosisText, givenHowKey, goalKey, urgencyKey } from './opinions-views.tsx';

const agreementKey = (a: Agreement) => `compare.agreement.${a}` as MessageKey;
const impactKey = (i: string) => `compare.impact.${i}` as MessageKey;

/** A marker in words with a shape, so agreement never rests on colour alone. */
function Mark({ kind, text }: { ctx: PageContext; kind: 'same' | 'refined' | 'different' | 'unknown'; text: string }) {
  const symbol = kind === 'same' ? '=' : kind === 'refined' ? '≈' : kind === 'different' ? '≠' : '?';
  return (
    <span class={`so-mark so-mark--${kind}`}>
      <span aria-hidden="true" class="so-mark__symbol">
        {symbol}
      </span>{' '}
      {text}
    </span>
  );
}

const agreementKind = (a: Agreement): 'same' | 'different' | 'unknown' =>
  a === 'agree' ? 'same' : a === 'differ' ? 'different' : 'unknown';

/** The decision's headline for a pair: the one sentence every view of the pair starts from. */
function Headline({ ctx, p }: { ctx: PageContext; p: PairComparison }) {
  return <strong class={`so-headline so-headline--${p.verdict.headline}`}>{ctx.t(headlineKey(p.verdict))}</strong>;
}

/** One axis: its level as a marker, who set it, and why, all from the same verdict. */
function AxisLine({ ctx, axis, v }: { ctx: PageContext; axis: Axis; v: AxisVerdict<string> }) {
  const t = ctx.t;
  const e = explainAxis(axis, v);
  const by =
    v.by === 'rules'
      ? t('compare.pair.suggested')
      : v.by === 'confirmed'
        ? t('compare.pair.confirmed')
        : t('compare.pair.correctedShort');
  return (
    <>
      <Mark ctx={ctx} kind={v.level} text={t(e.label)} /> <span class="so-meta">({by})</span>
      <br />
      <span class="so-meta">{e.suggestedLabel ? t(e.why, { suggested: t(e.suggestedLabel) }) : t(e.why)}</span>
    </>
  );
}

function ThirdOpinion({
  ctx,
  c,
  hints,
  rows,
  cancer,
  coverage,
}: {
  ctx: PageContext;
  c: CaseContext;
  hints: MessageKey[];
  rows: SpecialtyRange[];
  cancer: boolean;
  coverage: CoverageForThird;
}) {
  const t = ctx.t;
  return (
    <section class="usa-alert usa-alert--warning so-third margin-y-4" aria-labelledby="third-heading">
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading" id="third-heading">
          {t('compare.third.heading')}
        </h2>
        <p>{t('compare.third.intro')}</p>
        <SourcedList ctx={ctx} items={THIRD_OPINION_FACTS} />
        <h3>{t('compare.third.whoHeading')}</h3>
        <ul class="usa-list">
          {hints.map((k) => {
            // A line from the code-range table names the rows it stands for (two rows can share one line).
            const from = rows.filter((r) => r.text === k);
            return <li {...(from.length ? contentMark(from) : {})}>{t(k)}</li>;
          })}
        </ul>
        {cancer ? <SourcedList ctx={ctx} items={[CANCER_CENTER_FACT]} /> : null}
        {coverage.none ? (
          <p>{t('compare.third.coverageNone')}</p>
        ) : coverage.items.length > 0 ? (
          <>
            <h3>{coverage.known ? t('compare.third.coverageYours') : t('compare.third.coverageGeneral')}</h3>
            <SourcedList ctx={ctx} items={coverage.items} />
          </>
        ) : null}
        <p>{t('compare.third.buttonIntro')}</p>
        <PostButton ctx={ctx} action={`/cases/${c.id}/compare/third-opinion`} label={t('compare.third.button')} />
      </div>
    </section>
  );
}

/** One row of the side-by-side table. */
function Row(props: {
  ctx: PageContext;
  topic: string;
  labels: string[];
  cells: ComponentChildren[];
  agreement: ComponentChildren;
  agreeLabel: string;
  highlight?: boolean[];
}) {
  return (
    <tr>
      <th scope="row">{props.topic}</th>
      <td data-label={props.agreeLabel} class="so-agree-cell">
        {props.agreement}
      </td>
      {props.cells.map((cell, i) => (
        <td data-label={props.labels[i]} class={props.highlight?.[i] ? 'so-cell--differs' : undefined}>
          {cell}
          {props.highlight?.[i] ? (
            <>
              {' '}
              <span class="so-tag-differs">{props.ctx.t('compare.differsFromFirst')}</span>
            </>
          ) : null}
        </td>
      ))}
    </tr>
  );
}

type PairAxis = 'diagnosis' | 'treatment' | 'impact';

/** A pair form saved over newer answers: what the person chose, and the pair's version now (ADR 0016). */
export interface StalePair {
  a: string;
  b: string;
  typed: Record<PairAxis, string>;
  version: number;
}

const AXIS_WORDS: [PairAxis, (v: string) => MessageKey][] = [
  ['diagnosis', (v) => levelKey('diagnosis', v as Level)],
  ['treatment', (v) => levelKey('treatment', v as Level)],
  ['impact', impactKey],
];

/** The pair's answers as saved now beside what the person chose, each named with the pair. */
function PairStaleNotice({
  ctx,
  p,
  stale,
  heading,
}: {
  ctx: PageContext;
  p: PairComparison;
  stale: StalePair;
  heading: string;
}) {
  const t = ctx.t;
  const words = (axis: PairAxis, key: (v: string) => MessageKey, v: string) =>
    v ? t(key(v)) : t('compare.confirm.keep', { value: t(key(p.suggested[axis])) });
  const fields = AXIS_WORDS.map(([axis, key]) => ({
    label: `${heading}: ${t(`compare.confirm.${axis}` as MessageKey)}`,
    saved: words(axis, key, p.confirmed[axis] ?? ''),
    yours: words(axis, key, stale.typed[axis]),
  }));
  return <StaleNotice ctx={ctx} fields={fields} />;
}

function PairForm({
  ctx,
  c,
  p,
  version,
  stale,
}: {
  ctx: PageContext;
  c: CaseContext;
  p: PairComparison;
  version: number;
  stale?: StalePair;
}) {
  const t = ctx.t;
  const id = `${p.a}-${p.b}`;
  const select = (axis: PairAxis, values: readonly string[], key: (v: string) => MessageKey) => {
    const suggested = p.suggested[axis];
    const current = stale ? stale.typed[axis] : (p.confirmed[axis] ?? '');
    return (
      <div class="usa-form-group">
        <label class="usa-label" for={`${axis}-${id}`}>
          {t(`compare.confirm.${axis}` as MessageKey)}
        </label>
        <select class="usa-select" id={`${axis}-${id}`} name={axis}>
          <option value="" selected={current === ''}>
            {t('compare.confirm.keep', { value: t(key(suggested)) })}
          </option>
          {values.map((v) => (
            <option value={v} selected={current === v}>
              {t(key(v))}
            </option>
          ))}
        </select>
      </div>
    );
  };
  return (
    <form method="post" action={`/cases/${c.id}/compare/confirm`} class="usa-form so-no-print">
      <Csrf ctx={ctx} />
      <VersionField version={stale ? stale.version : version} />
      <input type="hidden" name="a" value={p.a} />
      <input type="hidden" name="b" value={p.b} />
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">{t('compare.confirm.legend')}</legend>
        {select('diagnosis', LEVELS, (v) => levelKey('diagnosis', v as Level))}
        {select('treatment', LEVELS, (v) => levelKey('treatment', v as Level))}
        {select('impact', IMPACTS, impactKey)}
      </fieldset>
      <button class="usa-button usa-button--outline" type="submit">
        {t('compare.confirm.save')}
      </button>
    </form>
  );
}

function PairDetail(props: {
  ctx: PageContext;
  c: CaseContext;
  p: PairComparison;
  label: (id: string) => string;
  version: number;
  stale?: StalePair;
}) {
  const { ctx, c, p, label } = props;
  const t = ctx.t;
  return (
    <section class="so-pair" id={`pair-${p.a}-${p.b}`} aria-labelledby={`pair-h-${p.a}-${p.b}`}>
      <h3 id={`pair-h-${p.a}-${p.b}`}>{t('compare.pair.heading', { a: label(p.a), b: label(p.b) })}</h3>
      {!p.diagnosisFromCodes &&
      p.confirmed.diagnosis === null &&
      p.basis.diagnosis !== 'both_none' &&
      p.basis.diagnosis !== 'one_none' ? (
        <Alert type="info" slim>
          <p>{t('compare.pair.fromWords')}</p>
        </Alert>
      ) : null}
      <dl class="so-key-facts">
        <dt>{t('compare.pair.significant')}</dt>
        <dd>
          <Headline ctx={ctx} p={p} />
        </dd>
        <dt>{t('compare.topic.diagnosis')}</dt>
        <dd>
          <AxisLine ctx={ctx} axis="diagnosis" v={p.verdict.diagnosis} />
        </dd>
        <dt>{t('compare.topic.plan')}</dt>
        <dd>
          <AxisLine ctx={ctx} axis="treatment" v={p.verdict.treatment} />
        </dd>
        <dt>{t('compare.topic.goal')}</dt>
        <dd>
          <Mark ctx={ctx} kind={agreementKind(p.goal)} text={t(agreementKey(p.goal))} />
        </dd>
        <dt>{t('compare.topic.urgency')}</dt>
        <dd>
          <Mark ctx={ctx} kind={agreementKind(p.urgency)} text={t(agreementKey(p.urgency))} />
        </dd>
        <dt>{t('compare.impact.label')}</dt>
        <dd>
          {t(impactKey(p.impact))}{' '}
          <span class="so-meta">
            ({p.confirmed.impact ? t('compare.pair.yourRating') : t('compare.pair.ourSuggestion')})
          </span>
        </dd>
      </dl>
      <PairForm ctx={ctx} c={c} p={p} version={props.version} stale={props.stale} />
    </section>
  );
}

export function ComparePage({
  ctx,
  c,
  opinions,
  comparison,
  questions,
  hints,
  rows = [],
  cancer,
  coverage,
  versions,
  stale,
}: {
  ctx: PageContext;
  c: CaseContext;
  opinions: OpinionRecord[];
  comparison: Comparison;
  questions: QuestionRef[];
  hints: MessageKey[];
  /** The code-range table's rows the diagnoses fall in (guidance.ts), to mark which the hints show. */
  rows?: SpecialtyRange[];
  cancer: boolean;
  coverage: CoverageForThird;
  /** Each pair's version of the person's answers (pairKey), carried by its form. */
  versions: ReadonlyMap<string, number>;
  /** A pair form saved over someone else's newer answers. */
  stale?: StalePair;
}) {
  const t = ctx.t;
  const labels = opinions.map((o, i) => t('compare.opinionN', { n: i + 1, doctor: opinionLabel(o) }));
  const labelOf = (id: string) => labels[opinions.findIndex((o) => o.id === id)] ?? id;
  const vsFirst = comparison.pairs.filter((p) => p.vsFirst);
  const isStale = (p: PairComparison) => !!stale && pairKey(stale.a, stale.b) === pairKey(p.a, p.b);
  const stalePair = comparison.pairs.find(isStale);
  const pairFor = (o: OpinionRecord) => vsFirst.find((p) => p.b === o.id);
  const differs = (axis: Axis) => opinions.map((o) => pairFor(o)?.verdict[axis].level === 'different');
  const agreementList = (render: (p: PairComparison) => ComponentChildren) =>
    vsFirst.length === 0 ? (
      '—'
    ) : (
      <ul class="usa-list usa-list--unstyled">
        {vsFirst.map((p) => (
          <li>
            <span class="so-meta">{t('compare.vsFirstShort', { n: opinions.findIndex((o) => o.id === p.b) + 1 })}</span>{' '}
            {render(p)}
          </li>
        ))}
      </ul>
    );
  const notCompared = <span class="so-meta">{t('compare.notCompared')}</span>;
  const text = (v: string | null) =>
    v ? <span class="so-pre">{v}</span> : <span class="so-meta">{t('opinions.view.notRecorded')}</span>;

  // Every question asked of any doctor: the case's questions first, then others by their words.
  const questionRows: { key: string; text: string; answerOf: (o: OpinionRecord) => string | null | undefined }[] = [];
  for (const q of questions)
    questionRows.push({
      key: q.id,
      text: q.text,
      answerOf: (o) => o.answers.find((a) => a.questionId === q.id)?.answer,
    });
  const known = new Set(questions.map((q) => q.id));
  const seen = new Set<string>();
  for (const o of opinions) {
    for (const a of o.answers) {
      if (a.questionId && known.has(a.questionId)) continue;
      const norm = a.question.trim().toLowerCase();
      if (seen.has(norm)) continue;
      seen.add(norm);
      questionRows.push({
        key: norm,
        text: a.question,
        answerOf: (x) =>
          x.answers.find((y) => (!y.questionId || !known.has(y.questionId)) && y.question.trim().toLowerCase() === norm)
            ?.answer,
      });
    }
  }

  return (
    <StepLayout ctx={ctx} c={c} title={t('compare.title')} crumbs={[[t('opinions.title'), `/cases/${c.id}/opinions`]]}>
      <h1>{t('compare.title')}</h1>
      {stalePair && stale ? (
        <PairStaleNotice
          ctx={ctx}
          p={stalePair}
          stale={stale}
          heading={t('compare.pair.heading', { a: labelOf(stalePair.a), b: labelOf(stalePair.b) })}
        />
      ) : null}
      {comparison.status === 'needs_more_opinions' ? (
        <div class="usa-summary-box margin-y-3" role="region" aria-labelledby="missing-heading">
          <div class="usa-summary-box__body">
            <h2 class="usa-summary-box__heading" id="missing-heading">
              {t('compare.missing.heading')}
            </h2>
            <div class="usa-summary-box__text">
              <p>
                {comparison.missing.includes('first_opinion')
                  ? t('compare.missing.none')
                  : t('compare.missing.another_opinion')}
              </p>
              {opinions.length === 1 ? (
                <p>
                  {t('compare.missing.have', {
                    doctor: opinionLabel(opinions[0]!),
                    date: formatDate(ctx, opinions[0]!.givenOn),
                  })}
                </p>
              ) : null}
              <p>
                <a class="usa-button" href={`/cases/${c.id}/opinions/new`}>
                  {t('opinions.add')}
                </a>
              </p>
            </div>
          </div>
        </div>
      ) : (
        <>
          <p class="usa-intro">{t('compare.intro', { count: opinions.length })}</p>
          <section aria-labelledby="glance-heading">
            <h2 id="glance-heading">{t('compare.glance.heading')}</h2>
            <ul class="so-card-list">
              {vsFirst.map((p) => (
                <li>
                  <h3 class="margin-top-0">{t('compare.pair.heading', { a: labelOf(p.a), b: labelOf(p.b) })}</h3>
                  <p class="font-sans-md">
                    <Headline ctx={ctx} p={p} />
                  </p>
                  <ul class="usa-list usa-list--unstyled">
                    <li>
                      {t('compare.topic.diagnosis')}:{' '}
                      <Mark
                        ctx={ctx}
                        kind={p.verdict.diagnosis.level}
                        text={t(levelKey('diagnosis', p.verdict.diagnosis.level))}
                      />
                    </li>
                    <li>
                      {t('compare.topic.plan')}:{' '}
                      <Mark
                        ctx={ctx}
                        kind={p.verdict.treatment.level}
                        text={t(levelKey('treatment', p.verdict.treatment.level))}
                      />
                    </li>
                    <li>
                      {t('compare.topic.goal')}:{' '}
                      <Mark ctx={ctx} kind={agreementKind(p.goal)} text={t(agreementKey(p.goal))} />
                    </li>
                    <li>
                      {t('compare.topic.urgency')}:{' '}
                      <Mark ctx={ctx} kind={agreementKind(p.urgency)} text={t(agreementKey(p.urgency))} />
                    </li>
                  </ul>
                </li>
              ))}
            </ul>
          </section>

          {comparison.anyDifferSignificantly ? (
            <ThirdOpinion ctx={ctx} c={c} hints={hints} rows={rows} cancer={cancer} coverage={coverage} />
          ) : (
            <Alert type="success" slim>
              <p>{t('compare.noSignificant')}</p>
            </Alert>
          )}

          <section aria-labelledby="side-heading" class="margin-top-4">
            <h2 id="side-heading">{t('compare.table.heading')}</h2>
            <p>{t('compare.table.intro')}</p>
            <div
              class="usa-table-container--scrollable so-compare-wrap"
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable table must be reachable by keyboard (axe scrollable-region-focusable)
              tabIndex={0}
              role="region"
              aria-labelledby="side-heading"
            >
              <table class="usa-table usa-table--stacked-header so-compare">
                <caption class="usa-sr-only">{t('compare.table.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('compare.table.topic')}</th>
                    <th scope="col">{t('compare.table.agree')}</th>
                    {labels.map((l) => (
                      <th scope="col">{l}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.when')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map(
                      (o) => `${formatDate(ctx, o.givenOn)}${o.givenHow ? ` (${t(givenHowKey(o.givenHow))})` : ''}`,
                    )}
                    agreement={notCompared}
                  />
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.diagnosis')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map((o) => diagnosisText(ctx, o))}
                    highlight={differs('diagnosis')}
                    agreement={agreementList((p) => (
                      <Mark
                        ctx={ctx}
                        kind={p.verdict.diagnosis.level}
                        text={t(levelKey('diagnosis', p.verdict.diagnosis.level))}
                      />
                    ))}
                  />
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.stage')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map((o) => text(o.stageStatus))}
                    agreement={notCompared}
                  />
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.prognosis')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map((o) => text(o.prognosis))}
                    agreement={notCompared}
                  />
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.goal')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map((o) => (o.goal ? t(goalKey(o.goal)) : text(null)))}
                    highlight={opinions.map((o) => pairFor(o)?.goal === 'differ')}
                    agreement={agreementList((p) => (
                      <Mark ctx={ctx} kind={agreementKind(p.goal)} text={t(agreementKey(p.goal))} />
                    ))}
                  />
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.plan')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map((o) =>
                      o.plan.length ? (
                        <ol class="so-plan-list">
                          {o.plan.map((p) => (
                            <li>
                              <strong>{t(categoryKey(p.category))}</strong>
                              {p.details ? `: ${p.details}` : ''}
                            </li>
                          ))}
                        </ol>
                      ) : (
                        text(null)
                      ),
                    )}
                    highlight={differs('treatment')}
                    agreement={agreementList((p) => (
                      <Mark
                        ctx={ctx}
                        kind={p.verdict.treatment.level}
                        text={t(levelKey('treatment', p.verdict.treatment.level))}
                      />
                    ))}
                  />
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.urgency')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map((o) => (o.urgency ? t(urgencyKey(o.urgency)) : text(null)))}
                    highlight={opinions.map((o) => pairFor(o)?.urgency === 'differ')}
                    agreement={agreementList((p) => (
                      <Mark ctx={ctx} kind={agreementKind(p.urgency)} text={t(agreementKey(p.urgency))} />
                    ))}
                  />
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.options')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map((o) => text(o.optionsDiscussed))}
                    agreement={notCompared}
                  />
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.tests')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map((o) => text(o.furtherTests))}
                    agreement={notCompared}
                  />
                  <Row
                    ctx={ctx}
                    topic={t('compare.topic.trials')}
                    labels={labels}
                    agreeLabel={t('compare.table.agree')}
                    cells={opinions.map((o) => text(o.trials))}
                    agreement={notCompared}
                  />
                  {questionRows.map((q) => (
                    <Row
                      ctx={ctx}
                      topic={q.text}
                      labels={labels}
                      agreeLabel={t('compare.table.agree')}
                      cells={opinions.map((o) => {
                        const a = q.answerOf(o);
                        return a ? (
                          <span class="so-pre">{a}</span>
                        ) : (
                          <span class="so-meta">{t('compare.noAnswer')}</span>
                        );
                      })}
                      agreement={<span class="so-meta">{t('compare.readAnswers')}</span>}
                    />
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="pairs-heading" class="margin-top-4">
            <h2 id="pairs-heading">{t('compare.pairs.heading')}</h2>
            <p>{t('compare.pairs.intro')}</p>
            {comparison.pairs.map((p) => (
              <PairDetail
                ctx={ctx}
                c={c}
                p={p}
                label={labelOf}
                version={versions.get(pairKey(p.a, p.b)) ?? 0}
                stale={isStale(p) ? stale : undefined}
              />
            ))}
          </section>

          {!comparison.anyDifferSignificantly ? (
            <p class="margin-top-3 so-no-print">
              <span class="so-meta">{t('compare.third.always')}</span>{' '}
              <PostButton
                ctx={ctx}
                action={`/cases/${c.id}/compare/third-opinion`}
                label={t('compare.third.button')}
                variant="outline"
              />
            </p>
          ) : null}
        </>
      )}

      <section aria-labelledby="method-heading" class="margin-top-4">
        <h2 id="method-heading">{t('compare.method.heading')}</h2>
        <p>{t('compare.method.levels')}</p>
        <p>{t('compare.method.significant')}</p>
        <SourcedList ctx={ctx} items={STUDY_FACTS} />
      </section>

      <p class="margin-top-4 so-no-print">
        <a class="usa-button" href={`/cases/${c.id}/decision`}>
          {t('compare.toDecision')}
        </a>
        <a class="usa-button usa-button--outline" href="#" data-print hidden>
          {t('form.print')}
        </a>
      </p>
    </StepLayout>
  );
}
