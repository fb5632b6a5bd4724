import type { ComponentChildren } from 'preact';
import type { CaseContext } from '../../platform/case-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { Csrf, Textarea } from '../../platform/ui/components.tsx';
import type { FormState, PageContext } from '../../platform/ui/page-context.ts';
import { type StaleField, StaleNotice, VersionField } from '../../platform/ui/stale.tsx';
import { StepLayout } from '../../platform/ui/step-layout.tsx';
import { recordsHref } from './documents-views.tsx';
import type { Letter } from './requests.ts';

// The views records requests and specimen requests share (ADR 0155): the letter, its page
// and links, and the tracking forms with their version (ADR 0016).

/** A letter as printed: the same words as its PDF (records requests and specimen requests). */
export function LetterArticle({ letter, label }: { letter: Letter; label: string }) {
  return (
    <article class="so-letter" aria-label={label}>
      <p>
        {letter.from.map((l) => (
          <>
            {l}
            <br />
          </>
        ))}
      </p>
      <p>{letter.date}</p>
      <p>
        {letter.to.map((l) => (
          <>
            {l}
            <br />
          </>
        ))}
      </p>
      <p>
        <strong>{letter.subject}</strong>
      </p>
      <p>{letter.greeting}</p>
      {letter.paragraphs.map((p) => (
        <p>{p}</p>
      ))}
      <ul>
        {letter.wanted.map((w) => (
          <li>{w}</li>
        ))}
      </ul>
      {letter.afterList.map((p) => (
        <p>{p}</p>
      ))}
      <p>{letter.closing}</p>
      {letter.signatureLines.map((s) => (
        <p class="so-signature-line">{s}</p>
      ))}
    </article>
  );
}

/** The letter page: print it or take the PDF. `href` is the request's own page. */
export function LetterPage(props: {
  ctx: PageContext;
  c: CaseContext;
  letter: Letter;
  href: string;
  /** The request's name in the breadcrumbs. */
  name: string;
  title: MessageKey;
  printHelp: MessageKey;
}) {
  const { ctx, c, href } = props;
  const t = ctx.t;
  return (
    <StepLayout
      ctx={ctx}
      c={c}
      title={t(props.title)}
      crumbs={[
        [t('records.title'), recordsHref(c.id)],
        [props.name, href],
      ]}
    >
      <div class="so-no-print">
        <h1>{t(props.title)}</h1>
        <p>{t(props.printHelp)}</p>
        <p>
          <a class="usa-button so-no-print" href="#" data-print hidden>
            {t('form.print')}
          </a>
          <a class="usa-button usa-button--outline" href={`${href}/letter.pdf`}>
            {t('records.requests.pdfLink')}
          </a>
        </p>
      </div>
      <LetterArticle letter={props.letter} label={t(props.title)} />
    </StepLayout>
  );
}

/** On a request's page: to the printable letter, or straight to its PDF. */
export function LetterLinks({ ctx, href }: { ctx: PageContext; href: string }) {
  return (
    <p>
      <a class="usa-button" href={`${href}/letter`}>
        {ctx.t('records.requests.letterLink')}
      </a>
      <a class="usa-button usa-button--outline" href={`${href}/letter.pdf`}>
        {ctx.t('records.requests.pdfLink')}
      </a>
    </p>
  );
}

/** One tracking step's form: posts its action with the version the page showed. */
export function TrackForm(props: {
  ctx: PageContext;
  href: string;
  action: string;
  version: number;
  children: ComponentChildren;
}) {
  return (
    <form class="usa-form usa-form--large" method="post" action={props.href} novalidate>
      <Csrf ctx={props.ctx} />
      <input type="hidden" name="action" value={props.action} />
      <VersionField version={props.version} />
      {props.children}
    </form>
  );
}

/** The notes under a request: what is saved, or what the person typed when it was refused. */
export function NotesForm({
  ctx,
  href,
  version,
  notes,
  form,
}: {
  ctx: PageContext;
  href: string;
  version: number;
  notes: string | null;
  form?: FormState;
}) {
  return (
    <TrackForm ctx={ctx} href={href} action="notes" version={version}>
      <Textarea
        ctx={ctx}
        form={form ?? { values: { notes: notes ?? '' }, errors: {} }}
        name="notes"
        label="records.requests.field.notes"
        rows={3}
        maxLength={2000}
      />
      <button class="usa-button usa-button--outline" type="submit">
        {ctx.t('records.requests.track.notesSubmit')}
      </button>
    </TrackForm>
  );
}

/**
 * Above the tracking forms when a step was posted from an older version (ADR 0016): the
 * status (or the notes) saved now beside what this person asked for. `stale` is that step.
 */
export function StaleTrack(props: {
  ctx: PageContext;
  stale: string | undefined;
  forms: Record<string, FormState>;
  /** The request's status as saved now, in words. */
  savedStatus: string;
  savedNotes: string | null;
  /** Where the steps' headings are: `${steps}.${action}Heading`. */
  steps: 'records.requests.track' | 'records.specimens.track';
}) {
  const { ctx, stale } = props;
  if (!stale) return null;
  const t = ctx.t;
  const fields: StaleField[] =
    stale === 'notes'
      ? [
          {
            label: t('records.requests.field.notes'),
            saved: props.savedNotes ?? '',
            yours: props.forms.notes?.values.notes ?? '',
          },
        ]
      : [
          {
            label: t('records.requests.track.heading'),
            saved: props.savedStatus,
            yours: t(`${props.steps}.${stale}Heading` as MessageKey),
          },
        ];
  return <StaleNotice ctx={ctx} fields={fields} />;
}

/** How far a tracked letter has got: its status in words, the tag's colour, and the dates so far. */
export interface TrackedState {
  label: string;
  tone: 'draft' | 'in-progress' | 'overdue' | 'done';
  dates: string[];
}

/** The status tag and the dates so far, on one line. */
export function TrackedStatus({ state }: { state: TrackedState }) {
  const cls = state.tone === 'draft' ? '' : ` so-status--${state.tone}`;
  return (
    <>
      <span class={`so-status${cls}`}>{state.label}</span> {state.dates.join(' · ')}
    </>
  );
}

/** A case's letters of one kind on its records page: each one's name, status and dates. */
export function TrackedList(props: {
  ctx: PageContext;
  none: MessageKey;
  items: { href: string; title: string; state: TrackedState }[];
}) {
  if (props.items.length === 0) return <p>{props.ctx.t(props.none)}</p>;
  return (
    <ul class="so-card-list">
      {props.items.map((i) => (
        <li>
          <h3 class="margin-top-0 margin-bottom-05">
            <a href={i.href}>{i.title}</a>
          </h3>
          <p class="margin-y-05">
            <TrackedStatus state={i.state} />
          </p>
        </li>
      ))}
    </ul>
  );
}
