import { CASE_KINDS, type CaseKind, caseKindKey, IMAGES_FACT, isSpecimenItem } from '../../content/records.ts';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { Alert, Csrf, ErrorSummary, formatDate, Radios } from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { SourcedList, SourceNote } from '../../platform/ui/sourced.tsx';
import { StaleNotice } from '../../platform/ui/stale.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import {
  type ChecklistRow,
  type ChecklistSummary,
  ITEM_STATUSES,
  type ItemStatus,
  itemStatusKey,
} from './checklist.ts';
import type { DocumentRecord } from './documents.ts';
import { DocumentTable, documentHref, RemovedDocuments, ReviewDocuments, recordsHref } from './documents-views.tsx';
import { categoryKey, ITEM_CATEGORIES } from './imports.ts';
import { Marked } from './records-ui.tsx';
import type { RecordRequest } from './requests.ts';
import { RequestList } from './requests-views.tsx';
import { MARK_END, MARK_START, type SearchHit } from './search-store.ts';
import type { SpecimenRequest } from './specimens.ts';
import { SpecimenList, specimenNewHref } from './specimens-views.tsx';
import { groupByYear, type TestDone, type TimelineItem, testKindKey } from './timeline.ts';

const VALUE_KEYS: Partial<Record<string, MessageKey>> = {
  allergy: 'records.timeline.value.allergy',
  medication: 'records.timeline.value.medication',
  report: 'records.timeline.value.report',
  imaging: 'records.timeline.value.imaging',
};
const valueKey = (category: string): MessageKey => VALUE_KEYS[category] ?? 'records.timeline.value';

function SubNav({ ctx, c }: { ctx: PageContext; c: CaseContext }) {
  const t = ctx.t;
  const base = recordsHref(c.id);
  return (
    <nav aria-label={t('records.title')} class="so-no-print margin-y-2">
      <ul class="so-subnav">
        <li>
          <a href={`${base}/checklist`}>{t('records.nav.checklist')}</a>
        </li>
        <li>
          <a href={`${base}/upload`}>{t('records.hub.upload')}</a>
        </li>
        <li>
          <a href={`${base}/requests/new`}>{t('records.hub.newRequest')}</a>
        </li>
        <li>
          <a href={`${base}/timeline`}>{t('records.nav.timeline')}</a>
        </li>
        <li>
          <a href={`${base}/tests-done`}>{t('records.nav.testsDone')}</a>
        </li>
      </ul>
    </nav>
  );
}

export function SearchForm({ ctx, c, q }: { ctx: PageContext; c: CaseContext; q: string }) {
  const t = ctx.t;
  return (
    <form class="usa-form so-search" role="search" method="get" action={`${recordsHref(c.id)}/search`}>
      <label class="usa-label" for="records-q">
        {t('records.search.label')}
      </label>
      <span class="usa-hint" id="records-q-hint">
        {t('records.search.hint')}
      </span>
      <div class="so-search-row">
        <input
          class="usa-input"
          id="records-q"
          type="search"
          name="q"
          value={q}
          maxLength={200}
          aria-describedby="records-q-hint"
        />
        <button class="usa-button" type="submit">
          {t('records.search.submit')}
        </button>
      </div>
    </form>
  );
}

export function RecordsPage({
  ctx,
  c,
  documents,
  removed,
  review,
  requests,
  specimenRequests,
  checklist,
  itemCount,
  today,
}: {
  ctx: PageContext;
  c: CaseContext;
  documents: DocumentRecord[];
  /** Documents taken out of the case, which can be put back. */
  removed: DocumentRecord[];
  /** Older imports naming someone else, held out of the case until someone decides (ADR 0146). */
  review: DocumentRecord[];
  requests: RecordRequest[];
  /** Slides and blocks asked for from a lab (specimen requests). */
  specimenRequests: SpecimenRequest[];
  checklist: ChecklistSummary | null;
  itemCount: number;
  today: string;
}) {
  const t = ctx.t;
  const base = recordsHref(c.id);
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.title')}>
      <h1>{t('records.title')}</h1>
      <div class="usa-prose">
        <p>{t('records.intro')}</p>
      </div>
      <SourcedList ctx={ctx} items={[IMAGES_FACT]} />
      <ReviewDocuments ctx={ctx} c={c} documents={review} />
      <SubNav ctx={ctx} c={c} />

      <section aria-labelledby="checklist-heading" class="margin-top-4">
        <h2 id="checklist-heading">{t('records.hub.checklistHeading')}</h2>
        <p>
          {checklist
            ? t('records.hub.checklistSummary', {
                received: checklist.received + checklist.notApplicable,
                total: checklist.total,
                requested: checklist.requested,
              })
            : t('records.hub.checklistNone')}
        </p>
        {checklist?.complete ? (
          <Alert type="success" slim>
            <p>{t('records.checklist.complete')}</p>
          </Alert>
        ) : null}
        <p>
          <a class="usa-button usa-button--outline" href={`${base}/checklist`}>
            {t('records.hub.checklistOpen')}
          </a>
        </p>
      </section>

      <section aria-labelledby="requests-heading" class="margin-top-4">
        <h2 id="requests-heading">{t('records.hub.requestsHeading')}</h2>
        <p>{t('records.hub.requestsIntro')}</p>
        <RequestList ctx={ctx} c={c} requests={requests} today={today} />
        <p>
          <a class="usa-button usa-button--outline" href={`${base}/requests/new`}>
            {t('records.hub.newRequest')}
          </a>
        </p>
      </section>

      <section aria-labelledby="specimens-heading" class="margin-top-4">
        <h2 id="specimens-heading">{t('records.hub.specimensHeading')}</h2>
        <p>{t('records.hub.specimensIntro')}</p>
        <SpecimenList ctx={ctx} c={c} requests={specimenRequests} />
        <p>
          <a class="usa-button usa-button--outline" href={specimenNewHref(c.id)}>
            {t('records.hub.newSpecimenRequest')}
          </a>
        </p>
      </section>

      <section aria-labelledby="documents-heading" class="margin-top-4">
        <h2 id="documents-heading">{t('records.hub.documentsHeading')}</h2>
        <p>
          <a class="usa-button" href={`${base}/upload`}>
            {t('records.hub.upload')}
          </a>
        </p>
        <DocumentTable ctx={ctx} c={c} documents={documents} />
        <RemovedDocuments ctx={ctx} c={c} documents={removed} />
        <p class="margin-top-2">
          <a href={`/cases/${c.id}/export/fhir`} aria-describedby="fhir-export-hint">
            {t('fhir.download.link')}
          </a>
        </p>
        <p id="fhir-export-hint" class="usa-hint">
          {t('fhir.download.hint')}
        </p>
      </section>

      <section aria-labelledby="imported-heading" class="margin-top-4">
        <h2 id="imported-heading">{t('records.hub.importedHeading')}</h2>
        <p>{t('records.hub.importedIntro')}</p>
        {itemCount > 0 ? <p>{t('records.hub.importedCount', { count: itemCount })}</p> : null}
        <ul class="usa-list">
          <li>
            <a href={`${base}/timeline`}>{t('records.nav.timeline')}</a>
          </li>
          <li>
            <a href={`${base}/tests-done`}>{t('records.nav.testsDone')}</a>
          </li>
        </ul>
      </section>

      <section aria-labelledby="search-heading" class="margin-top-4 so-no-print">
        <h2 id="search-heading">{t('records.hub.searchHeading')}</h2>
        <SearchForm ctx={ctx} c={c} q="" />
      </section>
    </StepLayout>
  );
}

export function ChecklistPage({
  ctx,
  c,
  kind,
  suggested,
  rows,
  kindForm,
  statusForm,
  stale,
}: {
  ctx: PageContext;
  c: CaseContext;
  kind: CaseKind | null;
  suggested: CaseKind;
  rows: ChecklistRow[];
  kindForm: FormState;
  statusForm: FormState | null;
  /** The checklist as someone else saved it while this person was editing (ADR 0016). */
  stale?: ChecklistRow[] | undefined;
}) {
  const t = ctx.t;
  const action = `${recordsHref(c.id)}/checklist`;
  const shown = rows.flatMap((r) => [
    [`status.${r.item.key}`, r.status],
    [`version.${r.item.key}`, String(r.version)],
  ]);
  const sf: FormState = statusForm ?? { values: Object.fromEntries(shown), errors: {} };
  const statusText = (v: string | undefined) =>
    (ITEM_STATUSES as readonly string[]).includes(v ?? '') ? t(itemStatusKey(v as ItemStatus)) : '';
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.checklist.title')} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{t('records.checklist.title')}</h1>
      <p>{t('records.checklist.intro')}</p>
      <ErrorSummary ctx={ctx} form={kindForm} />
      <form class="usa-form usa-form--large so-no-print" method="post" action={action} novalidate>
        <Csrf ctx={ctx} />
        <input type="hidden" name="intent" value="kind" />
        <Radios
          ctx={ctx}
          form={kindForm.values.caseKind ? kindForm : { ...kindForm, values: { caseKind: kind ?? suggested } }}
          name="caseKind"
          legend="records.checklist.kindHeading"
          hint="records.checklist.kindHint"
          required
          choices={CASE_KINDS.map((k) => ({ value: k, label: caseKindKey(k) }))}
        />
        <button class={`usa-button${kind ? ' usa-button--outline' : ''}`} type="submit">
          {t('records.checklist.kindSubmit')}
        </button>
      </form>

      {kind ? (
        <section aria-labelledby="items-heading" class="margin-top-4">
          <h2 id="items-heading">
            {t('records.checklist.itemsHeading')}: {t(caseKindKey(kind))}
          </h2>
          {stale ? (
            <StaleNotice
              ctx={ctx}
              fields={stale.map((r) => ({
                label: t(r.item.text),
                saved: statusText(r.status),
                yours: statusText(sf.values[`status.${r.item.key}`]),
              }))}
            />
          ) : null}
          <ErrorSummary ctx={ctx} form={sf} />
          <form class="usa-form usa-form--large so-checklist" method="post" action={action} novalidate>
            <Csrf ctx={ctx} />
            <input type="hidden" name="intent" value="statuses" />
            {rows.map((r) => {
              const name = `status.${r.item.key}`;
              return (
                <div class="so-checklist-item">
                  <input
                    type="hidden"
                    name={`version.${r.item.key}`}
                    value={sf.values[`version.${r.item.key}`] ?? ''}
                  />
                  <Radios
                    ctx={ctx}
                    form={sf}
                    name={name}
                    legend={r.item.text}
                    required
                    hintText={r.item.hint ? t(r.item.hint) : undefined}
                    choices={ITEM_STATUSES.map((s) => ({ value: s, label: itemStatusKey(s) }))}
                  />
                  <p class="margin-top-0">
                    <SourceNote ctx={ctx} source={r.item.source} item={r.item} />
                  </p>
                  {isSpecimenItem(r.item.key) ? (
                    <p class="margin-top-0">
                      <a href={specimenNewHref(c.id)}>{t('records.hub.newSpecimenRequest')}</a>
                    </p>
                  ) : null}
                  <p class="margin-top-0">
                    {r.documents.length ? (
                      <>
                        {t('records.checklist.linked')}
                        {r.documents.map((d, i) => (
                          <>
                            {i > 0 ? ', ' : ''}
                            <a href={documentHref(c.id, d.id)}>{d.title}</a>
                          </>
                        ))}
                      </>
                    ) : (
                      <span class="so-meta">{t('records.checklist.noLinks')}</span>
                    )}
                  </p>
                </div>
              );
            })}
            <button class="usa-button" type="submit">
              {t('records.checklist.saveStatuses')}
            </button>
          </form>
        </section>
      ) : null}
    </StepLayout>
  );
}

export function TimelinePage({
  ctx,
  c,
  items,
  category,
  docTitles,
  more,
}: {
  ctx: PageContext;
  c: CaseContext;
  items: TimelineItem[];
  category: string;
  docTitles: Map<string, { title: string; caseId: string }>;
  more: string | null;
}) {
  const t = ctx.t;
  const action = `${recordsHref(c.id)}/timeline`;
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.timeline.title')} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{t('records.timeline.title')}</h1>
      <p>{t('records.timeline.intro')}</p>
      <form class="usa-form so-no-print margin-bottom-3" method="get" action={action}>
        <label class="usa-label" for="category">
          {t('records.timeline.filter')}
        </label>
        <select class="usa-select" id="category" name="category">
          <option value="">{t('records.timeline.all')}</option>
          {ITEM_CATEGORIES.map((k) => (
            <option value={k} selected={category === k}>
              {t(categoryKey(k))}
            </option>
          ))}
        </select>
        <button class="usa-button usa-button--outline margin-top-1" type="submit">
          {t('records.timeline.filterSubmit')}
        </button>
      </form>
      <div class="so-no-print">
        <SearchForm ctx={ctx} c={c} q="" />
      </div>
      {items.length === 0 ? <p>{t('records.timeline.none')}</p> : null}
      {groupByYear(items).map((g) => (
        <section aria-labelledby={`y-${g.year ?? 'none'}`}>
          <h2 id={`y-${g.year ?? 'none'}`}>{g.year ?? t('records.timeline.undated')}</h2>
          <ol class="so-timeline">
            {g.items.map((i) => {
              const from = docTitles.get(i.documentId);
              return (
                <li id={`item-${i.id}`}>
                  <p class="margin-y-05">
                    <span class="so-status">{t(categoryKey(i.category))}</span> <strong>{i.display}</strong>
                  </p>
                  <p class="so-meta margin-y-05">
                    {i.startedOn ? formatDate(ctx, i.startedOn) : t('records.timeline.undated')}
                    {i.endedOn && i.endedOn !== i.startedOn
                      ? ` ${t('records.timeline.until', { date: formatDate(ctx, i.endedOn) })}`
                      : ''}
                    {i.place ? ` · ${i.place}` : ''}
                    {i.status ? ` · ${t('records.timeline.status', { status: i.status })}` : ''}
                  </p>
                  {i.value ? <p class="margin-y-05">{t(valueKey(i.category), { value: i.value })}</p> : null}
                  {from ? (
                    <p class="so-meta margin-y-05">
                      <a href={documentHref(from.caseId, i.documentId)}>
                        {t('records.timeline.from', { title: from.title })}
                      </a>
                    </p>
                  ) : null}
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      {more ? (
        <p class="so-no-print">
          <a href={more}>{t('records.timeline.more')}</a>
        </p>
      ) : null}
    </StepLayout>
  );
}

export function TestsDonePage({ ctx, c, tests }: { ctx: PageContext; c: CaseContext; tests: TestDone[] }) {
  const t = ctx.t;
  const when = (x: TestDone) =>
    x.times > 1 && x.firstOn && x.lastOn
      ? t('records.testsDone.times', {
          count: x.times,
          first: formatDate(ctx, x.firstOn),
          last: formatDate(ctx, x.lastOn),
        })
      : x.lastOn
        ? formatDate(ctx, x.lastOn)
        : t('records.testsDone.unknown');
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.testsDone.title')} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{t('records.testsDone.title')}</h1>
      <p>{t('records.testsDone.intro')}</p>
      <p class="so-no-print">
        <a class="usa-button usa-button--outline" href="#" data-print hidden>
          {t('form.print')}
        </a>
      </p>
      {tests.length === 0 ? (
        <p>{t('records.testsDone.none')}</p>
      ) : (
        <table class="usa-table usa-table--stacked usa-table--borderless so-full-width">
          <caption class="usa-sr-only">{t('records.testsDone.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('records.testsDone.what')}</th>
              <th scope="col">{t('records.testsDone.kind')}</th>
              <th scope="col">{t('records.testsDone.when')}</th>
              <th scope="col">{t('records.testsDone.where')}</th>
            </tr>
          </thead>
          <tbody>
            {tests.map((x) => (
              <tr>
                <th scope="row" data-label={t('records.testsDone.what')}>
                  {x.documentId && x.caseId ? <a href={documentHref(x.caseId, x.documentId)}>{x.what}</a> : x.what}
                </th>
                <td data-label={t('records.testsDone.kind')}>{t(testKindKey(x.kind))}</td>
                <td data-label={t('records.testsDone.when')}>{when(x)}</td>
                <td data-label={t('records.testsDone.where')}>{x.where ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StepLayout>
  );
}

export interface SearchResultView {
  hit: SearchHit;
  href: string | null;
  label: string;
  date: string | null;
}

export function SearchPage({
  ctx,
  c,
  q,
  results,
}: {
  ctx: PageContext;
  c: CaseContext;
  q: string;
  results: SearchResultView[] | null;
}) {
  const t = ctx.t;
  return (
    <StepLayout ctx={ctx} c={c} title={t('records.search.title')} crumbs={[[t('records.title'), recordsHref(c.id)]]}>
      <h1>{t('records.search.title')}</h1>
      <SearchForm ctx={ctx} c={c} q={q} />
      {results === null ? null : results.length === 0 ? (
        <p role="status">{t('records.search.none', { q })}</p>
      ) : (
        <>
          <p role="status">{t('records.search.results', { count: results.length, q })}</p>
          <ul class="so-card-list">
            {results.map((r) => (
              <li>
                <p class="margin-y-05">
                  <span class="so-status">{r.label}</span>{' '}
                  <strong>{r.href ? <a href={r.href}>{r.hit.title}</a> : r.hit.title}</strong>
                  {r.date ? <span class="so-meta"> · {formatDate(ctx, r.date)}</span> : null}
                </p>
                {r.hit.snippet ? (
                  <p class="margin-y-05">
                    <Marked text={r.hit.snippet} start={MARK_START} end={MARK_END} />
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </StepLayout>
  );
}
